"""Stocktake DTOs with the service's names (the 2026 StocktakeV2 OpenAPI decides)."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from pydantic import BaseModel

from ..kit.render import DecimalNumber
from ..kit.shapes import MetadataDto
from ..kit.wire import LineOperation, Value, WireEnum, WireModel


class SummaryStatus(WireEnum):
    Cancelled = "Cancelled"
    Completed = "Completed"
    Counting = "Counting"
    Entering = "Entering"


class StocktakeLineStatus(WireEnum):
    NotEntered = "NotEntered"
    Entered = "Entered"
    Skipped = "Skipped"


class StocktakeErrorCode(WireEnum):
    NotDefined = "NotDefined"
    InventoryIDNotFound = "InventoryIDNotFound"
    LocationIDNotFound = "LocationIDNotFound"
    ReasonCodeNotFound = "ReasonCodeNotFound"
    ItemIsNotStockItem = "ItemIsNotStockItem"
    CombinationAlreadyInUse = "CombinationAlreadyInUse"
    CombinationNotAllowed = "CombinationNotAllowed"
    LotSerialNumberAlreadyInUse = "LotSerialNumberAlreadyInUse"


class StocktakeLineUpdateDto(WireModel):
    """A line: `operation` plain; Update (the default with `lineNbr`) names a line by `lineNbr` or by item,
    location and lot; Insert (the default without) adds a place the count did not find."""

    operation: LineOperation | None = None
    lineNbr: Value[int] | None = None
    physicalQuantity: Value[Decimal] | None = None
    inventoryId: Value[str] | None = None
    locationId: Value[str] | None = None
    reasonCode: Value[str] | None = None
    lotSerialNumber: Value[str] | None = None
    expirationDate: Value[datetime] | None = None


class StocktakeUpdateDto(WireModel):
    lines: list[StocktakeLineUpdateDto] | None = None


class InternalIdDescription(BaseModel):
    internalId: int
    id: str
    description: str | None = None


class WarehouseRef(BaseModel):
    id: str
    description: str | None = None


class StocktakeLineV2Dto(BaseModel):
    status: StocktakeLineStatus
    lineNbr: int
    tagNbr: int | None = None
    inventory: InternalIdDescription
    location: InternalIdDescription | None = None
    warehouse: WarehouseRef
    lotSerialNbr: str | None = None
    expirationDate: str | None = None
    bookQuantity: DecimalNumber
    physicalQuantity: DecimalNumber | None = None
    varianceQuantity: DecimalNumber
    unitCost: DecimalNumber
    extVarianceCost: DecimalNumber
    reasonCode: str | None = None
    lastModifiedDateTime: str
    baseUnit: str | None = None


class StocktakeV2Dto(BaseModel):
    referenceNbr: str
    description: str | None = None
    summaryStatus: SummaryStatus
    freezeDate: str
    numberOfLines: int
    physicalQty: DecimalNumber
    varianceQty: DecimalNumber
    varianceCost: DecimalNumber
    lastModifiedDateTime: str
    lines: list[StocktakeLineV2Dto]
    timestamp: str
    errorInfo: str | None = None
    metadata: MetadataDto | None = None


class StocktakeV2ExceptionDto(BaseModel):
    """A refused PUT: the line's details as sent, the message and the error code."""

    inventoryId: str | None = None
    locationId: str | None = None
    physicalQuantity: DecimalNumber | None = None
    reasonCode: str | None = None
    lotSerialNumber: str | None = None
    expirationDate: str | None = None
    message: str
    errorCode: StocktakeErrorCode | None = None
