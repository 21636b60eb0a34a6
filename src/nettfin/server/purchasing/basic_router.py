"""Purchase order basic endpoint (`/v1/purchaseorderbasic`, PO301000): a declaration only.

The service's basic DTO is the purchase order's without its shipping, remittance, terms, discount, printing and
open-balance members (the same members in the same order otherwise; the lines are the order's). The same orders
are read and written through the purchase order's use cases (`service`); `kit.document_variants` makes the basic
DTOs from the order's and trims the rendered body.
"""

from __future__ import annotations

from fastapi import Depends, Query

from ..identity.auth import company_context
from ..kit.conditions import condition_description, date_condition, value_description
from ..kit.document_lists import ListWindow, list_window
from ..kit.document_routes import DocumentResource, DocumentTexts, Expand, document_router
from ..kit.document_variants import variant
from . import service
from .router import PurchaseOrders
from .schemas import PurchaseOrderDto, PurchaseOrderStatus, PurchaseOrderType, PurchaseOrderUpdateDto

# The order's members (read and write) that the basic DTOs do not have.
_SHIPPING_AND_TERMS = frozenset(
    {
        "shippingDestinationType",
        "shipTo",
        "shippingLocation",
        "shippingContact",
        "shippingAddress",
        "fobPoint",
        "shipVia",
        "shipTerms",
        "remitContact",
        "remitAddress",
        "terms",
        "supplierVatZone",
        "discountDetails",
        "dontPrint",
        "dontEmail",
    }
)
BASIC = variant(
    PurchaseOrderDto,
    PurchaseOrderUpdateDto,
    names=("PurchaseOrderBasicDto", "PurchaseOrderBasicUpdateDto"),
    dropped=_SHIPPING_AND_TERMS | {"warehouse", "printed", "emailed", "openQuantity", "openBalance"},
    write_dropped=_SHIPPING_AND_TERMS,
)


async def basic_filters(
    orderType: PurchaseOrderType | None = Query(None, description="Select and filter on Type."),
    orderStatus: PurchaseOrderStatus | None = Query(None, description="Select and filter on Status."),
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
    return service.OrderFilters(
        order_type=orderType.value if orderType else None,
        status=orderStatus.value if orderStatus else None,
        supplier=supplier,
        branch=branch,
        order_date=date_condition("orderDate", orderDate, orderDateCondition),
        delivery_date=date_condition("deliveryDate", deliveryDate, deliveryDateCondition),
        window=window,
    )


class BasicPurchaseOrders(PurchaseOrders):
    """The purchase order's use cases, their bodies in the basic shape."""

    def render(self, order, references, custom: bool) -> dict:
        return BASIC.render(super().render(order, references, custom))


_CUSTOM = (Expand("includeCustomFreeFields"),)
PURCHASE_ORDER_BASICS = DocumentResource(
    path="/v1/purchaseorderbasic",
    tag="PurchaseOrderBasic",
    key_param="purchaseOrderNumber",
    key_description="The order's number.",
    documents=BasicPurchaseOrders(),
    read_dto=BASIC.read_dto,
    write_dto=BASIC.write_dto,
    texts=DocumentTexts(
        list="Get a range of Purchase Order - ScreenId=PO301000",
        get="Get a specific Purchase Order",
        create="Create a Purchase Order Basic",
        update="Update a Purchase Order Basic",
        list_notes="Paged: every element carries `metadata: {totalCount, maxPageSize}`. The purchase orders of "
        "`/v1/purchaseorder` in the basic shape; custom free fields only with `includeCustomFreeFields=true`.",
        create_notes="201 with an absolute Location whose last segment is the new order number.",
    ),
    filters=basic_filters,
    max_page_size=service.MAX_PAGE_SIZE,
    list_flags=_CUSTOM,
    get_flags=_CUSTOM,
    operations=frozenset({"list", "get", "create", "update"}),
)

(router,) = document_router(PURCHASE_ORDER_BASICS, company_context)
