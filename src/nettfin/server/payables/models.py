"""Supplier ledger master data: supplier classes and suppliers (Visma: AP201000, AP303000)."""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import (
    JSON,
    Boolean,
    ForeignKey,
    Index,
    Integer,
    SmallInteger,
    String,
    Text,
    UniqueConstraint,
    event,
)
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, lazyload, mapped_column, relationship

from ..db.base import Base, Stamped
from ..db.types import Money
from ..kit import events
from ..parties.columns import PartyClassColumns, PartyColumns
from ..parties.models import SUPPLIER, add_main_location

Document = JSON().with_variant(JSONB(), "postgresql")


class SupplierClass(PartyClassColumns, Base):
    __tablename__ = "supplier_class"
    __table_args__ = (UniqueConstraint("company_id", "class_id"),)

    currency_id: Mapped[str | None] = mapped_column(String(5))
    # Balance write-off (`action/writeoff` of supplier documents and payments): the GL account (and subaccount)
    # a small balance is written off against, and the largest balance that may be (base currency).
    write_off_account: Mapped[str | None] = mapped_column(String(10))
    write_off_subaccount: Mapped[str | None] = mapped_column(String(30))
    write_off_limit: Mapped[Decimal | None] = mapped_column(Money)
    row_version: Mapped[int] = mapped_column(Integer, default=1)

    __mapper_args__ = {"version_id_col": row_version}


class Supplier(PartyColumns, Stamped, Base):
    __tablename__ = "supplier"
    __table_args__ = (
        UniqueConstraint("company_id", "number"),
        Index("ix_supplier_company_number_id", "company_id", "number", "id"),
        Index("ix_supplier_company_modified_id", "company_id", "last_modified_at", "id"),
    )

    parent_id: Mapped[int | None] = mapped_column(ForeignKey("supplier.id"))
    supplier_class_id: Mapped[int | None] = mapped_column(ForeignKey("supplier_class.id"))
    credit_terms_id: Mapped[int | None] = mapped_column(ForeignKey("credit_terms.id"))
    document_language: Mapped[str | None] = mapped_column(String(10))
    currency_id: Mapped[str] = mapped_column(String(5))
    currency_override: Mapped[bool] = mapped_column(Boolean, default=False)
    currency_rate_override: Mapped[bool] = mapped_column(Boolean, default=False)
    payment_method_id: Mapped[str | None] = mapped_column(String(10))
    cash_account: Mapped[str | None] = mapped_column(String(10))
    charge_bearer: Mapped[str] = mapped_column(String(20), default="Shared")
    account_used_for_payment: Mapped[str] = mapped_column(String(10), default="BBAN")
    payment_by: Mapped[str] = mapped_column(String(20), default="DueDate")
    payment_lead_time: Mapped[int] = mapped_column(SmallInteger, default=0)
    payment_ref_display_mask: Mapped[str | None] = mapped_column(String(50))
    pay_separately: Mapped[bool] = mapped_column(Boolean, default=False)
    vat_registration_id: Mapped[str | None] = mapped_column(String(50))
    corporate_id: Mapped[str | None] = mapped_column(String(50))
    vat_zone_id: Mapped[int | None] = mapped_column(ForeignKey("vat_zone.id"))
    retainage_apply: Mapped[bool] = mapped_column(Boolean, default=False)
    retainage_cash_account: Mapped[str | None] = mapped_column(String(10))
    # A percentage; Money is the exact decimal column type.
    retainage_pct: Mapped[Decimal] = mapped_column(Money, default=Decimal(0))
    note: Mapped[str | None] = mapped_column(Text)
    number_of_employees: Mapped[int | None] = mapped_column(Integer)
    nace_code: Mapped[str | None] = mapped_column(String(10))
    landed_cost_supplier: Mapped[bool] = mapped_column(Boolean, default=False)
    # Addresses, contacts, GL account codes and payment method details are never filtered on.
    main_address: Mapped[dict] = mapped_column(Document, default=dict)
    main_contact: Mapped[dict] = mapped_column(Document, default=dict)
    remit_address: Mapped[dict] = mapped_column(Document, default=dict)
    remit_contact: Mapped[dict] = mapped_column(Document, default=dict)
    supplier_address: Mapped[dict] = mapped_column(Document, default=dict)
    supplier_contact: Mapped[dict] = mapped_column(Document, default=dict)
    # GL account and subaccount codes by wire name (`supplierAccount`: "2400"): codes, not foreign keys, so
    # this module's tables do not depend on the ledger's migration.
    gl_accounts: Mapped[dict] = mapped_column(Document, default=dict)
    payment_method_details: Mapped[list] = mapped_column(Document, default=list)

    parent: Mapped[Supplier | None] = relationship(remote_side="Supplier.id", lazy="joined", join_depth=1)
    supplier_class: Mapped[SupplierClass | None] = relationship(lazy="joined")


@event.listens_for(Supplier, "after_insert")
def _add_main_location(mapper, connection, supplier: Supplier) -> None:
    """Every supplier has its default location, `MAIN`, from the moment it exists, however it is made (the API,
    the demo, the tests' factories): its address and contact are the supplier's main ones."""
    add_main_location(connection, kind=SUPPLIER, company_id=supplier.company_id, party_id=supplier.id)


# Not in the part of the catalogue that could be read; the real UI lists supplier webhooks: named like Customer's.
events.register(
    events.Source(
        "Supplier",
        Supplier,
        frozenset({events.CHANGED, events.CREATED, events.UPDATED}),
        key=lambda supplier: supplier.number,
    )
)

# A supplier as a document names it: its terms and VAT zone joined (they are the document's defaults), its parent and
# class only if something asks (joining them and theirs was half of loading the supplier for a document's create).
SUPPLIER_FOR_DOCUMENTS = (lazyload(Supplier.parent), lazyload(Supplier.supplier_class))
