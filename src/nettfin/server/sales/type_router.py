"""Sales order types (SO201000) as the API serves them: `/v1/salesordertype`, a read-only `kit.resource`
declaration over the company's types (`order_types.py`: the standard ones, made with the company)."""

from __future__ import annotations

from ..identity.auth import company_context
from ..kit.records import RecordKey
from ..kit.resource import ERROR_INFO, READ_ONLY, Computed, Ignored, ModifiedSince, Resource, Texts
from ..kit.resource_routes import resource_router
from .models import SalesOrderType
from .order_types import RESOURCE
from .schemas import Behavior, CustomerDocumentType, SalesOrderOperation

SALES_ORDER_TYPE = Resource(
    name=RESOURCE,
    model=SalesOrderType,
    path="/v1/salesordertype",
    tag="SalesOrderType",
    label="Order type",
    key=RecordKey("orderType", SalesOrderType.order_type, "Order type"),
    key_param="orderType",
    members=(
        Computed("orderType", str, lambda t: t.order_type, "Order type"),
        Computed("active", bool, lambda t: t.active, "Active"),
        Computed("description", str, lambda t: t.description, "Description"),
        Computed("behavior", Behavior, lambda t: t.behavior, "Automation behavior"),
        Computed("defaultOperation", SalesOrderOperation, lambda t: t.default_operation, "Default operation"),
        Computed(
            "customerDocumentType", CustomerDocumentType, lambda t: t.customer_document_type, "Customer document type"
        ),
        ERROR_INFO,
    ),
    texts=Texts(
        list="Get all Sales Order Types - ScreenId=SO201000",
        get="Get a specific Sales Order Type - ScreenId=SO201000",
        key="Identifies the Sales Order Type.",
    ),
    dto="SalesOrderTypeDto",
    operations=READ_ONLY,
    filters=(ModifiedSince(), Ignored()),
)

router = resource_router(SALES_ORDER_TYPE, company_context)
