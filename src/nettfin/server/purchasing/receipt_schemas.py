"""Purchase receipt DTOs (PO302000) with the service's names: visma-purchasereceipt-api-openapi.yml decides
(v1 and v2 read the same `PurchaseReceiptDto`; the basic variant is made in `receipt_router.py`).

Write members nettfin does not serve (landed costs, allocations, transfer order links) are left out of the write
models on purpose: the wire layer names them in `X-Nettfin-Ignored-Fields`.
"""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from pydantic import BaseModel

from ..kit.render import DecimalNumber
from ..kit.shapes import AccountRef, IdDescription, MetadataDto, NumberDescription, NumberName, SegmentUpdateDto
from ..kit.wire import LineOperation, Value, WireEnum, WireModel
from .schemas import CustomFieldsDto, CustomFieldsUpdate, PartyRef, PoLineType, PurchaseOrderType


class PurchaseReceiptType(WireEnum):
    PoReceipt = "PoReceipt"
    PoReturn = "PoReturn"
    TransferReceipt = "TransferReceipt"


class PurchaseReceiptStatus(WireEnum):
    Hold = "Hold"
    Balanced = "Balanced"
    Released = "Released"
    Cancelled = "Cancelled"


class PurchaseReceiptLineUpdateDto(CustomFieldsUpdate):
    operation: LineOperation | None = None
    note: Value[str] | None = None
    lineNbr: Value[int] | None = None
    lineType: Value[PoLineType] | None = None
    branchId: Value[str] | None = None
    branchNumber: Value[str] | None = None
    inventoryId: Value[str] | None = None
    warehouseId: Value[str] | None = None
    locationId: Value[str] | None = None
    transactionDescription: Value[str] | None = None
    uom: Value[str] | None = None
    receiptQty: Value[Decimal] | None = None
    unitCost: Value[Decimal] | None = None
    extCost: Value[Decimal] | None = None
    discountPercent: Value[Decimal] | None = None
    discountAmount: Value[Decimal] | None = None
    manualDiscount: Value[bool] | None = None
    discountCodeId: Value[str] | None = None
    amount: Value[Decimal] | None = None
    taxCategoryId: Value[str] | None = None
    accountId: Value[str] | None = None
    accountDescription: Value[str] | None = None
    subaccount: list[SegmentUpdateDto] | None = None
    actualAccountId: Value[str] | None = None
    actualSubaccount: list[SegmentUpdateDto] | None = None
    projectId: Value[str] | None = None
    projectTaskId: Value[str] | None = None
    expirationDate: Value[datetime] | None = None
    lotSerialNumber: Value[str] | None = None
    poOrderType: Value[PurchaseOrderType] | None = None
    poOrderNbr: Value[str] | None = None
    poOrderLineNbr: Value[int] | None = None
    completePoLine: Value[bool] | None = None


class PurchaseReceiptUpdateDto(CustomFieldsUpdate):
    lines: list[PurchaseReceiptLineUpdateDto] | None = None
    note: Value[str] | None = None
    receiptType: Value[PurchaseReceiptType] | None = None
    receiptNbr: Value[str] | None = None
    hold: Value[bool] | None = None
    date: Value[datetime] | None = None
    postPeriod: Value[str] | None = None
    warehouseId: Value[str] | None = None
    supplierId: Value[str] | None = None
    locationId: Value[str] | None = None
    currency: Value[str] | None = None
    exchangeRate: Value[Decimal] | None = None
    createBill: Value[bool] | None = None
    supplierRef: Value[str] | None = None
    controlQty: Value[Decimal] | None = None
    controlAmount: Value[Decimal] | None = None
    branchNumber: Value[str] | None = None
    timeStamp: str | None = None


class PurchaseReceiptOrderLineNbrUpdateDto(WireModel):
    lineNbr: str | None = None


class PurchaseReceiptOrderUpdateDto(WireModel):
    orderNbr: str | None = None
    orderType: PurchaseOrderType | None = None


class PurchaseReceiptOrderListUpdateDto(WireModel):
    purchaseOrders: list[PurchaseReceiptOrderUpdateDto] | None = None


