"""Time card use cases (EP305000): list, read, create, update, the actions submit, approval and hold, and
release, with the service's wording.

The flow: a new card is on Hold; `submit` makes it Open; `approval` sends it to its approver in the company
tree, which approves it (Approved) or, when the tree names nobody, rejects it (Rejected); `hold` takes an
Open, Approved or Rejected card back to Hold for changes; release (the administrator's, not the API's) makes an
Approved card Released. A released card is changed by a correction: a POST whose `refNbr` names it.

Whoever creates, changes or acts on a card must be allowed by the company tree (`tree.check_company_tree`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from ..db.base import utcnow
from ..db.engine import Database
from ..kit import messages
from ..kit.changes import bump_version
from ..kit.conditions import DateCondition
from ..kit.errors import BusinessError, NotFound, record_errors
from ..kit.responses import check_if_match
from ..numbering.service import next_document_number
from .card_lines import apply_materials, apply_summary, copy_lines, day_problems
from .earnings import earning_types, ensure_earning_types
from .models import Employee, TimeCard
from .schemas import TimeCardUpdateDto
from .tree import check_company_tree, find_approver
from .weeks import WEEK_FORMAT, next_week, parse_week, week_description, week_of

RESOURCE = "timecard"
SERIES = "TIMECARD"
_RECORD = {"entity": "time card", "record": "Time Card"}
FILTER_REQUIRED = (
    "Getting time cards needs a filter: give at least one of status, week, type, employeeCd, or "
    "lastModifiedDateTime with lastModifiedDateTimeCondition."
)


@dataclass(frozen=True)
class TimeCardFilters:
    status: str | None = None
    week: int | None = None
    card_type: str | None = None
    employee: str | None = None
    greater_than: str | None = None
    modified: DateCondition | None = None

    @property
    def selects(self) -> bool:
        """Whether a filter the real service accepts as "a filter" is given (greaterThanValue is not one)."""
        return any(v is not None for v in (self.status, self.week, self.card_type, self.employee, self.modified))

    def conditions(self) -> list:
        found = []
        if self.status:
            found.append(TimeCard.status == self.status)
        if self.week is not None:
            found.append(TimeCard.week == self.week)
        if self.card_type:
            found.append(TimeCard.card_type == self.card_type)
        if self.employee is not None:
            found.append(TimeCard.employee.has(Employee.number == self.employee))
        if self.greater_than:
            found.append(TimeCard.ref_nbr > self.greater_than)
        if self.modified:
            found.append(self.modified.apply(TimeCard.last_modified_at))
        return found


@dataclass(frozen=True)
class Window:
    """The deprecated `skipRecords` and `numberToRead`, which apply because the list is not paged."""

    skip: int | None = None
    read: int | None = None


def list_time_cards(db: Database, *, company_id: int, filters: TimeCardFilters, window: Window) -> list[TimeCard]:
    if not filters.selects:
        raise BusinessError(FILTER_REQUIRED)
    with db.reading() as session:
        return _select_cards(session, company_id, filters, window)


def list_employee_time_cards(
    db: Database, *, company_id: int, number: str, filters: TimeCardFilters, window: Window
) -> list[TimeCard]:
    """The employee's cards: the path names the employee, so no other filter is needed."""
    with db.reading() as session:
        _employee(session, company_id, number, not_found=True)
        return _select_cards(session, company_id, replace(filters, employee=number), window)


def _select_cards(session: Session, company_id: int, filters: TimeCardFilters, window: Window) -> list[TimeCard]:
    statement = (
        select(TimeCard)
        .where(TimeCard.company_id == company_id, *filters.conditions())
        .order_by(TimeCard.ref_nbr, TimeCard.id)
        .offset(window.skip or None)
        .limit(window.read)
    )
    return list(session.scalars(statement).unique())


def get_time_card(db: Database, *, company_id: int, ref_nbr: str) -> TimeCard:
    with db.reading() as session:
        return _find(session, company_id, ref_nbr)


