"""Inventory item DTOs with the service's camelCase names (reference 3.14; the 2026 Inventory OpenAPI
decides). Note the read DTO's lower-case `timestamp`, as the real document spells it on items."""

from __future__ import annotations

from decimal import Decimal

from pydantic import BaseModel

from ..kit.render import DecimalNumber
from ..kit.shapes import AttachmentRefs, IdDescription, IdName, MetadataDto
from ..kit.wire import LineOperation, Value, WireEnum, WireModel


class InventoryStatus(WireEnum):
    Active = "Active"
    NoSales = "NoSales"
    NoPurchases = "NoPurchases"
    NoRequest = "NoRequest"
    Inactive = "Inactive"
    MarkedForDeletion = "MarkedForDeletion"
    Unknown = "Unknown"


class InventoryType(WireEnum):
    NonStockItem = "NonStockItem"
    LaborItem = "LaborItem"
    ServiceItem = "ServiceItem"
    ChargeItem = "ChargeItem"
    ExpenseItem = "ExpenseItem"
    FinishedGoodItem = "FinishedGoodItem"
    ComponentPartItem = "ComponentPartItem"
    SubassemblyItem = "SubassemblyItem"


class AlternateType(WireEnum):
    CPN = "CPN"
    VPN = "VPN"
    Global = "Global"
    Barcode = "Barcode"


class SegmentUpdateDto(WireModel):
    """A subaccount segment: both members plain (`{"segmentId": 1, "segmentValue": "00"}`)."""

    segmentId: int | None = None
    segmentValue: str | None = None


class PackagingUpdateDto(WireModel):
    baseItemWeight: Value[Decimal] | None = None
    weightUOM: Value[str] | None = None
    baseItemVolume: Value[Decimal] | None = None
    volumeUOM: Value[str] | None = None


class CostPriceStatisticsUpdateDto(WireModel):
    lastCost: Value[Decimal] | None = None


class IntrastatUpdateDto(WireModel):
    cN8: Value[str] | None = None
    countryOfOrigin: Value[str] | None = None
    supplementaryMeasureUnit: Value[str] | None = None


class WarehouseDetailUpdateDto(WireModel):
    operation: LineOperation | None = None
    warehouse: Value[str] | None = None
    isDefault: Value[bool] | None = None


class CrossReferenceUpdateDto(WireModel):
    """A cross-reference line; `bAccount` is accepted and ignored (named in the header) until cross-references
    are tied to customers and suppliers."""

    operation: LineOperation | None = None
    alternateType: Value[AlternateType] | None = None
    alternateID: Value[str] | None = None
    description: Value[str] | None = None
    uom: Value[str] | None = None


class InventoryUpdateDto(WireModel):
    """Create and update body. `packaging`, `costPriceStatistics` and `intrastat` are plain holders of wrapped
    members; line collections carry a plain `operation`. `attributeLines` and `supplierDetails` are accepted
    and ignored (named in the header)."""

    inventoryNumber: Value[str] | None = None
    status: Value[InventoryStatus] | None = None
    type: Value[InventoryType] | None = None
    description: Value[str] | None = None
    body: Value[str] | None = None
    itemClass: Value[str] | None = None
    postingClass: Value[str] | None = None
    lotSerialClass: Value[str] | None = None
    vatCode: Value[str] | None = None
    defaultPrice: Value[Decimal] | None = None
    baseUnit: Value[str] | None = None
    salesUnit: Value[str] | None = None
    purchaseUnit: Value[str] | None = None
    unspsc: Value[str] | None = None
    expenseAccrualAccount: Value[str] | None = None
    inventoryAccount: Value[str] | None = None
    expenseAccount: Value[str] | None = None
    cogsAccount: Value[str] | None = None
    expenseNonTaxableAccount: Value[str] | None = None
    expenseEuAccount: Value[str] | None = None
    expenseImportAccount: Value[str] | None = None
    expenseSubaccount: list[SegmentUpdateDto] | None = None
    cogsSubaccount: list[SegmentUpdateDto] | None = None
    salesAccount: Value[str] | None = None
    salesNonTaxableAccount: Value[str] | None = None
    salesEuAccount: Value[str] | None = None
    salesExportAccount: Value[str] | None = None
    salesSubaccount: list[SegmentUpdateDto] | None = None
    packaging: PackagingUpdateDto | None = None
    costPriceStatistics: CostPriceStatisticsUpdateDto | None = None
    warehouseDetails: list[WarehouseDetailUpdateDto] | None = None
    intrastat: IntrastatUpdateDto | None = None
    crossReferences: list[CrossReferenceUpdateDto] | None = None
    defaultWarehouse: Value[str] | None = None
    defaultIssueFrom: Value[str] | None = None
    defaultReceiptTo: Value[str] | None = None
    kitItem: Value[bool] | None = None
    note: Value[str] | None = None


