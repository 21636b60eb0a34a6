"""Test data and contract checks for suppliers, items and employees. Reference data goes straight into the
database; what a test is about goes through the API. Responses are checked against the real OpenAPI
documents with the converter of `test_visma_contract` (closed schemas, .NET nullability, .NET formats)."""

from __future__ import annotations

import atexit
import copy
import tempfile
import typing
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator
from sqlalchemy import select
from sqlalchemy.engine import make_url
from starlette.testclient import TestClient

from nettfin.server.app import create_app
from nettfin.server.db.engine import Database
from nettfin.server.db.migrate import upgrade
from nettfin.server.demo.seed import DEMO_TOKEN, ensure_demo
from nettfin.server.identity.models import User
from nettfin.server.inventory.models import InventoryItem, ItemClass, PostingClass, Warehouse
from nettfin.server.kit.changes import bump_version
from nettfin.server.kit.wire import Value, WireEnum, WireModel
from nettfin.server.numbering.service import SUPPLIER, create_series
from nettfin.server.payables.models import Supplier, SupplierClass
from nettfin.server.settings import Settings
from nettfin.server.tax.models import VatZone
from nettfin.server.terms.models import CreditTerms
from nettfin.server.timecards.models import Department, Employee, EmployeeClass
from nettfin.testing.server import copy_sqlite
from tests.conftest import Tenant, new_postgres_database
from tests.ledger_factories import real_document
from tests.test_visma_contract import FORMATS, OPENAPI_REFS, SchemaConverter

# --- the real documents ------------------------------------------------------------------------------------


def openapi(name: str) -> dict:
    """`supplier`, `inventory`, `employee`, `department`, ...: the real 2026 OpenAPI document of that resource."""
    return real_document(name)


def schemas(name: str) -> dict[str, dict]:
    return openapi(name)["components"]["schemas"]


# Members whose nulls the converter's .NET rule refuses but which nettfin leaves empty on purpose, each with
# the reason (docs/compatibility.md says the same).
NULLS_NETTFIN_EMITS = {
    # A courtesy title: no write model sets it, and nettfin does not invent one.
    ("employee", "contactInEmployeeDto", "title"),
}


@cache
def _validator(name: str, component: str) -> Draft202012Validator:
    schema = copy.deepcopy(SchemaConverter(schemas(name), OPENAPI_REFS, closed=True).root(component))
    for owner_document, owner, member in NULLS_NETTFIN_EMITS:
        if owner_document == name:
            # Patched after conversion: a `nullable` mark in the document would switch the converter's rule.
            members = schema["$defs"][owner]["properties"]
            members[member] = {"anyOf": [members[member], {"type": "null"}]}
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema, format_checker=FORMATS)


def contract_problems(instance: Any, name: str, component: str) -> list[str]:
    found = _validator(name, component).iter_errors(instance)
    return sorted(f"{'/'.join(map(str, e.absolute_path)) or '<root>'}: {e.message}" for e in found)


def assert_real(instance: Any, name: str, component: str) -> None:
    found = contract_problems(instance, name, component)
    assert not found, f"not a valid {component} of the real {name} document:\n" + "\n".join(found)


def real_enum(name: str, component: str, member: str) -> set[str]:
    node = schemas(name)[component]["properties"][member]
    while "$ref" in node:
        node = schemas(name)[node["$ref"].rsplit("/", 1)[-1]]
    if "enum" not in node:
        node = node["properties"]["value"]
    return set(node["enum"])


def _write_kind(annotation) -> tuple[bool, str]:
    """(wrapped, JSON type) of a write model's field annotation such as `Value[int] | None`."""
    (inner,) = [a for a in typing.get_args(annotation) if a is not type(None)] or [annotation]
    inner = typing.get_args(inner)[0] if typing.get_origin(inner) is typing.Annotated else inner
    wrapped = isinstance(inner, type) and issubclass(inner, Value)
    if wrapped:
        inner = [a for a in typing.get_args(inner.model_fields["value"].annotation) if a is not type(None)][0]
    if typing.get_origin(inner) is list:
        return wrapped, "array"
    if isinstance(inner, type) and issubclass(inner, WireEnum):
        return wrapped, "string"
    if isinstance(inner, type) and issubclass(inner, WireModel):
        return wrapped, "object"
    return wrapped, {bool: "boolean", int: "integer", Decimal: "number", str: "string", datetime: "string"}[inner]


def _real_write_kind(name: str, node: dict) -> tuple[bool, str]:
    """(wrapped, JSON type) of a member of a real write model: `DtoValueOf...` and `...InXUpdateDto` wrappers
    hold only `value`."""
    if "$ref" in node:
        target = schemas(name)[node["$ref"].rsplit("/", 1)[-1]]
        if set(target.get("properties", {})) == {"value"}:
            value = target["properties"]["value"]
            return True, "object" if "$ref" in value else value["type"]
        return False, "object"
    return False, node["type"]