class PurchaseReceiptOrderLinesUpdateDto(WireModel):
    orderNbr: str | None = None
    lines: list[PurchaseReceiptOrderLineNbrUpdateDto] | None = None


class PurchaseReceiptOrderLinesListUpdateDto(WireModel):
    purchaseOrderLines: list[PurchaseReceiptOrderLinesUpdateDto] | None = None


class CreatePurchaseReceiptActionDto(WireModel):
    """The body of `POST /v1/purchaseorder/{purchaseorderNbr}/action/createpurchasereceipt`."""

    orderType: str | None = None


# --- read side -------------------------------------------------------------------------------------------


class LocationRef(BaseModel):
    countryId: str | None = None
    id: str | None = None
    name: str | None = None


class SubRef(BaseModel):
    active: bool | None = None
    id: str | None = None
    description: str | None = None


class ProjectRef(BaseModel):
    internalId: int | None = None
    id: str | None = None
    description: str | None = None


class AllocationsDto(BaseModel):
    lineNbr: int | None = None
    itemId: str | None = None
    location: LocationRef | None = None
    lotSerialNumber: str | None = None
    quantity: DecimalNumber | None = None
    uom: str | None = None
    expirationDate: str | None = None
    description: str | None = None


class PurchaseReceiptLineDto(CustomFieldsDto):
    allocations: list[AllocationsDto] | None = None
    note: str | None = None
    baseReceiptQty: DecimalNumber | None = None
    lineNbr: int | None = None
    branch: NumberName | None = None
    branchNumber: NumberName | None = None
    inventory: NumberDescription | None = None
    lineType: PoLineType | None = None
    warehouse: IdDescription | None = None
    location: LocationRef | None = None
    transactionDescription: str | None = None
    uom: str | None = None
    orderQty: DecimalNumber | None = None
    openQty: DecimalNumber | None = None
    receiptQty: DecimalNumber | None = None
    unitCost: DecimalNumber | None = None
    discountUnitCost: DecimalNumber | None = None
    extCost: DecimalNumber | None = None
    discountPercent: DecimalNumber | None = None
    discountAmount: DecimalNumber | None = None
    manualDiscount: bool | None = None
    discountCode: NumberDescription | None = None
    amount: DecimalNumber | None = None
    taxCategory: NumberDescription | None = None
    account: AccountRef | None = None
    accountDescription: str | None = None
    sub: SubRef | None = None
    actualAccount: AccountRef | None = None
    actualSub: SubRef | None = None
    project: ProjectRef | None = None
    projectTask: ProjectRef | None = None
    expirationDate: str | None = None
    lotSerialNumber: str | None = None
    poOrderType: PurchaseOrderType | None = None
    poOrderNbr: str | None = None
    poOrderLineNbr: int | None = None
    transferOrderType: str | None = None
    transferOrderNbr: str | None = None
    transferOrderLineNbr: int | None = None
    completePoLine: bool | None = None


class PurchaseReceiptDto(CustomFieldsDto):
    landedCost: list[dict] | None = None
    note: str | None = None
    timeStamp: str | None = None
    receiptType: PurchaseReceiptType | None = None
    receiptNbr: str | None = None
    hold: bool | None = None
    status: PurchaseReceiptStatus | None = None
    date: str | None = None
    postPeriod: str | None = None
    warehouse: IdDescription | None = None
    supplier: PartyRef | None = None
    location: LocationRef | None = None
    currency: str | None = None
    exchangeRate: DecimalNumber | None = None
    createBill: bool | None = None
    supplierRef: str | None = None
    totalQty: DecimalNumber | None = None
    controlQty: DecimalNumber | None = None
    vatExemptTotal: DecimalNumber | None = None
    vatTaxableTotal: DecimalNumber | None = None
    totalAmt: DecimalNumber | None = None
    controlTotal: DecimalNumber | None = None
    lastModifiedDateTime: str | None = None
    branchNumber: NumberName | None = None
    lines: list[PurchaseReceiptLineDto] | None = None
    dueDate: str | None = None
    errorInfo: str | None = None
    metadata: MetadataDto | None = None
