"""Fixed assets' tables (FA): classes (FA201000) with their GL accounts, property tax groups (FA209000) with their
value details, the assets (FA303000), and the transactions recorded for them (FA301000), each a line of a
register (`ref_no`) whose GL batch it names."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from sqlalchemy import Boolean, Date, ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..db.base import Base, Stamped
from ..db.types import Money
from ..ledger.journal import JournalBatch
from ..ledger.models import Account, Subaccount
from ..organisation.models import Branch
from ..timecards.models import Department

ZERO = Decimal(0)


def _account(optional: bool = False) -> Mapped:
    return mapped_column(ForeignKey("account.id"), nullable=optional)


def _subaccount() -> Mapped:
    return mapped_column(ForeignKey("subaccount.id"), nullable=True)


class FixedAssetClass(Stamped, Base):
    """A class of assets: their default useful life (years) and depreciation method, and the accounts their
    postings use (asset, accrual: the clearing account an acquisition is credited to, accumulated depreciation,
    depreciation expense)."""

    __tablename__ = "fixed_asset_class"
    __table_args__ = (UniqueConstraint("company_id", "class_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    company_id: Mapped[int] = mapped_column(ForeignKey("company.id", ondelete="CASCADE"))
    class_id: Mapped[str] = mapped_column(String(30))
    description: Mapped[str] = mapped_column(String(60), default="")
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    asset_type_id: Mapped[str | None] = mapped_column(String(10))
    is_tangible: Mapped[bool] = mapped_column(Boolean, default=True)
    depreciable: Mapped[bool] = mapped_column(Boolean, default=True)
    useful_life: Mapped[Decimal] = mapped_column(Money)
    accelerated_depreciation: Mapped[bool] = mapped_column(Boolean, default=False)
    depreciation_method_id: Mapped[str] = mapped_column(String(10))
    asset_account_id: Mapped[int] = _account()
    asset_subaccount_id: Mapped[int | None] = _subaccount()
    accrual_account_id: Mapped[int] = _account()
    accrual_subaccount_id: Mapped[int | None] = _subaccount()
    accumulated_account_id: Mapped[int] = _account()
    accumulated_subaccount_id: Mapped[int | None] = _subaccount()
    expense_account_id: Mapped[int] = _account()
    expense_subaccount_id: Mapped[int | None] = _subaccount()

    asset_account: Mapped[Account] = relationship(foreign_keys=[asset_account_id], lazy="joined")
    asset_subaccount: Mapped[Subaccount | None] = relationship(foreign_keys=[asset_subaccount_id], lazy="joined")
    accrual_account: Mapped[Account] = relationship(foreign_keys=[accrual_account_id], lazy="joined")
    accrual_subaccount: Mapped[Subaccount | None] = relationship(foreign_keys=[accrual_subaccount_id], lazy="joined")
    accumulated_account: Mapped[Account] = relationship(foreign_keys=[accumulated_account_id], lazy="joined")
    accumulated_subaccount: Mapped[Subaccount | None] = relationship(
        foreign_keys=[accumulated_subaccount_id], lazy="joined"
    )
    expense_account: Mapped[Account] = relationship(foreign_keys=[expense_account_id], lazy="joined")
    expense_subaccount: Mapped[Subaccount | None] = relationship(foreign_keys=[expense_subaccount_id], lazy="joined")


class PropertyTaxGroup(Stamped, Base):
    """A property tax group (FA209000): the value rules assets in it are assessed by."""

    __tablename__ = "fixed_asset_tax_group"
    __table_args__ = (UniqueConstraint("company_id", "property_tax_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    company_id: Mapped[int] = mapped_column(ForeignKey("company.id", ondelete="CASCADE"))
    property_tax_id: Mapped[str] = mapped_column(String(10))
    description: Mapped[str] = mapped_column(String(60), default="")
    active: Mapped[bool] = mapped_column(Boolean, default=True)

    details: Mapped[list[PropertyTaxDetail]] = relationship(
        back_populates="group", cascade="all, delete-orphan", order_by="PropertyTaxDetail.date"
    )


class PropertyTaxDetail(Base):
    """A dated row of a property tax group: the property value and the minimum value percentage from that date."""

    __tablename__ = "fixed_asset_tax_detail"
    __table_args__ = (UniqueConstraint("group_id", "date"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    group_id: Mapped[int] = mapped_column(ForeignKey("fixed_asset_tax_group.id", ondelete="CASCADE"))
    date: Mapped[date] = mapped_column(Date)
    property_value: Mapped[Decimal] = mapped_column(Money)
    min_percent: Mapped[Decimal] = mapped_column(Money)

    group: Mapped[PropertyTaxGroup] = relationship(back_populates="details")


class FixedAsset(Stamped, Base):
    """An asset (FA303000): its class (whose accounts it posts to), what it cost, from when it depreciates and
    over how many years, and where it is. Its depreciation so far is read from its transactions."""

    __tablename__ = "fixed_asset"
    __table_args__ = (UniqueConstraint("company_id", "asset_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    company_id: Mapped[int] = mapped_column(ForeignKey("company.id", ondelete="CASCADE"))
    asset_id: Mapped[str] = mapped_column(String(30))
    description: Mapped[str] = mapped_column(String(255), default="")
    class_id: Mapped[int] = mapped_column(ForeignKey("fixed_asset_class.id"), index=True)
    is_tangible: Mapped[bool] = mapped_column(Boolean, default=True)
    quantity: Mapped[Decimal] = mapped_column(Money, default=Decimal(1))
    depreciable: Mapped[bool] = mapped_column(Boolean, default=True)
    useful_life: Mapped[Decimal] = mapped_column(Money)
    status: Mapped[str] = mapped_column(String(20))
    property_type: Mapped[str] = mapped_column(String(20))
    receipt_date: Mapped[date] = mapped_column(Date)
    depreciate_from_date: Mapped[date] = mapped_column(Date)
    acquisition_cost: Mapped[Decimal] = mapped_column(Money)
    salvage_amount: Mapped[Decimal] = mapped_column(Money, default=ZERO)
    bill_number: Mapped[str | None] = mapped_column(String(15))
    serial_number: Mapped[str | None] = mapped_column(String(30))
    property_tax_group_id: Mapped[int | None] = mapped_column(ForeignKey("fixed_asset_tax_group.id"))
    branch_id: Mapped[int | None] = mapped_column(ForeignKey("branch.id"))
    department_id: Mapped[int | None] = mapped_column(ForeignKey("department.id"))

    asset_class: Mapped[FixedAssetClass] = relationship(lazy="joined")
    property_tax_group: Mapped[PropertyTaxGroup | None] = relationship(lazy="joined")
    branch: Mapped[Branch | None] = relationship(lazy="joined")
    department: Mapped[Department | None] = relationship(lazy="joined")
    transactions: Mapped[list[FixedAssetTransaction]] = relationship(
        back_populates="asset", order_by="(FixedAssetTransaction.period_id, FixedAssetTransaction.id)"
    )


class FixedAssetTransaction(Stamped, Base):
    """A line of a fixed asset register (`ref_no`): one asset's acquisition or one period's depreciation, the
    accounts it debits and credits, and the GL batch that posted it."""

    __tablename__ = "fixed_asset_transaction"
    __table_args__ = (UniqueConstraint("company_id", "ref_no", "line_no"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    company_id: Mapped[int] = mapped_column(ForeignKey("company.id", ondelete="CASCADE"))
    ref_no: Mapped[str] = mapped_column(String(15))
    line_no: Mapped[int] = mapped_column(Integer)
    asset_id: Mapped[int] = mapped_column(ForeignKey("fixed_asset.id"), index=True)
    branch_id: Mapped[int | None] = mapped_column(ForeignKey("branch.id"))
    origin: Mapped[str] = mapped_column(String(20))
    transaction_type: Mapped[str] = mapped_column(String(20))
    description: Mapped[str | None] = mapped_column(String(255))
    book_id: Mapped[str] = mapped_column(String(10))
    debit_account_id: Mapped[int] = _account()
    debit_subaccount_id: Mapped[int | None] = _subaccount()
    credit_account_id: Mapped[int] = _account()
    credit_subaccount_id: Mapped[int | None] = _subaccount()
    amount: Mapped[Decimal] = mapped_column(Money)
    batch_id: Mapped[int | None] = mapped_column(ForeignKey("journal_batch.id"))
    period_id: Mapped[str] = mapped_column(String(6))  # YYYYPP
    transaction_date: Mapped[date] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(10))

    asset: Mapped[FixedAsset] = relationship(back_populates="transactions", lazy="joined")
    branch: Mapped[Branch | None] = relationship(lazy="joined")
    debit_account: Mapped[Account] = relationship(foreign_keys=[debit_account_id], lazy="joined")
    debit_subaccount: Mapped[Subaccount | None] = relationship(foreign_keys=[debit_subaccount_id], lazy="joined")
    credit_account: Mapped[Account] = relationship(foreign_keys=[credit_account_id], lazy="joined")
    credit_subaccount: Mapped[Subaccount | None] = relationship(foreign_keys=[credit_subaccount_id], lazy="joined")
    batch: Mapped[JournalBatch | None] = relationship(lazy="joined")