def write_kind_mismatches(model: type[WireModel], name: str, component: str) -> dict:
    """nettfin's write members whose wrapping or JSON type differs from the real write model's."""
    real = schemas(name)[component]["properties"]
    found = {}
    for member, field in model.model_fields.items():
        ours, theirs = _write_kind(field.annotation), _real_write_kind(name, real[member])
        if ours != theirs:
            found[member] = (ours, theirs)
    return found


def query_names(client, path: str) -> set[str]:
    """The query parameters nettfin's own OpenAPI document declares for GET `path` (under v1)."""
    document = client.get("/swagger/v1/swagger.json").json()
    operation = document["paths"][f"/API/controller/api/v1{path}"]["get"]
    return {p["name"] for p in operation.get("parameters", []) if p["in"] == "query"}


def real_query_names(name: str, path: str) -> set[str]:
    return {p["name"] for p in openapi(name)["paths"][f"/v1{path}"]["get"].get("parameters", [])}


# --- the demo company ---------------------------------------------------------------------------------------


@contextmanager
def seeded_demo(directory, backend: str | None = None, *, fresh: bool = False, **settings) -> Iterator[TestClient]:
    """A database of its own holding the demo company, and a client for it as the demo user. `backend` is the
    session's database URL: a PostgreSQL one gives a new PostgreSQL database (dropped after), anything else a
    SQLite file in `directory`. The demo is copied from one seeded per test process (seeding takes seconds, a
    copy milliseconds); `fresh` seeds from scratch, for the tests of the seed itself. `settings`: the app's
    other settings (`admin_api_key`, ...)."""
    with ExitStack() as stack:
        if backend is not None and backend.startswith("postgresql"):
            url = stack.enter_context(new_postgres_database(None if fresh else demo_template("postgresql")))
        else:
            url = f"sqlite:///{directory / 'demo.db'}"
            if not fresh:
                copy_sqlite(demo_template("sqlite"), directory / "demo.db")
        database = Database(url)
        stack.callback(database.dispose)
        if fresh:
            upgrade(url)
            ensure_demo(database)
        with TestClient(create_app(Settings(data_dir=directory, **settings), database=database)) as client:
            client.headers.update({"Authorization": f"Bearer {DEMO_TOKEN}", "ipp-company-id": str(DEMO_COMPANY_ID)})
            yield client


@cache
def demo_template(backend: str) -> str:
    """The demo company seeded once in this process: a SQLite file's path, or a PostgreSQL database's name.
    Dropped (PostgreSQL) or deleted (SQLite) when the process exits."""
    if backend == "postgresql":
        url = stack_of_templates.enter_context(new_postgres_database())
        _seed(url)
        return make_url(url).database
    directory = Path(stack_of_templates.enter_context(tempfile.TemporaryDirectory(prefix="nettfin-demo-")))
    _seed(f"sqlite:///{directory / 'demo.db'}")
    return str(directory / "demo.db")


def _seed(url: str) -> None:
    upgrade(url)
    database = Database(url)
    try:
        assert ensure_demo(database).company_id == DEMO_COMPANY_ID
    finally:
        database.dispose()


# Templates live until the process ends; pytest workers are processes, so each has its own.
stack_of_templates = ExitStack()
atexit.register(stack_of_templates.close)
# The demo company is the first company of its database.
DEMO_COMPANY_ID = 1


DEMO_API = "/API/controller/api/v1"


# --- the ledger's accounts --------------------------------------------------------------------------------


def add_gl_accounts(tenant: Tenant, accounts: dict[str, str], subaccounts: tuple[str, ...] = ()) -> None:
    """GL accounts by number -> type (Asset, Liability, Income, Expense), and subaccounts by number."""
    from nettfin.server.ledger.models import Account, Subaccount

    with tenant.database.writing() as session:
        for number, kind in accounts.items():
            session.add(
                Account(company_id=tenant.company_id, account_cd=number, type=kind, description=f"Konto {number}")
            )
        for number in subaccounts:
            session.add(Subaccount(company_id=tenant.company_id, subaccount_cd=number, description=f"Sub {number}"))
        for resource in ("account", "subaccount"):
            bump_version(session, company_id=tenant.company_id, resource=resource)


# --- suppliers ---------------------------------------------------------------------------------------------


