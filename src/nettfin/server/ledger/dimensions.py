"""Segmented keys (CS202000): dimensions, their segments and segment values; PUT maintains a segment's values.

Segment ids start at 1 (ON-IT PR #53). Public ids are UUIDs derived from the company and the key, so the
demo company is the same every time it is seeded.
"""

from __future__ import annotations

import base64
import binascii
import uuid
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from ..db.base import utcnow
from ..db.engine import Database
from ..kit import messages
from ..kit.changes import bump_version
from ..kit.checks import fits_column
from ..kit.conditions import DateCondition
from ..kit.errors import NotFound, record_errors
from ..kit.keyed_lines import KeyedBook, apply_keyed_operations
from ..kit.responses import check_if_match
from .models import SEGMENT_SEPARATOR, Dimension, Segment, SegmentValue, Subaccount
from .schemas import DtoSegmentUpdateDto

RESOURCE = "dimension"
# A segment's values, each with its segment, which its DTO names (`segmentId`) after the session is closed.
_WITH_VALUES = (selectinload(Segment.values).joinedload(SegmentValue.segment),)
_PUBLIC_IDS = uuid.UUID("6c1e55a2-8d3b-4f7e-9a40-2b7f0c3d9e11")


def public_id(company_id: int, *key: object) -> str:
    """A stable UUID for a segment or segment value: the same key in the same company gives the same id."""
    return str(uuid.uuid5(_PUBLIC_IDS, "/".join(map(str, (company_id, *key)))))


@dataclass(frozen=True)
class SegmentSpec:
    """A segment to define: values are (value id, description) pairs."""

    description: str
    length: int
    validate: bool = True
    values: tuple[tuple[str, str], ...] = ()
    default_value: str | None = None


def define_dimension(
    session: Session, *, company_id: int, dimension_id: str, description: str, segments: Sequence[SegmentSpec]
) -> Dimension:
    """A dimension with its segments (ids 1, 2, ...) and values, in the caller's transaction."""
    dimension = Dimension(company_id=company_id, dimension_id=dimension_id, description=description)
    for number, spec in enumerate(segments, start=1):
        segment = Segment(
            company_id=company_id,
            segment_id=number,
            description=spec.description,
            length=spec.length,
            validate=spec.validate,
            default_value=spec.default_value,
            public_id=public_id(company_id, dimension_id, number),
        )
        segment.values = [
            SegmentValue(
                company_id=company_id,
                value_id=value_id,
                description=text,
                public_id=public_id(company_id, dimension_id, number, value_id),
            )
            for value_id, text in spec.values
        ]
        dimension.segments.append(segment)
    session.add(dimension)
    session.flush()
    bump_version(session, company_id=company_id, resource=RESOURCE)
    return dimension


@dataclass(frozen=True)
class SegmentValueFilters:
    """Filters of GET /dimension/{id}: they select segment values, which are what changes over time; without
    `expand_values` none are shown."""

    greater_than: str | None = None
    modified: DateCondition | None = None
    expand_values: bool = True

    def keeps(self, value: SegmentValue) -> bool:
        if self.greater_than and not value.value_id > self.greater_than:
            return False
        return not self.modified or bool(self.modified.apply(value.last_modified_at))


def list_dimensions(db: Database, *, company_id: int) -> list[str]:
    with db.reading() as session:
        statement = select(Dimension.dimension_id).where(Dimension.company_id == company_id)
        return list(session.scalars(statement.order_by(Dimension.dimension_id)))


def get_dimension(db: Database, *, company_id: int, dimension_id: str) -> Dimension:
    """The dimension with its segments and their values (a request's filters select among them as it renders)."""
    with db.reading() as session:
        statement = (
            select(Dimension)
            .where(Dimension.company_id == company_id, Dimension.dimension_id == dimension_id)
            .options(selectinload(Dimension.segments).options(*_WITH_VALUES))
        )
        dimension = session.scalar(statement)
        if dimension is None:
            raise NotFound(messages.not_found("Dimension", dimension_id))
        return dimension


def get_segment(db: Database, *, company_id: int, dimension_id: str, segment_id: int) -> Segment:
    with db.reading() as session:
        return _find_segment(session, company_id, dimension_id, segment_id)


def get_segment_value(
    db: Database, *, company_id: int, dimension_id: str, segment_id: int, value_id: str
) -> SegmentValue:
    """A value by its id, or by its id base64-encoded (the service's document asks for that encoding)."""
    with db.reading() as session:
        segment = _find_segment(session, company_id, dimension_id, segment_id)
        values = {value.value_id: value for value in segment.values}
        found = values.get(value_id) or values.get(_base64_decoded(value_id) or "")
        if found is None:
            raise NotFound(f"Segment value '{value_id}' not found in segment {segment_id} of '{dimension_id}'.")
        return found


def get_segment_value_by_public_id(
    db: Database, *, company_id: int, dimension_id: str, segment_id: int, public: str
) -> SegmentValue:
    with db.reading() as session:
        segment = _find_segment(session, company_id, dimension_id, segment_id)
        for value in segment.values:
            if value.public_id == public.lower():
                return value
        raise NotFound(f"Segment value with publicId '{public}' not found in segment {segment_id} of '{dimension_id}'.")


