"""What the customer invoice's variants (`kit.document_variants`: cash sales, overdue charges, credit notes) leave
out of the invoice's DTOs, said once: the contract members, and the invoice's own members a document that is
no plain invoice has not (its debt collection, direct debit, ROT/RUT and AutoInvoice members; on writes its
project, VAT zone, billing address and contact, VAT lines and number series; on lines the order, shipment,
term and ROT/RUT members)."""

from __future__ import annotations

CONTRACT = frozenset({"accountingCostRef", "contractDocRef", "originatorDocRef", "startDate", "endDate"})

INVOICE_ONLY = CONTRACT | {
    "childRecord",
    "isRotRutDeductible",
    "sendToAutoInvoice",
    "directDebitMandate",
    "excludeDebtCollection",
    "debtCollection",
}

INVOICE_ONLY_WRITES = CONTRACT | {
    "customerProject",
    "project",
    "taxDetailLines",
    "sendToAutoInvoice",
    "customerVatZoneId",
    "billingAddress",
    "invoiceContact",
    "revoked",
    "overrideNumberSeries",
    "excludeDebtCollection",
}

INVOICE_ONLY_LINE = frozenset(
    {
        "itemType",
        "lineType",
        "projectTask",
        "isRotRutDeductible",
        "typeOfWork",
        "deductableAmount",
        "startDate",
        "endDate",
        "termStartDate",
        "termEndDate",
        "soShipmentNbr",
        "soOrderType",
        "soOrderNbr",
    }
)
