"""Budget DTOs with the service's names (the real document visma-budget decides)."""

from __future__ import annotations

from decimal import Decimal

from pydantic import BaseModel

from ..kit.render import DecimalNumber
from ..kit.shapes import SegmentUpdateDto
from ..kit.wire import LineOperation, Value, WireModel
from .schemas import AccountType


class AccountInBudgetDto(BaseModel):
    type: AccountType | None = None
    externalCode1: str | None = None
    externalCode2: str | None = None
    active: bool | None = None
    number: str | None = None
    description: str | None = None


class SubaccountInBudgetDto(BaseModel):
    active: bool | None = None
    id: str | None = None
    description: str | None = None


class BranchNumberInBudgetDto(BaseModel):
    number: str | None = None
    name: str | None = None


class FinancialPeriodAmountDto(BaseModel):
    periodId: str | None = None
    amount: DecimalNumber | None = None


class BudgetDto(BaseModel):
    financialYear: str | None = None
    released: bool | None = None
    releasedAmount: DecimalNumber | None = None
    account: AccountInBudgetDto | None = None
    subaccount: SubaccountInBudgetDto | None = None
    description: str | None = None
    amount: DecimalNumber | None = None
    distributedAmount: DecimalNumber | None = None
    periods: list[FinancialPeriodAmountDto] | None = None
    lastModifiedDateTime: str | None = None
    branchNumber: BranchNumberInBudgetDto | None = None
    timeStamp: str | None = None


class FinancialPeriodAmountUpdateDto(WireModel):
    operation: LineOperation | None = None
    periodId: Value[str] | None = None
    amount: Value[Decimal] | None = None


class BudgetUpdateDto(WireModel):
    ledger: Value[str] | None = None
    financialYear: Value[str] | None = None
    account: Value[str] | None = None
    subaccount: list[SegmentUpdateDto] | None = None
    description: Value[str] | None = None
    amount: Value[Decimal] | None = None
    branchNumber: Value[str] | None = None
    periods: list[FinancialPeriodAmountUpdateDto] | None = None
