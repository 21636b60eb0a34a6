"""Applying an item's pending cost (the stock item's `Update cost`): the pending cost becomes the current cost, which
is the standard cost of an item valued at standard. Stock of such an item on hand is revalued at the new standard,
so that what is on hand is always worth what the inventory account says:

- each warehouse's cost layer takes the quantity on hand times the new standard (to the øre); the difference is a
  movement of no quantity and that value (`CostUpdate`, the item's number), which keeps the movements' sums equal to
  the layers (the engine's invariant);
- the differences are posted in one IN batch dated the pending cost's effective date: the inventory account against
  the standard cost revaluation account (the variance account when the posting class names none).

Every check runs before anything changes (an effective date to come, a missing account, a closed period: 400 and
nothing written). An item with nothing pending is left as it is. Items valued at average cost or FIFO take the
new current cost without a revaluation: their stock keeps the cost it was received at.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..db.base import utcnow
from ..inventory.models import InventoryItem, Valuation
from ..kit.errors import BusinessError
from ..ledger.journal import Module
from ..ledger.posting import PostingLine, Source, post
from .accounts import Role, account_for, require_accounts
from .models import CostLayer, StockMovement
from .valuation import ZERO, cents

SOURCE_TYPE = "CostUpdate"


@dataclass(frozen=True)
class Revalued:
    """What applying the pending cost did: the costs before and after, and the value it added to stock (negative:
    took off) with the batch that posted it (None: nothing to post)."""

    old_cost: Decimal
    new_cost: Decimal
    value: Decimal
    batch_number: str | None


def apply_pending_cost(session: Session, company_id: int, item: InventoryItem, *, today: date) -> Revalued | None:
    """Make the item's pending cost its current cost (see the module's docstring); None: nothing was pending."""
    if item.pending_cost_date is None:
        return None
    effective = item.pending_cost_date.date()
    if effective > today:
        raise BusinessError(
            f"The pending cost of item '{item.number}' takes effect on {effective.isoformat()}; it cannot be applied "
            "before then."
        )
    # Lock the item as the stock engine does: a receipt or issue of it waits for the revaluation, and sees it.
    session.execute(select(InventoryItem.id).where(InventoryItem.id == item.id).with_for_update())
    old, new = item.current_cost, item.pending_cost
    standard = (
        item.stock_item and item.item_class is not None and item.item_class.valuation_method == Valuation.STANDARD
    )
    value, batch = ZERO, None
    if standard:
        value, batch = _revalue(session, company_id, item, new, effective)
    item.current_cost = new
    item.effective_date = item.pending_cost_date
    item.pending_cost_date = None
    item.last_modified_at = utcnow()
    return Revalued(old, new, value, batch)


def _revalue(
    session: Session, company_id: int, item: InventoryItem, new: Decimal, on: date
) -> tuple[Decimal, str | None]:
    layers = session.scalars(
        select(CostLayer).where(CostLayer.item_id == item.id).order_by(CostLayer.warehouse_id, CostLayer.id)
    ).all()
    by_warehouse: dict[int, list[CostLayer]] = {}
    for layer in layers:
        by_warehouse.setdefault(layer.warehouse_id, []).append(layer)
    changes: list[tuple[int, list[CostLayer], Decimal]] = []
    for warehouse_id, held in by_warehouse.items():
        quantity = sum((layer.quantity for layer in held), ZERO)
        difference = cents(quantity * new) - sum((layer.value for layer in held), ZERO)
        if difference:
            changes.append((warehouse_id, held, difference))
    total = sum((difference for _, _, difference in changes), ZERO)
    if not changes:
        return ZERO, None
    require_accounts([item], [Role.INVENTORY, Role.REVALUATION])
    # Posted first: a closed period refuses the batch before the layers change (the transaction rolls back anyway).
    batch = post(
        session,
        company_id=company_id,
        module=Module.IN,
        period=f"{on.year}{on.month:02d}",
        date=on,
        description=f"Cost update {item.number}",
        source=Source(SOURCE_TYPE, item.number),
        lines=_lines(item, total),
    )
    for warehouse_id, held, difference in changes:
        # A standard-cost item has one layer per warehouse; should it have more, the first takes the difference.
        held[0].value += difference
        session.add(
            StockMovement(
                company_id=company_id,
                item_id=item.id,
                warehouse_id=warehouse_id,
                location_id=None,
                lot_serial="",
                quantity=ZERO,
                value=difference,
                moved_on=on,
                source_type=SOURCE_TYPE,
                source_number=item.number,
            )
        )
    return total, batch.batch_number


def _lines(item: InventoryItem, total: Decimal) -> list[PostingLine]:
    inventory, revaluation = account_for(item, Role.INVENTORY), account_for(item, Role.REVALUATION)
    assert inventory and revaluation  # required above
    common = {"description": f"Cost update {item.number}", "inventory_number": item.number}
    if total > 0:
        return [
            PostingLine(account=inventory, debit=total, **common),
            PostingLine(account=revaluation, credit=total, **common),
        ]
    return [
        PostingLine(account=inventory, credit=-total, **common),
        PostingLine(account=revaluation, debit=-total, **common),
    ]
