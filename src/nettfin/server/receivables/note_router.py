"""Customer credit and debit note endpoints (AR301000 by document type, /v1 and /v2): declarations only.

A credit note is the customer invoice's document with type `CreditNote`: it is entered, numbered (in the
invoices' series), checked, released and posted by the same use cases, and its release posts the invoice's mirror
image (the customer ledger is credited). The real DTOs are the invoice's with `lines` for `invoiceLines`,
`invoiceAddress` for the write's `billingAddress` and without the invoice's contract and debt-collection members;
`kit.document_variants` makes them from the invoice's, and `kit.document_routes` the routes.
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

# Members of the invoice's read DTO that neither note's DTO has.
_NOT_ON_NOTES = frozenset(
    {
        "startDate",
        "endDate",
        "accountingCostRef",
        "originatorDocRef",
        "contractDocRef",
        "directDebitMandate",
        "excludeDebtCollection",
        "debtCollection",
    }
)
_NOT_ON_NOTE_LINES = frozenset({"lineType", "startDate", "endDate"})
_NOT_WRITTEN_ON_NOTES = frozenset({"customerProject", "revoked", "excludeDebtCollection"})
_LINES = ("lines", CustomerInvoiceLineDto, CustomerInvoiceLinesUpdateDto)

CREDIT_NOTE = variant(
    CustomerInvoiceDto,
    CustomerInvoiceUpdateDto,
    names=("CustomerCreditNoteDto", "CustomerCreditNoteUpdateDto"),
    renamed={"invoiceLines": "lines"},
    write_renamed={"billingAddress": "invoiceAddress", "taxDetailLines": "taxDetails"},
    dropped=_NOT_ON_NOTES,
    # A credit note has no terms of its own: no due or cash discount date, no payment reference.
    write_dropped=_NOT_WRITTEN_ON_NOTES | {"creditTermsId", "cashDiscountDate", "documentDueDate", "paymentReference"},
    lines=_LINES,
    line_names=("CustomerCreditNoteLineDto", "CustomerCreditNoteLineUpdateDto"),
    line_dropped=_NOT_ON_NOTE_LINES,
    line_write_dropped=frozenset({"itemType", "startDate", "endDate"}),
)
DEBIT_NOTE = variant(
    CustomerInvoiceDto,
    CustomerInvoiceUpdateDto,
    names=("CustomerDebitNoteDto", "CustomerDebitNoteUpdateDto"),
    renamed={"invoiceLines": "lines"},
    write_renamed={"billingAddress": "invoiceAddress"},
    dropped=_NOT_ON_NOTES | {"sendToAutoInvoice"},
    write_dropped=_NOT_WRITTEN_ON_NOTES | {"project", "sendToAutoInvoice"},
    lines=_LINES,
    line_names=("CustomerDebitNoteLineDto", "CustomerDebitNoteLinesUpdateDto"),
    line_dropped=_NOT_ON_NOTE_LINES,
    line_write_dropped=frozenset({"taskId", "startDate", "endDate"}),
)

CREDIT_NOTES = customer_documents(
    CustomerDocuments(invoices.CREDIT_NOTES, CREDIT_NOTE),
    path="/v1/customerCreditNote",
    v2_path="/v2/customerCreditNote",
    tag="CustomerCreditNote",
    key_param="creditNoteNumber",
    texts=DocumentTexts(
        list="Get a range of Customer Credit Notes - ScreenId=AR301000",
        get="Get a specific Credit Note",
        create="Create a Credit Note",
        update="Update a specific Credit Note",
        delete="Delete an unreleased Credit Note",
        release="Release credit note operation: posts it to the ledger",
        list_notes="Paged, as the customer invoice list; only documents of type CreditNote.",
    ),
)
DEBIT_NOTES = customer_documents(
    CustomerDocuments(invoices.DEBIT_NOTES, DEBIT_NOTE),
    path="/v1/customerDebitNote",
    v2_path="/v2/customerDebitNote",
    tag="CustomerDebitNote",
    key_param="debitNoteNumber",
    texts=DocumentTexts(
        list="Get a range of Customer Debit Notes - ScreenId=AR301000",
        get="Get a specific Debit Note",
        create="Create a Debit Note",
        update="Update a specific Debit Note",
        release="Release debit note operation: posts it to the ledger",
        list_notes="Paged, as the customer invoice list; only documents of type DebitNote.",
    ),
    # The real debit note endpoint has no DELETE.
    operations=frozenset({"list", "get", "create", "update", "release"}),
)

credit_note_router, credit_note_v2_router = document_router(CREDIT_NOTES, company_context)
debit_note_router, debit_note_v2_router = document_router(DEBIT_NOTES, company_context)
