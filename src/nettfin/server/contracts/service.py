"""Customer contract use cases (CT301000): list, read, create from a template, update. The status actions are
in `actions.py`, billing in `billing.py`.

A contract is made from a template for a customer: its invoicing period comes from the template, and so do its
items when the body sends none. Its items can be changed while it is a draft or pending an upgrade; its other
fields while it is not canceled, expired or completed. Every problem is reported at once and nothing is written
when there is one."""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..currencies.models import Currency
from ..db.base import utcnow
from ..db.engine import Database
from ..identity.companies import base_currency
from ..kit import messages
from ..kit.changes import bump_version
from ..kit.conditions import DateCondition
from ..kit.errors import BusinessError, NotFound, record_errors
from ..kit.records import find_by_code
from ..kit.responses import check_if_match
from ..receivables.models import Customer
from . import details
from .models import ContractStatus, ContractTemplate, CustomerContract, InvoicingPeriod

RESOURCE = "customerContract"
LABEL = "Customer contract"
ENTITY = "customer contract"
RECORD = "CustomerContract"
# Statuses in which nothing of the contract can be changed any more.
CLOSED = (ContractStatus.CANCELED, ContractStatus.EXPIRED, ContractStatus.COMPLETED)
# Statuses in which its items can be changed.
EDITABLE_ITEMS = (ContractStatus.DRAFT, ContractStatus.IN_UPGRADE)
_INVOICE_TO = ("ParentAccount", "CustomerAccount", "SpecificAccount")
_SCALARS = {
    "location": ("location", 30),
    "description": ("description", 255),
    "invoiceLocation": ("invoice_location", 30),
    "owner": ("owner", 30),
    "salesPerson": ("salesperson", 30),
}


@dataclass(frozen=True)
class ContractFilters:
    greater_than: str | None = None
    modified: DateCondition | None = None
    template: str | None = None
    status: str | None = None
    customer: str | None = None

    def conditions(self) -> list:
        found = []
        if self.greater_than:
            found.append(CustomerContract.contract_cd > self.greater_than)
        if self.modified:
            found.append(self.modified.apply(CustomerContract.last_modified_at))
        if self.template:
            found.append(CustomerContract.template.has(ContractTemplate.template_cd == self.template))
        if self.status:
            found.append(CustomerContract.status == self.status)
        if self.customer:
            found.append(CustomerContract.customer.has(Customer.number == self.customer))
        return found


@dataclass(frozen=True)
class Window:
    """`skipRecords` and `numberToRead`: the contract lists are not paged (their documents have no pageNumber,
    pageSize or metadata), so these apply."""

    skip: int | None = None
    read: int | None = None

    def apply(self, statement):
        return statement.offset(self.skip or None).limit(self.read)


def list_contracts(db: Database, *, company_id: int, filters: ContractFilters, window: Window) -> list:
    with db.reading() as session:
        statement = (
            select(CustomerContract)
            .where(CustomerContract.company_id == company_id, *filters.conditions())
            .order_by(CustomerContract.contract_cd, CustomerContract.id)
        )
        return list(session.scalars(window.apply(statement)).unique())


def get_contract(db: Database, *, company_id: int, contract_cd: str) -> CustomerContract:
    with db.reading() as session:
        return find_contract(session, company_id, contract_cd)


def find_contract(session: Session, company_id: int, contract_cd: str, *, for_update: bool = False):
    statement = select(CustomerContract).where(
        CustomerContract.company_id == company_id, CustomerContract.contract_cd == contract_cd
    )
    if for_update:
        statement = statement.with_for_update(of=CustomerContract)
    found = session.scalars(statement).unique().first()
    if found is None:
        raise NotFound(messages.not_found(LABEL, contract_cd))
    return found


def create_contract(db: Database, *, company_id: int, changes: dict) -> tuple[CustomerContract, list[str]]:
    with db.writing() as session:
        return enter_contract(session, company_id, changes)


