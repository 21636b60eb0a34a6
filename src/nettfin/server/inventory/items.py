"""Stock and non-stock items (IN202500, IN202000) as the API serves them: `/v1/inventory` list, get, create and
update are this declaration (see `kit.resource`); router.py adds the routes by internal id.

What is the item's own: a new item takes what the body does not give from its item class; the sales and
purchase units default to the base unit; an item class is for stock or for non-stock items; the default
warehouse is always among the warehouse details (`lines.py`); and a list element's members follow the expand
flags, which are true when not sent."""

from __future__ import annotations

from ..attachments.models import attachment_refs
from ..kit import messages
from ..kit.records import RecordKey
from ..kit.render import DecimalNumber, format_datetime, time_stamp
from ..kit.resource import (
    ERROR_INFO,
    LAST_MODIFIED,
    ByteText,
    Computed,
    Equals,
    Flag,
    GreaterThan,
    ModifiedSince,
    Reference,
    Resource,
    Scalar,
    Texts,
    Writing,
)
from ..kit.shapes import AttachmentRefs, IdDescription, IdName
from .categories import item_categories
from .item_filters import (
    Accepted,
    AlternateId,
    DateFilter,
    DescriptionContains,
    Expand,
    InventoryTypes,
    SalesCategory,
    attachment_changed,
    created,
    warehouse_detail_changed,
)
from .item_members import (
    ACCOUNT_LABELS,
    COST_STATISTICS,
    SALES_CATEGORIES,
    SUBACCOUNTS,
    AccountCode,
    Amount,
    CodeWithoutDescription,
    CostStatistics,
    CrossReferences,
    FlaggedScalar,
    Intrastat,
    ItemType,
    Packaging,
    SubaccountSegments,
    VatCode,
    WarehouseDetails,
    account_information,
    prepare_items,
    stock_kind,
)
from .lines import apply_warehouse_details, barcode_problems, keep_default_warehouse_in_details
from .models import STOCK_TYPES, InventoryItem, ItemClass, PostingClass, Warehouse
from .schemas import (
    AccountInformationInInventoryDto,
    InventoryStatus,
    InventoryType,
    ItemClassInInventoryDto,
    SalesCategoryLineDto,
)

# The real document: "MaxPageSize will be set to 5000 from 1. April 2022".
MAX_PAGE_SIZE = 5000
# No price manager: a .NET Guid member that is not set is the empty Guid.
_NO_GUID = "00000000-0000-0000-0000-000000000000"


def _item_class(found: ItemClass) -> dict:
    return {"type": found.item_type, "attributes": [], "id": found.class_id, "description": found.description}


def _id_description(key: str):
    return lambda found: {"id": getattr(found, key), "description": found.description}


def _warehouse(wire: str, attr: str, description: str) -> Reference:
    return Reference(
        wire, attr, "Warehouse", Warehouse.warehouse_id, IdDescription, _id_description("warehouse_id"), description
    )


def _empty_list(wire: str, flag: str) -> Computed:
    """A list member nettfin does not serve yet: always empty, and left out when its expand flag is false."""
    return Computed(wire, list[dict], lambda item: [], when=flag)


def _take_class_defaults(item: InventoryItem, item_class: ItemClass, changes: dict) -> None:
    """A new item takes what the request did not give from its class."""
    if "type" not in changes:
        item.item_type = item_class.item_type
    if "postingClass" not in changes:
        item.posting_class = item_class.posting_class
    if "vatCode" not in changes:
        item.vat_category_code = item_class.vat_category_code
    if "defaultWarehouse" not in changes:
        item.default_warehouse = item_class.default_warehouse
    for wire, attr in (("baseUnit", "base_unit"), ("salesUnit", "sales_unit"), ("purchaseUnit", "purchase_unit")):
        if wire not in changes:
            setattr(item, attr, getattr(item_class, attr))


def _check(writing: Writing, item: InventoryItem) -> list[str]:
    """The whole item after the members sent: the class's defaults, the units, what cannot be empty, the class's
    kind of item, and then the warehouse details (their `isDefault` has the last word on the default)."""
    changes = writing.changes
    if writing.inserting and item.item_class is not None:
        _take_class_defaults(item, item.item_class, changes)
    item.sales_unit = item.sales_unit or item.base_unit
    item.purchase_unit = item.purchase_unit or item.base_unit
    problems = [
        messages.cannot_be_empty(label)
        for attr, label in (("description", "Description"), ("item_type", "Type"), ("base_unit", "Base unit"))
        if not getattr(item, attr)
    ]
    item_class = item.item_class
    if item.item_type and item_class is not None and (item_class.item_type in STOCK_TYPES) != item.stock_item:
        problems.append(
            f"Item class '{item_class.class_id}' cannot be used for {stock_kind(item)} item ('{item.item_type}')."
        )
    problems += apply_warehouse_details(writing.session, item, changes.get("warehouseDetails") or [])
    keep_default_warehouse_in_details(item)
    if changes.get("crossReferences"):
        problems += barcode_problems(writing.session, item)
    return problems


