"""Customer use cases: list, read, create and update, with the service's validation wording."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, joinedload, load_only, raiseload

from ..db.base import utcnow
from ..db.engine import Database
from ..identity.models import Company
from ..kit import messages
from ..kit.changes import bump_version
from ..kit.conditions import DateCondition
from ..kit.errors import NotFound, record_errors
from ..kit.paging import Listing, Page, PageResult, fetch_page
from ..kit.records import RecordKey, Scalars, apply_nested, apply_scalars, assign_key, find_by_code, resolve_code
from ..kit.responses import check_if_match
from ..numbering.service import CUSTOMER
from ..tax.models import VatZone
from ..terms.models import CreditTerms
from .models import Customer, CustomerClass
from .schemas import CustomerUpdateDto

RESOURCE = "customer"
LISTING = Listing(resource=RESOURCE, model=Customer, key=Customer.number)
_CURRENCY = re.compile(r"^[A-Z]{3}$")
KEY = RecordKey(field="number", column=Customer.number, label="Customer ID", series_id=CUSTOMER)

_SCALARS: Scalars = {
    "name": ("name", "Customer name", None),
    "status": ("status", "Status", "Active"),
    "accountReference": ("account_reference", "Account reference", None),
    "numberOfEmployees": ("number_of_employees", "Number of employees", None),
    "currencyId": ("currency_id", "Currency", None),
    "creditLimit": ("credit_limit", "Credit limit", Decimal(0)),
    "creditDaysPastDue": ("credit_days_past_due", "Credit days past due", 0),
    "invoiceOrdersSeparately": ("invoice_orders_separately", "Invoice orders separately", False),
    "printInvoices": ("print_invoices", "Print invoices", False),
    "acceptAutoInvoices": ("accept_auto_invoices", "Accept AutoInvoices", False),
    "sendInvoicesByEmail": ("send_invoices_by_email", "Send invoices by e-mail", False),
    "sendDunningLettersViaEMail": ("send_dunning_letters_via_email", "Send dunning letters by e-mail", False),
    "printDunningLetters": ("print_dunning_letters", "Print dunning letters", False),
    "printStatements": ("print_statements", "Print statements", False),
    "sendStatementsByEmail": ("send_statements_by_email", "Send statements by e-mail", False),
    "printMultiCurrencyStatements": ("print_multi_currency_statements", "Multi-currency statements", False),
    "invoiceToDefaultLocation": ("invoice_to_default_location", "Invoice to default location", True),
    "vatRegistrationId": ("vat_registration_id", "VAT registration ID", None),
    "corporateId": ("corporate_id", "Corporate ID", None),
    "gln": ("gln", "GLN", None),
    "note": ("note", "Note", None),
    "creditVerification": ("credit_verification", "Credit verification", "Disabled"),
    "statementType": ("statement_type", "Statement type", "OpenItem"),
    "excludeDebtCollection": ("exclude_debt_collection", "Exclude debt collection", False),
}
_NESTED = {
    "mainAddress": "main_address",
    "mainContact": "main_contact",
    "invoiceAddress": "invoice_address",
    "invoiceContact": "invoice_contact",
    "deliveryAddress": "delivery_address",
    "deliveryContact": "delivery_contact",
}
_NOT_NEGATIVE = ("creditLimit", "creditDaysPastDue", "numberOfEmployees")


@dataclass(frozen=True)
class CustomerFilters:
    name: str | None = None
    status: str | None = None
    corporate_id: str | None = None
    vat_registration_id: str | None = None
    email: str | None = None
    phone: str | None = None
    greater_than: str | None = None
    modified: DateCondition | None = None
    created: DateCondition | None = None

    def conditions(self) -> list:
        found = []
        if self.name:
            found.append(Customer.name.icontains(self.name, autoescape=True))
        if self.status:
            found.append(Customer.status == self.status)
        if self.corporate_id:
            found.append(Customer.corporate_id == self.corporate_id)
        if self.vat_registration_id:
            found.append(Customer.vat_registration_id == self.vat_registration_id)
        if self.email:
            found.append(func.lower(Customer.main_contact["email"].as_string()) == self.email.lower())
        if self.phone:
            found.append(Customer.main_contact["phone1"].as_string() == self.phone)
        if self.greater_than:
            found.append(Customer.number > self.greater_than)
        if self.modified:
            found.append(self.modified.apply(Customer.last_modified_at))
        if self.created:
            found.append(self.created.apply(Customer.created_at))
        return found


# What a read renders: the customer's class, terms and zone, and of its parent only the number and name. Without
# these options the relationships' joined defaults join the parent's own class, terms and zone and the class's
# terms and zone too: 11 joins a row instead of 4.
_READ_OPTIONS = (
    joinedload(Customer.parent).options(load_only(Customer.number, Customer.name), raiseload("*")),
    joinedload(Customer.customer_class).options(raiseload("*")),
)


def list_customers(db: Database, *, company_id: int, filters: CustomerFilters, page: Page) -> PageResult:
    with db.reading() as session:
        return fetch_page(
            session,
            LISTING,
            company_id=company_id,
            conditions=filters.conditions(),
            signature=filters,
            page=page,
            options=_READ_OPTIONS,
        )


def get_customer(db: Database, *, company_id: int, number: str) -> Customer:
    with db.reading() as session:
        return _find(session, company_id, number=number, options=_READ_OPTIONS)


def get_customer_by_internal_id(db: Database, *, company_id: int, internal_id: int) -> Customer:
    with db.reading() as session:
        return _find(session, company_id, internal_id=internal_id, options=_READ_OPTIONS)


def list_customer_classes(db: Database, *, company_id: int) -> list[CustomerClass]:
    with db.reading() as session:
        return list(
            session.scalars(
                select(CustomerClass).where(CustomerClass.company_id == company_id).order_by(CustomerClass.class_id)
            )
        )


def get_customer_class(db: Database, *, company_id: int, class_id: str) -> CustomerClass:
    with db.reading() as session:
        found = find_by_code(session, CustomerClass, CustomerClass.class_id, company_id, class_id)
        if found is None:
            raise NotFound(messages.not_found("Customer class", class_id))
        return found


def create_customer(db: Database, *, company_id: int, dto: CustomerUpdateDto) -> tuple[Customer, list[str]]:
    """A new customer, and the names of request fields the service ignored (a number it replaced)."""
    changes = dto.changes()
    with db.writing() as session:
        customer = Customer(company_id=company_id, currency_id=_base_currency(session, company_id))
        problems, ignored = assign_key(session, customer, changes, KEY)
        problems += _apply(session, customer, changes, inserting=True, override_class=True)
        if problems:
            raise record_errors(action="inserting", entity="customer", record="Customer", errors=problems)
        now = utcnow()
        customer.created_at = customer.last_modified_at = now
        session.add(customer)
        try:
            session.flush()
        except IntegrityError:
            # Another transaction took the same number between our check and our insert.
            raise record_errors(
                action="inserting", entity="customer", record="Customer", errors=[KEY.duplicate(customer.number)]
            ) from None
        bump_version(session, company_id=company_id, resource=RESOURCE)
        return _find(session, company_id, internal_id=customer.id), ignored


def update_customer(
    db: Database,
    *,
    company_id: int,
    dto: CustomerUpdateDto,
    if_match: str | None,
    number: str | None = None,
    internal_id: int | None = None,
) -> tuple[Customer, list[str]]:
    changes = dto.changes()
    with db.writing() as session:
        customer = _find(session, company_id, number=number, internal_id=internal_id, for_update=True)
        check_if_match(if_match, customer.row_version)
        ignored = ["number"] if "number" in changes and changes["number"] != customer.number else []
        # The record holds the request's values until they are checked: no lookup may flush them first.
        with session.no_autoflush:
            problems = _apply(
                session, customer, changes, inserting=False, override_class=bool(dto.overrideWithClassValues)
            )
        if problems:
            raise record_errors(action="updating", entity="customer", record="Customer", errors=problems)
        customer.last_modified_at = utcnow()
        bump_version(session, company_id=company_id, resource=RESOURCE)
        session.flush()
        return _find(session, company_id, internal_id=customer.id), ignored


def _find(
    session: Session,
    company_id: int,
    *,
    number: str | None = None,
    internal_id: int | None = None,
    for_update: bool = False,
    options: tuple = (),
) -> Customer:
    statement = select(Customer).where(Customer.company_id == company_id).options(*options)
    if internal_id is not None:
        statement = statement.where(Customer.id == internal_id)
    else:
        statement = statement.where(Customer.number == number)
    if for_update:
        statement = statement.with_for_update(of=Customer)
    customer = session.scalars(statement).unique().first()
    if customer is None:
        raise NotFound(messages.not_found("Customer", number if internal_id is None else internal_id))
    return customer


def _base_currency(session: Session, company_id: int) -> str:
    return session.get(Company, company_id).base_currency


def _apply(session: Session, customer: Customer, changes: dict, *, inserting: bool, override_class: bool) -> list:
    """Apply a PATCH to the customer; returns every problem found (nothing is kept when there is one)."""
    problems = apply_scalars(customer, changes, _SCALARS, not_negative=_NOT_NEGATIVE)
    problems += apply_nested(customer, changes, _NESTED)
    if not customer.name:
        problems.append("'Customer name' cannot be empty.")
    if customer.currency_id is None:
        customer.currency_id = _base_currency(session, customer.company_id)
    elif not _CURRENCY.match(customer.currency_id):
        problems.append(messages.cannot_be_found("Currency", customer.currency_id))
    problems += _apply_references(session, customer, changes, inserting=inserting, override_class=override_class)
    return problems


def _apply_references(
    session: Session, customer: Customer, changes: dict, *, inserting: bool, override_class: bool
) -> list[str]:
    problems: list[str] = []
    company_id = customer.company_id
    if "customerClassId" in changes:
        customer.customer_class, problem = resolve_code(
            session, CustomerClass, CustomerClass.class_id, company_id, changes["customerClassId"], "Customer class"
        )
        problems += problem
    if "creditTermsId" in changes:
        customer.credit_terms, problem = resolve_code(
            session, CreditTerms, CreditTerms.terms_id, company_id, changes["creditTermsId"], "Terms"
        )
        problems += problem
    if "vatZoneId" in changes:
        customer.vat_zone, problem = resolve_code(
            session, VatZone, VatZone.zone_id, company_id, changes["vatZoneId"], "VAT zone"
        )
        problems += problem
    if "parentRecordNumber" in changes:
        customer.parent, problem = resolve_code(
            session, Customer, Customer.number, company_id, changes["parentRecordNumber"], "Parent account"
        )
        if customer.parent is not None and customer.parent.id == customer.id:
            problem = ["'Parent account' cannot be the customer itself."]
        problems += problem
    customer_class = customer.customer_class
    if customer_class is not None and (inserting or (override_class and "customerClassId" in changes)):
        _take_class_defaults(customer, customer_class, changes)
    if customer_class is not None and customer_class.required_vat_zone and customer.vat_zone is None:
        problems.append("'VAT zone' cannot be empty.")
    return problems


def _take_class_defaults(customer: Customer, customer_class: CustomerClass, changes: dict) -> None:
    """A class's defaults fill what the request did not give (overrideWithClassValues on update)."""
    if "vatZoneId" not in changes and customer_class.vat_zone is not None:
        customer.vat_zone = customer_class.vat_zone
    if "creditTermsId" not in changes and customer_class.credit_terms is not None:
        customer.credit_terms = customer_class.credit_terms
    if "invoiceOrdersSeparately" not in changes:
        customer.invoice_orders_separately = customer_class.invoice_orders_separately
