"""Sales orders (Visma: SO301000) and their order types (SO201000).

An order posts nothing to the ledger: its lines' open quantities of stock items are the stock its warehouse has
committed (`soBooked` in the inventory summary); shipments (`shipping/`) take stock out and count what they
shipped on the lines (`shipped_qty`); an invoice made from the order (`prepareInvoice`) is a customer invoice.
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
from ..inventory.models import InventoryItem, Warehouse
from ..kit import events
from ..ledger.models import Account, Subaccount
from ..receivables.models import Customer
from ..tax.models import VatZone
from ..terms.models import CreditTerms

Document = JSON().with_variant(JSONB(), "postgresql")
ZERO = Decimal(0)


class SalesOrderType(Stamped, Base):
    """An order type and its rules: whether its orders go out through shipments, whether they move stock,
    which customer document invoicing them makes, and the number series of their numbers."""

    __tablename__ = "sales_order_type"
    __table_args__ = (
        UniqueConstraint("company_id", "order_type"),
        Index("ix_sales_order_type_company_modified_id", "company_id", "last_modified_at", "id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    company_id: Mapped[int] = mapped_column(ForeignKey("company.id", ondelete="CASCADE"))
    order_type: Mapped[str] = mapped_column(String(2))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    description: Mapped[str] = mapped_column(String(60))
    # SalesOrder, Invoice, Quote, RMAOrder, CreditMemo (the DTO's enum).
    behavior: Mapped[str] = mapped_column(String(20))
    # Issue or Receipt: what a line of the type does unless it says otherwise.
    default_operation: Mapped[str] = mapped_column(String(10))
    # Invoice, DebitMemo, CreditMemo, CashSale, CashReturn, NoUpdate.
    customer_document_type: Mapped[str] = mapped_column(String(20))
    requires_shipment: Mapped[bool] = mapped_column(Boolean, default=False)
    updates_inventory: Mapped[bool] = mapped_column(Boolean, default=False)
    series_id: Mapped[str] = mapped_column(String(10))


class SalesOrder(Stamped, Base):
    __tablename__ = "sales_order"
    __table_args__ = (
        # GET /salesorder/{orderNbr} names no type: numbers are unique across the company's order types.
        UniqueConstraint("company_id", "order_nbr"),
        Index("ix_sales_order_company_nbr_id", "company_id", "order_nbr", "id"),
        Index("ix_sales_order_company_modified_id", "company_id", "last_modified_at", "id"),
        Index("ix_sales_order_company_customer", "company_id", "customer_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    company_id: Mapped[int] = mapped_column(ForeignKey("company.id", ondelete="CASCADE"))
    order_type: Mapped[str] = mapped_column(String(2))
    order_nbr: Mapped[str] = mapped_column(String(15))
    # Open, Hold, CreditHold, Completed, Cancelled, BackOrder, Shipping, Invoiced, PendingApproval, Voided.
    status: Mapped[str] = mapped_column(String(20), default="Open")
    hold: Mapped[bool] = mapped_column(Boolean, default=False)
    canceled: Mapped[bool] = mapped_column(Boolean, default=False)
    # Document dates are calendar days, kept as midnight UTC.
    date: Mapped[datetime] = mapped_column(UTCDateTime)
    request_on: Mapped[datetime | None] = mapped_column(UTCDateTime)
    customer_id: Mapped[int] = mapped_column(ForeignKey("customer.id"))
    customer_order: Mapped[str | None] = mapped_column(String(40))
    customer_ref_no: Mapped[str | None] = mapped_column(String(40))
    location: Mapped[str | None] = mapped_column(String(30))
    contact_id: Mapped[int | None] = mapped_column(Integer)
    gln: Mapped[str | None] = mapped_column(String(20))
    vat_registration_id: Mapped[str | None] = mapped_column(String(50))
    currency_id: Mapped[str] = mapped_column(String(5))
    exchange_rate: Mapped[Decimal] = mapped_column(Money, default=Decimal(1))
    description: Mapped[str | None] = mapped_column(String(255))
    branch: Mapped[str | None] = mapped_column(String(30))
    project: Mapped[str | None] = mapped_column(String(30))
    credit_terms_id: Mapped[int | None] = mapped_column(ForeignKey("credit_terms.id"))
    vat_zone_id: Mapped[int | None] = mapped_column(ForeignKey("vat_zone.id"))
    # A sales person's id as given (crm/ keeps the sales persons) and the commission on the order.
    sales_person: Mapped[str | None] = mapped_column(String(30))
    commission_percent: Mapped[Decimal] = mapped_column(Money, default=ZERO)
    owner: Mapped[str | None] = mapped_column(String(36))
    orig_order_type: Mapped[str | None] = mapped_column(String(2))
    orig_order_nbr: Mapped[str | None] = mapped_column(String(15))
    sched_shipment: Mapped[datetime | None] = mapped_column(UTCDateTime)
    ship_separately: Mapped[bool] = mapped_column(Boolean, default=False)
    ship_complete: Mapped[str] = mapped_column(String(20), default="BackOrderAllowed")
    cancel_by: Mapped[datetime | None] = mapped_column(UTCDateTime)
    preferred_warehouse_id: Mapped[int | None] = mapped_column(ForeignKey("warehouse.id"))
    ship_via: Mapped[str | None] = mapped_column(String(15))
    fob_point: Mapped[str | None] = mapped_column(String(15))
    priority: Mapped[int] = mapped_column(Integer, default=0)
    shipping_terms: Mapped[str | None] = mapped_column(String(10))
    shipping_zone: Mapped[str | None] = mapped_column(String(15))
    residential_delivery: Mapped[bool] = mapped_column(Boolean, default=False)
    saturday_delivery: Mapped[bool] = mapped_column(Boolean, default=False)
    insurance: Mapped[bool] = mapped_column(Boolean, default=False)
    transaction_type: Mapped[int | None] = mapped_column(Integer)
    payment_method: Mapped[str | None] = mapped_column(String(10))
    cash_account: Mapped[str | None] = mapped_column(String(10))
    payment_ref: Mapped[str | None] = mapped_column(String(40))
    invoice_separately: Mapped[bool] = mapped_column(Boolean, default=False)
    print_description_on_invoice: Mapped[bool] = mapped_column(Boolean, default=False)
    print_note_on_external_documents: Mapped[bool] = mapped_column(Boolean, default=False)
    print_note_on_internal_documents: Mapped[bool] = mapped_column(Boolean, default=False)
    is_rot_rut_deductible: Mapped[bool] = mapped_column(Boolean, default=False)
    # The ROT/RUT details as RotRutBasicDto has them ({type, appartment, estate, organizationNbr,
    # distributedAutomaticaly, distribution: [{lineNbr, personalId, amount, extra}]}).
    rot_rut: Mapped[dict] = mapped_column(Document, default=dict)
    emailed: Mapped[bool] = mapped_column(Boolean, default=False)
    note: Mapped[str | None] = mapped_column(Text)
    # The customer invoice invoicing the order made (`prepareInvoice`).
    invoice_nbr: Mapped[str | None] = mapped_column(String(15))
    invoice_date: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # Computed from the lines on every write, never taken from the client.
    line_total: Mapped[Decimal] = mapped_column(Money, default=ZERO)
    discount_total: Mapped[Decimal] = mapped_column(Money, default=ZERO)
    vat_taxable_total: Mapped[Decimal] = mapped_column(Money, default=ZERO)
    vat_exempt_total: Mapped[Decimal] = mapped_column(Money, default=ZERO)
    tax_total: Mapped[Decimal] = mapped_column(Money, default=ZERO)
    order_total: Mapped[Decimal] = mapped_column(Money, default=ZERO)
    tax_details: Mapped[list] = mapped_column(Document, default=list)
    billing_address: Mapped[dict] = mapped_column(Document, default=dict)
    billing_contact: Mapped[dict] = mapped_column(Document, default=dict)
    shipping_address: Mapped[dict] = mapped_column(Document, default=dict)
    shipping_contact: Mapped[dict] = mapped_column(Document, default=dict)

    customer: Mapped[Customer] = relationship(lazy="joined")
    credit_terms: Mapped[CreditTerms | None] = relationship(lazy="joined")
    vat_zone: Mapped[VatZone | None] = relationship(lazy="joined")
    preferred_warehouse: Mapped[Warehouse | None] = relationship(lazy="joined")
    lines: Mapped[list[SalesOrderLine]] = relationship(
        back_populates="order", cascade="all, delete-orphan", order_by="SalesOrderLine.line_number", lazy="selectin"
    )
    attachments: Mapped[list[Attachment]] = owned_attachments("SalesOrder", OwnerKind.SALES_ORDER)


class SalesOrderLine(Base):
    """An order line. `quantity` is ordered; `shipped_qty` went out on confirmed shipments (returned, for a
    Receipt line), `qty_on_shipments` is on shipments not confirmed yet; the open quantity is what remains to
    ship (`orders.open_quantity`). `billed_qty` was invoiced."""

    __tablename__ = "sales_order_line"
    __table_args__ = (
        UniqueConstraint("order_id", "line_number"),
        Index("ix_sales_order_line_item_warehouse", "company_id", "item_id", "warehouse_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    company_id: Mapped[int] = mapped_column(ForeignKey("company.id", ondelete="CASCADE"))
    order_id: Mapped[int] = mapped_column(ForeignKey("sales_order.id", ondelete="CASCADE"))
    line_number: Mapped[int] = mapped_column(Integer)
    sort_order: Mapped[int] = mapped_column(Integer, default=0)
    # Issue or Receipt (a return).
    operation: Mapped[str] = mapped_column(String(10), default="Issue")
    item_id: Mapped[int | None] = mapped_column(ForeignKey("inventory_item.id"))
    warehouse_id: Mapped[int | None] = mapped_column(ForeignKey("warehouse.id"))
    line_description: Mapped[str | None] = mapped_column(String(255))
    uom: Mapped[str | None] = mapped_column(String(6))
    quantity: Mapped[Decimal] = mapped_column(Money, default=ZERO)
    shipped_qty: Mapped[Decimal] = mapped_column(Money, default=ZERO)
    qty_on_shipments: Mapped[Decimal] = mapped_column(Money, default=ZERO)
    billed_qty: Mapped[Decimal] = mapped_column(Money, default=ZERO)
    unit_cost: Mapped[Decimal] = mapped_column(Money, default=ZERO)
    unit_price: Mapped[Decimal] = mapped_column(Money, default=ZERO)
    ext_price: Mapped[Decimal] = mapped_column(Money, default=ZERO)
    discount_percent: Mapped[Decimal] = mapped_column(Money, default=ZERO)
    discount_amount: Mapped[Decimal] = mapped_column(Money, default=ZERO)
    manual_discount: Mapped[bool] = mapped_column(Boolean, default=False)
    discount_code: Mapped[str | None] = mapped_column(String(10))
    # Ext. price less the discount: what the line sells for, VAT excluded.
    amount: Mapped[Decimal] = mapped_column(Money, default=ZERO)
    unbilled_amount: Mapped[Decimal] = mapped_column(Money, default=ZERO)
    free_item: Mapped[bool] = mapped_column(Boolean, default=False)
    requested_on: Mapped[datetime | None] = mapped_column(UTCDateTime)
    ship_on: Mapped[datetime | None] = mapped_column(UTCDateTime)
    ship_complete: Mapped[str] = mapped_column(String(20), default="BackOrderAllowed")
    undership_threshold: Mapped[Decimal] = mapped_column(Money, default=Decimal(100))
    overship_threshold: Mapped[Decimal] = mapped_column(Money, default=Decimal(100))
    completed: Mapped[bool] = mapped_column(Boolean, default=False)
    mark_for_po: Mapped[bool] = mapped_column(Boolean, default=False)
    po_source: Mapped[str | None] = mapped_column(String(20))
    # The purchase order `createPurchaseOrders` made for the line.
    po_order_nbr: Mapped[str | None] = mapped_column(String(15))
    lot_serial_nbr: Mapped[str | None] = mapped_column(String(100))
    expiration_date: Mapped[datetime | None] = mapped_column(UTCDateTime)
    reason_code: Mapped[str | None] = mapped_column(String(20))
    sales_person: Mapped[str | None] = mapped_column(String(30))
    commissionable: Mapped[bool] = mapped_column(Boolean, default=True)
    # Codes, as the item module keeps them: the VAT category and the VAT ID determined from it.
    tax_category: Mapped[str | None] = mapped_column(String(10))
    vat_id: Mapped[str | None] = mapped_column(String(10))
    alternate_id: Mapped[str | None] = mapped_column(String(50))
    project_task: Mapped[str | None] = mapped_column(String(30))
    account_id: Mapped[int | None] = mapped_column(ForeignKey("account.id"))
    subaccount_id: Mapped[int | None] = mapped_column(ForeignKey("subaccount.id"))
    external_link: Mapped[str | None] = mapped_column(String(255))
    is_rot_rut_deductible: Mapped[bool] = mapped_column(Boolean, default=False)
    branch: Mapped[str | None] = mapped_column(String(30))
    invoice_nbr: Mapped[str | None] = mapped_column(String(15))
    note: Mapped[str | None] = mapped_column(Text)

    order: Mapped[SalesOrder] = relationship(back_populates="lines")
    item: Mapped[InventoryItem | None] = relationship(lazy="joined")
    warehouse: Mapped[Warehouse | None] = relationship(lazy="joined")
    account: Mapped[Account | None] = relationship(lazy="joined")
    subaccount: Mapped[Subaccount | None] = relationship(lazy="joined")


# Not in the part of the catalogue that could be read (the V1/V2 orders' publisher is Visma Net Financial): named
# like Purchase Order's.
events.register(
    events.Source(
        "Sales Order",
        SalesOrder,
        frozenset({events.ACTION_TRIGGERED, events.CHANGED, events.STATUS_CHANGED}),
        key=lambda order: order.order_nbr,
        status="status",
        details=lambda order: {"orderType": order.order_type},
    )
)
