"""Contract DTOs with the service's names (the CustomerContract, ContractTemplate and ContractUsage OpenAPI
documents decide)."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from pydantic import BaseModel

from ..kit.render import DecimalNumber
from ..kit.wire import LineOperation, Value, WireEnum, WireModel


class ContractStatusDto(WireEnum):
    Draft = "Draft"
    InApproval = "InApproval"
    Active = "Active"
    Expired = "Expired"
    Canceled = "Canceled"
    Completed = "Completed"
    InUpgrade = "InUpgrade"
    PendingActivation = "PendingActivation"


class InvoiceToType(WireEnum):
    ParentAccount = "ParentAccount"
    CustomerAccount = "CustomerAccount"
    SpecificAccount = "SpecificAccount"


class InvoicingPeriodDto(WireEnum):
    Statement = "Statement"
    Quarterly = "Quarterly"
    Monthly = "Monthly"
    Annual = "Annual"
    SemiAnnual = "SemiAnnual"
    Weekly = "Weekly"
    OnDemand = "OnDemand"


class DetailInvoiceType(WireEnum):
    None_ = "None"
    Prepaid = "Prepaid"
    Postpaid = "Postpaid"


class RecurringInvoiceType(WireEnum):
    None_ = "None"
    Prepay = "Prepay"
    Usage = "Usage"
    Deposits = "Deposits"


# --- writes ---------------------------------------------------------------------------------------------------


class CustomerContractDetailsUpdateDto(WireModel):
    operation: LineOperation | None = None
    contractDetailId: Value[int] | None = None
    itemCode: Value[str] | None = None
    included: Value[Decimal] | None = None
    setupPrice: Value[Decimal] | None = None
    recurringPrice: Value[Decimal] | None = None
    extraUsagePrice: Value[Decimal] | None = None
    renewalPrice: Value[Decimal] | None = None


class AttributeLineUpdateDto(WireModel):
    attributeId: Value[str] | None = None
    attributeValue: Value[str] | None = None


class CustomerContractUpdateDto(WireModel):
    contractId: Value[str] | None = None
    contractTemplate: Value[str] | None = None
    customer: Value[str] | None = None
    location: Value[str] | None = None
    description: Value[str] | None = None
    setupDate: Value[datetime] | None = None
    activationDate: Value[datetime] | None = None
    expirationDate: Value[datetime] | None = None
    massRenewal: Value[bool] | None = None
    renewalPoint: Value[int] | None = None
    gracePeriod: Value[int] | None = None
    currency: Value[str] | None = None
    invoiceTo: Value[InvoiceToType] | None = None
    invoiceAccount: Value[str] | None = None
    invoiceLocation: Value[str] | None = None
    owner: Value[str] | None = None
    salesPerson: Value[str] | None = None
    details: list[CustomerContractDetailsUpdateDto] | None = None
    attributeLines: list[AttributeLineUpdateDto] | None = None


class ContractUsageLineUpdateDto(WireModel):
    operation: LineOperation | None = None
    transactionNumber: Value[int] | None = None
    branch: Value[str] | None = None
    inventory: Value[str] | None = None
    description: Value[str] | None = None
    uom: Value[str] | None = None
    quantity: Value[Decimal] | None = None
    date: Value[datetime] | None = None


class ContractUsageUpdateDto(WireModel):
    lines: list[ContractUsageLineUpdateDto] | None = None


# --- reads ----------------------------------------------------------------------------------------------------


class IdDescription(BaseModel):
    id: str | None = None
    description: str | None = None


class NumberName(BaseModel):
    number: str | None = None
    name: str | None = None


class NumberDescription(BaseModel):
    number: str | None = None
    description: str | None = None


class OwnerDto(BaseModel):
    internalId: str | None = None
    number: str | None = None
    name: str | None = None


class CustomerContractSummaryDto(BaseModel):
    setupDate: str | None = None
    activationDate: str | None = None
    expirationDate: str | None = None
    terminationDate: str | None = None
    massRenewal: bool | None = None
    renewalPoint: int | None = None
    gracePeriod: int | None = None
    currency: str | None = None
    invoicingScheduleStartsOn: str | None = None
    invoicingPeriod: InvoicingPeriodDto | None = None
    lastInvoicingDate: str | None = None
    nextInvoicingDate: str | None = None
    invoiceTo: InvoiceToType | None = None
    invoiceAccount: NumberName | None = None
    invoiceLocation: IdDescription | None = None
    owner: OwnerDto | None = None
    salesPerson: IdDescription | None = None
    caseCountItem: NumberDescription | None = None


class CustomerContractDetailsLineDto(BaseModel):
    contractDetailId: int | None = None
    itemCode: str | None = None
    description: str | None = None
    included: DecimalNumber | None = None
    difference: DecimalNumber | None = None
    setupPrice: DecimalNumber | None = None
    setupDiscount: DecimalNumber | None = None
    recurringPrice: DecimalNumber | None = None
    extraUsagePrice: DecimalNumber | None = None
    recurringDiscount: DecimalNumber | None = None
    renewalPrice: DecimalNumber | None = None
    renewalDiscount: DecimalNumber | None = None
    invoiceType: DetailInvoiceType | None = None


class CustomerContractDetailsDto(BaseModel):
    effectiveFrom: str | None = None
    promoCode: IdDescription | None = None
    pendingSetup: DecimalNumber | None = None
    pendingRecurring: DecimalNumber | None = None
    pendingRenewal: DecimalNumber | None = None
    totalPending: DecimalNumber | None = None
    currentSetup: DecimalNumber | None = None
    currentRecurring: DecimalNumber | None = None
    currentRenewal: DecimalNumber | None = None
    lines: list[CustomerContractDetailsLineDto] | None = None


class CustomerContractRecurringSummaryLineDto(BaseModel):
    itemCode: str | None = None
    description: str | None = None
    itemId: str | None = None
    uom: str | None = None
    invoiceType: RecurringInvoiceType | None = None
    included: DecimalNumber | None = None
    recurringPrice: DecimalNumber | None = None
    recurringDiscount: DecimalNumber | None = None
    extraUsagePrice: DecimalNumber | None = None
    unInvoiced: DecimalNumber | None = None
    usedTotal: DecimalNumber | None = None


class CustomerContractRecurringSummaryDto(BaseModel):
    recurringTotal: DecimalNumber | None = None
    extraUsageTotal: DecimalNumber | None = None
    totalDue: DecimalNumber | None = None
    lines: list[CustomerContractRecurringSummaryLineDto] | None = None


class AttributeIdValueDto(BaseModel):
    id: str | None = None
    value: str | None = None
    description: str | None = None


class CustomerContractDto(BaseModel):
    contractId: str | None = None
    contractTemplate: IdDescription | None = None
    status: ContractStatusDto | None = None
    customer: NumberName | None = None
    location: IdDescription | None = None
    description: str | None = None
    balance: DecimalNumber | None = None
    lastModifiedDateTime: str | None = None
    summary: CustomerContractSummaryDto | None = None
    details: CustomerContractDetailsDto | None = None
    attributes: list[AttributeIdValueDto] | None = None
    timeStamp: str | None = None


class ContractTemplateDto(BaseModel):
    lastModifiedDateTime: str | None = None
    attributes: list[dict] | None = None
    id: str | None = None
    description: str | None = None


class BranchRef(BaseModel):
    number: str | None = None
    name: str | None = None


class ContractUsageLineDto(BaseModel):
    transactionNumber: int | None = None
    billed: bool | None = None
    branch: BranchRef | None = None
    item: NumberDescription | None = None
    description: str | None = None
    uom: str | None = None
    quantity: DecimalNumber | None = None
    date: str | None = None
    type: str | None = None
    referenceNbr: str | None = None
    billingDate: str | None = None
    lastModifiedDateTime: str | None = None


class ContractUsageDto(BaseModel):
    contract: str | None = None
    transaction: list[ContractUsageLineDto] | None = None
    lastModifiedDateTime: str | None = None
    timeStamp: str | None = None
