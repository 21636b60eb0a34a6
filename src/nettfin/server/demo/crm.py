"""The demo company's CRM records, with fixed timestamps: contacts and a delivery location of the first
customers, two sales persons serving customers at their own commission, payment methods and a direct debit
mandate of customers 10001 and 10006, and a small tree of sales categories with items in them. Made through crm/'s use
cases, as the API makes them."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..crm.contacts import enter_contact
from ..crm.direct_debits import add_mandate
from ..crm.locations import enter_location
from ..crm.payment_methods import enter_payment_method
from ..crm.sales_categories import add_category
from ..crm.salespersons import enter_salesperson
from ..inventory.models import InventoryItem
from ..parties.models import CUSTOMER, PartyLocation
from ..receivables.models import Customer

_AT = datetime(2019, 12, 2, 9, 0, tzinfo=UTC)
_CONTACTS = [
    {
        "businessAccount": "10001",
        "title": "Mrs",
        "firstName": "Hanne",
        "lastName": "Lie",
        "position": "Innkjøper",
        "email": "hanne.lie@kunde.example",
        "phone1": "+47 22 33 44 55",
        "contactMethod": "Email",
    },
    {
        "businessAccount": "10001",
        "title": "Mr",
        "firstName": "Jonas",
        "lastName": "Bakke",
        "position": "Økonomi",
        "email": "faktura@kunde.example",
        "doNotCall": True,
    },
    {
        "businessAccount": "10002",
        "firstName": "Sofie",
        "lastName": "Moen",
        "position": "Daglig leder",
        "email": "sofie@moen.example",
        "phone1": "+47 91 23 45 67",
    },
    {
        "businessAccount": "10006",
        "firstName": "Eirik",
        "lastName": "Dahl",
        "position": "Innkjøpssjef",
        "email": "eirik.dahl@kunde.example",
        "phone1": "+47 93 45 67 89",
    },
]
_DELIVERY = {
    "baccountId": "10001",
    "locationId": "LEVERING",
    "locationName": "Varemottak Økern",
    "gln": "7080003000024",
    "address": {"addressLine1": "Økernveien 99", "postalCode": "0579", "city": "Oslo", "countryId": "NO"},
    "contact": {"name": "Varemottak", "email": "varemottak@kunde.example", "phone1": "+47 22 33 44 56"},
}
_SALESPERSONS = [
    {
        "salespersonID": "SP01",
        "name": "Siri Salg",
        "commissionPct": Decimal(5),
        "salesSub": "10-000",
        "customers": [
            {"customerID": "10001", "commissionPct": Decimal("7.5")},
            {"customerID": "10001", "locationID": "LEVERING"},
            {"customerID": "10002"},
        ],
    },
    {
        "salespersonID": "SP02",
        "name": "Tore Telefonsalg",
        "commissionPct": Decimal(3),
        "customers": [{"customerID": "10003", "commissionPct": Decimal(4)}, {"customerID": "10006"}],
    },
]
_PAYMENT_METHODS = [
    {
        "customerId": "10001",
        "paymentMethodId": "BANK",
        "cashAccountId": "1920",
        "paymentMethodDetails": [{"detailId": "ACCTNO", "value": "1503.12.34567"}],
    },
    {
        "customerId": "10001",
        "paymentMethodId": "KORT",
        "cashAccountId": "1920",
        "paymentMethodDetails": [
            {"detailId": "CCDNUM", "value": "************4242"},
            {"detailId": "EXPDATE", "value": "12/27"},
        ],
    },
]
# (category id, description, parent id, sort order, item numbers)
_CATEGORIES = [
    (10, "Belysning", None, 1, ("1103",)),
    (11, "Lamper", 10, 1, ("1001", "1002")),
    (20, "Tjenester", None, 2, ()),
]


def seed_crm(session: Session, company_id: int) -> None:
    """Run after customers, items, the chart and its subaccounts are made."""
    session.flush()
    for location in session.scalars(
        select(PartyLocation).where(PartyLocation.company_id == company_id, PartyLocation.party_kind == CUSTOMER)
    ):
        location.created_at = location.last_modified_at = _AT
    delivery = enter_location(session, company_id, dict(_DELIVERY)).location
    delivery.created_at = delivery.last_modified_at = _AT
    for index, body in enumerate(_CONTACTS):
        contact = enter_contact(session, company_id, dict(body))
        contact.created_at = contact.last_modified_at = _AT + timedelta(minutes=index)
    for index, body in enumerate(_SALESPERSONS):
        person = enter_salesperson(session, company_id, dict(body))
        person.created_at = person.last_modified_at = _AT + timedelta(hours=1, minutes=index)
        for line in person.customers:
            line.created_at = line.last_modified_at = person.created_at
    for body in _PAYMENT_METHODS:
        method = enter_payment_method(session, company_id, dict(body))
        method.created_at = method.last_modified_at = _AT + timedelta(hours=2)
    for number, iban in (("10001", "NO9386011117947"), ("10006", "NO8330001234567")):
        customer = session.scalars(
            select(Customer).where(Customer.company_id == company_id, Customer.number == number)
        ).one()
        add_mandate(
            session,
            customer,
            mandate_id=f"AG-{number}-1",
            description="AvtaleGiro",
            signed=datetime(2019, 11, 20, tzinfo=UTC),
            is_default=True,
            bic="DNBANOKK",
            iban=iban,
            max_amount=Decimal(50000),
            expires=datetime(2029, 11, 20, tzinfo=UTC),
            branch="1",
        )
    items = {i.number: i for i in session.scalars(select(InventoryItem).where(InventoryItem.company_id == company_id))}
    made: dict[int, object] = {}
    for category_id, text, parent, order, numbers in _CATEGORIES:
        made[category_id] = add_category(
            session,
            company_id,
            category_id=category_id,
            description=text,
            parent=made.get(parent) if parent else None,
            sort_order=order,
            items=tuple(items[n] for n in numbers),
        )
    session.flush()
