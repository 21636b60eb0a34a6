"""Customer document read DTOs (AR301000), as the real documents shape them. Members the real DTOs type as .NET
value types (dates, integers) are left out of a body when nettfin has no value for them, as
`docs/compatibility.md` says for other resources."""

from __future__ import annotations

from decimal import Decimal

from ..attachments.models import attachment_refs
from ..documents.currency import to_base
from ..kit.document_shapes import ZERO4, party_location, stored_tax_details
from ..kit.render import format_datetime, time_stamp
from ..kit.shapes import render_address
from ..ledger.references import account_ref, subaccount_ref
from ..terms.models import credit_terms_ref
from .document_models import CustomerInvoice, CustomerInvoiceLine, CustomerPaymentLine
from .invoices import InvoiceReferences


def _without_nones(body: dict, *members: str) -> dict:
    for member in members:
        if body.get(member) is None:
            body.pop(member, None)
    return body


def invoice_dto(
    i: CustomerInvoice, refs: InvoiceReferences, applications: dict | None, *, with_attachments: bool = True
) -> dict:
    customer = i.customer
    body = {
        "documentType": i.document_type,
        "referenceNumber": i.reference_number,
        "status": i.status,
        "hold": i.hold,
        "customer": {"number": customer.number, "name": customer.name},
        "childRecord": None,
        "postPeriod": i.post_period,
        "financialPeriod": i.financial_period,
        "closedFinancialPeriod": i.closed_period,
        "documentDate": format_datetime(i.document_date),
        "origInvoiceDate": format_datetime(i.orig_invoice_date or i.document_date),
        "documentDueDate": format_datetime(i.due_date or i.document_date),
        "cashDiscountDate": format_datetime(i.cash_discount_date or i.document_date),
        "currencyId": i.currency_id,
        "exchangeRate": i.exchange_rate,
        **_amounts(i),
        "roundingDiff": ZERO4,
        "creditTerms": credit_terms_ref(i.credit_terms),
        "paymentMethod": {"id": i.payment_method_id, "description": None} if i.payment_method_id else None,
        "paymentReference": i.payment_reference,
        "customerRefNumber": i.customer_ref_number,
        "externalReference": i.external_reference,
        "invoiceText": i.invoice_text,
        "note": i.note,
        "location": party_location(customer, i.location_id),
        "branchNumber": {"number": i.branch, "name": None} if i.branch else None,
        "cashAccount": i.cash_account,
        "project": {"internalId": 0, "id": i.project, "description": None} if i.project else None,
        "customerProject": i.customer_project,
        "account": None,
        "subaccount": None,
        "customerVatZone": {"id": i.vat_zone.zone_id, "description": i.vat_zone.description} if i.vat_zone else None,
        "contact": {"id": i.contact_id, "name": None} if i.contact_id is not None else None,
        "salesPerson": {"id": i.salesperson, "description": None} if i.salesperson else None,
        "invoiceAddress": {
            **render_address(i.billing_address or customer.invoice_address or customer.main_address),
            "overrideAddress": bool((i.billing_address or {}).get("overrideAddress")),
        },
        "invoiceContact": _contact(i),
        "dunningLetterDate": format_datetime(i.dunning_letter_at),
        "dunningLetterLevel": i.dunning_level or 0,
        "isRotRutDeductible": False,
        "sendToAutoInvoice": i.send_to_auto_invoice,
        "dontPrint": i.dont_print,
        "dontEmail": i.dont_email,
        "revoked": i.revoked,
        "startDate": format_datetime(i.start_date),
        "endDate": format_datetime(i.end_date),
        "accountingCostRef": i.accounting_cost_ref,
        "originatorDocRef": i.originator_doc_ref,
        "contractDocRef": i.contract_doc_ref,
        "directDebitMandate": None,
        "excludeDebtCollection": i.exclude_debt_collection,
        "debtCollection": None,
        "applications": None if applications is None else [_application(x) for x in applications.get(i.id, [])],
        "taxDetails": stored_tax_details(i.tax_details, refs.vats),
        "attachments": attachment_refs(i.attachments, shown=with_attachments),
        "invoiceLines": [_line(i, x, refs, with_attachments) for x in i.lines],
        "createdDateTime": format_datetime(i.created_at),
        "lastModifiedDateTime": format_datetime(i.last_modified_at),
        "timeStamp": time_stamp(i.row_version),
        "errorInfo": None,
    }
    return body


