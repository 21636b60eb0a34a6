"""Customer payment method endpoints (`/v1/customerpaymentmethod`, AR303010): HTTP only; the use cases are
crm/payment_methods.py."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Request
from starlette.responses import Response

from ..identity.auth import CompanyContext, company_context
from ..kit.keys import ResourceKey
from ..kit.paging import Page, paging
from ..kit.render import json_response
from ..kit.responses import CREATED_RESPONSE, UPDATED_RESPONSE, IfMatch, created, etag_header, updated
from . import payment_methods
from .schemas import (
    CustomerPaymentMethodCreateDto,
    CustomerPaymentMethodDto,
    CustomerPaymentMethodsDto,
    CustomerPaymentMethodUpdateDto,
)

router = APIRouter(prefix="/v1/customerpaymentmethod", tags=["CustomerPaymentMethod"])
_paging = paging(payment_methods.MAX_PAGE_SIZE)


@router.get(
    "",
    response_model=list[CustomerPaymentMethodsDto],
    summary="Get the payment methods of every customer - ScreenId=AR303010",
    description="Paged over the customers that have payment methods, in customer number order: each element is a "
    "customer with its payment methods (the document gives the element no `metadata`).",
)
def list_payment_methods(
    request: Request, context: CompanyContext = Depends(company_context), page: Page = Depends(_paging)
) -> Response:
    found, result = payment_methods.list_by_customer(request.app.state.db, company_id=context.company_id, page=page)
    # The document's CustomerPaymentMethodsDto has no `metadata`: the page is the customers alone.
    del result
    return json_response([payment_methods.customer_methods_dto(c, m) for c, m in found])


@router.post(
    "",
    status_code=201,
    response_class=Response,
    responses=CREATED_RESPONSE,
    summary="Create a payment method of a customer - ScreenId=AR303010",
    description="`customerId` and `paymentMethodId` are required; the Location is "
    "`.../customerpaymentmethod/{customerId}/{paymentMethodId}`.",
)
def create_payment_method(
    request: Request, dto: CustomerPaymentMethodCreateDto, context: CompanyContext = Depends(company_context)
) -> Response:
    found = payment_methods.create_payment_method(
        request.app.state.db, company_id=context.company_id, changes=dto.changes()
    )
    key = (found.customer.number, found.payment_method.payment_method_id)
    return created(request, key, row_version=found.row_version, dto=dto)


@router.get(
    "/{customerId}",
    response_model=list[CustomerPaymentMethodDto],
    summary="Get the payment methods of a customer - ScreenId=AR303010",
    description="Paged, in the order the methods were added (the document gives the elements no `metadata`).",
)
def list_customer_payment_methods(
    request: Request,
    customerId: ResourceKey,
    context: CompanyContext = Depends(company_context),
    page: Page = Depends(_paging),
) -> Response:
    found, result = payment_methods.list_of_customer(
        request.app.state.db, company_id=context.company_id, customer=customerId, page=page
    )
    del result  # CustomerPaymentMethodDto has no `metadata` either
    return json_response([payment_methods.payment_method_dto(m) for m in found])


@router.get(
    "/{customerId}/{customerPaymentMethodId}",
    response_model=CustomerPaymentMethodDto,
    summary="Get a specific payment method of a customer - ScreenId=AR303010",
    description="`customerPaymentMethodId` is the payment method's id. The response headers include an ETag.",
)
def get_payment_method(
    request: Request,
    customerId: ResourceKey,
    customerPaymentMethodId: ResourceKey,
    context: CompanyContext = Depends(company_context),
) -> Response:
    found = payment_methods.get_payment_method(
        request.app.state.db, company_id=context.company_id, customer=customerId, method=customerPaymentMethodId
    )
    return json_response(payment_methods.payment_method_dto(found), headers=etag_header(found.row_version))


@router.put(
    "/{customerId}/{customerPaymentMethodId}",
    status_code=204,
    response_class=Response,
    responses=UPDATED_RESPONSE,
    summary="Update a specific payment method of a customer - ScreenId=AR303010",
    description="PATCH semantics; a stale If-Match gets 412. A detail sent by an existing `detailId` changes its "
    "value; another is added.",
)
def update_payment_method(
    request: Request,
    customerId: ResourceKey,
    customerPaymentMethodId: ResourceKey,
    dto: CustomerPaymentMethodUpdateDto,
    if_match: IfMatch = None,
    context: CompanyContext = Depends(company_context),
) -> Response:
    found = payment_methods.update_payment_method(
        request.app.state.db,
        company_id=context.company_id,
        customer=customerId,
        method=customerPaymentMethodId,
        changes=dto.changes(),
        if_match=if_match,
    )
    return updated(row_version=found.row_version, dto=dto)
