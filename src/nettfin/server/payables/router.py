"""Supplier endpoints (AP303000), supplier classes (AP201000) and supplier balances: HTTP only."""

from __future__ import annotations

from decimal import Decimal

from fastapi import APIRouter, Depends, Query, Request
from starlette.responses import Response

from ..identity.auth import CompanyContext, company_context
from ..kit.checks import INT32_MAX
from ..kit.conditions import condition_description, date_condition, value_description
from ..kit.keys import ResourceKey
from ..kit.paging import MASTER_DATA_MAX_PAGE_SIZE, Page, paging, with_metadata
from ..kit.render import format_datetime, json_response, time_stamp
from ..kit.responses import CREATED_RESPONSE, UPDATED_RESPONSE, IfMatch, created, etag_header, updated
from ..kit.shapes import render_address, render_contact
from ..tax.models import vat_zone_ref
from ..terms.models import credit_terms_ref
from . import balances, service
from .models import Supplier, SupplierClass
from .schemas import SupplierBalanceDto, SupplierClassDto, SupplierDto, SupplierStatus, SupplierUpdateDto

router = APIRouter(prefix="/v1/supplier", tags=["Supplier"])

_LIST_DESCRIPTION = (
    "Paged: every element carries `metadata: {totalCount, maxPageSize}`. `name` matches a part of the name, "
    "case-insensitively. `glAccounts` is filled only with `expandAccountInformation=true`, `note` only with "
    "`expandNote=true`; a single GET always fills both."
)
_ZERO = Decimal("0.0000")


def supplier_filters(
    name: str | None = Query(None, description="Contains supplier name (case-insensitive)."),
    status: SupplierStatus | None = Query(None),
    vatRegistrationId: str | None = Query(None),
    corporateId: str | None = Query(None),
    lastModifiedDateTime: str | None = Query(None, description=value_description("lastModifiedDateTime")),
    lastModifiedDateTimeCondition: str | None = Query(None, description=condition_description("lastModifiedDateTime")),
    greaterThanValue: str | None = Query(None, description="Supplier numbers after this value."),
    attributes: str | None = Query(None, description="Accepted and ignored: attributes are not served yet."),
) -> service.SupplierFilters:
    return service.SupplierFilters(
        name=name,
        status=status.value if status else None,
        corporate_id=corporateId,
        vat_registration_id=vatRegistrationId,
        greater_than=greaterThanValue,
        modified=date_condition("lastModifiedDateTime", lastModifiedDateTime, lastModifiedDateTimeCondition),
    )


@router.get(
    "",
    response_model=list[SupplierDto],
    summary="Get a range of suppliers - ScreenId=AP303000",
    description=_LIST_DESCRIPTION,
)
def list_suppliers(
    request: Request,
    context: CompanyContext = Depends(company_context),
    filters: service.SupplierFilters = Depends(supplier_filters),
    page: Page = Depends(paging(MASTER_DATA_MAX_PAGE_SIZE)),
    expandAccountInformation: bool = Query(False),
    expandNote: bool = Query(False),
) -> Response:
    found = service.list_suppliers(
        request.app.state.db,
        company_id=context.company_id,
        filters=filters,
        page=page,
        with_accounts=expandAccountInformation,
    )
    rendered = [
        supplier_dto(s, found.references if expandAccountInformation else None, with_note=expandNote)
        for s in found.result.rows
    ]
    return json_response(with_metadata(rendered, found.result))


@router.get("/supplierClass", response_model=list[SupplierClassDto], summary="Get supplier classes - ScreenId=AP201000")
def list_supplier_classes(request: Request, context: CompanyContext = Depends(company_context)) -> Response:
    classes = service.list_supplier_classes(request.app.state.db, company_id=context.company_id)
    return json_response([supplier_class_dto(c) for c in classes])


@router.get(
    "/supplierClass/{supplierClassId}",
    response_model=SupplierClassDto,
    summary="Get a specific supplier class - ScreenId=AP201000",
)
def get_supplier_class(
    request: Request, supplierClassId: ResourceKey, context: CompanyContext = Depends(company_context)
) -> Response:
    found = service.get_supplier_class(request.app.state.db, company_id=context.company_id, class_id=supplierClassId)
    return json_response(supplier_class_dto(found), headers=etag_header(found.row_version))


