"""Branches (CS101500, `/v1/branch`) and the company as an organisation (`/v1/organization`): read-only
`kit.resource` declarations, and the one write each has, their bank settings.

Their nested objects are shown when the request expands them (`expandAddress`, `expandBranches`, ...), on a
list and a single GET alike. Names, addresses, the corporate id and the currency are the company's."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from pydantic import create_model
from sqlalchemy.orm import joinedload

from ..currencies.service import describe
from ..db.base import utcnow
from ..db.engine import Database
from ..identity.models import Company
from ..kit.changes import bump_version
from ..kit.errors import record_errors
from ..kit.filters import Accepted
from ..kit.members import Attribute, Nested, Objects, Shape
from ..kit.records import RecordKey
from ..kit.resource import (
    LAST_MODIFIED,
    READ_ONLY,
    TIME_STAMP,
    Computed,
    Flag,
    GreaterThan,
    ModifiedSince,
    Resource,
    Texts,
)
from ..kit.responses import check_if_match
from ..kit.wire import Value, WireModel
from .models import Branch, Organization
from .service import BANK_SETTINGS, bank_settings_written


@dataclass(frozen=True)
class Expanded(Nested):
    """A nested object shown only when the request sends its `expand...` flag."""

    flag: str = ""

    def read(self, record: Any, view: frozenset[str] | None = None) -> Any:
        return super().read(record, view) if view and self.flag in view else None


@dataclass(frozen=True)
class ExpandedList(Objects):
    """A list of objects shown only when the request sends its `expand...` flag."""

    flag: str = ""

    def read(self, record: Any, view: frozenset[str] | None = None) -> Any:
        return super().read(record, view) if view and self.flag in view else None


def _company(record: Any) -> Company:
    return record.company


def _text(getter) -> Any:
    return lambda record: getter(record) or None


ADDRESS_MEMBERS = (
    Computed("addressLine1", str, _text(lambda company: company.address_line1)),
    Computed("addressLine2", str, _text(lambda company: company.address_line2)),
)
CONTACT_MEMBERS = (Computed("name", str, lambda company: company.name),)
BANK_SETTINGS_MEMBERS = tuple(
    Computed(wire, str, lambda settings, wire=wire: settings.get(wire)) for wire in BANK_SETTINGS
)
BankSettingsUpdateDto = create_model(
    "BankSettingsUpdateDto", __base__=WireModel, **{wire: (Value[str] | None, None) for wire in BANK_SETTINGS}
)


def _currency_members(full: bool) -> tuple:
    base = (
        Computed("id", str, lambda company: company.base_currency),
        Computed("description", str, lambda company: describe(company.base_currency)[0]),
        Computed("symbol", str, lambda company: describe(company.base_currency)[1]),
    )
    if not full:
        return base
    return (
        *base,
        Computed("isBaseCurrency", bool, lambda company: True),
        Computed("decimalPrecision", int, lambda company: describe(company.base_currency)[2]),
        Computed("isUsedForAccounting", bool, lambda company: True),
    )


# --- branches ---------------------------------------------------------------------------------------------

_BRANCH_FLAGS = {
    "expandAddress": "True to get main address for branch.",
    "expandContact": "True to get main contact for a branch.",
    "expandCurrency": "True to get base currency for a branch.",
    "expandVatZone": "True to get vat zone for a branch. nettfin's branches have none.",
    "expandLedger": "True to get ledger for a branch. nettfin's branches have none.",
    "expandIndustryCode": "True to get industry code for a branch. nettfin's branches have none.",
    "expandDeliveryAddress": "True to get delivery address for a branch. nettfin's branches have none.",
    "expandDeliveryContact": "True to get delivery contact for a branch. nettfin's branches have none.",
    "expandDefaultCountry": "True to get default country for a branch. nettfin's branches have none.",
    "expandBankSettings": "True to get payment settings for Branch.",
}
BRANCH_EXPANDS = tuple(Flag(name, description) for name, description in _BRANCH_FLAGS.items())

BRANCH = Resource(
    name="branch",
    model=Branch,
    path="/v1/branch",
    tag="Branch",
    label="Branch",
    key=RecordKey("number", Branch.branch_cd, "Branch"),
    key_param="branchNumber",
    members=(
        Computed("branchId", int, lambda branch: branch.id, "The branch's internal id."),
        Attribute("number", "branch_cd", description="The branch number."),
        Attribute("name", "name", description="The branch's name."),
        Computed("organizationId", int, lambda branch: branch.organization_id),
        Attribute("isMainBranch", "main", bool),
        Attribute("isActive", "active", bool),
        LAST_MODIFIED,
        Computed("corporateId", str, lambda branch: branch.company.organization_number),
        Expanded("mainAddress", Shape("mainAddressInBranchDto", ADDRESS_MEMBERS), _company, flag="expandAddress"),
        Expanded("mainContact", Shape("mainContactInBranchDto", CONTACT_MEMBERS), _company, flag="expandContact"),
        Expanded("currency", Shape("currencyInBranchDto", _currency_members(False)), _company, flag="expandCurrency"),
        Expanded(
            "bankSettings",
            Shape("bankSettingsInBranchDto", BANK_SETTINGS_MEMBERS),
            lambda branch: branch.bank_settings or {},
            flag="expandBankSettings",
        ),
    ),
    texts=Texts(
        list="Get a range of Branches - ScreenId=CS101500", get="Get a specific branch", key="Identifies the branch"
    ),
    dto="BranchDto",
    operations=READ_ONLY,
    filters=(
        GreaterThan(),
        Accepted((("orderBy", str),), "Accepted; the list is in branch number order."),
        ModifiedSince(),
        *BRANCH_EXPANDS,
    ),
    get_filters=BRANCH_EXPANDS,
    paged=False,
    load=(joinedload(Branch.company),),
)


# --- the organisation -------------------------------------------------------------------------------------

BRANCH_NUMBER = Shape("BranchNumberDto", (Attribute("number", "branch_cd"), Attribute("name", "name")))
_ORGANIZATION_FLAGS = (
    Flag("expandBranches", "True to get the organisation's branches."),
    Flag("expandBankSettings", "True to get the organisation's bank settings."),
)

ORGANIZATION = Resource(
    name="organization",
    model=Organization,
    path="/v1/organization",
    tag="Organization",
    label="Organization",
    key=RecordKey("organizationCd", Organization.organization_cd, "Organization"),
    key_param="organizationNumber",
    members=(
        Attribute("organizationCd", "organization_cd", description="Organization Cd"),
        Computed("name", str, lambda organization: organization.company.name),
        Computed("organizationType", str, lambda organization: "WithBranchesNotRequiringBalancing"),
        Computed("fileTaxByBranches", bool, lambda organization: False),
        Computed("baseCurrency", str, lambda organization: organization.company.base_currency),
        Nested("mainAddress", Shape("mainAddressInExtendedOrganizationDto", ADDRESS_MEMBERS), _company),
        Nested("mainContact", Shape("mainContactInExtendedOrganizationDto", CONTACT_MEMBERS), _company),
        Computed("corporateId", str, lambda organization: organization.company.organization_number),
        Nested("currency", Shape("currencyInExtendedOrganizationDto", _currency_members(True)), _company),
        LAST_MODIFIED,
        Expanded(
            "bankSettings",
            Shape("bankSettingsInExtendedOrganizationDto", BANK_SETTINGS_MEMBERS),
            lambda organization: organization.bank_settings or {},
            flag="expandBankSettings",
        ),
        ExpandedList("branches", BRANCH_NUMBER, lambda organization: organization.branches, flag="expandBranches"),
        TIME_STAMP,
    ),
    texts=Texts(list="Get all organizations", get="Get a specific organization", key="Identifies the organization"),
    dto="ExtendedOrganizationDto",
    operations=READ_ONLY,
    filters=(*_ORGANIZATION_FLAGS, ModifiedSince(), GreaterThan()),
    get_filters=(*_ORGANIZATION_FLAGS, ModifiedSince(), GreaterThan()),
    paged=False,
    load=(joinedload(Organization.company), joinedload(Organization.branches)),
)


def write_bank_settings(
    db: Database, resource: Resource, *, company_id: int, key: str, dto: WireModel, if_match: str | None = None
) -> Any:
    """A branch's or the organisation's bank settings after the members sent; every problem at once, nothing
    written when there is one."""
    with db.writing() as session:
        record = resource.find(session, company_id, key, for_update=True)
        check_if_match(if_match, record.row_version)
        settings, problems = bank_settings_written(record.bank_settings or {}, dto.changes())
        if problems:
            raise record_errors(action="updating", entity=resource.entity, record=resource.record_name, errors=problems)
        record.bank_settings = settings
        record.last_modified_at = utcnow()
        bump_version(session, company_id=company_id, resource=resource.name)
        session.flush()
        return record
