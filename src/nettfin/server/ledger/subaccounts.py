"""Subaccounts (GL203000): the combinations of segment values of the dimension SUBACCOUNT, and the check
every document line and every `...Subaccount` field goes through (`check_subaccount`)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from types import MappingProxyType

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, selectinload

from ..db.base import utcnow
from ..db.engine import Database
from ..kit import messages
from ..kit.changes import VersionedCache, bump_version
from ..kit.checks import fits_column
from ..kit.conditions import DateCondition
from ..kit.errors import NotFound, record_errors
from ..kit.paging import Listing, Page, PageResult, fetch_page
from ..kit.responses import check_if_match
from .dimensions import RESOURCE as DIMENSION_RESOURCE
from .models import SEGMENT_SEPARATOR, SUBACCOUNT, Dimension, LedgerSettings, Segment, Subaccount
from .schemas import SubAccountUpdateDto
from .segments import (
    DimensionRule,
    SegmentRule,
    compose_subaccount,
    split_subaccount_number,
    subaccount_problem,
    validate_subaccount,
)

RESOURCE = "subaccount"
_DIMENSION_RULES: VersionedCache[DimensionRule | None] = VersionedCache((DIMENSION_RESOURCE, RESOURCE))
LISTING = Listing(resource=RESOURCE, model=Subaccount, key=Subaccount.subaccount_cd)


@dataclass(frozen=True)
class SubaccountCheck:
    number: str  # the subaccount the segments make, defaults filled in
    problems: list[str]


@dataclass(frozen=True)
class SegmentNames:
    """What a subaccount's `segments` render: per segment, its id, description and value descriptions."""

    segments: tuple[tuple[int, str, Mapping[str, str]], ...]

    def describe(self, subaccount: Subaccount) -> list[dict]:
        return [
            {
                "segmentId": segment_id,
                "segmentDescription": description,
                "segmentValue": value,
                "segmentValueDescription": values.get(value),
            }
            for (segment_id, description, values), value in zip(self.segments, subaccount.segment_values, strict=False)
        ]


@dataclass(frozen=True)
class SubaccountFilters:
    active: bool | None = None
    modified: DateCondition | None = None

    def conditions(self) -> list:
        found = []
        if self.active is not None:
            found.append(Subaccount.active.is_(self.active))
        if self.modified:
            found.append(self.modified.apply(Subaccount.last_modified_at))
        return found


def combinations_enforced(session: Session, company_id: int) -> bool:
    settings = session.get(LedgerSettings, company_id)
    return settings is not None and settings.enforce_subaccount_combinations


def dimension_rule(session: Session, company_id: int, *, with_combinations: bool) -> DimensionRule | None:
    """The company's SUBACCOUNT dimension as frozen values; the combinations when the company enforces them
    and `with_combinations` asks for them. None when the company has not defined the dimension.

    Every document line is checked against it: built once per version of the dimension and the subaccounts,
    not per request."""
    combined = with_combinations and combinations_enforced(session, company_id)
    return _DIMENSION_RULES.get(
        session, company_id, lambda: _build_dimension_rule(session, company_id, combined), variant=combined
    )


def _build_dimension_rule(session: Session, company_id: int, with_combinations: bool) -> DimensionRule | None:
    dimension = _subaccount_dimension(session, company_id)
    if dimension is None:
        return None
    segments = [
        SegmentRule(
            segment_id=s.segment_id,
            description=s.description,
            length=s.length,
            validate=s.validate,
            values=MappingProxyType({v.value_id: v.active for v in s.values}),
            default_value=s.default_value,
        )
        for s in dimension.segments
    ]
    combinations = None
    if with_combinations:
        rows = session.execute(
            select(Subaccount.subaccount_cd, Subaccount.active).where(Subaccount.company_id == company_id)
        )
        combinations = dict(rows.all())
    return DimensionRule.of(dimension.dimension_id, segments, combinations)


def check_subaccount(session: Session, company_id: int, segments: Sequence[tuple[int, str]]) -> SubaccountCheck:
    """The check for a subaccount sent as segments on a document line or a `...Subaccount` field. A document
    with many lines loads `dimension_rule` once and calls `validate_subaccount` per line instead."""
    rule = dimension_rule(session, company_id, with_combinations=True)
    if rule is None:
        return SubaccountCheck("", [_no_dimension()])
    number, _ = compose_subaccount(rule, segments)
    return SubaccountCheck(number, validate_subaccount(rule, segments))


def list_subaccounts(
    db: Database, *, company_id: int, filters: SubaccountFilters, page: Page
) -> tuple[PageResult, SegmentNames]:
    with db.reading() as session:
        result = fetch_page(
            session, LISTING, company_id=company_id, conditions=filters.conditions(), signature=filters, page=page
        )
        return result, segment_names(session, company_id)


def get_subaccount(db: Database, *, company_id: int, number: str) -> tuple[Subaccount, SegmentNames]:
    with db.reading() as session:
        return _find(session, company_id, number), segment_names(session, company_id)