@router.get(
    "/balance",
    response_model=list[SupplierBalanceDto],
    summary="Get the balance of a range of suppliers",
    description="Not paged. The balance is what is owed: open documents less unapplied payments.",
)
def list_supplier_balances(
    request: Request,
    context: CompanyContext = Depends(company_context),
    greaterThanValue: str | None = Query(None, description="Supplier numbers after this value."),
    numberToRead: int | None = Query(None, le=INT32_MAX, ge=1, description="At most this many balances."),
    skipRecords: int | None = Query(None, le=INT32_MAX, ge=0, description="Skip this many balances first."),
    orderBy: str | None = Query(None, deprecated=True, description="Deprecated; has no effect."),
    lastModifiedDateTime: str | None = Query(None, description=value_description("lastModifiedDateTime")),
    lastModifiedDateTimeCondition: str | None = Query(None, description=condition_description("lastModifiedDateTime")),
) -> Response:
    suppliers = service.list_balances(
        request.app.state.db,
        company_id=context.company_id,
        greater_than=greaterThanValue,
        modified=date_condition("lastModifiedDateTime", lastModifiedDateTime, lastModifiedDateTimeCondition),
        skip=skipRecords,
        read=numberToRead,
    )
    found = balances.supplier_balances(
        request.app.state.db, company_id=context.company_id, supplier_ids=[s.id for s in suppliers]
    )
    return json_response([supplier_balance_dto(s, found[s.id]) for s in suppliers])


@router.get(
    "/{supplierCd}/balance",
    response_model=SupplierBalanceDto,
    summary="Get a specific supplier's balance",
    description="What is owed: open documents less unapplied payments; purchases of this period and year.",
)
def get_supplier_balance(
    request: Request, supplierCd: ResourceKey, context: CompanyContext = Depends(company_context)
) -> Response:
    supplier, _ = service.get_supplier(request.app.state.db, company_id=context.company_id, number=supplierCd)
    found = balances.supplier_balances(request.app.state.db, company_id=context.company_id, supplier_ids=[supplier.id])
    return json_response(supplier_balance_dto(supplier, found[supplier.id]))


@router.get("/{supplierCd}", response_model=SupplierDto, summary="Get a specific supplier - ScreenId=AP303000")
def get_supplier(request: Request, supplierCd: ResourceKey, context: CompanyContext = Depends(company_context)):
    supplier, references = service.get_supplier(request.app.state.db, company_id=context.company_id, number=supplierCd)
    return json_response(supplier_dto(supplier, references, with_note=True), headers=etag_header(supplier.row_version))


@router.post(
    "",
    status_code=201,
    responses=CREATED_RESPONSE,
    response_class=Response,
    summary="Create a supplier",
    description="201 with an absolute Location whose last segment is the new supplier number.",
)
def create_supplier(
    request: Request, supplier: SupplierUpdateDto, context: CompanyContext = Depends(company_context)
) -> Response:
    saved, ignored = service.create_supplier(request.app.state.db, company_id=context.company_id, dto=supplier)
    return created(request, saved.number, row_version=saved.row_version, dto=supplier, ignored=ignored)


@router.put(
    "/{supplierCd}",
    status_code=204,
    response_class=Response,
    responses=UPDATED_RESPONSE,
    summary="Update a specific supplier",
)
def update_supplier(
    request: Request,
    supplierCd: ResourceKey,
    supplier: SupplierUpdateDto,
    if_match: IfMatch = None,
    context: CompanyContext = Depends(company_context),
) -> Response:
    saved, ignored = service.update_supplier(
        request.app.state.db, company_id=context.company_id, number=supplierCd, dto=supplier, if_match=if_match
    )
    return updated(row_version=saved.row_version, dto=supplier, ignored=ignored)


