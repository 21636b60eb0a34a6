"""Shipping (SO302000, CS207500, CS207600): carriers (ship via codes), packaging types (boxes), and shipments with
their lines and packages.

A shipment is made from open sales order lines (or from items named directly, `addLine`) and takes stock out
when it is confirmed; `batch_number` is the IN batch its confirmation posted (COGS against inventory), and a
correction posts its reversal. A confirmed shipment is invoiced into a customer invoice (`invoice_nbr`).
A line keeps the order line it ships by its order type, number and line number, and, once confirmed, the value
its stock left with (`value`), which a correction takes back in at that cost.
"""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from sqlalchemy import JSON, Boolean, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..db.base import Base, Stamped, utcnow
from ..db.types import Money, UTCDateTime
from ..inventory.models import InventoryItem, Warehouse, WarehouseLocation
from ..kit import events
from ..receivables.models import Customer

ZERO = Decimal(0)
Document = JSON().with_variant(JSONB(), "postgresql")


class Carrier(Base):
    """A ship via code (CS207500): a carrier or shipping option shipments and orders name."""

    __tablename__ = "carrier"
    __table_args__ = (UniqueConstraint("company_id", "code"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    company_id: Mapped[int] = mapped_column(ForeignKey("company.id", ondelete="CASCADE"))
    code: Mapped[str] = mapped_column(String(15))
    description: Mapped[str] = mapped_column(String(255), default="")
    last_modified_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)


class PackagingType(Base):
    """A type of box (CS207600): its tare weight, what it holds and its size."""

    __tablename__ = "packaging_type"
    __table_args__ = (UniqueConstraint("company_id", "box_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    company_id: Mapped[int] = mapped_column(ForeignKey("company.id", ondelete="CASCADE"))
    box_id: Mapped[str] = mapped_column(String(15))
    description: Mapped[str] = mapped_column(String(255), default="")
    box_weight: Mapped[Decimal] = mapped_column(Money, default=ZERO)
    max_weight: Mapped[Decimal] = mapped_column(Money, default=ZERO)
    weight_uom: Mapped[str | None] = mapped_column(String(6))
    max_volume: Mapped[Decimal] = mapped_column(Money, default=ZERO)
    volume_uom: Mapped[str | None] = mapped_column(String(6))
    length: Mapped[int] = mapped_column(Integer, default=0)
    width: Mapped[int] = mapped_column(Integer, default=0)
    height: Mapped[int] = mapped_column(Integer, default=0)
    active_by_default: Mapped[bool] = mapped_column(Boolean, default=False)
    last_modified_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)


class Shipment(Stamped, Base):
    __tablename__ = "shipment"
    __table_args__ = (
        UniqueConstraint("company_id", "shipment_nbr"),
        Index("ix_shipment_company_nbr_id", "company_id", "shipment_nbr", "id"),
        Index("ix_shipment_company_modified_id", "company_id", "last_modified_at", "id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    company_id: Mapped[int] = mapped_column(ForeignKey("company.id", ondelete="CASCADE"))
    shipment_nbr: Mapped[str] = mapped_column(String(15))
    shipment_type: Mapped[str] = mapped_column(String(10), default="Issue")
    status: Mapped[str] = mapped_column(String(20), default="Open")
    hold: Mapped[bool] = mapped_column(Boolean, default=False)
    operation: Mapped[str] = mapped_column(String(10), default="Issue")
    # A calendar day kept as midnight UTC.
    date: Mapped[datetime] = mapped_column(UTCDateTime)
    period_id: Mapped[str] = mapped_column(String(6))
    customer_id: Mapped[int] = mapped_column(ForeignKey("customer.id"))
    location: Mapped[str | None] = mapped_column(String(30))
    warehouse_id: Mapped[int | None] = mapped_column(ForeignKey("warehouse.id"))
    to_warehouse_id: Mapped[int | None] = mapped_column(ForeignKey("warehouse.id"))
    currency_id: Mapped[str] = mapped_column(String(5))
    control_quantity: Mapped[Decimal] = mapped_column(Money, default=ZERO)
    # The delivery address and contact when overridden (the customer's otherwise), as the DTO's keys.
    delivery_address: Mapped[dict] = mapped_column(Document, default=dict)
    delivery_contact: Mapped[dict] = mapped_column(Document, default=dict)
    ship_via: Mapped[str | None] = mapped_column(String(15))
    fob_point: Mapped[str | None] = mapped_column(String(15))
    shipping_terms: Mapped[str | None] = mapped_column(String(15))
    shipping_zone: Mapped[str | None] = mapped_column(String(15))
    residential_delivery: Mapped[bool] = mapped_column(Boolean, default=False)
    saturday_delivery: Mapped[bool] = mapped_column(Boolean, default=False)
    use_customer_account: Mapped[bool] = mapped_column(Boolean, default=False)
    insurance: Mapped[bool] = mapped_column(Boolean, default=False)
    freight_cost: Mapped[Decimal] = mapped_column(Money, default=ZERO)
    freight_amt: Mapped[Decimal] = mapped_column(Money, default=ZERO)
    transaction_type: Mapped[int | None] = mapped_column(Integer)
    mode_of_transport: Mapped[str | None] = mapped_column(String(30))
    container: Mapped[bool] = mapped_column(Boolean, default=False)
    note: Mapped[str | None] = mapped_column(Text)
    # Computed from the lines on every write.
    shipped_quantity: Mapped[Decimal] = mapped_column(Money, default=ZERO)
    # The IN batch the confirmation posted, and the invoice made of the shipment.
    batch_number: Mapped[str | None] = mapped_column(String(15))
    invoice_type: Mapped[str | None] = mapped_column(String(20))
    invoice_nbr: Mapped[str | None] = mapped_column(String(15))
    custom: Mapped[dict] = mapped_column(Document, default=dict)

    customer: Mapped[Customer] = relationship(lazy="joined")
    warehouse: Mapped[Warehouse | None] = relationship(foreign_keys=[warehouse_id], lazy="joined")
    to_warehouse: Mapped[Warehouse | None] = relationship(foreign_keys=[to_warehouse_id], lazy="joined")
    lines: Mapped[list[ShipmentLine]] = relationship(
        back_populates="shipment",
        cascade="all, delete-orphan",
        order_by="ShipmentLine.line_number",
        lazy="selectin",
    )
    packages: Mapped[list[ShipmentPackage]] = relationship(
        back_populates="shipment",
        cascade="all, delete-orphan",
        order_by="ShipmentPackage.line_number",
        lazy="selectin",
    )


class ShipmentLine(Base):
    __tablename__ = "shipment_line"
    __table_args__ = (
        UniqueConstraint("shipment_id", "line_number"),
        Index("ix_shipment_line_order", "company_id", "order_type", "order_nbr", "order_line_nbr"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    company_id: Mapped[int] = mapped_column(ForeignKey("company.id", ondelete="CASCADE"))
    shipment_id: Mapped[int] = mapped_column(ForeignKey("shipment.id", ondelete="CASCADE"))
    line_number: Mapped[int] = mapped_column(Integer)
    # The sales order line shipped (none: a line added by item).
    order_type: Mapped[str | None] = mapped_column(String(2))
    order_nbr: Mapped[str | None] = mapped_column(String(15))
    order_line_nbr: Mapped[int | None] = mapped_column(Integer)
    item_id: Mapped[int] = mapped_column(ForeignKey("inventory_item.id"))
    free_item: Mapped[bool] = mapped_column(Boolean, default=False)
    warehouse_id: Mapped[int | None] = mapped_column(ForeignKey("warehouse.id"))
    location_id: Mapped[int | None] = mapped_column(ForeignKey("warehouse_location.id"))
    uom: Mapped[str | None] = mapped_column(String(6))
    shipped_qty: Mapped[Decimal] = mapped_column(Money, default=ZERO)
    lot_serial: Mapped[str] = mapped_column(String(100), default="")
    expiration_date: Mapped[datetime | None] = mapped_column(UTCDateTime)
    reason_code: Mapped[str | None] = mapped_column(String(20))
    description: Mapped[str | None] = mapped_column(String(255))
    note: Mapped[str | None] = mapped_column(Text)
    # [{"lineNbr", "location", "lotSerialNumber", "quantity", "expirationDate"}]: several places on one line.
    allocations: Mapped[list] = mapped_column(Document, default=list)
    # What the confirmation took out of stock (base currency), put back at that cost by a correction.
    value: Mapped[Decimal] = mapped_column(Money, default=ZERO)
    custom: Mapped[dict] = mapped_column(Document, default=dict)

    shipment: Mapped[Shipment] = relationship(back_populates="lines")
    item: Mapped[InventoryItem] = relationship(lazy="joined")
    warehouse: Mapped[Warehouse | None] = relationship(lazy="joined")
    location: Mapped[WarehouseLocation | None] = relationship(lazy="joined")


class ShipmentPackage(Base):
    __tablename__ = "shipment_package"
    __table_args__ = (UniqueConstraint("shipment_id", "line_number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    company_id: Mapped[int] = mapped_column(ForeignKey("company.id", ondelete="CASCADE"))
    shipment_id: Mapped[int] = mapped_column(ForeignKey("shipment.id", ondelete="CASCADE"))
    line_number: Mapped[int] = mapped_column(Integer)
    confirmed: Mapped[bool] = mapped_column(Boolean, default=False)
    box_id: Mapped[str | None] = mapped_column(String(15))
    description: Mapped[str | None] = mapped_column(String(255))
    weight: Mapped[Decimal] = mapped_column(Money, default=ZERO)
    volume: Mapped[Decimal] = mapped_column(Money, default=ZERO)
    declared_value: Mapped[Decimal] = mapped_column(Money, default=ZERO)
    cod_amount: Mapped[Decimal] = mapped_column(Money, default=ZERO)
    tracking_number: Mapped[str | None] = mapped_column(String(255))
    custom_ref_nbr1: Mapped[str | None] = mapped_column(String(255))
    custom_ref_nbr2: Mapped[str | None] = mapped_column(String(255))

    shipment: Mapped[Shipment] = relationship(back_populates="packages")


# Not in the part of the catalogue that could be read; named like the documents'.
events.register(
    events.Source(
        "Shipment",
        Shipment,
        frozenset({events.CHANGED, events.STATUS_CHANGED}),
        key=lambda shipment: shipment.shipment_nbr,
        status="status",
    )
)
