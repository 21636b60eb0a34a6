"""CRM tables: sales persons (AR205000) and the customers they serve, customers' payment methods (AR303010) and
direct debit mandates, sales categories (IN204100) and their items. Contacts and locations are the business
accounts' own tables (`parties.models`)."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from sqlalchemy import JSON, Boolean, ForeignKey, Index, Integer, Numeric, String, UniqueConstraint
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..db.base import Base, Stamped
from ..db.types import Money, UTCDateTime
from ..inventory.models import InventoryItem
from ..ledger.models import Account
from ..parties.models import PartyLocation
from ..receivables.models import Customer
from ..terms.models import PaymentMethod

Document = JSON().with_variant(JSONB(), "postgresql")
Percent = Numeric(9, 6)


class SalesPerson(Stamped, Base):
    __tablename__ = "salesperson"
    __table_args__ = (
        UniqueConstraint("company_id", "salesperson_cd"),
        Index("ix_salesperson_company_modified_id", "company_id", "last_modified_at", "id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    company_id: Mapped[int] = mapped_column(ForeignKey("company.id", ondelete="CASCADE"))
    salesperson_cd: Mapped[str] = mapped_column(String(15))
    name: Mapped[str] = mapped_column(String(60))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    commission_pct: Mapped[Decimal] = mapped_column(Percent, default=Decimal(0))
    # The sales subaccount's id as the subaccount list shows it (`1-000`): a code, checked when written.
    sales_subaccount: Mapped[str | None] = mapped_column(String(30))

    customers: Mapped[list[SalesPersonCustomer]] = relationship(
        back_populates="salesperson", cascade="all, delete-orphan", order_by="SalesPersonCustomer.id"
    )


class SalesPersonCustomer(Base):
    """A customer (at one of its locations) the sales person serves, with the commission there; `is_default`:
    the customer's default sales person."""

    __tablename__ = "salesperson_customer"
    __table_args__ = (
        UniqueConstraint("salesperson_id", "customer_id", "location_id"),
        Index("ix_salesperson_customer_customer", "customer_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    salesperson_id: Mapped[int] = mapped_column(ForeignKey("salesperson.id", ondelete="CASCADE"))
    customer_id: Mapped[int] = mapped_column(ForeignKey("customer.id", ondelete="CASCADE"))
    location_id: Mapped[int] = mapped_column(ForeignKey("party_location.id", ondelete="CASCADE"))
    commission_pct: Mapped[Decimal] = mapped_column(Percent, default=Decimal(0))
    is_default: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    last_modified_at: Mapped[datetime] = mapped_column(UTCDateTime)

    salesperson: Mapped[SalesPerson] = relationship(back_populates="customers")
    customer: Mapped[Customer] = relationship(lazy="joined", innerjoin=True)
    location: Mapped[PartyLocation] = relationship(lazy="joined", innerjoin=True)


class CustomerPaymentMethod(Stamped, Base):
    """A payment method a customer pays by, with its cash account and details (card or account number)."""

    __tablename__ = "customer_payment_method"
    __table_args__ = (UniqueConstraint("customer_id", "payment_method_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    company_id: Mapped[int] = mapped_column(ForeignKey("company.id", ondelete="CASCADE"))
    customer_id: Mapped[int] = mapped_column(ForeignKey("customer.id", ondelete="CASCADE"))
    payment_method_id: Mapped[int] = mapped_column(ForeignKey("payment_method.id", ondelete="CASCADE"))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    cash_account_id: Mapped[int | None] = mapped_column(ForeignKey("account.id"))
    # [{"detailId", "description", "value"}], in the order given; the first detail is the card or account number.
    details: Mapped[list] = mapped_column(Document, default=list)

    customer: Mapped[Customer] = relationship(lazy="joined", innerjoin=True)
    payment_method: Mapped[PaymentMethod] = relationship(lazy="joined", innerjoin=True)
    cash_account: Mapped[Account | None] = relationship(lazy="joined")


class DirectDebitMandate(Base):
    """A customer's direct debit mandate (the Billing Address tab of AR303000), as CustomerDirectDebitDto has it."""

    __tablename__ = "direct_debit_mandate"
    __table_args__ = (UniqueConstraint("public_id"), Index("ix_direct_debit_mandate_customer", "customer_id"))

    id: Mapped[int] = mapped_column(primary_key=True)
    company_id: Mapped[int] = mapped_column(ForeignKey("company.id", ondelete="CASCADE"))
    customer_id: Mapped[int] = mapped_column(ForeignKey("customer.id", ondelete="CASCADE"))
    public_id: Mapped[str] = mapped_column(String(36))
    mandate_id: Mapped[str] = mapped_column(String(35))
    mandate_description: Mapped[str | None] = mapped_column(String(255))
    date_of_signature: Mapped[datetime | None] = mapped_column(UTCDateTime)
    is_default: Mapped[bool] = mapped_column(Boolean, default=False)
    one_time: Mapped[bool] = mapped_column(Boolean, default=False)
    bic: Mapped[str | None] = mapped_column(String(11))
    iban: Mapped[str | None] = mapped_column(String(34))
    last_collection_date: Mapped[datetime | None] = mapped_column(UTCDateTime)
    max_amount: Mapped[Decimal | None] = mapped_column(Money)
    expiration_date: Mapped[datetime | None] = mapped_column(UTCDateTime)
    branch: Mapped[str | None] = mapped_column(String(30))


class SalesCategory(Base):
    """A node of the company's tree of sales categories; `parent_id` is none at the root's children."""

    __tablename__ = "sales_category"
    __table_args__ = (UniqueConstraint("company_id", "category_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    company_id: Mapped[int] = mapped_column(ForeignKey("company.id", ondelete="CASCADE"))
    category_id: Mapped[int] = mapped_column(Integer)
    description: Mapped[str] = mapped_column(String(60))
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("sales_category.id", ondelete="CASCADE"))
    sort_order: Mapped[int] = mapped_column(Integer, default=0)


class SalesCategoryItem(Base):
    __tablename__ = "sales_category_item"
    __table_args__ = (UniqueConstraint("category_id", "item_id"), Index("ix_sales_category_item_item", "item_id"))

    id: Mapped[int] = mapped_column(primary_key=True)
    category_id: Mapped[int] = mapped_column(ForeignKey("sales_category.id", ondelete="CASCADE"))
    item_id: Mapped[int] = mapped_column(ForeignKey(InventoryItem.id, ondelete="CASCADE"))

    item: Mapped[InventoryItem] = relationship(lazy="raise")
