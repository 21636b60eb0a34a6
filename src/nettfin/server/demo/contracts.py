"""The demo's contract management: two templates (monthly support and operations, quarterly training), a
support contract for customer 10002 set up and activated on 1 September 2020 with hours used beyond those
included, billed once on 1 October 2020 (its invoices released and posted), and a draft training contract for
customer 10003. Through the contract use cases, as the API and `nettfin admin contracts bill` run them; every
row stamped with its day's moment."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal

from sqlalchemy.orm import Session

from ..contracts import actions, billing
from ..contracts.service import enter_contract
from ..contracts.templates import TemplateItem, add_template
from ..contracts.usage import record_usage
from .timeline import moment

_SETUP, _ACTIVATED, _BILLED = date(2020, 8, 20), date(2020, 9, 1), date(2020, 10, 1)
_SUPPORT = [
    TemplateItem("3004", included=Decimal(1), recurring_price=Decimal(2500), invoice_type="Prepaid"),
    TemplateItem("3002", setup_price=Decimal(950), invoice_type="Prepaid"),
    TemplateItem("3001", included=Decimal(5), extra_usage_price=Decimal(1350), invoice_type="Postpaid"),
]
_TRAINING = [
    TemplateItem(
        "3003",
        included=Decimal(4),
        recurring_price=Decimal(1150),
        extra_usage_price=Decimal(1150),
        invoice_type="Postpaid",
    )
]
# (day, item, hours)
_USAGE = [(date(2020, 9, 8), "3001", "4"), (date(2020, 9, 22), "3001", "3.5"), (date(2020, 10, 6), "3001", "2")]


def seed_contracts(session: Session, company_id: int) -> None:
    support = add_template(session, company_id, "SUPPORT", "Support og drift, månedlig", _SUPPORT, duration_months=12)
    training = add_template(
        session, company_id, "OPPLAERING", "Opplæring, kvartalsvis", _TRAINING, invoicing_period="Quarterly"
    )
    active, _ = enter_contract(
        session,
        company_id,
        {
            "contractId": "K0001",
            "contractTemplate": support.template_cd,
            "customer": "10002",
            "description": "Support og drift av kontor-IT",
            "setupDate": _day(_SETUP),
            "salesPerson": "E001",
        },
    )
    actions.setup_and_activate(session, active, _ACTIVATED)
    record_usage(
        session,
        active,
        [
            {"operation": "Insert", "inventory": item, "quantity": Decimal(hours), "date": _day(day)}
            for day, item, hours in _USAGE
        ],
    )
    billing.bill(session, company_id, _BILLED)
    draft, _ = enter_contract(
        session,
        company_id,
        {
            "contractId": "K0002",
            "contractTemplate": training.template_cd,
            "customer": "10003",
            "description": "Opplæring i Visma.net",
            "setupDate": _day(date(2020, 11, 2)),
        },
    )
    _stamp(support, _SETUP)
    _stamp(training, _SETUP)
    for usage in active.usage:
        usage.last_modified_at = moment(usage.billing_date or usage.used_on)
    for link in active.invoices:
        _stamp(link.invoice, link.billed_on)
    _stamp(active, _SETUP, _BILLED)
    _stamp(draft, date(2020, 11, 2))
    session.flush()


def _day(day: date) -> datetime:
    return datetime(day.year, day.month, day.day, tzinfo=UTC)


def _stamp(row, created: date, modified: date | None = None) -> None:
    if hasattr(row, "created_at"):
        row.created_at = moment(created)
    row.last_modified_at = moment(modified or created)
