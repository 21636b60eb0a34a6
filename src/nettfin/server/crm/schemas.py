"""CRM DTOs with the service's names: the Location, SalesPerson(V2), CustomerPaymentMethod, SalesCategory and
Customer documents decide names, types and enums. Contacts' DTOs are `parties.contact_schemas`."""

from __future__ import annotations

from decimal import Decimal

from pydantic import BaseModel

from ..kit.render import DecimalNumber
from ..kit.shapes import AddressUpdateDto, ContactInfoUpdateDto, IdName, MetadataDto, NumberDescription
from ..kit.wire import LineOperation, Value, WireModel

# --- locations ----------------------------------------------------------------------------------------------


class BaccountInLocationDto(BaseModel):
    internalId: int | None = None
    number: str | None = None
    name: str | None = None


class AddressInLocationDto(BaseModel):
    addressId: int | None = None
    addressLine1: str | None = None
    addressLine2: str | None = None
    addressLine3: str | None = None
    postalCode: str | None = None
    city: str | None = None
    country: IdName | None = None
    county: IdName | None = None


class ContactInLocationDto(BaseModel):
    contactId: int | None = None
    name: str | None = None
    attention: str | None = None
    email: str | None = None
    web: str | None = None
    phone1: str | None = None
    phone2: str | None = None
    fax: str | None = None


class VatZoneInLocationDto(BaseModel):
    id: str | None = None
    description: str | None = None
    defaultVatCategory: str | None = None
    defaultTaxCategory: NumberDescription | None = None


class PeppolSchemeInLocationDto(BaseModel):
    endpoint: str | None = None
    partyIdentification: str | None = None
    partyLegal: str | None = None


class LocationDto(BaseModel):
    baccount: BaccountInLocationDto | None = None
    locationId: str | None = None
    locationName: str | None = None
    active: bool | None = None
    address: AddressInLocationDto | None = None
    contact: ContactInLocationDto | None = None
    vatRegistrationId: str | None = None
    vatZone: VatZoneInLocationDto | None = None
    ediCode: str | None = None
    gln: str | None = None
    corporateId: str | None = None
    lastModifiedDateTime: str | None = None
    peppolScheme: PeppolSchemeInLocationDto | None = None
    internalId: int | None = None
    metadata: MetadataDto | None = None


class PeppolSchemeUpdateDto(WireModel):
    endpoint: Value[str] | None = None
    partyIdentification: Value[str] | None = None
    partyLegal: Value[str] | None = None


class LocationUpdateDto(WireModel):
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
    peppolScheme: Value[PeppolSchemeUpdateDto] | None = None


# --- sales persons ------------------------------------------------------------------------------------------


class SubAccountDescriptionDto(BaseModel):
    active: bool | None = None
    id: str | None = None
    description: str | None = None


class CustSalesPeopleDto(BaseModel):
    bAccountID: int | None = None
    customerName: str | None = None
    locationID: int | None = None
    locationName: str | None = None
    isDefault: bool | None = None
    commisionPct: DecimalNumber | None = None
    createdDateTime: str | None = None
    lastModifiedDateTime: str | None = None


class ARSPCommnHistoryDto(BaseModel):
    commnPeriod: str | None = None
    commnAmt: DecimalNumber | None = None
    commnblAmt: DecimalNumber | None = None
    prProcessedDate: str | None = None


class SalesPersonDto(BaseModel):
    salespersonID: str | None = None
    name: str | None = None
    isActive: bool | None = None
    commissionPct: DecimalNumber | None = None
    salesSub: SubAccountDescriptionDto | None = None
    customers: list[CustSalesPeopleDto] | None = None
    commissionHistory: list[ARSPCommnHistoryDto] | None = None
    createdDateTime: str | None = None
    lastModifiedDateTime: str | None = None
    metadata: MetadataDto | None = None


class BasePaginationDtoOfSalesPersonDto(BaseModel):
    pageNumber: int | None = None
    pageSize: int | None = None
    totalCount: int | None = None
    records: list[SalesPersonDto] | None = None


class CustSalesPeopleUpdateDto(WireModel):
    operation: LineOperation | None = None
    customerID: Value[str] | None = None
    locationID: Value[str] | None = None
    commissionPct: Value[Decimal] | None = None


class SalesPersonUpdateDto(WireModel):
    salespersonID: Value[str] | None = None
    name: Value[str] | None = None
    isActive: Value[bool] | None = None
    commissionPct: Value[Decimal] | None = None
    salesSub: Value[str] | None = None
    customers: list[CustSalesPeopleUpdateDto] | None = None


class CustSalesPersonsDto(BaseModel):
    salePersonID: str | None = None
    name: str | None = None
    locationID: str | None = None
    locationName: str | None = None
    commisionPct: DecimalNumber | None = None
    isDefault: bool | None = None
    metadata: MetadataDto | None = None


# --- customer payment methods and direct debit ----------------------------------------------------------------


class IdDescriptionInPaymentMethodDto(BaseModel):
    id: str | None = None
    description: str | None = None


class CustomerPaymentMethodDetailDto(BaseModel):
    detailId: str | None = None
    description: str | None = None
    value: str | None = None


class CustomerPaymentMethodDto(BaseModel):
    customer: IdName | None = None
    paymentMethod: IdDescriptionInPaymentMethodDto | None = None
    active: bool | None = None
    cashAccount: IdDescriptionInPaymentMethodDto | None = None
    cardOrAccountNo: str | None = None
    paymentMethodDetails: list[CustomerPaymentMethodDetailDto] | None = None
    timeStamp: str | None = None


class CustomerPaymentMethodsDto(BaseModel):
    customerId: str | None = None
    paymentMethods: list[CustomerPaymentMethodDto] | None = None


class CustomerPaymentMethodDetailUpdateDto(WireModel):
    detailId: Value[str] | None = None
    value: Value[str] | None = None


class CustomerPaymentMethodUpdateDto(WireModel):
    active: Value[bool] | None = None
    cashAccountId: Value[str] | None = None
    paymentMethodDetails: list[CustomerPaymentMethodDetailUpdateDto] | None = None


class CustomerPaymentMethodCreateDto(CustomerPaymentMethodUpdateDto):
    customerId: Value[str] | None = None
    paymentMethodId: Value[str] | None = None


# --- sales categories ---------------------------------------------------------------------------------------


class SalesCategoryDto(BaseModel):
    categoryID: int | None = None
    description: str | None = None
    parentID: int | None = None
    sortOrder: int | None = None
    subCategories: list[SalesCategoryDto] | None = None
