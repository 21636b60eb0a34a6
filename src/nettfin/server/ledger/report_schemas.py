"""The read DTOs of the ledger's reports with the real documents' names: general ledger transactions
(visma-generalledgertransactions) and the v2 general ledger balance (visma-generalledgerbalancev2)."""

from __future__ import annotations

from pydantic import BaseModel

from ..kit.render import DecimalNumber
from ..kit.shapes import IdDescription, MetadataDto, NumberDescription
from .journal_schemas import BalanceType
from .schemas import AccountType


class NumberName(BaseModel):
    number: str | None = None
    name: str | None = None


class AccountNumberDescriptionDto(BaseModel):
    type: AccountType | None = None
    externalCode1: str | None = None
    externalCode2: str | None = None
    externalCode1Info: NumberDescription | None = None
    externalCode2Info: NumberDescription | None = None
    glConsolAccountCD: str | None = None
    number: str | None = None
    description: str | None = None


class GeneralLedgerTransactionDetailsDto(BaseModel):
    lineNumber: int | None = None
    module: str | None = None
    batchNumber: str | None = None
    tranDate: str | None = None
    period: str | None = None
    description: str | None = None
    refNumber: str | None = None
    branch: NumberName | None = None
    account: AccountNumberDescriptionDto | None = None
    ledger: IdDescription | None = None
    subaccount: str | None = None
    begBalance: DecimalNumber | None = None
    debitAmount: DecimalNumber | None = None
    creditAmount: DecimalNumber | None = None
    endingBalance: DecimalNumber | None = None
    currency: str | None = None
    currBegBalance: DecimalNumber | None = None
    currDebitAmount: DecimalNumber | None = None
    currCreditAmount: DecimalNumber | None = None
    currEndingBalance: DecimalNumber | None = None
    lastModifiedDateTime: str | None = None
    errorInfo: str | None = None
    metadata: MetadataDto | None = None


class SubaccountInGeneralLedgerBalanceDto(BaseModel):
    subaccountNumber: str | None = None
    subaccountId: int | None = None


class GeneralLedgerBalanceV2Dto(BaseModel):
    branch: NumberName | None = None
    ledger: IdDescription | None = None
    balanceType: BalanceType | None = None
    financialPeriod: str | None = None
    account: AccountNumberDescriptionDto | None = None
    subaccount: SubaccountInGeneralLedgerBalanceDto | None = None
    subaccountId: str | None = None
    subAccountCd: str | None = None
    currencyId: str | None = None
    periodToDateDebit: DecimalNumber | None = None
    periodToDateCredit: DecimalNumber | None = None
    beginningBalance: DecimalNumber | None = None
    yearToDateBalance: DecimalNumber | None = None
    periodToDateDebitInCurrency: DecimalNumber | None = None
    periodToDateCreditInCurrency: DecimalNumber | None = None
    beginningBalanceInCurrency: DecimalNumber | None = None
    yearToDateBalanceInCurrency: DecimalNumber | None = None
    yearClosed: bool | None = None
    lastModifiedDateTime: str | None = None
    errorInfo: str | None = None
    metadata: MetadataDto | None = None