def enter_contract(session: Session, company_id: int, changes: dict) -> tuple[CustomerContract, list[str]]:
    """`create_contract` in the caller's transaction (the demo enters its contracts with it)."""
    problems: list[str] = []
    contract_cd = (changes.get("contractId") or "").strip()
    if not contract_cd:
        problems.append(messages.cannot_be_empty("Contract ID"))
    elif len(contract_cd) > 15:
        problems.append("'Contract ID' is longer than 15 characters.")
    elif find_by_code(session, CustomerContract, CustomerContract.contract_cd, company_id, contract_cd):
        problems.append(messages.already_exists("Contract ID", contract_cd))
    template, found = _template(session, company_id, changes.get("contractTemplate"))
    problems += found
    customer, found = _customer(session, company_id, changes.get("customer"), "Customer", required=True)
    problems += found
    contract = CustomerContract(
        company_id=company_id,
        contract_cd=contract_cd,
        status=ContractStatus.DRAFT,
        template=template,
        customer=customer,
        description="",
        setup_date=utcnow().date(),
        invoicing_period=template.invoicing_period if template else InvoicingPeriod.MONTHLY,
        currency_id=(customer.currency_id if customer else None) or base_currency(session, company_id),
        invoice_to="CustomerAccount",
        mass_renewal=False,
        renewal_point=0,
        grace_period=0,
        details=[],
        usage=[],
        invoices=[],
    )
    if not problems:
        problems += _apply(session, contract, changes, inserting=True)
    if problems:
        raise record_errors(action="inserting", entity=ENTITY, record=RECORD, errors=problems)
    if "details" not in changes:
        details.from_template(contract)
    session.add(contract)
    bump_version(session, company_id=company_id, resource=RESOURCE)
    session.flush()
    ignored = [n for n in ("terminationDate",) if n in changes]
    return contract, ignored


def update_contract(
    db: Database, *, company_id: int, contract_cd: str, changes: dict, if_match: str | None
) -> tuple[CustomerContract, list[str]]:
    with db.writing() as session:
        contract = find_contract(session, company_id, contract_cd, for_update=True)
        check_if_match(if_match, contract.row_version)
        # Mandatory for POST, not applicable for PUT: ignored.
        ignored = [n for n in ("contractId", "contractTemplate", "customer") if n in changes]
        if contract.status in CLOSED:
            problems = [f"The contract {contract.contract_cd} is {contract.status} and cannot be changed."]
        else:
            with session.no_autoflush:
                problems = _apply(session, contract, changes, inserting=False)
        if problems:
            raise record_errors(action="updating", entity=ENTITY, record=RECORD, errors=problems)
        touch(session, contract)
        return contract, ignored


def touch(session: Session, contract: CustomerContract) -> None:
    contract.last_modified_at = utcnow()
    bump_version(session, company_id=contract.company_id, resource=RESOURCE)
    session.flush()


def _apply(session: Session, contract: CustomerContract, changes: dict, *, inserting: bool) -> list[str]:
    problems: list[str] = []
    for wire, (attr, width) in _SCALARS.items():
        if wire in changes:
            value = (changes[wire] or "").strip() or None
            if value is not None and len(value) > width:
                problems.append(f"'{wire}' is longer than {width} characters.")
            setattr(contract, attr, value if value is not None or attr != "description" else "")
    if not (contract.description or "").strip():
        problems.append(messages.cannot_be_empty("Description"))
    for wire, attr in (("setupDate", "setup_date"), ("activationDate", "activation_date")):
        if wire in changes:
            problems += _date_change(contract, wire, attr, changes[wire])
    if "expirationDate" in changes:
        contract.expiration_date = _day(changes["expirationDate"])
    for wire, attr in (
        ("massRenewal", "mass_renewal"),
        ("renewalPoint", "renewal_point"),
        ("gracePeriod", "grace_period"),
    ):
        if wire in changes:
            value = changes[wire]
            if isinstance(value, int) and not isinstance(value, bool) and value < 0:
                problems.append(f"'{wire}' cannot be less than 0.")
            else:
                setattr(contract, attr, value if value is not None else (False if attr == "mass_renewal" else 0))
    if "currency" in changes:
        problems += _currency(session, contract, changes["currency"], inserting)
    problems += _invoice_to(session, contract, changes)
    if contract.activation_date and contract.activation_date < contract.setup_date:
        problems.append("'Activation date' cannot be earlier than 'Setup date'.")
    if contract.expiration_date and contract.expiration_date < (contract.activation_date or contract.setup_date):
        problems.append("'Expiration date' cannot be earlier than the activation date.")
    if "details" in changes:
        if contract.status not in EDITABLE_ITEMS:
            problems.append(
                f"The items of contract {contract.contract_cd or ''} can be changed only while it is Draft or "
                f"InUpgrade (upgradeContract); it is {contract.status}.".replace("contract  ", "contract ")
            )
        else:
            problems += details.apply(session, contract, changes["details"] or [])
    return problems


