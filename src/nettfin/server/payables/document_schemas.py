"""Supplier invoice (AP301000) and supplier payment (AP302000) DTOs with the service's names (reference 3.3 and
3.5; the OpenAPI documents visma-supplierinvoice and visma-supplierpayment decide names, types and enums).

Write members nettfin does not serve (deferrals, split lines, retainage, prebooking, landed costs, purchase
approval, `taxDetailLines`, which are computed) are left out of the write models on purpose:
the wire layer then names them in `X-Nettfin-Ignored-Fields`, as it does every member it ignores.
"""

from __future__ import annotations

from decimal import Decimal

from pydantic import BaseModel

from ..kit.document_shapes import DocumentParty, TaxDetailDto
from ..kit.render import DecimalNumber
from ..kit.shapes import AttachmentRefs, IdDescription, MetadataDto, NumberName, SegmentUpdateDto
from ..kit.wire import LineOperation, Value, WireEnum, WireModel
from ..ledger.journal_schemas import ProjectInLineDto, SubaccountInLineDto
from .schemas import LocationInSupplierDto


class SupplierInvoiceTypes(WireEnum):
    """The write model's document types (and the list filter's)."""

    Invoice = "Invoice"
    CreditAdj = "CreditAdj"
    DebitAdj = "DebitAdj"
    Prepayment = "Prepayment"
    Refund = "Refund"
    Payment = "Payment"


# The types nettfin enters as supplier invoices; Refund and Payment are supplier payments' types.
INVOICE_TYPES = (
    SupplierInvoiceTypes.Invoice,
    SupplierInvoiceTypes.CreditAdj,
    SupplierInvoiceTypes.DebitAdj,
    SupplierInvoiceTypes.Prepayment,
)


class SupplierInvoiceStatus(WireEnum):
    Hold = "Hold"
    Balanced = "Balanced"
    Voided = "Voided"
    Scheduled = "Scheduled"
    Open = "Open"
    Closed = "Closed"
    Printed = "Printed"
    Prebooked = "Prebooked"
    Reserved = "Reserved"


class TaxCalcMode(WireEnum):
    TaxSetting = "TaxSetting"
    Gross = "Gross"
    Net = "Net"


class SupplierPaymentTypes(WireEnum):
    Payment = "Payment"
    DebitAdj = "DebitAdj"
    Prepayment = "Prepayment"
    Refund = "Refund"
    VoidPayment = "VoidPayment"
    VoidRefund = "VoidRefund"


class SupplierPaymentStatus(WireEnum):
    Hold = "Hold"
    Balanced = "Balanced"
    Voided = "Voided"
    Scheduled = "Scheduled"
    Open = "Open"
    Closed = "Closed"
    Printed = "Printed"
    Prebooked = "Prebooked"
    PendingApproval = "PendingApproval"
    Rejected = "Rejected"
    Reserved = "Reserved"
    PendingPrint = "PendingPrint"


# --- write models -------------------------------------------------------------------------------------------


class SupplierInvoiceLineUpdateDto(WireModel):
    operation: LineOperation | None = None
    lineNumber: Value[int] | None = None
    inventoryNumber: Value[str] | None = None
    transactionDescription: Value[str] | None = None
    quantity: Value[Decimal] | None = None
    uom: Value[str] | None = None
    unitCostInCurrency: Value[Decimal] | None = None
    costInCurrency: Value[Decimal] | None = None
    discountPercent: Value[Decimal] | None = None
    discountAmountInCurrency: Value[Decimal] | None = None
    manualDiscount: Value[bool] | None = None
    accountNumber: Value[str] | None = None
    subaccount: list[SegmentUpdateDto] | None = None
    vatCodeId: Value[str] | None = None
    note: Value[str] | None = None
    projectId: Value[str] | None = None


class AddPOReceiptLineDto(WireModel):
    """A purchase receipt line to bill (`addPOReceiptLines`): a new invoice line that clears its PO accrual."""

    poReceiptNumber: Value[str] | None = None
    poReceiptLineNumber: Value[int] | None = None
    quantity: Value[Decimal] | None = None
    unitCostInCurrency: Value[Decimal] | None = None
    costInCurrency: Value[Decimal] | None = None


