"""VAT IDs (TX205000), VAT categories (TX205500) and VAT zones (TX206000) as the API serves them: read-only
`kit.resource` declarations, list and get, as the service's.

A VAT ID reads with its rate schedule, its accounts, its categories and its zones; a category with its lines
(one per VAT ID, each with its rate revisions). The categories inside a VAT leave their lines out unless
`includeVatCategoryLines` is sent: then a list shows each row's own line, and a single VAT the whole category.
Enum values and names are the service's, misspellings included (`vatClaimableSubccount`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy.orm import joinedload, selectinload

from ..kit.filters import DateSince, Shows
from ..kit.members import NO_VIEW, Attribute, Nested, Objects, Shape, id_and_description
from ..kit.records import RecordKey
from ..kit.render import DecimalNumber, format_date, format_datetime
from ..kit.resource import (
    ERROR_INFO,
    LAST_MODIFIED,
    READ_ONLY,
    Computed,
    GreaterThan,
    Ignored,
    Member,
    ModifiedSince,
    Resource,
    Texts,
)
from .models import Vat, VatCategory, VatZone
from .schemas import CalculateOn, CashDiscount, EuReportCode, GroupType, VatType, VismaXmlVatType
from .service import CATEGORY_RESOURCE, VAT_RESOURCE, ZONE_RESOURCE

# Render flags: a VAT list's rows show their own category line, a single VAT every line of its categories;
# the categories inside a VAT otherwise have none; a vendor (VAT agency) code keeps that agency's lines.
OWN_LINES = "ownVatCategoryLines"
ALL_LINES = "allVatCategoryLines"
WITHOUT_LINES = "withoutVatCategoryLines"
VENDOR = "vendorCd"
_LINES = "True: each category also lists its lines (vatCategoryLines); otherwise they are null."
_VENDOR = "A VAT agency (supplier) number: only the category lines of that agency. nettfin has no agencies yet."


# --- VAT zones --------------------------------------------------------------------------------------------

TAX_CATEGORY_REF = Shape(
    "TaxCategoryNumberDescriptionDto",
    (
        Computed("number", str, lambda zone: zone.default_vat_category),
        Computed("description", str, lambda zone: zone.default_category and zone.default_category.description),
    ),
)

VAT_ZONE = Resource(
    name=ZONE_RESOURCE,
    model=VatZone,
    path="/v1/vatZone",
    tag="VatZone",
    label="VAT zone",
    key=RecordKey("id", VatZone.zone_id, "VAT zone"),
    key_param="vatZoneId",
    members=(
        *id_and_description("zone_id"),
        Attribute("defaultVatCategory", "default_vat_category"),
        Nested("defaultTaxCategory", TAX_CATEGORY_REF, lambda zone: zone if zone.default_vat_category else None),
        ERROR_INFO,
    ),
    texts=Texts(list="Get Tax Zones - ScreenId=TX206000", get="Get a specific Vat Zone", key="The VAT zone's id."),
    dto="VatZoneDto",
    operations=READ_ONLY,
    load=(joinedload(VatZone.default_category),),
)


# --- VAT categories ---------------------------------------------------------------------------------------

# A rate revision of a category line: (its number from 1, the schedule row).
VAT_RATE_LINE = Shape(
    "VatRateLineDto",
    (
        Computed("revisionID", str, lambda revision: str(revision[0])),
        Computed("vatRate", DecimalNumber, lambda revision: revision[1].vat_rate),
        Computed("groupType", GroupType, lambda revision: revision[1].group_type),
        Computed("startDate", str, lambda revision: format_date(revision[1].start_date)),
    ),
)

VAT_CATEGORY_LINE = Shape(
    "VatCategoryLineDto",
    (
        Attribute("vatId", "vat_id"),
        Computed("vendorCd", str, lambda vat: None),
        Attribute("description", "description"),
        Attribute("type", "type", VatType),
        Attribute("calculateOn", "calculate_on", CalculateOn),
        Attribute("cashDiscount", "cash_discount", CashDiscount),
        Objects("vatRates", VAT_RATE_LINE, lambda vat: enumerate(vat.schedules, start=1)),
    ),
)


@dataclass(frozen=True)
class CategoryLines(Member):
    """`vatCategoryLines`: a line per VAT ID of the category; none for a vendor (nettfin has no VAT agencies),
    and left out where the view asks for the category without them."""

    wire: str = "vatCategoryLines"
    viewed: bool = True

    def schema(self) -> Any:
        return list[VAT_CATEGORY_LINE.read_model]

    def read(self, category: VatCategory, view: frozenset[str]) -> Any:
        if WITHOUT_LINES in view:
            return None
        return [] if VENDOR in view else [VAT_CATEGORY_LINE.render(vat) for vat in category.vats]


VAT_CATEGORY = Resource(
    name=CATEGORY_RESOURCE,
    model=VatCategory,
    path="/v1/vatCategory",
    tag="VatCategory",
    label="VAT category",
    key=RecordKey("vatCategoryId", VatCategory.category_id, "VAT category"),
    key_param="taxCategoryId",
    members=(
        Attribute("vatCategoryId", "category_id"),
        Attribute("description", "description"),
        Attribute("active", "active", bool),
        Attribute("excludeListedTaxes", "exclude_listed_taxes", bool),
        LAST_MODIFIED,
        CategoryLines(),
    ),
    texts=Texts(
        list="Get a range of VatCategories - ScreenId=TX205500",
        get="Get a specific VatCategory",
        key="The VAT category's id.",
    ),
    dto="VatCategoryDto",
    operations=READ_ONLY,
    filters=(
        GreaterThan(),
        Ignored(order_by=False),
        ModifiedSince(),
        DateSince("createdDateTime", "created_at"),
        Shows("vendorCd", VENDOR, str, _VENDOR),
    ),
    get_filters=(Shows("vendorCd", VENDOR, str, _VENDOR),),
    paged=False,
    load=(selectinload(VatCategory.vats),),
)


# --- VAT IDs ----------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class VatCategories(Member):
    """`categories`: the VAT ID's categories, with the lines the view asks for (see the module's docstring)."""

    wire: str = "categories"
    viewed: bool = True

    def schema(self) -> Any:
        return list[VAT_CATEGORY.read_model]

    def read(self, vat: Vat, view: frozenset[str]) -> Any:
        if ALL_LINES in view:
            return [VAT_CATEGORY.render(category, NO_VIEW) for category in vat.categories]
        bodies = [VAT_CATEGORY.render(category, frozenset({WITHOUT_LINES})) for category in vat.categories]
        if OWN_LINES in view:
            for body in bodies:
                body["vatCategoryLines"] = [VAT_CATEGORY_LINE.render(vat)]
        return bodies


GL_ACCOUNT = Shape(
    "GlAccountDto",
    (
        Attribute("type", "type"),
        Attribute("externalCode1", "external_code1"),
        Attribute("externalCode2", "external_code2"),
        Attribute("active", "active", bool),
        Attribute("number", "account_cd"),
        Attribute("description", "description"),
    ),
)
GL_SUBACCOUNT = Shape(
    "GlSubaccountDto",
    (
        Attribute("active", "active", bool),
        Attribute("id", "subaccount_cd"),
        Attribute("description", "description"),
    ),
)
VAT_GL_ACCOUNTS = Shape(
    "VatGlAccountsDto",
    (
        Nested("vatPayableAccount", GL_ACCOUNT, lambda vat: vat.payable_account),
        Nested("vatPayableSubaccount", GL_SUBACCOUNT, lambda vat: vat.payable_subaccount),
        Nested("vatClaimableAccount", GL_ACCOUNT, lambda vat: vat.claimable_account),
        Nested("vatClaimableSubccount", GL_SUBACCOUNT, lambda vat: vat.claimable_subaccount),
    ),
)
VAT_SCHEDULE = Shape(
    "VatInformationScheduleDto",
    (
        Computed("startDate", str, lambda schedule: format_date(schedule.start_date)),
        Attribute("vatRate", "vat_rate", DecimalNumber),
        Attribute("minTaxableAmt", "min_taxable_amt", DecimalNumber),
        Attribute("maxTaxableAmt", "max_taxable_amt", DecimalNumber),
        Attribute("reportingGroup", "reporting_group"),
        Attribute("deductibleVatRate", "deductible_vat_rate", DecimalNumber),
        Attribute("groupType", "group_type", GroupType),
    ),
)

VAT = Resource(
    name=VAT_RESOURCE,
    model=Vat,
    path="/v1/vat",
    tag="Vat",
    label="VAT",
    key=RecordKey("vatId", Vat.vat_id, "VAT"),
    members=(
        # Deprecated by the service in favour of vatId, which it repeats.
        Attribute("vatCategoryId", "vat_id"),
        Attribute("vatId", "vat_id"),
        Attribute("description", "description"),
        Attribute("type", "type", VatType),
        Attribute("deductibleVat", "deductible_vat", bool),
        Attribute("reverseVat", "reverse_vat", bool),
        Attribute("statisticalVat", "statistical_vat", bool),
        Attribute("pendingVat", "pending_vat", bool),
        Attribute("includeinVatExemptTotal", "include_in_vat_exempt_total", bool),
        Attribute("includeinVatTotal", "include_in_vat_total", bool),
        Attribute("enterFromVatInvoice", "enter_from_vat_invoice", bool),
        Attribute("calculateOn", "calculate_on", CalculateOn),
        Attribute("cashDiscount", "cash_discount", CashDiscount),
        Computed("vatAgencyId", dict, lambda vat: None),
        Computed("notValidAfter", str, lambda vat: format_date(vat.not_valid_after)),
        Attribute("euReportCode", "eu_report_code", EuReportCode),
        Attribute("documentText", "document_text"),
        Computed("defaultNonStockItem", dict, lambda vat: None),
        Attribute("vismaXmlVatType", "visma_xml_vat_type", VismaXmlVatType),
        Computed("lastModifiedDateTime", str, lambda vat: format_datetime(vat.last_modified_at)),
        Nested("glAccounts", VAT_GL_ACCOUNTS),
        Objects("schedules", VAT_SCHEDULE, lambda vat: vat.schedules),
        VatCategories(),
        Objects("zones", VAT_ZONE, lambda vat: vat.zones),
    ),
    texts=Texts(list="Get a range of Vats - ScreenId=TX205000", get="Get a specific Vat - TX205000", key="The VAT ID."),
    dto="VatInformationDto",
    operations=READ_ONLY,
    filters=(Ignored(order_by=False), ModifiedSince(), Shows("includeVatCategoryLines", OWN_LINES, bool, _LINES)),
    get_filters=(Shows("includeVatCategoryLines", ALL_LINES, bool, _LINES),),
    paged=False,
    load=(
        selectinload(Vat.categories).selectinload(VatCategory.vats),
        selectinload(Vat.zones).joinedload(VatZone.default_category),
    ),
)
