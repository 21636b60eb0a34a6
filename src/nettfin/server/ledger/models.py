"""General ledger set-up: account classes and accounts (GL202000, GL202500), financial periods (GL201000),
segmented keys (CS202000), subaccounts (GL203000) and the company's ledger preferences (GL102000)."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Boolean, Date, ForeignKey, Index, Integer, String, UniqueConstraint, and_
from sqlalchemy.orm import Mapped, foreign, mapped_column, relationship

from ..db.base import Base, utcnow
from ..db.types import UTCDateTime

SUBACCOUNT = "SUBACCOUNT"
# Segment values are joined with this to make a subaccount number (`10-100`), so values may not contain it.
SEGMENT_SEPARATOR = "-"


class LedgerSettings(Base):
    """Per-company general ledger preferences; a company without a row has the defaults."""

    __tablename__ = "ledger_settings"

    company_id: Mapped[int] = mapped_column(ForeignKey("company.id", ondelete="CASCADE"), primary_key=True)
    # When set, a subaccount used on a document must be a combination defined in GL203000.
    enforce_subaccount_combinations: Mapped[bool] = mapped_column(Boolean, default=False)


class AccountClass(Base):
    __tablename__ = "account_class"
    __table_args__ = (UniqueConstraint("company_id", "class_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    company_id: Mapped[int] = mapped_column(ForeignKey("company.id", ondelete="CASCADE"))
    class_id: Mapped[str] = mapped_column(String(20))
    description: Mapped[str] = mapped_column(String(60), default="")
    type: Mapped[str] = mapped_column(String(10))


class Account(Base):
    __tablename__ = "account"
    __table_args__ = (
        UniqueConstraint("company_id", "account_cd"),
        Index("ix_account_company_modified_id", "company_id", "last_modified_at", "id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    company_id: Mapped[int] = mapped_column(ForeignKey("company.id", ondelete="CASCADE"))
    account_cd: Mapped[str] = mapped_column(String(10))
    account_class_id: Mapped[int | None] = mapped_column(ForeignKey("account_class.id"))
    type: Mapped[str] = mapped_column(String(10))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    description: Mapped[str] = mapped_column(String(60))
    use_default_sub: Mapped[bool] = mapped_column(Boolean, default=False)
    post_option: Mapped[str] = mapped_column(String(10), default="Summary")
    currency: Mapped[str | None] = mapped_column(String(3))
    tax_category: Mapped[str | None] = mapped_column(String(10))
    cash_account: Mapped[bool] = mapped_column(Boolean, default=False)
    public_code1: Mapped[str | None] = mapped_column(String(20))
    external_code1: Mapped[str | None] = mapped_column(String(20))
    external_code2: Mapped[str | None] = mapped_column(String(20))
    analysis_code: Mapped[str | None] = mapped_column(String(20))
    account_group_cd: Mapped[str | None] = mapped_column(String(20))
    # A control account belongs to a sub-ledger (AR, AP, TX, ...): only that module posts to it.
    control_account_module: Mapped[str | None] = mapped_column(String(2))
    allow_manual_entry: Mapped[bool] = mapped_column(Boolean, default=True)
    last_modified_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    row_version: Mapped[int] = mapped_column(Integer, default=1)

    account_class: Mapped[AccountClass | None] = relationship(lazy="joined")

    __mapper_args__ = {"version_id_col": row_version}


class FinancialPeriod(Base):
    """One month of a financial year; `period_id` is `YYYYPP`. Closing is per module, as in GL201000."""

    __tablename__ = "financial_period"
    __table_args__ = (UniqueConstraint("company_id", "period_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    company_id: Mapped[int] = mapped_column(ForeignKey("company.id", ondelete="CASCADE"))
    period_id: Mapped[str] = mapped_column(String(6))
    year: Mapped[int] = mapped_column(Integer)
    number: Mapped[int] = mapped_column(Integer)
    start_date: Mapped[date] = mapped_column(Date)
    end_date: Mapped[date] = mapped_column(Date)
    description: Mapped[str] = mapped_column(String(60), default="")
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    closed_in_supplier_ledger: Mapped[bool] = mapped_column(Boolean, default=False)
    closed_in_customer_ledger: Mapped[bool] = mapped_column(Boolean, default=False)
    closed_in_inventory_management: Mapped[bool] = mapped_column(Boolean, default=False)
    closed_in_general_ledger: Mapped[bool] = mapped_column(Boolean, default=False)
    closed_in_cash_management: Mapped[bool] = mapped_column(Boolean, default=False)
    closed_in_fixed_assets: Mapped[bool] = mapped_column(Boolean, default=False)


class Dimension(Base):
    """A segmented key (CS202000); nettfin serves `SUBACCOUNT`."""

    __tablename__ = "dimension"
    __table_args__ = (UniqueConstraint("company_id", "dimension_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    company_id: Mapped[int] = mapped_column(ForeignKey("company.id", ondelete="CASCADE"))
    dimension_id: Mapped[str] = mapped_column(String(15))
    description: Mapped[str] = mapped_column(String(60), default="")

    segments: Mapped[list[Segment]] = relationship(
        back_populates="dimension", order_by="Segment.segment_id", cascade="all, delete-orphan"
    )


class Segment(Base):
    __tablename__ = "dimension_segment"
    __table_args__ = (UniqueConstraint("dimension_id", "segment_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    company_id: Mapped[int] = mapped_column(ForeignKey("company.id", ondelete="CASCADE"))
    dimension_id: Mapped[int] = mapped_column(ForeignKey("dimension.id", ondelete="CASCADE"))
    segment_id: Mapped[int] = mapped_column(Integer)  # 1-based, as the service numbers them since 6.01
    description: Mapped[str] = mapped_column(String(60), default="")
    length: Mapped[int] = mapped_column(Integer)
    validate: Mapped[bool] = mapped_column(Boolean, default=False)
    # The value a document line gets for this segment when it does not send one.
    default_value: Mapped[str | None] = mapped_column(String(30))
    auto_number: Mapped[bool] = mapped_column(Boolean, default=False)
    consol_num_char: Mapped[int] = mapped_column(Integer, default=0)
    consol_order: Mapped[int] = mapped_column(Integer, default=0)
    public_id: Mapped[str] = mapped_column(String(36))
    last_modified_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    row_version: Mapped[int] = mapped_column(Integer, default=1)

    dimension: Mapped[Dimension] = relationship(back_populates="segments")
    values: Mapped[list[SegmentValue]] = relationship(
        back_populates="segment", order_by="SegmentValue.value_id", cascade="all, delete-orphan"
    )

    __mapper_args__ = {"version_id_col": row_version}


class SegmentValue(Base):
    __tablename__ = "dimension_segment_value"
    __table_args__ = (UniqueConstraint("segment_id", "value_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    company_id: Mapped[int] = mapped_column(ForeignKey("company.id", ondelete="CASCADE"))
    segment_id: Mapped[int] = mapped_column(ForeignKey("dimension_segment.id", ondelete="CASCADE"))
    value_id: Mapped[str] = mapped_column(String(30))
    description: Mapped[str] = mapped_column(String(60), default="")
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    mapped_seg_value: Mapped[str | None] = mapped_column(String(30))
    public_id: Mapped[str] = mapped_column(String(36))
    last_modified_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    row_version: Mapped[int] = mapped_column(Integer, default=1)

    segment: Mapped[Segment] = relationship(back_populates="values")

    __mapper_args__ = {"version_id_col": row_version}


class Subaccount(Base):
    """A combination of segment values (GL203000); `subaccount_cd` is the values joined by `-`."""

    __tablename__ = "subaccount"
    __table_args__ = (
        UniqueConstraint("company_id", "subaccount_cd"),
        Index("ix_subaccount_company_cd_id", "company_id", "subaccount_cd", "id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    company_id: Mapped[int] = mapped_column(ForeignKey("company.id", ondelete="CASCADE"))
    subaccount_cd: Mapped[str] = mapped_column(String(30))
    description: Mapped[str] = mapped_column(String(60), default="")
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    last_modified_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    row_version: Mapped[int] = mapped_column(Integer, default=1)

    # The company's SUBACCOUNT dimension, whose segments describe the number's values when a subaccount is
    # rendered: read-only, and loaded for a whole list at once (`subaccounts.SUBACCOUNT`'s `load`).
    dimension: Mapped[Dimension | None] = relationship(
        primaryjoin=lambda: and_(
            foreign(Subaccount.company_id) == Dimension.company_id, Dimension.dimension_id == SUBACCOUNT
        ),
        viewonly=True,
        uselist=False,
    )

    __mapper_args__ = {"version_id_col": row_version}

    @property
    def segment_values(self) -> list[str]:
        return self.subaccount_cd.split(SEGMENT_SEPARATOR)
