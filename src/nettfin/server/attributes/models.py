"""An attribute (CS205000) and the values of its combo box (the attribute's details)."""

from __future__ import annotations

from sqlalchemy import Boolean, ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..db.base import Base, Stamped

# The control types whose values are a list of details.
COMBO_TYPES = frozenset({"Combo", "MultiSelectCombo"})


class Attribute(Stamped, Base):
    __tablename__ = "attribute"
    __table_args__ = (UniqueConstraint("company_id", "attribute_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    company_id: Mapped[int] = mapped_column(ForeignKey("company.id", ondelete="CASCADE"))
    attribute_id: Mapped[str] = mapped_column(String(10))
    description: Mapped[str] = mapped_column(String(60), default="")
    control_type: Mapped[str] = mapped_column(String(20), default="Text")
    internal: Mapped[bool] = mapped_column(Boolean, default=False)
    entry_mask: Mapped[str | None] = mapped_column(String(60))
    reg_exp: Mapped[str | None] = mapped_column(String(255))

    details: Mapped[list[AttributeValue]] = relationship(
        cascade="all, delete-orphan",
        order_by="(AttributeValue.sort_order, AttributeValue.value_id)",
        lazy="selectin",
    )


class AttributeValue(Base):
    """One value a combo attribute offers, named by its value id."""

    __tablename__ = "attribute_value"
    __table_args__ = (UniqueConstraint("attribute_id", "value_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    attribute_id: Mapped[int] = mapped_column(ForeignKey("attribute.id", ondelete="CASCADE"))
    value_id: Mapped[str] = mapped_column(String(10))
    description: Mapped[str] = mapped_column(String(60), default="")
    sort_order: Mapped[int] = mapped_column(Integer, default=0)
    disabled: Mapped[bool] = mapped_column(Boolean, default=False)