def create_time_card(db: Database, *, company_id: int, user_id: int, dto: TimeCardUpdateDto) -> TimeCard:
    """A new card on Hold for the employee the body names (the caller's own employee record when it names
    none), or a correction of the released card its `refNbr` names."""
    changes = dto.changes()
    with db.writing() as session:
        ensure_earning_types(session, company_id=company_id)
        original, problems = _original(session, company_id, changes.get("refNbr"))
        employee, employee_problems = _employee_for(session, company_id, user_id, changes, original)
        problems += employee_problems
        if problems:
            raise record_errors(action="inserting", errors=problems, **_RECORD)
        check_company_tree(session, company_id=company_id, user_id=user_id, employee=employee)
        card = TimeCard(company_id=company_id, employee=employee, status="Hold", approval_status="New")
        card.card_type, card.original = ("Correction", original) if original else ("Normal", None)
        if original:
            copy_lines(original, card)
        problems = _apply_week(session, card, changes, inserting=True) + _apply_lines(session, card, changes)
        if problems:
            raise record_errors(action="inserting", errors=problems, **_RECORD)
        card.ref_nbr = _next_ref_nbr(session, company_id)
        card.created_at = card.last_modified_at = utcnow()
        session.add(card)
        try:
            session.flush()
        except IntegrityError:
            # Another transaction created this employee's card for the week between our check and our insert.
            raise record_errors(action="inserting", errors=[_duplicate_week(card, None)], **_RECORD) from None
        bump_version(session, company_id=company_id, resource=RESOURCE)
        return card


def update_time_card(
    db: Database, *, company_id: int, user_id: int, ref_nbr: str, dto: TimeCardUpdateDto, if_match: str | None
) -> tuple[TimeCard, list[str]]:
    changes = dto.changes()
    with db.writing() as session:
        card = _find(session, company_id, ref_nbr, for_update=True)
        check_if_match(if_match, card.row_version)
        check_company_tree(session, company_id=company_id, user_id=user_id, employee=card.employee)
        if card.status != "Hold":
            raise record_errors(action="updating", errors=[_not_on_hold(card)], **_RECORD)
        ignored = ["refNbr"] if (changes.get("refNbr") or card.ref_nbr).strip() != card.ref_nbr else []
        problems = []
        if (changes.get("employee") or card.employee.number).strip() != card.employee.number:
            problems.append(
                f"The employee of a time card cannot be changed; create a time card for employee "
                f"'{changes['employee'].strip()}' instead."
            )
        # Nothing reaches the database before every problem is known (the week's check is a query).
        with session.no_autoflush:
            problems += _apply_week(session, card, changes, inserting=False) + _apply_lines(session, card, changes)
        if problems:
            raise record_errors(action="updating", errors=problems, **_RECORD)
        card.last_modified_at = utcnow()
        bump_version(session, company_id=company_id, resource=RESOURCE)
        try:
            session.flush()
        except IntegrityError:
            # Another transaction took the employee's week between our check and our update.
            raise record_errors(action="updating", errors=[_duplicate_week(card, None)], **_RECORD) from None
        return card, ignored


def run_action(
    db: Database, *, company_id: int, user_id: int, ref_nbr: str, action: str, if_match: str | None
) -> TimeCard:
    """`submit`, `approval` or `hold`, for a user the company tree allows."""
    with db.writing() as session:
        card = _find(session, company_id, ref_nbr, for_update=True)
        check_if_match(if_match, card.row_version)
        check_company_tree(session, company_id=company_id, user_id=user_id, employee=card.employee)
        ACTIONS[action](session, card)
        return _touched(session, card)


