"""Physical inventory counts (Visma: IN502000 prepares one, IN305000 reviews it; the API's `/v2/stocktake`).

A count is prepared for one warehouse: one line per item, location and lot or serial number on hand, with the
book quantity frozen then. Counted quantities are entered on the lines; completing the count releases the
differences as stock movements and posts them."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from enum import StrEnum

from sqlalchemy import Date, ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..db.base import Base, Stamped, utcnow
from ..db.types import Money, UTCDateTime
from ..inventory.models import InventoryItem, Warehouse, WarehouseLocation

ZERO = Decimal(0)


class CountStatus(StrEnum):
    """The document's `summaryStatus`."""

    COUNTING = "Counting"
    ENTERING = "Entering"
    COMPLETED = "Completed"
    CANCELLED = "Cancelled"


class LineStatus(StrEnum):
    NOT_ENTERED = "NotEntered"
    ENTERED = "Entered"
    SKIPPED = "Skipped"


class Stocktake(Stamped, Base):
    __tablename__ = "stocktake"
    __table_args__ = (UniqueConstraint("company_id", "ref_nbr"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    company_id: Mapped[int] = mapped_column(ForeignKey("company.id", ondelete="CASCADE"))
    ref_nbr: Mapped[str] = mapped_column(String(15))
    description: Mapped[str] = mapped_column(String(255), default="")
    status: Mapped[str] = mapped_column(String(20), default=CountStatus.COUNTING)
    warehouse_id: Mapped[int] = mapped_column(ForeignKey("warehouse.id", ondelete="CASCADE"))
    # When the book quantities were taken.
    frozen_at: Mapped[datetime] = mapped_column(UTCDateTime)
    # Completion: the day the differences were released, and the batch they posted (None: no value moved).
    completed_on: Mapped[date | None] = mapped_column(Date)
    batch_number: Mapped[str | None] = mapped_column(String(15))

    warehouse: Mapped[Warehouse] = relationship(lazy="joined")
    lines: Mapped[list[StocktakeLine]] = relationship(
        back_populates="stocktake", order_by="StocktakeLine.line_nbr", cascade="all, delete-orphan", lazy="selectin"
    )


class StocktakeLine(Base):
    __tablename__ = "stocktake_line"
    __table_args__ = (UniqueConstraint("stocktake_id", "line_nbr"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    stocktake_id: Mapped[int] = mapped_column(ForeignKey("stocktake.id", ondelete="CASCADE"), index=True)
    line_nbr: Mapped[int] = mapped_column(Integer)
    tag_nbr: Mapped[int | None] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(20), default=LineStatus.NOT_ENTERED)
    item_id: Mapped[int] = mapped_column(ForeignKey("inventory_item.id", ondelete="CASCADE"))
    location_id: Mapped[int | None] = mapped_column(ForeignKey("warehouse_location.id", ondelete="CASCADE"))
    lot_serial: Mapped[str] = mapped_column(String(100), default="")
    expiration_date: Mapped[date | None] = mapped_column(Date)
    book_quantity: Mapped[Decimal] = mapped_column(Money, default=ZERO)
    physical_quantity: Mapped[Decimal | None] = mapped_column(Money)
    unit_cost: Mapped[Decimal] = mapped_column(Money, default=ZERO)
    reason_code: Mapped[str | None] = mapped_column(String(20))
    # A line entered through the API for a place the preparation did not find (book quantity 0).
    added: Mapped[bool] = mapped_column(default=False)
    last_modified_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    stocktake: Mapped[Stocktake] = relationship(back_populates="lines")
    item: Mapped[InventoryItem] = relationship(lazy="joined")
    location: Mapped[WarehouseLocation | None] = relationship(lazy="joined")

    @property
    def variance_quantity(self) -> Decimal:
        """Counted less book; none for a line not counted."""
        if self.physical_quantity is None or self.status != LineStatus.ENTERED:
            return ZERO
        return self.physical_quantity - self.book_quantity
