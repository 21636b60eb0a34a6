"""The VAT set-up: VAT IDs with their rate schedules (TX205000), VAT categories (TX205500), VAT zones
(TX206000), and the company's VAT preferences. Determination lives in `determination.py`."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import Boolean, Column, Date, ForeignKey, Index, Integer, String, Table, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..db.base import Base, Stamped, utcnow
from ..db.types import Money, UTCDateTime
from ..ledger.models import Account, Subaccount

# Which VAT IDs a zone holds and which a category holds; determination takes the VAT ID present in both.
vat_zone_vat = Table(
    "vat_zone_vat",
    Base.metadata,
    Column("vat_zone_id", ForeignKey("vat_zone.id", ondelete="CASCADE"), primary_key=True),
    Column("vat_id", ForeignKey("vat.id", ondelete="CASCADE"), primary_key=True),
)
vat_category_vat = Table(
    "vat_category_vat",
    Base.metadata,
    Column("vat_category_id", ForeignKey("vat_category.id", ondelete="CASCADE"), primary_key=True),
    Column("vat_id", ForeignKey("vat.id", ondelete="CASCADE"), primary_key=True),
)


class VatSettings(Base):
    """Per-company VAT preferences; a company without a row has the defaults."""

    __tablename__ = "vat_settings"

    company_id: Mapped[int] = mapped_column(ForeignKey("company.id", ondelete="CASCADE"), primary_key=True)
    rounding: Mapped[str] = mapped_column(String(20), default="PerDocument")  # determination.VatRounding


class Vat(Base):
    """A VAT ID (TX205000). Accounts and subaccounts are the ledger's; rates come from the schedule."""

    __tablename__ = "vat"
    __table_args__ = (
        UniqueConstraint("company_id", "vat_id"),
        Index("ix_vat_company_modified_id", "company_id", "last_modified_at", "id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    company_id: Mapped[int] = mapped_column(ForeignKey("company.id", ondelete="CASCADE"))
    vat_id: Mapped[str] = mapped_column(String(10))
    description: Mapped[str] = mapped_column(String(60), default="")
    type: Mapped[str] = mapped_column(String(20), default="Vat")
    deductible_vat: Mapped[bool] = mapped_column(Boolean, default=False)
    reverse_vat: Mapped[bool] = mapped_column(Boolean, default=False)
    statistical_vat: Mapped[bool] = mapped_column(Boolean, default=False)
    pending_vat: Mapped[bool] = mapped_column(Boolean, default=False)
    include_in_vat_exempt_total: Mapped[bool] = mapped_column(Boolean, default=False)
    include_in_vat_total: Mapped[bool] = mapped_column(Boolean, default=True)
    enter_from_vat_invoice: Mapped[bool] = mapped_column(Boolean, default=False)
    calculate_on: Mapped[str] = mapped_column(String(30), default="ItemAmount")
    cash_discount: Mapped[str] = mapped_column(String(20), default="ToTaxableAmount")
    not_valid_after: Mapped[date | None] = mapped_column(Date)
    eu_report_code: Mapped[str | None] = mapped_column(String(20))
    document_text: Mapped[str | None] = mapped_column(Text)
    visma_xml_vat_type: Mapped[str | None] = mapped_column(String(20))
    payable_account_id: Mapped[int | None] = mapped_column(ForeignKey("account.id"))
    payable_subaccount_id: Mapped[int | None] = mapped_column(ForeignKey("subaccount.id"))
    claimable_account_id: Mapped[int | None] = mapped_column(ForeignKey("account.id"))
    claimable_subaccount_id: Mapped[int | None] = mapped_column(ForeignKey("subaccount.id"))
    last_modified_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    payable_account: Mapped[Account | None] = relationship(foreign_keys=[payable_account_id], lazy="joined")
    payable_subaccount: Mapped[Subaccount | None] = relationship(foreign_keys=[payable_subaccount_id], lazy="joined")
    claimable_account: Mapped[Account | None] = relationship(foreign_keys=[claimable_account_id], lazy="joined")
    claimable_subaccount: Mapped[Subaccount | None] = relationship(
        foreign_keys=[claimable_subaccount_id], lazy="joined"
    )
    schedules: Mapped[list[VatSchedule]] = relationship(
        order_by="VatSchedule.start_date", cascade="all, delete-orphan", lazy="selectin"
    )
    categories: Mapped[list[VatCategory]] = relationship(
        secondary=vat_category_vat, back_populates="vats", order_by="VatCategory.category_id"
    )
    zones: Mapped[list[VatZone]] = relationship(
        secondary=vat_zone_vat, back_populates="vats", order_by="VatZone.zone_id"
    )


class VatSchedule(Base):
    """A rate valid from `start_date` until the next row's start (TX205000's VAT schedule)."""

    __tablename__ = "vat_schedule"
    __table_args__ = (UniqueConstraint("vat_id", "start_date"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    company_id: Mapped[int] = mapped_column(ForeignKey("company.id", ondelete="CASCADE"))
    vat_id: Mapped[int] = mapped_column(ForeignKey("vat.id", ondelete="CASCADE"))
    start_date: Mapped[date] = mapped_column(Date)
    # Rates are percentages with up to four decimals; Money is the exact decimal column type.
    vat_rate: Mapped[Decimal] = mapped_column(Money)
    deductible_vat_rate: Mapped[Decimal] = mapped_column(Money, default=Decimal(100))
    min_taxable_amt: Mapped[Decimal] = mapped_column(Money, default=Decimal(0))
    max_taxable_amt: Mapped[Decimal] = mapped_column(Money, default=Decimal(0))
    reporting_group: Mapped[str | None] = mapped_column(String(20))
    group_type: Mapped[str] = mapped_column(String(6))  # Output (sales) or Input (purchases)


class VatCategory(Base):
    __tablename__ = "vat_category"
    __table_args__ = (UniqueConstraint("company_id", "category_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    company_id: Mapped[int] = mapped_column(ForeignKey("company.id", ondelete="CASCADE"))
    category_id: Mapped[str] = mapped_column(String(10))
    description: Mapped[str] = mapped_column(String(60), default="")
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    # Inverts the category: the zone's VAT IDs NOT listed here apply.
    exclude_listed_taxes: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    last_modified_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    vats: Mapped[list[Vat]] = relationship(
        secondary=vat_category_vat, back_populates="categories", order_by="Vat.vat_id"
    )


class VatZone(Base):
    __tablename__ = "vat_zone"
    __table_args__ = (UniqueConstraint("company_id", "zone_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    company_id: Mapped[int] = mapped_column(ForeignKey("company.id", ondelete="CASCADE"))
    zone_id: Mapped[str] = mapped_column(String(10))
    description: Mapped[str] = mapped_column(String(60), default="")
    # A VAT category id (not a foreign key: customers and classes have referred to it since 0001).
    default_vat_category: Mapped[str | None] = mapped_column(String(10))

    vats: Mapped[list[Vat]] = relationship(secondary=vat_zone_vat, back_populates="zones", order_by="Vat.vat_id")
    # The category `default_vat_category` names, for the zone's `defaultTaxCategory` description.
    default_category: Mapped[VatCategory | None] = relationship(
        primaryjoin="and_(foreign(VatZone.company_id) == remote(VatCategory.company_id), "
        "foreign(VatZone.default_vat_category) == remote(VatCategory.category_id))",
        viewonly=True,
    )


class VatReportNote(Stamped, Base):
    """A note on a VAT report (TX502000): the report of a VAT agency (a supplier, by its number) for a tax period
    (`YYYYPP`) in one revision; on its header (`line_number` 0) or on one of its lines."""

    __tablename__ = "vat_report_note"
    __table_args__ = (
        UniqueConstraint(
            "company_id", "agency", "tax_period_id", "revision_id", "line_number", name="uq_vat_report_note_place"
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    company_id: Mapped[int] = mapped_column(ForeignKey("company.id", ondelete="CASCADE"))
    agency: Mapped[str] = mapped_column(String(30))
    tax_period_id: Mapped[str] = mapped_column(String(6))
    revision_id: Mapped[int] = mapped_column(Integer)
    line_number: Mapped[int] = mapped_column(Integer, default=0)
    note: Mapped[str | None] = mapped_column(Text)
