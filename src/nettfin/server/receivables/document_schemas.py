"""Customer document and payment DTOs with the service's camelCase names (reference 3.6; the 2026
CustomerInvoice OpenAPI decides for invoices; payments follow the 2016 swagger's PaymentDto, the only real
document of AR302000 in the reference)."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from pydantic import BaseModel

from ..kit.document_shapes import DocumentParty, OverriddenAddress, OverrideAddressUpdate
from ..kit.render import DecimalNumber
from ..kit.shapes import AttachmentRefs, IdDescription, MetadataDto, NumberName, SegmentUpdateDto
from ..kit.wire import LineOperation, Value, WireEnum, WireModel
from ..ledger.journal_schemas import ProjectInLineDto
from .schemas import LocationDto


class CustomerDocumentType(WireEnum):
    Invoice = "Invoice"
    DebitNote = "DebitNote"
    CreditNote = "CreditNote"
    Payment = "Payment"
    VoidPayment = "VoidPayment"
    Prepayment = "Prepayment"
    Refund = "Refund"
    FinCharge = "FinCharge"
    SmallBalanceWo = "SmallBalanceWo"
    SmallCreditWo = "SmallCreditWo"
    CashSale = "CashSale"
    CashReturn = "CashReturn"
    Undefined = "Undefined"
    NoUpdate = "NoUpdate"


class CustomerInvoiceStatus(WireEnum):
    Hold = "Hold"
    Balanced = "Balanced"
    Voided = "Voided"
    Scheduled = "Scheduled"
    Open = "Open"
    Closed = "Closed"
    PendingPrint = "PendingPrint"
    PendingEmail = "PendingEmail"
    CreditHold = "CreditHold"
    CcHold = "CcHold"
    Reserved = "Reserved"


class ItemType(WireEnum):
    Service = "Service"
    MaterialCost = "MaterialCost"
    OtherCost = "OtherCost"


class PaymentType(WireEnum):
    Payment = "Payment"
    CreditNote = "CreditNote"
    Prepayment = "Prepayment"
    Refund = "Refund"
    VoidPayment = "VoidPayment"
    SmallBalanceWo = "SmallBalanceWo"


class SalesInvoiceAddressUpdateDto(OverrideAddressUpdate):
    pass


class SalesInvoiceContactUpdateDto(WireModel):
    overrideContact: Value[bool] | None = None
    name: Value[str] | None = None
    attention: Value[str] | None = None
    email: Value[str] | None = None
    phone1: Value[str] | None = None


class CustomerInvoiceLinesUpdateDto(WireModel):
    """A line: `operation` plain, `lineNumber` names an existing line, `subaccount` plain segments."""

    operation: LineOperation | None = None
    lineNumber: Value[int] | None = None
    inventoryNumber: Value[str] | None = None
    description: Value[str] | None = None
    quantity: Value[Decimal] | None = None
    unitPriceInCurrency: Value[Decimal] | None = None
    manualAmountInCurrency: Value[Decimal] | None = None
    accountNumber: Value[str] | None = None
    vatCodeId: Value[str] | None = None
    uom: Value[str] | None = None
    discountPercent: Value[Decimal] | None = None
    discountAmountInCurrency: Value[Decimal] | None = None
    manualDiscount: Value[bool] | None = None
    discountCode: Value[str] | None = None
    subaccount: list[SegmentUpdateDto] | None = None
    salesperson: Value[str] | None = None
    deferralSchedule: Value[int] | None = None
    deferralCode: Value[str] | None = None
    termStartDate: Value[datetime] | None = None
    termEndDate: Value[datetime] | None = None
    note: Value[str] | None = None
    branchNumber: Value[str] | None = None
    itemType: Value[ItemType] | None = None
    taskId: Value[str] | None = None
    startDate: Value[datetime] | None = None
    endDate: Value[datetime] | None = None


class TaxDetailUpdateDto(WireModel):
    taxId: Value[str] | None = None
    taxableAmount: Value[Decimal] | None = None
    vatAmount: Value[Decimal] | None = None
    expenseAmount: Value[Decimal] | None = None


class CustomerInvoiceUpdateDto(WireModel):
    """Create and update body (`/v1/customerinvoice` and `/v2/customerinvoice`)."""

    paymentMethodId: Value[str] | None = None
    creditTermsId: Value[str] | None = None
    currencyId: Value[str] | None = None
    customerRefNumber: Value[str] | None = None
    cashDiscountDate: Value[datetime] | None = None
    documentDueDate: Value[datetime] | None = None
    externalReference: Value[str] | None = None
    customerProject: Value[str] | None = None
    exchangeRate: Value[Decimal] | None = None
    paymentReference: Value[str] | None = None
    contact: Value[int] | None = None
    project: Value[str] | None = None
    taxDetailLines: list[TaxDetailUpdateDto] | None = None
    invoiceLines: list[CustomerInvoiceLinesUpdateDto] | None = None
    sendToAutoInvoice: Value[bool] | None = None
    customerVatZoneId: Value[str] | None = None
    billingAddress: Value[SalesInvoiceAddressUpdateDto] | None = None
    invoiceContact: Value[SalesInvoiceContactUpdateDto] | None = None
    startDate: Value[datetime] | None = None
    endDate: Value[datetime] | None = None
    accountingCostRef: Value[str] | None = None
    originatorDocRef: Value[str] | None = None
    contractDocRef: Value[str] | None = None
    revoked: Value[bool] | None = None
    overrideNumberSeries: Value[bool] | None = None
    excludeDebtCollection: Value[bool] | None = None
    referenceNumber: Value[str] | None = None
    customerNumber: Value[str] | None = None
    documentDate: Value[datetime] | None = None
    origInvoiceDate: Value[datetime] | None = None
    hold: Value[bool] | None = None
    postPeriod: Value[str] | None = None
    financialPeriod: Value[str] | None = None
    invoiceText: Value[str] | None = None
    locationId: Value[str] | None = None
    salesperson: Value[str] | None = None
    note: Value[str] | None = None
    branchNumber: Value[str] | None = None
    cashAccount: Value[str] | None = None
    dontPrint: Value[bool] | None = None
    dontEmail: Value[bool] | None = None


class ReverseInvoiceActionDto(WireModel):
    """Plain, as the real document has it: `{"returnCreditNote": true}`."""

    returnCreditNote: bool | None = None


class PaymentLinesUpdateDto(WireModel):
    operation: LineOperation | None = None
    documentType: Value[CustomerDocumentType] | None = None
    refNbr: Value[str] | None = None
    amountPaid: Value[Decimal] | None = None
    cashDiscountTaken: Value[Decimal] | None = None
    balanceWriteOff: Value[Decimal] | None = None
    writeOffReasonCode: Value[str] | None = None
    crossRate: Value[Decimal] | None = None


class PaymentUpdateDto(WireModel):
    """Create and update body of a customer payment (the 2016 swagger's PaymentUpdateDto), plus the
    reference's `referenceNumber` and `overrideNumberSeries`."""

    type: Value[PaymentType] | None = None
    referenceNumber: Value[str] | None = None
    overrideNumberSeries: Value[bool] | None = None
    hold: Value[bool] | None = None
    applicationDate: Value[datetime] | None = None
    applicationPeriod: Value[str] | None = None
    paymentRef: Value[str] | None = None
    customer: Value[str] | None = None
    location: Value[str] | None = None
    paymentMethod: Value[str] | None = None
    cashAccount: Value[str] | None = None
    currency: Value[str] | None = None
    paymentAmount: Value[Decimal] | None = None
    invoiceText: Value[str] | None = None
    paymentLines: list[PaymentLinesUpdateDto] | None = None


class ReleasePaymentActionDto(WireModel):
    type: Value[PaymentType] | None = None


class VoidPaymentType(WireEnum):
    """The void action's `type` (plain, not wrapped): the payment's type."""

    Payment = "Payment"
    CreditNote = "CreditNote"
    Prepayment = "Prepayment"
    Refund = "Refund"
    VoidPayment = "VoidPayment"
    SmallBalanceWo = "SmallBalanceWo"
    VoidRefund = "VoidRefund"
    Undefined = "Undefined"


class VoidPaymentActionDto(WireModel):
    """`action/void`'s optional body: the payment's type (`{"type": "Payment"}`); `returnVoidPayment` is accepted
    (the answer is the action result)."""

    type: VoidPaymentType | None = None
    returnVoidPayment: bool | None = None


# --- read side (documents the responses) -----------------------------------------------------------------


class CustomerInvoiceLineDto(BaseModel):
    lineNumber: int
    inventoryNumber: str | None = None
    description: str | None = None
    quantity: DecimalNumber
    uom: str | None = None
    unitPrice: DecimalNumber
    unitPriceInCurrency: DecimalNumber
    manualAmount: DecimalNumber
    manualAmountInCurrency: DecimalNumber
    amount: DecimalNumber
    amountInCurrency: DecimalNumber
    cost: DecimalNumber
    discountPercent: DecimalNumber
    discountAmount: DecimalNumber
    discountAmountInCurrency: DecimalNumber
    manualDiscount: bool
    account: dict | None = None
    subaccount: dict | None = None
    vatCode: IdDescription | None = None
    discountCode: str | None = None
    note: str | None = None
    branchNumber: NumberName | None = None
    itemType: ItemType | None = None
    lineType: str | None = None
    salesperson: str | None = None
    seller: IdDescription | None = None
    deferralSchedule: int | None = None
    deferralCode: str | None = None
    projectTask: ProjectInLineDto | None = None
    isRotRutDeductible: bool
    typeOfWork: dict | None = None
    deductableAmount: DecimalNumber
    startDate: str | None = None
    endDate: str | None = None
    termStartDate: str | None = None
    termEndDate: str | None = None
    soShipmentNbr: str | None = None
    soOrderType: str | None = None
    soOrderNbr: str | None = None
    attachments: AttachmentRefs
    externalLink: str | None = None


class InvoiceAddressDto(OverriddenAddress):
    pass


class InvoiceContactDto(BaseModel):
    businessName: str | None = None
    attention: str | None = None
    email: str | None = None
    phone1: str | None = None
    overrideContact: bool


class InvoiceContactRefDto(BaseModel):
    id: int
    name: str | None = None


class CustomerInvoiceDto(BaseModel):
    documentType: CustomerDocumentType
    referenceNumber: str
    status: CustomerInvoiceStatus
    hold: bool
    customer: NumberName
    childRecord: NumberName | None = None
    postPeriod: str
    financialPeriod: str
    closedFinancialPeriod: str | None = None
    documentDate: str
    origInvoiceDate: str
    documentDueDate: str | None = None
    cashDiscountDate: str
    currencyId: str
    exchangeRate: DecimalNumber
    amount: DecimalNumber
    amountInCurrency: DecimalNumber
    balance: DecimalNumber
    balanceInCurrency: DecimalNumber
    cashDiscount: DecimalNumber
    cashDiscountInCurrency: DecimalNumber
    detailTotal: DecimalNumber
    detailTotalInCurrency: DecimalNumber
    discountTotal: DecimalNumber
    discountTotalInCurrency: DecimalNumber
    vatTaxableTotal: DecimalNumber
    vatTaxableTotalInCurrency: DecimalNumber
    vatExemptTotal: DecimalNumber
    vatExemptTotalInCurrency: DecimalNumber
    vatTotal: DecimalNumber
    vatTotalInCurrency: DecimalNumber
    roundingDiff: DecimalNumber
    creditTerms: IdDescription | None = None
    paymentMethod: IdDescription | None = None
    paymentReference: str | None = None
    customerRefNumber: str | None = None
    externalReference: str | None = None
    invoiceText: str | None = None
    note: str | None = None
    location: LocationDto
    branchNumber: NumberName | None = None
    cashAccount: str | None = None
    project: ProjectInLineDto | None = None
    customerProject: str | None = None
    account: dict | None = None
    subaccount: dict | None = None
    customerVatZone: IdDescription | None = None
    contact: InvoiceContactRefDto | None = None
    salesPerson: IdDescription | None = None
    invoiceAddress: InvoiceAddressDto
    invoiceContact: InvoiceContactDto
    dunningLetterDate: str | None = None
    dunningLetterLevel: int
    isRotRutDeductible: bool
    sendToAutoInvoice: bool
    dontPrint: bool
    dontEmail: bool
    revoked: bool
    startDate: str | None = None
    endDate: str | None = None
    accountingCostRef: str | None = None
    originatorDocRef: str | None = None
    contractDocRef: str | None = None
    directDebitMandate: dict | None = None
    excludeDebtCollection: bool
    debtCollection: dict | None = None
    applications: list[dict] | None = None
    taxDetails: list[dict]
    attachments: AttachmentRefs
    invoiceLines: list[CustomerInvoiceLineDto]
    createdDateTime: str
    lastModifiedDateTime: str
    timeStamp: str
    errorInfo: str | None = None
    metadata: MetadataDto | None = None


class PaymentLineDto(BaseModel):
    documentType: CustomerDocumentType
    refNbr: str
    amountPaid: DecimalNumber
    cashDiscountTaken: DecimalNumber
    balanceWriteOff: DecimalNumber
    writeOffReasonCode: str | None = None
    date: str | None = None
    dueDate: str | None = None
    cashDiscountDate: str | None = None
    balance: DecimalNumber
    cashDiscountBalance: DecimalNumber
    description: str | None = None
    currency: str | None = None
    postPeriod: str | None = None
    customerOrder: str | None = None
    crossRate: DecimalNumber


class PaymentDto(BaseModel):
    type: PaymentType
    refNbr: str
    status: CustomerInvoiceStatus
    hold: bool
    applicationDate: str
    applicationPeriod: str
    paymentRef: str | None = None
    customer: NumberName
    location: LocationDto
    paymentMethod: IdDescription | None = None
    cashAccount: str | None = None
    currency: str
    paymentAmount: DecimalNumber
    invoiceText: str | None = None
    appliedToDocuments: DecimalNumber
    appliedToOrders: DecimalNumber
    availableBalance: DecimalNumber
    writeOffAmount: DecimalNumber
    financeCharges: DecimalNumber
    deductedCharges: DecimalNumber
    lastModifiedDateTime: str
    paymentLines: list[PaymentLineDto]
    timeStamp: str
    metadata: MetadataDto | None = None


class CustomerDescriptionDto(DocumentParty):
    pass


class CustomerBalanceDto(BaseModel):
    customer: CustomerDescriptionDto
    balance: DecimalNumber
    totalOrder: DecimalNumber
    totalLoan: DecimalNumber
    totalSalePeriod: DecimalNumber
    totalSaleYear: DecimalNumber
    totalDiscountPeriod: DecimalNumber
    totalDiscountYear: DecimalNumber
    lastModified: str
