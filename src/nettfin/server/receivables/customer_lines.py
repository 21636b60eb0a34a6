"""The customer's collections another package keeps: crm keeps its direct debit mandates (`directDebitLines`) and
the sales persons serving it (`salesPersons`). The customer's declaration has their members and DTOs; the keeper
registers how they are read and written (`keep_customer_lines`), so receivables imports nothing of it.

A collection is written once the customer is in the database (`Writing.after`): a new customer's lines refer
to it and to its default location, which its insert makes.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy.orm import Session

from ..kit.resource import Member, Writing
from .models import Customer


@dataclass(frozen=True)
class Keeper:
    """How a collection is written (`write(session, company_id, customer, changes)`: every problem, prefixed with
    the change's place in the body) and, when the read DTO has it, read (`load(session, customers)`: each
    customer's rendered rows by its row id)."""

    write: Callable[[Session, int, Customer, list[dict]], list[str]]
    load: Callable[[Session, Sequence[Customer]], dict[int, list[dict]]] | None = None


_KEEPERS: dict[str, Keeper] = {}
_LOADED = "_kept_lines"


def keep_customer_lines(wire: str, keeper: Keeper) -> None:
    _KEEPERS[wire] = keeper


@dataclass(frozen=True)
class KeptLines(Member):
    """A collection a keeper writes and, with a read shape (`item`), reads; a list leaves it out without `when`."""

    wire: str
    update_item: Any
    item: Any = None
    description: str = ""
    when: str | None = None

    def schema(self) -> Any:
        return list[self.item] if self.item is not None else None

    def read(self, record: Any) -> Any:
        return getattr(record, _LOADED, {}).get(self.wire)

    def write_schema(self) -> Any | None:
        return list[self.update_item]

    def write(self, writing: Writing, record: Any, value: Any) -> list[str]:
        keeper = _KEEPERS[self.wire]
        writing.after.append(lambda: keeper.write(writing.session, writing.company_id, record, value or []))
        return []


def prepare_customers(
    members: Sequence[KeptLines], session: Session, customers: Sequence[Customer], view: frozenset[str]
) -> None:
    """Load the kept collections the view shows into the customers about to be rendered."""
    loaded: dict[int, dict[str, list[dict]]] = {customer.id: {} for customer in customers}
    for member in members:
        keeper = _KEEPERS.get(member.wire)
        if member.item is None or keeper is None or keeper.load is None or (member.when and member.when not in view):
            continue
        rows = keeper.load(session, customers)
        for customer in customers:
            loaded[customer.id][member.wire] = rows.get(customer.id, [])
    for customer in customers:
        setattr(customer, _LOADED, loaded[customer.id])