def release_time_card(session: Session, *, company_id: int, ref_nbr: str) -> TimeCard:
    """Release an Approved card (Release Time Cards, EP505010); a released correction marks the card it
    corrects NormalCorrected. Not an API action: `nettfin admin timecard release` and the demo use it."""
    card = _find(session, company_id, ref_nbr, for_update=True)
    _require(card, "Approved", "released", "only an approved time card can be released")
    card.status = "Released"
    if card.original is not None and card.original.card_type == "Normal":
        card.original.card_type = "NormalCorrected"
        card.original.last_modified_at = utcnow()
    return _touched(session, card)


def _submit(_session: Session, card: TimeCard) -> None:
    _require(card, "Hold", "submitted", "only a time card on hold can be submitted")
    card.status, card.approval_status = "Open", "SentToApproval"
    card.approval_text = card.approver = None


def _send_to_approval(session: Session, card: TimeCard) -> None:
    """The company tree's approver decides: an owner of the employee's group, or of a group above it. When
    the tree names nobody, the approval map's "no approver found" rule rejects the card."""
    _require(card, "Open", "sent to approval", "submit it first; only an open time card goes to approval")
    found = find_approver(session, company_id=card.company_id, employee=card.employee)
    if found is None:
        card.status, card.approval_status, card.approver = "Rejected", "RejectedInApproval", None
        card.approval_text = (
            f"Rejected: the company tree names no approver for employee '{card.employee.number}' (no other owner "
            "of its work groups or of the groups above them)."
        )
        return
    approver, group = found
    card.status, card.approval_status, card.approver = "Approved", "ApprovedInApproval", approver.number
    card.approval_text = f"Approved by {approver.name} ({approver.number}), owner of work group '{group}'."


def _put_on_hold(_session: Session, card: TimeCard) -> None:
    if card.status == "Released":
        raise BusinessError(
            f"Time card '{card.ref_nbr}' is released and cannot be put on hold; correct it with a POST whose "
            f"refNbr is '{card.ref_nbr}'."
        )
    _require(card, ("Open", "Approved", "Rejected"), "put on hold", "it is on hold already")
    card.status, card.approval_status = "Hold", "New"
    card.approval_text = card.approver = None


ACTIONS: dict[str, Callable[[Session, TimeCard], None]] = {
    "submit": _submit,
    "approval": _send_to_approval,
    "hold": _put_on_hold,
}


def _require(card: TimeCard, statuses: str | tuple[str, ...], verb: str, why: str) -> None:
    if card.status not in (statuses if isinstance(statuses, tuple) else (statuses,)):
        raise BusinessError(f"Time card '{card.ref_nbr}' cannot be {verb}: its status is {card.status}; {why}.")


def _touched(session: Session, card: TimeCard) -> TimeCard:
    card.last_modified_at = utcnow()
    bump_version(session, company_id=card.company_id, resource=RESOURCE)
    session.flush()
    return card


def _not_on_hold(card: TimeCard) -> str:
    if card.status == "Released":
        return (
            f"Time card '{card.ref_nbr}' is released and cannot be changed; correct it with a POST whose refNbr "
            f"is '{card.ref_nbr}'."
        )
    return f"Time card '{card.ref_nbr}' is {card.status} and cannot be changed; put it on hold first (action/hold)."


def _find(session: Session, company_id: int, ref_nbr: str, *, for_update: bool = False) -> TimeCard:
    statement = select(TimeCard).where(TimeCard.company_id == company_id, TimeCard.ref_nbr == ref_nbr)
    if for_update:
        statement = statement.with_for_update(of=TimeCard)
    card = session.scalars(statement).unique().first()
    if card is None:
        raise NotFound(messages.not_found("Time card", ref_nbr))
    return card


