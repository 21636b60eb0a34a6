"""The quantities other packages' documents hold of an item, for the inventory summary (`summary.py`): each
package registers the summary members its documents give (sales: `soBooked`; shipping: `soAllocated`,
`soShipped`), from the module its router imports (so the registration is in before a request), and stock/
imports none of them.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

from sqlalchemy.orm import Session

# (session, company id, item id) -> {(warehouse id, location id or None): quantity}, places with none left out.
HeldBy = Callable[[Session, int, int], dict[tuple[int, int | None], Decimal]]

_SOURCES: dict[str, HeldBy] = {}


def register_held(member: str, held_by: HeldBy) -> None:
    """Declare the quantities of an InventorySummaryDto member (`soBooked`, ...)."""
    _SOURCES[member] = held_by


def held(session: Session, company_id: int, item_id: int) -> dict[str, dict[tuple[int, int | None], Decimal]]:
    """{member: {(warehouse id, location id or None): quantity}} of every registered member."""
    return {member: held_by(session, company_id, item_id) for member, held_by in _SOURCES.items()}
