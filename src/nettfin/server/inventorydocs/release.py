"""Releasing inventory documents: the stock moves through `stock.engine`, the books through
`ledger.posting.post` (module IN, the document's period open in inventory management), in one transaction;
any refusal (stock, accounts, period) leaves nothing written.

- Receipt: each line received at its unit cost (none: the item's average cost in the warehouse, else its last
  cost); inventory debited, the item's inventory adjustment account credited.
- Issue: an Issue line issued at the cost its layers give, the item's COGS account debited, inventory credited;
  a Return line received back (at its unit cost, else the average), the other way round.
- Adjustment: a line above 0 received, below 0 issued, against the inventory adjustment account.
- Transfer: issued from the header's warehouse (the line's location) and received at the destination at the
  value issued. A stock item's inventory account is the item's (or its posting class's) whatever the warehouse,
  so a transfer posts nothing: the document gets no batch.
A released line shows the cost it moved (`unitCost`, `extCost`).
"""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal

from sqlalchemy.orm import Session

from ..db.base import utcnow
from ..db.engine import Database, retrying_write
from ..kit.changes import bump_version
from ..kit.errors import BusinessError, record_errors
from ..kit.responses import check_if_match
from ..ledger.journal import Module
from ..ledger.periods import LedgerModule, PeriodNotOpen, period_open_for
from ..ledger.posting import PostingLine, PostingRefused, Source, post
from ..stock.accounts import Role, missing_accounts, posting_lines
from ..stock.engine import Move, Moved, StockRefused, StockSource, Transfer, issue, receive, transfer
from .documents import RESOURCE, Kind, _location, control_problems, direction, find_document, status_of
from .models import ZERO, DocumentType, InventoryDocument, InventoryDocumentLine

# The account a line's stock posts against, by document type.
_OFFSET = {
    DocumentType.RECEIPT: Role.ADJUSTMENT,
    DocumentType.ISSUE: Role.COGS,
    DocumentType.ADJUSTMENT: Role.ADJUSTMENT,
}


@retrying_write
def release_document(db: Database, kind: Kind, *, company_id: int, number: str, if_match: str | None):
    with db.writing() as session:
        document = find_document(session, kind, company_id, number, for_update=True)
        check_if_match(if_match, document.row_version)
        return post_document(session, kind, document)


def post_document(session: Session, kind: Kind, document: InventoryDocument) -> InventoryDocument:
    """Release a document found for update, in the caller's transaction (the demo seeds with it)."""
    number = document.reference_number
    if document.released:
        raise BusinessError(f"{kind.label} {number} is already released.")
    if document.hold:
        raise BusinessError(f"{kind.label} {number} is on hold and cannot be released: clear 'Hold' first.")
    problems = []
    if not document.lines:
        problems.append("The document has no lines: add lines before releasing it.")
    problems += control_problems(kind, document)
    try:
        period_open_for(session, document.company_id, document.period_id, LedgerModule.INVENTORY_MANAGEMENT)
    except PeriodNotOpen as refused:
        problems.append(f"'Post period': {refused.message}")
    items = [line.item for line in document.lines if line.item is not None]
    roles = [Role.INVENTORY] + ([_OFFSET[kind.type]] if kind.type in _OFFSET else [])
    problems += missing_accounts(items, roles)
    if not problems:
        try:
            batch = _move_and_post(session, kind, document)
        except (StockRefused, PostingRefused) as refused:
            problems = refused.problems
    if problems:
        raise record_errors(action="releasing", entity=kind.entity, record=kind.record, errors=problems)
    document.batch_number = batch
    document.released = True
    document.status = status_of(document)
    document.last_modified_at = utcnow()
    bump_version(session, company_id=document.company_id, resource=RESOURCE)
    session.flush()
    return document


def _move_and_post(session: Session, kind: Kind, document: InventoryDocument) -> str | None:
    company_id, on = document.company_id, document.date.date()
    source = StockSource(kind.type.value, document.reference_number)
    description = document.description or f"{kind.label} {document.reference_number}"
    if kind.type == DocumentType.TRANSFER:
        transfers = [
            Transfer(move, document.to_warehouse, line.to_location)
            for line in document.lines
            for move in _moves(session, line)
        ]
        transfer(session, company_id, transfers, on=on, source=source)
        return None
    incoming = [m for line in document.lines if direction(kind, line) == "in" for m in _moves(session, line)]
    outgoing = [m for line in document.lines if direction(kind, line) == "out" for m in _moves(session, line)]
    moved_in = receive(session, company_id, incoming, on=on, source=source) if incoming else []
    moved_out = issue(session, company_id, outgoing, on=on, source=source) if outgoing else []
    _show_costs(document, moved_in, moved_out)
    offset = _OFFSET[kind.type]
    lines: list[PostingLine] = posting_lines(moved_in, offset=offset, inbound=True, description=description)
    lines += posting_lines(moved_out, offset=offset, inbound=False, description=description)
    if not lines:
        return None
    batch = post(
        session,
        company_id=company_id,
        module=Module.IN,
        period=document.period_id,
        date=on,
        description=description,
        source=Source(kind.record, document.reference_number),
        lines=lines,
    )
    return batch.batch_number


def _moves(session: Session, line: InventoryDocumentLine) -> list[Move]:
    """The line's moves: one per allocation, else one for the line (a negative adjustment's quantity turned)."""
    if not line.allocations:
        quantity = abs(line.quantity)
        return [
            Move(line.item, line.warehouse, quantity, line.location, line.lot_serial, line.unit_cost, line.line_number)
        ]
    moves = []
    for allocation in line.allocations:
        code = allocation.get("location")
        location = _location(session, line.warehouse, code) if code else line.location
        moves.append(
            Move(
                line.item,
                line.warehouse,
                Decimal(allocation["quantity"]),
                location,
                allocation.get("lotSerialNumber") or "",
                line.unit_cost,
                line.line_number,
            )
        )
    return moves


def _show_costs(document: InventoryDocument, moved_in: list[Moved], moved_out: list[Moved]) -> None:
    """Each line's cost as released: what its receipts cost, what its issues took off the layers."""
    cost: dict[int, Decimal] = defaultdict(lambda: ZERO)
    for m in moved_in:
        cost[m.move.line] += m.value + m.variance
    for m in moved_out:
        cost[m.move.line] += m.value
    for line in document.lines:
        if line.line_number not in cost:
            continue
        quantity = abs(line.quantity)
        line.ext_cost = cost[line.line_number] * (-1 if line.quantity < 0 else 1)
        line.unit_cost = (cost[line.line_number] / quantity).quantize(Decimal("0.0001")) if quantity else ZERO
    document.total_cost = sum((line.ext_cost for line in document.lines), ZERO)
