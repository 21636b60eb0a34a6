"""Expense claim and expense receipt DTOs with the service's camelCase names (the real Expense Claim and Expense
Receipt documents decide). The nested references carry the real documents' names."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from pydantic import BaseModel

from ..kit.actions import ActionResult, ApprovalStatus
from ..kit.render import DecimalNumber
from ..kit.shapes import AttachmentRefDto, IdDescription, MetadataDto, NumberDescription, NumberName, SegmentUpdateDto
from ..kit.wire import LineOperation, Value, WireEnum, WireModel


class ClaimStatus(WireEnum):
    Hold = "Hold"
    PendingApproval = "PendingApproval"
    Approved = "Approved"
    Rejected = "Rejected"
    Released = "Released"


class ReceiptStatus(WireEnum):
    Open = "Open"
    Pending = "Pending"
    Approved = "Approved"
    Rejected = "Rejected"
    Released = "Released"


class CustomerUpdateAnswer(WireEnum):
    SelectedCustomer = "SelectedCustomer"
    AllLines = "AllLines"
    Nothing = "Nothing"


# --- the claim ------------------------------------------------------------------------------------------------


class claimedByInExpenseClaimDto(BaseModel):  # noqa: N801 - the real document's name
    internalId: str | None = None
    number: str | None = None
    name: str | None = None


class departmentInExpenseClaimDto(IdDescription):  # noqa: N801
    pass


class expenseItemInExpenseClaimDetailDto(NumberDescription):  # noqa: N801
    pass


class taxCategoryInExpenseClaimDetailDto(NumberDescription):  # noqa: N801
    pass


class branchInExpenseClaimDetailDto(NumberName):  # noqa: N801
    pass


class projectInExpenseClaimDetailDto(BaseModel):  # noqa: N801
    internalId: int | None = None
    id: str | None = None
    description: str | None = None


class expenseAccountInExpenseClaimDetailDto(BaseModel):  # noqa: N801
    type: str | None = None
    externalCode1: str | None = None
    externalCode2: str | None = None
    active: bool | None = None
    number: str | None = None
    description: str | None = None


class expenseSubaccountInExpenseClaimDetailDto(BaseModel):  # noqa: N801
    active: bool | None = None
    id: str | None = None
    description: str | None = None


class ExpenseClaimDetailDto(BaseModel):
    claimDetailId: int | None = None
    lineId: str | None = None
    date: str | None = None
    expenseItem: expenseItemInExpenseClaimDetailDto | None = None
    description: str | None = None
    quantity: DecimalNumber | None = None
    uom: str | None = None
    unitCost: DecimalNumber | None = None
    currency: str | None = None
    totalAmount: DecimalNumber | None = None
    invoiceable: bool | None = None
    claimAmount: DecimalNumber | None = None
    amountInClaimCurr: DecimalNumber | None = None
    project: projectInExpenseClaimDetailDto | None = None
    projectTask: projectInExpenseClaimDetailDto | None = None
    expenseAccount: expenseAccountInExpenseClaimDetailDto | None = None
    expenseSubaccount: expenseSubaccountInExpenseClaimDetailDto | None = None
    branch: branchInExpenseClaimDetailDto | None = None
    taxCategory: taxCategoryInExpenseClaimDetailDto | None = None
    refNbr: str | None = None
    employeePart: DecimalNumber | None = None
    approvalStatus: ApprovalStatus | None = None
    approvalStatusText: str | None = None
    approver: str | None = None
    attachments: list[AttachmentRefDto] | None = None


class ExpenseClaimDto(BaseModel):
    refNbr: str | None = None
    status: ClaimStatus | None = None
    approvalStatus: ApprovalStatus | None = None
    date: str | None = None
    description: str | None = None
    claimedBy: claimedByInExpenseClaimDto | None = None
    claimTotal: DecimalNumber | None = None
    vatTaxableTotal: DecimalNumber | None = None
    vatExemptTotal: DecimalNumber | None = None
    currency: str | None = None
    approvalDate: str | None = None
    department: departmentInExpenseClaimDto | None = None
    location: IdDescription | None = None
    lastModifiedDateTime: str | None = None
    details: list[ExpenseClaimDetailDto] | None = None
    approvalStatusText: str | None = None
    timeStamp: str | None = None
    errorInfo: str | None = None
    metadata: MetadataDto | None = None


class ExpenseClaimDetailUpdateDto(WireModel):
    """A claim detail: `operation` plain, `claimDetailId` names a detail of the claim, `expenseSubaccount` plain
    segments."""

    operation: LineOperation | None = None
    claimDetailId: Value[int] | None = None
    date: Value[datetime] | None = None
    expenseItem: Value[str] | None = None
    description: Value[str] | None = None
    quantity: Value[Decimal] | None = None
    uom: Value[str] | None = None
    unitCost: Value[Decimal] | None = None
    invoiceable: Value[bool] | None = None
    project: Value[str] | None = None
    projectTask: Value[str] | None = None
    expenseAccount: Value[str] | None = None
    expenseSubaccount: list[SegmentUpdateDto] | None = None
    branch: Value[str] | None = None
    taxCategory: Value[str] | None = None
    refNbr: Value[str] | None = None
    employeePart: Value[Decimal] | None = None
    customer: Value[str] | None = None
    location: Value[str] | None = None


class ExpenseClaimUpdateDto(WireModel):
    date: Value[datetime] | None = None
    description: Value[str] | None = None
    claimedBy: Value[str] | None = None
    customer: Value[str] | None = None
    customerUpdateAnswer: CustomerUpdateAnswer | None = None
    location: Value[str] | None = None
    details: list[ExpenseClaimDetailUpdateDto] | None = None


class ExpenseClaimActionResultDto(BaseModel):
    actionId: str | None = None
    actionResult: ActionResult | None = None
    errorInfo: str | None = None


class SubmitExpenseClaimActionResultDto(ExpenseClaimActionResultDto):
    pass


class SendExpenseClaimToApprovalActionResultDto(ExpenseClaimActionResultDto):
    pass


class PutExpenseClaimOnHoldActionResultDto(ExpenseClaimActionResultDto):
    pass


# --- the receipt ----------------------------------------------------------------------------------------------


class currencyInExpenseReceiptDto(IdDescription):  # noqa: N801
    pass


class InventoryNumberDescriptionDto(NumberDescription):
    pass


class claimedByInExpenseReceiptDto(BaseModel):  # noqa: N801
    employeeUserId: str | None = None
    employeeId: int | None = None
    employeeNumber: str | None = None
    employeeName: str | None = None
    status: str | None = None
    department: str | None = None
    lastModifiedDateTime: str | None = None


class branchInExpenseReceiptDto(NumberName):  # noqa: N801
    pass


class expenseClaimInExpenseReceiptDto(NumberDescription):  # noqa: N801
    pass


class projectInExpenseReceiptDto(projectInExpenseClaimDetailDto):  # noqa: N801
    pass


class expenseAccountInExpenseReceiptDto(BaseModel):  # noqa: N801
    type: str | None = None
    number: str | None = None
    description: str | None = None


class expenseSubInExpenseReceiptDto(expenseSubaccountInExpenseClaimDetailDto):  # noqa: N801
    pass


class taxCategoryInExpenseReceiptDto(NumberDescription):  # noqa: N801
    pass


class imageInExpenseReceiptDto(BaseModel):  # noqa: N801
    name: str | None = None
    id: str | None = None
    revision: int | None = None


class ExpenseReceiptDto(BaseModel):
    internalId: int | None = None
    receiptId: str | None = None
    date: str | None = None
    taxTotal: DecimalNumber | None = None
    currency: currencyInExpenseReceiptDto | None = None
    refNbr: str | None = None
    inventory: InventoryNumberDescriptionDto | None = None
    description: str | None = None
    uom: str | None = None
    quantity: DecimalNumber | None = None
    unitCost: DecimalNumber | None = None
    totalAmount: DecimalNumber | None = None
    employeePart: DecimalNumber | None = None
    claimAmount: DecimalNumber | None = None
    status: ReceiptStatus | None = None
    claimedBy: claimedByInExpenseReceiptDto | None = None
    branch: branchInExpenseReceiptDto | None = None
    expenseClaim: expenseClaimInExpenseReceiptDto | None = None
    invoiceable: bool | None = None
    project: projectInExpenseReceiptDto | None = None
    projectTask: projectInExpenseReceiptDto | None = None
    expenseAccount: expenseAccountInExpenseReceiptDto | None = None
    expenseSub: expenseSubInExpenseReceiptDto | None = None
    taxCategory: taxCategoryInExpenseReceiptDto | None = None
    image: imageInExpenseReceiptDto | None = None
    timeStamp: str | None = None


class ExpenseReceiptUpdateDto(WireModel):
    date: Value[datetime] | None = None
    currency: Value[str] | None = None
    refNbr: Value[str] | None = None
    inventory: Value[str] | None = None
    description: Value[str] | None = None
    uom: Value[str] | None = None
    quantity: Value[Decimal] | None = None
    unitCost: Value[Decimal] | None = None
    totalAmount: Value[Decimal] | None = None
    employeePart: Value[Decimal] | None = None
    claimedBy: Value[str] | None = None
    branch: Value[str] | None = None
    expenseClaim: Value[str] | None = None
    invoiceable: Value[bool] | None = None
    project: Value[str] | None = None
    projectTask: Value[str] | None = None
    customer: Value[str] | None = None
    location: Value[str] | None = None
    expenseAccount: Value[str] | None = None
    expenseSub: Value[str] | None = None
    salesAccount: Value[str] | None = None
    salesSub: Value[str] | None = None
    taxCategory: Value[str] | None = None
