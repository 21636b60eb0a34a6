"""Kits (IN209500 kit specifications, IN307000 kit assembly): what a kit item is made of, per revision, and the
documents that assemble kits from their components or take kits apart into them."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from sqlalchemy import Boolean, ForeignKey, Index, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..db.base import Base, Stamped
from ..db.types import Money, UTCDateTime
from ..inventory.models import InventoryItem, Warehouse, WarehouseLocation

ZERO = Decimal(0)
ONE = Decimal(1)


class KitSpecification(Stamped, Base):
    """One revision of a kit item's specification: its stock and non-stock components."""

    __tablename__ = "kit_specification"
    __table_args__ = (
        UniqueConstraint("company_id", "kit_item_id", "revision"),
        Index("ix_kit_specification_company_modified_id", "company_id", "last_modified_at", "id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    company_id: Mapped[int] = mapped_column(ForeignKey("company.id", ondelete="CASCADE"))
    kit_item_id: Mapped[int] = mapped_column(ForeignKey("inventory_item.id", ondelete="CASCADE"))
    # The list's order: kit item number, then revision.
    kit_number: Mapped[str] = mapped_column(String(30))
    revision: Mapped[str] = mapped_column(String(10))
    description: Mapped[str | None] = mapped_column(String(256))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    allow_component_addition: Mapped[bool] = mapped_column(Boolean, default=False)

    kit_item: Mapped[InventoryItem] = relationship(lazy="joined")
    components: Mapped[list[KitSpecificationComponent]] = relationship(
        back_populates="specification",
        cascade="all, delete-orphan",
        order_by=lambda: [KitSpecificationComponent.stock.desc(), KitSpecificationComponent.line_number],
        lazy="selectin",
    )


class KitSpecificationComponent(Base):
    """A component of a revision: a stock component (`stock`) or a non-stock one, each kind numbered on its own.
    `quantity` is per kit."""

    __tablename__ = "kit_specification_component"
    __table_args__ = (UniqueConstraint("specification_id", "stock", "line_number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    company_id: Mapped[int] = mapped_column(ForeignKey("company.id", ondelete="CASCADE"))
    specification_id: Mapped[int] = mapped_column(ForeignKey("kit_specification.id", ondelete="CASCADE"))
    stock: Mapped[bool] = mapped_column(Boolean)
    line_number: Mapped[int] = mapped_column()
    item_id: Mapped[int] = mapped_column(ForeignKey("inventory_item.id"))
    quantity: Mapped[Decimal] = mapped_column(Money, default=ONE)
    uom: Mapped[str | None] = mapped_column(String(6))
    allow_qty_variation: Mapped[bool] = mapped_column(Boolean, default=False)
    min_qty: Mapped[Decimal | None] = mapped_column(Money)
    max_qty: Mapped[Decimal | None] = mapped_column(Money)
    disassembly_coeff: Mapped[Decimal] = mapped_column(Money, default=ONE)
    allow_substitution: Mapped[bool] = mapped_column(Boolean, default=False)

    specification: Mapped[KitSpecification] = relationship(back_populates="components")
    item: Mapped[InventoryItem] = relationship(lazy="joined")


class KitAssembly(Stamped, Base):
    """A kit assembly document: type `P` (production: components in, kit out) or `D` (disassembly)."""

    __tablename__ = "kit_assembly"
    __table_args__ = (
        UniqueConstraint("company_id", "ref_no"),
        Index("ix_kit_assembly_company_modified_id", "company_id", "last_modified_at", "id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    company_id: Mapped[int] = mapped_column(ForeignKey("company.id", ondelete="CASCADE"))
    doc_type: Mapped[str] = mapped_column(String(1))
    ref_no: Mapped[str] = mapped_column(String(15))
    status: Mapped[str] = mapped_column(String(1), default="B")
    hold: Mapped[bool] = mapped_column(Boolean, default=False)
    released: Mapped[bool] = mapped_column(Boolean, default=False)
    # A calendar day kept as midnight UTC.
    date: Mapped[datetime] = mapped_column(UTCDateTime)
    period_id: Mapped[str] = mapped_column(String(6))
    kit_item_id: Mapped[int | None] = mapped_column(ForeignKey("inventory_item.id"))
    revision: Mapped[str | None] = mapped_column(String(10))
    reason_code: Mapped[str | None] = mapped_column(String(20))
    description: Mapped[str | None] = mapped_column(String(256))
    warehouse_id: Mapped[int | None] = mapped_column(ForeignKey("warehouse.id"))
    location_id: Mapped[int | None] = mapped_column(ForeignKey("warehouse_location.id"))
    uom: Mapped[str | None] = mapped_column(String(6))
    quantity: Mapped[Decimal] = mapped_column(Money, default=ONE)
    batch_number: Mapped[str | None] = mapped_column(String(15))

    kit_item: Mapped[InventoryItem | None] = relationship(lazy="joined")
    warehouse: Mapped[Warehouse | None] = relationship(lazy="joined")
    location: Mapped[WarehouseLocation | None] = relationship(lazy="joined")
    components: Mapped[list[KitAssemblyComponent]] = relationship(
        back_populates="assembly",
        cascade="all, delete-orphan",
        order_by=lambda: [KitAssemblyComponent.stock.desc(), KitAssemblyComponent.line_number],
        lazy="selectin",
    )


class KitAssemblyComponent(Base):
    """A component line: `quantity` is the line's whole quantity (the specification's per-kit quantity times the
    kit quantity unless changed); the specification's terms are kept as they were when the line was made."""

    __tablename__ = "kit_assembly_component"
    __table_args__ = (UniqueConstraint("assembly_id", "stock", "line_number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    company_id: Mapped[int] = mapped_column(ForeignKey("company.id", ondelete="CASCADE"))
    assembly_id: Mapped[int] = mapped_column(ForeignKey("kit_assembly.id", ondelete="CASCADE"))
    stock: Mapped[bool] = mapped_column(Boolean)
    line_number: Mapped[int] = mapped_column()
    item_id: Mapped[int | None] = mapped_column(ForeignKey("inventory_item.id"))
    location_id: Mapped[int | None] = mapped_column(ForeignKey("warehouse_location.id"))
    uom: Mapped[str | None] = mapped_column(String(6))
    quantity: Mapped[Decimal] = mapped_column(Money, default=ZERO)
    unit_cost: Mapped[Decimal] = mapped_column(Money, default=ZERO)
    reason_code: Mapped[str | None] = mapped_column(String(20))
    # From the specification (None: a component it does not have).
    component_qty: Mapped[Decimal | None] = mapped_column(Money)
    allow_qty_variation: Mapped[bool] = mapped_column(Boolean, default=False)
    min_qty: Mapped[Decimal | None] = mapped_column(Money)
    max_qty: Mapped[Decimal | None] = mapped_column(Money)
    allow_substitution: Mapped[bool] = mapped_column(Boolean, default=False)
    disassembly_coeff: Mapped[Decimal | None] = mapped_column(Money)

    assembly: Mapped[KitAssembly] = relationship(back_populates="components")
    item: Mapped[InventoryItem | None] = relationship(lazy="joined")
    location: Mapped[WarehouseLocation | None] = relationship(lazy="joined")