def add_supplier_reference_data(tenant: Tenant, *, manual_numbering: bool = False) -> None:
    """VAT zones 01/02, credit terms 14/30, the SUPPLIER series (automatic from 50001 unless manual), and
    supplier classes 1 (zone 01, terms 30, payment method BANK) and 2 (requires a VAT zone)."""
    with tenant.database.writing() as session:
        zone01 = VatZone(company_id=tenant.company_id, zone_id="01", description="Domestic", default_vat_category="03")
        zone02 = VatZone(company_id=tenant.company_id, zone_id="02", description="EU")
        terms30 = CreditTerms(company_id=tenant.company_id, terms_id="30", description="30 days", due_days=30)
        terms14 = CreditTerms(company_id=tenant.company_id, terms_id="14", description="14 days", due_days=14)
        session.add_all([zone01, zone02, terms30, terms14])
        bump_version(session, company_id=tenant.company_id, resource="vatZone")
        session.add_all(
            [
                SupplierClass(
                    company_id=tenant.company_id,
                    class_id="1",
                    description="Domestic suppliers",
                    vat_zone=zone01,
                    credit_terms=terms30,
                    payment_method_id="BANK",
                ),
                SupplierClass(
                    company_id=tenant.company_id, class_id="2", description="Zone required", required_vat_zone=True
                ),
            ]
        )
        create_series(
            session,
            company_id=tenant.company_id,
            series_id=SUPPLIER,
            description="Suppliers",
            start_after=50000,
            manual=manual_numbering,
        )


def minimal_supplier(name: str = "Leverandør AS", **extra) -> dict:
    """A minimum create body in the write shape (number omitted: the series gives it)."""
    body = {
        "name": {"value": name},
        "supplierClassId": {"value": "1"},
        "mainAddress": {
            "value": {
                "addressLine1": {"value": "Testroad 5"},
                "postalCode": {"value": "0110"},
                "city": {"value": "OSLO"},
                "countryId": {"value": "NO"},
            }
        },
    }
    body.update(extra)
    return body


def article_supplier_body() -> dict:
    """The knowledge base's Supplier article, "POST Supplier", as printed (`mainAddress` in the read shape)."""
    return {
        "number": {"value": "50002"},
        "name": {"value": "NewSupplier"},
        "mainAddress": {
            "addressId": 3001,
            "addressLine1": "Testroad 5",
            "postalCode": "0110",
            "city": "OSLO",
            "country": {"id": "NO", "name": "NORGE"},
            "county": {"id": "0301", "name": "OSLO"},
        },
        "supplierClassId": {"value": "1"},
    }


def insert_suppliers(
    tenant: Tenant, count: int, *, start: int = 1, modified: datetime | None = None, step: timedelta = timedelta(0)
) -> list[str]:
    """Suppliers numbered S00001.. inserted directly (fast set-up for list tests)."""
    modified = modified or datetime(2020, 1, 1, tzinfo=UTC)
    numbers = []
    with tenant.database.writing() as session:
        for offset in range(count):
            number = f"S{start + offset:05d}"
            moment = modified + step * offset
            session.add(
                Supplier(
                    company_id=tenant.company_id,
                    number=number,
                    name=f"Supplier {number}",
                    currency_id="NOK",
                    created_at=moment,
                    last_modified_at=moment,
                )
            )
            numbers.append(number)
        bump_version(session, company_id=tenant.company_id, resource="supplier")
    return numbers


# --- items -------------------------------------------------------------------------------------------------


def add_inventory_reference_data(tenant: Tenant) -> None:
    """Warehouses 1 and 2, posting classes GOODS/SERVICE, item classes STOCK (FinishedGoodItem, unit STK,
    warehouse 1, VAT category 01) and TJENESTE (ServiceItem, unit TIME)."""
    with tenant.database.writing() as session:
        main = Warehouse(company_id=tenant.company_id, warehouse_id="1", description="Hovedlager")
        second = Warehouse(company_id=tenant.company_id, warehouse_id="2", description="Pall-lager")
        goods = PostingClass(company_id=tenant.company_id, class_id="GOODS", description="Varer")
        services = PostingClass(company_id=tenant.company_id, class_id="SERVICE", description="Tjenester")
        session.add_all([main, second, goods, services])
        session.add_all(
            [
                ItemClass(
                    company_id=tenant.company_id,
                    class_id="STOCK",
                    description="Lagervarer",
                    item_type="FinishedGoodItem",
                    posting_class=goods,
                    vat_category_code="01",
                    base_unit="STK",
                    default_warehouse=main,
                ),
                ItemClass(
                    company_id=tenant.company_id,
                    class_id="TJENESTE",
                    description="Tjenester",
                    item_type="ServiceItem",
                    posting_class=services,
                    base_unit="TIME",
                ),
            ]
        )
        for resource in ("item_class", "posting_class"):
            bump_version(session, company_id=tenant.company_id, resource=resource)


