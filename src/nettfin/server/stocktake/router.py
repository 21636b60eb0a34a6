"""Stocktake endpoints (`/v2/stocktake`, IN305000): HTTP only. The list, a count, and the PUT of counted
quantities; counts are prepared and completed by the admin CLI (the API has no operation for either)."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal
from typing import Annotated

from fastapi import APIRouter, Depends, Path, Query, Request
from pydantic import AfterValidator
from starlette.responses import Response

from ..identity.auth import company_context
from ..inventory.cross_references import register_document
from ..kit.checks import INT32_MAX
from ..kit.conditions import condition_description, date_condition, value_description
from ..kit.errors import IppErrorBody
from ..kit.keys import decode_key
from ..kit.paging import Page, paging, with_metadata
from ..kit.render import format_datetime, json_response, time_stamp
from ..kit.responses import UPDATED_RESPONSE, IfMatch, etag_header, updated
from . import service
from .models import ZERO, Stocktake, StocktakeLine
from .schemas import (
    StocktakeLineStatus,
    StocktakeUpdateDto,
    StocktakeV2Dto,
    StocktakeV2ExceptionDto,
    SummaryStatus,
)

_QUANTITY = Decimal("0.0001")
# The barcode lookup (`/v1/inventory/barcode/stocktake/{referenceNumber}`) reads a count's items.
register_document("stocktake", service.items_counted)

router = APIRouter(prefix="/v2/stocktake", tags=["StocktakeV2"])
ReferenceNumber = Annotated[
    str, Path(alias="referenceNumber", description="Identifies the Stocktake"), AfterValidator(decode_key)
]
_REFUSED = {
    400: {
        "model": StocktakeV2ExceptionDto | IppErrorBody,
        "description": "The line's details as sent, the message (every problem) and the first problem's error code; "
        "nothing written.",
    }
}


async def count_filters(
    warehouse: str | None = Query(None, description="Filter by Warehouse."),
    location: str | None = Query(None, description="Filter by Location."),
    inventory: str | None = Query(None, description="Filter by Inventory."),
    lotSerialNumber: str | None = Query(None, description="Filter by LotSerialNumber."),
    summaryStatus: SummaryStatus | None = Query(None, description="Filter by SummaryStatus."),
    startWithLine: int | None = Query(
        None, ge=0, le=INT32_MAX, description="Filter by LineNumber GreaterEqual StartWithLine."
    ),
    endWithLine: int | None = Query(
        None, ge=0, le=INT32_MAX, description="Filter by by LineNumber LessEqual EndWithLine."
    ),
    freezeDateTime: str | None = Query(None, description=value_description("freezeDateTime")),
    freezeDateTimeCondition: str | None = Query(None, description=condition_description("freezeDateTime")),
    lastModifiedDateTime: str | None = Query(None, description=value_description("lastModifiedDateTime")),
    lastModifiedDateTimeCondition: str | None = Query(None, description=condition_description("lastModifiedDateTime")),
    expirationDateTime: str | None = Query(None, description=value_description("expirationDateTime")),
    expirationDateTimeCondition: str | None = Query(None, description=condition_description("expirationDateTime")),
    status: StocktakeLineStatus | None = Query(None, description="Filter by StocktakeLineStatus."),
) -> service.CountFilters:
    """Filters on the count (warehouse, status, dates) select counts; filters on lines select the counts with a
    matching line, and the lines shown."""
    return service.CountFilters(
        warehouse=warehouse,
        summary_status=summaryStatus.value if summaryStatus else None,
        frozen=date_condition("freezeDateTime", freezeDateTime, freezeDateTimeCondition),
        modified=date_condition("lastModifiedDateTime", lastModifiedDateTime, lastModifiedDateTimeCondition),
        lines=service.LineFilters(
            location=location,
            inventory=inventory,
            lot_serial=lotSerialNumber,
            status=status.value if status else None,
            start_line=startWithLine,
            end_line=endWithLine,
            expiration=date_condition("expirationDateTime", expirationDateTime, expirationDateTimeCondition),
        ),
    )


@router.get(
    "",
    response_model=list[StocktakeV2Dto],
    summary="Get a range of stocktakes - ScreenId=IN305000",
    description="Paged: every element carries `metadata: {totalCount, maxPageSize}`. Line filters (location, "
    "inventory, lotSerialNumber, status, startWithLine, endWithLine, expirationDateTime) list the counts with a "
    "matching line and show only the matching lines.",
)
def list_stocktakes(
    request: Request,
    context=Depends(company_context),
    filters: service.CountFilters = Depends(count_filters),
    page: Page = Depends(paging(service.MAX_PAGE_SIZE)),
) -> Response:
    result = service.list_counts(request.app.state.db, company_id=context.company_id, filters=filters, page=page)
    line_filters = filters.lines if filters.lines.any() else None
    return json_response(with_metadata([stocktake_dto(c, line_filters) for c in result.rows], result))


@router.get("/{referenceNumber}", response_model=StocktakeV2Dto, summary="Get a specific")
def get_stocktake(request: Request, ref_nbr: ReferenceNumber, context=Depends(company_context)) -> Response:
    count = service.get_count(request.app.state.db, company_id=context.company_id, ref_nbr=ref_nbr)
    return json_response(stocktake_dto(count), headers=etag_header(count.row_version))


@router.put(
    "/{referenceNumber}",
    status_code=204,
    response_class=Response,
    responses={**UPDATED_RESPONSE, **_REFUSED},
    summary="Update a specific stocktake",
    description="Counted quantities (`physicalQuantity`) by `lineNbr`, or by `inventoryId`, `locationId` and "
    "`lotSerialNumber`; Insert adds a place the count did not find (book quantity 0), Delete removes such a line. "
    "Completing a count is not an API operation: `nettfin admin stocktake complete`.",
)
def update_stocktake(
    request: Request,
    body: StocktakeUpdateDto,
    ref_nbr: ReferenceNumber,
    if_match: IfMatch = None,
    context=Depends(company_context),
) -> Response:
    changes = [_line_change(line) for line in body.lines or []]
    db = request.app.state.db
    count = service.update(db, company_id=context.company_id, ref_nbr=ref_nbr, changes=changes, if_match=if_match)
    return updated(row_version=count.row_version, dto=body)


def _line_change(line) -> service.LineChange:
    sent = line.changes()
    expiration = sent.get("expirationDate")
    operation = sent.get("operation")
    return service.LineChange(
        operation=operation.value if operation else None,
        line_nbr=sent.get("lineNbr"),
        physical_quantity=sent.get("physicalQuantity"),
        inventory=sent.get("inventoryId"),
        location=sent.get("locationId"),
        reason_code=sent.get("reasonCode"),
        lot_serial=sent.get("lotSerialNumber"),
        expiration=expiration.date() if isinstance(expiration, datetime) else expiration,
        sent=frozenset(sent),
    )


def stocktake_dto(count: Stocktake, line_filters: service.LineFilters | None = None) -> dict:
    lines = [x for x in count.lines if line_filters is None or line_filters.matches(x)]
    return {
        "referenceNbr": count.ref_nbr,
        "description": count.description or None,
        "summaryStatus": count.status,
        "freezeDate": format_datetime(count.frozen_at),
        "numberOfLines": len(count.lines),
        "physicalQty": _quantity(sum((x.physical_quantity or ZERO for x in count.lines), ZERO)),
        "varianceQty": _quantity(sum((x.variance_quantity for x in count.lines), ZERO)),
        "varianceCost": sum((_variance_cost(x) for x in count.lines), ZERO),
        "lastModifiedDateTime": format_datetime(count.last_modified_at),
        "lines": [_line_dto(count, x) for x in lines],
        "timestamp": time_stamp(count.row_version),
        "errorInfo": None,
    }


def _quantity(value: Decimal) -> Decimal:
    return value.quantize(_QUANTITY)


def _variance_cost(line: StocktakeLine):
    return (line.variance_quantity * line.unit_cost).quantize(ZERO.scaleb(-2))


def _line_dto(count: Stocktake, x: StocktakeLine) -> dict:
    location = x.location
    expiration = x.expiration_date
    return {
        "status": x.status,
        "lineNbr": x.line_nbr,
        "tagNbr": x.tag_nbr,
        "inventory": {"internalId": x.item.id, "id": x.item.number, "description": x.item.description},
        "location": (
            {"internalId": location.id, "id": location.location_cd, "description": location.description or None}
            if location is not None
            else None
        ),
        "warehouse": {"id": count.warehouse.warehouse_id, "description": count.warehouse.description or None},
        "lotSerialNbr": x.lot_serial or None,
        "expirationDate": format_datetime(datetime(expiration.year, expiration.month, expiration.day, tzinfo=UTC))
        if expiration
        else None,
        "bookQuantity": x.book_quantity,
        "physicalQuantity": x.physical_quantity,
        "varianceQuantity": _quantity(x.variance_quantity),
        "unitCost": x.unit_cost,
        "extVarianceCost": _variance_cost(x),
        "reasonCode": x.reason_code,
        "lastModifiedDateTime": format_datetime(x.last_modified_at),
        "baseUnit": x.item.base_unit,
    }
