"""Stock: what is on hand, what it cost, and every movement (Visma: IN's item site status, cost layers and
transaction history). Only `stock.engine` writes these tables."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from sqlalchemy import Date, ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column

from ..db.base import Base
from ..db.types import Money

ZERO = Decimal(0)


class StockQuantity(Base):
    """The quantity on hand of an item in a warehouse, at a location (None in a warehouse without locations) and of
    a lot or serial number ("" for untracked items). Never negative."""

    __tablename__ = "stock_quantity"
    __table_args__ = (Index("ix_stock_quantity_place", "item_id", "warehouse_id", "location_id", "lot_serial"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    company_id: Mapped[int] = mapped_column(ForeignKey("company.id", ondelete="CASCADE"), index=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("inventory_item.id", ondelete="CASCADE"))
    warehouse_id: Mapped[int] = mapped_column(ForeignKey("warehouse.id", ondelete="CASCADE"))
    location_id: Mapped[int | None] = mapped_column(ForeignKey("warehouse_location.id", ondelete="CASCADE"))
    lot_serial: Mapped[str] = mapped_column(String(100), default="")
    on_hand: Mapped[Decimal] = mapped_column(Money, default=ZERO)
    # The day a lot or serial number was first received here (FIFO issue of lots).
    received_on: Mapped[date] = mapped_column(Date)


class CostLayer(Base):
    """What the units of an item in a warehouse cost: one layer per receipt under FIFO (issued oldest first), one
    layer holding the total under average cost, one at the standard cost under standard. `value` is in the
    company's base currency, to the øre; the sum of the layers is the inventory accounts' balance."""

    __tablename__ = "stock_cost_layer"
    __table_args__ = (Index("ix_stock_cost_layer_item", "item_id", "warehouse_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    company_id: Mapped[int] = mapped_column(ForeignKey("company.id", ondelete="CASCADE"), index=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("inventory_item.id", ondelete="CASCADE"))
    warehouse_id: Mapped[int] = mapped_column(ForeignKey("warehouse.id", ondelete="CASCADE"))
    received_on: Mapped[date] = mapped_column(Date)
    quantity: Mapped[Decimal] = mapped_column(Money, default=ZERO)
    value: Mapped[Decimal] = mapped_column(Money, default=ZERO)
    source: Mapped[str] = mapped_column(String(60), default="")


class StockMovement(Base):
    """One released movement of one item: the quantity (positive in, negative out) and the value it moved, with
    the document line it comes from. Their sums per item and warehouse are the quantities and layers."""

    __tablename__ = "stock_movement"
    __table_args__ = (
        Index("ix_stock_movement_item", "item_id", "warehouse_id"),
        Index("ix_stock_movement_source", "company_id", "source_type", "source_number"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    company_id: Mapped[int] = mapped_column(ForeignKey("company.id", ondelete="CASCADE"))
    item_id: Mapped[int] = mapped_column(ForeignKey("inventory_item.id", ondelete="CASCADE"))
    warehouse_id: Mapped[int] = mapped_column(ForeignKey("warehouse.id", ondelete="CASCADE"))
    location_id: Mapped[int | None] = mapped_column(ForeignKey("warehouse_location.id", ondelete="CASCADE"))
    lot_serial: Mapped[str] = mapped_column(String(100), default="")
    quantity: Mapped[Decimal] = mapped_column(Money)
    value: Mapped[Decimal] = mapped_column(Money)
    moved_on: Mapped[date] = mapped_column(Date)
    source_type: Mapped[str] = mapped_column(String(30))
    source_number: Mapped[str] = mapped_column(String(30))
    source_line: Mapped[int | None] = mapped_column()
