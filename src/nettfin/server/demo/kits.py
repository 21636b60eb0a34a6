"""The demo's kit: KIT1 "Kontorpakke" (a chair 1001, a desk 1002 and a lamp 1103, installation 3002 besides), its
specification revision 1, and three kit assemblies entered and released through the kitting use cases:
P 000001 assembles two kits, D 000002 takes one apart, P 000003 (one kit) is balanced, not released.

The components are put on hand first as opening stock (2 January 2020) through `stock.engine`, posted against
the inventory adjustment account. Every row is stamped with a fixed moment, so two seeds are the same."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from ..inventory.models import InventoryItem, ItemClass, Warehouse
from ..kit.changes import bump_version
from ..kitting.assemblies import RESOURCE as ASSEMBLY_RESOURCE
from ..kitting.assemblies import enter_assembly
from ..kitting.models import KitAssembly, KitSpecification
from ..kitting.release import post_assembly
from ..kitting.specifications import RESOURCE as SPECIFICATION_RESOURCE
from ..kitting.specifications import enter_specification
from ..ledger.journal import JournalBatch, LedgerHistory, Module
from ..ledger.posting import Source, post
from ..stock.accounts import Role, posting_lines
from ..stock.engine import Move, StockSource, receive
from .parties import item_record
from .timeline import DEMO_YEAR, moment

KIT = "KIT1"
OPENING_DAY = date(2020, 1, 2)
# (item, quantity, unit cost): the opening stock in warehouse 1.
_OPENING_STOCK = [("1001", "4", "1450.00"), ("1002", "4", "2300.00"), ("1103", "4", "350.00")]
# (type, date, kit quantity, release)
_ASSEMBLIES = [
    ("P", date(2020, 1, 15), "2", True),
    ("D", date(2020, 1, 20), "1", True),
    ("P", date(2020, 2, 3), "1", False),
]


def seed_kits(session: Session, company_id: int) -> None:
    first_batch = session.scalar(select(JournalBatch.id).order_by(JournalBatch.id.desc()).limit(1)) or 0
    _kit_item(session, company_id)
    _opening_stock(session, company_id)
    enter_specification(
        session,
        company_id,
        {
            "kitInventoryID": KIT,
            "revisionID": "1",
            "descr": "Kontorpakke: stol, skrivebord og lampe",
            "isActive": True,
            "stockComponentLines": [
                {"compInventoryID": number, "dfltCompQty": Decimal(1)} for number in ("1001", "1002", "1103")
            ],
            "nonStockComponentLines": [{"compInventoryID": "3002", "dfltCompQty": Decimal(1)}],
        },
    )
    for kind, day, quantity, released in _ASSEMBLIES:
        changes = {
            "type": kind,
            "date": datetime(day.year, day.month, day.day, tzinfo=UTC),
            "itemId": KIT,
            "warehouse": "1",
            "location": "A1",
            "quantity": Decimal(quantity),
            "description": "Kontorpakker satt sammen" if kind == "P" else "Kontorpakke tatt fra hverandre",
        }
        assembly, _ = enter_assembly(session, company_id, changes)
        if released:
            post_assembly(session, assembly)
    _stamp(session, company_id, first_batch)


def _kit_item(session: Session, company_id: int) -> None:
    stock = session.scalars(select(ItemClass).where(ItemClass.company_id == company_id, ItemClass.class_id == "LAGER"))
    item = item_record(company_id, 70, KIT, "Kontorpakke", stock.one(), "03", Decimal("8990.00"), Decimal("4100.00"))
    item.kit_item = True
    session.add(item)
    session.flush()
    bump_version(session, company_id=company_id, resource="inventory")


def _opening_stock(session: Session, company_id: int) -> None:
    warehouse = session.scalars(
        select(Warehouse).where(Warehouse.company_id == company_id, Warehouse.warehouse_id == "1")
    ).one()
    items = {
        item.number: item
        for item in session.scalars(
            select(InventoryItem).where(
                InventoryItem.company_id == company_id, InventoryItem.number.in_([n for n, _, _ in _OPENING_STOCK])
            )
        )
    }
    moves = [
        Move(items[number], warehouse, Decimal(quantity), unit_cost=Decimal(cost), line=index)
        for index, (number, quantity, cost) in enumerate(_OPENING_STOCK, start=1)
    ]
    moved = receive(session, company_id, moves, on=OPENING_DAY, source=StockSource("Adjustment", "OPENING"))
    text = "Inngående beholdning (opening stock)"
    post(
        session,
        company_id=company_id,
        module=Module.IN,
        period=f"{OPENING_DAY.year}{OPENING_DAY.month:02d}",
        date=OPENING_DAY,
        description=text,
        source=Source("Adjustment", "OPENING"),
        lines=posting_lines(moved, offset=Role.ADJUSTMENT, inbound=True, description=text),
    )


def _stamp(session: Session, company_id: int, first_batch: int) -> None:
    session.flush()
    for model in (KitSpecification, KitAssembly):
        for row in session.scalars(select(model).where(model.company_id == company_id)):
            day = row.date.date() if isinstance(row, KitAssembly) else OPENING_DAY
            row.created_at = row.last_modified_at = moment(day)
    batches = session.scalars(
        select(JournalBatch).where(JournalBatch.company_id == company_id, JournalBatch.id > first_batch)
    )
    for batch in batches:
        batch.created_at = batch.last_modified_at = batch.posted_at = moment(batch.transaction_date)
    session.execute(
        update(LedgerHistory)
        .where(LedgerHistory.company_id == company_id, LedgerHistory.period_id.like(f"{DEMO_YEAR}%"))
        .values(last_modified_at=moment(date(DEMO_YEAR, 12, 31)))
    )
    for resource in (SPECIFICATION_RESOURCE, ASSEMBLY_RESOURCE, "journalTransaction", "generalLedgerBalance"):
        bump_version(session, company_id=company_id, resource=resource)
