"""Nested shapes shared by many DTOs: addresses, contacts, `{id, description}`-style references and the
subaccount segments of write bodies.

Read models here document the responses (OpenAPI); update holders parse the `{"value": ...}`-wrapped
members of nested objects in write bodies.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel

from . import messages
from .countries import COUNTRIES, country_ref
from .wire import Value, WireModel


class IdName(BaseModel):
    id: str | None = None
    name: str | None = None


class IdDescription(BaseModel):
    id: str | None = None
    description: str | None = None


class NumberName(BaseModel):
    number: str | None = None
    name: str | None = None


class NumberDescription(BaseModel):
    number: str | None = None
    description: str | None = None


# The nested references below are named per resource by the real documents (`GlAccountInSupplierDto`,
# `GlAccountInInventoryDto`); a resource names its own with a bare subclass (no docstring, so the OpenAPI schema
# stays the real one's), and the shape is written here only.


class AccountRef(BaseModel):
    """An account a record names: `{type, number, description}` (ledger/references.py renders it)."""

    type: str | None = None
    number: str | None = None
    description: str | None = None


class SubaccountRef(BaseModel):
    """A subaccount a record names: `{active, id, description}`."""

    active: bool | None = None
    id: str | None = None
    description: str | None = None


class VatZoneRef(BaseModel):
    """A party's VAT zone (`vat_zone_ref` renders it)."""

    id: str | None = None
    description: str | None = None
    defaultVatCategory: str | None = None
    defaultTaxCategory: dict | None = None


class PartyLocation(BaseModel):
    """A party's location: its only one, `MAIN`, in its main address's country."""

    countryId: str | None = None
    id: str | None = None
    name: str | None = None


class AddressDto(BaseModel):
    addressLine1: str | None = None
    addressLine2: str | None = None
    addressLine3: str | None = None
    postalCode: str | None = None
    city: str | None = None
    country: IdName | None = None
    county: IdName | None = None


class ContactDto(BaseModel):
    name: str | None = None
    attention: str | None = None
    email: str | None = None
    web: str | None = None
    phone1: str | None = None
    phone2: str | None = None
    fax: str | None = None


class AttachmentRefDto(BaseModel):
    """An attachment on a document or line: its latest revision."""

    name: str
    id: str
    revision: int


# The `attachments` of a document or line: null when a list did not ask for them (`expandAttachments=false`).
AttachmentRefs = list[AttachmentRefDto] | None


class MetadataDto(BaseModel):
    totalCount: int
    maxPageSize: int


class AddressUpdateDto(WireModel):
    addressLine1: Value[str] | None = None
    addressLine2: Value[str] | None = None
    addressLine3: Value[str] | None = None
    postalCode: Value[str] | None = None
    city: Value[str] | None = None
    countryId: Value[str] | None = None
    county: Value[str] | None = None


class ContactInfoUpdateDto(WireModel):
    name: Value[str] | None = None
    attention: Value[str] | None = None
    email: Value[str] | None = None
    web: Value[str] | None = None
    phone1: Value[str] | None = None
    phone2: Value[str] | None = None
    fax: Value[str] | None = None


class SegmentUpdateDto(WireModel):
    """A subaccount segment: both members plain (`{"segmentId": 1, "segmentValue": "00"}`)."""

    segmentId: int | None = None
    segmentValue: str | None = None


ADDRESS_FIELDS = tuple(AddressUpdateDto.model_fields)
CONTACT_FIELDS = tuple(ContactInfoUpdateDto.model_fields)


def merge_nested(stored: dict | None, changes: dict | None) -> dict:
    """PATCH a stored address or contact: given members change, `{"value": null}` clears, others stay.

    `{"value": null}` for the whole object clears every member.
    """
    if changes is None:
        return {}
    merged = dict(stored or {})
    for key, value in changes.items():
        if value is None or value == "":
            merged.pop(key, None)
        else:
            merged[key] = value
    return merged


def address_problems(label: str, address: dict) -> list[str]:
    country = address.get("countryId")
    if country and country.upper() not in COUNTRIES:
        return [f"{label}: {messages.cannot_be_found('Country', country)}"]
    return []


def render_address(address: dict | None) -> dict:
    address = address or {}
    county = address.get("county")
    return {
        "addressLine1": address.get("addressLine1"),
        "addressLine2": address.get("addressLine2"),
        "addressLine3": address.get("addressLine3"),
        "postalCode": address.get("postalCode"),
        "city": address.get("city"),
        "country": country_ref(address.get("countryId")),
        "county": {"id": county, "name": county} if county else None,
    }


def vat_zone_ref(zone: Any) -> dict | None:
    """The nested `vatZone` object of customer and supplier read DTOs (a `tax.models.VatZone`, or None)."""
    if zone is None:
        return None
    return {
        "id": zone.zone_id,
        "description": zone.description,
        "defaultVatCategory": zone.default_vat_category,
        "defaultTaxCategory": None,
    }


def render_contact(contact: dict | None) -> dict:
    contact = contact or {}
    return {field: contact.get(field) for field in CONTACT_FIELDS}
