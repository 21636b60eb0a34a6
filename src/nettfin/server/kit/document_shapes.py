"""DTO building blocks the documents share (supplier invoices and payments, customer invoices and payments,
purchase orders), declared once.

The real documents give some of these shapes a different name per document (`SalesInvoiceAddressUpdateDto`,
`PurchaseOrderAddressUpdateDto`); a document module names its own with a bare subclass (no docstring, so the
OpenAPI schema stays the real one's), and the shape is written here only.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from pydantic import BaseModel

from .render import DecimalNumber
from .shapes import AddressDto, AddressUpdateDto, ContactInfoUpdateDto, NumberDescription, vat_zone_ref
from .wire import Value, WireModel


# A document's VAT per VAT ID (`taxDetailLines` of supplier invoices, `taxDetails` of purchase orders); used under
# its own name, so no docstring: the OpenAPI schema has no description, as the real one.
class TaxDetailDto(BaseModel):
    taxId: str
    recordId: int
    vatId: NumberDescription
    vatRate: DecimalNumber
    taxableAmount: DecimalNumber
    vatAmount: DecimalNumber
    expenseAmount: DecimalNumber


class DocumentParty(BaseModel):
    """The supplier or customer a document names: `{internalId, number, name}`."""

    internalId: int
    number: str
    name: str


class OverriddenAddress(AddressDto):
    """A document's own address: the party's unless `overrideAddress`."""

    overrideAddress: bool


class OverrideAddressUpdate(AddressUpdateDto):
    """A document's address in a write body: the address lines and `overrideAddress`, each `{"value"}`-wrapped."""

    overrideAddress: Value[bool] | None = None


class _OverrideContact(WireModel):
    overrideContact: Value[bool] | None = None


class OverrideContactUpdate(ContactInfoUpdateDto, _OverrideContact):
    """A document's contact in a write body: `overrideContact`, then the contact's members (the bases' reverse
    order is the fields' order), each `{"value"}`-wrapped."""


# --- rendering ------------------------------------------------------------------------------------------------

ZERO4 = Decimal("0.0000")  # the scale the service writes amounts with


def party_ref(party: Any) -> dict:
    """`{internalId, number, name}` of the supplier or customer a document names."""
    return {"internalId": party.id, "number": party.number, "name": party.name}


def party_location(party: Any, location_id: str | None = None) -> dict:
    """The location a document names: the party's only one, `MAIN`, in its main address's country."""
    return {
        "countryId": (party.main_address or {}).get("countryId"),
        "id": location_id or "MAIN",
        "name": "Primary location",
    }


def supplier_vat_zone(zone: Any) -> dict | None:
    """A supplier document's VAT zone (`supplierTaxZone`, `supplierVatZone`): the zone with its default category."""
    ref = vat_zone_ref(zone)
    return None if ref is None else {**ref, "errorInfo": None}


def tax_detail_dto(vat_id: str, record_id: int, description: str | None, rate, taxable, vat) -> dict:
    """A `TaxDetailDto`: one VAT ID's rate, taxable amount and VAT on a document."""
    return {
        "taxId": vat_id,
        "recordId": record_id,
        "vatId": {"number": vat_id, "description": description},
        "vatRate": rate,
        "taxableAmount": taxable,
        "vatAmount": vat,
        "expenseAmount": ZERO4,
    }


def stored_tax_details(details: list[dict] | None, vats: dict[str, Any]) -> list[dict]:
    """The VAT details a document stores as texts (`documents/vat.py`), numbered from 1, with the descriptions of
    the VAT records `vats` holds by id."""
    found = []
    for record_id, detail in enumerate(details or [], start=1):
        vat = vats.get(detail["taxId"])
        rate, taxable, amount = (Decimal(detail[name]) for name in ("vatRate", "taxableAmount", "vatAmount"))
        description = vat.description if vat else None
        found.append(tax_detail_dto(detail["taxId"], record_id, description, rate, taxable, amount))
    return found