ITEM = Resource(
    name="inventory",
    model=InventoryItem,
    path="/v1/inventory",
    tag="Inventory",
    label="Inventory item",
    record="Inventory Item",
    key=RecordKey("inventoryNumber", InventoryItem.number, "Item ID"),
    key_wrapped=True,
    members=(
        Computed("inventoryId", int, lambda item: item.id, "The item's internal id."),
        Computed("inventoryNumber", str, lambda item: item.number, "The item ID."),
        Scalar("status", "status", "Item status", kind=InventoryStatus, cleared="Active"),
        ItemType("type", "item_type", "Type", kind=InventoryType),
        Scalar("description", "description", "Description"),
        Scalar("body", "body", "Body"),
        Reference(
            "itemClass",
            "item_class",
            "Item class",
            ItemClass.class_id,
            ItemClassInInventoryDto,
            _item_class,
            "The item class (IN201000): a new item takes what the body does not give from it.",
        ),
        Reference(
            "postingClass",
            "posting_class",
            "Posting class",
            PostingClass.class_id,
            IdDescription,
            _id_description("class_id"),
        ),
        VatCode(),
        CodeWithoutDescription("lotSerialClass", "lot_serial_class", "Lot/serial class"),
        Amount("defaultPrice", "default_price", "Default price"),
        Computed("pendingCost", DecimalNumber, lambda item: item.pending_cost),
        # Never null in the real document: an item that never had a cost change takes its creation date.
        Computed("pendingCostDate", str, lambda item: format_datetime(item.pending_cost_date or item.created_at)),
        Computed("currentCost", DecimalNumber, lambda item: item.current_cost),
        Computed("effectiveDate", str, lambda item: format_datetime(item.effective_date or item.created_at)),
        Computed("lastCost", DecimalNumber, lambda item: item.last_cost),
        LAST_MODIFIED,
        Scalar("baseUnit", "base_unit", "Base unit"),
        Scalar("salesUnit", "sales_unit", "Sales unit", description="The base unit when left out."),
        Scalar("purchaseUnit", "purchase_unit", "Purchase unit", description="The base unit when left out."),
        Scalar("unspsc", "unspsc", "UNSPSC code"),
        Computed("stockItem", bool, lambda item: item.stock_item, "Whether the type is a stock item type."),
        Scalar("kitItem", "kit_item", "Kit item", kind=bool, cleared=False),
        *(AccountCode(wire, label) for wire, label in ACCOUNT_LABELS.items()),
        *(SubaccountSegments(wire) for wire in SUBACCOUNTS),
        Computed(
            "accountInformation",
            AccountInformationInInventoryDto,
            account_information,
            "The GL accounts and subaccounts, written as the members named after them.",
            when="expandAccountInformation",
        ),
        CostStatistics(when=COST_STATISTICS),
        CrossReferences(when="expandCrossReference"),
        Computed(
            "attachments", AttachmentRefs, lambda item: attachment_refs(item.attachments), when="expandAttachment"
        ),
        _empty_list("attributes", "expandAttribute"),
        WarehouseDetails(when="expandWarehouseDetail"),
        _empty_list("inventoryUnits", "expandInventoryUnits"),
        _warehouse("defaultWarehouse", "default_warehouse", "Always among the warehouse details."),
        _warehouse("defaultIssueFrom", "default_issue_from", ""),
        _warehouse("defaultReceiptTo", "default_receipt_to", ""),
        _empty_list("supplierDetails", "expandSupplierDetails"),
        Computed("salesCategories", list[SalesCategoryLineDto], item_categories, when=SALES_CATEGORIES),
        Packaging(),
        Intrastat(),
        Computed("recommendedPrice", DecimalNumber, lambda item: item.recommended_price),
        Computed("priceManagerID", str, lambda item: _NO_GUID),
        Computed("priceManager", IdName, lambda item: None),
        Computed("priceClass", IdDescription, lambda item: None),
        Computed("priceWorkgroupID", int, lambda item: 0),
        Computed("priceClassID", str, lambda item: None),
        FlaggedScalar("note", "note", "Note", when="expandNote"),
        # The real read DTO spells it in lower case on items; the ETag header has the same value.
        Computed("timestamp", ByteText, lambda item: time_stamp(item.row_version)),
        ERROR_INFO,
    ),
    texts=Texts(
        list="Get a range of Inventory items - ScreenId=IN202000 and IN202500",
        get="Get a specific Inventory item",
        create="Create an inventory item",
        update="Update a specific inventory item",
        key="The item ID.",
    ),
    dto="InventoryDto",
    write_dto="InventoryUpdateDto",
    filters=(
        Equals("inventoryNumber", "number", description="The item ID (exact)."),
        AlternateId(),
        DescriptionContains(),
        Equals("status", "status", InventoryStatus),
        InventoryTypes(),
        SalesCategory(),
        Accepted("attributes", "Accepted and ignored: attributes are not served yet."),
        ModifiedSince(),
        DateFilter("createdDateTime", created),
        DateFilter(
            "availabilityLastModifiedDateTime", warehouse_detail_changed, "When a warehouse detail last changed."
        ),
        DateFilter("attachmentLastModifiedDateTime", attachment_changed, "Items with an attachment uploaded since."),
        GreaterThan(),
        *(
            Expand(flag)
            for flag in (
                "expandCrossReference",
                "expandAttachment",
                "expandAttribute",
                "expandWarehouseDetail",
                "expandAccountInformation",
                "expandInventoryUnits",
                "expandSupplierDetails",
                SALES_CATEGORIES,
                "expandNote",
            )
        ),
        Flag(COST_STATISTICS, "True: give costPriceStatistics (stock items)."),
    ),
    max_page_size=MAX_PAGE_SIZE,
    check=_check,
    prepare=prepare_items,
)
