"""Releasing a kit assembly: stock through `stock.engine`, the books through `ledger.posting` (module IN).

Production (`P`): every stock component line is issued from the document's warehouse at its location, at what
the cost layers say it cost; the kits are received into the warehouse at the document's location at the sum of
those values and of the non-stock components' cost (quantity times unit cost, to the øre). The components'
inventory accounts are credited, the non-stock components' expense accrual accounts too, and the kit's
inventory account is debited (a standard-cost kit: its standard value, the rest on its variance account).

Disassembly (`D`): the kits are issued at their cost, and the stock components received in proportion to each
line's quantity times its unit cost (by quantity when no line has a cost), every share rounded to the øre and
the rounding left on the line of the largest share, so the shares add up to the kits' value exactly. Non-stock
components move nothing and carry no value back. The kit's inventory account is credited and the components'
debited (a standard-cost component's variance on its variance account).

Nothing is written when anything refuses: an unreleased document only, not on hold, its period open in
inventory, locations that allow assembly, every account the posting needs, and enough on hand.
"""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy.orm import Session

from ..db.base import utcnow
from ..db.engine import Database, retrying_write
from ..documents.lines import money
from ..inventory.models import InventoryItem, Valuation, WarehouseLocation
from ..kit.changes import bump_version
from ..kit.errors import BusinessError, record_errors
from ..kit.responses import check_if_match
from ..ledger.journal import Module
from ..ledger.periods import LedgerModule, PeriodNotOpen, period_open_for
from ..ledger.posting import PostingLine, PostingRefused, Source, post
from ..stock.accounts import Role, account_for, missing_accounts
from ..stock.engine import Move, Moved, StockRefused, StockSource, issue, receive
from .assemblies import (
    ENTITY,
    PRODUCTION,
    RECORD,
    RESOURCE,
    find_assembly,
    label,
    status_of,
    whole_problems,
)
from .models import ZERO, KitAssembly, KitAssemblyComponent

SOURCE = "KitAssembly"


@retrying_write
def release_assembly(db: Database, *, company_id: int, kind: str, number: str, if_match: str | None) -> KitAssembly:
    with db.writing() as session:
        assembly = find_assembly(session, company_id, kind, number, for_update=True)
        check_if_match(if_match, assembly.row_version)
        return post_assembly(session, assembly)


def post_assembly(session: Session, assembly: KitAssembly) -> KitAssembly:
    """Release a document found for update, in the caller's transaction (the demo seeds with it)."""
    if assembly.released:
        raise BusinessError(f"{label(assembly)} is already released.")
    if assembly.hold:
        raise BusinessError(f"{label(assembly)} is on hold and cannot be released: clear 'Hold' first.")
    problems = whole_problems(assembly) + _checks(session, assembly)
    if problems:
        raise record_errors(action="releasing", entity=ENTITY, record=RECORD, errors=problems)
    try:
        lines = _produce(session, assembly) if assembly.doc_type == PRODUCTION else _disassemble(session, assembly)
        batch = None
        if lines:
            batch = post(
                session,
                company_id=assembly.company_id,
                module=Module.IN,
                period=assembly.period_id,
                date=assembly.date.date(),
                description=assembly.description or f"{label(assembly)}",
                source=Source(SOURCE, assembly.ref_no),
                lines=lines,
            )
    except (StockRefused, PostingRefused) as refused:
        raise record_errors(action="releasing", entity=ENTITY, record=RECORD, errors=refused.problems) from None
    assembly.batch_number = batch.batch_number if batch is not None else None
    assembly.released = True
    assembly.status = status_of(assembly)
    assembly.last_modified_at = utcnow()
    bump_version(session, company_id=assembly.company_id, resource=RESOURCE)
    session.flush()
    return assembly


def _checks(session: Session, assembly: KitAssembly) -> list[str]:
    problems: list[str] = []
    try:
        period_open_for(session, assembly.company_id, assembly.period_id, LedgerModule.INVENTORY_MANAGEMENT)
    except PeriodNotOpen as refused:
        problems.append(f"'Post period': {refused.message}")
    places = [assembly.location] + [line.location for line in assembly.components if line.stock]
    for location in {place.id: place for place in places if place is not None}.values():
        problems += _assembly_place(location)
    kit = assembly.kit_item
    stock = [line.item for line in _stock_lines(assembly)]
    roles = [Role.INVENTORY]
    inbound = [kit] if assembly.doc_type == PRODUCTION else stock
    outbound = stock if assembly.doc_type == PRODUCTION else [kit]
    problems += missing_accounts(outbound, roles)
    problems += missing_accounts(inbound, roles)
    problems += missing_accounts([item for item in inbound if _standard(item)], [Role.VARIANCE])
    if assembly.doc_type == PRODUCTION:
        costed = [line.item for line in _non_stock_lines(assembly) if line.unit_cost]
        problems += missing_accounts(costed, [Role.ACCRUAL])
    elif not stock:
        problems.append("A disassembly returns stock components: it has no stock component line with a quantity.")
    return problems


def _assembly_place(location: WarehouseLocation) -> list[str]:
    if not location.assembly_allowed:
        return [f"The location '{location.location_cd}' does not allow assembly."]
    return []


