"""A sales order as the service renders it (SalesOrderDto, the same in v1 and v2; SalesOrderBasicDto, its basic
members), its commissions, its ROT/RUT details, the order type, and the printout's rows."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal

from ..attachments.models import attachment_refs
from ..documents.currency import to_base
from ..kit.render import format_datetime
from ..kit.shapes import render_address, render_contact
from ..terms.models import credit_terms_ref
from .lines import open_quantity
from .models import ZERO, SalesOrder, SalesOrderLine, SalesOrderType
from .schemas import BASIC

_TOTALS = {
    "orderTotal": "order_total",
    "vatTaxableTotal": "vat_taxable_total",
    "vatExemptTotal": "vat_exempt_total",
    "taxTotal": "tax_total",
}


def sales_order_dto(o: SalesOrder, *, with_attachments: bool = True) -> dict:
    customer = o.customer
    own = {o.sales_person: o.commission_percent or ZERO} if o.sales_person else {}
    commission = [c for c in commissions(o, own) if c["salesPersonId"] == o.sales_person]
    body = {
        "projectCD": o.project,
        "printDescriptionOnInvoice": o.print_description_on_invoice,
        "printNoteOnExternalDocuments": o.print_note_on_external_documents,
        "printNoteOnInternalDocuments": o.print_note_on_internal_documents,
        "soBillingContact": _contact(o.billing_contact, customer.invoice_contact or customer.main_contact),
        "soBillingAddress": _address(o.billing_address, customer.invoice_address or customer.main_address),
        "customerVATZone": _vat_zone(o),
        "invoiceSeparately": o.invoice_separately,
        "invoiceNbr": o.invoice_nbr,
        "invoiceDate": format_datetime(o.invoice_date),
        "terms": credit_terms_ref(o.credit_terms),
        "salesPerson": {"id": o.sales_person, "description": None} if o.sales_person else None,
        "commissionPercent": _text(o.commission_percent),
        "commissionAmount": _text(sum((c["commissionAmount"] for c in commission), ZERO)),
        "commissionableAmount": _text(sum((c["commissionableAmount"] for c in commission), ZERO)),
        "origOrderType": o.orig_order_type,
        "origOrderNbr": o.orig_order_nbr,
        "soShippingContact": _contact(o.shipping_contact, customer.delivery_contact or customer.main_contact),
        "soShippingAddress": _address(o.shipping_address, customer.delivery_address or customer.main_address),
        "schedShipment": format_datetime(o.sched_shipment),
        "shipSeparately": o.ship_separately,
        "shipComplete": o.ship_complete,
        "cancelBy": format_datetime(o.cancel_by),
        "canceled": o.canceled,
        "preferredWarehouse": _warehouse(o.preferred_warehouse),
        "shipVia": _code(o.ship_via),
        "fobPoint": _code(o.fob_point),
        "priority": o.priority,
        "shippingTerms": _code(o.shipping_terms),
        "shippingZone": _code(o.shipping_zone),
        "residentialDelivery": o.residential_delivery,
        "saturdayDelivery": o.saturday_delivery,
        "insurance": o.insurance,
        "transactionType": {"id": o.transaction_type, "description": None} if o.transaction_type else None,
        "paymentMethod": _code(o.payment_method),
        "cashAccount": o.cash_account,
        "paymentRef": o.payment_ref,
        "isRotRutDeductible": o.is_rot_rut_deductible,
        "emailed": o.emailed,
        "lines": [_line(o, x, with_attachments) for x in o.lines],
        "shipments": [],
        "orderType": o.order_type,
        "orderNo": o.order_nbr,
        "status": o.status,
        "hold": o.hold,
        "date": format_datetime(o.date),
        "requestOn": format_datetime(o.request_on),
        "customerOrder": o.customer_order,
        "customerRefNo": o.customer_ref_no,
        "customer": {"internalId": customer.id, "number": customer.number, "name": customer.name},
        "contactId": o.contact_id,
        "location": _location(o),
        "currency": o.currency_id,
        "description": o.description,
        **_totals(o),
        "exchangeRate": o.exchange_rate,
        "lastModifiedDateTime": format_datetime(o.last_modified_at),
        "branchNumber": {"number": o.branch, "name": None} if o.branch else None,
        "note": o.note,
        "attachments": attachment_refs(o.attachments, shown=with_attachments),
    }
    return body


def sales_order_basic_dto(o: SalesOrder) -> dict:
    """The order as the basic endpoints render it: the full body's basic members, with the same values."""
    return BASIC.render(sales_order_dto(o))


