"""The columns customers and suppliers share, and those their classes share, as mixins of their models: the
twin tables (`customer` and `supplier`, `customer_class` and `supplier_class`) were made alike by their
migrations, and their models declare the alike part once here.

The shared columns lead their tables, as the migrations have them (`sort_order`: a mixin's columns would
otherwise follow the model's own). The model keeps its table name, its constraints and its own columns.
"""

from __future__ import annotations

from sqlalchemy import Boolean, ForeignKey, String
from sqlalchemy.orm import Mapped, declared_attr, mapped_column, relationship

from ..tax.models import VatZone
from ..terms.models import CreditTerms

_FIRST = -1  # sort_order: before the model's own columns


class TermsAndZone:
    """The party's (or class's) credit terms and VAT zone, loaded with it."""

    @declared_attr
    def credit_terms(cls) -> Mapped[CreditTerms | None]:
        return relationship(CreditTerms, lazy="joined")

    @declared_attr
    def vat_zone(cls) -> Mapped[VatZone | None]:
        return relationship(VatZone, lazy="joined")


class PartyClassColumns(TermsAndZone):
    """A customer or supplier class: its id, the defaults it gives its parties, whether a VAT zone is required."""

    id: Mapped[int] = mapped_column(primary_key=True, sort_order=_FIRST)
    company_id: Mapped[int] = mapped_column(ForeignKey("company.id", ondelete="CASCADE"), sort_order=_FIRST)
    class_id: Mapped[str] = mapped_column(String(10), sort_order=_FIRST)
    description: Mapped[str] = mapped_column(String(60), default="", sort_order=_FIRST)
    vat_zone_id: Mapped[int | None] = mapped_column(ForeignKey("vat_zone.id"), sort_order=_FIRST)
    required_vat_zone: Mapped[bool] = mapped_column(Boolean, default=False, sort_order=_FIRST)
    credit_terms_id: Mapped[int | None] = mapped_column(ForeignKey("credit_terms.id"), sort_order=_FIRST)
    # A payment method's code, kept as given: not checked against the company's payment methods (terms/).
    payment_method_id: Mapped[str | None] = mapped_column(String(10), sort_order=_FIRST)


class PartyColumns(TermsAndZone):
    """A customer or supplier: its number, name, status and account reference (the model adds the rest, its
    `credit_terms_id` and `vat_zone_id` among them)."""

    id: Mapped[int] = mapped_column(primary_key=True, sort_order=_FIRST)
    company_id: Mapped[int] = mapped_column(ForeignKey("company.id", ondelete="CASCADE"), sort_order=_FIRST)
    number: Mapped[str] = mapped_column(String(30), sort_order=_FIRST)
    name: Mapped[str] = mapped_column(String(255), sort_order=_FIRST)
    status: Mapped[str] = mapped_column(String(20), default="Active", sort_order=_FIRST)
    account_reference: Mapped[str | None] = mapped_column(String(50), sort_order=_FIRST)
