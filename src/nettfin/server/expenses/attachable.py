"""Expense receipts take attachments (EP301010's image): their upload path. A claim's details show the files of
the receipts they are."""

from __future__ import annotations

from ..attachments.models import OwnerKind
from ..attachments.registry import Attachable, Lookup, UploadPath, register
from ..kit import messages
from ..kit.keys import ResourceKey
from .claims import RECEIPT_NUMBERS, RECEIPT_RESOURCE
from .models import ExpenseDetail


def _receipt(receiptNumber: ResourceKey) -> Lookup:
    return Lookup(
        label=f"Expense receipt '{receiptNumber}'",
        find=lambda session, company_id, lock: RECEIPT_NUMBERS.find(
            session,
            company_id,
            receiptNumber,
            for_update=lock,
            missing=messages.not_found("Expense receipt", receiptNumber),
        ),
    )


RECEIPTS = register(
    Attachable(
        kind=OwnerKind.EXPENSE_RECEIPT,
        resource=RECEIPT_RESOURCE,
        tag="ExpenseReceipt",
        owner=ExpenseDetail,
        paths=(
            UploadPath(
                "/v1/expenseReceipt/{receiptNumber}/attachment",
                name="attach_to_expense_receipt",
                summary="Creates an attachment and associates it with an expense receipt.",
                lookup=_receipt,
            ),
        ),
    )
)
