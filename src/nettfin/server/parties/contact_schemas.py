"""Contact (CR302000) DTOs with the service's names: the Contact document decides names, types and enums; the
Customer and Supplier documents' `/{cd}/contact` lists return the same `ContactDto`."""

from __future__ import annotations

from pydantic import BaseModel

from ..kit.shapes import AddressUpdateDto, IdName
from ..kit.wire import Value, WireEnum, WireModel


class ContactTitle(WireEnum):
    Doctor = "Doctor"
    Miss = "Miss"
    Mr = "Mr"
    Mrs = "Mrs"
    Ms = "Ms"
    Prof = "Prof"


class ContactMethod(WireEnum):
    Any = "Any"
    Email = "Email"
    Mail = "Mail"
    Fax = "Fax"
    Phone = "Phone"


class AddressInContactDto(BaseModel):
    addressId: int | None = None
    addressLine1: str | None = None
    addressLine2: str | None = None
    addressLine3: str | None = None
    postalCode: str | None = None
    city: str | None = None
    country: IdName | None = None
    county: IdName | None = None


class ContactDto(BaseModel):
    displayName: str | None = None
    active: bool | None = None
    title: ContactTitle | None = None
    firstName: str | None = None
    lastName: str | None = None
    position: str | None = None
    businessAccount: str | None = None
    businessAccountType: str | None = None
    sameAsAccount: bool | None = None
    address: AddressInContactDto | None = None
    email: str | None = None
    web: str | None = None
    phone1: str | None = None
    phone2: str | None = None
    phone3: str | None = None
    fax: str | None = None
    contactMethod: ContactMethod | None = None
    doNotCall: bool | None = None
    doNotFax: bool | None = None
    doNotEmail: bool | None = None
    doNotMail: bool | None = None
    noMassMail: bool | None = None
    noMarketing: bool | None = None
    lastModifiedDateTime: str | None = None
    contactId: int | None = None
    timeStamp: str | None = None


class ContactUpdateDto(WireModel):
    active: Value[bool] | None = None
    title: Value[ContactTitle] | None = None
    firstName: Value[str] | None = None
    lastName: Value[str] | None = None
    position: Value[str] | None = None
    businessAccount: Value[str] | None = None
    sameAsAccount: Value[bool] | None = None
    address: Value[AddressUpdateDto] | None = None
    email: Value[str] | None = None
    web: Value[str] | None = None
    phone1: Value[str] | None = None
    phone2: Value[str] | None = None
    phone3: Value[str] | None = None
    fax: Value[str] | None = None
    contactMethod: Value[ContactMethod] | None = None
    doNotCall: Value[bool] | None = None
    doNotFax: Value[bool] | None = None
    doNotEmail: Value[bool] | None = None
    doNotMail: Value[bool] | None = None
    noMassMail: Value[bool] | None = None
    noMarketing: Value[bool] | None = None
