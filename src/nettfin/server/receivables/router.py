"""Customer endpoints (AR303000) and customer classes (AR201000): HTTP only."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Query, Request
from starlette.responses import Response

from ..identity.auth import CompanyContext, company_context
from ..kit.conditions import condition_description, date_condition, value_description
from ..kit.keys import ResourceKey, internal_id
from ..kit.paging import MASTER_DATA_MAX_PAGE_SIZE, Page, paging, with_metadata
from ..kit.render import format_datetime, json_response, time_stamp
from ..kit.responses import CREATED_RESPONSE, UPDATED_RESPONSE, IfMatch, created, etag_header, updated
from ..kit.shapes import render_address, render_contact
from ..tax.models import vat_zone_ref
from ..terms.models import credit_terms_ref
from . import service
from .models import Customer, CustomerClass
from .schemas import CustomerClassDto, CustomerDto, CustomerStatus, CustomerUpdateDto

router = APIRouter(prefix="/v1/customer", tags=["Customer"])

_LIST_DESCRIPTION = (
    "Paged: every element carries `metadata: {totalCount, maxPageSize}`. `name` matches a part of the name, "
    "case-insensitively."
)


def customer_filters(
    name: str | None = Query(None, description="A part of the customer's name."),
    status: CustomerStatus | None = Query(None),
    corporateId: str | None = Query(None),
    vatRegistrationId: str | None = Query(None),
    email: str | None = Query(None, description="The main contact's e-mail address."),
    phone: str | None = Query(None, description="The main contact's phone 1."),
    lastModifiedDateTime: str | None = Query(None, description=value_description("lastModifiedDateTime")),
    lastModifiedDateTimeCondition: str | None = Query(None, description=condition_description("lastModifiedDateTime")),
    createdDateTime: str | None = Query(None, description=value_description("createdDateTime")),
    createdDateTimeCondition: str | None = Query(None, description=condition_description("createdDateTime")),
    greaterThanValue: str | None = Query(None, description="Customer numbers after this value."),
    expandAccountInformation: bool | None = Query(None),
    expandPaymentMethods: bool | None = Query(None),
    expandDirectDebit: bool | None = Query(None),
    attributes: str | None = Query(None),
) -> service.CustomerFilters:
    return service.CustomerFilters(
        name=name,
        status=status.value if status else None,
        corporate_id=corporateId,
        vat_registration_id=vatRegistrationId,
        email=email,
        phone=phone,
        greater_than=greaterThanValue,
        modified=date_condition("lastModifiedDateTime", lastModifiedDateTime, lastModifiedDateTimeCondition),
        created=date_condition("createdDateTime", createdDateTime, createdDateTimeCondition),
    )


@router.get(
    "",
    response_model=list[CustomerDto],
    summary="Get a range of customers - ScreenId=AR303000",
    description=_LIST_DESCRIPTION,
)
def list_customers(
    request: Request,
    context: CompanyContext = Depends(company_context),
    filters: service.CustomerFilters = Depends(customer_filters),
    page: Page = Depends(paging(MASTER_DATA_MAX_PAGE_SIZE)),
) -> Response:
    result = service.list_customers(request.app.state.db, company_id=context.company_id, filters=filters, page=page)
    return json_response(with_metadata([customer_dto(c) for c in result.rows], result))


@router.get("/customerClass", response_model=list[CustomerClassDto], summary="Get Customer Classes - ScreenId=AR201000")
def list_customer_classes(request: Request, context: CompanyContext = Depends(company_context)) -> Response:
    classes = service.list_customer_classes(request.app.state.db, company_id=context.company_id)
    return json_response([customer_class_dto(c) for c in classes])


@router.get(
    "/customerClass/{customerClassId}",
    response_model=CustomerClassDto,
    summary="Get a specific Customer Class - ScreenId=AR201000",
)
def get_customer_class(
    request: Request, customerClassId: ResourceKey, context: CompanyContext = Depends(company_context)
) -> Response:
    found = service.get_customer_class(request.app.state.db, company_id=context.company_id, class_id=customerClassId)
    return json_response(customer_class_dto(found))


@router.get(
    "/internal/{internalID}",
    response_model=CustomerDto,
    summary="Get a specific customer by its internal id - ScreenId=AR303000",
)
def get_customer_by_internal_id(
    request: Request, internalID: ResourceKey, context: CompanyContext = Depends(company_context)
) -> Response:
    customer = service.get_customer_by_internal_id(
        request.app.state.db, company_id=context.company_id, internal_id=internal_id(internalID, what="Customer")
    )
    return json_response(customer_dto(customer), headers=etag_header(customer.row_version))


@router.put(
    "/internal/{internalID}",
    status_code=204,
    responses=UPDATED_RESPONSE,
    response_class=Response,
    summary="Update a specific customer by its internal id - ScreenId=AR303000",
)
def update_customer_by_internal_id(
    request: Request,
    internalID: ResourceKey,
    customer: CustomerUpdateDto,
    if_match: IfMatch = None,
    context: CompanyContext = Depends(company_context),
) -> Response:
    saved, ignored = service.update_customer(
        request.app.state.db,
        company_id=context.company_id,
        internal_id=internal_id(internalID, what="Customer"),
        dto=customer,
        if_match=if_match,
    )
    return updated(row_version=saved.row_version, dto=customer, ignored=ignored)


@router.get("/{customerCd}", response_model=CustomerDto, summary="Get a specific customer - ScreenId=AR303000")
def get_customer(request: Request, customerCd: ResourceKey, context: CompanyContext = Depends(company_context)):
    customer = service.get_customer(request.app.state.db, company_id=context.company_id, number=customerCd)
    return json_response(customer_dto(customer), headers=etag_header(customer.row_version))


@router.post(
    "",
    status_code=201,
    responses=CREATED_RESPONSE,
    response_class=Response,
    summary="Creates a customer",
    description="201 with an absolute Location whose last segment is the new customer number.",
)
def create_customer(
    request: Request, customer: CustomerUpdateDto, context: CompanyContext = Depends(company_context)
) -> Response:
    saved, ignored = service.create_customer(request.app.state.db, company_id=context.company_id, dto=customer)
    return created(request, saved.number, row_version=saved.row_version, dto=customer, ignored=ignored)


@router.put(
    "/{customerCd}",
    status_code=204,
    response_class=Response,
    responses=UPDATED_RESPONSE,
    summary="Updates a specific customer",
)
def update_customer(
    request: Request,
    customerCd: ResourceKey,
    customer: CustomerUpdateDto,
    if_match: IfMatch = None,
    context: CompanyContext = Depends(company_context),
) -> Response:
    saved, ignored = service.update_customer(
        request.app.state.db,
        company_id=context.company_id,
        number=customerCd,
        dto=customer,
        if_match=if_match,
    )
    return updated(row_version=saved.row_version, dto=customer, ignored=ignored)


def customer_dto(c: Customer) -> dict:
    main_country = (c.main_address or {}).get("countryId")
    return {
        "internalId": c.id,
        "number": c.number,
        "name": c.name,
        "status": c.status,
        "mainAddress": render_address(c.main_address),
        "mainContact": render_contact(c.main_contact),
        "accountReference": c.account_reference,
        "parentRecord": {"number": c.parent.number, "name": c.parent.name} if c.parent else None,
        "customerClass": (
            {"id": c.customer_class.class_id, "description": c.customer_class.description} if c.customer_class else None
        ),
        "invoiceOrdersSeparately": c.invoice_orders_separately,
        "creditTerms": credit_terms_ref(c.credit_terms),
        "currencyId": c.currency_id,
        "creditVerification": c.credit_verification,
        "creditLimit": c.credit_limit,
        "creditDaysPastDue": c.credit_days_past_due,
        "invoiceAddress": render_address(c.invoice_address),
        "invoiceContact": render_contact(c.invoice_contact),
        "printInvoices": c.print_invoices,
        "acceptAutoInvoices": c.accept_auto_invoices,
        "sendInvoicesByEmail": c.send_invoices_by_email,
        "sendDunningLettersViaEMail": c.send_dunning_letters_via_email,
        "printDunningLetters": c.print_dunning_letters,
        "printStatements": c.print_statements,
        "sendStatementsByEmail": c.send_statements_by_email,
        "printMultiCurrencyStatements": c.print_multi_currency_statements,
        "statementType": c.statement_type,
        "deliveryAddress": render_address(c.delivery_address),
        "deliveryContact": render_contact(c.delivery_contact),
        "vatRegistrationId": c.vat_registration_id,
        "corporateId": c.corporate_id,
        "gln": c.gln,
        "vatZone": vat_zone_ref(c.vat_zone),
        "location": {"countryId": main_country, "id": "MAIN", "name": "Primary location"},
        "attributes": [],
        "lastModifiedDateTime": format_datetime(c.last_modified_at),
        "createdDateTime": format_datetime(c.created_at),
        "invoiceToDefaultLocation": c.invoice_to_default_location,
        "numberOfEmployees": c.number_of_employees,
        "excludeDebtCollection": c.exclude_debt_collection,
        "timeStamp": time_stamp(c.row_version),
        "errorInfo": None,
    }


def customer_class_dto(c: CustomerClass) -> dict:
    return {
        "id": c.class_id,
        "description": c.description,
        "taxZoneId": c.vat_zone.zone_id if c.vat_zone else None,
        "requiredTaxzoneId": c.required_vat_zone,
        "paymentMethodId": c.payment_method_id,
        "invoiceOrdersSeparately": c.invoice_orders_separately,
        "attributes": [],
    }