def _totals(o: SalesOrder) -> dict:
    body: dict = {}
    for wire, attr in _TOTALS.items():
        body[wire] = getattr(o, attr)
        body[f"{wire}InBaseCurrency"] = to_base(getattr(o, attr), o.exchange_rate)
    body["discountTotal"] = o.discount_total
    body["discountTotalInBaseCurrency"] = to_base(o.discount_total, o.exchange_rate)
    return body


def _line(o: SalesOrder, x: SalesOrderLine, with_attachments: bool) -> dict:
    return {
        "invoiceNbr": x.invoice_nbr,
        "operation": x.operation,
        "freeItem": x.free_item,
        "requestedOn": format_datetime(x.requested_on),
        "shipOn": format_datetime(x.ship_on),
        "shipComplete": x.ship_complete,
        "undershipThreshold": x.undership_threshold,
        "overshipThreshold": x.overship_threshold,
        "completed": x.completed,
        "markForPO": x.mark_for_po,
        "poSource": x.po_source,
        "lotSerialNbr": x.lot_serial_nbr,
        "expirationDate": format_datetime(x.expiration_date),
        "reasonCode": x.reason_code,
        "salesPerson": {"id": x.sales_person, "description": None} if x.sales_person else None,
        "taxCategory": x.tax_category,
        "commissionable": x.commissionable,
        "alternateID": x.alternate_id,
        "projectTaskCd": x.project_task,
        "subaccount": (
            {"active": x.subaccount.active, "id": x.subaccount.subaccount_cd, "description": x.subaccount.description}
            if x.subaccount is not None
            else None
        ),
        "externalLink": x.external_link,
        "isRotRutDeductible": x.is_rot_rut_deductible,
        "lineNbr": x.line_number,
        "sortOrder": x.sort_order,
        "inventory": {"number": x.item.number, "description": x.item.description} if x.item else None,
        "warehouse": _warehouse(x.warehouse),
        "uom": x.uom,
        "quantity": x.quantity,
        "qtyOnShipments": x.qty_on_shipments,
        "openQty": open_quantity(x),
        "unitCost": x.unit_cost,
        "unitPrice": x.unit_price,
        "unitPriceInBaseCurrency": to_base(x.unit_price, o.exchange_rate),
        "discountCode": x.discount_code,
        "discountPercent": x.discount_percent,
        "discountAmount": x.discount_amount,
        "manualDiscount": x.manual_discount,
        "discUnitPrice": (x.amount / x.quantity).quantize(Decimal("0.0001")) if x.quantity else x.unit_price,
        "extPrice": x.ext_price,
        "unbilledAmount": x.unbilled_amount,
        "lineDescription": x.line_description,
        "branchNumber": {"number": x.branch, "name": None} if x.branch else None,
        "note": x.note,
        "attachments": attachment_refs(o.attachments, x.line_number, shown=with_attachments),
    }


def commissions(o: SalesOrder, percents: Mapping[str, Decimal]) -> list[dict]:
    """Per sales person (a line's, else the order's): the commissionable amount of the commissionable lines,
    the person's percentage (`percents`, `sales.commissions`; 0 when it has none) and the commission."""
    found: dict[str, Decimal] = {}
    for line in o.lines:
        person = line.sales_person or o.sales_person
        if person and line.commissionable:
            found[person] = found.get(person, ZERO) + line.amount
    return [
        {
            "salesPersonId": person,
            "commissionPercent": percents.get(person, ZERO),
            "commissionAmount": (amount * percents.get(person, ZERO) / 100).quantize(Decimal("0.01")),
            "commissionableAmount": amount,
        }
        for person, amount in sorted(found.items())
    ]


