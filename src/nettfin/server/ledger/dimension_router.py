"""Dimension (CS202000) and subaccount (GL203000) endpoints: HTTP only."""

from __future__ import annotations

import uuid

from fastapi import APIRouter, Depends, Path, Query, Request
from starlette.responses import Response

from ..identity.auth import CompanyContext, company_context
from ..kit.checks import INT32_MAX
from ..kit.conditions import condition_description, date_condition, value_description
from ..kit.deprecated import DEPRECATED
from ..kit.keys import ResourceKey
from ..kit.paging import MASTER_DATA_MAX_PAGE_SIZE, Page, paging, with_metadata
from ..kit.render import format_datetime, json_response, time_stamp
from ..kit.responses import CREATED_RESPONSE, UPDATED_RESPONSE, IfMatch, created, etag_header, updated
from . import dimensions, subaccounts
from .models import Dimension, Segment, SegmentValue, Subaccount
from .schemas import DtoDimension, DtoSegment, DtoSegmentUpdateDto, DtoSegmentValue, SubAccountDto, SubAccountUpdateDto

dimension_router = APIRouter(prefix="/v1/dimension", tags=["Dimension"])
subaccount_router = APIRouter(prefix="/v1/subaccount", tags=["Subaccount"])

_INTERNAL_IDS = uuid.UUID("0b9f3c7e-51a4-4d0c-8e7a-6f2d1c4b8a93")

# --- dimensions -------------------------------------------------------------------------------------------

SegmentId = Path(ge=-INT32_MAX - 1, le=INT32_MAX, description="The segment's id; the first segment is 1.")


def segment_value_filters(
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
    response_model=DtoDimension,
    summary="Get a specific Dimension",
    description="The filters select segment values; `expandSegmentsValues=false` leaves `segmentValues` null.",
)
def get_dimension(
    request: Request,
    dimensionId: ResourceKey,
    context: CompanyContext = Depends(company_context),
    filters: dimensions.SegmentValueFilters = Depends(segment_value_filters),
) -> Response:
    dimension, values = dimensions.get_dimension(
        request.app.state.db, company_id=context.company_id, dimension_id=dimensionId, filters=filters
    )
    return json_response(dimension_dto(dimension, values))


