"""The contract, its summary, details and recurring summary, its usage and the templates, as the documents shape
them (keys without a value are left out by the renderer)."""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal

from ..kit.render import format_date, format_datetime, time_stamp
from .billing import balance
from .models import ZERO, ContractDetail, ContractTemplate, CustomerContract, InvoiceType

_RECURRING_TYPE = {InvoiceType.PREPAID: "Prepay", InvoiceType.POSTPAID: "Usage", InvoiceType.NONE: "None"}


def contract_dto(contract: CustomerContract, *, summary: bool = True, details: bool = True) -> dict:
    return {
        "contractId": contract.contract_cd,
        "contractTemplate": {"id": contract.template.template_cd, "description": contract.template.description or None},
        "status": contract.status,
        "customer": {"number": contract.customer.number, "name": contract.customer.name},
        "location": {"id": contract.location} if contract.location else None,
        "description": contract.description or None,
        "balance": balance(contract),
        "lastModifiedDateTime": format_datetime(contract.last_modified_at),
        "summary": summary_dto(contract) if summary else None,
        "details": details_dto(contract) if details else None,
        "timeStamp": time_stamp(contract.row_version),
    }


def summary_dto(contract: CustomerContract) -> dict:
    account = contract.invoice_account
    return {
        "setupDate": format_date(contract.setup_date),
        "activationDate": format_date(contract.activation_date),
        "expirationDate": format_date(contract.expiration_date),
        "terminationDate": format_date(contract.termination_date),
        "massRenewal": contract.mass_renewal,
        "renewalPoint": contract.renewal_point,
        "gracePeriod": contract.grace_period,
        "currency": contract.currency_id,
        "invoicingScheduleStartsOn": format_date(contract.schedule_starts_on),
        "invoicingPeriod": contract.invoicing_period,
        "lastInvoicingDate": format_date(contract.last_invoicing_date),
        "nextInvoicingDate": format_date(contract.next_invoicing_date),
        "invoiceTo": contract.invoice_to,
        "invoiceAccount": {"number": account.number, "name": account.name} if account is not None else None,
        "invoiceLocation": {"id": contract.invoice_location} if contract.invoice_location else None,
        "owner": {"number": contract.owner} if contract.owner else None,
        "salesPerson": {"id": contract.salesperson} if contract.salesperson else None,
    }


def details_dto(contract: CustomerContract) -> dict:
    items = contract.details
    pending = (_total(items, "setup_price"), _total(items, "recurring_price"), _total(items, "renewal_price"))
    return {
        "effectiveFrom": format_date(contract.activation_date or contract.setup_date),
        "pendingSetup": pending[0],
        "pendingRecurring": pending[1],
        "pendingRenewal": pending[2],
        "totalPending": sum(pending, ZERO),
        "currentSetup": _total(items, "current_setup_price"),
        "currentRecurring": _total(items, "current_recurring_price"),
        "currentRenewal": _total(items, "current_renewal_price"),
        "lines": [_detail_line(d) for d in items],
    }


def _total(items: list[ContractDetail], attr: str) -> Decimal:
    return sum((getattr(d, attr) for d in items), ZERO)


def _detail_line(d: ContractDetail) -> dict:
    return {
        "contractDetailId": d.detail_nbr,
        "itemCode": d.item.number,
        "description": d.description or None,
        "included": d.included,
        # What the upgrade pending changes the included quantity by.
        "difference": d.included - d.current_included if d.in_force else d.included,
        "setupPrice": d.setup_price,
        "setupDiscount": ZERO,
        "recurringPrice": d.recurring_price,
        "extraUsagePrice": d.extra_usage_price,
        "recurringDiscount": ZERO,
        "renewalPrice": d.renewal_price,
        "renewalDiscount": ZERO,
        "invoiceType": d.invoice_type,
    }


def recurring_summary_dto(contract: CustomerContract) -> dict:
    """The items in force: their recurring fee, and the usage not yet billed beyond what is included."""
    used: dict[int, Decimal] = defaultdict(lambda: ZERO)
    for u in contract.usage:
        if not u.billed:
            used[u.item_id] += u.quantity
    lines, recurring_total, extra_total = [], ZERO, ZERO
    for d in contract.details:
        if not d.in_force:
            continue
        fee = d.current_recurring_price * (d.current_included if d.current_included > 0 else 1)
        extra = max(used[d.item_id] - d.current_included, ZERO)
        recurring_total += fee
        extra_total += extra * d.current_extra_usage_price
        lines.append(
            {
                "itemCode": d.item.number,
                "description": d.description or None,
                "itemId": str(d.item.id),
                "uom": d.item.sales_unit,
                "invoiceType": _RECURRING_TYPE.get(d.invoice_type, "None"),
                "included": d.current_included,
                "recurringPrice": d.current_recurring_price,
                "recurringDiscount": ZERO,
                "extraUsagePrice": d.current_extra_usage_price,
                "unInvoiced": extra,
                "usedTotal": used[d.item_id],
            }
        )
    return {
        "recurringTotal": recurring_total,
        "extraUsageTotal": extra_total,
        "totalDue": recurring_total + extra_total,
        "lines": lines,
    }


def usage_dto(contract: CustomerContract) -> dict:
    return {
        "contract": contract.contract_cd,
        "transaction": [_usage_line(u) for u in contract.usage],
        "lastModifiedDateTime": format_datetime(contract.last_modified_at),
        "timeStamp": time_stamp(contract.row_version),
    }


def _usage_line(u) -> dict:
    invoice = u.invoice
    return {
        "transactionNumber": u.transaction_nbr,
        "billed": u.billed,
        "branch": {"number": u.branch} if u.branch else None,
        "item": {"number": u.item.number, "description": u.item.description},
        "description": u.description or None,
        "uom": u.uom,
        "quantity": u.quantity,
        "date": format_date(u.used_on),
        "type": invoice.document_type if invoice is not None else None,
        "referenceNbr": invoice.reference_number if invoice is not None else None,
        "billingDate": format_date(u.billing_date),
        "lastModifiedDateTime": format_datetime(u.last_modified_at),
    }


def template_dto(template: ContractTemplate) -> dict:
    return {
        "lastModifiedDateTime": format_datetime(template.last_modified_at),
        "id": template.template_cd,
        "description": template.description or None,
    }
