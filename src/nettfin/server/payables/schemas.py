"""Supplier DTOs with the service's camelCase names (reference 3.2; the 2026 Supplier OpenAPI decides)."""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated, Any

from pydantic import BaseModel, BeforeValidator

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


class SupplierStatus(WireEnum):
    Active = "Active"
    OnHold = "OnHold"
    HoldPayments = "HoldPayments"
    Inactive = "Inactive"
    OneTime = "OneTime"


class SupplierChargeBearer(WireEnum):
    Payer = "Payer"
    Beneficiary = "Beneficiary"
    Shared = "Shared"
    ServiceLevel = "ServiceLevel"


class AccountUsedForPayment(WireEnum):
    IBAN = "IBAN"
    BBAN = "BBAN"
    BANKGIRO = "BANKGIRO"
    PLUSGIRO = "PLUSGIRO"


class PaymentBy(WireEnum):
    DueDate = "DueDate"
    DiscountDate = "DiscountDate"


def _wrap_read_shape(data: Any) -> Any:
    """An address or contact sent in the read DTO's shape becomes the `{"value": {...}}` write shape.

    The knowledge base's Supplier article posts `"mainAddress": {"addressLine1": "Testroad 5", ...,
    "country": {"id": "NO", "name": "NORGE"}, "county": {"id": "0301", ...}}` and documents 201 Created, so
    the members are wrapped, `country`/`county` give their ids, and members the write model lacks (`addressId`)
    stay as unknown fields, named in `X-Nettfin-Ignored-Fields`. Members sent as JSON null are not sent.
    """
    if not isinstance(data, dict) or any(isinstance(key, str) and key.casefold() == "value" for key in data):
        return data
    members: dict[str, Any] = {}
    for key, member in data.items():
        folded = key.casefold() if isinstance(key, str) else key
        if member is None:
            continue
        if folded in ("country", "county") and isinstance(member, dict):
            ids = {k.casefold(): v for k, v in member.items() if isinstance(k, str)}
            members["countryId" if folded == "country" else "county"] = {"value": ids.get("id")}
        elif isinstance(member, dict):
            members[key] = member
        else:
            members[key] = {"value": member}
    return {"value": members}


AddressValue = Annotated[Value[AddressUpdateDto], BeforeValidator(_wrap_read_shape)]
ContactValue = Annotated[Value[ContactInfoUpdateDto], BeforeValidator(_wrap_read_shape)]


class SupplierGlAccountsUpdateDto(WireModel):
    supplierAccount: Value[str] | None = None
    supplierSubaccount: Value[str] | None = None
    expenseAccount: Value[str] | None = None
    expenseAccountNonTax: Value[str] | None = None
    expenseEUAccount: Value[str] | None = None
    expenseAccountImport: Value[str] | None = None
    expenseSubaccount: Value[str] | None = None


class SupplierPaymentMethodDetailUpdateDto(WireModel):
    """A payment method detail, named by its description (plain) with a wrapped value."""

    paymentMethodDetailDescription: str | None = None
    paymentMethodDetailValue: Value[str] | None = None


class SupplierUpdateDto(WireModel):
    """Create and update body. Every member is `{"value": ...}`-wrapped except `overrideWithClassValues` and
    the payment method detail lines; `attributeLines` are accepted and ignored (named in the header)."""

    number: Value[str] | None = None
    name: Value[str] | None = None
    status: Value[SupplierStatus] | None = None
    accountReference: Value[str] | None = None
    numberOfEmployees: Value[int] | None = None
    parentRecordNumber: Value[str] | None = None
    supplierClassId: Value[str] | None = None
    overrideWithClassValues: bool | None = None
    creditTermsId: Value[str] | None = None
    documentLanguage: Value[str] | None = None
    currencyId: Value[str] | None = None
    currencyOverride: Value[bool] | None = None
    currencyRateOverride: Value[bool] | None = None
    paymentMethodId: Value[str] | None = None
    cashAccount: Value[str] | None = None
    paymentLeadTime: Value[int] | None = None
    paymentRefDisplayMask: Value[str] | None = None
    paySeparately: Value[bool] | None = None
    vatRegistrationId: Value[str] | None = None
    corporateId: Value[str] | None = None
    vatZoneId: Value[str] | None = None
    chargeBearer: Value[SupplierChargeBearer] | None = None
    accountUsedForPayment: Value[AccountUsedForPayment] | None = None
    paymentBy: Value[PaymentBy] | None = None
    mainAddress: AddressValue | None = None
    mainContact: ContactValue | None = None
    remitAddress: AddressValue | None = None
    remitContact: ContactValue | None = None
    supplierAddress: AddressValue | None = None
    supplierContact: ContactValue | None = None
    glAccounts: Value[SupplierGlAccountsUpdateDto] | None = None
    supplierPaymentMethodDetails: list[SupplierPaymentMethodDetailUpdateDto] | None = None
    retainageCashAccountID: Value[str] | None = None
    retainageApply: Value[bool] | None = None
    retainagePct: Value[Decimal] | None = None
    note: Value[str] | None = None
    overrideNumberSeries: Value[bool] | None = None
    naceCode: Value[str] | None = None
    landedCostSupplier: Value[bool] | None = None


