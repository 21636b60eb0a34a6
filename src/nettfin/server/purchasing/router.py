"""Purchase order endpoints (PO301000): HTTP only. The routes come from the declaration below
(`kit.document_routes`); the renderer is here."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from fastapi import Depends, Query

from ..documents.currency import to_base
from ..identity.auth import company_context
from ..kit.conditions import condition_description, date_condition, value_description
from ..kit.document_lists import ListWindow, list_window, page_bodies
from ..kit.document_routes import Action, DocumentKey, DocumentResource, DocumentTexts, Expand, document_router
from ..kit.document_shapes import ZERO4, party_ref, stored_tax_details, supplier_vat_zone
from ..kit.render import format_datetime, time_stamp
from ..kit.shapes import render_address, render_contact
from ..ledger.references import account_ref, subaccount_ref
from ..terms.models import credit_terms_ref
from . import receipts, service
from .models import PurchaseOrder, PurchaseOrderLine
from .receipt_schemas import CreatePurchaseReceiptActionDto
from .schemas import CUSTOM_FIELDS, PurchaseOrderDto, PurchaseOrderStatus, PurchaseOrderType, PurchaseOrderUpdateDto

_LIST_DESCRIPTION = (
    "Paged: every element carries `metadata: {totalCount, maxPageSize}`. `status` is accepted as another name "
    "for `orderStatus` (the knowledge base's example sends it). Custom free fields are filled only with "
    "`includeCustomFreeFields=true`."
)
_ONE = Decimal(1)


async def order_filters(
    orderType: PurchaseOrderType | None = Query(None, description="Select and filter on Type."),
    orderStatus: PurchaseOrderStatus | None = Query(None, description="Select and filter on Status."),
    status: PurchaseOrderStatus | None = Query(None, description="The knowledge base's name for `orderStatus`."),
    supplier: str | None = Query(None, description="Filter on Supplier."),
    branch: str | None = Query(None, description="Filter on Branch"),
    orderDate: str | None = Query(None, description=value_description("orderDate")),
    orderDateCondition: str | None = Query(None, description=condition_description("orderDate")),
    deliveryDate: str | None = Query(
        None, description=value_description("deliveryDate", "The promised delivery date (`promisedOn`).")
    ),
    deliveryDateCondition: str | None = Query(None, description=condition_description("deliveryDate")),
    window: ListWindow = Depends(list_window("Order numbers", created=False)),
) -> service.OrderFilters:
    chosen = orderStatus or status
    return service.OrderFilters(
        order_type=orderType.value if orderType else None,
        status=chosen.value if chosen else None,
        supplier=supplier,
        branch=branch,
        order_date=date_condition("orderDate", orderDate, orderDateCondition),
        delivery_date=date_condition("deliveryDate", deliveryDate, deliveryDateCondition),
        window=window,
    )


class PurchaseOrders:
    """The use cases of purchase orders, for the declaration below; `render` makes an order's body."""

    def render(self, order, references, custom: bool) -> dict:
        return purchase_order_dto(order, references, custom)

    def list(self, db, *, company_id, context, filters, page, view):
        result, references = service.list_orders(db, company_id=company_id, filters=filters, page=page)
        custom = "includeCustomFreeFields" in view
        return [self.render(o, references, custom) for o in result.rows], result

    def list_bodies(self, db, *, company_id, context, filters, page, view):
        custom = "includeCustomFreeFields" in view

        def rows(session, found):
            references = service.order_references(session, company_id, found)
            return [self.render(order, references, custom) for order in found]

        # `self` names the rows' shape: the full and the basic order are two renderings of one table.
        return page_bodies(
            db, service.LISTING, shape=self, company_id=company_id, filters=filters, page=page, view=view, rows=rows
        )

    def get(self, db, *, company_id, context, key: DocumentKey, view):
        order, references = service.get_order(db, company_id=company_id, number=key.number)
        return self.render(order, references, "includeCustomFreeFields" in view), order.row_version

    def create(self, db, *, company_id, context, dto):
        return service.create_order(db, company_id=company_id, dto=dto)

    def update(self, db, *, company_id, context, key: DocumentKey, dto, if_match):
        return service.update_order(db, company_id=company_id, number=key.number, dto=dto, if_match=if_match)

    def number(self, document) -> str:
        return document.order_nbr