def _date_change(contract: CustomerContract, wire: str, attr: str, value) -> list[str]:
    day = _day(value)
    if wire == "setupDate":
        if day is None:
            return [messages.cannot_be_empty("Setup date")]
        if contract.status != ContractStatus.DRAFT:
            return [f"'Setup date' can be changed only while the contract is Draft; it is {contract.status}."]
    elif contract.status not in (ContractStatus.DRAFT, ContractStatus.PENDING_ACTIVATION):
        return [f"'Activation date' can be changed only before the contract is activated; it is {contract.status}."]
    setattr(contract, attr, day)
    return []


def _currency(session: Session, contract: CustomerContract, value, inserting: bool) -> list[str]:
    code = (value or "").strip()
    if not code:
        return [messages.cannot_be_empty("Currency")]
    if not inserting and contract.status != ContractStatus.DRAFT and code != contract.currency_id:
        return [f"'Currency' can be changed only while the contract is Draft; it is {contract.status}."]
    if code != base_currency(session, contract.company_id) and not find_by_code(
        session, Currency, Currency.currency_id, contract.company_id, code
    ):
        return [messages.cannot_be_found("Currency", code)]
    contract.currency_id = code
    return []


def _invoice_to(session: Session, contract: CustomerContract, changes: dict) -> list[str]:
    problems: list[str] = []
    if "invoiceTo" in changes:
        value = changes["invoiceTo"] or "CustomerAccount"
        contract.invoice_to = str(value)
    if "invoiceAccount" in changes:
        contract.invoice_account, problems = _customer(
            session, contract.company_id, changes["invoiceAccount"], "Invoice account", required=False
        )
    if contract.invoice_to not in _INVOICE_TO:
        problems.append(f"'invoiceTo' must be one of {', '.join(_INVOICE_TO)}.")
    elif contract.invoice_to == "SpecificAccount" and contract.invoice_account is None:
        problems.append("'Invoice account' cannot be empty when 'invoiceTo' is SpecificAccount.")
    return problems


def _template(session: Session, company_id: int, code) -> tuple[ContractTemplate | None, list[str]]:
    code = (code or "").strip()
    if not code:
        return None, [messages.cannot_be_empty("Contract template")]
    found = find_by_code(session, ContractTemplate, ContractTemplate.template_cd, company_id, code)
    return found, [] if found else [messages.cannot_be_found("Contract template", code)]


def _customer(session: Session, company_id: int, code, label: str, *, required: bool):
    code = (code or "").strip()
    if not code:
        return None, [messages.cannot_be_empty(label)] if required else []
    found = find_by_code(session, Customer, Customer.number, company_id, code)
    if found is None:
        return None, [messages.cannot_be_found(label, code)]
    if found.status != "Active":
        return None, [messages.inactive(label, code)]
    return found, []


def _day(value) -> date | None:
    if value is None:
        return None
    return value.date() if isinstance(value, datetime) else value


def advance(day: date, period: str) -> date | None:
    """The next invoicing date after `day` by the schedule; None for schedules that are not by date."""
    months = {
        InvoicingPeriod.MONTHLY: 1,
        InvoicingPeriod.QUARTERLY: 3,
        InvoicingPeriod.SEMI_ANNUAL: 6,
        InvoicingPeriod.ANNUAL: 12,
    }.get(period)
    if period == InvoicingPeriod.WEEKLY:
        return day + timedelta(days=7)
    if months is None:
        return None
    return add_months(day, months)


def add_months(day: date, months: int) -> date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def refuse(contract: CustomerContract, action: str, allowed: tuple[str, ...]) -> None:
    """An action the contract's status does not allow: the status it is in and those that allow it."""
    if contract.status not in allowed:
        raise BusinessError(
            f"The contract {contract.contract_cd} cannot be processed by {action}: it is {contract.status}; "
            f"{action} applies to a contract that is {' or '.join(allowed)}."
        )
