"""Item use cases: list, read, create and update stock and non-stock items, and the item and posting classes
they use, with the service's validation wording."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from sqlalchemy import exists, false, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from ..attachments.models import Attachment, OwnerKind, load_attachments
from ..db.base import utcnow
from ..db.engine import Database
from ..kit import messages
from ..kit.changes import bump_version
from ..kit.conditions import DateCondition
from ..kit.errors import NotFound, record_errors
from ..kit.paging import Listing, Page, PageResult, fetch_page
from ..kit.records import (
    RecordKey,
    Scalars,
    apply_references,
    apply_scalars,
    assign_key,
    find_by_code,
    load_by_codes,
    missing_codes,
)
from ..kit.responses import check_if_match
from ..ledger.models import SEGMENT_SEPARATOR, Account, Subaccount
from ..tax.models import VatCategory
from . import lines
from .models import STOCK_TYPES, InventoryItem, ItemClass, ItemCrossReference, ItemWarehouse, PostingClass, Warehouse
from .schemas import InventoryUpdateDto

RESOURCE = "inventory"
# The real document: "MaxPageSize will be set to 5000 from 1. April 2022".
MAX_PAGE_SIZE = 5000
LISTING = Listing(resource=RESOURCE, model=InventoryItem, key=InventoryItem.number)
ITEM_CLASS_LISTING = Listing(resource="item_class", model=ItemClass, key=ItemClass.class_id)
POSTING_CLASS_LISTING = Listing(resource="posting_class", model=PostingClass, key=PostingClass.class_id)
KEY = RecordKey(field="inventoryNumber", column=InventoryItem.number, label="Item ID")

_SCALARS: Scalars = {
    "status": ("status", "Item status", "Active"),
    "type": ("item_type", "Type", None),
    "description": ("description", "Description", None),
    "body": ("body", "Body", None),
    "lotSerialClass": ("lot_serial_class", "Lot/serial class", None),
    "defaultPrice": ("default_price", "Default price", Decimal(0)),
    "baseUnit": ("base_unit", "Base unit", None),
    "salesUnit": ("sales_unit", "Sales unit", None),
    "purchaseUnit": ("purchase_unit", "Purchase unit", None),
    "unspsc": ("unspsc", "UNSPSC code", None),
    "kitItem": ("kit_item", "Kit item", False),
    "note": ("note", "Note", None),
}
_NOT_NEGATIVE = ("defaultPrice",)
# GL account members (wrapped codes) with the labels the service's messages use; subaccounts are segment lists.
ACCOUNT_LABELS = {
    "salesAccount": "Sales account",
    "salesNonTaxableAccount": "Sales non-taxable account",
    "salesEuAccount": "Sales EU account",
    "salesExportAccount": "Sales export account",
    "cogsAccount": "COGS account",
    "inventoryAccount": "Inventory account",
    "expenseAccount": "Expense account",
    "expenseAccrualAccount": "Expense accrual account",
    "expenseNonTaxableAccount": "Expense non-taxable account",
    "expenseEuAccount": "Expense EU account",
    "expenseImportAccount": "Expense import account",
}
SUBACCOUNTS = ("salesSubaccount", "cogsSubaccount", "expenseSubaccount")
_WAREHOUSE_DEFAULTS = {
    "defaultWarehouse": "default_warehouse",
    "defaultIssueFrom": "default_issue_from",
    "defaultReceiptTo": "default_receipt_to",
}


@dataclass(frozen=True)
class ItemFilters:
    inventory_number: str | None = None
    alternate_id: str | None = None
    description: str | None = None
    status: str | None = None
    types: tuple[str, ...] = ()
    sales_category: int | None = None
    greater_than: str | None = None
    modified: DateCondition | None = None
    created: DateCondition | None = None
    availability_modified: DateCondition | None = None
    attachment_modified: DateCondition | None = None

    def conditions(self) -> list:
        found = []
        if self.inventory_number:
            found.append(InventoryItem.number == self.inventory_number)
        if self.alternate_id:
            found.append(
                exists().where(
                    ItemCrossReference.item_id == InventoryItem.id, ItemCrossReference.alternate_id == self.alternate_id
                )
            )
        if self.description:
            found.append(InventoryItem.description.icontains(self.description, autoescape=True))
        if self.status:
            found.append(InventoryItem.status == self.status)
        if self.types:
            found.append(InventoryItem.item_type.in_(self.types))
        if self.sales_category is not None:
            # Sales categories are not served yet: no item is in one.
            found.append(false())
        if self.attachment_modified:
            attached = (Attachment.owner_kind == OwnerKind.INVENTORY_ITEM) & (Attachment.owner_id == InventoryItem.id)
            found.append(exists().where(attached, self.attachment_modified.apply(Attachment.last_modified_at)))
        if self.greater_than:
            found.append(InventoryItem.number > self.greater_than)
        if self.modified:
            found.append(self.modified.apply(InventoryItem.last_modified_at))
        if self.created:
            found.append(self.created.apply(InventoryItem.created_at))
        if self.availability_modified:
            stock = ItemWarehouse.item_id == InventoryItem.id
            found.append(exists().where(stock, self.availability_modified.apply(ItemWarehouse.last_modified_at)))
        return found


@dataclass(frozen=True)
class ItemReferences:
    """The VAT categories, GL accounts and subaccounts a set of items names, by code, for rendering."""

    vat_categories: dict[str, Any] = field(default_factory=dict)
    accounts: dict[str, Any] = field(default_factory=dict)
    subaccounts: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class ItemPage:
    result: PageResult
    references: ItemReferences


def list_items(db: Database, *, company_id: int, filters: ItemFilters, page: Page) -> ItemPage:
    with db.reading() as session:
        result = fetch_page(
            session, LISTING, company_id=company_id, conditions=filters.conditions(), signature=filters, page=page
        )
        return ItemPage(result, _references(session, company_id, result.rows))


def get_item(
    db: Database, *, company_id: int, number: str | None = None, internal_id: int | None = None
) -> tuple[InventoryItem, ItemReferences]:
    with db.reading() as session:
        item = find_item(session, company_id, number=number, internal_id=internal_id)
        return item, _references(session, company_id, [item])


def list_item_classes(db: Database, *, company_id: int, page: Page) -> PageResult:
    with db.reading() as session:
        return fetch_page(session, ITEM_CLASS_LISTING, company_id=company_id, conditions=[], signature=(), page=page)


def get_item_class(db: Database, *, company_id: int, class_id: str) -> ItemClass:
    with db.reading() as session:
        found = find_by_code(session, ItemClass, ItemClass.class_id, company_id, class_id)
        if found is None:
            raise NotFound(messages.not_found("Item class", class_id))
        return found


def list_posting_classes(db: Database, *, company_id: int, page: Page) -> PageResult:
    with db.reading() as session:
        return fetch_page(session, POSTING_CLASS_LISTING, company_id=company_id, conditions=[], signature=(), page=page)


def create_item(db: Database, *, company_id: int, dto: InventoryUpdateDto) -> InventoryItem:
    changes = dto.changes()
    with db.writing() as session:
        item = InventoryItem(company_id=company_id)
        problems, _ = assign_key(session, item, changes, KEY)
        problems += _apply(session, item, changes, inserting=True)
        if problems:
            raise record_errors(action="inserting", entity="inventory item", record="Inventory Item", errors=problems)
        item.created_at = item.last_modified_at = utcnow()
        session.add(item)
        try:
            session.flush()
        except IntegrityError:
            # Another transaction took the same number between our check and our insert.
            raise record_errors(
                action="inserting",
                entity="inventory item",
                record="Inventory Item",
                errors=[KEY.duplicate(item.number)],
            ) from None
        bump_version(session, company_id=company_id, resource=RESOURCE)
        return item


def update_item(
    db: Database,
    *,
    company_id: int,
    dto: InventoryUpdateDto,
    if_match: str | None,
    number: str | None = None,
    internal_id: int | None = None,
) -> tuple[InventoryItem, list[str]]:
    """The updated item, and the names of request fields the service ignored (a new inventory number)."""
    changes = dto.changes()
    with db.writing() as session:
        item = find_item(session, company_id, number=number, internal_id=internal_id, for_update=True)
        check_if_match(if_match, item.row_version)
        renamed = "inventoryNumber" in changes and changes["inventoryNumber"] != item.number
        # The record holds the request's values until they are checked: no lookup may flush them first.
        with session.no_autoflush:
            problems = _apply(session, item, changes, inserting=False)
        if problems:
            raise record_errors(action="updating", entity="inventory item", record="Inventory Item", errors=problems)
        item.last_modified_at = utcnow()
        bump_version(session, company_id=company_id, resource=RESOURCE)
        session.flush()
        return item, ["inventoryNumber"] if renamed else []


def find_item(
    session: Session,
    company_id: int,
    *,
    number: str | None = None,
    internal_id: int | None = None,
    for_update: bool = False,
) -> InventoryItem:
    statement = select(InventoryItem).where(InventoryItem.company_id == company_id)
    if internal_id is not None:
        statement = statement.where(InventoryItem.id == internal_id)
    else:
        statement = statement.where(InventoryItem.number == number)
    if for_update:
        statement = statement.with_for_update(of=InventoryItem)
    item = session.scalars(statement).unique().first()
    if item is None:
        raise NotFound(messages.not_found("Inventory item", number if internal_id is None else internal_id))
    return item


def subaccount_number(segments: list[dict] | None) -> str | None:
    """The subaccount a list of segments names: the values in segment order, joined as the ledger joins them."""
    return SEGMENT_SEPARATOR.join(s["segmentValue"] for s in segments) if segments else None


def _references(session: Session, company_id: int, items) -> ItemReferences:
    """What rendering the items needs beyond their rows (their attachments are filled in here too)."""
    load_attachments(session, items, OwnerKind.INVENTORY_ITEM)
    categories = [i.vat_category_code for i in items]
    accounts = [code for i in items for code in i.accounts.values()]
    subaccounts = [subaccount_number(segments) for i in items for segments in i.subaccounts.values()]
    return ItemReferences(
        load_by_codes(session, VatCategory, VatCategory.category_id, company_id, categories),
        load_by_codes(session, Account, Account.account_cd, company_id, accounts),
        load_by_codes(session, Subaccount, Subaccount.subaccount_cd, company_id, subaccounts),
    )


def _apply(session: Session, item: InventoryItem, changes: dict, *, inserting: bool) -> list[str]:
    """Apply a PATCH to the item; returns every problem found (nothing is kept when there is one)."""
    was_stock = None if inserting else item.stock_item
    problems = apply_scalars(item, changes, _SCALARS, not_negative=_NOT_NEGATIVE)
    problems += _apply_references(session, item, changes)
    if inserting and item.item_class is not None:
        _take_class_defaults(item, item.item_class, changes)
    item.sales_unit = item.sales_unit or item.base_unit
    item.purchase_unit = item.purchase_unit or item.base_unit
    for attr, label in (("description", "Description"), ("item_type", "Type"), ("base_unit", "Base unit")):
        if not getattr(item, attr):
            problems.append(f"'{label}' cannot be empty.")
    problems += _type_problems(item, was_stock)
    problems += _apply_accounts(session, item, changes)
    problems += lines.apply_holders(item, changes)
    problems += lines.apply_warehouse_details(session, item, changes.get("warehouseDetails"))
    problems += lines.apply_cross_references(item, changes.get("crossReferences"))
    lines.keep_default_warehouse_in_details(item)
    return problems


def _apply_references(session: Session, item: InventoryItem, changes: dict) -> list[str]:
    problems: list[str] = []
    company_id = item.company_id
    problems += apply_references(
        session,
        item,
        company_id,
        changes,
        (
            ("itemClass", "item_class", ItemClass, ItemClass.class_id, "Item class"),
            ("postingClass", "posting_class", PostingClass, PostingClass.class_id, "Posting class"),
            *(
                (wire, attr, Warehouse, Warehouse.warehouse_id, "Warehouse")
                for wire, attr in _WAREHOUSE_DEFAULTS.items()
            ),
        ),
    )
    if "vatCode" in changes:
        code = (changes["vatCode"] or "").strip() or None
        item.vat_category_code = code
        if code:
            labels = {"vatCode": "VAT category"}
            problems += missing_codes(
                session, VatCategory, VatCategory.category_id, company_id, {"vatCode": code}, labels
            )
    return problems


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


def _type_problems(item: InventoryItem, was_stock: bool | None) -> list[str]:
    if not item.item_type:
        return []
    kind = "a stock" if item.stock_item else "a non-stock"
    problems = []
    if was_stock is not None and was_stock != item.stock_item:
        problems.append(
            f"'Type' cannot change between stock and non-stock items: '{item.item_type}' is {kind} item type."
        )
    item_class = item.item_class
    if item_class is not None and (item_class.item_type in STOCK_TYPES) != item.stock_item:
        problems.append(f"Item class '{item_class.class_id}' cannot be used for {kind} item ('{item.item_type}').")
    return problems


def _apply_accounts(session: Session, item: InventoryItem, changes: dict) -> list[str]:
    accounts = dict(item.accounts or {})
    for wire in ACCOUNT_LABELS:
        if wire in changes:
            code = (changes[wire] or "").strip()
            if code:
                accounts[wire] = code
            else:
                accounts.pop(wire, None)
    item.accounts = accounts
    sent = {wire: accounts[wire] for wire in ACCOUNT_LABELS if wire in changes and wire in accounts}
    problems = missing_codes(session, Account, Account.account_cd, item.company_id, sent, ACCOUNT_LABELS)
    subaccounts = dict(item.subaccounts or {})
    for wire in SUBACCOUNTS:
        if wire in changes:
            segments, problem = lines.segments(wire, changes[wire])
            problems += problem
            subaccounts[wire] = segments
    item.subaccounts = {wire: segments for wire, segments in subaccounts.items() if segments}
    return problems
