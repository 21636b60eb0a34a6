"""Credit terms (CS206500) and payment methods (CA204000) as the API serves them.

Payment methods are a read-only `kit.resource` declaration: `/v1/paymentmethod` list (unpaged, the real
filters) and get by `paymentMethodNumber`. Credit terms are read through `/v1/creditTerm`, whose list the real
service answers with the paging envelope `{pageNumber, pageSize, totalCount, records}` instead of a bare array:
the declaration gives the records and their filters, `credit_term_router` the envelope.

nettfin's credit terms are a number of days to the due date and nothing more (documents take their due date
from them, and offer no cash discount), so every term reads as the service's "fixed number of days" terms:
`dueDateType` N, `dueDay1` the days, one instalment, no discount (type N, 0 days, 0 percent), visible to all.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, Request
from pydantic import create_model
from starlette.responses import Response

from ..identity.auth import CompanyContext, company_context
from ..kit.filters import DateSince
from ..kit.members import Attribute
from ..kit.paging import Page, paging
from ..kit.records import RecordKey
from ..kit.render import DecimalNumber, format_datetime, json_response
from ..kit.resource import (
    READ_ONLY,
    Computed,
    Equals,
    GreaterThan,
    Ignored,
    ModifiedSince,
    Resource,
    Texts,
)
from ..kit.resource_routes import criteria_dependency, resource_router
from ..kit.wire import WireEnum
from .models import CreditTerms, PaymentMethod

PAYMENT_METHOD_RESOURCE = "paymentMethod"
CREDIT_TERM_RESOURCE = "creditTerm"


class MeansOfPayment(WireEnum):
    CREDIT_CARD = "CreditCard"
    CASH_OR_CHECK = "CashOrCheck"
    DIRECT_DEPOSIT = "DirectDeposit"


PAYMENT_METHOD = Resource(
    name=PAYMENT_METHOD_RESOURCE,
    model=PaymentMethod,
    path="/v1/paymentmethod",
    tag="Payment Method",
    label="Payment method",
    key=RecordKey("paymentMethodID", PaymentMethod.payment_method_id, "Payment method"),
    key_param="paymentMethodNumber",
    members=(
        Attribute("paymentMethodID", "payment_method_id"),
        Attribute("active", "active", bool),
        Computed("meansOfPayment", MeansOfPayment, lambda method: method.means_of_payment),
        Attribute("description", "description"),
        Attribute("useInAP", "use_in_ap", bool),
    ),
    texts=Texts(
        list="Get a range of Supplier Payment Methods - ScreenId=CA204000",
        get="Get a specific Supplier Payment Method",
        key="Identifies the Supplier Payment Method",
    ),
    dto="PaymentMethodDto",
    operations=READ_ONLY,
    filters=(GreaterThan(), Ignored(order_by=False), ModifiedSince()),
    paged=False,
)

CREDIT_TERM = Resource(
    name=CREDIT_TERM_RESOURCE,
    model=CreditTerms,
    path="/v1/creditTerm",
    tag="CreditTerm",
    label="Credit term",
    key=RecordKey("termsId", CreditTerms.terms_id, "Credit term"),
    members=(
        Attribute("termsId", "terms_id"),
        Attribute("description", "description"),
        Computed("visibleTo", str, lambda terms: "AL", "AL - All: customers and suppliers."),
        Computed("dueDateType", str, lambda terms: "N", "N - Fixed Number of Days."),
        Computed("moveDueDateIfOnTheWeekend", str, lambda terms: "1", "1 - Keep the exact date."),
        Attribute("dueDay1", "due_days", int, "Days from the document date to the due date."),
        Computed("discountType", str, lambda terms: "N", "N - Fixed Number of Days: no cash discount is offered."),
        Computed("discountDay", int, lambda terms: 0),
        Computed("discountPercent", DecimalNumber, lambda terms: 0),
        Computed("delayDays", int, lambda terms: 0),
        Computed("instalmentType", str, lambda terms: "S", "S - Simple: one instalment."),
        Computed("createdDateTime", str, lambda terms: format_datetime(terms.created_at)),
        Computed("lastModifiedDateTime", str, lambda terms: format_datetime(terms.last_modified_at)),
    ),
    texts=Texts(list="Get a range of credit terms - ScreenId=CS206500", get="", key="The credit terms' id."),
    dto="CreditTermDto",
    operations=frozenset(),
    filters=(ModifiedSince(), DateSince("createdDateTime", "created_at"), Equals("termsId", "terms_id")),
    paged=False,
)

payment_method_router = resource_router(PAYMENT_METHOD, company_context)

CreditTermPage = create_model(
    "BasePaginationDtoOfCreditTermDto",
    pageNumber=(int | None, None),
    pageSize=(int | None, None),
    totalCount=(int | None, None),
    records=(list[CREDIT_TERM.read_model] | None, None),
)
credit_term_router = APIRouter(prefix=CREDIT_TERM.path, tags=[CREDIT_TERM.tag])


@credit_term_router.get("", response_model=CreditTermPage, summary=CREDIT_TERM.texts.list)
def list_credit_terms(
    request: Request,
    context: CompanyContext = Depends(company_context),
    criteria: Any = Depends(criteria_dependency(CREDIT_TERM)),
    page: Page = Depends(paging(CREDIT_TERM.max_page_size)),
) -> Response:
    rows, result = CREDIT_TERM.records(
        request.app.state.db, company_id=context.company_id, criteria=criteria, page=page
    )
    return json_response(
        {
            "pageNumber": page.number,
            "pageSize": page.size,
            "totalCount": result.total_count,
            "records": [CREDIT_TERM.render(row) for row in rows],
        }
    )
