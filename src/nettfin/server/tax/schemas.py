"""VAT DTOs with the service's names (reference 3.9-3.11; the OpenAPI documents visma-vat, visma-vatcategory
and visma-vatzone decide). Enum values are the service's, misspellings included (`DocumenTaxAmount`,
`ToPromtPayment`), and so is `vatClaimableSubccount`. The VAT endpoints are read-only, as the service's."""

from __future__ import annotations

from pydantic import BaseModel

from ..kit.render import DecimalNumber
from ..kit.shapes import MetadataDto
from ..kit.wire import WireEnum


class VatType(WireEnum):
    Sales = "Sales"
    Use = "Use"
    Vat = "Vat"
    Withholding = "Withholding"
    ExemptVat = "ExemptVat"
    StatisticalVat = "StatisticalVat"
    DirectVat = "DirectVat"
    PendingVat = "PendingVat"
    ReverseVat = "ReverseVat"


class CalculateOn(WireEnum):
    ExtractFromItemAmount = "ExtractFromItemAmount"
    ItemAmount = "ItemAmount"
    ItemTaxAmount = "ItemTaxAmount"
    DocumentAmount = "DocumentAmount"
    DocumenTaxAmount = "DocumenTaxAmount"


class CashDiscount(WireEnum):
    ToTaxableAmount = "ToTaxableAmount"
    ToPromtPayment = "ToPromtPayment"
    ToTaxAmount = "ToTaxAmount"
    AdjustTax = "AdjustTax"
    NoAdjust = "NoAdjust"


class EuReportCode(WireEnum):
    SalesOfGoods = "SalesOfGoods"
    Triangulation = "Triangulation"
    SalesOfService = "SalesOfService"


class VismaXmlVatType(WireEnum):
    VatTypeHigh = "VatTypeHigh"
    VatTypeMedium = "VatTypeMedium"
    VatTypeLow = "VatTypeLow"
    VatTypeZero = "VatTypeZero"
    VatTypeExempt = "VatTypeExempt"


class GroupType(WireEnum):
    Output = "Output"
    Input = "Input"


class TaxCategoryNumberDescriptionDto(BaseModel):
    number: str | None = None
    description: str | None = None


class VatZoneDto(BaseModel):
    id: str
    description: str | None = None
    defaultVatCategory: str | None = None
    defaultTaxCategory: TaxCategoryNumberDescriptionDto | None = None
    errorInfo: str | None = None
    metadata: MetadataDto | None = None


class VatRateLineDto(BaseModel):
    revisionID: str
    vatRate: DecimalNumber
    groupType: GroupType
    startDate: str


class VatCategoryLineDto(BaseModel):
    vatId: str
    vendorCd: str | None = None
    description: str | None = None
    type: VatType
    calculateOn: CalculateOn
    cashDiscount: CashDiscount
    vatRates: list[VatRateLineDto]


class VatCategoryDto(BaseModel):
    vatCategoryId: str
    description: str | None = None
    active: bool
    excludeListedTaxes: bool
    lastModifiedDateTime: str
    vatCategoryLines: list[VatCategoryLineDto] | None = None


class GlAccountDto(BaseModel):
    type: str | None = None
    externalCode1: str | None = None
    externalCode2: str | None = None
    active: bool
    number: str
    description: str | None = None


class GlSubaccountDto(BaseModel):
    active: bool
    id: str
    description: str | None = None


class VatGlAccountsDto(BaseModel):
    vatPayableAccount: GlAccountDto | None = None
    vatPayableSubaccount: GlSubaccountDto | None = None
    vatClaimableAccount: GlAccountDto | None = None
    vatClaimableSubccount: GlSubaccountDto | None = None


class VatInformationScheduleDto(BaseModel):
    startDate: str
    vatRate: DecimalNumber
    minTaxableAmt: DecimalNumber
    maxTaxableAmt: DecimalNumber
    reportingGroup: str | None = None
    deductibleVatRate: DecimalNumber
    groupType: GroupType


class VatInformationDto(BaseModel):
    vatCategoryId: str | None = None
    vatId: str
    description: str | None = None
    type: VatType
    deductibleVat: bool
    reverseVat: bool
    statisticalVat: bool
    pendingVat: bool
    includeinVatExemptTotal: bool
    includeinVatTotal: bool
    enterFromVatInvoice: bool
    calculateOn: CalculateOn
    cashDiscount: CashDiscount
    vatAgencyId: dict | None = None
    notValidAfter: str | None = None
    euReportCode: EuReportCode | None = None
    documentText: str | None = None
    defaultNonStockItem: dict | None = None
    vismaXmlVatType: VismaXmlVatType | None = None
    lastModifiedDateTime: str
    glAccounts: VatGlAccountsDto
    schedules: list[VatInformationScheduleDto]
    categories: list[VatCategoryDto]
    zones: list[VatZoneDto]
