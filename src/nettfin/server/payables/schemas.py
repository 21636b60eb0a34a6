"""Supplier enums, nested shapes and balance DTOs with the service's names (reference 3.2; the 2026 Supplier
OpenAPI decides). The supplier and supplier class DTOs are made by their declarations (`suppliers.py`)."""

from __future__ import annotations

from pydantic import BaseModel

from ..kit.document_shapes import DocumentParty
from ..kit.render import DecimalNumber
from ..kit.shapes import AccountRef, IdDescription, MetadataDto, NumberName, PartyLocation, SubaccountRef, VatZoneRef
from ..kit.wire import Value, WireEnum, WireModel
from ..ledger.journal_schemas import SubaccountInLineDto


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


class VatZoneInSupplierDto(VatZoneRef):
    pass


class LocationInSupplierDto(PartyLocation):
    pass


class GlAccountInSupplierDto(AccountRef):
    pass


class GlSubaccountInSupplierDto(SubaccountRef):
    pass


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


class SupplierDescriptionDto(DocumentParty):
    pass


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


# --- every supplier document (`/supplierdocument`) ------------------------------------------------------------


class SupplierDocumentType(WireEnum):
    Check = "Check"
    CreditAdj = "CreditAdj"
    DebitAdj = "DebitAdj"
    Invoice = "Invoice"
    Prepayment = "Prepayment"
    QuickCheck = "QuickCheck"
    Refund = "Refund"
    VoidCheck = "VoidCheck"
    VoidQuickCheck = "VoidQuickCheck"


class AccountInSupplierDocumentDto(BaseModel):
    type: str | None = None
    externalCode1: str | None = None
    externalCode2: str | None = None
    active: bool | None = None
    number: str | None = None
    description: str | None = None


class SupplierDocumentDto(BaseModel):
    account: AccountInSupplierDocumentDto | None = None
    subaccount: SubaccountInLineDto | None = None
    amount: DecimalNumber | None = None
    amountInCurrency: DecimalNumber | None = None
    branch: NumberName | None = None
    supplier: DocumentParty | None = None
    documentType: SupplierDocumentType | None = None
    referenceNumber: str | None = None
    postPeriod: str | None = None
    financialPeriod: str | None = None
    date: str | None = None
    origInvoiceDate: str | None = None
    dueDate: str | None = None
    approvalStatus: str | None = None
    status: str | None = None
    currencyId: str | None = None
    balance: DecimalNumber | None = None
    balanceInCurrency: DecimalNumber | None = None
    cashDiscount: DecimalNumber | None = None
    cashDiscountInCurrency: DecimalNumber | None = None
    paymentMethod: IdDescription | None = None
    supplierReference: str | None = None
    description: str | None = None
    createdDateTime: str | None = None
    lastModifiedDateTime: str | None = None
    note: str | None = None
    closedFinancialPeriod: str | None = None
    location: PartyLocation | None = None
    vatTotal: DecimalNumber | None = None
    vatTotalInCurrency: DecimalNumber | None = None
    branchNumber: NumberName | None = None
    payDate: str | None = None
    paymentMessage: str | None = None
    cashAccount: str | None = None
    timeStamp: str | None = None
    errorInfo: str | None = None
    metadata: MetadataDto | None = None


# --- balances by period (`/v2/supplier/balance`) --------------------------------------------------------------


class SupplierBalanceV2Dto(BaseModel):
    branch: str | None = None
    supplier: DocumentParty | None = None
    beginBalance: DecimalNumber | None = None
    purchases: DecimalNumber | None = None
    paymentsAndPrepayments: DecimalNumber | None = None
    adjustmentsAndDiscounts: DecimalNumber | None = None
    yearToDateBalance: DecimalNumber | None = None


# --- expense accounts (`/supplieraccount/{supplierId}`) -------------------------------------------------------


class SupplierItemAccountDto(BaseModel):
    supplierItemId: str | None = None
    itemId: str | None = None
    accountID: str | None = None
    subaccount: SubaccountInLineDto | None = None


class SupplierAccountInSupplierAccountsDto(BaseModel):
    number: str | None = None
    name: str | None = None
    accountID: str | None = None
    subaccount: SubaccountInLineDto | None = None


class SupplierAccountsDto(BaseModel):
    supplierAccount: SupplierAccountInSupplierAccountsDto | None = None
    supplierItemAccounts: list[SupplierItemAccountDto] | None = None
