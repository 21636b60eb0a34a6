"""DTOs of the customer collection endpoints: the dunning letter action and the balance by period."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, Field

from ..kit.checks import INT32_MAX
from ..kit.document_shapes import DocumentParty
from ..kit.render import DecimalNumber
from ..kit.shapes import NumberName
from ..kit.wire import WireModel


class CreateDunningLetterActionDto(WireModel):
    """Plain, as the real document has it: `{"dunningLetterDate": ..., "levelFrom": 1, "levelTo": 2}`."""

    dunningLetterDate: datetime | None = None
    levelFrom: int | None = Field(None, le=INT32_MAX)
    levelTo: int | None = Field(None, le=INT32_MAX)


class CreateDunningLetterActionResultDto(BaseModel):
    actionId: str
    actionResult: str
    errorInfo: str | None = None


class CustomerBalanceV2Dto(BaseModel):
    customer: DocumentParty | None = None
    branchNumber: NumberName | None = None
    beginBalance: DecimalNumber | None = None
    sales: DecimalNumber | None = None
    overdueCharges: DecimalNumber | None = None
    paymentsAndPrepayments: DecimalNumber | None = None
    adjustmentsAndDiscounts: DecimalNumber | None = None
    yearToDateBalance: DecimalNumber | None = None
