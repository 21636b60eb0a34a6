"""The projects' enums and the write shapes nested in their bodies, named as the real documents name them."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from ..kit.wire import LineOperation, Value, WireEnum, WireModel


class ProjectStatus(WireEnum):
    Planned = "Planned"
    Active = "Active"
    Completed = "Completed"
    Cancelled = "Cancelled"
    OnHold = "OnHold"
    PendingApproval = "PendingApproval"


class TaskStatus(WireEnum):
    Planned = "Planned"
    Active = "Active"
    Cancelled = "Cancelled"
    Canceled = "Canceled"
    Completed = "Completed"


class BillingPeriod(WireEnum):
    Weekly = "Weekly"
    Monthly = "Monthly"
    Quarterly = "Quarterly"
    Annual = "Annual"
    OnDemand = "OnDemand"


# The modules a project or task is visible in, in the real DTOs' order.
MODULES = (
    "visibleInGl",
    "visibleInAp",
    "visibleInAr",
    "visibleInSo",
    "visibleInPo",
    "visibleInEa",
    "visibleInTa",
    "visibleInIn",
    "visibleInCa",
    "visibleInCr",
)


class VisibilityUpdateDto(WireModel):
    visibleInGl: Value[bool] | None = None
    visibleInAp: Value[bool] | None = None
    visibleInAr: Value[bool] | None = None
    visibleInSo: Value[bool] | None = None
    visibleInPo: Value[bool] | None = None
    visibleInEa: Value[bool] | None = None
    visibleInTa: Value[bool] | None = None
    visibleInIn: Value[bool] | None = None
    visibleInCa: Value[bool] | None = None
    visibleInCr: Value[bool] | None = None


class TaskUpdateDto(WireModel):
    """A task in a project's body: named by `taskId`, with the line `operation`."""

    operation: LineOperation | None = None
    taskId: Value[str] | None = None
    description: Value[str] | None = None
    plannedStart: Value[datetime] | None = None
    plannedEnd: Value[datetime] | None = None
    startDate: Value[datetime] | None = None
    status: Value[TaskStatus] | None = None
    restrictEmployees: Value[bool] | None = None


class ProjectTaskUpdateDto(WireModel):
    """A task on its own (`/v1/projecttask`)."""

    taskId: Value[str] | None = None
    description: Value[str] | None = None
    plannedStart: Value[datetime] | None = None
    plannedEnd: Value[datetime] | None = None
    startDate: Value[datetime] | None = None
    status: Value[TaskStatus] | None = None
    visibility: VisibilityUpdateDto | None = None
    restrictEmployees: Value[bool] | None = None


class ProjectBudgetUpdateDto(WireModel):
    projectID: Value[str] | None = None
    projectTaskID: Value[str] | None = None
    accountGroupID: Value[str] | None = None
    inventoryNumber: Value[str] | None = None
    description: Value[str] | None = None
    uom: Value[str] | None = None
    rate: Value[Decimal] | None = None
    originalBudgetQty: Value[Decimal] | None = None
    originalBudgetAmount: Value[Decimal] | None = None
    revisedBudgetQty: Value[Decimal] | None = None
    revisedBudgetAmount: Value[Decimal] | None = None


class ProjectTransactionLineUpdateDto(WireModel):
    operation: LineOperation | None = None
    tranId: Value[int] | None = None
    date: Value[datetime] | None = None
    description: Value[str] | None = None
    uom: Value[str] | None = None
    quantity: Value[Decimal] | None = None
    amount: Value[Decimal] | None = None
    financialPeriod: Value[str] | None = None
    project: Value[str] | None = None
    projectTask: Value[str] | None = None
    debitAccount: Value[str] | None = None
    debitSubaccount: Value[str] | None = None
    creditAccount: Value[str] | None = None
    creditSubaccount: Value[str] | None = None
    note: Value[str] | None = None


class ProjectTransactionDocumentUpdateDto(WireModel):
    description: Value[str] | None = None
    lines: list[ProjectTransactionLineUpdateDto] | None = None
    note: Value[str] | None = None
