"""Sales prices and discounts (AR202000, AR209000, AR209500): the price lists documents take their unit price
from, the discount codes, and the discount series with their breakpoints and the customers, items, warehouses,
price classes and branches a series applies to."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import Boolean, Date, ForeignKey, Index, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..db.base import Base, Stamped
from ..db.types import Money, UTCDateTime
from ..inventory.models import InventoryItem, Warehouse
from ..receivables.models import Customer

ZERO = Decimal(0)


class SalesPrice(Stamped, Base):
    """One price of an item (CustomerSalesPrice): for everyone (`Base`), one customer or a customer price class,
    in a unit and currency, from a break quantity up, in a warehouse or all, between two days, promotional or
    not. `record_id` is its key on the wire: the company's prices numbered in turn from 1."""

    __tablename__ = "customer_sales_price"
    __table_args__ = (
        UniqueConstraint("company_id", "record_id"),
        Index("ix_customer_sales_price_company_item", "company_id", "item_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    company_id: Mapped[int] = mapped_column(ForeignKey("company.id", ondelete="CASCADE"))
    record_id: Mapped[int] = mapped_column(Integer)
    price_type: Mapped[str] = mapped_column(String(20), default="Base")
    customer_id: Mapped[int | None] = mapped_column(ForeignKey("customer.id", ondelete="CASCADE"))
    price_class: Mapped[str | None] = mapped_column(String(10))
    item_id: Mapped[int | None] = mapped_column(ForeignKey("inventory_item.id", ondelete="CASCADE"))
    uom: Mapped[str | None] = mapped_column(String(6))
    promotion: Mapped[bool] = mapped_column(Boolean, default=False)
    break_qty: Mapped[Decimal] = mapped_column(Money, default=ZERO)
    price: Mapped[Decimal] = mapped_column(Money, default=ZERO)
    currency_id: Mapped[str | None] = mapped_column(String(5))
    vat: Mapped[str | None] = mapped_column(String(10))
    effective_date: Mapped[date | None] = mapped_column(Date)
    expiration_date: Mapped[date | None] = mapped_column(Date)
    warehouse_id: Mapped[int | None] = mapped_column(ForeignKey("warehouse.id", ondelete="CASCADE"))

    customer: Mapped[Customer | None] = relationship(lazy="joined")
    item: Mapped[InventoryItem | None] = relationship(lazy="joined")
    warehouse: Mapped[Warehouse | None] = relationship(lazy="joined")


class DiscountCode(Stamped, Base):
    """A discount code (AR209000): its type (`Line`, `Group`, `Document`) and what its series apply to
    (`applicable_to`: `Unconditional`, or dimensions joined by `And`, such as `CustomerAndItem`)."""

    __tablename__ = "discount_code"
    __table_args__ = (UniqueConstraint("company_id", "code"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    company_id: Mapped[int] = mapped_column(ForeignKey("company.id", ondelete="CASCADE"))
    code: Mapped[str] = mapped_column(String(10))
    description: Mapped[str | None] = mapped_column(String(255))
    discount_type: Mapped[str] = mapped_column(String(20), default="Line")
    applicable_to: Mapped[str] = mapped_column(String(60), default="Unconditional")
    apply_to_deferred_revenue: Mapped[bool] = mapped_column(Boolean, default=False)
    manual: Mapped[bool] = mapped_column(Boolean, default=False)
    exclude_from_discountable_amount: Mapped[bool] = mapped_column(Boolean, default=False)
    skip_document_discounts: Mapped[bool] = mapped_column(Boolean, default=False)
    auto_numbering: Mapped[bool] = mapped_column(Boolean, default=False)
    last_number: Mapped[str | None] = mapped_column(String(10))


class DiscountSeries(Stamped, Base):
    """A discount series (AR209500): how it discounts (`Percent`, `Amount`, `FreeItem`) and breaks (`Quantity`,
    `Amount`), its breakpoints with their current, last and pending values, and what it applies to."""

    __tablename__ = "discount_series"
    __table_args__ = (UniqueConstraint("company_id", "code_id", "series"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    company_id: Mapped[int] = mapped_column(ForeignKey("company.id", ondelete="CASCADE"))
    code_id: Mapped[int] = mapped_column(ForeignKey("discount_code.id", ondelete="CASCADE"))
    series: Mapped[str] = mapped_column(String(10))
    description: Mapped[str | None] = mapped_column(String(255))
    discount_by: Mapped[str] = mapped_column(String(10), default="Percent")
    break_by: Mapped[str] = mapped_column(String(10), default="Quantity")
    promotional: Mapped[bool] = mapped_column(Boolean, default=False)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    prorate_discount: Mapped[bool] = mapped_column(Boolean, default=False)
    effective_date: Mapped[date | None] = mapped_column(Date)
    expiration_date: Mapped[date | None] = mapped_column(Date)
    last_update_date: Mapped[datetime | None] = mapped_column(UTCDateTime)

    code: Mapped[DiscountCode] = relationship(lazy="joined")
    breakpoints: Mapped[list[DiscountBreakpoint]] = relationship(
        back_populates="series_record",
        cascade="all, delete-orphan",
        lazy="selectin",
        order_by="DiscountBreakpoint.line_nbr",
    )
    targets: Mapped[list[DiscountTarget]] = relationship(
        cascade="all, delete-orphan", lazy="selectin", order_by="DiscountTarget.id"
    )


class DiscountBreakpoint(Base):
    """One breakpoint of a series: from a break quantity or amount, the discount (percent or amount); the values
    in effect since `effective_date`, the ones before it (`last_...`) and the pending ones, which take effect on
    `pending_date` when discounts are updated."""

    __tablename__ = "discount_breakpoint"
    __table_args__ = (UniqueConstraint("series_id", "line_nbr"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    company_id: Mapped[int] = mapped_column(ForeignKey("company.id", ondelete="CASCADE"))
    series_id: Mapped[int] = mapped_column(ForeignKey("discount_series.id", ondelete="CASCADE"))
    line_nbr: Mapped[int] = mapped_column(Integer)
    break_amount: Mapped[Decimal] = mapped_column(Money, default=ZERO)
    break_quantity: Mapped[Decimal] = mapped_column(Money, default=ZERO)
    discount_amount: Mapped[Decimal] = mapped_column(Money, default=ZERO)
    discount_percent: Mapped[Decimal] = mapped_column(Money, default=ZERO)
    last_break_amount: Mapped[Decimal | None] = mapped_column(Money)
    last_break_quantity: Mapped[Decimal | None] = mapped_column(Money)
    last_discount_amount: Mapped[Decimal | None] = mapped_column(Money)
    last_discount_percent: Mapped[Decimal | None] = mapped_column(Money)
    pending_break_amount: Mapped[Decimal | None] = mapped_column(Money)
    pending_break_quantity: Mapped[Decimal | None] = mapped_column(Money)
    pending_discount_amount: Mapped[Decimal | None] = mapped_column(Money)
    pending_discount_percent: Mapped[Decimal | None] = mapped_column(Money)
    pending_date: Mapped[date | None] = mapped_column(Date)
    effective_date: Mapped[date | None] = mapped_column(Date)

    series_record: Mapped[DiscountSeries] = relationship(back_populates="breakpoints")


class DiscountTarget(Base):
    """What a series applies to, one row each: a customer, an item or a warehouse (by record), or a customer
    price class, item price class or branch (by code). `kind` is the dimension (`Customer`, `Item`, ...)."""

    __tablename__ = "discount_target"

    id: Mapped[int] = mapped_column(primary_key=True)
    company_id: Mapped[int] = mapped_column(ForeignKey("company.id", ondelete="CASCADE"))
    series_id: Mapped[int] = mapped_column(ForeignKey("discount_series.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(20))
    customer_id: Mapped[int | None] = mapped_column(ForeignKey("customer.id", ondelete="CASCADE"))
    item_id: Mapped[int | None] = mapped_column(ForeignKey("inventory_item.id", ondelete="CASCADE"))
    warehouse_id: Mapped[int | None] = mapped_column(ForeignKey("warehouse.id", ondelete="CASCADE"))
    code: Mapped[str | None] = mapped_column(String(30))

    customer: Mapped[Customer | None] = relationship(lazy="joined")
    item: Mapped[InventoryItem | None] = relationship(lazy="joined")
    warehouse: Mapped[Warehouse | None] = relationship(lazy="joined")