def add_vat_categories(tenant: Tenant, *ids: str) -> None:
    from nettfin.server.tax.models import VatCategory

    with tenant.database.writing() as session:
        for category_id in ids or ("01", "02", "03"):
            session.add(
                VatCategory(
                    company_id=tenant.company_id, category_id=category_id, description=f"Category {category_id}"
                )
            )
        bump_version(session, company_id=tenant.company_id, resource="vatCategory")


def minimal_item(number: str = "ITEM1", **extra) -> dict:
    """A non-stock item: number, type, description and base unit."""
    body = {
        "inventoryNumber": {"value": number},
        "type": {"value": "NonStockItem"},
        "description": {"value": f"Item {number}"},
        "baseUnit": {"value": "STK"},
    }
    body.update(extra)
    return body


def insert_items(
    tenant: Tenant, count: int, *, start: int = 1, modified: datetime | None = None, step: timedelta = timedelta(0)
) -> list[str]:
    modified = modified or datetime(2020, 1, 1, tzinfo=UTC)
    numbers = []
    with tenant.database.writing() as session:
        for offset in range(count):
            number = f"I{start + offset:05d}"
            moment = modified + step * offset
            session.add(
                InventoryItem(
                    company_id=tenant.company_id,
                    number=number,
                    item_type="NonStockItem" if offset % 2 else "FinishedGoodItem",
                    description=f"Item {number}",
                    base_unit="STK",
                    sales_unit="STK",
                    purchase_unit="STK",
                    created_at=moment,
                    last_modified_at=moment,
                )
            )
            numbers.append(number)
        bump_version(session, company_id=tenant.company_id, resource="inventory")
    return numbers


# --- employees ---------------------------------------------------------------------------------------------


def add_employee_reference_data(tenant: Tenant) -> None:
    """Departments ADM/PROD and employee classes EMPL/CONS."""
    with tenant.database.writing() as session:
        session.add_all(
            [
                Department(company_id=tenant.company_id, department_id="ADM", description="Administrasjon"),
                Department(company_id=tenant.company_id, department_id="PROD", description="Produksjon"),
                EmployeeClass(company_id=tenant.company_id, class_id="EMPL", description="Ansatte"),
                EmployeeClass(company_id=tenant.company_id, class_id="CONS", description="Konsulenter"),
            ]
        )


def minimal_employee(number: str = "E001", **extra) -> dict:
    """The real EmployeeCreateDTO's required members (contact is a plain holder of wrapped members)."""
    body = {
        "employeeCd": {"value": number},
        "department": {"value": "ADM"},
        "employeeClass": {"value": "EMPL"},
        "branch": {"value": "1"},
        "calendar": {"value": "STANDARD"},
        "contact": {
            "firstName": {"value": "Kari"},
            "lastName": {"value": "Nordmann"},
            "email": {"value": f"{number.lower()}@example.no"},
        },
    }
    body.update(extra)
    return body


def insert_employees(
    tenant: Tenant, count: int, *, start: int = 1, modified: datetime | None = None, step: timedelta = timedelta(0)
) -> list[str]:
    """Employees numbered E00001.. in department ADM, class EMPL (add_employee_reference_data first)."""
    modified = modified or datetime(2020, 1, 1, tzinfo=UTC)
    numbers = []
    with tenant.database.writing() as session:
        department = session.scalars(
            select(Department).where(Department.company_id == tenant.company_id, Department.department_id == "ADM")
        ).one()
        employee_class = session.scalars(
            select(EmployeeClass).where(EmployeeClass.company_id == tenant.company_id, EmployeeClass.class_id == "EMPL")
        ).one()
        for offset in range(count):
            number = f"E{start + offset:05d}"
            moment = modified + step * offset
            session.add(
                Employee(
                    company_id=tenant.company_id,
                    number=number,
                    name=f"Ansatt {number}",
                    department=department,
                    employee_class=employee_class,
                    contact={"lastName": f"Ansatt {number}"},
                    created_at=moment,
                    last_modified_at=moment,
                )
            )
            numbers.append(number)
        bump_version(session, company_id=tenant.company_id, resource="employee")
    return numbers


def link_user(tenant: Tenant, employee_number: str, email: str) -> int:
    """Link an employee to a new user, as the time-card set-up will; returns the user's id."""
    with tenant.database.writing() as session:
        user = User(email=email, first_name="Linked", last_name="User")
        session.add(user)
        session.flush()
        employee = session.scalars(
            select(Employee).where(Employee.company_id == tenant.company_id, Employee.number == employee_number)
        ).one()
        employee.user_id = user.id
        bump_version(session, company_id=tenant.company_id, resource="employee")
        return user.id
