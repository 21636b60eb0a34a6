"""The company as the service's organisation and its branches (CS101500): what documents' branch codes name."""
