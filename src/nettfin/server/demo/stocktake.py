"""The demo's physical counts of warehouse 1: the opening stock, counted on 2 January 2020 into an empty
warehouse and completed (the counted quantities received at each item's last cost and posted against the
inventory adjustment account, 1400 against 4090), and a count prepared on 31 March 2020 over what is on hand then,
waiting for its counts. Both through the stocktake use cases; every row stamped with its day's moment."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..ledger.journal import JournalBatch
from ..stocktake.service import LineChange, complete, enter_counts, prepare
from .timeline import moment

_WAREHOUSE = "1"
_OPENED, _FROZEN = date(2020, 1, 2), date(2020, 3, 31)
# (item, location, lot number, quantity counted)
_OPENING_STOCK = [
    ("1001", "A1", None, "12"),
    ("1004", "A1", None, "8"),
    ("1005", "B1", None, "40"),
    ("1010", "B1", None, "150"),
    ("1101", "B1", "P2020-01", "25"),
    ("1103", "A1", None, "10"),
]


def seed_stocktakes(session: Session, company_id: int) -> None:
    opening = prepare(session, company_id, _WAREHOUSE, description="Åpningsbeholdning", at=moment(_OPENED))
    counts = [
        LineChange(
            operation="Insert",
            inventory=item,
            location=location,
            lot_serial=lot,
            physical_quantity=Decimal(quantity),
            sent=frozenset({"physicalQuantity"}),
        )
        for item, location, lot, quantity in _OPENING_STOCK
    ]
    enter_counts(session, company_id, opening.ref_nbr, counts, at=moment(_OPENED))
    done = complete(session, company_id, opening.ref_nbr, on=_OPENED, at=moment(_OPENED))
    batch = session.scalar(
        select(JournalBatch).where(
            JournalBatch.company_id == company_id, JournalBatch.batch_number == done.batch_number
        )
    )
    batch.created_at = batch.last_modified_at = batch.posted_at = moment(_OPENED)
    prepare(session, company_id, _WAREHOUSE, description="Varetelling 1. kvartal", at=moment(_FROZEN))
