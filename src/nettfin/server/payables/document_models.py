"""Supplier ledger documents: supplier invoices with their lines and VAT details (AP301000: Invoice,
CreditAdj, DebitAdj, Prepayment) and supplier payments with the documents they pay (AP302000).

Amounts are kept twice: in the document's currency (`..._cur`, what the client sends and the `...InCurrency`
members show) and in the company's base currency (what the ledger posts), at the document's exchange rate.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy import Boolean, Date, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..attachments.models import Attachment, OwnerKind, owned_attachments
from ..db.base import Base, Stamped
from ..db.types import Money
from ..inventory.models import InventoryItem
from ..kit import events
from ..ledger.models import Account, Subaccount
from ..tax.models import VatZone
from ..terms.models import CreditTerms
from .models import Supplier

ZERO = Decimal(0)


class ScalarDefaults:
    """New rows start with their columns' scalar defaults, so amounts can be computed before the first flush
    (SQLAlchemy applies column defaults only when it inserts)."""

    def __init__(self, **values) -> None:
        defaults = _SCALAR_DEFAULTS.get(type(self))
        if defaults is None:
            defaults = _SCALAR_DEFAULTS[type(self)] = _scalar_defaults(self.__table__)
        super().__init__(**values, **{key: value for key, value in defaults.items() if key not in values})


# Per model, read off its table once: a document's five lines each walked some sixty columns for them.
_SCALAR_DEFAULTS: dict[type, dict[str, Any]] = {}


def _scalar_defaults(table) -> dict[str, Any]:
    return {
        column.key: column.default.arg
        for column in table.columns
        if column.default is not None and column.default.is_scalar and column.key != "row_version"
    }


class SupplierDocument(ScalarDefaults, Stamped, Base):
    __tablename__ = "supplier_document"
    __table_args__ = (
        UniqueConstraint("company_id", "document_type", "reference_number"),
        Index("ix_supplier_document_company_number_id", "company_id", "reference_number", "id"),
        Index("ix_supplier_document_company_modified_id", "company_id", "last_modified_at", "id"),
        Index("ix_supplier_document_company_supplier_id", "company_id", "supplier_id", "id"),
        Index("ix_supplier_document_company_approval_id", "company_id", "approval_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    company_id: Mapped[int] = mapped_column(ForeignKey("company.id", ondelete="CASCADE"))
    document_type: Mapped[str] = mapped_column(String(20))
    reference_number: Mapped[str] = mapped_column(String(15))
    status: Mapped[str] = mapped_column(String(20))
    hold: Mapped[bool] = mapped_column(Boolean, default=False)
    released: Mapped[bool] = mapped_column(Boolean, default=False)
    supplier_id: Mapped[int] = mapped_column(ForeignKey("supplier.id"))
    date: Mapped[date] = mapped_column(Date)
    orig_invoice_date: Mapped[date | None] = mapped_column(Date)
    due_date: Mapped[date | None] = mapped_column(Date)
    cash_discount_date: Mapped[date | None] = mapped_column(Date)
    pay_date: Mapped[date | None] = mapped_column(Date)
    period_id: Mapped[str] = mapped_column(String(6))  # YYYYPP
    currency_id: Mapped[str] = mapped_column(String(5))
    exchange_rate: Mapped[Decimal] = mapped_column(Money, default=Decimal(1))
    credit_terms_id: Mapped[int | None] = mapped_column(ForeignKey("credit_terms.id"))
    vat_zone_id: Mapped[int | None] = mapped_column(ForeignKey("vat_zone.id"))
    tax_calculation_mode: Mapped[str] = mapped_column(String(10), default="TaxSetting")
    supplier_reference: Mapped[str | None] = mapped_column(String(40))
    payment_ref_no: Mapped[str | None] = mapped_column(String(40))
    payment_message: Mapped[str | None] = mapped_column(String(100))
    description: Mapped[str | None] = mapped_column(String(255))
    note: Mapped[str | None] = mapped_column(Text)
    location_id: Mapped[str] = mapped_column(String(10), default="MAIN")
    branch_number: Mapped[str | None] = mapped_column(String(30))
    cash_account: Mapped[str | None] = mapped_column(String(10))
    payment_method: Mapped[str | None] = mapped_column(String(10))
    pay_selected: Mapped[bool] = mapped_column(Boolean, default=False)
    # Totals computed from the lines, never taken from the client.
    detail_total_cur: Mapped[Decimal] = mapped_column(Money, default=ZERO)
    detail_total: Mapped[Decimal] = mapped_column(Money, default=ZERO)
    discount_total_cur: Mapped[Decimal] = mapped_column(Money, default=ZERO)
    discount_total: Mapped[Decimal] = mapped_column(Money, default=ZERO)
    vat_taxable_cur: Mapped[Decimal] = mapped_column(Money, default=ZERO)
    vat_taxable: Mapped[Decimal] = mapped_column(Money, default=ZERO)
    vat_exempt_cur: Mapped[Decimal] = mapped_column(Money, default=ZERO)
    vat_exempt: Mapped[Decimal] = mapped_column(Money, default=ZERO)
    vat_total_cur: Mapped[Decimal] = mapped_column(Money, default=ZERO)
    vat_total: Mapped[Decimal] = mapped_column(Money, default=ZERO)
    amount_cur: Mapped[Decimal] = mapped_column(Money, default=ZERO)
    amount: Mapped[Decimal] = mapped_column(Money, default=ZERO)
    # What is still owed (or, on a debit adjustment, still to be taken); both zero until release.
    balance_cur: Mapped[Decimal] = mapped_column(Money, default=ZERO)
    balance: Mapped[Decimal] = mapped_column(Money, default=ZERO)
    # The supplier ledger account the document posted to, set on release; payments clear it.
    ap_account_id: Mapped[int | None] = mapped_column(ForeignKey("account.id"))
    ap_subaccount_id: Mapped[int | None] = mapped_column(ForeignKey("subaccount.id"))
    batch_number: Mapped[str | None] = mapped_column(String(15))
    void_batch_number: Mapped[str | None] = mapped_column(String(15))
    closed_period_id: Mapped[str | None] = mapped_column(String(6))
    # Prebooking (`action/prebook`): the account the expense was posted against while the payable is not due,
    # and the batch that posted it; the release moves the amount from it to the supplier ledger account.
    prebook_account_id: Mapped[int | None] = mapped_column(ForeignKey("account.id"))
    prebook_subaccount_id: Mapped[int | None] = mapped_column(ForeignKey("subaccount.id"))
    prebook_batch_number: Mapped[str | None] = mapped_column(String(15))
    # The document a reversing document (`action/reverse`) or a correction (`action/correct`) was made from.
    original_document_type: Mapped[str | None] = mapped_column(String(20))
    original_reference_number: Mapped[str | None] = mapped_column(String(15))
    # Visma.net Approval: the status the document has there and the approval document's id (`systemId`).
    approval_status: Mapped[str] = mapped_column(String(30), default="New")
    approval_id: Mapped[str | None] = mapped_column(String(36))
    write_off_batch_number: Mapped[str | None] = mapped_column(String(15))

    supplier: Mapped[Supplier] = relationship(lazy="joined")
    credit_terms: Mapped[CreditTerms | None] = relationship(lazy="joined")
    vat_zone: Mapped[VatZone | None] = relationship(lazy="joined")
    ap_account: Mapped[Account | None] = relationship(foreign_keys=[ap_account_id])
    ap_subaccount: Mapped[Subaccount | None] = relationship(foreign_keys=[ap_subaccount_id])
    prebook_account: Mapped[Account | None] = relationship(foreign_keys=[prebook_account_id])
    prebook_subaccount: Mapped[Subaccount | None] = relationship(foreign_keys=[prebook_subaccount_id])
    lines: Mapped[list[SupplierDocumentLine]] = relationship(
        back_populates="document", order_by="SupplierDocumentLine.line_number", cascade="all, delete-orphan"
    )
    taxes: Mapped[list[SupplierDocumentTax]] = relationship(
        back_populates="document", order_by="SupplierDocumentTax.vat_id", cascade="all, delete-orphan"
    )
    attachments: Mapped[list[Attachment]] = owned_attachments("SupplierDocument", OwnerKind.SUPPLIER_DOCUMENT)


class SupplierDocumentLine(ScalarDefaults, Base):
    __tablename__ = "supplier_document_line"
    __table_args__ = (
        UniqueConstraint("document_id", "line_number"),
        Index("ix_supplier_document_line_company_item", "company_id", "inventory_number"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    company_id: Mapped[int] = mapped_column(ForeignKey("company.id", ondelete="CASCADE"))
    document_id: Mapped[int] = mapped_column(ForeignKey("supplier_document.id", ondelete="CASCADE"))
    line_number: Mapped[int] = mapped_column(Integer)
    item_id: Mapped[int | None] = mapped_column(ForeignKey("inventory_item.id"))
    inventory_number: Mapped[str | None] = mapped_column(String(30))
    description: Mapped[str | None] = mapped_column(String(255))
    quantity: Mapped[Decimal] = mapped_column(Money, default=ZERO)
    uom: Mapped[str | None] = mapped_column(String(6))
    unit_cost_cur: Mapped[Decimal] = mapped_column(Money, default=ZERO)
    discount_percent: Mapped[Decimal] = mapped_column(Money, default=ZERO)
    discount_amount_cur: Mapped[Decimal] = mapped_column(Money, default=ZERO)
    manual_discount: Mapped[bool] = mapped_column(Boolean, default=False)
    # The line's amount after discount; `cost_cur` is what a client sending `costInCurrency` sets.
    cost_cur: Mapped[Decimal] = mapped_column(Money, default=ZERO)
    cost: Mapped[Decimal] = mapped_column(Money, default=ZERO)
    manual_cost: Mapped[bool] = mapped_column(Boolean, default=False)
    # The amount the line posts to its account: the cost, less the VAT it contains when costs include VAT.
    taxable_cur: Mapped[Decimal] = mapped_column(Money, default=ZERO)
    taxable: Mapped[Decimal] = mapped_column(Money, default=ZERO)
    account_id: Mapped[int] = mapped_column(ForeignKey("account.id"))
    subaccount_id: Mapped[int | None] = mapped_column(ForeignKey("subaccount.id"))
    # The VAT ID the line carries (determined or validated) and the VAT category it was determined from.
    vat_id: Mapped[str | None] = mapped_column(String(10))
    vat_category: Mapped[str | None] = mapped_column(String(10))
    # True when the client gave the VAT ID (`vatCodeId`): it is validated, not determined again.
    manual_vat: Mapped[bool] = mapped_column(Boolean, default=False)
    project_id: Mapped[str | None] = mapped_column(String(30))
    note: Mapped[str | None] = mapped_column(Text)
    # A line billing a purchase receipt line (`addPOReceiptLines`): the receipt and order it names, the PO accrual
    # value it clears (base currency) and the purchase price variance account that takes the difference.
    receipt_line_id: Mapped[int | None] = mapped_column(ForeignKey("purchase_receipt_line.id"))
    po_receipt_nbr: Mapped[str | None] = mapped_column(String(15))
    po_receipt_line_nbr: Mapped[int | None] = mapped_column(Integer)
    po_order_nbr: Mapped[str | None] = mapped_column(String(15))
    po_line_nbr: Mapped[int | None] = mapped_column(Integer)
    receipt_value: Mapped[Decimal | None] = mapped_column(Money)
    variance_account_cd: Mapped[str | None] = mapped_column(String(10))

    document: Mapped[SupplierDocument] = relationship(back_populates="lines")
    item: Mapped[InventoryItem | None] = relationship(lazy="joined")
    account: Mapped[Account] = relationship(lazy="joined")
    subaccount: Mapped[Subaccount | None] = relationship(lazy="joined")


class SupplierDocumentTax(ScalarDefaults, Base):
    """A document's VAT for one VAT ID (`taxDetailLines`): computed from the lines when they change."""

    __tablename__ = "supplier_document_tax"
    __table_args__ = (UniqueConstraint("document_id", "vat_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    company_id: Mapped[int] = mapped_column(ForeignKey("company.id", ondelete="CASCADE"))
    document_id: Mapped[int] = mapped_column(ForeignKey("supplier_document.id", ondelete="CASCADE"))
    vat_id: Mapped[str] = mapped_column(String(10))
    vat_rate: Mapped[Decimal] = mapped_column(Money, default=ZERO)
    reverse: Mapped[bool] = mapped_column(Boolean, default=False)
    taxable_cur: Mapped[Decimal] = mapped_column(Money, default=ZERO)
    taxable: Mapped[Decimal] = mapped_column(Money, default=ZERO)
    vat_cur: Mapped[Decimal] = mapped_column(Money, default=ZERO)
    vat: Mapped[Decimal] = mapped_column(Money, default=ZERO)

    document: Mapped[SupplierDocument] = relationship(back_populates="taxes")


class SupplierPayment(ScalarDefaults, Stamped, Base):
    __tablename__ = "supplier_payment"
    __table_args__ = (
        UniqueConstraint("company_id", "payment_type", "reference_number"),
        Index("ix_supplier_payment_company_number_id", "company_id", "reference_number", "id"),
        Index("ix_supplier_payment_company_modified_id", "company_id", "last_modified_at", "id"),
        Index("ix_supplier_payment_company_supplier_id", "company_id", "supplier_id", "id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    company_id: Mapped[int] = mapped_column(ForeignKey("company.id", ondelete="CASCADE"))
    payment_type: Mapped[str] = mapped_column(String(20), default="Payment")
    reference_number: Mapped[str] = mapped_column(String(15))
    status: Mapped[str] = mapped_column(String(20))
    hold: Mapped[bool] = mapped_column(Boolean, default=False)
    released: Mapped[bool] = mapped_column(Boolean, default=False)
    supplier_id: Mapped[int] = mapped_column(ForeignKey("supplier.id"))
    application_date: Mapped[date] = mapped_column(Date)
    period_id: Mapped[str] = mapped_column(String(6))
    payment_ref: Mapped[str | None] = mapped_column(String(40))
    location_id: Mapped[str] = mapped_column(String(10), default="MAIN")
    payment_method: Mapped[str | None] = mapped_column(String(10))
    cash_account: Mapped[str | None] = mapped_column(String(10))  # a GL cash account's number
    currency_id: Mapped[str] = mapped_column(String(5))
    description: Mapped[str | None] = mapped_column(String(255))
    branch_number: Mapped[str | None] = mapped_column(String(30))
    payment_amount: Mapped[Decimal] = mapped_column(Money, default=ZERO)
    # The part of a released payment not applied to documents: it stays on the supplier ledger account.
    unapplied_balance: Mapped[Decimal] = mapped_column(Money, default=ZERO)
    ap_account_id: Mapped[int | None] = mapped_column(ForeignKey("account.id"))
    batch_number: Mapped[str | None] = mapped_column(String(15))
    write_off_batch_number: Mapped[str | None] = mapped_column(String(15))

    supplier: Mapped[Supplier] = relationship(lazy="joined")
    ap_account: Mapped[Account | None] = relationship()
    lines: Mapped[list[SupplierPaymentLine]] = relationship(
        back_populates="payment", order_by="SupplierPaymentLine.line_number", cascade="all, delete-orphan"
    )


class SupplierPaymentLine(ScalarDefaults, Base):
    """A document the payment pays (or, for a debit adjustment, takes): `paymentLines`."""

    __tablename__ = "supplier_payment_line"
    __table_args__ = (
        UniqueConstraint("payment_id", "line_number"),
        Index("ix_supplier_payment_line_document_id", "document_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    company_id: Mapped[int] = mapped_column(ForeignKey("company.id", ondelete="CASCADE"))
    payment_id: Mapped[int] = mapped_column(ForeignKey("supplier_payment.id", ondelete="CASCADE"))
    line_number: Mapped[int] = mapped_column(Integer)
    document_id: Mapped[int] = mapped_column(ForeignKey("supplier_document.id"))
    amount_paid: Mapped[Decimal] = mapped_column(Money, default=ZERO)
    # What the application took off the document's base-currency balance, set on release.
    amount_paid_base: Mapped[Decimal] = mapped_column(Money, default=ZERO)

    payment: Mapped[SupplierPayment] = relationship(back_populates="lines")
    document: Mapped[SupplierDocument] = relationship(lazy="joined")


events.register(
    events.Source(
        "AP Invoice",
        SupplierDocument,
        frozenset({events.STATUS_CHANGED}),
        key=lambda document: document.reference_number,
        status="status",
        details=lambda document: {"documentType": document.document_type},
    )
)
