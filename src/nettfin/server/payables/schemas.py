"""Supplier enums, nested shapes and balance DTOs with the service's names (reference 3.2; the 2026 Supplier
OpenAPI decides). The supplier and supplier class DTOs are made by their declarations (`suppliers.py`)."""

from __future__ import annotations

from pydantic import BaseModel

from ..kit.document_shapes import DocumentParty
from ..kit.render import DecimalNumber
from ..kit.shapes import AccountRef, PartyLocation, SubaccountRef, VatZoneRef
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
