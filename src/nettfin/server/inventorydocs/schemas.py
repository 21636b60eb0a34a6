"""Inventory document DTOs with the service's names (the real documents visma-inventory-receipt,
-inventoryissue, -inventoryadjustment and -inventorytransfer decide)."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from pydantic import BaseModel, create_model

from ..kit.render import DecimalNumber
from ..kit.shapes import AttachmentRefDto, MetadataDto
from ..kit.wire import LineOperation, Value, WireEnum, WireModel


class DocumentStatus(WireEnum):
    Hold = "Hold"
    Balanced = "Balanced"
    Released = "Released"


class IssueTranType(WireEnum):
    """An issue line's transaction type: nettfin serves Issue and Return (see docs/compatibility.md)."""

    Issue = "Issue"
    Return = "Return"
    Invoice = "Invoice"
    DebitNote = "DebitNote"
    CreditNote = "CreditNote"


def _shape(dto_name: str, /, **members: type) -> type[BaseModel]:
    return create_model(dto_name, **{member: (kind | None, None) for member, kind in members.items()})


IdDescription = {"id": str, "description": str}
NumberName = {"number": str, "name": str}
LocationShape = _shape("LocationDescriptionDto", countryId=str, id=str, name=str)
WarehouseShape = _shape("warehouseInInventoryDocumentLineDto", **IdDescription)
ItemShape = _shape("inventoryItemInInventoryDocumentLineDto", number=str, description=str)
ReasonShape = _shape("reasonCodeInInventoryDocumentLineDto", **IdDescription)
ProjectShape = _shape("projectInInventoryDocumentLineDto", internalId=int, id=str, description=str)
BranchShape = _shape("BranchNumberDto", **NumberName)


class AllocationDto(BaseModel):
    lineNbr: int | None = None
    location: LocationShape | None = None  # type: ignore[valid-type]
    lotSerialNumber: str | None = None
    quantity: DecimalNumber | None = None
    uom: str | None = None
    expirationDate: str | None = None


class BasicAllocationDto(BaseModel):
    lineNbr: int | None = None
    location: LocationShape | None = None  # type: ignore[valid-type]
    lotSerialNumber: str | None = None
    quantity: DecimalNumber | None = None


class _LineDto(BaseModel):
    lineNumber: int | None = None
    inventoryItem: ItemShape | None = None  # type: ignore[valid-type]
    location: LocationShape | None = None  # type: ignore[valid-type]
    quantity: DecimalNumber | None = None
    uom: str | None = None
    reasonCode: ReasonShape | None = None  # type: ignore[valid-type]
    description: str | None = None
    attachments: list[AttachmentRefDto] | None = None
    branchNumber: BranchShape | None = None  # type: ignore[valid-type]


class _StockLineDto(_LineDto):
    warehouse: WarehouseShape | None = None  # type: ignore[valid-type]
    unitCost: DecimalNumber | None = None
    extCost: DecimalNumber | None = None
    poReceiptNumber: str | None = None


class InventoryReceiptLineDto(_StockLineDto):
    project: ProjectShape | None = None  # type: ignore[valid-type]
    projectTask: ProjectShape | None = None  # type: ignore[valid-type]
    allocations: list[AllocationDto] | None = None


class InventoryIssueLineDto(_StockLineDto):
    transactionType: IssueTranType | None = None
    unitPrice: DecimalNumber | None = None
    extPrice: DecimalNumber | None = None
    project: ProjectShape | None = None  # type: ignore[valid-type]
    projectTask: ProjectShape | None = None  # type: ignore[valid-type]
    lotSerialNumber: str | None = None
    expirationDate: str | None = None
    allocations: list[AllocationDto] | None = None


class InventoryAdjustmentLineDto(_StockLineDto):
    receiptNumber: str | None = None


class InventoryTransferLineDto(_LineDto):
    toLocation: LocationShape | None = None  # type: ignore[valid-type]
    lotSerialNumber: str | None = None
    expirationDate: str | None = None
    allocations: list[BasicAllocationDto] | None = None


class _DocumentDto(BaseModel):
    referenceNumber: str | None = None
    status: DocumentStatus | None = None
    hold: bool | None = None
    date: str | None = None
    postPeriod: str | None = None
    externalReference: str | None = None
    description: str | None = None
    totalQuantity: DecimalNumber | None = None
    controlQuantity: DecimalNumber | None = None
    batchNumber: str | None = None
    lastModifiedDateTime: str | None = None
    branchNumber: BranchShape | None = None  # type: ignore[valid-type]
    attachments: list[AttachmentRefDto] | None = None
    timestamp: str | None = None
    errorInfo: str | None = None
    metadata: MetadataDto | None = None


