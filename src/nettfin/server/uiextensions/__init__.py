"""UI extensions (SM205002): the iframe applications an owner registers on the company's screens."""
