"""Cash sale endpoints (`/v1/cashsale`, AR304000) and a customer's cash sales (`/v1/customer/{customerNumber}/
cashSale`): declarations only. The DTOs are the customer invoice's with `cashSaleLines` for `invoiceLines` and
without what a document paid at once has not (due and cash discount dates, VAT zone, contract and debt-collection
members); the use cases are in `cash_sales`."""

from __future__ import annotations

import dataclasses

from fastapi import APIRouter

from ..identity.auth import company_context
from ..kit.document_routes import DocumentKey, DocumentTexts, ScopedList, document_router, scoped_list_route
from ..kit.document_variants import variant
from . import cash_sales
from .customers import CUSTOMER
from .document_schemas import (
    CustomerInvoiceDto,
    CustomerInvoiceLineDto,
    CustomerInvoiceLinesUpdateDto,
    CustomerInvoiceUpdateDto,
)
from .invoice_router import CustomerDocuments, customer_documents
from .invoice_variants import INVOICE_ONLY, INVOICE_ONLY_LINE, INVOICE_ONLY_WRITES

CASH_SALE = variant(
    CustomerInvoiceDto,
    CustomerInvoiceUpdateDto,
    names=("CashSaleDto", "CashSaleUpdateDto"),
    renamed={"invoiceLines": "cashSaleLines"},
    dropped=INVOICE_ONLY
    | {
        "documentDueDate",
        "cashDiscountDate",
        "exchangeRate",
        "roundingDiff",
        "externalReference",
        "customerVatZone",
        "contact",
        "dunningLetterDate",
        "dunningLetterLevel",
        "taxDetails",
        "attachments",
    },
    write_dropped=INVOICE_ONLY_WRITES
    | {
        "currencyId",
        "customerRefNumber",
        "cashDiscountDate",
        "documentDueDate",
        "externalReference",
        "exchangeRate",
        "contact",
    },
    lines=("cashSaleLines", CustomerInvoiceLineDto, CustomerInvoiceLinesUpdateDto),
    line_names=("CashSaleLineDto", "CashSaleLinesUpdateDto"),
    line_dropped=INVOICE_ONLY_LINE | {"attachments"},
    line_write_dropped=frozenset({"discountCode", "itemType", "taskId", "startDate", "endDate"}),
)


class CashSales(CustomerDocuments):
    """The customer documents' reads over cash sales; writes release what is not on hold (`cash_sales`)."""

    def create(self, db, *, company_id, context, dto):
        return cash_sales.create_cash_sale(db, company_id=company_id, changes=self.changes(dto))

    def update(self, db, *, company_id, context, key: DocumentKey, dto, if_match):
        return cash_sales.update_cash_sale(
            db, company_id=company_id, number=key.number, changes=self.changes(dto), if_match=if_match
        )


CASH_SALES = customer_documents(
    CashSales(cash_sales.CASH_SALES, CASH_SALE),
    path="/v1/cashsale",
    v2_path=None,
    tag="CashSale",
    key_param="documentNumber",
    texts=DocumentTexts(
        list="Get a range of Cash Sales - ScreenId=AR304000",
        get="Get a specific Cash Sale",
        create="Create a Cash Sale",
        update="Update a specific Cash Sale",
        list_notes="Paged, as the customer invoice list; only documents of type CashSale.",
        create_notes=(
            "201 with an absolute Location whose last segment is the new cash sale's number. A cash sale not on "
            "hold is released as it is created: the cash account is debited, revenue and VAT credited, and no "
            "balance is left on the customer."
        ),
        update_notes="A held cash sale can be changed; taking it off hold (`hold: false`) releases it.",
    ),
    operations=frozenset({"list", "get", "create", "update"}),
)


def _customer_scope(db, *, company_id: int, key: str, filters):
    """The customer must exist; the list is of its cash sales."""
    CUSTOMER.find_existing(db, company_id=company_id, key=key)
    return dataclasses.replace(filters, customer=key)


# `/v1/customer/{customerNumber}/cashSale`: registered before the customer router's `/{customerCd}`.
customer_cash_sale_router = APIRouter(prefix=CUSTOMER.path, tags=[CUSTOMER.tag])
scoped_list_route(
    CASH_SALES,
    company_context,
    customer_cash_sale_router,
    ScopedList(
        path="/{customerNumber}/cashSale",
        param="customerNumber",
        summary="Get a range of cash sales for a specific customer",
        description="The cash sale list (its filters, flags and paging) of one customer's cash sales.",
        scope=_customer_scope,
    ),
)

(cash_sale_router,) = document_router(CASH_SALES, company_context)
