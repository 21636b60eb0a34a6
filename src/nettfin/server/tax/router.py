"""VAT (TX205000), VAT category (TX205500) and VAT zone (TX206000) endpoints: read-only, HTTP only."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Query, Request
from starlette.responses import Response

from ..identity.auth import CompanyContext, company_context
from ..kit.checks import INT32_MAX
from ..kit.conditions import condition_description, date_condition, value_description
from ..kit.keys import ResourceKey
from ..kit.paging import MASTER_DATA_MAX_PAGE_SIZE, Page, paging, with_metadata
from ..kit.render import format_date, format_datetime, json_response
from ..ledger.models import Account, Subaccount
from . import service
from .models import Vat, VatCategory, VatSchedule, VatZone
from .schemas import VatCategoryDto, VatInformationDto, VatZoneDto

vat_router = APIRouter(prefix="/v1/vat", tags=["Vat"])
vat_category_router = APIRouter(prefix="/v1/vatCategory", tags=["VatCategory"])
vat_zone_router = APIRouter(prefix="/v1/vatZone", tags=["VatZone"])

DEPRECATED = "Deprecated; ignored."
_LINES = "True: each category also lists its lines (vatCategoryLines); otherwise they are null."


# --- VAT IDs ----------------------------------------------------------------------------------------------


def vat_filters(
    numberToRead: int | None = Query(None, le=INT32_MAX, deprecated=True, description=DEPRECATED),
    skipRecords: int | None = Query(None, le=INT32_MAX, deprecated=True, description=DEPRECATED),
    lastModifiedDateTime: str | None = Query(None, description=value_description("lastModifiedDateTime")),
    lastModifiedDateTimeCondition: str | None = Query(None, description=condition_description("lastModifiedDateTime")),
) -> service.VatFilters:
    return service.VatFilters(
        modified=date_condition("lastModifiedDateTime", lastModifiedDateTime, lastModifiedDateTimeCondition)
    )


@vat_router.get(
    "",
    response_model=list[VatInformationDto],
    summary="Get a range of Vats - ScreenId=TX205000",
    description="Not paged. With includeVatCategoryLines, each category's lines are those of the row's VAT.",
)
def list_vats(
    request: Request,
    context: CompanyContext = Depends(company_context),
    filters: service.VatFilters = Depends(vat_filters),
    includeVatCategoryLines: bool = Query(False, description=_LINES),
) -> Response:
    found, categories = service.list_vats(request.app.state.db, company_id=context.company_id, filters=filters)
    lines = "own" if includeVatCategoryLines else None
    return json_response([vat_dto(v, categories, lines=lines) for v in found])


@vat_router.get("/{vatId}", response_model=VatInformationDto, summary="Get a specific Vat - TX205000")
def get_vat(
    request: Request,
    vatId: ResourceKey,
    context: CompanyContext = Depends(company_context),
    includeVatCategoryLines: bool = Query(False, description=_LINES),
) -> Response:
    found, categories = service.get_vat(request.app.state.db, company_id=context.company_id, vat_id=vatId)
    return json_response(vat_dto(found, categories, lines="all" if includeVatCategoryLines else None))


def vat_dto(v: Vat, categories: dict[str, str], *, lines: str | None) -> dict:
    """`categories`: the company's category descriptions by id. `lines`: None leaves category lines out,
    "own" lists only this VAT's line, "all" every line."""
    body = {
        "vatCategoryId": v.vat_id,  # deprecated by the service in favour of vatId, which it repeats
        "vatId": v.vat_id,
        "description": v.description,
        "type": v.type,
        "deductibleVat": v.deductible_vat,
        "reverseVat": v.reverse_vat,
        "statisticalVat": v.statistical_vat,
        "pendingVat": v.pending_vat,
        "includeinVatExemptTotal": v.include_in_vat_exempt_total,
        "includeinVatTotal": v.include_in_vat_total,
        "enterFromVatInvoice": v.enter_from_vat_invoice,
        "calculateOn": v.calculate_on,
        "cashDiscount": v.cash_discount,
        "vatAgencyId": None,
        "notValidAfter": format_date(v.not_valid_after),
        "euReportCode": v.eu_report_code,
        "documentText": v.document_text,
        "defaultNonStockItem": None,
        "vismaXmlVatType": v.visma_xml_vat_type,
        "lastModifiedDateTime": format_datetime(v.last_modified_at),
        "glAccounts": {
            "vatPayableAccount": _account(v.payable_account),
            "vatPayableSubaccount": _subaccount(v.payable_subaccount),
            "vatClaimableAccount": _account(v.claimable_account),
            "vatClaimableSubccount": _subaccount(v.claimable_subaccount),
        },
        "schedules": [_schedule(s) for s in v.schedules],
        "categories": [
            category_dto(c, only=v if lines == "own" else None, lines=lines is not None) for c in v.categories
        ],
        "zones": [zone_dto(z, categories) for z in v.zones],
    }
    return _without_empty_value_types(body, ("notValidAfter", "euReportCode", "vismaXmlVatType"))


def _category_of_vat(c: VatCategory, v: Vat, lines: str | None) -> dict:
    return category_dto(c, lines=lines is not None, only=v if lines == "own" else None)


def _without_empty_value_types(body: dict, names: tuple[str, ...]) -> dict:
    # Enums and dates are .NET value types the document does not mark as nullable: an empty one is left out.
    return {key: value for key, value in body.items() if not (key in names and value is None)}


def _account(a: Account | None) -> dict | None:
    if a is None:
        return None
    return {
        "type": a.type,
        "externalCode1": a.external_code1,
        "externalCode2": a.external_code2,
        "active": a.active,
        "number": a.account_cd,
        "description": a.description,
    }


