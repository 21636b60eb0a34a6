"""The shapes inside inventory item DTOs, with the service's camelCase names (reference 3.14; the 2026
Inventory OpenAPI decides): the enums, the write body's holders and lines, and the read DTO's nested objects.
`InventoryDto`, `InventoryUpdateDto`, `ItemClassDto` and `PostingClassDto` themselves come from the
declarations (`items.ITEM`, `classes`)."""

from __future__ import annotations

from decimal import Decimal

from pydantic import BaseModel

from ..kit.render import DecimalNumber
from ..kit.shapes import AccountRef, SubaccountRef
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


class GlAccountInInventoryDto(AccountRef):
    pass


class GlSubaccountInInventoryDto(SubaccountRef):
    pass


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


class SalesCategoryLineDto(BaseModel):
    categoryId: int | None = None
    description: str | None = None


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
