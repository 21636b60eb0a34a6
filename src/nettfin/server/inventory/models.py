"""Inventory master data: warehouses, posting classes, item classes and items with their warehouses and
cross-references (Visma: IN204000, IN206000, IN201000, IN202000 non-stock and IN202500 stock items)."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from enum import StrEnum

from sqlalchemy import JSON, Boolean, ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..attachments.models import Attachment, OwnerKind, owned_attachments
from ..db.base import Base, Stamped, utcnow
from ..db.types import Money, UTCDateTime
from ..kit import events

Document = JSON().with_variant(JSONB(), "postgresql")

# The item types of IN202500 (stock items); every other type is a non-stock item (IN202000).
STOCK_TYPES = frozenset({"FinishedGoodItem", "ComponentPartItem", "SubassemblyItem"})


class Warehouse(Base):
    __tablename__ = "warehouse"
    __table_args__ = (UniqueConstraint("company_id", "warehouse_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    company_id: Mapped[int] = mapped_column(ForeignKey("company.id", ondelete="CASCADE"))
    warehouse_id: Mapped[str] = mapped_column(String(30))
    description: Mapped[str] = mapped_column(String(60), default="")
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    # The organisation's branch the warehouse belongs to, by its number (None: the company's, unnamed).
    branch_number: Mapped[str | None] = mapped_column(String(30))
    lock_site_pi_count_entry: Mapped[bool] = mapped_column(Boolean, default=False)
    location_entry: Mapped[str] = mapped_column(String(10), default="Validate")
    avg_default_cost: Mapped[str] = mapped_column(String(12), default="AverageCost")
    fifo_default_cost: Mapped[str] = mapped_column(String(12), default="AverageCost")
    # The locations goods are received at, shipped from, returned to and drop-shipped through, by location code
    # (codes, not foreign keys: a location belongs to its warehouse, which would make the two tables a cycle).
    receipt_location_cd: Mapped[str | None] = mapped_column(String(30))
    ship_location_cd: Mapped[str | None] = mapped_column(String(30))
    return_location_cd: Mapped[str | None] = mapped_column(String(30))
    drop_ship_location_cd: Mapped[str | None] = mapped_column(String(30))
    # Changed with the warehouse's locations too; `timestamp` and the ETag read the version.
    last_modified_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    row_version: Mapped[int] = mapped_column(default=1)

    locations: Mapped[list[WarehouseLocation]] = relationship(
        back_populates="warehouse", order_by="WarehouseLocation.location_cd"
    )


class WarehouseLocation(Base):
    """A place in a warehouse stock is kept at (IN204000's locations). Stock in a warehouse without locations is
    kept at none."""

    __tablename__ = "warehouse_location"
    __table_args__ = (UniqueConstraint("warehouse_id", "location_cd"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    company_id: Mapped[int] = mapped_column(ForeignKey("company.id", ondelete="CASCADE"))
    warehouse_id: Mapped[int] = mapped_column(ForeignKey("warehouse.id", ondelete="CASCADE"))
    location_cd: Mapped[str] = mapped_column(String(30))
    description: Mapped[str] = mapped_column(String(60), default="")
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    include_in_available: Mapped[bool] = mapped_column(Boolean, default=True)
    receipts_allowed: Mapped[bool] = mapped_column(Boolean, default=True)
    sales_allowed: Mapped[bool] = mapped_column(Boolean, default=True)
    transfers_allowed: Mapped[bool] = mapped_column(Boolean, default=True)
    assembly_allowed: Mapped[bool] = mapped_column(Boolean, default=True)
    pick_priority: Mapped[int] = mapped_column(default=1)
    last_modified_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)
    is_costed: Mapped[bool] = mapped_column(Boolean, default=False)
    primary_item_valid: Mapped[str] = mapped_column(String(30), default="PrimaryNothing")
    primary_item_id: Mapped[int | None] = mapped_column(ForeignKey("inventory_item.id", ondelete="SET NULL"))
    primary_item_class_id: Mapped[int | None] = mapped_column(ForeignKey("item_class.id", ondelete="SET NULL"))

    warehouse: Mapped[Warehouse] = relationship(back_populates="locations")
    # Loaded on access: the stock engine reads locations often and never their primary item.
    primary_item: Mapped[InventoryItem | None] = relationship()
    primary_item_class: Mapped[ItemClass | None] = relationship()


class Tracking(StrEnum):
    """How a lot/serial class numbers the units of its items (`trackingMethod`)."""

    NONE = "NotNumbered"
    LOT = "LotNumbered"
    SERIAL = "SerialNumbered"


class LotSerialClass(Base):
    """A lot/serial class (IN207000): whether its items' units carry lot or serial numbers, and how."""

    __tablename__ = "lot_serial_class"
    __table_args__ = (UniqueConstraint("company_id", "class_cd"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    company_id: Mapped[int] = mapped_column(ForeignKey("company.id", ondelete="CASCADE"))
    class_cd: Mapped[str] = mapped_column(String(10))
    description: Mapped[str] = mapped_column(String(60), default="")
    tracking_method: Mapped[str] = mapped_column(String(20), default=Tracking.NONE)
    track_expiration: Mapped[bool] = mapped_column(Boolean, default=False)
    assignment_method: Mapped[str] = mapped_column(String(20), default="WhenReceived")
    issue_method: Mapped[str] = mapped_column(String(20), default="FIFO")
    last_modified_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)
    required_for_drop_ship: Mapped[bool] = mapped_column(Boolean, default=False)
    auto_generate_next_number: Mapped[bool] = mapped_column(Boolean, default=False)
    auto_incremental_between_classes: Mapped[bool] = mapped_column(Boolean, default=False)
    auto_incremental_value: Mapped[str | None] = mapped_column(String(30))
    # The auto-numbering mask's segments, in order: [{"type": "FixedConst", "value": "LOT"}, {"type": "NumericVal",
    # "value": "000000"}] (`LotSerialClassDetailDto`, numbered from 1).
    segments: Mapped[list] = mapped_column(Document, default=list)


class LandedCostCode(Base):
    """A landed cost code (PO202000): a cost on top of a purchase (freight, duty) and how it is applied to the
    receipt's items. GL accounts, the supplier and the VAT category by code, as items keep theirs."""

    __tablename__ = "landed_cost_code"
    __table_args__ = (UniqueConstraint("company_id", "code"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    company_id: Mapped[int] = mapped_column(ForeignKey("company.id", ondelete="CASCADE"))
    code: Mapped[str] = mapped_column(String(15))
    description: Mapped[str] = mapped_column(String(150), default="")
    landed_cost_type: Mapped[str] = mapped_column(String(30), default="FreightAndMisOriginCharges")
    application_method: Mapped[str] = mapped_column(String(10), default="FromBoth")
    allocation_method: Mapped[str] = mapped_column(String(10), default="ByQuantity")
    supplier_number: Mapped[str | None] = mapped_column(String(30))
    supplier_location: Mapped[str | None] = mapped_column(String(30))
    terms: Mapped[str | None] = mapped_column(String(10))
    reason_code: Mapped[str | None] = mapped_column(String(20))
    vat_category_code: Mapped[str | None] = mapped_column(String(10))
    accrual_account: Mapped[str | None] = mapped_column(String(10))
    accrual_subaccount: Mapped[str | None] = mapped_column(String(30))
    variance_account: Mapped[str | None] = mapped_column(String(10))
    variance_subaccount: Mapped[str | None] = mapped_column(String(30))
    last_modified_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)


class Valuation(StrEnum):
    """How an item class's stock items are costed when they move."""

    AVERAGE = "Average"
    FIFO = "FIFO"
    STANDARD = "Standard"


class PostingClass(Base):
    __tablename__ = "posting_class"
    __table_args__ = (UniqueConstraint("company_id", "class_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    company_id: Mapped[int] = mapped_column(ForeignKey("company.id", ondelete="CASCADE"))
    class_id: Mapped[str] = mapped_column(String(10))
    description: Mapped[str] = mapped_column(String(60), default="")
    # The GL accounts stock movements of the class's items post to, by role (`stock.accounts.ROLES`): inventory,
    # COGS, adjustment, standard cost variance, purchase accrual (goods received, not invoiced). An item's own
    # inventory, COGS and expense accrual accounts come first.
    accounts: Mapped[dict] = mapped_column(Document, default=dict)


class ItemClass(Base):
    """An item class: its type and the defaults a new item of the class takes."""

    __tablename__ = "item_class"
    __table_args__ = (UniqueConstraint("company_id", "class_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    company_id: Mapped[int] = mapped_column(ForeignKey("company.id", ondelete="CASCADE"))
    class_id: Mapped[str] = mapped_column(String(30))
    description: Mapped[str] = mapped_column(String(60), default="")
    item_type: Mapped[str] = mapped_column(String(20), default="NonStockItem")
    posting_class_id: Mapped[int | None] = mapped_column(ForeignKey("posting_class.id"))
    vat_category_code: Mapped[str | None] = mapped_column(String(10))
    base_unit: Mapped[str | None] = mapped_column(String(6))
    sales_unit: Mapped[str | None] = mapped_column(String(6))
    purchase_unit: Mapped[str | None] = mapped_column(String(6))
    default_warehouse_id: Mapped[int | None] = mapped_column(ForeignKey("warehouse.id"))
    valuation_method: Mapped[str] = mapped_column(String(10), default=Valuation.AVERAGE)

    posting_class: Mapped[PostingClass | None] = relationship(lazy="joined")
    default_warehouse: Mapped[Warehouse | None] = relationship(lazy="joined")


class InventoryItem(Stamped, Base):
    __tablename__ = "inventory_item"
    __table_args__ = (
        UniqueConstraint("company_id", "number"),
        Index("ix_inventory_item_company_number_id", "company_id", "number", "id"),
        Index("ix_inventory_item_company_modified_id", "company_id", "last_modified_at", "id"),
        Index("ix_inventory_item_company_created_id", "company_id", "created_at", "id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    company_id: Mapped[int] = mapped_column(ForeignKey("company.id", ondelete="CASCADE"))
    number: Mapped[str] = mapped_column(String(30))
    status: Mapped[str] = mapped_column(String(20), default="Active")
    item_type: Mapped[str] = mapped_column(String(20))
    description: Mapped[str] = mapped_column(String(255))
    body: Mapped[str | None] = mapped_column(Text)
    item_class_id: Mapped[int | None] = mapped_column(ForeignKey("item_class.id"))
    posting_class_id: Mapped[int | None] = mapped_column(ForeignKey("posting_class.id"))
    lot_serial_class: Mapped[str | None] = mapped_column(String(10))
    # VAT categories and GL accounts are referred to by code, not by foreign key, so this module's migration
    # does not depend on the VAT set-up's or the ledger's; the service checks the codes exist.
    vat_category_code: Mapped[str | None] = mapped_column(String(10))
    default_price: Mapped[Decimal] = mapped_column(Money, default=Decimal(0))
    recommended_price: Mapped[Decimal] = mapped_column(Money, default=Decimal(0))
    pending_cost: Mapped[Decimal] = mapped_column(Money, default=Decimal(0))
    pending_cost_date: Mapped[datetime | None] = mapped_column(UTCDateTime)
    current_cost: Mapped[Decimal] = mapped_column(Money, default=Decimal(0))
    effective_date: Mapped[datetime | None] = mapped_column(UTCDateTime)
    last_cost: Mapped[Decimal] = mapped_column(Money, default=Decimal(0))
    base_unit: Mapped[str] = mapped_column(String(6))
    sales_unit: Mapped[str] = mapped_column(String(6))
    purchase_unit: Mapped[str] = mapped_column(String(6))
    unspsc: Mapped[str | None] = mapped_column(String(20))
    kit_item: Mapped[bool] = mapped_column(Boolean, default=False)
    note: Mapped[str | None] = mapped_column(Text)
    default_warehouse_id: Mapped[int | None] = mapped_column(ForeignKey("warehouse.id"))
    default_issue_from_id: Mapped[int | None] = mapped_column(ForeignKey("warehouse.id"))
    default_receipt_to_id: Mapped[int | None] = mapped_column(ForeignKey("warehouse.id"))
    # Never filtered on: packaging and intrastat members, GL account codes by wire name (`salesAccount`:
    # "3000") and subaccount segments by wire name (`salesSubaccount`: [{"segmentId": 1, ...}]).
    packaging: Mapped[dict] = mapped_column(Document, default=dict)
    intrastat: Mapped[dict] = mapped_column(Document, default=dict)
    accounts: Mapped[dict] = mapped_column(Document, default=dict)
    subaccounts: Mapped[dict] = mapped_column(Document, default=dict)

    item_class: Mapped[ItemClass | None] = relationship(lazy="joined")
    posting_class: Mapped[PostingClass | None] = relationship(lazy="joined")
    default_warehouse: Mapped[Warehouse | None] = relationship(foreign_keys=[default_warehouse_id], lazy="joined")
    default_issue_from: Mapped[Warehouse | None] = relationship(foreign_keys=[default_issue_from_id], lazy="joined")
    default_receipt_to: Mapped[Warehouse | None] = relationship(foreign_keys=[default_receipt_to_id], lazy="joined")
    warehouses: Mapped[list[ItemWarehouse]] = relationship(
        back_populates="item", cascade="all, delete-orphan", lazy="selectin", order_by="ItemWarehouse.id"
    )
    cross_references: Mapped[list[ItemCrossReference]] = relationship(
        back_populates="item", cascade="all, delete-orphan", lazy="selectin", order_by="ItemCrossReference.id"
    )
    # Loaded on access: document lines load items too, and they never show an item's attachments.
    attachments: Mapped[list[Attachment]] = owned_attachments("InventoryItem", OwnerKind.INVENTORY_ITEM, lazy="select")

    @property
    def stock_item(self) -> bool:
        return self.item_type in STOCK_TYPES


class ItemWarehouse(Base):
    """A warehouse an item is kept in (the item's warehouse details)."""

    __tablename__ = "item_warehouse"
    __table_args__ = (UniqueConstraint("item_id", "warehouse_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    company_id: Mapped[int] = mapped_column(ForeignKey("company.id", ondelete="CASCADE"))
    item_id: Mapped[int] = mapped_column(ForeignKey("inventory_item.id", ondelete="CASCADE"))
    warehouse_id: Mapped[int] = mapped_column(ForeignKey("warehouse.id"))
    is_default: Mapped[bool] = mapped_column(Boolean, default=False)
    last_modified_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    item: Mapped[InventoryItem] = relationship(back_populates="warehouses")
    warehouse: Mapped[Warehouse] = relationship(lazy="joined")


class ItemCrossReference(Base):
    """Another party's code for an item: a customer's or supplier's part number, a barcode, a global code."""

    __tablename__ = "item_cross_reference"
    __table_args__ = (
        UniqueConstraint("item_id", "alternate_type", "alternate_id"),
        Index("ix_item_cross_reference_company_alternate_id", "company_id", "alternate_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    company_id: Mapped[int] = mapped_column(ForeignKey("company.id", ondelete="CASCADE"))
    item_id: Mapped[int] = mapped_column(ForeignKey("inventory_item.id", ondelete="CASCADE"))
    alternate_type: Mapped[str] = mapped_column(String(10))
    alternate_id: Mapped[str] = mapped_column(String(50))
    # The customer or supplier number for CPN/VPN references, as given.
    b_account: Mapped[str | None] = mapped_column(String(30))
    description: Mapped[str | None] = mapped_column(String(60))
    uom: Mapped[str | None] = mapped_column(String(6))

    item: Mapped[InventoryItem] = relationship(back_populates="cross_references")


class CompanyLanguage(Base):
    """The company's default language (SM200550): the language of its items' own descriptions. A company without
    this row has the default `en-US`."""

    __tablename__ = "company_language"

    company_id: Mapped[int] = mapped_column(ForeignKey("company.id", ondelete="CASCADE"), primary_key=True)
    default_language: Mapped[str] = mapped_column(String(10))


class ItemTranslation(Base):
    """An item's description in a language other than the company's default (IN202500 and IN202000)."""

    __tablename__ = "inventory_item_translation"
    __table_args__ = (UniqueConstraint("item_id", "language_iso"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    company_id: Mapped[int] = mapped_column(ForeignKey("company.id", ondelete="CASCADE"))
    item_id: Mapped[int] = mapped_column(ForeignKey("inventory_item.id", ondelete="CASCADE"))
    language_iso: Mapped[str] = mapped_column(String(10))
    translation: Mapped[str] = mapped_column(String(255))


events.register(
    events.Source(
        "Inventory Item",
        InventoryItem,
        frozenset({events.ACTION_TRIGGERED, events.CHANGED, events.CREATED, events.UPDATED}),
        key=lambda item: item.number,
    )
)
