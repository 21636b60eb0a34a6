"""The shipment as the API shows it (ShipmentDto), and its printouts (pick list, shipment confirmation) as PDFs
through `kit/pdf.py`. Lines from orders show the order line's ordered and open quantities."""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy.orm import Session

from ..kit.pdf import render_pdf
from ..kit.render import format_datetime, time_stamp
from ..sales.lines import open_quantity
from .models import ZERO, Shipment, ShipmentLine
from .shipments import CUSTOM, order_line_of


def shipment_dto(session: Session, s: Shipment, view: frozenset[str] = frozenset()) -> dict:
    address, contact = s.delivery_address or {}, s.delivery_contact or {}
    packages = s.packages
    return {
        "timeStamp": time_stamp(s.row_version),
        "shipmentNumber": s.shipment_nbr,
        "shipmentType": s.shipment_type,
        "status": s.status,
        "hold": s.hold,
        "operation": s.operation,
        "shipmentDate": format_datetime(s.date),
        "customer": {"internalId": s.customer.id, "number": s.customer.number, "name": s.customer.name},
        "location": {"id": s.location} if s.location else None,
        "fromWarehouse": _warehouse(s.warehouse),
        "toWarehouse": _warehouse(s.to_warehouse),
        "currencyId": s.currency_id,
        "shippedQuantity": s.shipped_quantity,
        "shippedWeight": ZERO,
        "shippedVolume": ZERO,
        "packages": len(packages),
        "packagesWeight": sum((p.weight for p in packages), ZERO),
        "packagesVolume": sum((p.volume for p in packages), ZERO),
        "controlQuantity": s.control_quantity,
        "deliveryAddress": {
            "overrideAddress": bool(address.get("overrideAddress")),
            **{k: address.get(k) for k in ("addressLine1", "addressLine2", "addressLine3", "postalCode", "city")},
            "country": {"id": address["country"]} if address.get("country") else None,
            "county": {"id": address["county"]} if address.get("county") else None,
        },
        "deliveryContact": {
            "overrideContact": bool(contact.get("overrideContact")),
            "name": contact.get("businessName"),
            "attention": contact.get("attention"),
            "email": contact.get("email"),
            "phone1": contact.get("phone1"),
        },
        "shipVia": {"id": s.ship_via} if s.ship_via else None,
        "fobPoint": {"id": s.fob_point} if s.fob_point else None,
        "shippingTerms": {"id": s.shipping_terms} if s.shipping_terms else None,
        "shippingZone": {"id": s.shipping_zone} if s.shipping_zone else None,
        "residentialDelivery": s.residential_delivery,
        "saturdayDelivery": s.saturday_delivery,
        "useCustomerAccount": s.use_customer_account,
        "insurance": s.insurance,
        "freightCost": s.freight_cost,
        "freightAmt": s.freight_amt,
        "transactionType": {"id": s.transaction_type} if s.transaction_type is not None else None,
        "container": s.container,
        "shipmentDetailLines": [_line(session, s, x, view) for x in s.lines],
        "shipmentOrderLines": _order_lines(s),
        "shipmentPackageLines": [
            {
                "lineNumber": p.line_number,
                "confirmed": p.confirmed,
                "boxId": p.box_id,
                "description": p.description,
                "weight": p.weight,
                "volume": p.volume,
                "declaredValue": p.declared_value,
                "coDAmount": p.cod_amount,
                "trackingNumber": p.tracking_number,
                "customRefNbr1": p.custom_ref_nbr1,
                "customRefNbr2": p.custom_ref_nbr2,
            }
            for p in packages
        ],
        "lastModifiedDateTime": format_datetime(s.last_modified_at),
        "note": s.note,
        **_custom(s.custom, view),
    }


def _warehouse(warehouse) -> dict | None:
    return None if warehouse is None else {"id": warehouse.warehouse_id, "description": warehouse.description}