def supplier_dto(s: Supplier, references: service.GlReferences | None, *, with_note: bool) -> dict:
    main_country = (s.main_address or {}).get("countryId")
    return {
        "internalId": s.id,
        "number": s.number,
        "name": s.name,
        "status": s.status,
        "mainAddress": render_address(s.main_address),
        "mainContact": render_contact(s.main_contact),
        "accountReference": s.account_reference,
        "parentRecord": {"number": s.parent.number, "name": s.parent.name} if s.parent else None,
        "supplierClass": _id_description(s.supplier_class),
        "creditTerms": credit_terms_ref(s.credit_terms),
        "documentLanguage": s.document_language,
        "currencyId": s.currency_id,
        "remitAddress": render_address(s.remit_address),
        "remitContact": render_contact(s.remit_contact),
        "paymentMethod": {"id": s.payment_method_id, "description": None} if s.payment_method_id else None,
        "cashAccount": s.cash_account,
        "chargeBearer": s.charge_bearer,
        "accountUsedForPayment": s.account_used_for_payment,
        "paymentBy": s.payment_by,
        "paymentLeadTime": s.payment_lead_time,
        "paymentRefDisplayMask": s.payment_ref_display_mask,
        "paySeparately": s.pay_separately,
        "supplierAddress": render_address(s.supplier_address),
        "supplierContact": render_contact(s.supplier_contact),
        "location": {"countryId": main_country, "id": "MAIN", "name": "Primary location"},
        "vatRegistrationId": s.vat_registration_id,
        "corporateId": s.corporate_id,
        "vatZone": vat_zone_ref(s.vat_zone),
        "glAccounts": None if references is None else gl_accounts_dto(s.gl_accounts or {}, references),
        "attributes": [],
        "lastModifiedDateTime": format_datetime(s.last_modified_at),
        "supplierPaymentMethodDetails": [_payment_method_detail(d) for d in s.payment_method_details or []],
        "retainageApply": s.retainage_apply,
        "retainageCashAccountID": s.retainage_cash_account,
        "retainagePct": s.retainage_pct,
        "note": s.note if with_note else None,
        "numberOfEmployees": s.number_of_employees,
        "naceCode": s.nace_code,
        "landedCostSupplier": s.landed_cost_supplier,
        "currencyOverride": s.currency_override,
        "currencyRateOverride": s.currency_rate_override,
        "timeStamp": time_stamp(s.row_version),
        "errorInfo": None,
    }


def gl_accounts_dto(codes: dict, references: service.GlReferences) -> dict:
    rendered: dict[str, dict | None] = {}
    for wire in service.GL_ACCOUNT_LABELS:
        code = codes.get(wire)
        account = references.accounts.get(code)
        rendered[wire] = (
            None
            if code is None
            else {
                "type": account.type if account else None,
                "number": code,
                "description": account.description if account else None,
            }
        )
    for wire in service.GL_SUBACCOUNTS:
        code = codes.get(wire)
        subaccount = references.subaccounts.get(code)
        rendered[wire] = (
            None
            if code is None
            else {
                "active": subaccount.active if subaccount else True,
                "id": code,
                "description": subaccount.description if subaccount else None,
            }
        )
    return rendered


def _payment_method_detail(detail: dict) -> dict:
    return {
        "paymentMethodDetailDescription": detail["description"],
        "paymentMethodDetailValue": detail["value"],
        "paymentMethodDetailBankingDetailType": None,
        "paymentMethodDetailID": None,
    }


def _id_description(found) -> dict | None:
    return None if found is None else {"id": found.class_id, "description": found.description}


def supplier_class_dto(c: SupplierClass) -> dict:
    return {
        "attributes": [],
        "paymentMethodId": c.payment_method_id,
        "paymentMethodDescription": None,
        "timeStamp": time_stamp(c.row_version),
        "id": c.class_id,
        "description": c.description,
    }


def supplier_balance_dto(s: Supplier, balance: balances.SupplierBalance) -> dict:
    """What is owed (open documents less unapplied payments) and the purchase totals; nothing is in approval."""
    return {
        "branchNumber": None,
        "supplier": {"internalId": s.id, "number": s.number, "name": s.name},
        "balance": balance.balance,
        "unreleasedPurchasesNotInApproval": _with_without_vat(balance.unreleased),
        "totalSentForApproval": {"withoutVat": _ZERO, "withVat": _ZERO},
        "totalPurchaseInvoicePeriod": _with_without_vat(balance.period),
        "totalPurchaseInvoiceYear": _with_without_vat(balance.year),
        "lastModifiedDateTime": format_datetime(s.last_modified_at),
    }


def _with_without_vat(totals: balances.Totals) -> dict:
    return {"withoutVat": totals.without_vat, "withVat": totals.with_vat}
