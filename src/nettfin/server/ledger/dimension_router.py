"""Dimension (CS202000) and subaccount (GL203000) endpoints: HTTP only.

Subaccounts are the `kit.resource` declaration `subaccounts.SUBACCOUNT_RESOURCE`. Dimensions are not
record-shaped (a list of names, a dimension holding its segments and their values, a segment's PUT of value
operations), so they keep routes of their own, and render through kit shapes: `DtoDimension`, `DtoSegment`
and `DtoSegmentValue` are `Shape`s made of members.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from operator import attrgetter
from typing import Any

from fastapi import APIRouter, Depends, Path, Query, Request
from starlette.responses import Response

from ..identity.auth import CompanyContext, company_context
from ..kit.checks import INT32_MAX
from ..kit.conditions import condition_description, date_condition, value_description
from ..kit.deprecated import DEPRECATED
from ..kit.keys import ResourceKey
from ..kit.members import Objects, Shape
from ..kit.render import format_datetime, json_response, time_stamp
from ..kit.resource import Computed
from ..kit.resource_routes import resource_router
from ..kit.responses import UPDATED_RESPONSE, IfMatch, etag_header, updated
from . import dimensions
from .models import SegmentValue
from .schemas import DtoSegmentUpdateDto
from .subaccounts import SUBACCOUNT_RESOURCE

dimension_router = APIRouter(prefix="/v1/dimension", tags=["Dimension"])
subaccount_router = resource_router(SUBACCOUNT_RESOURCE, company_context)

_INTERNAL_IDS = uuid.UUID("0b9f3c7e-51a4-4d0c-8e7a-6f2d1c4b8a93")


def _internal_id(kind: str, row_id: int) -> str:
    # The service's internalId is a GUID; nettfin derives one from the row, so it is stable.
    return str(uuid.uuid5(_INTERNAL_IDS, f"{kind}:{row_id}"))


SEGMENT_VALUE = Shape(
    "DtoSegmentValue",
    (
        Computed("internalId", str, lambda v: _internal_id("segment-value", v.id)),
        Computed("segmentId", int, lambda v: v.segment.segment_id),
        Computed("valueId", str, attrgetter("value_id")),
        Computed("description", str, attrgetter("description")),
        Computed("publicId", str, attrgetter("public_id")),
        Computed("active", bool, attrgetter("active")),
        Computed("timeStamp", str, lambda v: time_stamp(v.row_version)),
        Computed("lastModified", str, lambda v: format_datetime(v.last_modified_at)),
        Computed("mappedSegValue", str, attrgetter("mapped_seg_value")),
    ),
)


@dataclass(frozen=True)
class Selected:
    """A dimension or a segment with the segment values a request selects: GET /dimension/{id} filters them,
    a single segment shows all of them."""

    record: Any
    filters: dimensions.SegmentValueFilters = dimensions.SegmentValueFilters()

    def segments(self) -> list[Selected]:
        return [Selected(segment, self.filters) for segment in self.record.segments]

    def values(self) -> list[SegmentValue] | None:
        """None when the request does not expand the values: `segmentValues` is then left out."""
        if not self.filters.expand_values:
            return None
        return [value for value in self.record.values if self.filters.keeps(value)]


def _of(wire: str, kind: Any, attr: str) -> Computed:
    """A member read from the selected record's `attr`, as stored."""
    read = attrgetter(f"record.{attr}")
    return Computed(wire, kind, read)


SEGMENT = Shape(
    "DtoSegment",
    (
        Computed("internalId", str, lambda s: _internal_id("segment", s.record.id)),
        _of("segmentId", int, "segment_id"),
        _of("description", str, "description"),
        _of("length", int, "length"),
        _of("publicId", str, "public_id"),
        Computed("timeStamp", str, lambda s: time_stamp(s.record.row_version)),
        Computed("lastModified", str, lambda s: format_datetime(s.record.last_modified_at)),
        _of("validate", bool, "validate"),
        Objects("segmentValues", SEGMENT_VALUE, Selected.values),
        _of("isAutoNumber", bool, "auto_number"),
        _of("consolNumChar", int, "consol_num_char"),
        _of("consolOrder", int, "consol_order"),
    ),
)


def _length(selected: Selected) -> int:
    return sum(segment.length for segment in selected.record.segments)


DIMENSION = Shape(
    "DtoDimension",
    (
        _of("id", str, "dimension_id"),
        Computed("length", int, _length),
        _of("description", str, "description"),
        Objects("segments", SEGMENT, Selected.segments),
    ),
)


# --- dimensions -------------------------------------------------------------------------------------------

SegmentId = Path(ge=-INT32_MAX - 1, le=INT32_MAX, description="The segment's id; the first segment is 1.")


