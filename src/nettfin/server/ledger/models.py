"""General ledger set-up: account classes and accounts (GL202000, GL202500), financial periods (GL201000),
segmented keys (CS202000), subaccounts (GL203000) and the company's ledger preferences (GL102000)."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import Boolean, Date, ForeignKey, Index, Integer, String, UniqueConstraint, and_
from sqlalchemy.orm import Mapped, foreign, mapped_column, relationship

from ..db.base import Base, Stamped, utcnow
from ..db.types import Money, UTCDateTime
from ..kit import events

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


class Ledger(Stamped, Base):
    """One of the company's ledgers (GL201500): the actual ledger the journal posts to, the budget ledger budgets
    are entered in, and a statistical one; `internal_id` numbers them within the company."""

    __tablename__ = "ledger"
    __table_args__ = (UniqueConstraint("company_id", "ledger_cd"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    company_id: Mapped[int] = mapped_column(ForeignKey("company.id", ondelete="CASCADE"))
    internal_id: Mapped[int] = mapped_column(Integer)
    ledger_cd: Mapped[str] = mapped_column(String(10))
    description: Mapped[str] = mapped_column(String(60))
    balance_type: Mapped[str] = mapped_column(String(12))


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


class BudgetArticle(Stamped, Base):
    """A budget article (GL302010): an amount for a branch, budget ledger, financial year, account and
    subaccount, distributed over the year's periods (`periods`, the periods with an amount)."""

    __tablename__ = "budget_article"
    __table_args__ = (
        UniqueConstraint(
            "company_id",
            "branch_id",
            "ledger_id",
            "financial_year",
            "account_id",
            "subaccount_id",
            name="uq_budget_article_key",
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    company_id: Mapped[int] = mapped_column(ForeignKey("company.id", ondelete="CASCADE"))
    branch_id: Mapped[int] = mapped_column(ForeignKey("branch.id", ondelete="CASCADE"))
    ledger_id: Mapped[int] = mapped_column(ForeignKey("ledger.id", ondelete="CASCADE"))
    financial_year: Mapped[int] = mapped_column(Integer)
    account_id: Mapped[int] = mapped_column(ForeignKey("account.id"))
    subaccount_id: Mapped[int | None] = mapped_column(ForeignKey("subaccount.id"))
    description: Mapped[str | None] = mapped_column(String(256))
    amount: Mapped[Decimal] = mapped_column(Money, default=Decimal(0))

    ledger: Mapped[Ledger] = relationship(lazy="joined")
    account: Mapped[Account] = relationship(lazy="joined")
    subaccount: Mapped[Subaccount | None] = relationship(lazy="joined")
    periods: Mapped[list[BudgetPeriodAmount]] = relationship(
        cascade="all, delete-orphan", order_by="BudgetPeriodAmount.period_id", lazy="selectin"
    )


class BudgetPeriodAmount(Base):
    __tablename__ = "budget_period_amount"
    __table_args__ = (UniqueConstraint("article_id", "period_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    article_id: Mapped[int] = mapped_column(ForeignKey("budget_article.id", ondelete="CASCADE"))
    period_id: Mapped[str] = mapped_column(String(6))
    amount: Mapped[Decimal] = mapped_column(Money, default=Decimal(0))


class DeferralCode(Base):
    """A deferral code (DR202000): how a deferred amount is recognised over periods, and the account (and
    subaccount) that holds it until then. Read-only through the API, as the service's."""

    __tablename__ = "deferral_code"
    __table_args__ = (UniqueConstraint("company_id", "deferral_code_cd"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    company_id: Mapped[int] = mapped_column(ForeignKey("company.id", ondelete="CASCADE"))
    deferral_code_cd: Mapped[str] = mapped_column(String(10))
    description: Mapped[str] = mapped_column(String(60), default="")
    code_type: Mapped[str] = mapped_column(String(10))
    recognition_method: Mapped[str] = mapped_column(String(25))
    deferred_revenue_from_item: Mapped[bool] = mapped_column(Boolean, default=False)
    deferral_account_id: Mapped[int | None] = mapped_column(ForeignKey("account.id"))
    deferral_subaccount_id: Mapped[int | None] = mapped_column(ForeignKey("subaccount.id"))

    deferral_account: Mapped[Account | None] = relationship(lazy="joined")
    deferral_subaccount: Mapped[Subaccount | None] = relationship(lazy="joined")


events.register(
    events.Source(
        "Account",
        Account,
        frozenset({events.CHANGED, events.CREATED, events.DELETED, events.IDENTITY_CHANGED, events.UPDATED}),
        key=lambda account: account.account_cd,
        identity="account_cd",
    )
)
# A dimension changes when one of its segments or segment values does.
for _part, _dimension in (
    (Segment, lambda segment: segment.dimension.dimension_id),
    (SegmentValue, lambda value: value.segment.dimension.dimension_id),
):
    events.register(events.Source("Dimension", _part, frozenset({events.CHANGED}), key=_dimension))