def _standard(item: InventoryItem) -> bool:
    return item.item_class is not None and item.item_class.valuation_method == Valuation.STANDARD


def _stock_lines(assembly: KitAssembly) -> list[KitAssemblyComponent]:
    return [line for line in assembly.components if line.stock and line.quantity > 0]


def _non_stock_lines(assembly: KitAssembly) -> list[KitAssemblyComponent]:
    return [line for line in assembly.components if not line.stock and line.quantity > 0]


def _source(assembly: KitAssembly) -> StockSource:
    return StockSource("Assembly" if assembly.doc_type == PRODUCTION else "Disassembly", assembly.ref_no)


def _kit_move(assembly: KitAssembly, unit_cost: Decimal | None = None) -> Move:
    return Move(assembly.kit_item, assembly.warehouse, assembly.quantity, assembly.location, unit_cost=unit_cost)


def _component_move(assembly: KitAssembly, line: KitAssemblyComponent, unit_cost: Decimal | None = None) -> Move:
    return Move(line.item, assembly.warehouse, line.quantity, line.location, unit_cost=unit_cost, line=line.line_number)


def _produce(session: Session, assembly: KitAssembly) -> list[PostingLine]:
    company_id, day, source = assembly.company_id, assembly.date.date(), _source(assembly)
    stock_lines = _stock_lines(assembly)
    issued = issue(
        session, company_id, [_component_move(assembly, line) for line in stock_lines], on=day, source=source
    )
    for line, moved in zip(stock_lines, issued, strict=True):
        line.unit_cost = (moved.value / line.quantity).quantize(Decimal("0.0001"))
    costs = [(line, money(line.quantity * line.unit_cost)) for line in _non_stock_lines(assembly)]
    others = [(line, cost) for line, cost in costs if cost]
    total = sum((m.value for m in issued), ZERO) + sum((cost for _, cost in others), ZERO)
    (kit,) = receive(session, company_id, [_kit_move(assembly, total / assembly.quantity)], on=day, source=source)
    text = assembly.description or label(assembly)
    lines = [_credit(_account(m.move.item, Role.INVENTORY), m.value, m.move, text) for m in issued]
    lines += [
        _credit(_account(line.item, Role.ACCRUAL), cost, _line_move(assembly, line), text) for line, cost in others
    ]
    lines += _inbound(kit, text)
    return [line for line in lines if line.debit or line.credit]


def _disassemble(session: Session, assembly: KitAssembly) -> list[PostingLine]:
    company_id, day, source = assembly.company_id, assembly.date.date(), _source(assembly)
    (kit,) = issue(session, company_id, [_kit_move(assembly)], on=day, source=source)
    stock_lines = _stock_lines(assembly)
    shares = split(
        kit.value, [line.quantity * line.unit_cost for line in stock_lines], [line.quantity for line in stock_lines]
    )
    moves = [
        _component_move(assembly, line, share / line.quantity) for line, share in zip(stock_lines, shares, strict=True)
    ]
    received = receive(session, company_id, moves, on=day, source=source)
    for line, share in zip(stock_lines, shares, strict=True):
        line.unit_cost = (share / line.quantity).quantize(Decimal("0.0001"))
    text = assembly.description or label(assembly)
    lines = [_credit(_account(kit.move.item, Role.INVENTORY), kit.value, kit.move, text)]
    for moved in received:
        lines += _inbound(moved, text)
    return [line for line in lines if line.debit or line.credit]


def split(total: Decimal, weights: list[Decimal], quantities: list[Decimal]) -> list[Decimal]:
    """`total` in shares proportional to `weights` (to `quantities` when they are all zero), each to the øre,
    the rounding on the largest share: the shares add up to `total` exactly."""
    if not weights:
        return []
    if not any(weights):
        weights = quantities
    whole = sum(weights, ZERO)
    shares = [money(total * weight / whole) for weight in weights]
    largest = max(range(len(shares)), key=lambda index: (weights[index], -index))
    shares[largest] += total - sum(shares, ZERO)
    return shares


def _line_move(assembly: KitAssembly, line: KitAssemblyComponent) -> Move:
    return Move(line.item, assembly.warehouse, line.quantity, line=line.line_number)


def _account(item: InventoryItem, role: Role) -> str:
    account = account_for(item, role)
    assert account is not None  # checked before anything moved
    return account


def _inbound(moved: Moved, text: str) -> list[PostingLine]:
    item = moved.move.item
    lines = [_debit(_account(item, Role.INVENTORY), moved.value, moved.move, text)]
    if moved.variance:
        lines.append(_debit(_account(item, Role.VARIANCE), moved.variance, moved.move, text, quantity=False))
    return lines


def _debit(account: str, amount: Decimal, move: Move, text: str, *, quantity: bool = True) -> PostingLine:
    side = {"debit": amount} if amount >= 0 else {"credit": -amount}
    extra = {"quantity": move.quantity, "uom": move.item.base_unit} if quantity else {}
    return PostingLine(account=account, description=text, inventory_number=move.item.number, **side, **extra)


def _credit(account: str, amount: Decimal, move: Move, text: str) -> PostingLine:
    return _debit(account, -amount, move, text)
