"""Customer ledger documents: invoices, debit notes and credit notes (AR301000) with their lines, and
customer payments (AR302000) with the lines that apply them to documents.

A document's `balance` is what is still open: the amount after release, less what payments applied. A
credit note's balance is a credit. Released documents carry the journal batch their release posted.
"""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from sqlalchemy import JSON, Boolean, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..attachments.models import Attachment, OwnerKind, owned_attachments
from ..db.base import Base, Stamped
from ..db.types import Money, UTCDateTime
from ..inventory.models import InventoryItem
from ..kit import events
from ..ledger.models import Account, Subaccount
from ..tax.models import VatZone
from ..terms.models import CreditTerms
from .models import Customer

Document = JSON().with_variant(JSONB(), "postgresql")
ZERO = Decimal(0)


class CustomerInvoice(Stamped, Base):
    __tablename__ = "customer_invoice"
    __table_args__ = (
        # GET /customerinvoice/{invoiceNumber} names no type: the types share one number series.
        UniqueConstraint("company_id", "reference_number"),
        Index("ix_customer_invoice_company_ref_id", "company_id", "reference_number", "id"),
        Index("ix_customer_invoice_company_modified_id", "company_id", "last_modified_at", "id"),
        Index("ix_customer_invoice_company_customer", "company_id", "customer_id", "released"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    company_id: Mapped[int] = mapped_column(ForeignKey("company.id", ondelete="CASCADE"))
    document_type: Mapped[str] = mapped_column(String(20), default="Invoice")
    reference_number: Mapped[str] = mapped_column(String(15))
    status: Mapped[str] = mapped_column(String(20), default="Balanced")
    hold: Mapped[bool] = mapped_column(Boolean, default=False)
    released: Mapped[bool] = mapped_column(Boolean, default=False)
    customer_id: Mapped[int] = mapped_column(ForeignKey("customer.id"))
    # Calendar days kept as midnight UTC, so date filters compare like other datetimes.
    document_date: Mapped[datetime] = mapped_column(UTCDateTime)
    orig_invoice_date: Mapped[datetime | None] = mapped_column(UTCDateTime)
    due_date: Mapped[datetime | None] = mapped_column(UTCDateTime)
    cash_discount_date: Mapped[datetime | None] = mapped_column(UTCDateTime)
    post_period: Mapped[str] = mapped_column(String(6))
    financial_period: Mapped[str] = mapped_column(String(6))
    closed_period: Mapped[str | None] = mapped_column(String(6))
    currency_id: Mapped[str] = mapped_column(String(5))
    exchange_rate: Mapped[Decimal] = mapped_column(Money, default=Decimal(1))
    credit_terms_id: Mapped[int | None] = mapped_column(ForeignKey("credit_terms.id"))
    vat_zone_id: Mapped[int | None] = mapped_column(ForeignKey("vat_zone.id"))
    payment_method_id: Mapped[str | None] = mapped_column(String(10))
    customer_ref_number: Mapped[str | None] = mapped_column(String(40))
    external_reference: Mapped[str | None] = mapped_column(String(40))
    payment_reference: Mapped[str | None] = mapped_column(String(40))
    invoice_text: Mapped[str | None] = mapped_column(String(255))
    note: Mapped[str | None] = mapped_column(Text)
    location_id: Mapped[str | None] = mapped_column(String(30))
    branch: Mapped[str | None] = mapped_column(String(30))
    cash_account: Mapped[str | None] = mapped_column(String(10))
    project: Mapped[str | None] = mapped_column(String(30))
    customer_project: Mapped[str | None] = mapped_column(String(30))
    salesperson: Mapped[str | None] = mapped_column(String(30))
    contact_id: Mapped[int | None] = mapped_column(Integer)
    send_to_auto_invoice: Mapped[bool] = mapped_column(Boolean, default=False)
    dont_print: Mapped[bool] = mapped_column(Boolean, default=True)
    dont_email: Mapped[bool] = mapped_column(Boolean, default=True)
    revoked: Mapped[bool] = mapped_column(Boolean, default=False)
    exclude_debt_collection: Mapped[bool] = mapped_column(Boolean, default=False)
    start_date: Mapped[datetime | None] = mapped_column(UTCDateTime)
    end_date: Mapped[datetime | None] = mapped_column(UTCDateTime)
    accounting_cost_ref: Mapped[str | None] = mapped_column(String(40))
    originator_doc_ref: Mapped[str | None] = mapped_column(String(40))
    contract_doc_ref: Mapped[str | None] = mapped_column(String(40))
    # Computed from the lines on every write, never taken from the client.
    detail_total: Mapped[Decimal] = mapped_column(Money, default=ZERO)
    discount_total: Mapped[Decimal] = mapped_column(Money, default=ZERO)
    vat_taxable_total: Mapped[Decimal] = mapped_column(Money, default=ZERO)
    vat_exempt_total: Mapped[Decimal] = mapped_column(Money, default=ZERO)
    vat_total: Mapped[Decimal] = mapped_column(Money, default=ZERO)
    amount: Mapped[Decimal] = mapped_column(Money, default=ZERO)
    balance: Mapped[Decimal] = mapped_column(Money, default=ZERO)
    # The credit note a `reverse` made points at the document it reverses.
    original_id: Mapped[int | None] = mapped_column(ForeignKey("customer_invoice.id"))
    batch_number: Mapped[str | None] = mapped_column(String(15))
    # The level of the last dunning letter that named the document (0: none), and its date.
    dunning_level: Mapped[int] = mapped_column(Integer, default=0)
    dunning_letter_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # Never filtered on: the billing address and contact, the VAT details.
    billing_address: Mapped[dict] = mapped_column(Document, default=dict)
    invoice_contact: Mapped[dict] = mapped_column(Document, default=dict)
    tax_details: Mapped[list] = mapped_column(Document, default=list)

    customer: Mapped[Customer] = relationship(lazy="joined")
    credit_terms: Mapped[CreditTerms | None] = relationship(lazy="joined")
    vat_zone: Mapped[VatZone | None] = relationship(lazy="joined")
    lines: Mapped[list[CustomerInvoiceLine]] = relationship(
        back_populates="invoice",
        cascade="all, delete-orphan",
        order_by="CustomerInvoiceLine.line_number",
        lazy="selectin",
    )
    attachments: Mapped[list[Attachment]] = owned_attachments("CustomerInvoice", OwnerKind.CUSTOMER_INVOICE)


class CustomerInvoiceLine(Base):
    __tablename__ = "customer_invoice_line"
    __table_args__ = (UniqueConstraint("invoice_id", "line_number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    company_id: Mapped[int] = mapped_column(ForeignKey("company.id", ondelete="CASCADE"))
    invoice_id: Mapped[int] = mapped_column(ForeignKey("customer_invoice.id", ondelete="CASCADE"))
    line_number: Mapped[int] = mapped_column(Integer)
    item_id: Mapped[int | None] = mapped_column(ForeignKey("inventory_item.id"))
    description: Mapped[str | None] = mapped_column(String(255))
    quantity: Mapped[Decimal] = mapped_column(Money, default=ZERO)
    uom: Mapped[str | None] = mapped_column(String(6))
    unit_price: Mapped[Decimal] = mapped_column(Money, default=ZERO)
    # An amount the client set by hand replaces quantity x unit price.
    manual_amount: Mapped[Decimal | None] = mapped_column(Money)
    discount_percent: Mapped[Decimal] = mapped_column(Money, default=ZERO)
    discount_amount: Mapped[Decimal] = mapped_column(Money, default=ZERO)
    manual_discount: Mapped[bool] = mapped_column(Boolean, default=False)
    discount_code: Mapped[str | None] = mapped_column(String(10))
    amount: Mapped[Decimal] = mapped_column(Money, default=ZERO)
    account_id: Mapped[int | None] = mapped_column(ForeignKey("account.id"))
    subaccount_id: Mapped[int | None] = mapped_column(ForeignKey("subaccount.id"))
    # Codes, as the item module keeps them: the VAT category, the VAT ID the client gave and the one determined.
    vat_category: Mapped[str | None] = mapped_column(String(10))
    vat_code_given: Mapped[str | None] = mapped_column(String(10))
    vat_id: Mapped[str | None] = mapped_column(String(10))
    vat_amount: Mapped[Decimal] = mapped_column(Money, default=ZERO)
    salesperson: Mapped[str | None] = mapped_column(String(30))
    deferral_schedule: Mapped[int | None] = mapped_column(Integer)
    deferral_code: Mapped[str | None] = mapped_column(String(10))
    term_start_date: Mapped[datetime | None] = mapped_column(UTCDateTime)
    term_end_date: Mapped[datetime | None] = mapped_column(UTCDateTime)
    start_date: Mapped[datetime | None] = mapped_column(UTCDateTime)
    end_date: Mapped[datetime | None] = mapped_column(UTCDateTime)
    note: Mapped[str | None] = mapped_column(Text)
    branch: Mapped[str | None] = mapped_column(String(30))
    item_type: Mapped[str | None] = mapped_column(String(20))
    task_id: Mapped[str | None] = mapped_column(String(30))
    # The sales order shipment the line invoices (shipping/invoicing.py), as the line DTO shows it.
    so_shipment_nbr: Mapped[str | None] = mapped_column(String(15))
    so_order_type: Mapped[str | None] = mapped_column(String(2))
    so_order_nbr: Mapped[str | None] = mapped_column(String(15))

    invoice: Mapped[CustomerInvoice] = relationship(back_populates="lines")
    item: Mapped[InventoryItem | None] = relationship(lazy="joined")
    account: Mapped[Account | None] = relationship(lazy="joined")
    subaccount: Mapped[Subaccount | None] = relationship(lazy="joined")


class CustomerPayment(Stamped, Base):
    __tablename__ = "customer_payment"
    __table_args__ = (
        UniqueConstraint("company_id", "reference_number"),
        Index("ix_customer_payment_company_ref_id", "company_id", "reference_number", "id"),
        Index("ix_customer_payment_company_modified_id", "company_id", "last_modified_at", "id"),
        Index("ix_customer_payment_company_customer", "company_id", "customer_id", "released"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    company_id: Mapped[int] = mapped_column(ForeignKey("company.id", ondelete="CASCADE"))
    payment_type: Mapped[str] = mapped_column(String(20), default="Payment")
    reference_number: Mapped[str] = mapped_column(String(15))
    status: Mapped[str] = mapped_column(String(20), default="Balanced")
    hold: Mapped[bool] = mapped_column(Boolean, default=False)
    released: Mapped[bool] = mapped_column(Boolean, default=False)
    customer_id: Mapped[int] = mapped_column(ForeignKey("customer.id"))
    application_date: Mapped[datetime] = mapped_column(UTCDateTime)
    application_period: Mapped[str] = mapped_column(String(6))
    payment_ref: Mapped[str | None] = mapped_column(String(40))
    location: Mapped[str | None] = mapped_column(String(30))
    payment_method: Mapped[str | None] = mapped_column(String(10))
    cash_account: Mapped[str | None] = mapped_column(String(10))
    currency_id: Mapped[str] = mapped_column(String(5))
    payment_amount: Mapped[Decimal] = mapped_column(Money, default=ZERO)
    invoice_text: Mapped[str | None] = mapped_column(String(255))
    # Applied (net of credit notes) and what is left unapplied: a credit on the customer's account once released.
    applied_to_documents: Mapped[Decimal] = mapped_column(Money, default=ZERO)
    available_balance: Mapped[Decimal] = mapped_column(Money, default=ZERO)
    batch_number: Mapped[str | None] = mapped_column(String(15))
    # The batch that reversed the payment's when it was voided.
    void_batch_number: Mapped[str | None] = mapped_column(String(15))

    customer: Mapped[Customer] = relationship(lazy="joined")
    lines: Mapped[list[CustomerPaymentLine]] = relationship(
        back_populates="payment", cascade="all, delete-orphan", order_by="CustomerPaymentLine.id", lazy="selectin"
    )


class CustomerPaymentLine(Base):
    __tablename__ = "customer_payment_line"
    __table_args__ = (
        UniqueConstraint("payment_id", "invoice_id"),
        Index("ix_customer_payment_line_invoice", "invoice_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    company_id: Mapped[int] = mapped_column(ForeignKey("company.id", ondelete="CASCADE"))
    payment_id: Mapped[int] = mapped_column(ForeignKey("customer_payment.id", ondelete="CASCADE"))
    invoice_id: Mapped[int] = mapped_column(ForeignKey("customer_invoice.id"))
    amount_paid: Mapped[Decimal] = mapped_column(Money, default=ZERO)
    cash_discount_taken: Mapped[Decimal] = mapped_column(Money, default=ZERO)
    balance_write_off: Mapped[Decimal] = mapped_column(Money, default=ZERO)
    write_off_reason_code: Mapped[str | None] = mapped_column(String(20))
    cross_rate: Mapped[Decimal] = mapped_column(Money, default=Decimal(1))

    payment: Mapped[CustomerPayment] = relationship(back_populates="lines")
    invoice: Mapped[CustomerInvoice] = relationship(lazy="joined")


events.register(
    events.Source(
        "AR Invoice",
        CustomerInvoice,
        frozenset({events.ACTION_TRIGGERED, events.CHANGED, events.STATUS_CHANGED}),
        key=lambda invoice: invoice.reference_number,
        status="status",
        details=lambda invoice: {"documentType": invoice.document_type},
    )
)
