"""The document core the sub-ledgers share: what a supplier document, a customer document and a purchase order
do alike, parameterised by the side they are on (payable, receivable, purchase). Payables, receivables and
purchasing import it and never each other; it imports the ledger's and tax's named interfaces and no sub-ledger.
Pieces that import no domain module live in the kit instead (`kit/document_numbers.py`, `kit/document_shapes.py`,
`kit/document_lists.py`)."""