@dimension_router.get(
    "/{dimensionId}/{segmentId}", response_model=DtoSegment, summary="Get a specific Segment for a specific Dimension"
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
    return json_response(segment_dto(segment, segment.values), headers=etag_header(segment.row_version))


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
    response_model=DtoSegmentValue,
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
    return json_response(segment_value_dto(value, segmentId), headers=etag_header(value.row_version))


@dimension_router.get(
    "/{dimensionId}/{segmentId}/publicid/{publicId}",
    response_model=DtoSegmentValue,
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
    return json_response(segment_value_dto(value, segmentId), headers=etag_header(value.row_version))


def dimension_dto(d: Dimension, values: dict[int, list[SegmentValue]] | None) -> dict:
    return {
        "id": d.dimension_id,
        "length": sum(s.length for s in d.segments),
        "description": d.description,
        "segments": [segment_dto(s, None if values is None else values[s.id]) for s in d.segments],
    }


def segment_dto(s: Segment, values: list[SegmentValue] | None) -> dict:
    return {
        "internalId": _internal_id("segment", s.id),
        "segmentId": s.segment_id,
        "description": s.description,
        "length": s.length,
        "publicId": s.public_id,
        "timeStamp": time_stamp(s.row_version),
        "lastModified": format_datetime(s.last_modified_at),
        "validate": s.validate,
        "segmentValues": None if values is None else [segment_value_dto(v, s.segment_id) for v in values],
        "isAutoNumber": s.auto_number,
        "consolNumChar": s.consol_num_char,
        "consolOrder": s.consol_order,
    }


def segment_value_dto(v: SegmentValue, segment_id: int) -> dict:
    return {
        "internalId": _internal_id("segment-value", v.id),
        "segmentId": segment_id,
        "valueId": v.value_id,
        "description": v.description,
        "publicId": v.public_id,
        "active": v.active,
        "timeStamp": time_stamp(v.row_version),
        "lastModified": format_datetime(v.last_modified_at),
        "mappedSegValue": v.mapped_seg_value,
    }


def _internal_id(kind: str, row_id: int) -> str:
    # The service's internalId is a GUID; nettfin derives one from the row, so it is stable.
    return str(uuid.uuid5(_INTERNAL_IDS, f"{kind}:{row_id}"))


# --- subaccounts ------------------------------------------------------------------------------------------


def subaccount_filters(
    active: bool | None = Query(None, description="If the SubAccount is active"),
    lastModifiedDateTime: str | None = Query(None, description=value_description("lastModifiedDateTime")),
    lastModifiedDateTimeCondition: str | None = Query(None, description=condition_description("lastModifiedDateTime")),
) -> subaccounts.SubaccountFilters:
    return subaccounts.SubaccountFilters(
        active=active,
        modified=date_condition("lastModifiedDateTime", lastModifiedDateTime, lastModifiedDateTimeCondition),
    )


@subaccount_router.get(
    "",
    response_model=list[SubAccountDto],
    summary="Get all SubAccounts - ScreenId=GL203000",
    description="Paged: every element carries `metadata: {totalCount, maxPageSize}`; by subaccount number.",
)
def list_subaccounts(
    request: Request,
    context: CompanyContext = Depends(company_context),
    filters: subaccounts.SubaccountFilters = Depends(subaccount_filters),
    page: Page = Depends(paging(MASTER_DATA_MAX_PAGE_SIZE)),
) -> Response:
    result, names = subaccounts.list_subaccounts(
        request.app.state.db, company_id=context.company_id, filters=filters, page=page
    )
    return json_response(with_metadata([subaccount_dto(s, names) for s in result.rows], result))


@subaccount_router.get("/{subAccountNumber}", response_model=SubAccountDto, summary="Get a specific SubAccount")
def get_subaccount(request: Request, subAccountNumber: ResourceKey, context: CompanyContext = Depends(company_context)):
    found, names = subaccounts.get_subaccount(
        request.app.state.db, company_id=context.company_id, number=subAccountNumber
    )
    return json_response(subaccount_dto(found, names), headers=etag_header(found.row_version))


@subaccount_router.post(
    "",
    status_code=201,
    responses=CREATED_RESPONSE,
    response_class=Response,
    summary="Create a Subaccount",
    description="`subaccountNumber` is the segment values joined by '-' (as 10-100). 201 with Location.",
)
def create_subaccount(
    request: Request, subaccount: SubAccountUpdateDto, context: CompanyContext = Depends(company_context)
) -> Response:
    saved, ignored = subaccounts.create_subaccount(request.app.state.db, company_id=context.company_id, dto=subaccount)
    return created(request, saved.subaccount_cd, row_version=saved.row_version, dto=subaccount, ignored=ignored)


@subaccount_router.put(
    "/{subAccountNumber}",
    status_code=204,
    response_class=Response,
    responses=UPDATED_RESPONSE,
    summary="Update a specific Subaccount",
)
def update_subaccount(
    request: Request,
    subAccountNumber: ResourceKey,
    subaccount: SubAccountUpdateDto,
    if_match: IfMatch = None,
    context: CompanyContext = Depends(company_context),
) -> Response:
    saved, ignored = subaccounts.update_subaccount(
        request.app.state.db,
        company_id=context.company_id,
        number=subAccountNumber,
        dto=subaccount,
        if_match=if_match,
    )
    return updated(row_version=saved.row_version, dto=subaccount, ignored=ignored)


def subaccount_dto(s: Subaccount, names: subaccounts.SegmentNames) -> dict:
    return {
        "subaccountNumber": s.subaccount_cd,
        "subaccountId": s.id,
        "description": s.description,
        "lastModifiedDateTime": format_datetime(s.last_modified_at),
        "active": s.active,
        "segments": names.describe(s),
        "timeStamp": time_stamp(s.row_version),
        "errorInfo": None,
    }