def rot_rut_dto(o: SalesOrder) -> dict:
    details = o.rot_rut or {}
    return {
        "distributedAutomaticaly": details.get("distributedAutomaticaly", False),
        "type": details.get("type"),
        "appartment": details.get("appartment"),
        "estate": details.get("estate"),
        "organizationNbr": details.get("organizationNbr"),
        "distribution": [
            {
                "lineNbr": row["lineNbr"],
                "personalId": row.get("personalId"),
                "amount": Decimal(row["amount"]) if row.get("amount") is not None else None,
                "extra": bool(row.get("extra")),
            }
            for row in details.get("distribution", [])
        ],
    }


def order_type_dto(t: SalesOrderType) -> dict:
    return {
        "orderType": t.order_type,
        "active": t.active,
        "description": t.description,
        "behavior": t.behavior,
        "defaultOperation": t.default_operation,
        "customerDocumentType": t.customer_document_type,
    }


def print_rows(o: SalesOrder) -> list[str]:
    """The printout: the header, one row per line, the totals."""
    customer = o.customer
    rows = [
        f"Order type: {o.order_type}    Status: {o.status}",
        f"Date: {o.date:%Y-%m-%d}    Currency: {o.currency_id}",
        f"Customer: {customer.number} {customer.name}",
    ]
    if o.customer_order:
        rows.append(f"Customer order: {o.customer_order}")
    if o.description:
        rows.append(f"Description: {o.description}")
    rows += ["", f"{'Line':>4}  {'Item':<15} {'Description':<24} {'Qty':>9} {'Unit price':>11} {'Amount':>12}"]
    for x in o.lines:
        item = x.item.number if x.item else ""
        text = (x.line_description or "")[:24]
        rows.append(
            f"{x.line_number:>4}  {item:<15} {text:<24} {x.quantity:>9.2f} {x.unit_price:>11.2f} {x.amount:>12.2f}"
        )
    rows += [
        "",
        f"{'Lines total:':>66} {o.line_total:>12.2f}",
        f"{'Discount total:':>66} {o.discount_total:>12.2f}",
        f"{'VAT:':>66} {o.tax_total:>12.2f}",
        f"{'Order total:':>66} {o.order_total:>12.2f}",
    ]
    return rows


def _text(value: Decimal) -> str:
    return format(value.quantize(Decimal("0.01")), "f")


def _code(code: str | None) -> dict | None:
    return {"id": code, "description": None} if code else None


def _warehouse(w) -> dict | None:
    return {"id": w.warehouse_id, "description": w.description} if w is not None else None


def _vat_zone(o: SalesOrder) -> dict | None:
    z = o.vat_zone
    if z is None:
        return None
    return {"id": z.zone_id, "description": z.description, "defaultVatCategory": z.default_vat_category}


def _location(o: SalesOrder) -> dict | None:
    country = (o.customer.main_address or {}).get("countryId")
    return {"countryId": country, "id": o.location or "MAIN", "name": "Primary location"}


def _address(own: dict | None, customer: dict | None) -> dict:
    """The order's address when it overrides the customer's, else the customer's."""
    overridden = bool((own or {}).get("overrideAddress"))
    shown = render_address(own if overridden else customer)
    country = shown.pop("country")
    return {"overrideAddress": overridden, **shown, "country": _country(country)}


def _country(country: dict | None) -> dict | None:
    return {"id": country["id"], "name": country.get("name")} if country else None


def _contact(own: dict | None, customer: dict | None) -> dict:
    overridden = bool((own or {}).get("overrideContact"))
    return {"overrideContact": overridden, **render_contact(own if overridden else customer)}
