"""Time card endpoints (EP305000): HTTP only. The routes come from the declaration below
(`kit.document_routes`): a list that is not paged, and actions (submit, approval, hold) instead of a release;
the renderer is here (the employee's time cards use it too)."""

from __future__ import annotations

import uuid
from collections.abc import Callable

from fastapi import Depends, Query

from ..identity.auth import company_context
from ..kit.checks import INT32_MAX
from ..kit.conditions import condition_description, date_condition, value_description
from ..kit.document_routes import Action, DocumentKey, DocumentResource, DocumentTexts, document_router
from ..kit.errors import BusinessError
from ..kit.render import format_datetime, time_stamp
from . import cards
from .card_lines import line_minutes, line_quantity, totals
from .models import WEEKDAYS, EarningType, TimeCard, TimeCardMaterial, TimeCardSummary
from .schemas import TimeCardActionResultDto, TimeCardDto, TimeCardStatus, TimeCardType, TimeCardUpdateDto
from .weeks import WEEK_FORMAT, parse_week, week_description, week_number

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


async def time_card_filters(
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


async def time_card_window(
    numberToRead: int | None = Query(
        None, le=INT32_MAX, ge=1, deprecated=True, description="At most this many time cards."
    ),
    skipRecords: int | None = Query(
        None, le=INT32_MAX, ge=0, deprecated=True, description="Skip this many time cards first."
    ),
    orderBy: str | None = Query(None, deprecated=True, description="Deprecated; has no effect."),
) -> cards.Window:
    return cards.Window(skip=skipRecords, read=numberToRead)


async def time_card_list(
    filters: cards.TimeCardFilters = Depends(time_card_filters),
    window: cards.Window = Depends(time_card_window),
) -> tuple[cards.TimeCardFilters, cards.Window]:
    """The list's query: its filters and the deprecated window (the list is not paged)."""
    return filters, window


class TimeCards:
    """The use cases of time cards, for the declaration below: writes and actions are the call's user's, whom the
    company tree must allow."""

    def list(self, db, *, company_id, context, filters, page, view):
        chosen, window = filters
        found = cards.list_time_cards(db, company_id=company_id, filters=chosen, window=window)
        return [time_card_dto(card) for card in found], None

    def get(self, db, *, company_id, context, key: DocumentKey, view):
        card = cards.get_time_card(db, company_id=company_id, ref_nbr=key.number)
        return time_card_dto(card), card.row_version

    def create(self, db, *, company_id, context, dto):
        return cards.create_time_card(db, company_id=company_id, user_id=context.user_id, dto=dto), ()

    def update(self, db, *, company_id, context, key: DocumentKey, dto, if_match):
        return cards.update_time_card(
            db, company_id=company_id, user_id=context.user_id, ref_nbr=key.number, dto=dto, if_match=if_match
        )

    def action(self, name: str) -> Callable[..., TimeCard]:
        """The use case of the action `name` (`submit`, `approval`, `hold`)."""

        def run(db, *, company_id, context, key: DocumentKey, if_match) -> TimeCard:
            return cards.run_action(
                db, company_id=company_id, user_id=context.user_id, ref_nbr=key.number, action=name, if_match=if_match
            )

        return run

    def number(self, card: TimeCard) -> str:
        return card.ref_nbr


_CARDS = TimeCards()


def _action(name: str, summary: str, description: str) -> Action:
    # The real actions name the key `timeCardCd` (GET and PUT: `referenceNumber`) and answer their own result DTO.
    return Action(
        name,
        summary,
        _CARDS.action(name),
        description=description,
        result_dto=TimeCardActionResultDto,
        key_param="timeCardCd",
    )


TIME_CARDS = DocumentResource(
    path="/v1/timeCard",
    tag="Time Card",
    key_param="referenceNumber",
    key_description="",
    documents=_CARDS,
    read_dto=TimeCardDto,
    write_dto=TimeCardUpdateDto,
    texts=DocumentTexts(
        list="Get all employee time cards, a filter needs to be specified - ScreenId=EP305000",
        get="Get a specific employee time card",
        create="Creates a time card",
        update="Updates a specific time card",
        list_notes=(
            "Not paged. Give at least one of `status`, `week`, `type`, `employeeCd` or `lastModifiedDateTime`; "
            "without one, 400."
        ),
        create_notes=(
            "201 with an absolute Location whose last segment is the new reference number. The card is on Hold; "
            "its week is `week` (nettfin's addition, YYYYWW), or the week after the employee's latest card. A "
            f"`refNbr` naming a released card creates its correction. {_RULE}"
        ),
        update_notes=f"Only a card on Hold can be changed. {_RULE}",
    ),
    filters=time_card_list,
    paged=False,
    operations=frozenset({"list", "get", "create", "update"}),
    actions=(
        _action("submit", "Submit time card operation", "A card on Hold becomes Open (sent to approval)."),
        _action(
            "approval",
            "Send time card to approval",
            "An Open card goes to its approver in the company tree: an owner of a work group the employee is a "
            "member of (or of a group above it) approves it; when the tree names nobody, it is Rejected.",
        ),
        _action("hold", "Put timecard on hold", "An Open, Approved or Rejected card goes back to Hold, to be changed."),
    ),
)
(router,) = document_router(TIME_CARDS, company_context)


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
    # The line keeps the code: no internalId (a .NET int that cannot be null) and no description.
    return None if code is None else {"id": code, "description": None}