def _custom(custom: dict | None, view: frozenset[str]) -> dict:
    if "includeCustomFreeFields" not in view:
        return {}
    custom = custom or {}
    return {k: custom.get(k) for k in CUSTOM}


def _line(session: Session, s: Shipment, x: ShipmentLine, view: frozenset[str]) -> dict:
    order_line = order_line_of(session, x)
    return {
        "lineNumber": x.line_number,
        "orderType": x.order_type,
        "orderNbr": x.order_nbr,
        "inventoryNumber": x.item.number,
        "freeItem": x.free_item,
        "warehouse": _warehouse(x.warehouse),
        "location": {"id": x.location.location_cd, "name": x.location.description or None} if x.location else None,
        "uom": x.uom,
        "shippedQty": x.shipped_qty,
        "orderedQty": order_line.quantity if order_line else None,
        "openQty": open_quantity(order_line) if order_line else None,
        "lotSerialNbr": x.lot_serial or None,
        "expirationDate": format_datetime(x.expiration_date),
        "reasonCode": x.reason_code,
        "description": x.description,
        "allocations": [
            {
                "lineNbr": a.get("lineNbr"),
                "itemId": x.item.number,
                "location": {"id": a["location"]} if a.get("location") else None,
                "lotSerialNumber": a.get("lotSerialNumber"),
                "quantity": Decimal(a.get("quantity") or 0),
                "uom": x.uom,
            }
            for a in x.allocations or []
        ],
        "orderLineNbr": x.order_line_nbr,
        "note": x.note,
        **_custom(x.custom, view),
    }


def _order_lines(s: Shipment) -> list[dict]:
    """One row per order shipped: what went out of it on the shipment, the invoice and the IN batch."""
    orders: dict[tuple, Decimal] = {}
    for x in s.lines:
        if x.order_nbr is not None:
            key = (x.order_type, x.order_nbr)
            orders[key] = orders.get(key, ZERO) + x.shipped_qty
    return [
        {
            "orderType": order_type,
            "orderNbr": order_nbr,
            "shippedQty": quantity,
            "shippedWeight": ZERO,
            "shippedVolume": ZERO,
            "invoiceType": s.invoice_type,
            "invoiceNbr": s.invoice_nbr,
            "inventoryDocType": "Issue" if s.batch_number else None,
            "inventoryRefNbr": s.batch_number,
        }
        for (order_type, order_nbr), quantity in orders.items()
    ]


def _qty(value: Decimal) -> str:
    return format(value.normalize(), "f")


def _header(s: Shipment) -> list[str]:
    return [
        f"Customer: {s.customer.number} {s.customer.name}",
        f"Date: {s.date.date().isoformat()}   Warehouse: {s.warehouse.warehouse_id if s.warehouse else ''}"
        f"   Ship via: {s.ship_via or ''}   Status: {s.status}",
        "",
    ]


def pick_list_pdf(session: Session, s: Shipment) -> bytes:
    rows = _header(s) + ["Line Item         Location   Lot/serial        Quantity  Order"]
    for x in s.lines:
        location = x.location.location_cd if x.location else ""
        order = f"{x.order_type} {x.order_nbr}/{x.order_line_nbr}" if x.order_nbr else ""
        rows.append(
            f"{x.line_number:>4} {x.item.number:<13} {location:<10} {x.lot_serial:<15} "
            f"{_qty(x.shipped_qty):>10}  {order}"
        )
    return render_pdf(f"Pick list {s.shipment_nbr}", rows)


def confirmation_pdf(session: Session, s: Shipment) -> bytes:
    rows = _header(s) + ["Line Item         Description                         Shipped"]
    for x in s.lines:
        rows.append(
            f"{x.line_number:>4} {x.item.number:<13} {(x.description or '')[:34]:<34} "
            f"{_qty(x.shipped_qty):>10} {x.uom or ''}"
        )
    rows += ["", f"Shipped quantity: {_qty(s.shipped_quantity)}   Packages: {len(s.packages)}"]
    return render_pdf(f"Shipment confirmation {s.shipment_nbr}", rows)
