"""The request log: every API call with who made it, what it sent and got back, and what it caused (the journal
batches it posted, the business events it emitted), read through the admin API and the admin panel's inspector."""
