"""Entry types (CA203000): what a cash transaction is, and whether it is a receipt or a disbursement.

nettfin serves no entry type endpoint; every company has the same four, fixed here (docs/compatibility.md, "Cash
transactions"). A transaction names one by its id, case aside."""

from __future__ import annotations

from dataclasses import dataclass

from .schemas import DisbReceipt


@dataclass(frozen=True)
class EntryType:
    id: str
    description: str
    direction: DisbReceipt

    @property
    def receipt(self) -> bool:
        return self.direction == DisbReceipt.Receipt


ENTRY_TYPES = {
    entry.id: entry
    for entry in (
        EntryType("DEPOSIT", "Deposit", DisbReceipt.Receipt),
        EntryType("INTEREST", "Interest received", DisbReceipt.Receipt),
        EntryType("WITHDRAW", "Withdrawal", DisbReceipt.Disbursement),
        EntryType("BANKFEE", "Bank fee", DisbReceipt.Disbursement),
    )
}
ACCEPTED = ", ".join(ENTRY_TYPES)


def entry_type(entry_id: str | None) -> EntryType | None:
    return ENTRY_TYPES.get((entry_id or "").strip().upper())
