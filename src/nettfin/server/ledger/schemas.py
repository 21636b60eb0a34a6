"""Ledger set-up DTOs with the service's names (reference 3.12, 3.13, 3.15, 3.16; the OpenAPI documents
visma-account, visma-financialperiod, visma-dimension and visma-sub-account decide, misspellings included)."""

from __future__ import annotations

from pydantic import BaseModel, Field

from ..kit.shapes import MetadataDto
from ..kit.wire import LineOperation, Value, WireEnum, WireModel


class AccountType(WireEnum):
    Asset = "Asset"
    Liability = "Liability"
    Income = "Income"
    Expense = "Expense"


class NumberDescription(BaseModel):
    number: str | None = None
    description: str | None = None


class DtoSegmentValue(BaseModel):
    internalId: str
    segmentId: int
    valueId: str
    description: str | None = None
    publicId: str
    active: bool
    timeStamp: str
    lastModified: str
    mappedSegValue: str | None = None


class DtoSegment(BaseModel):
    internalId: str
    segmentId: int
    description: str | None = None
    length: int
    publicId: str
    timeStamp: str
    lastModified: str
    # `validate` would shadow BaseModel.validate; the alias keeps the wire name in the OpenAPI document.
    validate_: bool = Field(alias="validate")
    segmentValues: list[DtoSegmentValue] | None = None
    isAutoNumber: bool
    consolNumChar: int
    consolOrder: int


class DtoDimension(BaseModel):
    id: str
    length: int
    description: str | None = None
    segments: list[DtoSegment]


class DtoSegmentValueUpdateDtoBase(WireModel):
    """One segment value operation; `operation` and `value` (the value id) are plain, the others wrapped."""

    operation: LineOperation
    value: str | None = None
    description: Value[str] | None = None
    active: Value[bool] | None = None


class DtoSegmentUpdateDto(WireModel):
    """PUT body of a segment. `segementId` is misspelled on the wire, as the service has it."""

    segmentValues: list[DtoSegmentValueUpdateDtoBase] | None = None
    dimensionId: str | None = None
    segementId: int | None = None
    description: Value[str] | None = None


class SegmentDto(BaseModel):
    segmentId: int
    segmentDescription: str | None = None
    segmentValue: str
    segmentValueDescription: str | None = None


class SubAccountDto(BaseModel):
    subaccountNumber: str
    subaccountId: int
    description: str | None = None
    lastModifiedDateTime: str
    active: bool
    segments: list[SegmentDto]
    timeStamp: str
    errorInfo: str | None = None
    metadata: MetadataDto | None = None


class SubAccountUpdateDto(WireModel):
    """Create and update body of a subaccount; `subaccountId` is the obsolete alias of `subaccountNumber`."""

    subaccountNumber: Value[str] | None = None
    subaccountId: Value[str] | None = None
    description: Value[str] | None = None
    active: Value[bool] | None = None
