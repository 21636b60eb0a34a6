"""Journal transactions and their lines take attachments (GL301000's files): the v2 document's upload paths,
which name the batch's module too."""

from __future__ import annotations

from ..attachments.models import OwnerKind
from ..attachments.registry import Attachable, Lines, Lookup, record_and_line, register
from ..kit.errors import NotFound
from ..kit.keys import ResourceKey
from . import journal_service
from .journal import JournalBatch, JournalLine
from .journal_router import parse_module


def _transaction(module: str, journalTransactionNumber: ResourceKey) -> Lookup:
    """The batch of that number, if it is of that module: a batch of another module is not found."""
    wanted = parse_module(module)

    def find(session, company_id: int, lock: bool) -> JournalBatch:
        batch = journal_service.find_batch(session, company_id, journalTransactionNumber, for_update=lock)
        if batch.module != wanted:
            raise NotFound(f"Journal transaction '{journalTransactionNumber}' of module {wanted.value} not found.")
        return batch

    return Lookup(label=f"Journal transaction '{journalTransactionNumber}'", find=find)


JOURNAL_TRANSACTIONS = register(
    Attachable(
        kind=OwnerKind.JOURNAL_BATCH,
        resource=journal_service.RESOURCE,
        tag="JournalTransactionV2",
        owner=JournalBatch,
        lines=Lines(JournalLine, owner_column="batch_id"),
        paths=record_and_line(
            "/v2/journaltransaction/module/{module}/{journalTransactionNumber}",
            "attach_to_journal_transaction",
            summary="Creates an attachment and associates it with a journal transaction.",
            line_summary="Creates an attachment and associates it with a certain line of a journal transaction.",
            lookup=_transaction,
        ),
    )
)
