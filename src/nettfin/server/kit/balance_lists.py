"""The parties a balance list reads (`/customer/balance`, `/supplier/balance`): numbers after
`greaterThanValue`, changed since `lastModifiedDateTime`, in number order. The list is not paged, so the
deprecated `skipRecords` and `numberToRead` still apply to it, and `orderBy` is taken and has no effect.

A balance route takes the range as a dependency (`parties: PartyRange = Depends(party_range("Customer"))`), so
the parameters, their descriptions and their checks are written once; the party's module selects with it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from fastapi import Query
from sqlalchemy import Select, select

from .checks import INT32_MAX
from .conditions import DateCondition, condition_description, date_condition, value_description


@dataclass(frozen=True)
class PartyRange:
    """Numbers after `greater_than`, last changed within `modified`; `skip` of them first, at most `read`."""

    greater_than: str | None = None
    modified: DateCondition | None = None
    skip: int | None = None
    read: int | None = None

    def select(self, model: Any, company_id: int) -> Select:
        """The company's parties of `model` (a table with `number` and `last_modified_at`) in the range."""
        statement = select(model).where(model.company_id == company_id)
        if self.greater_than:
            statement = statement.where(model.number > self.greater_than)
        if self.modified:
            statement = statement.where(self.modified.apply(model.last_modified_at))
        return statement.order_by(model.number, model.id).offset(self.skip or None).limit(self.read or None)


def party_range(party: str) -> Callable[..., PartyRange]:
    """The range's dependency: `party` names whose numbers `greaterThanValue` compares (`Customer`)."""

    async def balance_range(
        greaterThanValue: str | None = Query(None, description=f"{party} numbers after this value."),
        numberToRead: int | None = Query(None, le=INT32_MAX, ge=1, description="At most this many balances."),
        skipRecords: int | None = Query(None, le=INT32_MAX, ge=0, description="Skip this many balances first."),
        orderBy: str | None = Query(None, deprecated=True, description="Deprecated; has no effect."),
        lastModifiedDateTime: str | None = Query(None, description=value_description("lastModifiedDateTime")),
        lastModifiedDateTimeCondition: str | None = Query(
            None, description=condition_description("lastModifiedDateTime")
        ),
    ) -> PartyRange:
        modified = date_condition("lastModifiedDateTime", lastModifiedDateTime, lastModifiedDateTimeCondition)
        return PartyRange(greater_than=greaterThanValue, modified=modified, skip=skipRecords, read=numberToRead)

    return balance_range
