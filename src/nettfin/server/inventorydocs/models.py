"""Inventory documents (IN301000 receipts, IN302000 issues, IN303000 adjustments, IN304000 transfers): one register
of documents, each of a type, with its lines. A line names an item, a warehouse (a transfer's come from the
header), a location, a lot or serial number or allocations (several lots, serials or locations on one line), a
quantity and its cost. Released documents carry the journal batch their release posted (none when it posted
nothing)."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from enum import StrEnum

from sqlalchemy import JSON, Boolean, ForeignKey, Index, Integer, String, UniqueConstraint
from sqlalchemy.dialects import postgresql
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..db.base import Base, Stamped
from ..db.types import Money, UTCDateTime
from ..inventory.models import InventoryItem, Warehouse, WarehouseLocation

ZERO = Decimal(0)


class DocumentType(StrEnum):
    RECEIPT = "Receipt"
    ISSUE = "Issue"
    ADJUSTMENT = "Adjustment"
    TRANSFER = "Transfer"


class InventoryDocument(Stamped, Base):
    __tablename__ = "inventory_document"
    __table_args__ = (
        UniqueConstraint("company_id", "doc_type", "reference_number"),
        Index("ix_inventory_document_company_modified_id", "company_id", "last_modified_at", "id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    company_id: Mapped[int] = mapped_column(ForeignKey("company.id", ondelete="CASCADE"))
    doc_type: Mapped[str] = mapped_column(String(12))
    reference_number: Mapped[str] = mapped_column(String(15))
    status: Mapped[str] = mapped_column(String(10), default="Balanced")
    hold: Mapped[bool] = mapped_column(Boolean, default=False)
    released: Mapped[bool] = mapped_column(Boolean, default=False)
    # A calendar day kept as midnight UTC.
    date: Mapped[datetime] = mapped_column(UTCDateTime)
    period_id: Mapped[str] = mapped_column(String(6))
    external_reference: Mapped[str | None] = mapped_column(String(40))
    description: Mapped[str | None] = mapped_column(String(256))
    branch_cd: Mapped[str | None] = mapped_column(String(30))
    # A transfer's warehouses (None on the other types).
    warehouse_id: Mapped[int | None] = mapped_column(ForeignKey("warehouse.id", ondelete="CASCADE"))
    to_warehouse_id: Mapped[int | None] = mapped_column(ForeignKey("warehouse.id", ondelete="CASCADE"))
    total_quantity: Mapped[Decimal] = mapped_column(Money, default=ZERO)
    total_cost: Mapped[Decimal] = mapped_column(Money, default=ZERO)
    total_amount: Mapped[Decimal] = mapped_column(Money, default=ZERO)
    # None: never sent (the control figure is the total).
    control_quantity: Mapped[Decimal | None] = mapped_column(Money)
    control_cost: Mapped[Decimal | None] = mapped_column(Money)
    batch_number: Mapped[str | None] = mapped_column(String(15))

    warehouse: Mapped[Warehouse | None] = relationship(foreign_keys=[warehouse_id], lazy="joined")
    to_warehouse: Mapped[Warehouse | None] = relationship(foreign_keys=[to_warehouse_id], lazy="joined")
    lines: Mapped[list[InventoryDocumentLine]] = relationship(
        back_populates="document",
        cascade="all, delete-orphan",
        order_by="InventoryDocumentLine.line_number",
        lazy="selectin",
    )


class InventoryDocumentLine(Base):
    __tablename__ = "inventory_document_line"
    __table_args__ = (UniqueConstraint("document_id", "line_number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    company_id: Mapped[int] = mapped_column(ForeignKey("company.id", ondelete="CASCADE"))
    document_id: Mapped[int] = mapped_column(ForeignKey("inventory_document.id", ondelete="CASCADE"))
    line_number: Mapped[int] = mapped_column(Integer)
    # Issue lines: Issue or Return.
    tran_type: Mapped[str | None] = mapped_column(String(12))
    item_id: Mapped[int | None] = mapped_column(ForeignKey("inventory_item.id", ondelete="CASCADE"))
    warehouse_id: Mapped[int | None] = mapped_column(ForeignKey("warehouse.id", ondelete="CASCADE"))
    location_id: Mapped[int | None] = mapped_column(ForeignKey("warehouse_location.id", ondelete="CASCADE"))
    to_location_id: Mapped[int | None] = mapped_column(ForeignKey("warehouse_location.id", ondelete="CASCADE"))
    lot_serial: Mapped[str] = mapped_column(String(100), default="")
    # [{"lineNbr", "location" (code), "lotSerialNumber", "quantity" (a string)}]: the line's places, when it has
    # several; their quantities add up to the line's.
    allocations: Mapped[list] = mapped_column(JSON().with_variant(postgresql.JSONB(), "postgresql"), default=list)
    quantity: Mapped[Decimal] = mapped_column(Money, default=ZERO)
    uom: Mapped[str | None] = mapped_column(String(6))
    # None: the cost the release finds (an issue's from the cost layers, a receipt's the item's average).
    unit_cost: Mapped[Decimal | None] = mapped_column(Money)
    ext_cost: Mapped[Decimal] = mapped_column(Money, default=ZERO)
    unit_price: Mapped[Decimal] = mapped_column(Money, default=ZERO)
    ext_price: Mapped[Decimal] = mapped_column(Money, default=ZERO)
    description: Mapped[str | None] = mapped_column(String(256))
    branch_cd: Mapped[str | None] = mapped_column(String(30))

    document: Mapped[InventoryDocument] = relationship(back_populates="lines")
    item: Mapped[InventoryItem | None] = relationship(lazy="joined")
    warehouse: Mapped[Warehouse | None] = relationship(lazy="joined")
    location: Mapped[WarehouseLocation | None] = relationship(foreign_keys=[location_id], lazy="joined")
    to_location: Mapped[WarehouseLocation | None] = relationship(foreign_keys=[to_location_id], lazy="joined")
