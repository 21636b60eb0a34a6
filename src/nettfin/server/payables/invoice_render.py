"""How supplier invoices render: `SupplierInvoiceDto` with its lines and VAT details, with the real names."""

from __future__ import annotations

from decimal import Decimal

from ..attachments.models import attachment_refs
from ..documents.lines import money
from ..inventory.models import STOCK_TYPES
from ..kit.document_shapes import party_location, party_ref, supplier_vat_zone, tax_detail_dto
from ..kit.render import format_date, format_datetime, time_stamp
from ..ledger.period_ids import as_month_year
from ..ledger.references import account_ref, project_ref, subaccount_ref
from ..terms.models import credit_terms_ref
from . import invoices
from .document_models import SupplierDocument, SupplierDocumentLine

_ZERO = Decimal("0.0000")


def invoice_dto(
    d: SupplierDocument, rendering: invoices.Rendering, *, with_note: bool, with_attachments: bool = True
) -> dict:
    supplier = d.supplier
    return {
        **_amounts(d),
        "taxDetailLines": [_tax_dto(tax, rendering) for tax in d.taxes],
        "attachments": attachment_refs(d.attachments, shown=with_attachments),
        "approvalDetails": None,
        "invoiceLines": [_line_dto(line, d, rendering, with_attachments) for line in d.lines],
        "landedCosts": [],
        "hold": d.hold,
        "paymentRefNo": d.payment_ref_no,
        "originalReferenceNumber": d.original_reference_number,
        "creditTerms": credit_terms_ref(d.credit_terms),
        "retainageApply": False,
        "cashDiscountDate": format_date(d.cash_discount_date),
        "buyerReference": None,
        "taxCalculationMode": d.tax_calculation_mode,
        "supplierTaxZone": supplier_vat_zone(d.vat_zone),
        "paySelected": d.pay_selected,
        "documentVersionNumber": d.row_version,
        "supplier": party_ref(supplier),
        "documentType": d.document_type,
        "referenceNumber": d.reference_number,
        "postPeriod": as_month_year(d.period_id),
        "financialPeriod": d.period_id,
        "date": format_date(d.date),
        "origInvoiceDate": format_date(d.orig_invoice_date),
        "dueDate": format_date(d.due_date),
        "approvalStatus": d.approval_status,
        "status": d.status,
        "currencyId": d.currency_id,
        "paymentMethod": {"id": d.payment_method, "description": None} if d.payment_method else None,
        "supplierReference": d.supplier_reference,
        "description": d.description,
        "createdDateTime": format_datetime(d.created_at),
        "lastModifiedDateTime": format_datetime(d.last_modified_at),
        "note": d.note if with_note else None,
        "closedFinancialPeriod": d.closed_period_id,
        "location": party_location(supplier),
        "branchNumber": {"number": d.branch_number, "name": None} if d.branch_number else None,
        "payDate": format_date(d.pay_date),
        "paymentMessage": d.payment_message,
        "cashAccount": d.cash_account,
        "timeStamp": time_stamp(d.row_version),
        "errorInfo": None,
    }


def _amounts(d: SupplierDocument) -> dict:
    return {
        "exchangeRate": d.exchange_rate,
        "detailTotal": d.detail_total,
        "detailTotalInCurrency": d.detail_total_cur,
        "discountTotal": d.discount_total,
        "discountTotalInCurrency": d.discount_total_cur,
        "vatTaxableTotal": d.vat_taxable,
        "vatTaxableTotalInCurrency": d.vat_taxable_cur,
        "vatExemptTotal": d.vat_exempt,
        "vatExemptTotalInCurrency": d.vat_exempt_cur,
        "withholdingTax": _ZERO,
        "withholdingTaxInCurrency": _ZERO,
        "roundingDiff": _ZERO,
        "roundingDiffInCurrency": _ZERO,
        "amount": d.amount_cur,
        "vatAmount": d.vat_total_cur,
        "curyRetainageTotal": _ZERO,
        "curyRetainageUnreleasedAmt": _ZERO,
        "balance": d.balance,
        "balanceInCurrency": d.balance_cur,
        "cashDiscount": _ZERO,
        "cashDiscountInCurrency": _ZERO,
        "vatTotal": d.vat_total,
        "vatTotalInCurrency": d.vat_total_cur,
    }


def _tax_dto(tax, rendering: invoices.Rendering) -> dict:
    description = rendering.vats.get(tax.vat_id)
    return tax_detail_dto(tax.vat_id, tax.id, description, tax.vat_rate, tax.taxable, tax.vat)


def _line_dto(
    line: SupplierDocumentLine, d: SupplierDocument, rendering: invoices.Rendering, with_attachments: bool
) -> dict:
    rate = d.exchange_rate
    discounted_unit = (line.cost_cur / line.quantity) if line.quantity else line.unit_cost_cur
    return {
        "lineNumber": line.line_number,
        "inventoryNumber": line.inventory_number,
        "externalInventoryId": None,
        "stockItem": line.item is not None and line.item.item_type in STOCK_TYPES,
        "transactionDescription": line.description,
        "quantity": line.quantity,
        "uom": line.uom,
        "unitCost": (line.unit_cost_cur * rate).quantize(_ZERO),
        "unitCostInCurrency": line.unit_cost_cur,
        "cost": line.cost,
        "costInCurrency": line.cost_cur,
        "discountPercent": line.discount_percent,
        "discountAmount": money(line.discount_amount_cur * rate),
        "discountAmountInCurrency": line.discount_amount_cur,
        "discountUnitCost": (discounted_unit * rate).quantize(_ZERO),
        "discountUnitCostInCurrency": discounted_unit.quantize(_ZERO),
        "manualDiscount": line.manual_discount,
        "account": account_ref(line.account, with_codes=True),
        "subaccount": subaccount_ref(line.subaccount, rendering.names),
        "prebookAccount": account_ref(d.prebook_account, with_codes=True),
        "prebookSubaccount": subaccount_ref(d.prebook_subaccount, rendering.names),
        "deferralSchedule": None,
        "deferralScheduleNbr": None,
        "deferralCode": None,
        "vatCode": {"id": line.vat_id, "description": rendering.vats.get(line.vat_id)} if line.vat_id else None,
        "poNumber": line.po_order_nbr,
        "poLineNr": line.po_line_nbr or 0,
        "poReceiptNbr": line.po_receipt_nbr,
        "poReceiptLineNbr": line.po_receipt_line_nbr or 0,
        "branchNumber": {"number": d.branch_number, "name": None} if d.branch_number else None,
        "note": line.note,
        "splitHierarchy": None,
        "project": project_ref(line.project_id),
        "projectTask": None,
        "attachments": attachment_refs(d.attachments, line.line_number, shown=with_attachments),
        "retainagePct": _ZERO,
        "curyRetainageAmt": _ZERO,
        "termStartDate": None,
        "termEndDate": None,
    }