def _original(session: Session, company_id: int, ref_nbr: str | None) -> tuple[TimeCard | None, list[str]]:
    """The released card a POST corrects, named by its refNbr."""
    ref_nbr = (ref_nbr or "").strip()
    if not ref_nbr:
        return None, []
    try:
        original = _find(session, company_id, ref_nbr)
    except NotFound:
        return None, [f"Time card '{ref_nbr}' cannot be found in the system (a POST's refNbr names a card to correct)."]
    if original.status != "Released":
        return None, [f"Time card '{ref_nbr}' is {original.status}; only a released time card can be corrected."]
    corrected_by = session.scalar(select(TimeCard.ref_nbr).where(TimeCard.original_id == original.id))
    if corrected_by is not None:
        return None, [f"Time card '{ref_nbr}' is already corrected by '{corrected_by}'; correct that one instead."]
    return original, []


def _employee_for(
    session: Session, company_id: int, user_id: int, changes: dict, original: TimeCard | None
) -> tuple[Employee | None, list[str]]:
    number = (changes.get("employee") or "").strip()
    if original is not None:
        if number and number != original.employee.number:
            return None, [f"A correction is for the employee of the card it corrects, '{original.employee.number}'."]
        return original.employee, []
    if not number:
        own = session.scalars(
            select(Employee).where(Employee.company_id == company_id, Employee.user_id == user_id)
        ).first()
        return own, [] if own else ["'Employee' cannot be empty."]
    employee = _employee(session, company_id, number)
    if employee is None:
        return None, [messages.cannot_be_found("Employee", number)]
    if employee.status == "Inactive":
        return None, [f"Employee '{number}' is inactive."]
    return employee, []


def _employee(session: Session, company_id: int, number: str, *, not_found: bool = False) -> Employee | None:
    employee = session.scalars(
        select(Employee).where(Employee.company_id == company_id, Employee.number == number)
    ).first()
    if employee is None and not_found:
        raise NotFound(messages.not_found("Employee", number))
    return employee


def _apply_week(session: Session, card: TimeCard, changes: dict, *, inserting: bool) -> list[str]:
    if "week" in changes and (changes["week"] or "").strip():
        week = parse_week(changes["week"])
        if week is None:
            return [f"'Week' '{changes['week']}' is not a valid week; give it as {WEEK_FORMAT}."]
        if card.original is not None and week != card.original.week:
            return [f"A correction is for the week of the card it corrects, {card.original.week:06d}."]
        card.week = week
    elif card.original is not None:
        card.week = card.original.week
    elif inserting:
        card.week = _default_week(session, card)
    if card.original is None:
        taken = session.scalar(
            select(TimeCard.ref_nbr).where(
                TimeCard.company_id == card.company_id,
                TimeCard.employee_id == card.employee.id,
                TimeCard.week == card.week,
                TimeCard.original_id.is_(None),
                TimeCard.id != (card.id or 0),
            )
        )
        if taken is not None:
            return [_duplicate_week(card, taken)]
    return []


def _default_week(session: Session, card: TimeCard) -> int:
    """The week after the employee's latest card, or the current week for a first card (as EP305000 does)."""
    latest = session.scalar(
        select(func.max(TimeCard.week)).where(
            TimeCard.company_id == card.company_id, TimeCard.employee_id == card.employee.id
        )
    )
    return week_of(utcnow().date()) if latest is None else next_week(latest)


def _duplicate_week(card: TimeCard, taken: str | None) -> str:
    which = f" ('{taken}')" if taken else ""
    return (
        f"Employee '{card.employee.number}' already has a time card for week {week_description(card.week)}{which}; "
        "one time card per employee and week. Change that card, or correct it once it is released."
    )


def _apply_lines(session: Session, card: TimeCard, changes: dict) -> list[str]:
    problems = []
    if changes.get("summary"):
        problems += apply_summary(session, card, changes["summary"], earning_types(session, card.company_id))
    if changes.get("materials"):
        problems += apply_materials(session, card, changes["materials"])
    return problems + day_problems(card)


def _next_ref_nbr(session: Session, company_id: int) -> str:
    """The next number of the company's TIMECARD series (`000001`), the series made on the first card."""
    return next_document_number(
        session, company_id=company_id, series_id=SERIES, description="Time cards", column=TimeCard.ref_nbr
    )