def _create_receipt(db, *, company_id, context, key: DocumentKey, if_match, body):
    order_type = body.orderType if body is not None else None
    return receipts.receipt_from_order(db, company_id=company_id, order_nbr=key.number, order_type=order_type)


_CUSTOM = (Expand("includeCustomFreeFields"),)
PURCHASE_ORDERS = DocumentResource(
    path="/v1/purchaseorder",
    tag="Purchase Order",
    key_param="purchaseOrderNumber",
    key_description="The order's number.",
    documents=PurchaseOrders(),
    read_dto=PurchaseOrderDto,
    write_dto=PurchaseOrderUpdateDto,
    texts=DocumentTexts(
        list="Get a range of Purchase Order - ScreenId=PO301000",
        get="Get a specific Purchase Order",
        create="Create a Purchase Order",
        update="Update a Purchase Order",
        list_notes=_LIST_DESCRIPTION,
        create_notes="201 with an absolute Location whose last segment is the new order number.",
    ),
    filters=order_filters,
    max_page_size=service.MAX_PAGE_SIZE,
    list_flags=_CUSTOM,
    get_flags=_CUSTOM,
    operations=frozenset({"list", "get", "create", "update"}),
    actions=(
        Action(
            "createpurchasereceipt",
            "Creates a purchase receipt from an existing purchase order",
            _create_receipt,
            description="A receipt of the order's supplier, dated the order's promised date (else its date), "
            "receiving what is open on every open line; the order's `purchaseReceipts` names it.",
            body=CreatePurchaseReceiptActionDto,
            key_param="purchaseorderNbr",
        ),
    ),
)


def purchase_order_dto(o: PurchaseOrder, refs: service.OrderReferences, with_custom: bool) -> dict:
    supplier = o.supplier
    body = {
        "orderType": o.order_type,
        "orderNbr": o.order_nbr,
        "status": o.status,
        "hold": o.hold,
        "date": format_datetime(o.date),
        "promisedOn": format_datetime(o.promised_on),
        "description": o.description,
        "supplier": party_ref(supplier),
        "location": None,
        "owner": None,
        "currency": o.currency_id,
        "supplierRef": o.supplier_ref,
        "exchangeRate": o.exchange_rate,
        **_totals(o),
        "branch": {"number": o.branch, "name": None} if o.branch else None,
        "shippingDestinationType": o.shipping_destination_type,
        "shipTo": None,
        "shippingLocation": None,
        "warehouse": None,
        "shippingContact": _contact(o.shipping_contact),
        "shippingAddress": _address(o.shipping_address),
        "fobPoint": o.fob_point,
        "shipVia": o.ship_via,
        "shipTerms": o.ship_terms,
        "remitContact": _contact(o.remit_contact),
        "remitAddress": _address(o.remit_address),
        "terms": credit_terms_ref(o.credit_terms),
        "supplierVatZone": supplier_vat_zone(o.vat_zone),
        "discountDetails": [],
        "dontPrint": o.dont_print,
        "printed": False,
        "dontEmail": o.dont_email,
        "emailed": False,
        "lines": [_line_dto(o, line, refs, with_custom) for line in o.lines],
        "taxDetails": stored_tax_details(o.tax_details, refs.vats),
        "purchaseReceipts": refs.receipts.get(o.id, []),
        "lastModifiedDateTime": format_datetime(o.last_modified_at),
        "note": o.note,
        "timeStamp": time_stamp(o.row_version),
        "errorInfo": None,
    }
    if with_custom:
        body.update(_custom(o.custom))
    return body