def create_subaccount(db: Database, *, company_id: int, dto: SubAccountUpdateDto) -> tuple[Subaccount, list[str]]:
    """A new combination, and the request fields ignored (the obsolete subaccountId next to subaccountNumber)."""
    changes = dto.changes()
    ignored = ["subaccountId"] if changes.get("subaccountNumber") and "subaccountId" in changes else []
    with db.writing() as session:
        subaccount = Subaccount(company_id=company_id, active=True, description="")
        problems = _assign_number(session, subaccount, changes.get("subaccountNumber") or changes.get("subaccountId"))
        problems += _apply(subaccount, changes)
        if problems:
            raise record_errors(action="inserting", entity="subaccount", record="Subaccount", errors=problems)
        subaccount.last_modified_at = utcnow()
        session.add(subaccount)
        try:
            session.flush()
        except IntegrityError:
            # Another transaction created the same combination between our check and our insert.
            raise record_errors(
                action="inserting", entity="subaccount", record="Subaccount", errors=[_duplicate(subaccount)]
            ) from None
        bump_version(session, company_id=company_id, resource=RESOURCE)
        return subaccount, ignored


def update_subaccount(
    db: Database, *, company_id: int, number: str, dto: SubAccountUpdateDto, if_match: str | None
) -> tuple[Subaccount, list[str]]:
    """Description and active change; the number does not (a different one is ignored and named)."""
    changes = dto.changes()
    with db.writing() as session:
        subaccount = _find(session, company_id, number, for_update=True)
        check_if_match(if_match, subaccount.row_version)
        ignored = [name for name in ("subaccountNumber", "subaccountId") if changes.get(name) not in (None, number)]
        problems = _apply(subaccount, changes)
        if problems:
            raise record_errors(action="updating", entity="subaccount", record="Subaccount", errors=problems)
        subaccount.last_modified_at = utcnow()
        bump_version(session, company_id=company_id, resource=RESOURCE)
        session.flush()
        return subaccount, ignored


def segment_names(session: Session, company_id: int) -> SegmentNames:
    dimension = _subaccount_dimension(session, company_id)
    segments = dimension.segments if dimension is not None else []
    return SegmentNames(
        tuple((s.segment_id, s.description, {v.value_id: v.description for v in s.values}) for s in segments)
    )


def _subaccount_dimension(session: Session, company_id: int) -> Dimension | None:
    statement = (
        select(Dimension)
        .where(Dimension.company_id == company_id, Dimension.dimension_id == SUBACCOUNT)
        .options(selectinload(Dimension.segments).selectinload(Segment.values))
    )
    return session.scalar(statement)


def _no_dimension() -> str:
    return subaccount_problem(f"The dimension {SUBACCOUNT} is not defined (CS202000).")


def _duplicate(subaccount: Subaccount) -> str:
    return f"'Subaccount' '{subaccount.subaccount_cd}' already exists."


def _assign_number(session: Session, subaccount: Subaccount, given: str | None) -> list[str]:
    """A new combination's values must exist in the segments that validate them (the combination itself
    is what is being defined)."""
    given = (given or "").strip()
    if not given:
        return ["'Subaccount' cannot be empty."]
    rule = dimension_rule(session, subaccount.company_id, with_combinations=False)
    if rule is None:
        return [_no_dimension()]
    values = split_subaccount_number(rule, given)
    if values is None:
        mask = SEGMENT_SEPARATOR.join("X" * s.length for s in rule.segments)
        return [f"'Subaccount' '{given}' does not match the segments of {SUBACCOUNT}: write it as {mask}."]
    subaccount.subaccount_cd = SEGMENT_SEPARATOR.join(v.strip() for v in values)
    problems = validate_subaccount(rule, [(s.segment_id, v) for s, v in zip(rule.segments, values, strict=True)])
    if not problems and _exists(session, subaccount.company_id, subaccount.subaccount_cd):
        problems.append(_duplicate(subaccount))
    return problems


def _apply(subaccount: Subaccount, changes: dict) -> list[str]:
    problems = []
    if "description" in changes:
        description = (changes["description"] or "").strip()
        problem = fits_column(Subaccount.__table__.c.description, description, "Description")
        if problem:
            problems.append(problem)
        subaccount.description = description
    if "active" in changes:
        subaccount.active = changes["active"] is not False  # {"value": null} returns to the default, active
    return problems


def _exists(session: Session, company_id: int, number: str) -> bool:
    statement = select(Subaccount.id).where(Subaccount.company_id == company_id, Subaccount.subaccount_cd == number)
    return session.scalar(statement) is not None


def _find(session: Session, company_id: int, number: str, *, for_update: bool = False) -> Subaccount:
    statement = select(Subaccount).where(Subaccount.company_id == company_id, Subaccount.subaccount_cd == number)
    if for_update:
        statement = statement.with_for_update(of=Subaccount)
    found = session.scalar(statement)
    if found is None:
        raise NotFound(messages.not_found("Subaccount", number))
    return found
