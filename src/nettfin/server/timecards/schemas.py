"""Employee and time card DTOs with the service's camelCase names (reference 3.7 and 3.8; the 2026 Employee and
Time Card OpenAPI documents decide).

The employee's DTOs are its declaration's (`employees.py`); here are their enums and the nested write holders:
`contact` is a plain holder of wrapped members, a `companyTreeInfo` line has a plain `operation`, and the
write status says `Hold` where the read status says `OnHold`.

A time card is written with `TimeCardUpdateDto` (POST and PUT): the employee, and `summary` and `materials`
lines with their plain `operation`. nettfin adds one member, `week` (`{"value": "YYYYWW"}`), because the real
write model has none and a card's week would otherwise only ever be the one after the employee's last card.
"""

from __future__ import annotations

from decimal import Decimal

from pydantic import BaseModel

from ..kit.actions import ActionResult, ApprovalStatus
from ..kit.render import DecimalNumber
from ..kit.shapes import IdDescription, NumberDescription
from ..kit.wire import LineOperation, Value, WireEnum, WireModel


class EmployeeStatus(WireEnum):
    Active = "Active"
    OnHold = "OnHold"
    HoldPayments = "HoldPayments"
    Inactive = "Inactive"
    OneTime = "OneTime"


class EmployeeWriteStatus(WireEnum):
    Active = "Active"
    Hold = "Hold"
    HoldPayments = "HoldPayments"
    Inactive = "Inactive"
    OneTime = "OneTime"


class ContactTitle(WireEnum):
    Doctor = "Doctor"
    Miss = "Miss"
    Mr = "Mr"
    Mrs = "Mrs"
    Ms = "Ms"
    Prof = "Prof"


class EmployeeContactUpdateDto(WireModel):
    firstName: Value[str] | None = None
    lastName: Value[str] | None = None
    middleName: Value[str] | None = None
    email: Value[str] | None = None
    phone1: Value[str] | None = None
    phone2: Value[str] | None = None
    phone3: Value[str] | None = None
    fax: Value[str] | None = None


class CompanyTreeInfoDto(WireModel):
    """A membership of a company tree work group; `workGroupID` is the group's name (as `workGroupDescription`)."""

    operation: LineOperation | None = None
    active: Value[bool] | None = None
    owner: Value[bool] | None = None
    workGroupID: Value[str] | None = None


# --- time cards ---------------------------------------------------------------------------------------------


class TimeCardStatus(WireEnum):
    Hold = "Hold"
    Open = "Open"
    Approved = "Approved"
    Rejected = "Rejected"
    Released = "Released"


class TimeCardType(WireEnum):
    Normal = "Normal"
    Correction = "Correction"
    NormalCorrected = "NormalCorrected"


class TimeCardSummaryUpdateDto(WireModel):
    operation: LineOperation | None = None
    lineNumber: Value[int] | None = None
    earningType: Value[str] | None = None
    project: Value[str] | None = None
    projectTask: Value[str] | None = None
    mon: Value[int] | None = None
    tue: Value[int] | None = None
    wed: Value[int] | None = None
    thu: Value[int] | None = None
    fri: Value[int] | None = None
    sat: Value[int] | None = None
    sun: Value[int] | None = None
    invoiceable: Value[bool] | None = None
    description: Value[str] | None = None


class TimeCardMaterialsUpdateDto(WireModel):
    operation: LineOperation | None = None
    lineNumber: Value[int] | None = None
    itemId: Value[str] | None = None
    description: Value[str] | None = None
    uoM: Value[str] | None = None
    project: Value[str] | None = None
    projectTask: Value[str] | None = None
    mon: Value[Decimal] | None = None
    tue: Value[Decimal] | None = None
    wed: Value[Decimal] | None = None
    thu: Value[Decimal] | None = None
    fri: Value[Decimal] | None = None
    sat: Value[Decimal] | None = None
    sun: Value[Decimal] | None = None


class TimeCardUpdateDto(WireModel):
    refNbr: Value[str] | None = None
    employee: Value[str] | None = None
    summary: list[TimeCardSummaryUpdateDto] | None = None
    materials: list[TimeCardMaterialsUpdateDto] | None = None
    # nettfin's addition (see the module's docstring): the ISO week, YYYYWW.
    week: Value[str] | None = None


class InternalIdNumberName(BaseModel):
    internalId: str | None = None
    number: str | None = None
    name: str | None = None


class ProjectRef(IdDescription):
    """A project or task as a line keeps it (its code, checked when written): no internalId or description."""


class EarningTypeDto(BaseModel):
    code: str
    description: str
    isOvertime: bool
    isBillable: bool
    isActive: bool
    overtimeMultiplier: DecimalNumber
    lastModifiedDateTime: str


class TimeCardSummaryDto(BaseModel):
    lineNumber: int
    lineId: str
    earningType: EarningTypeDto
    project: ProjectRef | None = None
    mon: int
    tue: int
    wed: int
    thu: int
    fri: int
    sat: int
    sun: int
    invoiceable: bool
    projectTask: ProjectRef | None = None
    timeSpent: int
    description: str | None = None
    approvalStatus: ApprovalStatus
    approver: str | None = None
    approvalStatusText: str | None = None
    lastModifiedDateTime: str


class TimeCardMaterialsDto(BaseModel):
    lineNumber: int
    itemId: str
    description: str | None = None
    uoM: str | None = None
    project: ProjectRef | None = None
    projectTask: ProjectRef | None = None
    mon: DecimalNumber
    tue: DecimalNumber
    wed: DecimalNumber
    thu: DecimalNumber
    fri: DecimalNumber
    sat: DecimalNumber
    sun: DecimalNumber
    totalQty: DecimalNumber
    lastModifiedDateTime: str


class TimeCardDto(BaseModel):
    refNbr: str
    status: TimeCardStatus
    approvalStatus: ApprovalStatus
    week: NumberDescription
    employee: InternalIdNumberName
    type: TimeCardType
    origRefNbr: str | None = None
    timeSpent: int
    invoiceable: int
    overtimeSpent: int
    invoiceableOvertime: int
    totalTimeSpent: int
    invoiceableTotalTime: int
    lastModifiedDateTime: str
    summary: list[TimeCardSummaryDto]
    materials: list[TimeCardMaterialsDto]
    approvalStatusText: str | None = None
    timeStamp: str
    errorInfo: str | None = None


class TimeCardActionResultDto(BaseModel):
    actionId: str
    actionResult: ActionResult
    errorInfo: str | None = None