def _totals(o: PurchaseOrder) -> dict:
    """Amounts in the order's currency and in the base currency (`documents.currency`)."""
    amounts = {
        "lineTotal": o.line_total,
        "vatExemptTotal": o.vat_exempt_total,
        "taxTotal": o.tax_total,
        "orderTotal": o.order_total,
        "controlTotal": o.control_total,
    }
    body: dict = {}
    for name, value in amounts.items():
        body[name] = value
        body[f"{name}InBaseCurrency"] = to_base(value, o.exchange_rate)
    body["openQuantity"] = o.open_quantity
    body["openBalance"] = o.open_balance
    return body


def _address(address: dict | None) -> dict:
    return {"overrideAddress": bool((address or {}).get("overrideAddress")), **render_address(address)}


def _contact(contact: dict | None) -> dict:
    return {"overrideContact": bool((contact or {}).get("overrideContact")), **render_contact(contact)}


def _custom(custom: dict | None) -> dict:
    """The custom free fields; the decimal, integer and date ones are .NET value types, left out when unset."""
    body: dict = {}
    for name in CUSTOM_FIELDS:
        value = (custom or {}).get(name)
        if name.startswith("customDec") and value is not None:
            value = Decimal(value)
        elif name.startswith("customDateTime") and value is not None:
            value = format_datetime(datetime.fromisoformat(value))
        if value is not None or name.startswith("customStr"):
            body[name] = value
    return body


def _line_dto(o: PurchaseOrder, x: PurchaseOrderLine, refs: service.OrderReferences, with_custom: bool) -> dict:
    rate = o.exchange_rate or _ONE
    body = {
        "lineNbr": x.line_number,
        "branch": {"number": x.branch, "name": None} if x.branch else None,
        "inventory": {"number": x.item.number, "description": x.item.description} if x.item else None,
        "lineType": x.line_type,
        "warehouse": {"id": x.warehouse.warehouse_id, "description": x.warehouse.description} if x.warehouse else None,
        "lineDescription": x.line_description,
        "uom": x.uom,
        "orderQty": x.order_qty,
        "baseOrderQty": x.order_qty,
        "qtyOnReceipts": x.received_qty,
        "unitCost": x.unit_cost,
        "unitCostInBaseCurrency": (x.unit_cost * rate).quantize(ZERO4),
        "discountUnitCost": (x.amount / x.order_qty).quantize(Decimal("0.0001")) if x.order_qty else x.unit_cost,
        "extCost": x.ext_cost,
        "discountPercent": x.discount_percent,
        "discountAmount": x.discount_amount,
        "manualDiscount": x.manual_discount,
        "discountCode": {"number": x.discount_code, "description": None} if x.discount_code else None,
        "amount": x.amount,
        "receivedAmt": x.received_amt,
        "alternateId": x.alternate_id,
        "minReceipt": x.min_receipt,
        "maxReceipt": x.max_receipt,
        "completeOn": x.complete_on,
        "receiptAction": x.receipt_action,
        "taxCategory": _category(x.tax_category, refs),
        "account": account_ref(x.account),
        "sub": subaccount_ref(x.subaccount, refs.segment_names),
        "project": {"internalId": 0, "id": x.project, "description": None} if x.project else None,
        "projectTask": {"internalId": 0, "id": x.project_task, "description": None} if x.project_task else None,
        "requested": format_datetime(x.requested),
        "promised": format_datetime(x.promised),
        "completed": x.completed,
        "canceled": x.canceled,
        # orderType/orderNumber name a blanket order a line comes from; none does yet, and the type is a
        # .NET enum that cannot be null, so both are left out.
        "note": x.note,
    }
    if with_custom:
        body.update(_custom(x.custom))
    return body


def _category(code: str | None, refs: service.OrderReferences) -> dict | None:
    if not code:
        return None
    category = refs.categories.get(code)
    return {"number": code, "description": category.description if category else None}


(router,) = document_router(PURCHASE_ORDERS, company_context)
