"""Time card endpoints (EP305000): HTTP only."""

from __future__ import annotations

import uuid

from fastapi import APIRouter, Depends, Query, Request
from starlette.responses import Response

from ..identity.auth import CompanyContext, company_context
from ..kit.checks import INT32_MAX
from ..kit.conditions import condition_description, date_condition, value_description
from ..kit.errors import BusinessError
from ..kit.keys import ResourceKey
from ..kit.render import format_datetime, json_response, time_stamp
from ..kit.responses import CREATED_RESPONSE, UPDATED_RESPONSE, IfMatch, created, etag_header, updated
from . import cards
from .card_lines import line_minutes, line_quantity, totals
from .models import WEEKDAYS, EarningType, TimeCard, TimeCardMaterial, TimeCardSummary
from .schemas import TimeCardActionResultDto, TimeCardDto, TimeCardStatus, TimeCardType, TimeCardUpdateDto
from .weeks import WEEK_FORMAT, parse_week, week_description, week_number

router = APIRouter(prefix="/v1/timeCard", tags=["Time Card"])

# A summary line's lineId is a Guid in the real service: derived from the line's row, so it is stable.
LINE_ID_NAMESPACE = uuid.UUID("6e657474-6669-6e00-7469-6d656c696e65")
_RULE = (
    "The token's user must be the employee, or hold a delegation (the company tree's \"=>\") for a work group "
    "the employee is a member of or one above it; otherwise 400 `You cannot create timecards for the selected "
    "user. Please review the company tree.`"
)


# The list's filters are shared with /employee/{EmployeeCd}/timecards, where the path is filter enough.
_A_FILTER = (
    " GET /timeCard requires at least one of status, week, type, employeeCd or lastModifiedDateTime (400 otherwise)."
)


def time_card_filters(
    status: TimeCardStatus | None = Query(None, description="The status of the document." + _A_FILTER),
    week: str | None = Query(None, description=f"The week of the time card: {WEEK_FORMAT}." + _A_FILTER),
    type: TimeCardType | None = Query(None, description="Normal, Correction or NormalCorrected." + _A_FILTER),
    greaterThanValue: str | None = Query(
        None, description="Reference numbers after this value (not one of those filters)."
    ),
    lastModifiedDateTime: str | None = Query(None, description=value_description("lastModifiedDateTime") + _A_FILTER),
    lastModifiedDateTimeCondition: str | None = Query(None, description=condition_description("lastModifiedDateTime")),
    employeeCd: str | None = Query(None, description="The employee ID." + _A_FILTER),
) -> cards.TimeCardFilters:
    parsed = None
    if week is not None:
        parsed = parse_week(week)
        if parsed is None:
            raise BusinessError(
                f"The value '{week}' of parameter 'week' is not a valid week; give it as {WEEK_FORMAT}."
            )
    return cards.TimeCardFilters(
        status=status.value if status else None,
        week=parsed,
        card_type=type.value if type else None,
        employee=employeeCd.strip() if employeeCd and employeeCd.strip() else None,
        greater_than=greaterThanValue,
        modified=date_condition("lastModifiedDateTime", lastModifiedDateTime, lastModifiedDateTimeCondition),
    )


def time_card_window(
    numberToRead: int | None = Query(
        None, le=INT32_MAX, ge=1, deprecated=True, description="At most this many time cards."
    ),
    skipRecords: int | None = Query(
        None, le=INT32_MAX, ge=0, deprecated=True, description="Skip this many time cards first."
    ),
    orderBy: str | None = Query(None, deprecated=True, description="Deprecated; has no effect."),
) -> cards.Window:
    return cards.Window(skip=skipRecords, read=numberToRead)


@router.get(
    "",
    response_model=list[TimeCardDto],
    summary="Get all employee time cards, a filter needs to be specified - ScreenId=EP305000",
    description=(
        "Not paged. Give at least one of `status`, `week`, `type`, `employeeCd` or `lastModifiedDateTime`; "
        "without one, 400."
    ),
)
def list_time_cards(
    request: Request,
    context: CompanyContext = Depends(company_context),
    filters: cards.TimeCardFilters = Depends(time_card_filters),
    window: cards.Window = Depends(time_card_window),
) -> Response:
    found = cards.list_time_cards(request.app.state.db, company_id=context.company_id, filters=filters, window=window)
    return json_response([time_card_dto(card) for card in found])


@router.get("/{referenceNumber}", response_model=TimeCardDto, summary="Get a specific employee time card")
def get_time_card(
    request: Request, referenceNumber: ResourceKey, context: CompanyContext = Depends(company_context)
) -> Response:
    card = cards.get_time_card(request.app.state.db, company_id=context.company_id, ref_nbr=referenceNumber)
    return json_response(time_card_dto(card), headers=etag_header(card.row_version))


@router.post(
    "",
    status_code=201,
    responses=CREATED_RESPONSE,
    response_class=Response,
    summary="Creates a time card",
    description=(
        "201 with an absolute Location whose last segment is the new reference number. The card is on Hold; "
        "its week is `week` (nettfin's addition, YYYYWW), or the week after the employee's latest card. A "
        f"`refNbr` naming a released card creates its correction. {_RULE}"
    ),
)
def create_time_card(
    request: Request, timeCard: TimeCardUpdateDto, context: CompanyContext = Depends(company_context)
) -> Response:
    saved = cards.create_time_card(
        request.app.state.db, company_id=context.company_id, user_id=context.user_id, dto=timeCard
    )
    return created(request, saved.ref_nbr, row_version=saved.row_version, dto=timeCard)


