"""Cash transaction DTOs with the service's names (the real document visma-cashtransaction decides)."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from pydantic import BaseModel, create_model

from ..kit.render import DecimalNumber
from ..kit.shapes import SegmentUpdateDto
from ..kit.wire import LineOperation, Value, WireEnum, WireModel
from ..ledger.schemas import SegmentDto


class TranType(WireEnum):
    TransferOut = "TransferOut"
    TransferIn = "TransferIn"
    TransferExp = "TransferExp"
    Adjustment = "Adjustment"


class CashTransactionStatus(WireEnum):
    Balanced = "Balanced"
    Hold = "Hold"
    Released = "Released"
    Pending = "Pending"
    Rejected = "Rejected"


class DisbReceipt(WireEnum):
    Disbursement = "Disbursement"
    Receipt = "Receipt"


class TaxCalcMode(WireEnum):
    TaxSetting = "TaxSetting"
    Gross = "Gross"
    Net = "Net"


def _shape(dto_name: str, /, **members: type) -> type[BaseModel]:
    return create_model(dto_name, **{member: (kind | None, None) for member, kind in members.items()})


TypedNumber = {"type": str, "number": str, "description": str}
CashAccountShape = _shape("cashAccountInCashTransactionDto", **TypedNumber)
EntryTypeShape = _shape("entryTypeInCashTransactionDto", id=str, description=str)
OwnerShape = _shape("ownerInCashTransactionDto", internalId=str, number=str, name=str)
BranchShape = _shape("branchInTransactionDetailDto", number=str, name=str)
ItemShape = _shape("itemInTransactionDetailDto", number=str, description=str)
OffsetCashAccountShape = _shape("offsetCashAccountInTransactionDetailDto", **TypedNumber)
OffsetAccountShape = _shape("offsetAccountInTransactionDetailDto", **TypedNumber)
OffsetSubaccountShape = _shape(
    "offsetSubAccountInTransactionDetailDto",
    subaccountNumber=str,
    subaccountId=int,
    description=str,
    lastModifiedDateTime=str,
    active=bool,
    segments=list[SegmentDto],
    timeStamp=str,
    errorInfo=str,
)
TaxCategoryShape = _shape("taxCategoryInTransactionDetailDto", number=str, description=str)
ProjectShape = _shape("projectInTransactionDetailDto", internalId=int, id=str, description=str)
ProjectTaskShape = _shape("projectTaskInTransactionDetailDto", internalId=int, id=str, description=str)
TaxShape = _shape("taxInCashTranTaxDetailDto", number=str, description=str)
FinancialsBranchShape = _shape("branchInFinancialsDetailDto", number=str, name=str)
TaxZoneShape = _shape("taxZoneInFinancialsDetailDto", id=str, description=str, defaultVatCategory=str)


class FinancialsDetailDto(BaseModel):
    batchNumber: str | None = None
    branch: FinancialsBranchShape | None = None  # type: ignore[valid-type]
    cleared: bool | None = None
    clearDate: str | None = None
    taxZone: TaxZoneShape | None = None  # type: ignore[valid-type]
    taxCalcMode: TaxCalcMode | None = None


class TransactionDetailDto(BaseModel):
    lineNumber: int | None = None
    branch: BranchShape | None = None  # type: ignore[valid-type]
    item: ItemShape | None = None  # type: ignore[valid-type]
    description: str | None = None
    quantity: DecimalNumber | None = None
    uom: str | None = None
    price: DecimalNumber | None = None
    amount: DecimalNumber | None = None
    offsetCashAccount: OffsetCashAccountShape | None = None  # type: ignore[valid-type]
    offsetAccount: OffsetAccountShape | None = None  # type: ignore[valid-type]
    offsetSubAccount: OffsetSubaccountShape | None = None  # type: ignore[valid-type]
    taxCategory: TaxCategoryShape | None = None  # type: ignore[valid-type]
    nonBillable: bool | None = None
    project: ProjectShape | None = None  # type: ignore[valid-type]
    projectTask: ProjectTaskShape | None = None  # type: ignore[valid-type]


class CashTranTaxDetailDto(BaseModel):
    tax: TaxShape | None = None  # type: ignore[valid-type]
    taxRate: DecimalNumber | None = None
    taxableAmount: DecimalNumber | None = None
    taxAmount: DecimalNumber | None = None
    deductibleTaxRate: DecimalNumber | None = None
    expenseAmount: DecimalNumber | None = None
    includeInVatExemptTotal: bool | None = None
    pendingVat: bool | None = None
    statisticalVat: bool | None = None
    reverseVat: bool | None = None
    taxType: str | None = None


class CashTransactionDto(BaseModel):
    tranType: TranType | None = None
    referenceNbr: str | None = None
    status: CashTransactionStatus | None = None
    hold: bool | None = None
    tranDate: str | None = None
    finPeriod: str | None = None
    financialPeriod: str | None = None
    cashAccount: CashAccountShape | None = None  # type: ignore[valid-type]
    currency: str | None = None
    entryType: EntryTypeShape | None = None  # type: ignore[valid-type]
    disbReceipt: DisbReceipt | None = None
    documentRef: str | None = None
    owner: OwnerShape | None = None  # type: ignore[valid-type]
    description: str | None = None
    amount: DecimalNumber | None = None
    vatTaxableTotal: DecimalNumber | None = None
    vatExemptTotal: DecimalNumber | None = None
    taxTotal: DecimalNumber | None = None
    controlTotal: DecimalNumber | None = None
    taxAmount: DecimalNumber | None = None
    lastModifiedDateTime: str | None = None
    transactionDetails: list[TransactionDetailDto] | None = None
    taxDetails: list[CashTranTaxDetailDto] | None = None
    financialsDetail: FinancialsDetailDto | None = None
    timeStamp: str | None = None


class CashTransactionDetailUpdateDto(WireModel):
    operation: LineOperation | None = None
    lineNumber: Value[int] | None = None
    branchNumber: Value[str] | None = None
    inventoryNumber: Value[str] | None = None
    description: Value[str] | None = None
    quantity: Value[Decimal] | None = None
    uom: Value[str] | None = None
    price: Value[Decimal] | None = None
    amount: Value[Decimal] | None = None
    offsetAccount: Value[str] | None = None
    offsetSubaccount: list[SegmentUpdateDto] | None = None
    vatCode: Value[str] | None = None
    notInvoiceable: Value[bool] | None = None
    project: Value[str] | None = None
    projectTask: Value[str] | None = None


class CashTransactionTaxDetailUpdateDto(WireModel):
    vatId: Value[str] | None = None
    taxableAmount: Value[Decimal] | None = None
    vatAmount: Value[Decimal] | None = None
    expenseAmount: Value[Decimal] | None = None


class CashTransactionUpdateDto(WireModel):
    referenceNumber: Value[str] | None = None
    hold: Value[bool] | None = None
    tranDate: Value[datetime] | None = None
    finanacialPeriod: Value[str] | None = None
    financialPeriod: Value[str] | None = None
    description: Value[str] | None = None
    cashAccount: Value[str] | None = None
    entryType: Value[str] | None = None
    documentRef: Value[str] | None = None
    controlTotal: Value[Decimal] | None = None
    vatAmount: Value[Decimal] | None = None
    vatZone: Value[str] | None = None
    taxCalculationMode: Value[TaxCalcMode] | None = None
    overrideNumberSeries: Value[bool] | None = None
    cashTransactionDetails: list[CashTransactionDetailUpdateDto] | None = None
    cashTransactionTaxDetails: list[CashTransactionTaxDetailUpdateDto] | None = None


class ReverseCashTransactionActionDto(WireModel):
    returnCashTransaction: bool | None = None


class ReverseCashTransactionActionResultDto(BaseModel):
    referenceNbr: str | None = None
    cashTransaction: CashTransactionDto | None = None
    actionId: str | None = None
    actionResult: str | None = None
    errorInfo: str | None = None
