"""The DTOs of every customer document in one list (`CustomerDocumentDto`) and of a credit write-off
(`CustomerCreditWriteOffDto`: the same members with the document's hold flag, VAT zone and time stamp)."""

from __future__ import annotations

from pydantic import BaseModel

from ..kit.render import DecimalNumber
from ..kit.shapes import IdDescription, MetadataDto, NumberName, PartyLocation
from ..ledger.journal_schemas import SubaccountInLineDto
from .document_schemas import CustomerDocumentType, CustomerInvoiceStatus


class AccountInCustomerDocumentDto(BaseModel):
    type: str | None = None
    externalCode1: str | None = None
    externalCode2: str | None = None
    active: bool | None = None
    number: str | None = None
    description: str | None = None


class ProjectInCustomerDocumentDto(BaseModel):
    internalId: int | None = None
    id: str | None = None
    description: str | None = None


class _CustomerDocumentMembers(BaseModel):
    """The members the document list's DTO and the credit write-off's share (not a DTO of the document)."""

    customer: NumberName | None = None
    documentType: CustomerDocumentType | None = None
    referenceNumber: str | None = None
    postPeriod: str | None = None
    financialPeriod: str | None = None
    closedFinancialPeriod: str | None = None
    documentDate: str | None = None
    origInvoiceDate: str | None = None
    status: CustomerInvoiceStatus | None = None
    currencyId: str | None = None
    amount: DecimalNumber | None = None
    amountInCurrency: DecimalNumber | None = None
    balance: DecimalNumber | None = None
    balanceInCurrency: DecimalNumber | None = None
    cashDiscount: DecimalNumber | None = None
    cashDiscountInCurrency: DecimalNumber | None = None
    paymentMethod: IdDescription | None = None
    customerRefNumber: str | None = None
    invoiceText: str | None = None
    lastModifiedDateTime: str | None = None
    createdDateTime: str | None = None
    note: str | None = None
    vatTotal: DecimalNumber | None = None
    vatTotalInCurrency: DecimalNumber | None = None
    location: PartyLocation | None = None
    branchNumber: NumberName | None = None
    cashAccount: str | None = None
    project: ProjectInCustomerDocumentDto | None = None
    account: AccountInCustomerDocumentDto | None = None
    subaccount: SubaccountInLineDto | None = None
    customerProject: str | None = None
    errorInfo: str | None = None
    metadata: MetadataDto | None = None


class CustomerDocumentDto(_CustomerDocumentMembers):
    documentDueDate: str | None = None
    branch: NumberName | None = None


class CustomerCreditWriteOffDto(_CustomerDocumentMembers):
    hold: bool | None = None
    roundingDiff: DecimalNumber | None = None
    customerVatZone: IdDescription | None = None
    timeStamp: str | None = None