class SupplierInvoiceUpdateDto(WireModel):
    documentType: Value[SupplierInvoiceTypes] | None = None
    referenceNumber: Value[str] | None = None
    hold: Value[bool] | None = None
    date: Value[str] | None = None
    origInvoiceDate: Value[str] | None = None
    postPeriod: Value[str] | None = None
    financialPeriod: Value[str] | None = None
    supplierReference: Value[str] | None = None
    description: Value[str] | None = None
    supplierNumber: Value[str] | None = None
    locationId: Value[str] | None = None
    currencyId: Value[str] | None = None
    paymentRefNo: Value[str] | None = None
    creditTermsId: Value[str] | None = None
    dueDate: Value[str] | None = None
    cashDiscountDate: Value[str] | None = None
    note: Value[str] | None = None
    exchangeRate: Value[Decimal] | None = None
    branchNumber: Value[str] | None = None
    taxCalculationMode: Value[TaxCalcMode] | None = None
    supplierTaxZone: Value[str] | None = None
    cashAccount: Value[str] | None = None
    paymentMethod: Value[str] | None = None
    payDate: Value[str] | None = None
    amount: Value[Decimal] | None = None
    vatAmount: Value[Decimal] | None = None
    paymentMessage: Value[str] | None = None
    invoiceLines: list[SupplierInvoiceLineUpdateDto] | None = None
    addPOReceiptLines: list[AddPOReceiptLineDto] | None = None
    paySelected: Value[bool] | None = None
    overrideNumberSeries: Value[bool] | None = None


class SupplierPaymentAdjustmentUpdateDto(WireModel):
    operation: LineOperation | None = None
    documentType: Value[SupplierInvoiceTypes] | None = None
    refNbr: Value[str] | None = None
    amountPaid: Value[Decimal] | None = None
    cashDiscountTaken: Value[Decimal] | None = None


class SupplierPaymentUpdateDto(WireModel):
    type: Value[SupplierPaymentTypes] | None = None
    referenceNumber: Value[str] | None = None
    hold: Value[bool] | None = None
    applicationDate: Value[str] | None = None
    applicationPeriod: Value[str] | None = None
    paymentRef: Value[str] | None = None
    supplier: Value[str] | None = None
    location: Value[str] | None = None
    paymentMethod: Value[str] | None = None
    cashAccount: Value[str] | None = None
    currency: Value[str] | None = None
    description: Value[str] | None = None
    paymentAmount: Value[Decimal] | None = None
    branch: Value[str] | None = None
    paymentLines: list[SupplierPaymentAdjustmentUpdateDto] | None = None
    overrideNumberSeries: Value[bool] | None = None


class ReleaseSupplierPaymentActionDto(WireModel):
    type: Value[SupplierPaymentTypes] | None = None


class PrebookingUpdateDto(WireModel):
    """`action/prebook`'s body: the prebooking account (`{"value": "2910"}`) and its subaccount's segments."""

    accountNumber: Value[str] | None = None
    subaccount: list[SegmentUpdateDto] | None = None


# --- read models (documentation of the responses) -----------------------------------------------------------


class SupplierRefDto(DocumentParty):
    pass


class AccountInLineDto(BaseModel):
    type: str | None = None
    externalCode1: str | None = None
    externalCode2: str | None = None
    active: bool | None = None
    number: str | None = None
    description: str | None = None


class SupplierInvoiceLineDto(BaseModel):
    lineNumber: int
    inventoryNumber: str | None = None
    externalInventoryId: str | None = None
    stockItem: bool
    transactionDescription: str | None = None
    quantity: DecimalNumber
    uom: str | None = None
    unitCost: DecimalNumber
    unitCostInCurrency: DecimalNumber
    cost: DecimalNumber
    costInCurrency: DecimalNumber
    discountPercent: DecimalNumber
    discountAmount: DecimalNumber
    discountAmountInCurrency: DecimalNumber
    discountUnitCost: DecimalNumber
    discountUnitCostInCurrency: DecimalNumber
    manualDiscount: bool
    account: AccountInLineDto | None = None
    subaccount: SubaccountInLineDto | None = None
    prebookAccount: AccountInLineDto | None = None
    prebookSubaccount: SubaccountInLineDto | None = None
    deferralSchedule: int | None = None
    deferralScheduleNbr: str | None = None
    deferralCode: str | None = None
    vatCode: IdDescription | None = None
    poNumber: str | None = None
    poLineNr: int
    poReceiptNbr: str | None = None
    poReceiptLineNbr: int
    branchNumber: NumberName | None = None
    note: str | None = None
    splitHierarchy: str | None = None
    project: ProjectInLineDto | None = None
    projectTask: ProjectInLineDto | None = None
    attachments: AttachmentRefs
    retainagePct: DecimalNumber
    curyRetainageAmt: DecimalNumber
    termStartDate: str | None = None
    termEndDate: str | None = None