def _amounts(i: CustomerInvoice) -> dict:
    """Every amount in the base currency, and next to it (`...InCurrency`) the document's own: its amounts are
    kept in its currency and converted at its rate (`documents.currency`)."""
    amounts = {
        "amount": i.amount,
        "balance": i.balance,
        "cashDiscount": ZERO4,
        "detailTotal": i.detail_total,
        "discountTotal": i.discount_total,
        "vatTaxableTotal": i.vat_taxable_total,
        "vatExemptTotal": i.vat_exempt_total,
        "vatTotal": i.vat_total,
    }
    body: dict = {}
    for name, value in amounts.items():
        body[name] = to_base(value, i.exchange_rate)
        body[f"{name}InCurrency"] = value
    return body


def _contact(i: CustomerInvoice) -> dict:
    contact = i.invoice_contact or {}
    fallback = i.customer.invoice_contact or i.customer.main_contact or {}
    # No contact records are served, so the contact has no id (a .NET int): `contactId` is left out.
    return {
        "businessName": contact.get("name") or fallback.get("name"),
        "attention": contact.get("attention") or fallback.get("attention"),
        "email": contact.get("email") or fallback.get("email"),
        "phone1": contact.get("phone1") or fallback.get("phone1"),
        "overrideContact": bool(contact.get("overrideContact")),
    }


def _line(i: CustomerInvoice, x: CustomerInvoiceLine, refs: InvoiceReferences, with_attachments: bool) -> dict:
    rate = i.exchange_rate or Decimal(1)
    vat = refs.vats.get(x.vat_id) if x.vat_id else None
    body = {
        "lineNumber": x.line_number,
        "inventoryNumber": x.item.number if x.item else None,
        "lineType": None,
        "description": x.description,
        "quantity": x.quantity,
        "uom": x.uom,
        "unitPrice": (x.unit_price * rate).quantize(ZERO4),
        "unitPriceInCurrency": x.unit_price,
        "manualAmount": to_base(x.manual_amount, rate) if x.manual_amount is not None else ZERO4,
        "manualAmountInCurrency": x.manual_amount if x.manual_amount is not None else ZERO4,
        "amount": to_base(x.amount, rate),
        "amountInCurrency": x.amount,
        "cost": ZERO4,
        "discountPercent": x.discount_percent,
        "discountAmount": to_base(x.discount_amount, rate),
        "discountAmountInCurrency": x.discount_amount,
        "manualDiscount": x.manual_discount,
        "discountCode": x.discount_code,
        "account": account_ref(x.account, with_codes=True),
        "subaccount": subaccount_ref(x.subaccount, refs.segment_names),
        "vatCode": {"id": x.vat_id, "description": vat.description if vat else None} if x.vat_id else None,
        "salesperson": x.salesperson,
        "seller": {"id": x.salesperson, "description": None} if x.salesperson else None,
        "deferralSchedule": x.deferral_schedule,
        "deferralCode": x.deferral_code,
        "note": x.note,
        "branchNumber": {"number": x.branch, "name": None} if x.branch else None,
        "projectTask": {"internalId": 0, "id": x.task_id, "description": None} if x.task_id else None,
        "itemType": x.item_type,
        "isRotRutDeductible": False,
        "typeOfWork": None,
        "deductableAmount": ZERO4,
        "startDate": format_datetime(x.start_date),
        "endDate": format_datetime(x.end_date),
        "termStartDate": format_datetime(x.term_start_date),
        "termEndDate": format_datetime(x.term_end_date),
        "soShipmentNbr": x.so_shipment_nbr,
        "soOrderType": x.so_order_type,
        "soOrderNbr": x.so_order_nbr,
        "attachments": attachment_refs(i.attachments, x.line_number, shown=with_attachments),
        "externalLink": None,
    }
    return _without_nones(body, "deferralSchedule", "itemType", "startDate", "endDate", "termStartDate", "termEndDate")


def _application(x: CustomerPaymentLine) -> dict:
    payment = x.payment
    return {
        "docType": payment.payment_type,
        "customerCD": payment.customer.number,
        "refNbr": payment.reference_number,
        "amountPaid": x.amount_paid,
        "cashDiscountTaken": x.cash_discount_taken,
        "balance": payment.available_balance,
        "pendingPPD": False,
        "released": payment.released,
        "hold": payment.hold,
        "voided": False,
        "ppdCrMemoRefNbr": None,
        "paymentRef": payment.payment_ref,
        "status": payment.status,
        "applicationDate": format_datetime(payment.application_date),
        "applicationPeriod": payment.application_period,
        "invoiceText": payment.invoice_text,
    }
