"""Business accounts: the customers and suppliers contacts and locations belong to, found by number.

Visma.net numbers customers and suppliers in one business-account table, so a number names one account;
nettfin numbers them in two series, and where a customer and a supplier share a number the customer is meant
(docs/compatibility.md, "Business accounts")."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..kit import messages
from ..kit.errors import NotFound
from ..parties.models import CUSTOMER, SUPPLIER
from ..payables.models import Supplier
from ..receivables.models import Customer

MODELS: dict[str, Any] = {CUSTOMER: Customer, SUPPLIER: Supplier}


@dataclass(frozen=True)
class Account:
    kind: str
    record: Any  # a Customer or a Supplier

    @property
    def id(self) -> int:
        return self.record.id


def find_account(
    session: Session, company_id: int, number: str | None, kinds: Iterable[str] = MODELS
) -> Account | None:
    """The customer, else the supplier, of the number; None when neither exists."""
    if not number or not number.strip():
        return None
    for kind in kinds:
        model = MODELS[kind]
        found = session.scalars(
            select(model).where(model.company_id == company_id, model.number == number.strip())
        ).first()
        if found is not None:
            return Account(kind, found)
    return None


def require_account(session: Session, company_id: int, number: str, kinds: Iterable[str] = MODELS) -> Account:
    """The account a path names (404 otherwise), labelled by the kind the route serves."""
    kinds = tuple(kinds)
    found = find_account(session, company_id, number, kinds)
    if found is None:
        label = kinds[0] if len(kinds) == 1 else "Business account"
        raise NotFound(messages.not_found(label, number))
    return found


def accounts_by_row(session: Session, rows: Iterable[Any]) -> dict[tuple[str, int], Any]:
    """The accounts of rows naming one by `party_kind` and `party_id` (contacts, locations), in two queries."""
    wanted: dict[str, set[int]] = {}
    for row in rows:
        wanted.setdefault(row.party_kind, set()).add(row.party_id)
    found: dict[tuple[str, int], Any] = {}
    for kind, ids in wanted.items():
        model = MODELS[kind]
        for record in session.scalars(select(model).where(model.id.in_(ids))).unique():
            found[(kind, record.id)] = record
    return found
