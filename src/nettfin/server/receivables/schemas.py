"""Customer DTOs with the service's camelCase names (reference 3.1; the 2026 Customer OpenAPI decides)."""

from __future__ import annotations

from decimal import Decimal

from pydantic import BaseModel

from ..kit.render import DecimalNumber
from ..kit.shapes import (
    AddressDto,
    AddressUpdateDto,
    ContactDto,
    ContactInfoUpdateDto,
    IdDescription,
    MetadataDto,
    NumberName,
)
from ..kit.wire import Value, WireEnum, WireModel


class CustomerStatus(WireEnum):
    Active = "Active"
    OnHold = "OnHold"
    CreditHold = "CreditHold"
    Inactive = "Inactive"
    OneTime = "OneTime"


class CreditRule(WireEnum):
    Disabled = "Disabled"
    DaysPastDue = "DaysPastDue"
    CreditLimit = "CreditLimit"
    LimitAndDaysPastDue = "LimitAndDaysPastDue"


class StatementType(WireEnum):
    OpenItem = "OpenItem"
    BalanceBroughtForward = "BalanceBroughtForward"


class CustomerUpdateDto(WireModel):
    """Create and update body. Every member is `{"value": ...}`-wrapped except `overrideWithClassValues`."""

    number: Value[str] | None = None
    name: Value[str] | None = None
    status: Value[CustomerStatus] | None = None
    accountReference: Value[str] | None = None
    numberOfEmployees: Value[int] | None = None
    parentRecordNumber: Value[str] | None = None
    currencyId: Value[str] | None = None
    creditLimit: Value[Decimal] | None = None
    creditDaysPastDue: Value[int] | None = None
    overrideWithClassValues: bool | None = None
    customerClassId: Value[str] | None = None
    invoiceOrdersSeparately: Value[bool] | None = None
    creditTermsId: Value[str] | None = None
    printInvoices: Value[bool] | None = None
    acceptAutoInvoices: Value[bool] | None = None
    sendInvoicesByEmail: Value[bool] | None = None
    sendDunningLettersViaEMail: Value[bool] | None = None
    printDunningLetters: Value[bool] | None = None
    printStatements: Value[bool] | None = None
    sendStatementsByEmail: Value[bool] | None = None
    printMultiCurrencyStatements: Value[bool] | None = None
    invoiceToDefaultLocation: Value[bool] | None = None
    vatRegistrationId: Value[str] | None = None
    corporateId: Value[str] | None = None
    vatZoneId: Value[str] | None = None
    gln: Value[str] | None = None
    note: Value[str] | None = None
    mainAddress: Value[AddressUpdateDto] | None = None
    mainContact: Value[ContactInfoUpdateDto] | None = None
    creditVerification: Value[CreditRule] | None = None
    invoiceAddress: Value[AddressUpdateDto] | None = None
    invoiceContact: Value[ContactInfoUpdateDto] | None = None
    statementType: Value[StatementType] | None = None
    deliveryAddress: Value[AddressUpdateDto] | None = None
    deliveryContact: Value[ContactInfoUpdateDto] | None = None
    overrideNumberSeries: Value[bool] | None = None
    excludeDebtCollection: Value[bool] | None = None


class VatZoneInCustomerDto(BaseModel):
    id: str | None = None
    description: str | None = None
    defaultVatCategory: str | None = None
    defaultTaxCategory: dict | None = None


class LocationDto(BaseModel):
    countryId: str | None = None
    id: str | None = None
    name: str | None = None


class CustomerDto(BaseModel):
    internalId: int
    number: str
    name: str
    status: CustomerStatus
    mainAddress: AddressDto
    mainContact: ContactDto
    accountReference: str | None = None
    parentRecord: NumberName | None = None
    customerClass: IdDescription | None = None
    invoiceOrdersSeparately: bool
    creditTerms: IdDescription | None = None
    currencyId: str
    creditVerification: CreditRule
    creditLimit: DecimalNumber
    creditDaysPastDue: int
    invoiceAddress: AddressDto
    invoiceContact: ContactDto
    printInvoices: bool
    acceptAutoInvoices: bool
    sendInvoicesByEmail: bool
    sendDunningLettersViaEMail: bool
    printDunningLetters: bool
    printStatements: bool
    sendStatementsByEmail: bool
    printMultiCurrencyStatements: bool
    statementType: StatementType
    deliveryAddress: AddressDto
    deliveryContact: ContactDto
    vatRegistrationId: str | None = None
    corporateId: str | None = None
    gln: str | None = None
    vatZone: VatZoneInCustomerDto | None = None
    location: LocationDto | None = None
    attributes: list[dict]
    lastModifiedDateTime: str
    createdDateTime: str
    invoiceToDefaultLocation: bool
    numberOfEmployees: int | None = None
    excludeDebtCollection: bool
    timeStamp: str
    errorInfo: str | None = None
    metadata: MetadataDto | None = None


class CustomerClassDto(BaseModel):
    id: str
    description: str | None = None
    taxZoneId: str | None = None
    requiredTaxzoneId: bool
    paymentMethodId: str | None = None
    invoiceOrdersSeparately: bool
    attributes: list[dict]
