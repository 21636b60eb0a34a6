"""Factories for the ledger and VAT tests, and validation of responses against the real Visma documents.

Set-up data goes straight into the database through the services' own helpers; what a test is about goes
through the API. `real_problems` validates a response with the converter of test_visma_contract.py, against
the component of the resource's own real OpenAPI document.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal
from functools import cache
from typing import Any

import yaml
from jsonschema import Draft202012Validator
from sqlalchemy import update

from nettfin.server.kit.changes import bump_version
from nettfin.server.ledger.dimensions import SegmentSpec, define_dimension
from nettfin.server.ledger.models import SUBACCOUNT, Account, AccountClass, FinancialPeriod, LedgerSettings, Subaccount
from nettfin.server.ledger.periods import create_financial_year
from nettfin.server.tax.determination import CategoryRule, RateRevision, VatRule, VatSetup, ZoneRule
from nettfin.server.tax.models import Vat, VatCategory, VatSchedule, VatSettings, VatZone
from tests.conftest import Tenant
from tests.test_visma_contract import FORMATS, OPENAPI_REFS, REFERENCE, SchemaConverter

MOMENT = datetime(2020, 3, 1, 12, 0, tzinfo=UTC)

# --- the real documents ----------------------------------------------------------------------------------


@cache
def real_document(name: str) -> dict:
    """A real document by its file's name: `account`, `vatzone`, `department`, ... (from either folder)."""
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    path = REFERENCE / "visma-openapi" / f"visma-{name}-api-openapi.yml"
    if not path.exists():
        path = REFERENCE / "visma-openapi-more" / f"visma-{name}-api-openapi.yml"
    with path.open(encoding="utf-8") as handle:
        return yaml.load(handle, Loader=loader)  # noqa: S506 - a safe loader


@cache
def _validator(name: str, component: str) -> Draft202012Validator:
    converter = SchemaConverter(real_document(name)["components"]["schemas"], OPENAPI_REFS, closed=True)
    schema = converter.root(component)
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema, format_checker=FORMATS)


def real_problems(instance: Any, name: str, component: str) -> list[str]:
    found = _validator(name, component).iter_errors(instance)
    return sorted(f"{'/'.join(map(str, e.absolute_path)) or '<root>'}: {e.message}" for e in found)


def assert_real(instance: Any, name: str, component: str) -> None:
    found = real_problems(instance, name, component)
    assert not found, f"not a valid {component} of visma-{name}:\n" + "\n".join(found)


def real_properties(name: str, component: str) -> set[str]:
    return set(real_document(name)["components"]["schemas"][component]["properties"])


def real_query_parameters(name: str, path: str) -> set[str]:
    operation = real_document(name)["paths"][path]["get"]
    return {p["name"] for p in operation.get("parameters", []) if p["in"] == "query"}


# --- chart of accounts ------------------------------------------------------------------------------------


def add_account_classes(tenant: Tenant) -> None:
    """Account classes ASSETS (Asset) and SALES (Income)."""
    with tenant.database.writing() as session:
        session.add_all(
            [
                AccountClass(company_id=tenant.company_id, class_id="ASSETS", description="Eiendeler", type="Asset"),
                AccountClass(company_id=tenant.company_id, class_id="SALES", description="Salg", type="Income"),
            ]
        )


def insert_accounts(tenant: Tenant, *numbers: str, control: str | None = None, **columns) -> None:
    with tenant.database.writing() as session:
        for number in numbers:
            session.add(
                Account(
                    company_id=tenant.company_id,
                    account_cd=number,
                    description=f"Account {number}",
                    type=columns.get("type", "Asset"),
                    control_account_module=control,
                    allow_manual_entry=control is None,
                    last_modified_at=columns.get("modified", MOMENT),
                    **{k: v for k, v in columns.items() if k not in ("type", "modified")},
                )
            )
        bump_version(session, company_id=tenant.company_id, resource="account")


def account_body(number: str = "3000", **extra) -> dict:
    """A create body with every member the write model has (AccountUpdateDto)."""
    body = {
        "accountCD": {"value": number},
        "description": {"value": "Salgsinntekt, avgiftspliktig"},
        "type": {"value": "Income"},
        "active": {"value": True},
        "postOption": {"value": "Detail"},
        "publicCode1": {"value": number},
        "extenalCode1": {"value": "EXT1"},
        "externalCode2": {"value": "EXT2"},
        "analysisCode": {"value": "AN"},
        "accountGroupCD": {"value": "GRP"},
        "useDefaultSub": {"value": True},
        "currency": {"value": "NOK"},
    }
    body.update(extra)
    return body


# --- financial periods ------------------------------------------------------------------------------------


def add_years(tenant: Tenant, *years: int) -> None:
    with tenant.database.writing() as session:
        for year in years:
            create_financial_year(session, tenant.company_id, year)


def close_period(tenant: Tenant, period: str, **closed: bool) -> None:
    """Set `closed_in_...` flags (or `active`) of one period directly: closing is not served by the API."""
    with tenant.database.writing() as session:
        session.execute(
            update(FinancialPeriod)
            .where(FinancialPeriod.company_id == tenant.company_id, FinancialPeriod.period_id == period)
            .values(**closed)
        )


# --- dimension and subaccounts ----------------------------------------------------------------------------

