"""Supplier location (AP303010) DTOs with the service's names: the SupplierLocation OpenAPI document decides
names, types and enums. A supplier's contacts are `parties.contact_schemas.ContactDto`."""

from __future__ import annotations

from pydantic import BaseModel

from ..kit.shapes import AddressUpdateDto, ContactInfoUpdateDto, IdName, MetadataDto, NumberDescription
from ..kit.wire import Value, WireModel
from .schemas import SupplierPaymentMethodDetailDto


class BaccountInSupplierLocationDto(BaseModel):
    internalId: int | None = None
    number: str | None = None
    name: str | None = None


class AddressInSupplierLocationDto(BaseModel):
    addressId: int | None = None
    addressLine1: str | None = None
    addressLine2: str | None = None
    addressLine3: str | None = None
    postalCode: str | None = None
    city: str | None = None
    country: IdName | None = None
    county: IdName | None = None


class ContactInSupplierLocationDto(BaseModel):
    contactId: int | None = None
    name: str | None = None
    attention: str | None = None
    email: str | None = None
    web: str | None = None
    phone1: str | None = None
    phone2: str | None = None
    fax: str | None = None


class VatZoneInSupplierLocationDto(BaseModel):
    id: str | None = None
    description: str | None = None
    defaultVatCategory: str | None = None
    defaultTaxCategory: NumberDescription | None = None


class SupplierLocationDto(BaseModel):
    baccount: BaccountInSupplierLocationDto | None = None
    locationId: str | None = None
    locationName: str | None = None
    active: bool | None = None
    address: AddressInSupplierLocationDto | None = None
    contact: ContactInSupplierLocationDto | None = None
    vatRegistrationId: str | None = None
    vatZone: VatZoneInSupplierLocationDto | None = None
    ediCode: str | None = None
    gln: str | None = None
    corporateId: str | None = None
    lastModifiedDateTime: str | None = None
    supplierPaymentMethodDetails: list[SupplierPaymentMethodDetailDto] | None = None
    timeStamp: str | None = None
    metadata: MetadataDto | None = None


class SupplierLocationUpdateDto(WireModel):
    baccountId: Value[str] | None = None
    locationId: Value[str] | None = None
    locationName: Value[str] | None = None
    active: Value[bool] | None = None
    addressIsSameAsMain: Value[bool] | None = None
    address: Value[AddressUpdateDto] | None = None
    contactIsSameAsMain: Value[bool] | None = None
    contact: Value[ContactInfoUpdateDto] | None = None
    vatRegistrationId: Value[str] | None = None
    vatZone: Value[str] | None = None
    ediCode: Value[str] | None = None
    gln: Value[str] | None = None
    corporateId: Value[str] | None = None
