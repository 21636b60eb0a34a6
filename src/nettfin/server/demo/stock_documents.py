"""The demo company's stock on hand, put there by inventory documents released through their use cases:
receipts of the LAGER items 1001-1012 into warehouse 1, of the pallet items `teststock` and `6` into warehouse 2,
of two lots of 1101, four serial numbers of 1102 and the standard-cost 1103; then an issue, an adjustment and a
transfer, all released, and one receipt left on hold. Deterministic: fixed dates, every row stamped with the
demo's moment."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from ..inventorydocs.documents import ADJUSTMENT, ISSUE_KIND, RECEIPT, RESOURCE, TRANSFER, Kind, enter_document
from ..inventorydocs.models import InventoryDocument
from ..inventorydocs.release import post_document
from ..kit.changes import bump_version
from ..ledger.journal import JournalBatch, LedgerHistory
from .ledger import SEEDED_AT
from .timeline import moment

_LAGER = [f"{number}" for number in range(1001, 1013)]


def _line(item: str, quantity, warehouse: str | None = "1", **members) -> dict:
    line = {"inventoryNumber": item, "quantity": Decimal(quantity), **members}
    if warehouse is not None:
        line["warehouseId"] = warehouse
    return line


def _serials(*numbers: str) -> list[dict]:
    return [{"lotSerialNumber": number, "quantity": Decimal(1)} for number in numbers]


# (kind, date, description, release?, lines, header)
_DOCUMENTS: list[tuple[Kind, datetime, str, bool, list[dict], dict]] = [
    (
        RECEIPT,
        datetime(2019, 11, 4, tzinfo=UTC),
        "Åpningslager hovedlager",
        True,
        [_line(number, 10 + index, locationId="A1" if index % 2 else "B1") for index, number in enumerate(_LAGER)],
        {},
    ),
    (
        RECEIPT,
        datetime(2019, 11, 4, tzinfo=UTC),
        "Åpningslager pallager",
        True,
        [_line("teststock", 4, "2", locationId="P1"), _line("6", 12, "2", locationId="P1")],
        {},
    ),
    (
        RECEIPT,
        datetime(2019, 11, 5, tzinfo=UTC),
        "Partier, serienumre og standardkost",
        True,
        [
            {
                "inventoryNumber": "1101",
                "warehouseId": "1",
                "unitCost": Decimal("540.00"),
                "allocations": [
                    {"lotSerialNumber": "P-2019-01", "quantity": Decimal(20)},
                    {"lotSerialNumber": "P-2019-02", "quantity": Decimal(15)},
                ],
            },
            {
                "inventoryNumber": "1102",
                "warehouseId": "1",
                "unitCost": Decimal("8900.00"),
                "allocations": _serials("SN-1001", "SN-1002", "SN-1003", "SN-1004"),
            },
            _line("1103", 12, unitCost=Decimal("365.00")),
        ],
        {"externalReference": "LEV-4711"},
    ),
    (
        ISSUE_KIND,
        datetime(2019, 11, 12, tzinfo=UTC),
        "Uttak til eget bruk",
        True,
        [_line("1001", 2), _line("1102", 1, lotSerialNumber="SN-1002"), _line("1101", 5, lotSerialNumber="P-2019-01")],
        {},
    ),
    (
        ADJUSTMENT,
        datetime(2019, 11, 20, tzinfo=UTC),
        "Varetelling november",
        True,
        [_line("1012", -1, description="Knust i lageret"), _line("1003", 2, description="Funnet ved telling")],
        {},
    ),
    (
        TRANSFER,
        datetime(2019, 11, 25, tzinfo=UTC),
        "Flytting til pallager",
        True,
        [_line("1005", 3, None, locationId="B1", toLocationId="P1")],
        {"warehouseId": "1", "toWarehouseId": "2"},
    ),
    (
        RECEIPT,
        datetime(2019, 11, 28, tzinfo=UTC),
        "Ventende mottak",
        False,
        [_line("1010", 5)],
        {"hold": True},
    ),
]


def seed_stock_documents(session: Session, company_id: int) -> None:
    """After the year's activity: its batches keep their numbers, these take the next ones."""
    session.flush()
    first_batch = session.scalar(select(JournalBatch.id).order_by(JournalBatch.id.desc()).limit(1)) or 0
    for kind, day, description, released, lines, header in _DOCUMENTS:
        changes = {"date": day, "description": description, kind.lines: lines, **header}
        document, _ = enter_document(session, kind, company_id, changes)
        if released:
            post_document(session, kind, document)
    session.flush()
    for document in session.scalars(select(InventoryDocument).where(InventoryDocument.company_id == company_id)):
        document.created_at = document.last_modified_at = moment(document.date.date())
    batches = select(JournalBatch).where(JournalBatch.company_id == company_id, JournalBatch.id > first_batch)
    for batch in session.scalars(batches):
        batch.created_at = batch.last_modified_at = batch.posted_at = moment(batch.transaction_date)
    periods = {day.strftime("%Y%m") for _kind, day, *_rest in _DOCUMENTS}
    session.execute(
        update(LedgerHistory)
        .where(LedgerHistory.company_id == company_id, LedgerHistory.period_id.in_(periods))
        .values(last_modified_at=SEEDED_AT)
    )
    session.flush()
    for resource in (RESOURCE, "journalTransaction", "generalLedgerBalance"):
        bump_version(session, company_id=company_id, resource=resource)
