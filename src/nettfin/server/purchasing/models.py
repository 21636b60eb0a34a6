"""Purchase orders (Visma: PO301000): the order and its lines. Orders post nothing to the ledger."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from sqlalchemy import JSON, Boolean, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..db.base import Base, Stamped
from ..db.types import Money, UTCDateTime
from ..inventory.models import InventoryItem, Warehouse, WarehouseLocation
from ..kit import events
from ..ledger.models import Account, Subaccount
from ..payables.models import Supplier
from ..tax.models import VatZone
from ..terms.models import CreditTerms

Document = JSON().with_variant(JSONB(), "postgresql")
ZERO = Decimal(0)


class PurchaseOrder(Stamped, Base):
    __tablename__ = "purchase_order"
    __table_args__ = (
        # GET /purchaseorder/{orderNbr} names no type: numbers are unique across order types.
        UniqueConstraint("company_id", "order_nbr"),
        Index("ix_purchase_order_company_nbr_id", "company_id", "order_nbr", "id"),
        Index("ix_purchase_order_company_modified_id", "company_id", "last_modified_at", "id"),
        Index("ix_purchase_order_company_supplier", "company_id", "supplier_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    company_id: Mapped[int] = mapped_column(ForeignKey("company.id", ondelete="CASCADE"))
    order_type: Mapped[str] = mapped_column(String(20), default="RegularOrder")
    order_nbr: Mapped[str] = mapped_column(String(15))
    status: Mapped[str] = mapped_column(String(20), default="Open")
    hold: Mapped[bool] = mapped_column(Boolean, default=False)
    # Document dates are calendar days, kept as midnight UTC so date filters compare like other datetimes.
    date: Mapped[datetime] = mapped_column(UTCDateTime)
    promised_on: Mapped[datetime | None] = mapped_column(UTCDateTime)
    description: Mapped[str | None] = mapped_column(String(255))
    supplier_id: Mapped[int] = mapped_column(ForeignKey("supplier.id"))
    location: Mapped[str | None] = mapped_column(String(30))
    owner: Mapped[str | None] = mapped_column(String(36))
    gln: Mapped[str | None] = mapped_column(String(20))
    vat_registration_id: Mapped[str | None] = mapped_column(String(50))
    currency_id: Mapped[str] = mapped_column(String(5))
    exchange_rate: Mapped[Decimal] = mapped_column(Money, default=Decimal(1))
    supplier_ref: Mapped[str | None] = mapped_column(String(40))
    control_total: Mapped[Decimal] = mapped_column(Money, default=ZERO)
    branch: Mapped[str | None] = mapped_column(String(30))
    shipping_destination_type: Mapped[str] = mapped_column(String(20), default="CompanyLocation")
    ship_to: Mapped[str | None] = mapped_column(String(30))
    shipping_location: Mapped[str | None] = mapped_column(String(30))
    fob_point: Mapped[str | None] = mapped_column(String(15))
    ship_via: Mapped[str | None] = mapped_column(String(15))
    ship_terms: Mapped[str | None] = mapped_column(String(10))
    credit_terms_id: Mapped[int | None] = mapped_column(ForeignKey("credit_terms.id"))
    vat_zone_id: Mapped[int | None] = mapped_column(ForeignKey("vat_zone.id"))
    dont_print: Mapped[bool] = mapped_column(Boolean, default=True)
    dont_email: Mapped[bool] = mapped_column(Boolean, default=True)
    note: Mapped[str | None] = mapped_column(Text)
    # Computed from the lines on every write, never taken from the client.
    line_total: Mapped[Decimal] = mapped_column(Money, default=ZERO)
    vat_exempt_total: Mapped[Decimal] = mapped_column(Money, default=ZERO)
    tax_total: Mapped[Decimal] = mapped_column(Money, default=ZERO)
    order_total: Mapped[Decimal] = mapped_column(Money, default=ZERO)
    open_quantity: Mapped[Decimal] = mapped_column(Money, default=ZERO)
    open_balance: Mapped[Decimal] = mapped_column(Money, default=ZERO)
    # Never filtered on: addresses and contacts, the VAT details ([{taxId, vatRate, taxableAmount, vatAmount}])
    # and the custom free fields by wire name.
    shipping_address: Mapped[dict] = mapped_column(Document, default=dict)
    shipping_contact: Mapped[dict] = mapped_column(Document, default=dict)
    remit_address: Mapped[dict] = mapped_column(Document, default=dict)
    remit_contact: Mapped[dict] = mapped_column(Document, default=dict)
    tax_details: Mapped[list] = mapped_column(Document, default=list)
    custom: Mapped[dict] = mapped_column(Document, default=dict)

    supplier: Mapped[Supplier] = relationship(lazy="joined")
    credit_terms: Mapped[CreditTerms | None] = relationship(lazy="joined")
    vat_zone: Mapped[VatZone | None] = relationship(lazy="joined")
    lines: Mapped[list[PurchaseOrderLine]] = relationship(
        back_populates="order", cascade="all, delete-orphan", order_by="PurchaseOrderLine.line_number", lazy="selectin"
    )


class PurchaseOrderLine(Base):
    __tablename__ = "purchase_order_line"
    __table_args__ = (UniqueConstraint("order_id", "line_number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    company_id: Mapped[int] = mapped_column(ForeignKey("company.id", ondelete="CASCADE"))
    order_id: Mapped[int] = mapped_column(ForeignKey("purchase_order.id", ondelete="CASCADE"))
    line_number: Mapped[int] = mapped_column(Integer)
    branch: Mapped[str | None] = mapped_column(String(30))
    item_id: Mapped[int | None] = mapped_column(ForeignKey("inventory_item.id"))
    line_type: Mapped[str] = mapped_column(String(30), default="GoodsForInventory")
    warehouse_id: Mapped[int | None] = mapped_column(ForeignKey("warehouse.id"))
    line_description: Mapped[str | None] = mapped_column(String(255))
    uom: Mapped[str | None] = mapped_column(String(6))
    order_qty: Mapped[Decimal] = mapped_column(Money, default=ZERO)
    unit_cost: Mapped[Decimal] = mapped_column(Money, default=ZERO)
    ext_cost: Mapped[Decimal] = mapped_column(Money, default=ZERO)
    discount_percent: Mapped[Decimal] = mapped_column(Money, default=ZERO)
    discount_amount: Mapped[Decimal] = mapped_column(Money, default=ZERO)
    manual_discount: Mapped[bool] = mapped_column(Boolean, default=False)
    discount_code: Mapped[str | None] = mapped_column(String(10))
    amount: Mapped[Decimal] = mapped_column(Money, default=ZERO)
    alternate_id: Mapped[str | None] = mapped_column(String(50))
    min_receipt: Mapped[Decimal] = mapped_column(Money, default=ZERO)
    max_receipt: Mapped[Decimal] = mapped_column(Money, default=Decimal(100))
    complete_on: Mapped[Decimal] = mapped_column(Money, default=Decimal(100))
    receipt_action: Mapped[str] = mapped_column(String(20), default="AcceptButWarn")
    # What released receipts brought in, less what released returns sent back (order currency for the amount).
    received_qty: Mapped[Decimal] = mapped_column(Money, default=ZERO)
    received_amt: Mapped[Decimal] = mapped_column(Money, default=ZERO)
    # Codes, as the item module keeps them: a VAT category and the VAT ID determined from it.
    tax_category: Mapped[str | None] = mapped_column(String(10))
    vat_id: Mapped[str | None] = mapped_column(String(10))
    account_id: Mapped[int | None] = mapped_column(ForeignKey("account.id"))
    subaccount_id: Mapped[int | None] = mapped_column(ForeignKey("subaccount.id"))
    project: Mapped[str | None] = mapped_column(String(30))
    project_task: Mapped[str | None] = mapped_column(String(30))
    requested: Mapped[datetime | None] = mapped_column(UTCDateTime)
    promised: Mapped[datetime | None] = mapped_column(UTCDateTime)
    completed: Mapped[bool] = mapped_column(Boolean, default=False)
    canceled: Mapped[bool] = mapped_column(Boolean, default=False)
    note: Mapped[str | None] = mapped_column(Text)
    custom: Mapped[dict] = mapped_column(Document, default=dict)

    order: Mapped[PurchaseOrder] = relationship(back_populates="lines")
    item: Mapped[InventoryItem | None] = relationship(lazy="joined")
    warehouse: Mapped[Warehouse | None] = relationship(lazy="joined")
    account: Mapped[Account | None] = relationship(lazy="joined")
    subaccount: Mapped[Subaccount | None] = relationship(lazy="joined")


class PurchaseReceipt(Stamped, Base):
    """A purchase receipt or return (PO302000): what arrived from, or went back to, a supplier against purchase
    order lines. Its release moves the stock and posts the PO accrual (`purchasing.receipt_release`)."""

    __tablename__ = "purchase_receipt"
    __table_args__ = (
        UniqueConstraint("company_id", "receipt_nbr"),
        Index("ix_purchase_receipt_company_nbr_id", "company_id", "receipt_nbr", "id"),
        Index("ix_purchase_receipt_company_modified_id", "company_id", "last_modified_at", "id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    company_id: Mapped[int] = mapped_column(ForeignKey("company.id", ondelete="CASCADE"))
    receipt_type: Mapped[str] = mapped_column(String(20), default="PoReceipt")
    receipt_nbr: Mapped[str] = mapped_column(String(15))
    status: Mapped[str] = mapped_column(String(20), default="Balanced")
    hold: Mapped[bool] = mapped_column(Boolean, default=False)
    date: Mapped[datetime] = mapped_column(UTCDateTime)
    period_id: Mapped[str] = mapped_column(String(6))  # YYYYPP
    warehouse_id: Mapped[int | None] = mapped_column(ForeignKey("warehouse.id"))
    supplier_id: Mapped[int] = mapped_column(ForeignKey("supplier.id"))
    location: Mapped[str | None] = mapped_column(String(30))
    currency_id: Mapped[str] = mapped_column(String(5))
    exchange_rate: Mapped[Decimal] = mapped_column(Money, default=Decimal(1))
    create_bill: Mapped[bool] = mapped_column(Boolean, default=False)
    supplier_ref: Mapped[str | None] = mapped_column(String(40))
    control_qty: Mapped[Decimal] = mapped_column(Money, default=ZERO)
    control_total: Mapped[Decimal] = mapped_column(Money, default=ZERO)
    branch: Mapped[str | None] = mapped_column(String(30))
    due_date: Mapped[datetime | None] = mapped_column(UTCDateTime)
    note: Mapped[str | None] = mapped_column(Text)
    # Computed from the lines on every write.
    total_qty: Mapped[Decimal] = mapped_column(Money, default=ZERO)
    total_amt: Mapped[Decimal] = mapped_column(Money, default=ZERO)
    batch_number: Mapped[str | None] = mapped_column(String(15))
    custom: Mapped[dict] = mapped_column(Document, default=dict)

    supplier: Mapped[Supplier] = relationship(lazy="joined")
    warehouse: Mapped[Warehouse | None] = relationship(lazy="joined")
    lines: Mapped[list[PurchaseReceiptLine]] = relationship(
        back_populates="receipt",
        cascade="all, delete-orphan",
        order_by="PurchaseReceiptLine.line_number",
        lazy="selectin",
    )


class PurchaseReceiptLine(Base):
    """A receipt line: a quantity of a purchase order line received (or returned) at the order line's cost.
    `value` is what the release posted to the PO accrual account, in the base currency."""

    __tablename__ = "purchase_receipt_line"
    __table_args__ = (
        UniqueConstraint("receipt_id", "line_number"),
        Index("ix_purchase_receipt_line_order_line", "order_line_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    company_id: Mapped[int] = mapped_column(ForeignKey("company.id", ondelete="CASCADE"))
    receipt_id: Mapped[int] = mapped_column(ForeignKey("purchase_receipt.id", ondelete="CASCADE"))
    line_number: Mapped[int] = mapped_column(Integer)
    order_line_id: Mapped[int | None] = mapped_column(ForeignKey("purchase_order_line.id"))
    line_type: Mapped[str] = mapped_column(String(30), default="GoodsForInventory")
    branch: Mapped[str | None] = mapped_column(String(30))
    item_id: Mapped[int | None] = mapped_column(ForeignKey("inventory_item.id"))
    warehouse_id: Mapped[int | None] = mapped_column(ForeignKey("warehouse.id"))
    location_id: Mapped[int | None] = mapped_column(ForeignKey("warehouse_location.id"))
    description: Mapped[str | None] = mapped_column(String(255))
    uom: Mapped[str | None] = mapped_column(String(6))
    receipt_qty: Mapped[Decimal] = mapped_column(Money, default=ZERO)
    unit_cost: Mapped[Decimal] = mapped_column(Money, default=ZERO)
    ext_cost: Mapped[Decimal] = mapped_column(Money, default=ZERO)
    discount_percent: Mapped[Decimal] = mapped_column(Money, default=ZERO)
    discount_amount: Mapped[Decimal] = mapped_column(Money, default=ZERO)
    amount: Mapped[Decimal] = mapped_column(Money, default=ZERO)
    tax_category: Mapped[str | None] = mapped_column(String(10))
    account_id: Mapped[int | None] = mapped_column(ForeignKey("account.id"))
    subaccount_id: Mapped[int | None] = mapped_column(ForeignKey("subaccount.id"))
    lot_serial: Mapped[str] = mapped_column(String(100), default="")
    expiration_date: Mapped[datetime | None] = mapped_column(UTCDateTime)
    complete_po_line: Mapped[bool] = mapped_column(Boolean, default=False)
    value: Mapped[Decimal] = mapped_column(Money, default=ZERO)
    note: Mapped[str | None] = mapped_column(Text)
    custom: Mapped[dict] = mapped_column(Document, default=dict)

    receipt: Mapped[PurchaseReceipt] = relationship(back_populates="lines")
    order_line: Mapped[PurchaseOrderLine | None] = relationship(lazy="joined")
    item: Mapped[InventoryItem | None] = relationship(lazy="joined")
    warehouse: Mapped[Warehouse | None] = relationship(lazy="joined")
    location: Mapped[WarehouseLocation | None] = relationship(lazy="joined")
    account: Mapped[Account | None] = relationship(lazy="joined")
    subaccount: Mapped[Subaccount | None] = relationship(lazy="joined")


events.register(
    events.Source(
        "Purchase Order",
        PurchaseOrder,
        frozenset({events.ACTION_TRIGGERED, events.CHANGED, events.STATUS_CHANGED}),
        key=lambda order: order.order_nbr,
        status="status",
        details=lambda order: {"orderType": order.order_type},
    )
)