DEPARTMENTS = (("00", "Felles"), ("10", "Salg"), ("20", "Innkjøp"))
PROJECTS = (("000", "Ingen prosjekt"), ("100", "Nettbutikk"))


def add_dimension(tenant: Tenant, *, project_validated: bool = True) -> None:
    """SUBACCOUNT: 1 `Avdeling` (2 characters, validated: 00, 10, 20; default 00), 2 `Prosjekt` (3
    characters, validated or free: 000, 100; default 000)."""
    with tenant.database.writing() as session:
        define_dimension(
            session,
            company_id=tenant.company_id,
            dimension_id=SUBACCOUNT,
            description="Subaccount",
            segments=[
                SegmentSpec("Avdeling", 2, values=DEPARTMENTS, default_value="00"),
                SegmentSpec("Prosjekt", 3, validate=project_validated, values=PROJECTS, default_value="000"),
            ],
        )


def insert_subaccounts(tenant: Tenant, *numbers: str, active: bool = True, modified: datetime = MOMENT) -> None:
    with tenant.database.writing() as session:
        for number in numbers:
            session.add(
                Subaccount(
                    company_id=tenant.company_id,
                    subaccount_cd=number,
                    description=f"Sub {number}",
                    active=active,
                    last_modified_at=modified,
                )
            )
        bump_version(session, company_id=tenant.company_id, resource="subaccount")


def enforce_combinations(tenant: Tenant) -> None:
    with tenant.database.writing() as session:
        session.add(LedgerSettings(company_id=tenant.company_id, enforce_subaccount_combinations=True))


# --- VAT --------------------------------------------------------------------------------------------------

RATES_FROM = date(2019, 1, 1)
LOW_RATE_CUT = date(2020, 4, 1)

# (VAT ID, description, group type, [(start, rate)], type): the knowledge base's VAT walk-through and more.
VATS = [
    ("1", "Inngående mva, høy sats", "Input", [(RATES_FROM, "25")], "Vat"),
    ("3", "Utgående mva, høy sats", "Output", [(RATES_FROM, "25")], "Vat"),
    ("33", "Utgående mva, lav sats", "Output", [(RATES_FROM, "12"), (LOW_RATE_CUT, "6")], "Vat"),
    ("52", "Utførsel, fritatt", "Output", [(RATES_FROM, "0")], "Vat"),
    ("86", "Tjenester fra utlandet, omvendt avgiftsplikt", "Input", [(RATES_FROM, "25")], "ReverseVat"),
]
CATEGORIES = [("03", "Høy sats", ("1", "3", "52", "86")), ("33", "Lav sats", ("33", "52")), ("05", "Fritatt", ("52",))]
ZONES = [("01", "Innenlands", "03", ("1", "3", "33")), ("02", "Utland", "05", ("52", "86"))]


def add_vat_setup(tenant: Tenant, *, rounding: str | None = None) -> None:
    """VAT IDs 1, 3, 33, 52, 86 with accounts 2700/2710; categories 03, 33, 05; zones 01 (default 03) and 02
    (default 05). Zone 01 x category 03 shares VAT ID 3 on sales and 1 on purchases, as in the article."""
    company_id = tenant.company_id
    with tenant.database.writing() as session:
        vats = _vats(company_id)
        for category_id, text, members in CATEGORIES:
            session.add(
                VatCategory(
                    company_id=company_id,
                    category_id=category_id,
                    description=text,
                    vats=[vats[v] for v in members],
                    created_at=MOMENT,
                    last_modified_at=MOMENT,
                )
            )
        for zone_id, text, default, members in ZONES:
            session.add(
                VatZone(
                    company_id=company_id,
                    zone_id=zone_id,
                    description=text,
                    default_vat_category=default,
                    vats=[vats[v] for v in members],
                )
            )
        if rounding:
            session.add(VatSettings(company_id=company_id, rounding=rounding))
        for resource in ("account", "vat", "vatCategory", "vatZone"):
            bump_version(session, company_id=company_id, resource=resource)


def _vats(company_id: int) -> dict[str, Vat]:
    payable = Account(company_id=company_id, account_cd="2700", description="Utgående mva", type="Liability")
    claimable = Account(company_id=company_id, account_cd="2710", description="Inngående mva", type="Liability")
    return {
        vat_id: Vat(
            company_id=company_id,
            vat_id=vat_id,
            description=text,
            type=kind,
            reverse_vat=kind == "ReverseVat",
            payable_account=payable if group == "Output" or kind == "ReverseVat" else None,
            claimable_account=claimable if group == "Input" else None,
            last_modified_at=MOMENT,
            schedules=[
                VatSchedule(company_id=company_id, start_date=start, vat_rate=Decimal(rate), group_type=group)
                for start, rate in rates
            ],
        )
        for vat_id, text, group, rates, kind in VATS
    }


def walkthrough_setup() -> VatSetup:
    """The same set-up as `add_vat_setup`, as the frozen values determination works on (no database)."""
    vats = [
        VatRule(
            vat_id,
            tuple(RateRevision(start, Decimal(rate), group) for start, rate in rates),
            reverse=kind == "ReverseVat",
        )
        for vat_id, _, group, rates, kind in VATS
    ]
    categories = [CategoryRule(category_id, frozenset(members)) for category_id, _, members in CATEGORIES]
    zones = [ZoneRule(zone_id, frozenset(members), default) for zone_id, _, default, members in ZONES]
    return VatSetup.of(vats, zones, categories)
