"""Customer overdue charge endpoints (`/v1/customerOverdueCharge`, AR301000 for documents of type `FinCharge`):
declarations only. The documents are made by the overdue charge calculation (`overdue_charges`, not in the API);
the endpoint lists, reads, changes and releases them. Their DTOs are the invoice's with `lines` for `invoiceLines`
and without its contract, ROT/RUT and debt-collection members."""

from __future__ import annotations

from ..identity.auth import company_context
from ..kit.document_routes import DocumentTexts, document_router
from ..kit.document_variants import variant
from . import overdue_charges
from .document_schemas import (
    CustomerInvoiceDto,
    CustomerInvoiceLineDto,
    CustomerInvoiceLinesUpdateDto,
    CustomerInvoiceUpdateDto,
)
from .invoice_router import CustomerDocuments, customer_documents
from .invoice_variants import INVOICE_ONLY, INVOICE_ONLY_LINE, INVOICE_ONLY_WRITES

OVERDUE_CHARGE = variant(
    CustomerInvoiceDto,
    CustomerInvoiceUpdateDto,
    names=("CustomerOverdueChargeDto", "CustomerOverdueChargeUpdateDto"),
    renamed={"invoiceLines": "lines"},
    dropped=INVOICE_ONLY,
    write_dropped=INVOICE_ONLY_WRITES,
    lines=("lines", CustomerInvoiceLineDto, CustomerInvoiceLinesUpdateDto),
    line_names=("CustomerOverdueChargeLineDto", "CustomerOverdueChargeLineUpdateDto"),
    line_dropped=INVOICE_ONLY_LINE,
    line_write_dropped=frozenset({"taskId", "startDate", "endDate"}),
)

OVERDUE_CHARGES = customer_documents(
    CustomerDocuments(overdue_charges.OVERDUE_CHARGES, OVERDUE_CHARGE),
    path="/v1/customerOverdueCharge",
    v2_path=None,
    tag="CustomerOverdueCharge",
    key_param="overdueChargeNumber",
    texts=DocumentTexts(
        list="Get a range of Customer Overdue Charges - ScreenId=AR301000",
        get="Get a specific Customer Overdue Charge",
        create="",
        update="Update a specific Overdue Charge",
        release="Release overdue charge operation",
        list_notes=(
            "Paged, as the customer invoice list; only documents of type FinCharge. They are made by the overdue "
            "charge calculation (`nettfin admin overdue-charges calculate`), not through the API."
        ),
        release_notes=(
            "Posts the charge: the customer ledger control account debited, the overdue charge income account "
            "credited; the customer's balance rises by the charge."
        ),
    ),
    operations=frozenset({"list", "get", "update", "release"}),
)

(overdue_charge_router,) = document_router(OVERDUE_CHARGES, company_context)