async def segment_value_filters(
    greaterThanValue: str | None = Query(None, description="Segment values after this value id."),
    numberToRead: int | None = Query(None, le=INT32_MAX, deprecated=True, description=DEPRECATED),
    skipRecords: int | None = Query(None, le=INT32_MAX, deprecated=True, description=DEPRECATED),
    orderBy: str | None = Query(None, deprecated=True, description=DEPRECATED),
    lastModifiedDateTime: str | None = Query(None, description=value_description("lastModifiedDateTime")),
    lastModifiedDateTimeCondition: str | None = Query(None, description=condition_description("lastModifiedDateTime")),
    expandSegmentsValues: bool = Query(True, description="False: segments without their values."),
) -> dimensions.SegmentValueFilters:
    return dimensions.SegmentValueFilters(
        greater_than=greaterThanValue,
        modified=date_condition("lastModifiedDateTime", lastModifiedDateTime, lastModifiedDateTimeCondition),
        expand_values=expandSegmentsValues,
    )


@dimension_router.get("", response_model=list[str], summary="Get a list of all Dimension names/IDs ScreenId=CS202000")
def list_dimensions(request: Request, context: CompanyContext = Depends(company_context)) -> Response:
    return json_response(dimensions.list_dimensions(request.app.state.db, company_id=context.company_id))


@dimension_router.get(
    "/{dimensionId}",
    response_model=DIMENSION.read_model,
    summary="Get a specific Dimension",
    description="The filters select segment values; `expandSegmentsValues=false` leaves `segmentValues` null.",
)
def get_dimension(
    request: Request,
    dimensionId: ResourceKey,
    context: CompanyContext = Depends(company_context),
    filters: dimensions.SegmentValueFilters = Depends(segment_value_filters),
) -> Response:
    dimension = dimensions.get_dimension(request.app.state.db, company_id=context.company_id, dimension_id=dimensionId)
    return json_response(DIMENSION.render(Selected(dimension, filters)))


@dimension_router.get(
    "/{dimensionId}/{segmentId}",
    response_model=SEGMENT.read_model,
    summary="Get a specific Segment for a specific Dimension",
)
def get_segment(
    request: Request,
    dimensionId: ResourceKey,
    segmentId: int = SegmentId,
    context: CompanyContext = Depends(company_context),
) -> Response:
    segment = dimensions.get_segment(
        request.app.state.db, company_id=context.company_id, dimension_id=dimensionId, segment_id=segmentId
    )
    return json_response(SEGMENT.render(Selected(segment)), headers=etag_header(segment.row_version))


@dimension_router.put(
    "/{dimensionId}/{segmentId}",
    status_code=204,
    response_class=Response,
    responses=UPDATED_RESPONSE,
    summary="Update a Segment",
    description="`segmentValues` insert, update or delete values (`operation`); all or nothing.",
)
def update_segment(
    request: Request,
    dimensionId: ResourceKey,
    segment: DtoSegmentUpdateDto,
    segmentId: int = SegmentId,
    if_match: IfMatch = None,
    context: CompanyContext = Depends(company_context),
) -> Response:
    saved = dimensions.update_segment(
        request.app.state.db,
        company_id=context.company_id,
        dimension_id=dimensionId,
        segment_id=segmentId,
        dto=segment,
        if_match=if_match,
    )
    return updated(row_version=saved.row_version, dto=segment)


@dimension_router.get(
    "/{dimensionId}/{segmentId}/{valueId}",
    response_model=SEGMENT_VALUE.read_model,
    summary="Get a specific SegmentValue for a specific Segment for a specific Dimension",
    description="`valueId` is the value id, or the value id base64-encoded.",
)
def get_segment_value(
    request: Request,
    dimensionId: ResourceKey,
    valueId: ResourceKey,
    segmentId: int = SegmentId,
    context: CompanyContext = Depends(company_context),
) -> Response:
    value = dimensions.get_segment_value(
        request.app.state.db,
        company_id=context.company_id,
        dimension_id=dimensionId,
        segment_id=segmentId,
        value_id=valueId,
    )
    return json_response(SEGMENT_VALUE.render(value), headers=etag_header(value.row_version))


@dimension_router.get(
    "/{dimensionId}/{segmentId}/publicid/{publicId}",
    response_model=SEGMENT_VALUE.read_model,
    summary="Get a specific SegmentValue by its publicId",
)
def get_segment_value_by_public_id(
    request: Request,
    dimensionId: ResourceKey,
    publicId: ResourceKey,
    segmentId: int = SegmentId,
    context: CompanyContext = Depends(company_context),
) -> Response:
    value = dimensions.get_segment_value_by_public_id(
        request.app.state.db,
        company_id=context.company_id,
        dimension_id=dimensionId,
        segment_id=segmentId,
        public=publicId,
    )
    return json_response(SEGMENT_VALUE.render(value), headers=etag_header(value.row_version))
