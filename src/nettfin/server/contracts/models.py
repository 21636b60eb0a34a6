"""Contract management (CT): contract templates (CT202000), customer contracts (CT301000) with their items,
the usage recorded against them (CT303000), and the customer invoices their billing made.

A contract item holds two sets of prices: the pending ones (what the contract is being edited to: a draft's
items, or an upgrade's) and the current ones (what is in force and billed). Setting up, activating and
activating an upgrade make the pending prices current."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from enum import StrEnum

from sqlalchemy import Boolean, Date, ForeignKey, Index, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..db.base import Base, Stamped, utcnow
from ..db.types import Money, UTCDateTime
from ..inventory.models import InventoryItem
from ..receivables.document_models import CustomerInvoice
from ..receivables.models import Customer

ZERO = Decimal(0)


class ContractStatus(StrEnum):
    """The document's `status` enum (the screen's Draft, Pending activation, Active, Expired, Canceled, Pending
    upgrade)."""

    DRAFT = "Draft"
    IN_APPROVAL = "InApproval"
    ACTIVE = "Active"
    EXPIRED = "Expired"
    CANCELED = "Canceled"
    COMPLETED = "Completed"
    IN_UPGRADE = "InUpgrade"
    PENDING_ACTIVATION = "PendingActivation"


class InvoicingPeriod(StrEnum):
    STATEMENT = "Statement"
    QUARTERLY = "Quarterly"
    MONTHLY = "Monthly"
    ANNUAL = "Annual"
    SEMI_ANNUAL = "SemiAnnual"
    WEEKLY = "Weekly"
    ON_DEMAND = "OnDemand"


class InvoiceType(StrEnum):
    """When an item's recurring fee is billed: for the period ahead (Prepaid) or the period past (Postpaid)."""

    NONE = "None"
    PREPAID = "Prepaid"
    POSTPAID = "Postpaid"