class VatZoneInSupplierDto(BaseModel):
    id: str | None = None
    description: str | None = None
    defaultVatCategory: str | None = None
    defaultTaxCategory: dict | None = None


class LocationInSupplierDto(BaseModel):
    countryId: str | None = None
    id: str | None = None
    name: str | None = None


class GlAccountInSupplierDto(BaseModel):
    type: str | None = None
    number: str | None = None
    description: str | None = None


class GlSubaccountInSupplierDto(BaseModel):
    active: bool | None = None
    id: str | None = None
    description: str | None = None


class GlAccountsInSupplierDto(BaseModel):
    supplierAccount: GlAccountInSupplierDto | None = None
    supplierSubaccount: GlSubaccountInSupplierDto | None = None
    expenseAccount: GlAccountInSupplierDto | None = None
    expenseAccountNonTax: GlAccountInSupplierDto | None = None
    expenseEUAccount: GlAccountInSupplierDto | None = None
    expenseAccountImport: GlAccountInSupplierDto | None = None
    expenseSubaccount: GlSubaccountInSupplierDto | None = None


class SupplierPaymentMethodDetailDto(BaseModel):
    paymentMethodDetailDescription: str | None = None
    paymentMethodDetailValue: str | None = None
    paymentMethodDetailBankingDetailType: str | None = None
    paymentMethodDetailID: str | None = None


class SupplierDto(BaseModel):
    internalId: int
    number: str
    name: str
    status: SupplierStatus
    mainAddress: AddressDto
    mainContact: ContactDto
    accountReference: str | None = None
    parentRecord: NumberName | None = None
    supplierClass: IdDescription | None = None
    creditTerms: IdDescription | None = None
    documentLanguage: str | None = None
    currencyId: str
    remitAddress: AddressDto
    remitContact: ContactDto
    paymentMethod: IdDescription | None = None
    cashAccount: str | None = None
    chargeBearer: SupplierChargeBearer
    accountUsedForPayment: AccountUsedForPayment
    paymentBy: PaymentBy
    paymentLeadTime: int
    paymentRefDisplayMask: str | None = None
    paySeparately: bool
    supplierAddress: AddressDto
    supplierContact: ContactDto
    location: LocationInSupplierDto | None = None
    vatRegistrationId: str | None = None
    corporateId: str | None = None
    vatZone: VatZoneInSupplierDto | None = None
    glAccounts: GlAccountsInSupplierDto | None = None
    attributes: list[dict]
    lastModifiedDateTime: str
    supplierPaymentMethodDetails: list[SupplierPaymentMethodDetailDto]
    retainageApply: bool
    retainageCashAccountID: str | None = None
    retainagePct: DecimalNumber
    note: str | None = None
    numberOfEmployees: int | None = None
    naceCode: str | None = None
    landedCostSupplier: bool
    currencyOverride: bool
    currencyRateOverride: bool
    timeStamp: str
    errorInfo: str | None = None
    metadata: MetadataDto | None = None


class SupplierClassDto(BaseModel):
    attributes: list[dict]
    paymentMethodId: str | None = None
    paymentMethodDescription: str | None = None
    timeStamp: str
    id: str
    description: str | None = None


class SupplierDescriptionDto(BaseModel):
    internalId: int
    number: str
    name: str


class WithoutWithVatDto(BaseModel):
    withoutVat: DecimalNumber
    withVat: DecimalNumber


class SupplierBalanceDto(BaseModel):
    branchNumber: str | None = None
    supplier: SupplierDescriptionDto
    balance: DecimalNumber
    unreleasedPurchasesNotInApproval: WithoutWithVatDto
    totalSentForApproval: WithoutWithVatDto
    totalPurchaseInvoicePeriod: WithoutWithVatDto
    totalPurchaseInvoiceYear: WithoutWithVatDto
    lastModifiedDateTime: str
