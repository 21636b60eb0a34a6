"""Cash transactions take attachments (CA304000's files): the real document's one upload path, the header's."""

from __future__ import annotations

from ..attachments.models import OwnerKind
from ..attachments.registry import Attachable, Lookup, UploadPath, register
from ..kit.keys import ResourceKey
from . import transactions
from .models import CashTransaction


def _transaction(referenceNbr: ResourceKey) -> Lookup:
    return Lookup(
        label=f"Cash transaction '{referenceNbr}'",
        find=lambda session, company_id, lock: transactions.find_transaction(
            session, company_id, referenceNbr, for_update=lock
        ),
    )


CASH_TRANSACTIONS = register(
    Attachable(
        kind=OwnerKind.CASH_TRANSACTION,
        resource=transactions.RESOURCE,
        tag="CashTransaction",
        owner=CashTransaction,
        paths=(
            UploadPath(
                "/v1/cashTransaction/{referenceNbr}/attachment",
                name="attach_to_cash_transaction",
                summary="Creates an attachment and associates it with a cash transaction.",
                lookup=_transaction,
            ),
        ),
    )
)
