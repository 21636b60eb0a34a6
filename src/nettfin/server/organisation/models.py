"""A company's organisation (one per company) and its branches, each with the bank settings its payments show."""

from __future__ import annotations

from sqlalchemy import JSON, Boolean, ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..db.base import Base, Stamped
from ..identity.models import Company


class Organization(Stamped, Base):
    """The company as an organisation: its code, and its bank settings (`{bankName: ..., iban: ...}`, the
    members of `BankSettingsUpdateDto` that were set). Its name, addresses and currency are the company's."""

    __tablename__ = "organization"

    id: Mapped[int] = mapped_column(primary_key=True)
    company_id: Mapped[int] = mapped_column(ForeignKey("company.id", ondelete="CASCADE"), unique=True)
    organization_cd: Mapped[str] = mapped_column(String(30))
    bank_settings: Mapped[dict] = mapped_column(JSON, default=dict)

    company: Mapped[Company] = relationship()
    branches: Mapped[list[Branch]] = relationship(back_populates="organization", order_by="Branch.branch_cd")


class Branch(Stamped, Base):
    """A branch of the company's organisation; the main branch is the one every company has (`1`)."""

    __tablename__ = "branch"
    __table_args__ = (UniqueConstraint("company_id", "branch_cd"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    company_id: Mapped[int] = mapped_column(ForeignKey("company.id", ondelete="CASCADE"))
    organization_id: Mapped[int] = mapped_column(ForeignKey("organization.id", ondelete="CASCADE"), index=True)
    branch_cd: Mapped[str] = mapped_column(String(30))
    name: Mapped[str] = mapped_column(String(100))
    main: Mapped[bool] = mapped_column(Boolean, default=False)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    bank_settings: Mapped[dict] = mapped_column(JSON, default=dict)

    organization: Mapped[Organization] = relationship(back_populates="branches")
    company: Mapped[Company] = relationship()