class InventoryReceiptDto(_DocumentDto):
    totalCost: DecimalNumber | None = None
    controlCost: DecimalNumber | None = None
    transferNumber: str | None = None
    receiptLines: list[InventoryReceiptLineDto] | None = None


class InventoryIssueDto(_DocumentDto):
    totalAmount: DecimalNumber | None = None
    controlAmount: DecimalNumber | None = None
    issueLines: list[InventoryIssueLineDto] | None = None


class InventoryAdjustmentDto(_DocumentDto):
    totalCost: DecimalNumber | None = None
    controlCost: DecimalNumber | None = None
    # The real DTO spells it so.
    adjusmentLines: list[InventoryAdjustmentLineDto] | None = None


class InventoryTransferDto(_DocumentDto):
    warehouse: WarehouseShape | None = None  # type: ignore[valid-type]
    toWarehouse: WarehouseShape | None = None  # type: ignore[valid-type]
    transferLines: list[InventoryTransferLineDto] | None = None


# --- writes -------------------------------------------------------------------------------------------------


class AllocationUpdateDto(WireModel):
    operation: LineOperation | None = None
    lineNbr: Value[int] | None = None
    location: Value[str] | None = None
    lotSerialNumber: Value[str] | None = None
    quantity: Value[Decimal] | None = None
    uom: Value[str] | None = None
    expirationDate: Value[datetime] | None = None


class ReceiptAllocationUpdateDto(WireModel):
    operation: LineOperation | None = None
    lineNbr: Value[int] | None = None
    location: Value[str] | None = None
    lotSerialNumber: Value[str] | None = None
    quantity: Value[Decimal] | None = None
    expirationDate: Value[datetime] | None = None


class BasicAllocationUpdateDto(WireModel):
    operation: LineOperation | None = None
    lineNbr: Value[int] | None = None
    location: Value[str] | None = None
    lotSerialNumber: Value[str] | None = None
    quantity: Value[Decimal] | None = None


class _LineUpdateDto(WireModel):
    operation: LineOperation | None = None
    lineNumber: Value[int] | None = None
    inventoryNumber: Value[str] | None = None
    locationId: Value[str] | None = None
    quantity: Value[Decimal] | None = None
    uom: Value[str] | None = None
    reasonCode: Value[str] | None = None
    projectId: Value[str] | None = None
    projectTaskId: Value[str] | None = None
    description: Value[str] | None = None
    branchNumber: Value[str] | None = None


class _StockLineUpdateDto(_LineUpdateDto):
    warehouseId: Value[str] | None = None
    unitCost: Value[Decimal] | None = None
    extCost: Value[Decimal] | None = None


class InventoryReceiptLineUpdateDto(_StockLineUpdateDto):
    allocations: list[ReceiptAllocationUpdateDto] | None = None


class InventoryIssueLineUpdateDto(_StockLineUpdateDto):
    unitPrice: Value[Decimal] | None = None
    extPrice: Value[Decimal] | None = None
    tranType: Value[IssueTranType] | None = None
    lotSerialNumber: Value[str] | None = None
    expirationDate: Value[datetime] | None = None
    allocations: list[AllocationUpdateDto] | None = None
    costCode: Value[str] | None = None


class InventoryAdjustmentLineUpdateDto(_StockLineUpdateDto):
    receiptNumber: Value[str] | None = None


class InventoryTransferLineUpdateDto(_LineUpdateDto):
    toLocationId: Value[str] | None = None
    lotSerialNumber: Value[str] | None = None
    expirationDate: Value[datetime] | None = None
    allocations: list[BasicAllocationUpdateDto] | None = None


class _DocumentUpdateDto(WireModel):
    referenceNumber: Value[str] | None = None
    hold: Value[bool] | None = None
    date: Value[datetime] | None = None
    postPeriod: Value[str] | None = None
    externalReference: Value[str] | None = None
    description: Value[str] | None = None
    controlQuantity: Value[Decimal] | None = None
    branchNumber: Value[str] | None = None


class InventoryReceiptUpdateDto(_DocumentUpdateDto):
    transferNumber: Value[str] | None = None
    controlCost: Value[Decimal] | None = None
    receiptLines: list[InventoryReceiptLineUpdateDto] | None = None


class InventoryIssueUpdateDto(_DocumentUpdateDto):
    controlAmount: Value[Decimal] | None = None
    issueLines: list[InventoryIssueLineUpdateDto] | None = None


class InventoryAdjustmentUpdateDto(_DocumentUpdateDto):
    controlCost: Value[Decimal] | None = None
    adjustmentLines: list[InventoryAdjustmentLineUpdateDto] | None = None


class InventoryTransferUpdateDto(_DocumentUpdateDto):
    warehouseId: Value[str] | None = None
    toWarehouseId: Value[str] | None = None
    transferLines: list[InventoryTransferLineUpdateDto] | None = None
