"""Inventory item endpoints (IN202000 non-stock, IN202500 stock items), item classes and posting classes:
HTTP only."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from fastapi import APIRouter, Depends, Query, Request
from starlette.responses import Response

from ..attachments.models import attachment_refs
from ..identity.auth import CompanyContext, company_context
from ..kit.checks import INT32_MAX
from ..kit.conditions import condition_description, date_condition, value_description
from ..kit.errors import BusinessError
from ..kit.keys import ResourceKey, internal_id
from ..kit.paging import MASTER_DATA_MAX_PAGE_SIZE, Page, paging, with_metadata
from ..kit.render import format_datetime, json_response, time_stamp
from ..kit.responses import CREATED_RESPONSE, UPDATED_RESPONSE, IfMatch, created, etag_header, updated
from . import service
from .attachable import ITEMS  # noqa: F401 - registered: the items' upload path
from .models import InventoryItem, ItemClass, PostingClass
from .schemas import InventoryDto, InventoryStatus, InventoryType, InventoryUpdateDto, ItemClassDto, PostingClassDto

router = APIRouter(prefix="/v1/inventory", tags=["Inventory"])

_LIST_DESCRIPTION = (
    "Paged (maxPageSize 5000): every element carries `metadata: {totalCount, maxPageSize}`. `description` "
    "matches a part of the description, case-insensitively; `inventoryNumber` is exact. The expand flags default "
    "to true, as the real service's do; a flag set to false leaves its member null. `costPriceStatistics` is "
    "given for stock items with `addCostPriceStatistics=true`."
)
_ZERO = Decimal("0.0000")
# No price manager: a .NET Guid member that is not set is the empty Guid.
_NO_GUID = "00000000-0000-0000-0000-000000000000"


@dataclass(frozen=True)
class Expand:
    cross_references: bool = True
    attachments: bool = True
    attributes: bool = True
    warehouses: bool = True
    accounts: bool = True
    units: bool = True
    suppliers: bool = True
    sales_categories: bool = True
    note: bool = True
    cost_statistics: bool = True


def item_filters(
    inventoryNumber: str | None = Query(None, description="The item ID (exact)."),
    alternateID: str | None = Query(None, description="Items with a cross-reference of this alternate ID."),
    description: str | None = Query(None, description="A part of the description."),
    status: InventoryStatus | None = Query(None),
    inventoryTypes: list[str] | None = Query(None, description="One or more types, repeated or comma-separated."),
    salesCategory: int | None = Query(
        None, le=INT32_MAX, description="Sales categories are not served yet: matches no item."
    ),
    attributes: str | None = Query(None, description="Accepted and ignored: attributes are not served yet."),
    lastModifiedDateTime: str | None = Query(None, description=value_description("lastModifiedDateTime")),
    lastModifiedDateTimeCondition: str | None = Query(None, description=condition_description("lastModifiedDateTime")),
    createdDateTime: str | None = Query(None, description=value_description("createdDateTime")),
    createdDateTimeCondition: str | None = Query(None, description=condition_description("createdDateTime")),
    availabilityLastModifiedDateTime: str | None = Query(
        None, description=value_description("availabilityLastModifiedDateTime", "When a warehouse detail last changed.")
    ),
    availabilityLastModifiedDateTimeCondition: str | None = Query(
        None, description=condition_description("availabilityLastModifiedDateTime")
    ),
    attachmentLastModifiedDateTime: str | None = Query(
        None,
        description=value_description("attachmentLastModifiedDateTime", "Items with an attachment uploaded since."),
    ),
    attachmentLastModifiedDateTimeCondition: str | None = Query(
        None, description=condition_description("attachmentLastModifiedDateTime")
    ),
    greaterThanValue: str | None = Query(None, description="Item IDs after this value."),
) -> service.ItemFilters:
    return service.ItemFilters(
        inventory_number=inventoryNumber,
        alternate_id=alternateID,
        description=description,
        status=status.value if status else None,
        types=_inventory_types(inventoryTypes or []),
        sales_category=salesCategory,
        greater_than=greaterThanValue,
        modified=date_condition("lastModifiedDateTime", lastModifiedDateTime, lastModifiedDateTimeCondition),
        created=date_condition("createdDateTime", createdDateTime, createdDateTimeCondition),
        availability_modified=date_condition(
            "availabilityLastModifiedDateTime",
            availabilityLastModifiedDateTime,
            availabilityLastModifiedDateTimeCondition,
        ),
        attachment_modified=date_condition(
            "attachmentLastModifiedDateTime", attachmentLastModifiedDateTime, attachmentLastModifiedDateTimeCondition
        ),
    )


def _inventory_types(given: list[str]) -> tuple[str, ...]:
    types = []
    for text in (part.strip() for value in given for part in value.split(",")):
        if not text:
            continue
        try:
            types.append(InventoryType(text).value)
        except ValueError:
            accepted = ", ".join(member.value for member in InventoryType)
            raise BusinessError(
                f"The value '{text}' of parameter 'inventoryTypes' is not an inventory type. "
                f"Accepted values: {accepted}."
            ) from None
    return tuple(sorted(set(types)))


def expand_flags(
    expandCrossReference: bool = Query(True),
    expandAttachment: bool = Query(True),
    expandAttribute: bool = Query(True),
    expandWarehouseDetail: bool = Query(True),
    expandAccountInformation: bool = Query(True),
    expandInventoryUnits: bool = Query(True),
    expandSupplierDetails: bool = Query(True),
    expandSalesCategories: bool = Query(True),
    expandNote: bool = Query(True),
    addCostPriceStatistics: bool = Query(False, description="Give costPriceStatistics (stock items)."),
) -> Expand:
    return Expand(
        cross_references=expandCrossReference,
        attachments=expandAttachment,
        attributes=expandAttribute,
        warehouses=expandWarehouseDetail,
        accounts=expandAccountInformation,
        units=expandInventoryUnits,
        suppliers=expandSupplierDetails,
        sales_categories=expandSalesCategories,
        note=expandNote,
        cost_statistics=addCostPriceStatistics,
    )


@router.get(
    "",
    response_model=list[InventoryDto],
    summary="Get a range of Inventory items - ScreenId=IN202000 and IN202500",
    description=_LIST_DESCRIPTION,
)
def list_items(
    request: Request,
    context: CompanyContext = Depends(company_context),
    filters: service.ItemFilters = Depends(item_filters),
    expand: Expand = Depends(expand_flags),
    page: Page = Depends(paging(service.MAX_PAGE_SIZE)),
) -> Response:
    found = service.list_items(request.app.state.db, company_id=context.company_id, filters=filters, page=page)
    rendered = [inventory_dto(item, found.references, expand) for item in found.result.rows]
    return json_response(with_metadata(rendered, found.result))


@router.get("/itemClass", response_model=list[ItemClassDto], summary="Get Inventory Item Classes")
def list_item_classes(
    request: Request,
    context: CompanyContext = Depends(company_context),
    page: Page = Depends(paging(MASTER_DATA_MAX_PAGE_SIZE)),
) -> Response:
    result = service.list_item_classes(request.app.state.db, company_id=context.company_id, page=page)
    return json_response(with_metadata([item_class_dto(c) for c in result.rows], result))


@router.get("/itemclass/{itemClassNumber}", response_model=ItemClassDto, summary="Get Specific Inventory Item Class")
def get_item_class(
    request: Request, itemClassNumber: ResourceKey, context: CompanyContext = Depends(company_context)
) -> Response:
    found = service.get_item_class(request.app.state.db, company_id=context.company_id, class_id=itemClassNumber)
    return json_response(item_class_dto(found))


@router.get("/itemPostClass", response_model=list[PostingClassDto], summary="Get Inventory Item Post Classes")
def list_posting_classes(
    request: Request,
    context: CompanyContext = Depends(company_context),
    page: Page = Depends(paging(MASTER_DATA_MAX_PAGE_SIZE)),
) -> Response:
    result = service.list_posting_classes(request.app.state.db, company_id=context.company_id, page=page)
    return json_response(with_metadata([posting_class_dto(c) for c in result.rows], result))


@router.get(
    "/internal/{inventoryId}",
    response_model=InventoryDto,
    summary="Get a specific Inventory item by its internal ID",
)
def get_item_by_internal_id(
    request: Request, inventoryId: ResourceKey, context: CompanyContext = Depends(company_context)
) -> Response:
    item, references = service.get_item(
        request.app.state.db, company_id=context.company_id, internal_id=internal_id(inventoryId, what="Inventory item")
    )
    return json_response(inventory_dto(item, references, Expand()), headers=etag_header(item.row_version))


@router.put(
    "/internal/{inventoryID}",
    status_code=204,
    response_class=Response,
    responses=UPDATED_RESPONSE,
    summary="Update a specific inventory item by its internal ID",
)
def update_item_by_internal_id(
    request: Request,
    inventoryID: ResourceKey,
    item: InventoryUpdateDto,
    if_match: IfMatch = None,
    context: CompanyContext = Depends(company_context),
) -> Response:
    saved, ignored = service.update_item(
        request.app.state.db,
        company_id=context.company_id,
        internal_id=internal_id(inventoryID, what="Inventory item"),
        dto=item,
        if_match=if_match,
    )
    return updated(row_version=saved.row_version, dto=item, ignored=ignored)


@router.get("/{inventoryNumber}", response_model=InventoryDto, summary="Get a specific Inventory item")
def get_item(request: Request, inventoryNumber: ResourceKey, context: CompanyContext = Depends(company_context)):
    item, references = service.get_item(request.app.state.db, company_id=context.company_id, number=inventoryNumber)
    return json_response(inventory_dto(item, references, Expand()), headers=etag_header(item.row_version))


@router.post(
    "",
    status_code=201,
    responses=CREATED_RESPONSE,
    response_class=Response,
    summary="Create an inventory item",
    description="201 with an absolute Location whose last segment is the new item's inventory number.",
)
def create_item(request: Request, item: InventoryUpdateDto, context: CompanyContext = Depends(company_context)):
    saved = service.create_item(request.app.state.db, company_id=context.company_id, dto=item)
    return created(request, saved.number, row_version=saved.row_version, dto=item)


@router.put(
    "/{inventoryNumber}",
    status_code=204,
    response_class=Response,
    responses=UPDATED_RESPONSE,
    summary="Update a specific inventory item",
)
def update_item(
    request: Request,
    inventoryNumber: ResourceKey,
    item: InventoryUpdateDto,
    if_match: IfMatch = None,
    context: CompanyContext = Depends(company_context),
) -> Response:
    saved, ignored = service.update_item(
        request.app.state.db, company_id=context.company_id, number=inventoryNumber, dto=item, if_match=if_match
    )
    return updated(row_version=saved.row_version, dto=item, ignored=ignored)


def inventory_dto(item: InventoryItem, references: service.ItemReferences, expand: Expand) -> dict:
    return {
        "inventoryId": item.id,
        "inventoryNumber": item.number,
        "status": item.status,
        "type": item.item_type,
        "description": item.description,
        "body": item.body,
        "itemClass": _item_class_ref(item.item_class),
        "postingClass": _id_description(item.posting_class, "class_id"),
        "vatCode": _vat_code(item.vat_category_code, references),
        "lotSerialClass": {"id": item.lot_serial_class, "description": None} if item.lot_serial_class else None,
        "defaultPrice": item.default_price,
        "pendingCost": item.pending_cost,
        # Never null in the real document: an item that never had a cost change takes its creation date.
        "pendingCostDate": format_datetime(item.pending_cost_date or item.created_at),
        "currentCost": item.current_cost,
        "effectiveDate": format_datetime(item.effective_date or item.created_at),
        "lastCost": item.last_cost,
        "lastModifiedDateTime": format_datetime(item.last_modified_at),
        "baseUnit": item.base_unit,
        "salesUnit": item.sales_unit,
        "purchaseUnit": item.purchase_unit,
        "unspsc": item.unspsc,
        "stockItem": item.stock_item,
        "kitItem": item.kit_item,
        "accountInformation": account_information(item, references) if expand.accounts else None,
        "costPriceStatistics": _cost_statistics(item) if item.stock_item and expand.cost_statistics else None,
        "crossReferences": [_cross_reference(r, item) for r in item.cross_references]
        if expand.cross_references
        else None,
        "attachments": attachment_refs(item.attachments, shown=expand.attachments),
        "attributes": [] if expand.attributes else None,
        "warehouseDetails": [_warehouse_detail(d) for d in item.warehouses] if expand.warehouses else None,
        "inventoryUnits": [] if expand.units else None,
        "defaultWarehouse": _id_description(item.default_warehouse, "warehouse_id"),
        "defaultIssueFrom": _id_description(item.default_issue_from, "warehouse_id"),
        "defaultReceiptTo": _id_description(item.default_receipt_to, "warehouse_id"),
        "supplierDetails": [] if expand.suppliers else None,
        "salesCategories": [] if expand.sales_categories else None,
        "packaging": _packaging(item.packaging or {}),
        "intrastat": {
            key: (item.intrastat or {}).get(key) for key in ("cN8", "countryOfOrigin", "supplementaryMeasureUnit")
        },
        "recommendedPrice": item.recommended_price,
        "priceManagerID": _NO_GUID,
        "priceManager": None,
        "priceClass": None,
        "priceWorkgroupID": 0,
        "priceClassID": None,
        "note": item.note if expand.note else None,
        "timestamp": time_stamp(item.row_version),
        "errorInfo": None,
    }


def _id_description(found, key: str) -> dict | None:
    return None if found is None else {"id": getattr(found, key), "description": found.description}


def _item_class_ref(found: ItemClass | None) -> dict | None:
    if found is None:
        return None
    return {"type": found.item_type, "attributes": [], "id": found.class_id, "description": found.description}


def _vat_code(code: str | None, references: service.ItemReferences) -> dict | None:
    if code is None:
        return None
    category = references.vat_categories.get(code)
    return {"id": code, "description": category.description if category else None}


def account_information(item: InventoryItem, references: service.ItemReferences) -> dict:
    rendered: dict[str, dict | None] = {}
    for wire in service.ACCOUNT_LABELS:
        code = (item.accounts or {}).get(wire)
        account = references.accounts.get(code)
        rendered[wire] = (
            None
            if code is None
            else {
                "type": account.type if account else None,
                "number": code,
                "description": account.description if account else None,
            }
        )
    for wire in service.SUBACCOUNTS:
        number = service.subaccount_number((item.subaccounts or {}).get(wire))
        subaccount = references.subaccounts.get(number)
        rendered[wire] = (
            None
            if number is None
            else {
                "active": subaccount.active if subaccount else True,
                "id": number,
                "description": subaccount.description if subaccount else None,
            }
        )
    return rendered


def _cost_statistics(item: InventoryItem) -> dict:
    """Only the last cost is known until stock documents (receipts, issues) are served."""
    return {"lastCost": item.last_cost, "averageCost": _ZERO, "minCost": _ZERO, "maxCost": _ZERO}


def _cross_reference(reference, item: InventoryItem) -> dict:
    return {
        "alternateType": reference.alternate_type,
        "bAccount": None,
        "alternateID": reference.alternate_id,
        "description": reference.description,
        "isDefault": False,
        "uom": reference.uom,
        "timestamp": time_stamp(item.row_version),
    }


def _warehouse_detail(detail) -> dict:
    """No stock is on hand until receipts are served."""
    return {
        "isDefault": detail.is_default,
        "warehouse": detail.warehouse.warehouse_id,
        "quantityOnHand": _ZERO,
        "available": _ZERO,
        "availableForShipment": _ZERO,
        "lastModifiedDateTime": format_datetime(detail.last_modified_at),
    }


def _packaging(stored: dict) -> dict:
    return {
        "baseItemWeight": Decimal(stored.get("baseItemWeight") or _ZERO),
        "weightUOM": stored.get("weightUOM"),
        "baseItemVolume": Decimal(stored.get("baseItemVolume") or _ZERO),
        "volumeUOM": stored.get("volumeUOM"),
    }


def item_class_dto(c: ItemClass) -> dict:
    return {"type": c.item_type, "attributes": [], "id": c.class_id, "description": c.description, "errorInfo": None}


def posting_class_dto(c: PostingClass) -> dict:
    return {"id": c.class_id, "description": c.description}
