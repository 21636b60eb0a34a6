"""Journal transaction (GL301000) and general ledger balance DTOs with the service's names (the OpenAPI
document visma-journaltransactionv2 decides; the balance is the 2016 swagger's GeneralLedgerBalanceDto)."""

from __future__ import annotations

from decimal import Decimal

from pydantic import BaseModel

from ..kit.render import DecimalNumber
from ..kit.shapes import AttachmentRefs, IdDescription, MetadataDto, SegmentUpdateDto
from ..kit.wire import LineOperation, Value, WireEnum, WireModel
from .schemas import SegmentDto


class JournalModule(WireEnum):
    ModuleGL = "ModuleGL"
    ModuleAP = "ModuleAP"
    ModuleAR = "ModuleAR"
    ModuleCA = "ModuleCA"
    ModuleCM = "ModuleCM"
    ModuleIN = "ModuleIN"
    ModuleSO = "ModuleSO"
    ModulePO = "ModulePO"
    ModuleDR = "ModuleDR"
    ModuleFA = "ModuleFA"
    ModuleEP = "ModuleEP"
    ModulePM = "ModulePM"
    ModuleTX = "ModuleTX"
    ModuleCR = "ModuleCR"


class JournalStatusFilter(WireEnum):
    """The statuses the list filters on (the real query parameter's enum)."""

    Hold = "Hold"
    Balanced = "Balanced"
    Unposted = "Unposted"
    Posted = "Posted"
    Voided = "Voided"
    Scheduled = "Scheduled"
    Unreleased = "Unreleased"


class BalanceType(WireEnum):
    Actual = "Actual"
    Report = "Report"
    Statistical = "Statistical"
    Budget = "Budget"


class JournalTransactionLineUpdateDto(WireModel):
    operation: LineOperation | None = None
    lineNumber: Value[int] | None = None
    accountNumber: Value[str] | None = None
    subaccount: list[SegmentUpdateDto] | None = None
    project: Value[str] | None = None
    projectTask: Value[str] | None = None
    referenceNumber: Value[str] | None = None
    transactionDescription: Value[str] | None = None
    debitAmountInCurrency: Value[Decimal] | None = None
    creditAmountInCurrency: Value[Decimal] | None = None
    vatCodeId: Value[str] | None = None
    vatId: Value[str] | None = None
    branch: Value[str] | None = None
    uom: Value[str] | None = None
    quantity: Value[Decimal] | None = None
    note: Value[str] | None = None


class JournalTransactionUpdateDto(WireModel):
    batchNumber: Value[str] | None = None
    hold: Value[bool] | None = None
    transactionDate: Value[str] | None = None
    postPeriod: Value[str] | None = None
    financialPeriod: Value[str] | None = None
    ledger: Value[str] | None = None
    currencyId: Value[str] | None = None
    exchangeRate: Value[Decimal] | None = None
    autoReversing: Value[bool] | None = None
    description: Value[str] | None = None
    controlTotalInCurrency: Value[Decimal] | None = None
    createVatTransaction: Value[bool] | None = None
    skipVatAmountValidation: Value[bool] | None = None
    transactionCode: Value[str] | None = None
    branch: Value[str] | None = None
    overrideNumberSeries: Value[bool] | None = None
    journalTransactionLines: list[JournalTransactionLineUpdateDto] | None = None


class SubaccountInLineDto(BaseModel):
    subaccountNumber: str | None = None
    subaccountId: int | None = None
    description: str | None = None
    lastModifiedDateTime: str | None = None
    active: bool | None = None
    segments: list[SegmentDto] | None = None
    timeStamp: str | None = None
    errorInfo: str | None = None


class ProjectInLineDto(BaseModel):
    internalId: int | None = None
    id: str | None = None
    description: str | None = None


class JournalTransactionLineDto(BaseModel):
    lineNumber: int
    accountNumber: str
    description: str | None = None
    subaccount: SubaccountInLineDto | None = None
    referenceNumber: str | None = None
    debitAmount: DecimalNumber
    debitAmountInCurrency: DecimalNumber
    creditAmount: DecimalNumber
    creditAmountInCurrency: DecimalNumber
    transactionDescription: str | None = None
    vatCode: IdDescription | None = None
    vat: IdDescription | None = None
    branch: str | None = None
    customerSupplier: str | None = None
    transactionType: str | None = None
    module: JournalModule
    uom: str | None = None
    project: ProjectInLineDto | None = None
    projectTask: ProjectInLineDto | None = None
    attachments: AttachmentRefs
    quantity: DecimalNumber
    inventoryNumber: str | None = None
    note: str | None = None


class JournalTransactionDto(BaseModel):
    module: JournalModule
    batchNumber: str
    status: str
    hold: bool
    transactionDate: str
    postPeriod: str
    financialPeriod: str
    ledger: str | None = None
    ledgerDescription: str | None = None
    currencyId: str
    exchangeRate: DecimalNumber
    autoReversing: bool
    reversingEntry: bool
    description: str | None = None
    originalBatchNumber: str | None = None
    debitTotal: DecimalNumber
    debitTotalInCurrency: DecimalNumber
    creditTotal: DecimalNumber
    creditTotalInCurrency: DecimalNumber
    controlTotal: DecimalNumber
    controlTotalInCurrency: DecimalNumber
    createVatTransaction: bool
    skipVatAmountValidation: bool
    lastModifiedDateTime: str
    transactionCode: str | None = None
    transactionCodeDescription: str | None = None
    branch: str | None = None
    timeStamp: str
    journalTransactionLines: list[JournalTransactionLineDto]
    attachments: AttachmentRefs
    errorInfo: str | None = None
    metadata: MetadataDto | None = None


class AccountNumberDto(BaseModel):
    type: str | None = None
    externalCode1: str | None = None
    externalCode2: str | None = None
    number: str | None = None
    description: str | None = None


class GeneralLedgerBalanceDto(BaseModel):
    branch: dict | None = None
    ledger: IdDescription | None = None
    balanceType: BalanceType
    financialPeriod: str
    account: AccountNumberDto
    subaccountId: int | None = None
    currencyId: str
    periodToDateDebit: DecimalNumber
    periodToDateCredit: DecimalNumber
    beginningBalance: DecimalNumber
    yearToDateBalance: DecimalNumber
    periodToDateDebitInCurrency: DecimalNumber
    periodToDateCreditInCurrency: DecimalNumber
    beginningBalanceInCurrency: DecimalNumber
    yearToDateBalanceInCurrency: DecimalNumber
    yearClosed: bool
    lastModifiedDateTime: str
    metadata: MetadataDto | None = None