def update_segment(
    db: Database, *, company_id: int, dimension_id: str, segment_id: int, dto: DtoSegmentUpdateDto, if_match: str | None
) -> Segment:
    """Change the description and insert, update or delete values; all or nothing."""
    changes = dto.changes()
    with db.writing() as session:
        segment = _find_segment(session, company_id, dimension_id, segment_id, for_update=True)
        check_if_match(if_match, segment.row_version)
        problems = _key_problems(changes, dimension_id, segment_id)
        if "description" in changes:
            description = (changes["description"] or "").strip()
            problems += _text_problems(description, "Description", Segment.__table__.c.description)
            segment.description = description
        problems += _apply_values(session, segment, changes.get("segmentValues") or [])
        if problems:
            raise record_errors(action="updating", entity="segment", record="Segment", errors=problems)
        # Touching the segment bumps its row version, so its ETag changes when only values changed.
        segment.last_modified_at = utcnow()
        bump_version(session, company_id=company_id, resource=RESOURCE)
        session.flush()
        return _find_segment(session, company_id, dimension_id, segment_id)


def _find_segment(
    session: Session, company_id: int, dimension_id: str, segment_id: int, *, for_update: bool = False
) -> Segment:
    statement = (
        select(Segment)
        .join(Dimension)
        .where(
            Dimension.company_id == company_id,
            Dimension.dimension_id == dimension_id,
            Segment.segment_id == segment_id,
        )
        .options(*_WITH_VALUES)
    )
    if for_update:
        statement = statement.with_for_update(of=Segment)
    segment = session.scalar(statement)
    if segment is None:
        raise NotFound(f"Segment {segment_id} of dimension '{dimension_id}' not found.")
    return segment


def _base64_decoded(text: str) -> str | None:
    try:
        return base64.b64decode(text + "=" * (-len(text) % 4), altchars=b"-_", validate=True).decode("utf-8")
    except (binascii.Error, UnicodeDecodeError, ValueError):
        return None


def _key_problems(changes: dict, dimension_id: str, segment_id: int) -> list[str]:
    """The body may repeat the key; when it does, it must be the key of the URL."""
    problems = []
    if changes.get("dimensionId") not in (None, dimension_id):
        problems.append(f"'dimensionId' '{changes['dimensionId']}' is not the dimension in the URL ('{dimension_id}').")
    if changes.get("segementId") not in (None, segment_id):
        problems.append(f"'segementId' {changes['segementId']} is not the segment in the URL ({segment_id}).")
    return problems


def _text_problems(text: str, label: str, column) -> list[str]:
    if not text:
        return [f"'{label}' cannot be empty."]
    problem = fits_column(column, text, label)
    return [problem] if problem else []


def _apply_values(session: Session, segment: Segment, changes: list[dict]) -> list[str]:
    """Insert, update or delete the segment's values, each named by its value id (`kit.keyed_lines`)."""
    used: dict[str, str] | None = None

    def create(value_id: str, replacing: SegmentValue | None) -> tuple[SegmentValue | None, list[str]]:
        if SEGMENT_SEPARATOR in value_id:
            return None, [f"Segment value '{value_id}' may not contain '{SEGMENT_SEPARATOR}'."]
        if len(value_id) > segment.length:
            return None, [f"Segment value '{value_id}' is longer than the segment's {segment.length} characters."]
        value = replacing or SegmentValue(
            company_id=segment.company_id,
            value_id=value_id,
            public_id=public_id(segment.company_id, segment.dimension.dimension_id, segment.segment_id, value_id),
        )
        value.description, value.active, value.last_modified_at = "", True, utcnow()
        segment.values.append(value)
        return value, []

    def remove(value: SegmentValue) -> list[str]:
        nonlocal used
        used = _values_in_use(session, segment) if used is None else used
        if value.value_id in used:
            return [f"Segment value '{value.value_id}' cannot be deleted: subaccount {used[value.value_id]} uses it."]
        segment.values.remove(value)
        return []

    def apply(value: SegmentValue, change: dict, inserting: bool) -> list[str]:
        problems = []
        if "description" in change:
            description = (change["description"] or "").strip()
            problem = fits_column(SegmentValue.__table__.c.description, description, "Description")
            problems += [problem] if problem else []
            value.description = description
        if "active" in change:
            value.active = change["active"] is not False  # {"value": null} returns to the default, active
        value.last_modified_at = utcnow()
        return problems

    book = KeyedBook(
        collection="segmentValues",
        where=f"in segment {segment.segment_id}",
        key=lambda change: (change.get("value") or "").strip() or None,
        no_key=messages.cannot_be_empty("Value"),
        row_key=lambda value: value.value_id,
        name=lambda value_id: f"Segment value '{value_id}'",
        create=create,
        remove=remove,
        apply=apply,
    )
    return apply_keyed_operations(book, list(segment.values), changes)


def _values_in_use(session: Session, segment: Segment) -> dict[str, str]:
    """Value id -> a subaccount that uses it in this segment (subaccount numbers hold the values in order)."""
    numbers = session.scalars(select(Subaccount.subaccount_cd).where(Subaccount.company_id == segment.company_id))
    used: dict[str, str] = {}
    for number in numbers:
        values = number.split(SEGMENT_SEPARATOR)
        if len(values) >= segment.segment_id:
            used.setdefault(values[segment.segment_id - 1], number)
    return used
