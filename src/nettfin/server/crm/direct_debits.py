"""A customer's direct debit mandates (`/customer/{customerCd}/directdebit`, the customer's `directDebitLines`):
what CustomerDirectDebitDto has, in the order they were made; the default mandate first.

The customer's PUT and POST write them (`write_customer_mandates`, registered with receivables' customer by the
customer router): each change names a mandate by its `id`; an Insert without one gets a new id. A mandate needs
its `mandateId`; a new default one makes the others not the default.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import datetime
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..db.engine import Database
from ..documents.lines import calendar_day
from ..kit import messages
from ..kit.errors import NotFound
from ..kit.keyed_lines import KeyedBook, apply_keyed_operations
from ..kit.records import apply_scalars
from ..kit.render import format_datetime
from ..kit.wire import LineOperation
from ..receivables.models import Customer
from .models import DirectDebitMandate


def customer_mandates(db: Database, *, company_id: int, number: str) -> list[dict]:
    with db.reading() as session:
        customer = session.scalars(
            select(Customer).where(Customer.company_id == company_id, Customer.number == number)
        ).first()
        if customer is None:
            raise NotFound(messages.not_found("Customer", number))
        return load_customer_mandates(session, [customer]).get(customer.id, [])


def load_customer_mandates(session: Session, customers: Sequence[Customer]) -> dict[int, list[dict]]:
    """The customers' mandates, rendered, by the customer's row id: the default first, then in the order made."""
    mandates = session.scalars(
        select(DirectDebitMandate)
        .where(DirectDebitMandate.customer_id.in_([c.id for c in customers]))
        .order_by(DirectDebitMandate.is_default.desc(), DirectDebitMandate.id)
    ).all()
    found: dict[int, list[dict]] = {}
    for mandate in mandates:
        found.setdefault(mandate.customer_id, []).append(mandate_dto(mandate))
    return found


def add_mandate(
    session: Session,
    customer: Customer,
    *,
    mandate_id: str,
    signed: datetime | None = None,
    description: str | None = None,
    is_default: bool = False,
    one_time: bool = False,
    bic: str | None = None,
    iban: str | None = None,
    max_amount: Decimal | None = None,
    expires: datetime | None = None,
    branch: str | None = None,
) -> DirectDebitMandate:
    """A mandate the customer signed; a new default one makes the others not the default."""
    if is_default:
        _no_other_default(_mandates(session, customer), None)
    mandate = DirectDebitMandate(
        company_id=customer.company_id,
        customer_id=customer.id,
        public_id=str(uuid.uuid4()),
        mandate_id=mandate_id,
        mandate_description=description,
        date_of_signature=signed,
        is_default=is_default,
        one_time=one_time,
        bic=bic,
        iban=iban,
        max_amount=max_amount,
        expiration_date=expires,
        branch=branch,
    )
    session.add(mandate)
    session.flush()
    return mandate


_DAYS = ("dateOfSignature", "lastCollectionDate", "expirationDate")
# The members a change sets as they are sent (`{"value": null}` clears); the dates as calendar days.
_SCALARS = {
    "mandateId": ("mandate_id", "Mandate ID", None),
    "mandateDescription": ("mandate_description", "Mandate description", None),
    "dateOfSignature": ("date_of_signature", "Date of signature", None),
    "oneTime": ("one_time", "One-time", False),
    "bic": ("bic", "BIC", None),
    "iban": ("iban", "IBAN", None),
    "lastCollectionDate": ("last_collection_date", "Last collection date", None),
    "maxAmount": ("max_amount", "Max amount", None),
    "expirationDate": ("expiration_date", "Expiration date", None),
    "branch": ("branch", "Branch", None),
}


def write_customer_mandates(session: Session, company_id: int, customer: Customer, changes: list[dict]) -> list[str]:
    """Insert, update or delete the customer's mandates as its body's `directDebitLines` say; every problem."""
    mandates = _mandates(session, customer)

    def key(change: dict) -> str | None:
        given = change.get("id")
        if given is not None:
            return str(given)
        return None if change.get("operation") in (LineOperation.Update, LineOperation.Delete) else str(uuid.uuid4())

    def create(public_id: str, replacing: DirectDebitMandate | None) -> tuple[DirectDebitMandate | None, list[str]]:
        if replacing is None and session.scalar(
            select(DirectDebitMandate.id).where(DirectDebitMandate.public_id == public_id)
        ):
            return None, [messages.already_exists("Direct debit mandate", public_id)]
        mandate = replacing or DirectDebitMandate(
            company_id=company_id, customer_id=customer.id, public_id=public_id, is_default=False, one_time=False
        )
        if replacing is None:
            session.add(mandate)
        mandates.append(mandate)
        return mandate, []

    def remove(mandate: DirectDebitMandate) -> list[str]:
        mandates.remove(mandate)
        return []

    def apply(mandate: DirectDebitMandate, change: dict, inserting: bool) -> list[str]:
        days = {wire: calendar_day(change[wire]) for wire in _DAYS if wire in change}
        problems = apply_scalars(mandate, {**change, **days}, _SCALARS, not_negative=("maxAmount",))
        if (inserting or "mandateId" in change) and not mandate.mandate_id:
            problems.append(messages.cannot_be_empty("Mandate ID"))
        if "isDefault" in change:
            mandate.is_default = change["isDefault"] is True
            if mandate.is_default:
                _no_other_default(mandates, mandate)
        return problems

    book = KeyedBook(
        "directDebitLines",
        "among the customer's direct debit mandates",
        key,
        "'id' cannot be empty: it names the mandate to update or delete.",
        lambda mandate: mandate.public_id,
        lambda public_id: f"Direct debit mandate '{public_id}'",
        create,
        remove,
        apply,
    )
    before = list(mandates)
    with session.no_autoflush:
        problems = apply_keyed_operations(book, before, changes)
    for mandate in before:
        if mandate not in mandates:
            session.delete(mandate)
    return problems


def _mandates(session: Session, customer: Customer) -> list[DirectDebitMandate]:
    return list(
        session.scalars(
            select(DirectDebitMandate)
            .where(DirectDebitMandate.customer_id == customer.id)
            .order_by(DirectDebitMandate.id)
        )
    )


def _no_other_default(mandates: Sequence[DirectDebitMandate], default: DirectDebitMandate | None) -> None:
    for other in mandates:
        if other is not default:
            other.is_default = False


def mandate_dto(mandate: DirectDebitMandate) -> dict:
    return {
        "id": mandate.public_id,
        "mandateId": mandate.mandate_id,
        "mandateDescription": mandate.mandate_description,
        "dateOfSignature": format_datetime(mandate.date_of_signature),
        "isDefault": mandate.is_default,
        "oneTime": mandate.one_time,
        "bic": mandate.bic,
        "iban": mandate.iban,
        "lastCollectionDate": format_datetime(mandate.last_collection_date),
        "maxAmount": mandate.max_amount,
        "expirationDate": format_datetime(mandate.expiration_date),
        "branch": mandate.branch,
    }
