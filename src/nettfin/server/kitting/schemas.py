"""Kit specification and kit assembly DTOs with the service's names (the real documents
visma-kitspecifications and visma-kitassembly decide). The insert and update bodies of a kit assembly send `type`
and `refNo` plain, every other member wrapped; line collections carry a plain `operation`."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from pydantic import BaseModel, create_model

from ..kit.render import DecimalNumber
from ..kit.wire import LineOperation, Value, WireModel

# --- kit specifications -----------------------------------------------------------------------------------


class KitSpecificationStockComponentsDto(BaseModel):
    lineNbr: int | None = None
    componentID: str | None = None
    componentQty: DecimalNumber | None = None
    uom: str | None = None
    allowComponentQtyVariance: bool | None = None
    minComponentQty: DecimalNumber | None = None
    maxComponentQty: DecimalNumber | None = None
    disassemblyCoeff: DecimalNumber | None = None
    allowComponentSubstitution: bool | None = None
    description: str | None = None
    errorInfo: str | None = None


class KitSpecificationNonStockComponentDto(BaseModel):
    lineNbr: int | None = None
    componentID: str | None = None
    componentQty: DecimalNumber | None = None
    uom: str | None = None
    allowComponentQtyVariance: bool | None = None
    minComponentQty: DecimalNumber | None = None
    maxComponentQty: DecimalNumber | None = None
    description: str | None = None
    errorInfo: str | None = None


class KitSpecificationDto(BaseModel):
    kitInventoryID: str | None = None
    revision: str | None = None
    description: str | None = None
    isActive: bool | None = None
    allowComponentAddition: bool | None = None
    isNonStock: bool | None = None
    createdDateTime: str | None = None
    lastModifiedDateTime: str | None = None
    stockComponentLines: list[KitSpecificationStockComponentsDto] | None = None
    nonStockComponentLines: list[KitSpecificationNonStockComponentDto] | None = None
    timestamp: str | None = None
    errorInfo: str | None = None


class KitSpecificationNonStockComponentsUpdateDto(WireModel):
    operation: LineOperation | None = None
    lineNbr: Value[int] | None = None
    compInventoryID: Value[str] | None = None
    dfltCompQty: Value[Decimal] | None = None
    uom: Value[str] | None = None
    allowQtyVariation: Value[bool] | None = None
    minCompQty: Value[Decimal] | None = None
    maxCompQty: Value[Decimal] | None = None


class KitSpecificationStockComponentsUpdateDto(KitSpecificationNonStockComponentsUpdateDto):
    disassemblyCoeff: Value[Decimal] | None = None
    allowSubstitution: Value[bool] | None = None


class KitSpecificationUpdateDto(WireModel):
    """POST and PUT body. `operation` (plain) is accepted and has no effect on the header."""

    operation: LineOperation | None = None
    kitInventoryID: Value[str] | None = None
    revisionID: Value[str] | None = None
    descr: Value[str] | None = None
    isActive: Value[bool] | None = None
    allowCompAddition: Value[bool] | None = None
    isNonStock: Value[bool] | None = None
    stockComponentLines: list[KitSpecificationStockComponentsUpdateDto] | None = None
    nonStockComponentLines: list[KitSpecificationNonStockComponentsUpdateDto] | None = None


KitSpecificationPage = create_model(
    "BasePaginationDtoOfKitSpecificationDto",
    pageNumber=(int | None, None),
    pageSize=(int | None, None),
    totalCount=(int | None, None),
    records=(list[KitSpecificationDto] | None, None),
)

# --- kit assemblies ---------------------------------------------------------------------------------------


class LocationDescriptionDto(BaseModel):
    countryId: str | None = None
    id: str | None = None
    name: str | None = None


class INAllocationsDto(BaseModel):
    lineNbr: int | None = None
    location: LocationDescriptionDto | None = None
    lotSerialNumber: str | None = None
    quantity: DecimalNumber | None = None
    uom: str | None = None
    expirationDate: str | None = None


class KitAssemblyStockComponentsDto(BaseModel):
    lineNbr: int | None = None
    itemId: str | None = None
    description: str | None = None
    location: str | None = None
    uoM: str | None = None
    quantity: DecimalNumber | None = None
    unitCost: DecimalNumber | None = None
    reasonCode: str | None = None
    componentQty: DecimalNumber | None = None
    minComponentQty: DecimalNumber | None = None
    allowComponentQtyVariance: bool | None = None
    maxComponentQty: DecimalNumber | None = None
    allowComponentSubstitution: bool | None = None
    disassemblyCoeff: DecimalNumber | None = None
    allocations: list[INAllocationsDto] | None = None
    errorInfo: str | None = None


class KitAssemblyNonStockComponentDto(BaseModel):
    lineNbr: int | None = None
    itemId: str | None = None
    description: str | None = None
    uoM: str | None = None
    quantity: DecimalNumber | None = None
    unitCost: DecimalNumber | None = None
    reasonCode: str | None = None
    componentQty: DecimalNumber | None = None
    allowComponentQtyVariance: bool | None = None
    minComponentQty: DecimalNumber | None = None
    maxComponentQty: DecimalNumber | None = None
    errorInfo: str | None = None


class MetadataDto(BaseModel):
    totalCount: int | None = None
    maxPageSize: int | None = None


class KitAssemblyDto(BaseModel):
    type: str | None = None
    refNo: str | None = None
    status: str | None = None
    hold: bool | None = None
    date: str | None = None
    postPeriod: str | None = None
    itemID: str | None = None
    revision: str | None = None
    reasonCode: str | None = None
    description: str | None = None
    warehouse: str | None = None
    location: str | None = None
    uoM: str | None = None
    quantity: DecimalNumber | None = None
    createdDateTime: str | None = None
    lastModifiedDateTime: str | None = None
    salesOrderLink: str | None = None
    stockComponentLines: list[KitAssemblyStockComponentsDto] | None = None
    nonStockComponentLines: list[KitAssemblyNonStockComponentDto] | None = None
    kitAllocations: list[INAllocationsDto] | None = None
    timestamp: str | None = None
    errorInfo: str | None = None
    metadata: MetadataDto | None = None


class KitAssemblyStockComponentAllocationsUpdateDto(WireModel):
    operation: LineOperation | None = None
    lineNbr: Value[int] | None = None
    itemId: Value[str] | None = None
    location: Value[str] | None = None
    lotSerialNumber: Value[str] | None = None
    quantity: Value[Decimal] | None = None
    uom: Value[str] | None = None
    expirationDate: Value[datetime] | None = None


class INAllocationsUpdateDto(WireModel):
    operation: LineOperation | None = None
    lineNbr: Value[int] | None = None
    location: Value[str] | None = None
    lotSerialNumber: Value[str] | None = None
    quantity: Value[Decimal] | None = None
    uom: Value[str] | None = None
    expirationDate: Value[datetime] | None = None


class KitAssemblyNonStockComponentsUpdateDto(WireModel):
    operation: LineOperation | None = None
    lineNbr: Value[int] | None = None
    itemId: Value[str] | None = None
    uoM: Value[str] | None = None
    quantity: Value[Decimal] | None = None
    unitCost: Value[Decimal] | None = None
    reasonCode: Value[str] | None = None


class KitAssemblyStockComponentsUpdateDto(WireModel):
    operation: LineOperation | None = None
    lineNbr: Value[int] | None = None
    itemId: Value[str] | None = None
    location: Value[str] | None = None
    uoM: Value[str] | None = None
    quantity: Value[Decimal] | None = None
    unitCost: Value[Decimal] | None = None
    reasonCode: Value[str] | None = None
    stockComponentLineAllocations: list[KitAssemblyStockComponentAllocationsUpdateDto] | None = None


class KitAssemblyUpdateDto(WireModel):
    """PUT body (and, with `kitAssemblyLink`, the POST body): `type` and `refNo` plain."""

    type: str | None = None
    refNo: str | None = None
    hold: Value[bool] | None = None
    date: Value[datetime] | None = None
    postPeriod: Value[str] | None = None
    itemId: Value[str] | None = None
    revision: Value[str] | None = None
    reasonCode: Value[str] | None = None
    description: Value[str] | None = None
    warehouse: Value[str] | None = None
    location: Value[str] | None = None
    uoM: Value[str] | None = None
    quantity: Value[Decimal] | None = None
    stockComponentLines: list[KitAssemblyStockComponentsUpdateDto] | None = None
    stockComponentAllocations: list[KitAssemblyStockComponentAllocationsUpdateDto] | None = None
    nonStockComponentLines: list[KitAssemblyNonStockComponentsUpdateDto] | None = None
    kitAllocations: list[INAllocationsUpdateDto] | None = None


class KitAssemblyLinkInsertDto(WireModel):
    orderType: Value[str] | None = None
    orderNumber: Value[str] | None = None
    orderLineNumber: Value[int] | None = None


class KitAssemblyInsertDto(KitAssemblyUpdateDto):
    """POST body: the update body and the sales order line the assembly is for."""

    kitAssemblyLink: KitAssemblyLinkInsertDto | None = None


KitAssemblyPage = create_model(
    "BasePaginationDtoOfKitAssemblyDto",
    pageNumber=(int | None, None),
    pageSize=(int | None, None),
    totalCount=(int | None, None),
    records=(list[KitAssemblyDto] | None, None),
)