class ItemClassDto(BaseModel):
    type: InventoryType
    attributes: list[dict]
    id: str
    description: str | None = None
    errorInfo: str | None = None
    metadata: MetadataDto | None = None


class PostingClassDto(BaseModel):
    id: str
    description: str | None = None
    metadata: MetadataDto | None = None


class GlAccountInInventoryDto(BaseModel):
    type: str | None = None
    number: str | None = None
    description: str | None = None


class GlSubaccountInInventoryDto(BaseModel):
    active: bool | None = None
    id: str | None = None
    description: str | None = None


class AccountInformationInInventoryDto(BaseModel):
    expenseAccrualAccount: GlAccountInInventoryDto | None = None
    inventoryAccount: GlAccountInInventoryDto | None = None
    expenseAccount: GlAccountInInventoryDto | None = None
    cogsAccount: GlAccountInInventoryDto | None = None
    expenseNonTaxableAccount: GlAccountInInventoryDto | None = None
    expenseEuAccount: GlAccountInInventoryDto | None = None
    expenseImportAccount: GlAccountInInventoryDto | None = None
    expenseSubaccount: GlSubaccountInInventoryDto | None = None
    cogsSubaccount: GlSubaccountInInventoryDto | None = None
    salesAccount: GlAccountInInventoryDto | None = None
    salesNonTaxableAccount: GlAccountInInventoryDto | None = None
    salesEuAccount: GlAccountInInventoryDto | None = None
    salesExportAccount: GlAccountInInventoryDto | None = None
    salesSubaccount: GlSubaccountInInventoryDto | None = None


class CostPriceStatisticsDto(BaseModel):
    lastCost: DecimalNumber
    averageCost: DecimalNumber
    minCost: DecimalNumber
    maxCost: DecimalNumber


class InventoryCrossReferenceDto(BaseModel):
    alternateType: AlternateType
    bAccount: dict | None = None
    alternateID: str
    description: str | None = None
    isDefault: bool
    uom: str | None = None
    timestamp: str


class WarehouseDetailDto(BaseModel):
    isDefault: bool
    warehouse: str
    quantityOnHand: DecimalNumber
    available: DecimalNumber
    availableForShipment: DecimalNumber
    lastModifiedDateTime: str


class PackagingDto(BaseModel):
    baseItemWeight: DecimalNumber
    weightUOM: str | None = None
    baseItemVolume: DecimalNumber
    volumeUOM: str | None = None


class IntrastatDto(BaseModel):
    cN8: str | None = None
    countryOfOrigin: str | None = None
    supplementaryMeasureUnit: str | None = None


class ItemClassInInventoryDto(BaseModel):
    type: InventoryType
    attributes: list[dict]
    id: str
    description: str | None = None
    errorInfo: str | None = None


class InventoryDto(BaseModel):
    inventoryId: int
    inventoryNumber: str
    status: InventoryStatus
    type: InventoryType
    description: str
    body: str | None = None
    itemClass: ItemClassInInventoryDto | None = None
    postingClass: IdDescription | None = None
    vatCode: IdDescription | None = None
    lotSerialClass: IdDescription | None = None
    defaultPrice: DecimalNumber
    pendingCost: DecimalNumber
    pendingCostDate: str
    currentCost: DecimalNumber
    effectiveDate: str
    lastCost: DecimalNumber
    lastModifiedDateTime: str
    baseUnit: str
    salesUnit: str
    purchaseUnit: str
    unspsc: str | None = None
    stockItem: bool
    kitItem: bool
    accountInformation: AccountInformationInInventoryDto | None = None
    costPriceStatistics: CostPriceStatisticsDto | None = None
    crossReferences: list[InventoryCrossReferenceDto] | None = None
    attachments: AttachmentRefs = None
    attributes: list[dict] | None = None
    warehouseDetails: list[WarehouseDetailDto] | None = None
    inventoryUnits: list[dict] | None = None
    defaultWarehouse: IdDescription | None = None
    defaultIssueFrom: IdDescription | None = None
    defaultReceiptTo: IdDescription | None = None
    supplierDetails: list[dict] | None = None
    salesCategories: list[dict] | None = None
    packaging: PackagingDto
    intrastat: IntrastatDto
    recommendedPrice: DecimalNumber
    priceManagerID: str
    priceManager: IdName | None = None
    priceClass: IdDescription | None = None
    priceWorkgroupID: int
    priceClassID: str | None = None
    note: str | None = None
    timestamp: str
    errorInfo: str | None = None
    metadata: MetadataDto | None = None