@router.put(
    "/{referenceNumber}",
    status_code=204,
    response_class=Response,
    responses=UPDATED_RESPONSE,
    summary="Updates a specific time card",
    description=f"Only a card on Hold can be changed. {_RULE}",
)
def update_time_card(
    request: Request,
    referenceNumber: ResourceKey,
    timeCard: TimeCardUpdateDto,
    if_match: IfMatch = None,
    context: CompanyContext = Depends(company_context),
) -> Response:
    saved, ignored = cards.update_time_card(
        request.app.state.db,
        company_id=context.company_id,
        user_id=context.user_id,
        ref_nbr=referenceNumber,
        dto=timeCard,
        if_match=if_match,
    )
    return updated(row_version=saved.row_version, dto=timeCard, ignored=ignored)


def _action(request: Request, context: CompanyContext, ref_nbr: str, action: str, if_match: str | None) -> Response:
    card = cards.run_action(
        request.app.state.db,
        company_id=context.company_id,
        user_id=context.user_id,
        ref_nbr=ref_nbr,
        action=action,
        if_match=if_match,
    )
    result = {"actionId": str(uuid.uuid4()), "actionResult": "Done", "errorInfo": None}
    return json_response(result, headers=etag_header(card.row_version))


@router.post(
    "/{timeCardCd}/action/submit",
    response_model=TimeCardActionResultDto,
    summary="Submit time card operation",
    description="A card on Hold becomes Open (sent to approval).",
)
def submit_time_card(
    request: Request,
    timeCardCd: ResourceKey,
    if_match: IfMatch = None,
    context: CompanyContext = Depends(company_context),
) -> Response:
    return _action(request, context, timeCardCd, "submit", if_match)


@router.post(
    "/{timeCardCd}/action/approval",
    response_model=TimeCardActionResultDto,
    summary="Send time card to approval",
    description=(
        "An Open card goes to its approver in the company tree: an owner of a work group the employee is a "
        "member of (or of a group above it) approves it; when the tree names nobody, it is Rejected."
    ),
)
def send_time_card_to_approval(
    request: Request,
    timeCardCd: ResourceKey,
    if_match: IfMatch = None,
    context: CompanyContext = Depends(company_context),
) -> Response:
    return _action(request, context, timeCardCd, "approval", if_match)


@router.post(
    "/{timeCardCd}/action/hold",
    response_model=TimeCardActionResultDto,
    summary="Put timecard on hold",
    description="An Open, Approved or Rejected card goes back to Hold, to be changed.",
)
def put_time_card_on_hold(
    request: Request,
    timeCardCd: ResourceKey,
    if_match: IfMatch = None,
    context: CompanyContext = Depends(company_context),
) -> Response:
    return _action(request, context, timeCardCd, "hold", if_match)


def time_card_dto(card: TimeCard) -> dict:
    total = totals(card)
    employee = card.employee
    return {
        "refNbr": card.ref_nbr,
        "status": card.status,
        "approvalStatus": card.approval_status,
        "approvalStatusText": card.approval_text,
        "week": {"number": week_number(card.week), "description": week_description(card.week)},
        "employee": {"internalId": str(employee.id), "number": employee.number, "name": employee.name},
        "type": card.card_type,
        "origRefNbr": card.original.ref_nbr if card.original else None,
        "timeSpent": total.time_spent,
        "invoiceable": total.invoiceable,
        "overtimeSpent": total.overtime_spent,
        "invoiceableOvertime": total.invoiceable_overtime,
        "totalTimeSpent": total.time_spent + total.overtime_spent,
        "invoiceableTotalTime": total.invoiceable + total.invoiceable_overtime,
        "lastModifiedDateTime": format_datetime(card.last_modified_at),
        "summary": [_summary_dto(card, line) for line in sorted(card.summary, key=lambda x: x.line_number)],
        "materials": [_material_dto(line) for line in sorted(card.materials, key=lambda x: x.line_number)],
        "timeStamp": time_stamp(card.row_version),
        "errorInfo": None,
    }


def _summary_dto(card: TimeCard, line: TimeCardSummary) -> dict:
    return {
        "lineNumber": line.line_number,
        "lineId": str(uuid.uuid5(LINE_ID_NAMESPACE, str(line.id))),
        "earningType": earning_type_dto(line.earning_type),
        "project": _project(line.project),
        "projectTask": _project(line.project_task),
        **{day: getattr(line, day) for day in WEEKDAYS},
        "invoiceable": line.invoiceable,
        "timeSpent": line_minutes(line),
        "description": line.description,
        "approvalStatus": card.approval_status,
        "approver": card.approver,
        "approvalStatusText": card.approval_text,
        "lastModifiedDateTime": format_datetime(line.last_modified_at),
    }


def _material_dto(line: TimeCardMaterial) -> dict:
    return {
        "lineNumber": line.line_number,
        "itemId": line.item_id,
        "description": line.description,
        "uoM": line.uom,
        "project": _project(line.project),
        "projectTask": _project(line.project_task),
        **{day: getattr(line, day) for day in WEEKDAYS},
        "totalQty": line_quantity(line),
        "lastModifiedDateTime": format_datetime(line.last_modified_at),
    }


def earning_type_dto(earning: EarningType) -> dict:
    return {
        "code": earning.code,
        "description": earning.description,
        "isOvertime": earning.is_overtime,
        "isBillable": earning.is_billable,
        "isActive": earning.is_active,
        "overtimeMultiplier": earning.overtime_multiplier,
        "lastModifiedDateTime": format_datetime(earning.last_modified_at),
    }


def _project(code: str | None) -> dict | None:
    # Projects are not served: no internalId (a .NET int that cannot be null) and no description.
    return None if code is None else {"id": code, "description": None}