class SupplierInvoiceDto(BaseModel):
    documentType: str
    referenceNumber: str
    status: SupplierInvoiceStatus
    hold: bool
    supplier: SupplierRefDto
    postPeriod: str
    financialPeriod: str
    closedFinancialPeriod: str | None = None
    date: str
    origInvoiceDate: str
    dueDate: str | None = None
    cashDiscountDate: str | None = None
    payDate: str | None = None
    approvalStatus: str
    currencyId: str
    exchangeRate: DecimalNumber
    amount: DecimalNumber
    vatAmount: DecimalNumber
    balance: DecimalNumber
    balanceInCurrency: DecimalNumber
    cashDiscount: DecimalNumber
    cashDiscountInCurrency: DecimalNumber
    detailTotal: DecimalNumber
    detailTotalInCurrency: DecimalNumber
    discountTotal: DecimalNumber
    discountTotalInCurrency: DecimalNumber
    withholdingTax: DecimalNumber
    withholdingTaxInCurrency: DecimalNumber
    roundingDiff: DecimalNumber
    roundingDiffInCurrency: DecimalNumber
    curyRetainageTotal: DecimalNumber
    curyRetainageUnreleasedAmt: DecimalNumber
    retainageApply: bool
    vatTaxableTotal: DecimalNumber
    vatTaxableTotalInCurrency: DecimalNumber
    vatExemptTotal: DecimalNumber
    vatExemptTotalInCurrency: DecimalNumber
    vatTotal: DecimalNumber
    vatTotalInCurrency: DecimalNumber
    taxCalculationMode: TaxCalcMode
    supplierTaxZone: dict | None = None
    creditTerms: IdDescription | None = None
    paymentMethod: IdDescription | None = None
    supplierReference: str | None = None
    buyerReference: str | None = None
    paymentRefNo: str | None = None
    paymentMessage: str | None = None
    paySelected: bool
    cashAccount: str | None = None
    originalReferenceNumber: str | None = None
    description: str | None = None
    note: str | None = None
    location: LocationInSupplierDto
    branchNumber: NumberName | None = None
    documentVersionNumber: int
    createdDateTime: str
    lastModifiedDateTime: str
    invoiceLines: list[SupplierInvoiceLineDto]
    taxDetailLines: list[TaxDetailDto]
    landedCosts: list[dict]
    attachments: AttachmentRefs
    approvalDetails: dict | None = None
    timeStamp: str
    errorInfo: str | None = None
    metadata: MetadataDto | None = None


class SupplierPaymentLineDto(BaseModel):
    branch: str | None = None
    batchNumber: str | None = None
    docType: SupplierInvoiceTypes
    invoiceRefNbr: str
    amountPaid: DecimalNumber
    cashDiscountTaken: DecimalNumber
    withholdingTax: DecimalNumber
    applicationPeriod: str | None = None
    date: str
    dueDate: str | None = None
    cashDiscountDate: str | None = None
    balance: DecimalNumber
    cashDiscountBalance: DecimalNumber
    description: str | None = None
    currency: str | None = None
    postPeriod: str | None = None
    supplierRef: str | None = None


class PaymentCurrencyDto(BaseModel):
    id: str
    description: str | None = None
    symbol: str | None = None
    isBaseCurrency: bool
    decimalPrecision: int
    isUsedForAccounting: bool


class SupplierPaymentDto(BaseModel):
    type: SupplierPaymentTypes
    documentType: SupplierPaymentTypes
    refNbr: str
    status: SupplierPaymentStatus
    hold: bool
    applicationDate: str
    applicationPeriod: str
    paymentRef: str | None = None
    supplier: SupplierRefDto
    location: LocationInSupplierDto
    paymentMethod: str | None = None
    cashAccount: str | None = None
    currency: PaymentCurrencyDto
    description: str | None = None
    paymentAmount: DecimalNumber
    financeCharges: DecimalNumber
    balance: DecimalNumber
    unappliedBalance: DecimalNumber
    appliedAmount: DecimalNumber
    released: bool
    lastModifiedDateTime: str
    branch: str | None = None
    paymentLines: list[SupplierPaymentLineDto]
    timeStamp: str
    errorInfo: str | None = None
    metadata: MetadataDto | None = None
