"""Discount codes (AR209000, `/v1/discountCode`, `/v2/discountCode`, read-only) and discount series (AR209500,
`/v1/discount`, `/v2/discount`): their read declarations, and the use cases of a series: create, update (the
breakpoints through kit/lines.py's operations, by `lineNbr`), delete and `updateDiscounts`.

A series' breakpoints each hold three sets of values: the current ones (in effect since the breakpoint's
`effectiveDate`), the last ones (in effect before it) and the pending ones (with their `pendingDate`). A write
gives the pending values (and, on a new breakpoint or a series not yet in effect, the current ones);
`updateDiscounts` makes the pending values current on their pending date when it is on or before the filter
date (today without one): the current values become the last ones, the pending date the effective date.
`amountTo` and `quantityTo` are the next breakpoint's break, the upper bound of the range.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from ..db.base import utcnow
from ..db.engine import Database
from ..kit import messages
from ..kit.changes import bump_version
from ..kit.checks import fits_column
from ..kit.errors import NotFound, record_errors
from ..kit.filters import DateSince, query_parameter
from ..kit.lines import LineBook, apply_line_operations
from ..kit.members import Attribute, Objects, Shape
from ..kit.records import RecordKey
from ..kit.render import DecimalNumber, format_datetime
from ..kit.resource import (
    ERROR_INFO,
    LAST_MODIFIED,
    TIME_STAMP,
    Computed,
    Equals,
    Filter,
    ModifiedSince,
    Resource,
    Texts,
)
from ..kit.responses import check_if_match
from .members import day_text
from .models import ZERO, DiscountBreakpoint, DiscountCode, DiscountSeries

CODE_RESOURCE = "discountCode"
SERIES_RESOURCE = "discount"
DISCOUNT_BY = ("Percent", "Amount", "FreeItem")
BREAK_BY = ("Quantity", "Amount")


def _stamp(attr: str):
    return lambda record: format_datetime(getattr(record, attr))


DISCOUNT_CODE = Resource(
    name=CODE_RESOURCE,
    model=DiscountCode,
    path="/v2/discountCode",
    tag="DiscountCode",
    label="Discount code",
    key=RecordKey("discountCode", DiscountCode.code, "Discount code"),
    members=(
        Attribute("discountCode", "code", description="The discount code."),
        Attribute("description", "description"),
        Attribute("discountType", "discount_type", description="Line, Group or Document."),
        Attribute("applicableTo", "applicable_to", description="What the code's series apply to."),
        Attribute("applyToDeferredRevenue", "apply_to_deferred_revenue", bool),
        Attribute("manual", "manual", bool, "Applied only when a line names the code."),
        Attribute("excludeFromDiscountableAmount", "exclude_from_discountable_amount", bool),
        Attribute("skipDocumentDiscounts", "skip_document_discounts", bool),
        Attribute("autoNumbering", "auto_numbering", bool),
        Attribute("lastNumber", "last_number"),
        Computed("createdDateTime", str, _stamp("created_at")),
        LAST_MODIFIED,
        ERROR_INFO,
    ),
    texts=Texts(list="Get a range of discount codes - ScreenId=AR209000", get=""),
    dto="DiscountCodeDto",
    operations=frozenset({"list"}),
    filters=(ModifiedSince(), DateSince("createdDateTime", "created_at"), Equals("discountCode", "code")),
)


# --- the series' read DTO ---------------------------------------------------------------------------------


def _number(attr: str):
    return lambda record: getattr(record, attr)


class _Point:
    """A breakpoint as its DTO reads it: with its series at hand (the series' flag, the next breakpoint)."""

    def __init__(self, series: DiscountSeries, breakpoint: DiscountBreakpoint) -> None:
        self.series_record = series
        self.breakpoint = breakpoint

    def __getattr__(self, name: str) -> Any:
        return getattr(self.breakpoint, name)


def _bound(breakpoint: _Point, attr: str) -> Decimal | None:
    """The next breakpoint's value of `attr` (`break_amount`, ...): the top of this one's range."""
    following = [b for b in breakpoint.series_record.breakpoints if b.line_nbr > breakpoint.line_nbr]
    values = [getattr(b, attr) for b in following if getattr(b, attr) is not None]
    return min(values) if values else None


BREAKPOINT = Shape(
    "DiscountBreakpointDto",
    (
        Computed("lineNbr", int, _number("line_nbr")),
        Computed("active", bool, lambda b: b.series_record.active),
        Computed("breakAmount", DecimalNumber, _number("break_amount")),
        Computed("amountTo", DecimalNumber, lambda b: _bound(b, "break_amount")),
        Computed("lastBreakAmount", DecimalNumber, _number("last_break_amount")),
        Computed("lastAmountTo", DecimalNumber, lambda b: _bound(b, "last_break_amount")),
        Computed("pendingBreakAmount", DecimalNumber, _number("pending_break_amount")),
        Computed("breakQuantity", DecimalNumber, _number("break_quantity")),
        Computed("quantityTo", DecimalNumber, lambda b: _bound(b, "break_quantity")),
        Computed("lastBreakQuantity", DecimalNumber, _number("last_break_quantity")),
        Computed("lastQuantityTo", DecimalNumber, lambda b: _bound(b, "last_break_quantity")),
        Computed("pendingBreakQuantity", DecimalNumber, _number("pending_break_quantity")),
        Computed("discountAmount", DecimalNumber, _number("discount_amount")),
        Computed("discountPercent", DecimalNumber, _number("discount_percent")),
        Computed("lastDiscountAmount", DecimalNumber, _number("last_discount_amount")),
        Computed("lastDiscountPercent", DecimalNumber, _number("last_discount_percent")),
        Computed("lastDiscount", DecimalNumber, _number("last_discount_amount")),
        Computed("pendingDiscountAmount", DecimalNumber, _number("pending_discount_amount")),
        Computed("pendingDiscountPercent", DecimalNumber, _number("pending_discount_percent")),
        Computed("pendingDate", str, lambda b: day_text(b.pending_date)),
        Computed("effectiveDate", str, lambda b: day_text(b.effective_date)),
    ),
)


def _code_of(attr: str, code: str):
    return lambda t: getattr(getattr(t, attr), code) if getattr(t, attr) is not None else None


class _Row:
    """One element of a series' target list, rendered from its code."""

    def __init__(self, value: str | None) -> None:
        self.value = value


def _target_shape(name: str, wire: str) -> Shape:
    return Shape(name, (Computed(wire, str, lambda row: row.value),))


def _target_list(wire: str, shape_name: str, member: str, kind: str, read) -> Objects:
    shape = _target_shape(shape_name, member)
    return Objects(wire, shape, lambda series: [_Row(read(t)) for t in series.targets if t.kind == kind])


@dataclass(frozen=True)
class SeriesFilters(Filter):
    """`discountCode` and `series`."""

    def parameters(self, resource: Resource) -> list:
        return [
            query_parameter("discountCode", str | None, description="A discount code."),
            query_parameter("series", str | None, description="A series of the code."),
        ]

    def conditions(self, resource: Resource, values: dict) -> list[Any]:
        conditions: list[Any] = []
        code = (values["discountCode"] or "").strip()
        if code:
            codes = select(DiscountCode.id).where(
                DiscountCode.company_id == DiscountSeries.company_id, DiscountCode.code == code
            )
            conditions.append(DiscountSeries.code_id.in_(codes))
        series = (values["series"] or "").strip()
        if series:
            conditions.append(DiscountSeries.series == series)
        return conditions


DISCOUNT = Resource(
    name=SERIES_RESOURCE,
    model=DiscountSeries,
    path="/v2/discount",
    tag="Discount",
    label="Discount",
    key=RecordKey("discountCode", DiscountSeries.id, "Discount"),
    members=(
        Computed("discountCode", str, lambda s: s.code.code, "The discount code."),
        Computed("series", str, lambda s: s.series, "The series."),
        Computed("description", str, lambda s: s.description or None),
        Computed("discountBy", str, lambda s: s.discount_by, "Percent, Amount or FreeItem."),
        Computed("breakBy", str, lambda s: s.break_by, "Quantity or Amount."),
        Computed("promotional", bool, lambda s: s.promotional),
        Computed("active", bool, lambda s: s.active),
        Computed("prorateDiscount", bool, lambda s: s.prorate_discount),
        Computed("effectiveDate", str, lambda s: day_text(s.effective_date)),
        Computed("expirationDate", str, lambda s: day_text(s.expiration_date)),
        Computed("lastUpdateDate", str, _stamp("last_update_date")),
        Computed("freeItem", int, lambda s: None),
        Computed("pendingFreeItem", int, lambda s: None),
        Computed("lastFreeItem", int, lambda s: None),
        Computed("lineCntr", int, lambda s: max((b.line_nbr for b in s.breakpoints), default=0)),
        Computed("createdDateTime", str, _stamp("created_at")),
        LAST_MODIFIED,
        TIME_STAMP,
        Objects("discountBreakpoints", BREAKPOINT, lambda s: [_Point(s, b) for b in s.breakpoints]),
        _target_list("customers", "DiscountCustomer2Dto", "customer", "Customer", _code_of("customer", "number")),
        _target_list("items", "DiscountItemDto", "itemId", "Item", _code_of("item", "number")),
        _target_list(
            "warehouses", "DiscountWarehouseDto", "warehouse", "Warehouse", _code_of("warehouse", "warehouse_id")
        ),
        _target_list(
            "customerPriceClasses",
            "DiscountCustomerPriceClassDto",
            "priceClassId",
            "CustomerPriceClass",
            lambda t: t.code,
        ),
        _target_list(
            "itemPriceClasses", "DiscountItemPriceClassDto", "priceClassId", "ItemPriceClass", lambda t: t.code
        ),
        _target_list("branches", "DiscountBranchDto", "branch", "Branch", lambda t: t.code),
        ERROR_INFO,
    ),
    texts=Texts(list="Get a range of discounts - ScreenId=AR209500", get=""),
    dto="DiscountDto",
    operations=frozenset({"list"}),
    filters=(ModifiedSince(), DateSince("createdDateTime", "created_at"), SeriesFilters()),
)


# --- writing a series -------------------------------------------------------------------------------------

# Wire name -> (column, label) of the breakpoint values a write may give.
_BREAKPOINT_VALUES = {
    "pendingBreakAmount": ("pending_break_amount", "Pending break amount"),
    "pendingDiscountPercent": ("pending_discount_percent", "Pending discount percent"),
    "pendingDiscountAmount": ("pending_discount_amount", "Pending discount amount"),
    "pendingBreakQuantity": ("pending_break_quantity", "Pending break quantity"),
    "breakAmount": ("break_amount", "Break amount"),
    "discountAmount": ("discount_amount", "Discount amount"),
    "discountPercent": ("discount_percent", "Discount percent"),
}
_PERCENTS = {"pendingDiscountPercent", "discountPercent"}


def find_series(session: Session, company_id: int, code: str, series: str, *, for_update: bool = False) -> Any:
    statement = (
        select(DiscountSeries)
        .join(DiscountCode, DiscountSeries.code_id == DiscountCode.id)
        .where(DiscountSeries.company_id == company_id, DiscountCode.code == code, DiscountSeries.series == series)
    )
    if for_update:
        statement = statement.with_for_update(of=DiscountSeries)
    found = session.scalars(statement).unique().first()
    if found is None:
        raise NotFound(messages.not_found("Discount", f"{code}/{series}"))
    return found


def create_series(db: Database, *, company_id: int, changes: dict) -> DiscountSeries:
    with db.writing() as session:
        code = (changes.get("discountCode") or "").strip()
        name = (changes.get("series") or "").strip()
        problems = []
        found = None
        if not code:
            problems.append(messages.cannot_be_empty("Discount code"))
        else:
            found = session.scalars(
                select(DiscountCode).where(DiscountCode.company_id == company_id, DiscountCode.code == code)
            ).first()
            if found is None:
                problems.append(messages.cannot_be_found("Discount code", code))
        if not name:
            problems.append(messages.cannot_be_empty("Series"))
        series = DiscountSeries(
            company_id=company_id,
            code=found,
            series=name,
            discount_by="Percent",
            break_by="Quantity",
            promotional=False,
            active=True,
            prorate_discount=False,
            breakpoints=[],
            targets=[],
        )
        if name:
            problems += _fits("series", name, "Series")
        if found is not None and name and _series_exists(session, found.id, name):
            problems.append(messages.already_exists("Discount", f"{code}/{name}"))
        with session.no_autoflush:
            problems += _apply(session, series, changes, inserting=True)
        if problems:
            raise record_errors(action="inserting", entity="discount", record="Discount", errors=problems)
        series.last_update_date = utcnow()
        session.add(series)
        try:
            session.flush()
        except IntegrityError:
            raise record_errors(
                action="inserting",
                entity="discount",
                record="Discount",
                errors=[messages.already_exists("Discount", f"{code}/{name}")],
            ) from None
        bump_version(session, company_id=company_id, resource=SERIES_RESOURCE)
        return series


def update_series(
    db: Database, *, company_id: int, code: str, series: str, changes: dict, if_match: str | None
) -> tuple[DiscountSeries, list[str]]:
    with db.writing() as session:
        record = find_series(session, company_id, code, series, for_update=True)
        check_if_match(if_match, record.row_version)
        ignored = [
            wire
            for wire, value in (("discountCode", code), ("series", series))
            if (changes.get(wire) or "").strip() not in ("", value)
        ]
        with session.no_autoflush:
            problems = _apply(session, record, changes, inserting=False)
        if problems:
            raise record_errors(action="updating", entity="discount", record="Discount", errors=problems)
        _touch(session, record)
        return record, ignored


def delete_series(db: Database, *, company_id: int, code: str, series: str) -> None:
    with db.writing() as session:
        session.delete(find_series(session, company_id, code, series, for_update=True))
        bump_version(session, company_id=company_id, resource=SERIES_RESOURCE)


def update_discounts(
    db: Database, *, company_id: int, code: str, series: str, day: date, if_match: str | None
) -> DiscountSeries:
    """Make the series' pending values current where their pending date is on or before `day`."""
    with db.writing() as session:
        record = find_series(session, company_id, code, series, for_update=True)
        check_if_match(if_match, record.row_version)
        for breakpoint in record.breakpoints:
            promote_pending(breakpoint, day)
        _touch(session, record)
        return record


def promote_pending(breakpoint: DiscountBreakpoint, day: date) -> bool:
    """The pending values made current when they are due on `day` (the current ones kept as the last); whether
    anything changed. A breakpoint without a pending date is due at once."""
    pending = (
        breakpoint.pending_break_amount,
        breakpoint.pending_break_quantity,
        breakpoint.pending_discount_amount,
        breakpoint.pending_discount_percent,
    )
    if all(value is None for value in pending):
        return False
    if breakpoint.pending_date is not None and breakpoint.pending_date > day:
        return False
    breakpoint.last_break_amount = breakpoint.break_amount
    breakpoint.last_break_quantity = breakpoint.break_quantity
    breakpoint.last_discount_amount = breakpoint.discount_amount
    breakpoint.last_discount_percent = breakpoint.discount_percent
    for pending_attr, attr in (
        ("pending_break_amount", "break_amount"),
        ("pending_break_quantity", "break_quantity"),
        ("pending_discount_amount", "discount_amount"),
        ("pending_discount_percent", "discount_percent"),
    ):
        value = getattr(breakpoint, pending_attr)
        if value is not None:
            setattr(breakpoint, attr, value)
        setattr(breakpoint, pending_attr, None)
    breakpoint.effective_date = breakpoint.pending_date or day
    breakpoint.pending_date = None
    return True


def _touch(session: Session, record: DiscountSeries) -> None:
    record.last_modified_at = utcnow()
    record.last_update_date = record.last_modified_at
    session.flush()
    bump_version(session, company_id=record.company_id, resource=SERIES_RESOURCE)


def _series_exists(session: Session, code_id: int, name: str) -> bool:
    statement = select(DiscountSeries.id).where(DiscountSeries.code_id == code_id, DiscountSeries.series == name)
    return session.scalar(statement) is not None


def _fits(attr: str, value: Any, label: str, model: Any = DiscountSeries) -> list[str]:
    problem = fits_column(model.__table__.c[attr], value, label)
    return [problem] if problem else []


def _apply(session: Session, series: DiscountSeries, changes: dict, *, inserting: bool) -> list[str]:
    problems: list[str] = []
    if "description" in changes:
        text = (changes["description"] or "").strip() or None
        problems += _fits("description", text, "Description")
        series.description = text
    for wire, attr, allowed, label in (
        ("discountBy", "discount_by", DISCOUNT_BY, "Discount by"),
        ("breakBy", "break_by", BREAK_BY, "Break by"),
    ):
        if wire in changes:
            value = _choice(changes[wire], allowed)
            if value is None:
                problems.append(f"'{label}' must be one of {', '.join(allowed)}: '{changes[wire]}'.")
            else:
                setattr(series, attr, value)
    for wire, attr in (("promotional", "promotional"), ("active", "active"), ("prorateDiscount", "prorate_discount")):
        if wire in changes:
            setattr(series, attr, bool(changes[wire]))
    for wire, attr in (("effectiveDate", "effective_date"), ("expirationDate", "expiration_date")):
        if wire in changes:
            value: datetime | None = changes[wire]
            setattr(series, attr, None if value is None else value.date())
    if series.effective_date and series.expiration_date and series.expiration_date < series.effective_date:
        problems.append(
            f"'Expiration date' ({series.expiration_date.isoformat()}) cannot be before "
            f"'Effective date' ({series.effective_date.isoformat()})."
        )
    if series.promotional and series.effective_date is None:
        problems.append(f"{messages.cannot_be_empty('Effective date')} A promotional series has one.")
    if "discountBreakpoints" in changes:
        problems += _apply_breakpoints(session, series, changes["discountBreakpoints"] or [])
    return problems


def _choice(value: Any, allowed: tuple[str, ...]) -> str | None:
    text = (value or "").strip().casefold() if isinstance(value, str) else ""
    return next((choice for choice in allowed if choice.casefold() == text), None)


def _apply_breakpoints(session: Session, series: DiscountSeries, sent: list[dict]) -> list[str]:
    def create(number: int) -> DiscountBreakpoint:
        breakpoint = DiscountBreakpoint(
            company_id=series.company_id,
            line_nbr=number,
            break_amount=ZERO,
            break_quantity=ZERO,
            discount_amount=ZERO,
            discount_percent=ZERO,
        )
        series.breakpoints.append(breakpoint)
        return breakpoint

    book = LineBook(
        collection="discountBreakpoints",
        noun="discount",
        number=lambda b: b.line_nbr,
        renumber=lambda b, number: setattr(b, "line_nbr", number),
        create=create,
        remove=series.breakpoints.remove,
        apply=lambda b, change, _place, _inserting: _apply_breakpoint(b, change),
        session=session,
    )
    changes = [_with_line_number(change) for change in sent]
    return apply_line_operations(book, series.breakpoints, changes)


def _with_line_number(change: dict) -> dict:
    change = dict(change)
    if "lineNbr" in change:
        change["lineNumber"] = change.pop("lineNbr")
    return change


def _apply_breakpoint(breakpoint: DiscountBreakpoint, change: dict) -> list[str]:
    problems: list[str] = []
    for wire, (attr, label) in _BREAKPOINT_VALUES.items():
        if wire not in change:
            continue
        value = change[wire]
        if value is not None and value < 0:
            problems.append(f"'{label}' cannot be less than 0.")
            continue
        if value is not None and wire in _PERCENTS and value > 100:
            problems.append(f"'{label}' must be between 0 and 100.")
            continue
        problem = fits_column(DiscountBreakpoint.__table__.c[attr], value, label)
        if problem:
            problems.append(problem)
            continue
        if value is None and not attr.startswith("pending_"):
            value = ZERO
        setattr(breakpoint, attr, value)
    if "pendingDate" in change:
        moment = change["pendingDate"]
        breakpoint.pending_date = None if moment is None else moment.date()
    return problems
