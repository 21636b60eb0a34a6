"""Sales persons (AR205000): list, get, create and update, the customers (at one of their locations) each one
serves with the commission there, a customer's sales persons, and the commission a sale earns.

A customer's first sales person is its default one. The commission on a sale is the sales person's percentage
for that customer (and location), else the sales person's own (`commission_for`, which orders read).
`commissionHistory` is empty: commissions are not processed (docs/compatibility.md).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from ..db.base import utcnow
from ..db.engine import Database
from ..kit import messages
from ..kit.changes import bump_version
from ..kit.conditions import DateCondition
from ..kit.errors import NotFound, record_errors
from ..kit.keyed_lines import KeyedBook, apply_keyed_operations
from ..kit.paging import Listing, Page, PageResult, fetch_page
from ..kit.records import apply_scalars
from ..kit.render import format_datetime
from ..kit.responses import check_if_match
from ..ledger.models import Subaccount
from ..parties.models import CUSTOMER, MAIN, PartyLocation
from ..receivables.models import Customer
from .models import SalesPerson, SalesPersonCustomer

ENTITY = "salesperson"
RECORD = "Salesperson"
LABEL = "Salesperson"
RESOURCE = "salesperson"
LISTING = Listing(RESOURCE, SalesPerson, SalesPerson.salesperson_cd)
MAX_PAGE_SIZE = 1000
HUNDRED = Decimal(100)
SCALARS = {"name": ("name", "Name", None), "salesSub": ("sales_subaccount", "Sales subaccount", None)}
_LOAD = (selectinload(SalesPerson.customers),)


@dataclass(frozen=True)
class SalesPersonFilters:
    code: str | None = None
    name: str | None = None
    active: bool | None = None
    commission_pct: Decimal | None = None
    sales_sub: str | None = None
    greater_than: str | None = None
    modified: DateCondition | None = None
    created: DateCondition | None = None

    def conditions(self) -> list:
        found: list[Any] = []
        if self.code:
            found.append(SalesPerson.salesperson_cd == self.code.strip())
        if self.name:
            found.append(SalesPerson.name == self.name.strip())
        if self.active is not None:
            found.append(SalesPerson.active.is_(self.active))
        if self.commission_pct is not None:
            found.append(SalesPerson.commission_pct == self.commission_pct)
        if self.sales_sub:
            found.append(SalesPerson.sales_subaccount == self.sales_sub.strip())
        if self.greater_than:
            found.append(SalesPerson.salesperson_cd > self.greater_than.strip())
        if self.modified:
            found.append(self.modified.apply(SalesPerson.last_modified_at))
        if self.created:
            found.append(self.created.apply(SalesPerson.created_at))
        return found


@dataclass(frozen=True)
class Shown:
    """A sales person with the subaccounts its page names: what rendering reads."""

    person: SalesPerson
    subaccount: Subaccount | None


def list_salespersons(
    db: Database, *, company_id: int, filters: SalesPersonFilters, page: Page
) -> tuple[list[Shown], PageResult]:
    with db.reading() as session:
        result = fetch_page(
            session,
            LISTING,
            company_id=company_id,
            conditions=filters.conditions(),
            signature=("salesperson", filters),
            page=page,
            options=_LOAD,
        )
        return _shown(session, company_id, result.rows), result


def _shown(session: Session, company_id: int, people) -> list[Shown]:
    codes = {p.sales_subaccount for p in people if p.sales_subaccount}
    subaccounts = {
        s.subaccount_cd: s
        for s in session.scalars(
            select(Subaccount).where(Subaccount.company_id == company_id, Subaccount.subaccount_cd.in_(codes))
        )
    }
    return [Shown(p, subaccounts.get(p.sales_subaccount or "")) for p in people]


def get_salesperson(db: Database, *, company_id: int, code: str) -> Shown:
    with db.reading() as session:
        return _shown(session, company_id, [_find(session, company_id, code)])[0]


def _find(session: Session, company_id: int, code: str, *, lock: bool = False) -> SalesPerson:
    statement = select(SalesPerson).where(
        SalesPerson.company_id == company_id, SalesPerson.salesperson_cd == code.strip()
    )
    statement = statement.with_for_update(of=SalesPerson) if lock else statement
    found = session.scalars(statement.options(*_LOAD)).first()
    if found is None:
        raise NotFound(messages.not_found(LABEL, code))
    return found


def create_salesperson(db: Database, *, company_id: int, changes: dict) -> SalesPerson:
    with db.writing() as session:
        return enter_salesperson(session, company_id, changes)


def enter_salesperson(session: Session, company_id: int, changes: dict) -> SalesPerson:
    """`create_salesperson` in the caller's transaction (the demo's)."""
    problems: list[str] = []
    code = (changes.get("salespersonID") or "").strip()
    if not code:
        problems.append(messages.cannot_be_empty("Salesperson ID"))
    elif len(code) > SalesPerson.__table__.c.salesperson_cd.type.length:
        problems.append(f"'Salesperson ID' is too long: at most {SalesPerson.__table__.c.salesperson_cd.type.length}.")
    elif session.scalar(
        select(SalesPerson.id).where(SalesPerson.company_id == company_id, SalesPerson.salesperson_cd == code)
    ):
        problems.append(messages.already_exists("Salesperson ID", code))
    person = SalesPerson(company_id=company_id, salesperson_cd=code, active=True, commission_pct=Decimal(0))
    now = utcnow()
    person.created_at = person.last_modified_at = now
    with session.no_autoflush:
        problems += _apply(session, company_id, person, changes, new=True)
        if problems:
            raise record_errors(action="inserting", entity=ENTITY, record=RECORD, errors=problems)
        session.add(person)
    session.flush()
    bump_version(session, company_id=company_id, resource=RESOURCE)
    return person


def update_salesperson(
    db: Database, *, company_id: int, code: str, changes: dict, if_match: str | None
) -> tuple[SalesPerson, list[str]]:
    """PATCH semantics; `salespersonID` cannot change: sent otherwise, it is ignored."""
    with db.writing() as session:
        person = _find(session, company_id, code, lock=True)
        check_if_match(if_match, person.row_version)
        ignored = (
            ["salespersonID"]
            if "salespersonID" in changes and (changes["salespersonID"] or "").strip() != person.salesperson_cd
            else []
        )
        with session.no_autoflush:
            problems = _apply(session, company_id, person, changes, new=False)
        if problems:
            raise record_errors(action="updating", entity=ENTITY, record=RECORD, errors=problems)
        person.last_modified_at = utcnow()
        session.flush()
        bump_version(session, company_id=company_id, resource=RESOURCE)
        return person, ignored


def _apply(session: Session, company_id: int, person: SalesPerson, changes: dict, *, new: bool) -> list[str]:
    problems = apply_scalars(person, changes, SCALARS)
    if (new or "name" in changes) and not person.name:
        problems.append(messages.cannot_be_empty("Name"))
    if "isActive" in changes:
        person.active = changes["isActive"] is not False
    if "commissionPct" in changes:
        pct = changes["commissionPct"] if changes["commissionPct"] is not None else Decimal(0)
        problem = _pct_problem(pct, "Commission %")
        if problem:
            problems.append(problem)
        else:
            person.commission_pct = pct
    if changes.get("salesSub") and person.sales_subaccount:
        exists = session.scalar(
            select(Subaccount.id).where(
                Subaccount.company_id == company_id, Subaccount.subaccount_cd == person.sales_subaccount
            )
        )
        if exists is None:
            problems.append(messages.cannot_be_found("Sales subaccount", person.sales_subaccount))
    for index, line in enumerate(changes.get("customers") or []):
        problems += _apply_customer(session, company_id, person, line, index)
    return problems


def _pct_problem(pct: Decimal, label: str) -> str | None:
    if pct < 0 or pct > HUNDRED:
        return f"'{label}' must be between 0 and 100; {pct} was given."
    return None


def _apply_customer(session: Session, company_id: int, person: SalesPerson, line: dict, index: int) -> list[str]:
    """One `customers` line: Insert (the default), Update or Delete the sales person's customer at a location
    (MAIN when none is given)."""
    where = f"customers[{index}]"
    operation = str(line.get("operation") or "Insert")
    number = (line.get("customerID") or "").strip()
    if not number:
        return [f"{where}: " + messages.cannot_be_empty("Customer ID")]
    customer = session.scalars(
        select(Customer).where(Customer.company_id == company_id, Customer.number == number)
    ).first()
    if customer is None:
        return [f"{where}: " + messages.cannot_be_found("Customer", number)]
    location_code = (line.get("locationID") or MAIN).strip().upper()
    location = _customer_location(session, company_id, customer, location_code)
    if location is None:
        return [f"{where}: " + messages.cannot_be_found("Location", f"{number}/{location_code}")]
    existing = next((c for c in person.customers if c.customer is customer and c.location is location), None)
    pct = line.get("commissionPct")
    problem = _pct_problem(pct, "Commission %") if pct is not None else None
    if problem:
        return [f"{where}: {problem}"]
    now = utcnow()
    if operation == "Delete":
        if existing is None:
            return [f"{where}: " + messages.not_found("Customer", f"{number}/{location_code}")]
        person.customers.remove(existing)
        return []
    if operation == "Update":
        if existing is None:
            return [f"{where}: " + messages.not_found("Customer", f"{number}/{location_code}")]
        if pct is not None:
            existing.commission_pct = pct
        existing.last_modified_at = now
        return []
    if existing is not None:
        return [f"{where}: " + messages.already_exists("Customer", f"{number}/{location_code}")]
    _serve(session, person, customer, location, pct)
    return []


def _serve(
    session: Session, person: SalesPerson, customer: Customer, location: PartyLocation, pct: Decimal | None
) -> SalesPersonCustomer:
    """The sales person serves the customer at the location, for `pct` (None: the sales person's own); the
    customer's first sales person is its default one."""
    has_default = session.scalar(
        select(SalesPersonCustomer.id).where(
            SalesPersonCustomer.customer_id == customer.id, SalesPersonCustomer.is_default.is_(True)
        )
    )
    now = utcnow()
    served = SalesPersonCustomer(
        customer=customer,
        location=location,
        commission_pct=person.commission_pct if pct is None else pct,
        is_default=has_default is None and not any(c.customer is customer for c in person.customers),
        created_at=now,
        last_modified_at=now,
    )
    person.customers.append(served)
    return served


def _customer_location(session: Session, company_id: int, customer: Customer, code: str) -> PartyLocation | None:
    return session.scalars(
        select(PartyLocation).where(
            PartyLocation.company_id == company_id,
            PartyLocation.party_kind == CUSTOMER,
            PartyLocation.party_id == customer.id,
            PartyLocation.location_id == code,
        )
    ).first()


def write_customer_salespersons(
    session: Session, company_id: int, customer: Customer, changes: list[dict]
) -> list[str]:
    """Insert, update or delete the sales persons serving the customer as its body's `salesPersons` say, each
    named by `salesPersonID` and `locationID` (MAIN when none is given); every problem."""
    served = list(
        session.scalars(
            select(SalesPersonCustomer)
            .where(SalesPersonCustomer.customer_id == customer.id)
            .order_by(SalesPersonCustomer.id)
            .options(selectinload(SalesPersonCustomer.salesperson))
        )
    )
    touched: set[SalesPerson] = set()

    def key(change: dict) -> tuple[str, str] | None:
        code = (change.get("salesPersonID") or "").strip()
        return (code, (change.get("locationID") or MAIN).strip().upper()) if code else None

    def create(
        pair: tuple[str, str], replacing: SalesPersonCustomer | None
    ) -> tuple[SalesPersonCustomer | None, list[str]]:
        code, location_code = pair
        if replacing is not None:
            replacing.salesperson.customers.append(replacing)
            served.append(replacing)
            return replacing, []
        person = session.scalars(
            select(SalesPerson).where(SalesPerson.company_id == company_id, SalesPerson.salesperson_cd == code)
        ).first()
        if person is None:
            return None, [messages.cannot_be_found("Salesperson", code)]
        location = _customer_location(session, company_id, customer, location_code)
        if location is None:
            return None, [messages.cannot_be_found("Location", f"{customer.number}/{location_code}")]
        touched.add(person)
        row = _serve(session, person, customer, location, None)
        row.is_default = not any(other.is_default for other in served)
        served.append(row)
        return row, []

    def remove(row: SalesPersonCustomer) -> list[str]:
        served.remove(row)
        row.salesperson.customers.remove(row)
        touched.add(row.salesperson)
        return []

    def apply(row: SalesPersonCustomer, change: dict, inserting: bool) -> list[str]:
        problems = []
        pct = change.get("commissionPct")
        if pct is not None:
            problem = _pct_problem(pct, "Commission %")
            if problem:
                problems.append(problem)
            else:
                row.commission_pct = pct
        if change.get("isDefault") is not None:
            row.is_default = change["isDefault"]
            for other in served:
                if row.is_default and other is not row:
                    other.is_default = False
        row.last_modified_at = utcnow()
        touched.add(row.salesperson)
        return problems

    book = KeyedBook(
        "salesPersons",
        "among the customer's sales persons",
        key,
        messages.cannot_be_empty("Salesperson ID"),
        lambda row: (row.salesperson.salesperson_cd, row.location.location_id),
        lambda pair: f"Salesperson '{pair[0]}' at location '{pair[1]}'",
        create,
        remove,
        apply,
    )
    with session.no_autoflush:
        problems = apply_keyed_operations(book, list(served), changes)
    if touched:
        bump_version(session, company_id=company_id, resource=RESOURCE)
    return problems


# --- what other modules read ---------------------------------------------------------------------------------


def commission_for(
    session: Session, company_id: int, salesperson_id: str, customer_id: int, location_id: str | None = None
) -> Decimal | None:
    """The commission % a sale by the sales person (its code) to the customer (its row id) earns: the sales
    person's percentage for that customer at the location (MAIN when none is named), else for the customer at
    any of its locations, else the sales person's own; None when the company has no such sales person."""
    person = session.scalars(
        select(SalesPerson).where(
            SalesPerson.company_id == company_id, SalesPerson.salesperson_cd == salesperson_id.strip()
        )
    ).first()
    if person is None:
        return None
    rows = session.execute(
        select(SalesPersonCustomer.commission_pct, PartyLocation.location_id)
        .join(PartyLocation, PartyLocation.id == SalesPersonCustomer.location_id)
        .where(SalesPersonCustomer.salesperson_id == person.id, SalesPersonCustomer.customer_id == customer_id)
        .order_by(SalesPersonCustomer.id)
    ).all()
    wanted = (location_id or MAIN).strip().upper()
    for pct, code in rows:
        if code == wanted:
            return pct
    return rows[0][0] if rows else person.commission_pct


def customer_salespersons(
    db: Database, *, company_id: int, number: str, page: Page
) -> tuple[list[SalesPersonCustomer], PageResult]:
    """The sales persons serving the customer numbered `number`, each at a location (404 when none is)."""
    with db.reading() as session:
        customer = session.scalars(
            select(Customer).where(Customer.company_id == company_id, Customer.number == number)
        ).first()
        if customer is None:
            raise NotFound(messages.not_found("Customer", number))
        rows = session.scalars(
            select(SalesPersonCustomer)
            .where(SalesPersonCustomer.customer_id == customer.id)
            .order_by(SalesPersonCustomer.id)
            .options(selectinload(SalesPersonCustomer.salesperson))
        ).all()
        shown = list(rows[page.offset : page.offset + page.size])
        return shown, PageResult(shown, len(rows), page.max_size)


# --- rendering ----------------------------------------------------------------------------------------------


def salesperson_dto(shown: Shown) -> dict:
    person, sub = shown.person, shown.subaccount
    return {
        "salespersonID": person.salesperson_cd,
        "name": person.name,
        "isActive": person.active,
        "commissionPct": person.commission_pct,
        "salesSub": (
            {"active": sub.active, "id": sub.subaccount_cd, "description": sub.description}
            if sub is not None
            else ({"id": person.sales_subaccount} if person.sales_subaccount else None)
        ),
        "customers": [
            {
                "bAccountID": c.customer.id,
                "customerName": c.customer.name,
                "locationID": c.location.id,
                "locationName": c.location.name,
                "isDefault": c.is_default,
                "commisionPct": c.commission_pct,
                "createdDateTime": format_datetime(c.created_at),
                "lastModifiedDateTime": format_datetime(c.last_modified_at),
            }
            for c in person.customers
        ],
        "commissionHistory": [],
        "createdDateTime": format_datetime(person.created_at),
        "lastModifiedDateTime": format_datetime(person.last_modified_at),
    }


def customer_salesperson_dto(row: SalesPersonCustomer) -> dict:
    return {
        "salePersonID": row.salesperson.salesperson_cd,
        "name": row.salesperson.name,
        "locationID": row.location.location_id,
        "locationName": row.location.name,
        "commisionPct": row.commission_pct,
        "isDefault": row.is_default,
    }
