"""Ledger set-up DTOs with the service's names (reference 3.12, 3.13, 3.15, 3.16; the OpenAPI documents
visma-account, visma-financialperiod, visma-dimension and visma-sub-account decide, misspellings included)."""

from __future__ import annotations

from pydantic import BaseModel

from ..kit.wire import LineOperation, Value, WireEnum, WireModel


class AccountType(WireEnum):
    Asset = "Asset"
    Liability = "Liability"
    Income = "Income"
    Expense = "Expense"


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
