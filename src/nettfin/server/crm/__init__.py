"""Customer relationship master data: contacts and locations of business accounts, sales persons and the
customers they serve, customers' payment methods and direct debit mandates, sales categories."""