class ContractTemplate(Base):
    __tablename__ = "contract_template"
    __table_args__ = (UniqueConstraint("company_id", "template_cd"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    company_id: Mapped[int] = mapped_column(ForeignKey("company.id", ondelete="CASCADE"))
    template_cd: Mapped[str] = mapped_column(String(30))
    description: Mapped[str] = mapped_column(String(255), default="")
    invoicing_period: Mapped[str] = mapped_column(String(20), default=InvoicingPeriod.MONTHLY)
    # Months from activation to expiration (None: the contract does not expire).
    duration_months: Mapped[int | None] = mapped_column(Integer)
    # Whether the invoices billing makes are released at once (the template's "Automatically release AR documents").
    release_invoices: Mapped[bool] = mapped_column(Boolean, default=True)
    last_modified_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    items: Mapped[list[ContractTemplateItem]] = relationship(
        order_by="ContractTemplateItem.id", cascade="all, delete-orphan", lazy="selectin"
    )


class ContractTemplateItem(Base):
    """An item a contract made from the template starts with, at these prices."""

    __tablename__ = "contract_template_item"

    id: Mapped[int] = mapped_column(primary_key=True)
    template_id: Mapped[int] = mapped_column(ForeignKey("contract_template.id", ondelete="CASCADE"), index=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("inventory_item.id", ondelete="CASCADE"))
    included: Mapped[Decimal] = mapped_column(Money, default=ZERO)
    setup_price: Mapped[Decimal] = mapped_column(Money, default=ZERO)
    recurring_price: Mapped[Decimal] = mapped_column(Money, default=ZERO)
    extra_usage_price: Mapped[Decimal] = mapped_column(Money, default=ZERO)
    renewal_price: Mapped[Decimal] = mapped_column(Money, default=ZERO)
    invoice_type: Mapped[str] = mapped_column(String(10), default=InvoiceType.PREPAID)

    item: Mapped[InventoryItem] = relationship(lazy="joined")


class CustomerContract(Stamped, Base):
    __tablename__ = "customer_contract"
    __table_args__ = (
        UniqueConstraint("company_id", "contract_cd"),
        Index("ix_customer_contract_company_modified_id", "company_id", "last_modified_at", "id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    company_id: Mapped[int] = mapped_column(ForeignKey("company.id", ondelete="CASCADE"))
    contract_cd: Mapped[str] = mapped_column(String(15))
    template_id: Mapped[int] = mapped_column(ForeignKey("contract_template.id"))
    customer_id: Mapped[int] = mapped_column(ForeignKey("customer.id"))
    location: Mapped[str | None] = mapped_column(String(30))
    description: Mapped[str] = mapped_column(String(255), default="")
    status: Mapped[str] = mapped_column(String(20), default=ContractStatus.DRAFT)
    setup_date: Mapped[date] = mapped_column(Date)
    activation_date: Mapped[date | None] = mapped_column(Date)
    expiration_date: Mapped[date | None] = mapped_column(Date)
    termination_date: Mapped[date | None] = mapped_column(Date)
    mass_renewal: Mapped[bool] = mapped_column(Boolean, default=False)
    renewal_point: Mapped[int] = mapped_column(Integer, default=0)
    grace_period: Mapped[int] = mapped_column(Integer, default=0)
    currency_id: Mapped[str] = mapped_column(String(5))
    invoicing_period: Mapped[str] = mapped_column(String(20))
    schedule_starts_on: Mapped[date | None] = mapped_column(Date)
    last_invoicing_date: Mapped[date | None] = mapped_column(Date)
    next_invoicing_date: Mapped[date | None] = mapped_column(Date)
    invoice_to: Mapped[str] = mapped_column(String(20), default="CustomerAccount")
    invoice_account_id: Mapped[int | None] = mapped_column(ForeignKey("customer.id"))
    invoice_location: Mapped[str | None] = mapped_column(String(30))
    owner: Mapped[str | None] = mapped_column(String(30))
    salesperson: Mapped[str | None] = mapped_column(String(30))

    template: Mapped[ContractTemplate] = relationship(lazy="joined")
    customer: Mapped[Customer] = relationship(foreign_keys=[customer_id], lazy="joined")
    invoice_account: Mapped[Customer | None] = relationship(foreign_keys=[invoice_account_id], lazy="joined")
    details: Mapped[list[ContractDetail]] = relationship(
        back_populates="contract",
        order_by="ContractDetail.detail_nbr",
        cascade="all, delete-orphan",
        lazy="selectin",
    )
    usage: Mapped[list[ContractUsage]] = relationship(
        back_populates="contract",
        order_by="ContractUsage.transaction_nbr",
        cascade="all, delete-orphan",
        lazy="selectin",
    )
    invoices: Mapped[list[ContractInvoice]] = relationship(
        order_by="ContractInvoice.id", cascade="all, delete-orphan", lazy="selectin"
    )


class ContractDetail(Base):
    """A contract item (`contractDetailId`): pending prices as edited, current prices as billed."""

    __tablename__ = "contract_detail"
    __table_args__ = (UniqueConstraint("contract_id", "detail_nbr"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    contract_id: Mapped[int] = mapped_column(ForeignKey("customer_contract.id", ondelete="CASCADE"))
    detail_nbr: Mapped[int] = mapped_column(Integer)
    item_id: Mapped[int] = mapped_column(ForeignKey("inventory_item.id"))
    description: Mapped[str] = mapped_column(String(255), default="")
    invoice_type: Mapped[str] = mapped_column(String(10), default=InvoiceType.PREPAID)
    included: Mapped[Decimal] = mapped_column(Money, default=ZERO)
    setup_price: Mapped[Decimal] = mapped_column(Money, default=ZERO)
    recurring_price: Mapped[Decimal] = mapped_column(Money, default=ZERO)
    extra_usage_price: Mapped[Decimal] = mapped_column(Money, default=ZERO)
    renewal_price: Mapped[Decimal] = mapped_column(Money, default=ZERO)
    # In force: set when the contract is set up (setup), activated or its upgrade activated (the rest).
    in_force: Mapped[bool] = mapped_column(Boolean, default=False)
    current_included: Mapped[Decimal] = mapped_column(Money, default=ZERO)
    current_setup_price: Mapped[Decimal] = mapped_column(Money, default=ZERO)
    current_recurring_price: Mapped[Decimal] = mapped_column(Money, default=ZERO)
    current_extra_usage_price: Mapped[Decimal] = mapped_column(Money, default=ZERO)
    current_renewal_price: Mapped[Decimal] = mapped_column(Money, default=ZERO)

    contract: Mapped[CustomerContract] = relationship(back_populates="details")
    item: Mapped[InventoryItem] = relationship(lazy="joined")


class ContractUsage(Base):
    """A usage transaction (CT303000): a quantity of a contract item used on a day; billed once."""

    __tablename__ = "contract_usage"
    __table_args__ = (UniqueConstraint("contract_id", "transaction_nbr"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    contract_id: Mapped[int] = mapped_column(ForeignKey("customer_contract.id", ondelete="CASCADE"))
    transaction_nbr: Mapped[int] = mapped_column(Integer)
    branch: Mapped[str | None] = mapped_column(String(30))
    item_id: Mapped[int] = mapped_column(ForeignKey("inventory_item.id"))
    description: Mapped[str] = mapped_column(String(255), default="")
    uom: Mapped[str | None] = mapped_column(String(6))
    quantity: Mapped[Decimal] = mapped_column(Money, default=ZERO)
    used_on: Mapped[date] = mapped_column(Date)
    billed: Mapped[bool] = mapped_column(Boolean, default=False)
    invoice_id: Mapped[int | None] = mapped_column(ForeignKey("customer_invoice.id", ondelete="SET NULL"))
    billing_date: Mapped[date | None] = mapped_column(Date)
    last_modified_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    contract: Mapped[CustomerContract] = relationship(back_populates="usage")
    item: Mapped[InventoryItem] = relationship(lazy="joined")
    invoice: Mapped[CustomerInvoice | None] = relationship(lazy="joined")


class ContractInvoice(Base):
    """A customer invoice a contract's billing made, and why (Setup, Activation, Recurring, Upgrade, Final)."""

    __tablename__ = "contract_invoice"

    id: Mapped[int] = mapped_column(primary_key=True)
    contract_id: Mapped[int] = mapped_column(ForeignKey("customer_contract.id", ondelete="CASCADE"), index=True)
    invoice_id: Mapped[int] = mapped_column(ForeignKey("customer_invoice.id", ondelete="CASCADE"))
    reason: Mapped[str] = mapped_column(String(20))
    billed_on: Mapped[date] = mapped_column(Date)

    invoice: Mapped[CustomerInvoice] = relationship(lazy="joined")
