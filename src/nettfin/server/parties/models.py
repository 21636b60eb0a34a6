"""What a business account (a customer or a supplier) has besides its own record: its locations (AP303010,
AR303020) and its contacts (CR302000).

Both name their business account by kind and row id (`party_kind` `Customer` or `Supplier`, `party_id` its row
id): one table serves every kind of business account, so they carry no foreign key to one of them. A business
account's default location, `MAIN`, is made with it (`add_main_location`, from the `after_insert` hooks of
payables/models.py and receivables/models.py); its address and contact are the account's main ones while
`address_same_as_main` and `contact_same_as_main` hold.
"""

from __future__ import annotations

from sqlalchemy import JSON, Boolean, ForeignKey, Index, Integer, String, UniqueConstraint, insert
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..db.base import Base, Stamped
from ..tax.models import VatZone

Document = JSON().with_variant(JSONB(), "postgresql")

SUPPLIER = "Supplier"
CUSTOMER = "Customer"
MAIN = "MAIN"
MAIN_NAME = "Primary location"


class PartyLocation(Stamped, Base):
    __tablename__ = "party_location"
    __table_args__ = (
        UniqueConstraint("company_id", "party_kind", "party_id", "location_id"),
        Index("ix_party_location_company_kind_modified", "company_id", "party_kind", "last_modified_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    company_id: Mapped[int] = mapped_column(ForeignKey("company.id", ondelete="CASCADE"))
    party_kind: Mapped[str] = mapped_column(String(10))
    party_id: Mapped[int] = mapped_column(Integer)
    location_id: Mapped[str] = mapped_column(String(10))
    name: Mapped[str | None] = mapped_column(String(60))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    address_same_as_main: Mapped[bool] = mapped_column(Boolean, default=True)
    contact_same_as_main: Mapped[bool] = mapped_column(Boolean, default=True)
    # The location's own address and contact (AddressUpdateDto's and ContactInfoUpdateDto's members), read
    # while the flags above are false.
    address: Mapped[dict] = mapped_column(Document, default=dict)
    contact: Mapped[dict] = mapped_column(Document, default=dict)
    vat_registration_id: Mapped[str | None] = mapped_column(String(50))
    vat_zone_id: Mapped[int | None] = mapped_column(ForeignKey("vat_zone.id"))
    edi_code: Mapped[str | None] = mapped_column(String(50))
    gln: Mapped[str | None] = mapped_column(String(20))
    corporate_id: Mapped[str | None] = mapped_column(String(50))
    # PeppolSchemeUpdateDto's members (endpoint, partyIdentification, partyLegal).
    peppol_scheme: Mapped[dict] = mapped_column(Document, default=dict)

    vat_zone: Mapped[VatZone | None] = relationship(lazy="joined")


class Contact(Stamped, Base):
    __tablename__ = "contact"
    __table_args__ = (
        UniqueConstraint("company_id", "contact_id"),
        Index("ix_contact_company_party", "company_id", "party_kind", "party_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    company_id: Mapped[int] = mapped_column(ForeignKey("company.id", ondelete="CASCADE"))
    # The service's contact id: the company's next number, given when the contact is made.
    contact_id: Mapped[int] = mapped_column(Integer)
    party_kind: Mapped[str] = mapped_column(String(10))
    party_id: Mapped[int] = mapped_column(Integer)
    title: Mapped[str | None] = mapped_column(String(10))
    first_name: Mapped[str | None] = mapped_column(String(50))
    last_name: Mapped[str] = mapped_column(String(100))
    position: Mapped[str | None] = mapped_column(String(50))
    email: Mapped[str | None] = mapped_column(String(255))
    web: Mapped[str | None] = mapped_column(String(255))
    phone1: Mapped[str | None] = mapped_column(String(50))
    phone2: Mapped[str | None] = mapped_column(String(50))
    phone3: Mapped[str | None] = mapped_column(String(50))
    fax: Mapped[str | None] = mapped_column(String(50))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    # CR302000's preferences; the address is the account's main one while `same_as_account` holds.
    contact_method: Mapped[str] = mapped_column(String(10), default="Any")
    do_not_call: Mapped[bool] = mapped_column(Boolean, default=False)
    do_not_fax: Mapped[bool] = mapped_column(Boolean, default=False)
    do_not_email: Mapped[bool] = mapped_column(Boolean, default=False)
    do_not_mail: Mapped[bool] = mapped_column(Boolean, default=False)
    no_mass_mail: Mapped[bool] = mapped_column(Boolean, default=False)
    no_marketing: Mapped[bool] = mapped_column(Boolean, default=False)
    same_as_account: Mapped[bool] = mapped_column(Boolean, default=True)
    address: Mapped[dict] = mapped_column(Document, default=dict)

    @property
    def display_name(self) -> str:
        return " ".join(part for part in (self.first_name, self.last_name) if part)


_MAIN_LOCATION = insert(PartyLocation.__table__)  # built once: every new customer and supplier runs it


def add_main_location(connection, *, kind: str, company_id: int, party_id: int) -> None:
    """A new business account's default location, `MAIN` (an `after_insert` hook's statement): its address and
    contact are the account's main ones."""
    values = {"company_id": company_id, "party_kind": kind, "party_id": party_id}
    connection.execute(_MAIN_LOCATION, {**values, "location_id": MAIN, "name": MAIN_NAME})