def _subaccount(s: Subaccount | None) -> dict | None:
    return None if s is None else {"active": s.active, "id": s.subaccount_cd, "description": s.description}


def _schedule(s: VatSchedule) -> dict:
    return {
        "startDate": format_date(s.start_date),
        "vatRate": s.vat_rate,
        "minTaxableAmt": s.min_taxable_amt,
        "maxTaxableAmt": s.max_taxable_amt,
        "reportingGroup": s.reporting_group,
        "deductibleVatRate": s.deductible_vat_rate,
        "groupType": s.group_type,
    }


# --- VAT categories ---------------------------------------------------------------------------------------


def category_filters(
    greaterThanValue: str | None = Query(None, description="VAT category ids after this value."),
    numberToRead: int | None = Query(None, le=INT32_MAX, deprecated=True, description=DEPRECATED),
    skipRecords: int | None = Query(None, le=INT32_MAX, deprecated=True, description=DEPRECATED),
    lastModifiedDateTime: str | None = Query(None, description=value_description("lastModifiedDateTime")),
    lastModifiedDateTimeCondition: str | None = Query(None, description=condition_description("lastModifiedDateTime")),
    createdDateTime: str | None = Query(None, description=value_description("createdDateTime")),
    createdDateTimeCondition: str | None = Query(None, description=condition_description("createdDateTime")),
) -> service.CategoryFilters:
    return service.CategoryFilters(
        greater_than=greaterThanValue,
        modified=date_condition("lastModifiedDateTime", lastModifiedDateTime, lastModifiedDateTimeCondition),
        created=date_condition("createdDateTime", createdDateTime, createdDateTimeCondition),
    )


_VENDOR = "A VAT agency (supplier) number: only the category lines of that agency. nettfin has no agencies yet."


@vat_category_router.get(
    "",
    response_model=list[VatCategoryDto],
    summary="Get a range of VatCategories - ScreenId=TX205500",
    description="Not paged, by category id.",
)
def list_categories(
    request: Request,
    context: CompanyContext = Depends(company_context),
    filters: service.CategoryFilters = Depends(category_filters),
    vendorCd: str | None = Query(None, description=_VENDOR),
) -> Response:
    found = service.list_categories(request.app.state.db, company_id=context.company_id, filters=filters)
    return json_response([category_dto(c, lines=True, vendor=vendorCd) for c in found])


@vat_category_router.get("/{taxCategoryId}", response_model=VatCategoryDto, summary="Get a specific VatCategory")
def get_category(
    request: Request,
    taxCategoryId: ResourceKey,
    context: CompanyContext = Depends(company_context),
    vendorCd: str | None = Query(None, description=_VENDOR),
) -> Response:
    found = service.get_category(request.app.state.db, company_id=context.company_id, category_id=taxCategoryId)
    return json_response(category_dto(found, lines=True, vendor=vendorCd))


def category_dto(c: VatCategory, *, lines: bool, only: Vat | None = None, vendor: str | None = None) -> dict:
    """`only` limits the lines to one VAT ID; a `vendor` keeps the lines of that VAT agency (none yet)."""
    vats = [only] if only is not None else c.vats
    return {
        "vatCategoryId": c.category_id,
        "description": c.description,
        "active": c.active,
        "excludeListedTaxes": c.exclude_listed_taxes,
        "lastModifiedDateTime": format_datetime(c.last_modified_at),
        "vatCategoryLines": [category_line_dto(v) for v in vats if not vendor] if lines else None,
    }


def category_line_dto(v: Vat) -> dict:
    return {
        "vatId": v.vat_id,
        "vendorCd": None,
        "description": v.description,
        "type": v.type,
        "calculateOn": v.calculate_on,
        "cashDiscount": v.cash_discount,
        "vatRates": [
            {
                "revisionID": str(number),
                "vatRate": s.vat_rate,
                "groupType": s.group_type,
                "startDate": format_date(s.start_date),
            }
            for number, s in enumerate(v.schedules, start=1)
        ],
    }


# --- VAT zones --------------------------------------------------------------------------------------------


@vat_zone_router.get(
    "",
    response_model=list[VatZoneDto],
    summary="Get Tax Zones - ScreenId=TX206000",
    description="Paged: every element carries `metadata: {totalCount, maxPageSize}`; by zone id.",
)
def list_zones(
    request: Request,
    context: CompanyContext = Depends(company_context),
    page: Page = Depends(paging(MASTER_DATA_MAX_PAGE_SIZE)),
) -> Response:
    result, categories = service.list_zones(request.app.state.db, company_id=context.company_id, page=page)
    return json_response(with_metadata([zone_dto(z, categories) for z in result.rows], result))


@vat_zone_router.get("/{vatZoneId}", response_model=VatZoneDto, summary="Get a specific Vat Zone")
def get_zone(request: Request, vatZoneId: ResourceKey, context: CompanyContext = Depends(company_context)) -> Response:
    zone, categories = service.get_zone(request.app.state.db, company_id=context.company_id, zone_id=vatZoneId)
    return json_response(zone_dto(zone, categories))


def zone_dto(z: VatZone, categories: dict[str, str]) -> dict:
    """`categories`: category id -> description, for the default category's `{number, description}`."""
    default = z.default_vat_category
    return {
        "id": z.zone_id,
        "description": z.description,
        "defaultVatCategory": default,
        "defaultTaxCategory": {"number": default, "description": categories.get(default)} if default else None,
        "errorInfo": None,
    }
