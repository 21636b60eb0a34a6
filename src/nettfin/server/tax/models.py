"""VAT zones (Visma: TX206000). The VAT set-up grows here: VAT IDs, categories and determination."""

from __future__ import annotations

from sqlalchemy import ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from ..db.base import Base


class VatZone(Base):
    __tablename__ = "vat_zone"
    __table_args__ = (UniqueConstraint("company_id", "zone_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    company_id: Mapped[int] = mapped_column(ForeignKey("company.id", ondelete="CASCADE"))
    zone_id: Mapped[str] = mapped_column(String(10))
    description: Mapped[str] = mapped_column(String(60), default="")
    default_vat_category: Mapped[str | None] = mapped_column(String(10))


def vat_zone_ref(zone: VatZone | None) -> dict | None:
    """The nested `vatZone` object of customer and supplier read DTOs."""
    if zone is None:
        return None
    return {
        "id": zone.zone_id,
        "description": zone.description,
        "defaultVatCategory": zone.default_vat_category,
        "defaultTaxCategory": None,
    }
