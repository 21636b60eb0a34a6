"""Customer ledger master data: customer classes and customers (Visma: AR201000, AR303000)."""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import JSON, Boolean, ForeignKey, Index, Integer, String, Text, UniqueConstraint, event
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..db.base import Base, Stamped
from ..db.types import Money
from ..kit import events
from ..parties.columns import PartyClassColumns, PartyColumns
from ..parties.models import CUSTOMER, add_main_location

Document = JSON().with_variant(JSONB(), "postgresql")


class CustomerClass(PartyClassColumns, Base):
    __tablename__ = "customer_class"
    __table_args__ = (UniqueConstraint("company_id", "class_id"),)

    invoice_orders_separately: Mapped[bool] = mapped_column(Boolean, default=False)


class Customer(PartyColumns, Stamped, Base):
    __tablename__ = "customer"
    __table_args__ = (
        UniqueConstraint("company_id", "number"),
        Index("ix_customer_company_number_id", "company_id", "number", "id"),
        Index("ix_customer_company_modified_id", "company_id", "last_modified_at", "id"),
        Index("ix_customer_company_created_id", "company_id", "created_at", "id"),
    )

    parent_id: Mapped[int | None] = mapped_column(ForeignKey("customer.id"))
    customer_class_id: Mapped[int | None] = mapped_column(ForeignKey("customer_class.id"))
    credit_terms_id: Mapped[int | None] = mapped_column(ForeignKey("credit_terms.id"))
    vat_zone_id: Mapped[int | None] = mapped_column(ForeignKey("vat_zone.id"))
    currency_id: Mapped[str] = mapped_column(String(5))
    credit_verification: Mapped[str] = mapped_column(String(30), default="Disabled")
    credit_limit: Mapped[Decimal] = mapped_column(Money, default=Decimal(0))
    credit_days_past_due: Mapped[int] = mapped_column(Integer, default=0)
    invoice_orders_separately: Mapped[bool] = mapped_column(Boolean, default=False)
    print_invoices: Mapped[bool] = mapped_column(Boolean, default=False)
    accept_auto_invoices: Mapped[bool] = mapped_column(Boolean, default=False)
    send_invoices_by_email: Mapped[bool] = mapped_column(Boolean, default=False)
    send_dunning_letters_via_email: Mapped[bool] = mapped_column(Boolean, default=False)
    print_dunning_letters: Mapped[bool] = mapped_column(Boolean, default=False)
    print_statements: Mapped[bool] = mapped_column(Boolean, default=False)
    send_statements_by_email: Mapped[bool] = mapped_column(Boolean, default=False)
    print_multi_currency_statements: Mapped[bool] = mapped_column(Boolean, default=False)
    invoice_to_default_location: Mapped[bool] = mapped_column(Boolean, default=True)
    statement_type: Mapped[str] = mapped_column(String(30), default="OpenItem")
    vat_registration_id: Mapped[str | None] = mapped_column(String(50))
    corporate_id: Mapped[str | None] = mapped_column(String(50))
    gln: Mapped[str | None] = mapped_column(String(20))
    note: Mapped[str | None] = mapped_column(Text)
    number_of_employees: Mapped[int | None] = mapped_column(Integer)
    exclude_debt_collection: Mapped[bool] = mapped_column(Boolean, default=False)
    # Addresses and contacts are never filtered on except the main contact's e-mail and phone, which JSON
    # path expressions reach on both databases.
    main_address: Mapped[dict] = mapped_column(Document, default=dict)
    main_contact: Mapped[dict] = mapped_column(Document, default=dict)
    invoice_address: Mapped[dict] = mapped_column(Document, default=dict)
    invoice_contact: Mapped[dict] = mapped_column(Document, default=dict)
    delivery_address: Mapped[dict] = mapped_column(Document, default=dict)
    delivery_contact: Mapped[dict] = mapped_column(Document, default=dict)

    parent: Mapped[Customer | None] = relationship(remote_side="Customer.id", lazy="joined", join_depth=1)
    customer_class: Mapped[CustomerClass | None] = relationship(lazy="joined")


@event.listens_for(Customer, "after_insert")
def _add_main_location(mapper, connection, customer: Customer) -> None:
    """Every customer has its default location, `MAIN`, from the moment it exists, however it is made (the API,
    the demo, the tests' factories): its address and contact are the customer's main ones."""
    add_main_location(connection, kind=CUSTOMER, company_id=customer.company_id, party_id=customer.id)


events.register(
    events.Source(
        "Customer",
        Customer,
        frozenset({events.ACTION_TRIGGERED, events.CHANGED, events.CREATED, events.UPDATED}),
        key=lambda customer: customer.number,
    )
)
