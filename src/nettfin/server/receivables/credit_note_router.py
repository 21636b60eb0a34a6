"""The credit note endpoint (`/v1/creditNote`, AR301000; deprecated by the service in favour of
`/v1/customerCreditNote`): declarations only.

Its documents are the customer credit notes (`note_router`), read and written through another view of the
invoice's DTOs: `invoiceLines` as the invoice has them (not `lines`), and without the terms, VAT details, exchange
rate, addresses, AutoInvoice and contract members, which its DTOs lack. A credit note entered at either endpoint is
read, updated and released at both; its attachments are the same.
"""

from __future__ import annotations

from ..identity.auth import company_context
from ..kit.document_routes import DocumentTexts, document_router
from ..kit.document_variants import variant
from . import invoices
from .document_schemas import (
    CustomerInvoiceDto,
    CustomerInvoiceLineDto,
    CustomerInvoiceLinesUpdateDto,
    CustomerInvoiceUpdateDto,
)
from .invoice_router import CustomerDocuments, customer_documents
from .invoice_variants import CONTRACT

KIND = invoices.Kind("CreditNote", "CreditNote", "Credit note", "CreditNote")

CREDIT_NOTE = variant(
    CustomerInvoiceDto,
    CustomerInvoiceUpdateDto,
    names=("CreditNoteDto", "CreditNoteUpdateDto"),
    dropped=CONTRACT
    | {
        "cashDiscountDate",
        "childRecord",
        "creditTerms",
        "customerVatZone",
        "debtCollection",
        "directDebitMandate",
        "documentDueDate",
        "dunningLetterLevel",
        "exchangeRate",
        "excludeDebtCollection",
        "isRotRutDeductible",
        "roundingDiff",
        "sendToAutoInvoice",
        "taxDetails",
        "timeStamp",
    },
    write_dropped=CONTRACT
    | {
        "billingAddress",
        "cashDiscountDate",
        "creditTermsId",
        "customerProject",
        "customerVatZoneId",
        "documentDueDate",
        "exchangeRate",
        "excludeDebtCollection",
        "invoiceContact",
        "overrideNumberSeries",
        "paymentMethodId",
        "paymentReference",
        "project",
        "revoked",
        "sendToAutoInvoice",
        "taxDetailLines",
    },
    lines=("invoiceLines", CustomerInvoiceLineDto, CustomerInvoiceLinesUpdateDto),
    line_names=("CreditNoteLineDto", "CreditNoteLineUpdateDto"),
    line_dropped=frozenset(
        {
            "deductableAmount",
            "endDate",
            "isRotRutDeductible",
            "itemType",
            "lineType",
            "soOrderNbr",
            "soOrderType",
            "soShipmentNbr",
            "startDate",
            "termEndDate",
            "termStartDate",
            "typeOfWork",
        }
    ),
    line_write_dropped=frozenset({"endDate", "itemType", "startDate"}),
)

CREDIT_NOTES = customer_documents(
    CustomerDocuments(KIND, CREDIT_NOTE),
    path="/v1/creditNote",
    v2_path=None,
    tag="CreditNote",
    key_param="creditNoteNumber",
    texts=DocumentTexts(
        list="Get a range of Credit Notes - Method is deprecated start using the new method in CustomerCreditNote",
        get="Get a specific Credit Note - Method is deprecated start using the new method in CustomerCreditNote",
        create="Create a Credit Note - Method is deprecated start using the new method in CustomerCreditNote",
        update="Update a specific Credit Note - Method is deprecated start using the new method in CustomerCreditNote",
        release="Release credit note operation - Method is deprecated start using the new method in CustomerCreditNote",
        list_notes="Paged, as the customer invoice list; only documents of type CreditNote, the same as "
        "`/v1/customerCreditNote` serves.",
    ),
    operations=frozenset({"list", "get", "create", "update", "release"}),
)

(router,) = document_router(CREDIT_NOTES, company_context)
