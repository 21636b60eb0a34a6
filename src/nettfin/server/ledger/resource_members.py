"""The ledger's members for other resources' declarations (`kit.resource`): a GL account named by its number,
and a subaccount named by its segments. This module is the ledger's interface for them; the shapes are the
ones the real documents give such members (`expenseAccountInDepartmentDto`, `expenseSubaccountInDepartmentDto`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel, create_model

from ..kit.resource import Member, Reference, Writing
from ..kit.shapes import SegmentUpdateDto
from .line_subaccounts import ensure_subaccounts, resolve_subaccount, subaccount_from_segments
from .models import Account
from .references import account_ref
from .schemas import AccountType
from .subaccounts import dimension_rule


def account_member(wire: str, attr: str, label: str, shape: str, description: str = "") -> Reference:
    """A GL account, written as `{"value": "<account number>"}` and read as `{type, number, description,
    externalCode1, externalCode2, active}`; `shape` is the read DTO's name in the real document."""
    model = create_model(
        shape,
        type=(AccountType | None, None),
        externalCode1=(str | None, None),
        externalCode2=(str | None, None),
        active=(bool | None, None),
        number=(str | None, None),
        description=(str | None, None),
    )
    return Reference(
        wire, attr, label, Account.account_cd, model, lambda account: account_ref(account, with_codes=True), description
    )


@dataclass(frozen=True)
class SubaccountMember(Member):
    """A subaccount, written as its segments (`[{"segmentId": 1, "segmentValue": "100"}]`: the segments sent
    replace those of the current subaccount, defaults fill the rest; `[]` clears it) and read as `{active, id,
    description}`. The combination is checked against the SUBACCOUNT dimension as document lines are, and a
    valid one the company has not defined yet is created, as lines create them."""

    wire: str
    attr: str
    shape: str
    description: str = ""

    def schema(self) -> Any:
        return _subaccount_shape(self.shape)

    def read(self, record: Any) -> Any:
        subaccount = getattr(record, self.attr)
        if subaccount is None:
            return None
        return {
            "active": subaccount.active,
            "id": subaccount.subaccount_cd,
            "description": subaccount.description or None,
        }

    def write_schema(self) -> Any:
        return list[SegmentUpdateDto]

    def write(self, writing: Writing, record: Any, value: Any) -> list[str]:
        if not value:
            setattr(record, self.attr, None)
            return []
        rule = dimension_rule(writing.session, writing.company_id, with_combinations=True)
        current = getattr(record, self.attr)
        number, problems = subaccount_from_segments(rule, value, current.subaccount_cd if current else None)
        if not problems:
            number, problems = resolve_subaccount(rule, number)
        if problems:
            return problems  # worded as the service words a line's subaccount problems
        setattr(record, self.attr, ensure_subaccounts(writing.session, writing.company_id, {number})[number])
        return []


_SHAPES: dict[str, type[BaseModel]] = {}


def _subaccount_shape(name: str) -> type[BaseModel]:
    # One class per name, however often the schema is asked for (the OpenAPI document would repeat it).
    if name not in _SHAPES:
        _SHAPES[name] = create_model(
            name, active=(bool | None, None), id=(str | None, None), description=(str | None, None)
        )
    return _SHAPES[name]
