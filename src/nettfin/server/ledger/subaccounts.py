"""Subaccounts (GL203000): the combinations of segment values of the dimension SUBACCOUNT, and the check
every document line and every `...Subaccount` field goes through (`check_subaccount`).

`/v1/subaccount` is the `kit.resource` declaration `SUBACCOUNT`. What is the subaccount's own: its key is made
from the segments (`10100` and `10-100` name the same combination, every value checked as lines check them,
`subaccountId` its obsolete alias), and each subaccount renders its segments described by the company's
SUBACCOUNT dimension, which a list loads once for all its rows (`Subaccount.dimension`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any
from weakref import WeakKeyDictionary

from sqlalchemy import bindparam, select
from sqlalchemy.orm import Session, selectinload

from ..db.prepared import Prepared
from ..kit import messages
from ..kit.changes import VersionedCache
from ..kit.records import RecordKey
from ..kit.resource import (
    ERROR_INFO,
    LAST_MODIFIED,
    TIME_STAMP,
    Equals,
    Member,
    ModifiedSince,
    Resource,
    Scalar,
    Texts,
)
from ..kit.wire import Value
from .dimensions import RESOURCE as DIMENSION_RESOURCE
from .models import SEGMENT_SEPARATOR, SUBACCOUNT, Dimension, LedgerSettings, Segment, Subaccount
from .schemas import SegmentDto
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


@dataclass(frozen=True)
class SubaccountCheck:
    number: str  # the subaccount the segments make, defaults filled in
    problems: list[str]


@dataclass(frozen=True)
class SegmentNames:
    """What a subaccount's `segments` render: per segment, its id, description and value descriptions."""

    segments: tuple[tuple[int, str, Mapping[str, str]], ...]

    @classmethod
    def of(cls, dimension: Dimension | None) -> SegmentNames:
        """The names the company's SUBACCOUNT dimension gives (none when it has not defined one)."""
        segments = dimension.segments if dimension is not None else []
        return cls(
            tuple((s.segment_id, s.description, {v.value_id: v.description for v in s.values}) for s in segments)
        )

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


# Every document line's check reads it: built once, run on the driver's cursor (db/prepared.py).
_ENFORCED = Prepared(
    select(LedgerSettings.enforce_subaccount_combinations).where(LedgerSettings.company_id == bindparam("company_id"))
)


def combinations_enforced(session: Session, company_id: int) -> bool:
    found = _ENFORCED.first(session.connection(), {"company_id": company_id})
    return found is not None and bool(found[0])


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


def segment_names(session: Session, company_id: int) -> SegmentNames:
    return SegmentNames.of(_subaccount_dimension(session, company_id))


def _subaccount_dimension(session: Session, company_id: int) -> Dimension | None:
    statement = (
        select(Dimension)
        .where(Dimension.company_id == company_id, Dimension.dimension_id == SUBACCOUNT)
        .options(selectinload(Dimension.segments).selectinload(Segment.values))
    )
    return session.scalar(statement)


def _no_dimension() -> str:
    return subaccount_problem(f"The dimension {SUBACCOUNT} is not defined (CS202000).")


class SubaccountKey(RecordKey):
    """A subaccount's key: the segment values joined by `-`, sent as `subaccountNumber` or, alone, as its
    obsolete alias `subaccountId`; neither changes on update."""

    def duplicate(self, key: str) -> str:
        return f"'Subaccount' '{key}' already exists."

    def assign(self, session: Session, record: Any, changes: dict) -> tuple[list[str], list[str]]:
        ignored = ["subaccountId"] if changes.get("subaccountNumber") and "subaccountId" in changes else []
        given = changes.get("subaccountNumber") or changes.get("subaccountId")
        return self._assign_number(session, record, given), ignored

    def ignored(self, changes: dict, key: str) -> list[str]:
        return [name for name in ("subaccountNumber", "subaccountId") if changes.get(name) not in (None, key)]

    def _assign_number(self, session: Session, subaccount: Subaccount, given: str | None) -> list[str]:
        """A new combination's values must exist in the segments that validate them (the combination itself
        is what is being defined)."""
        given = (given or "").strip()
        if not given:
            return [messages.cannot_be_empty(self.label)]
        rule = dimension_rule(session, subaccount.company_id, with_combinations=False)
        if rule is None:
            return [_no_dimension()]
        values = split_subaccount_number(rule, given)
        if values is None:
            mask = SEGMENT_SEPARATOR.join("X" * s.length for s in rule.segments)
            return [f"'Subaccount' '{given}' does not match the segments of {SUBACCOUNT}: write it as {mask}."]
        subaccount.subaccount_cd = SEGMENT_SEPARATOR.join(v.strip() for v in values)
        problems = validate_subaccount(rule, [(s.segment_id, v) for s, v in zip(rule.segments, values, strict=True)])
        if not problems and self.taken(session, subaccount.company_id, subaccount.subaccount_cd):
            problems.append(self.duplicate(subaccount.subaccount_cd))
        return problems


@dataclass(frozen=True)
class ObsoleteIdMember(Member):
    """`subaccountId`: read as the row's id; written only as the obsolete alias of `subaccountNumber` on
    create, which the key reads (`SubaccountKey`)."""

    wire: str = "subaccountId"

    def schema(self) -> Any:
        return int

    def read(self, record: Any) -> Any:
        return record.id

    def write_schema(self) -> Any:
        return Value[str]


@dataclass(frozen=True)
class StoredText(Scalar):
    """A text column read as stored: a subaccount without a description has always rendered `""`."""

    def read(self, record: Any) -> Any:
        return getattr(record, self.attr)


# The names a dimension loaded with a page of subaccounts gives, made once for all of the page's rows.
_NAMES: WeakKeyDictionary[Dimension, SegmentNames] = WeakKeyDictionary()


def _names_of(dimension: Dimension | None) -> SegmentNames:
    if dimension is None:
        return SegmentNames(())
    names = _NAMES.get(dimension)
    if names is None:
        names = _NAMES[dimension] = SegmentNames.of(dimension)
    return names


@dataclass(frozen=True)
class SegmentsMember(Member):
    """`segments`: the subaccount's values, each with its segment's and its own description."""

    wire: str = "segments"

    def schema(self) -> Any:
        return list[SegmentDto]

    def read(self, record: Any) -> Any:
        return _names_of(record.dimension).describe(record)


SUBACCOUNT_RESOURCE = Resource(
    name=RESOURCE,
    model=Subaccount,
    path="/v1/subaccount",
    tag="Subaccount",
    label="Subaccount",
    key=SubaccountKey("subaccountNumber", Subaccount.subaccount_cd, "Subaccount"),
    key_wrapped=True,
    key_param="subAccountNumber",
    members=(
        ObsoleteIdMember(),
        StoredText("description", "description", "Description", cleared=""),
        LAST_MODIFIED,
        Scalar("active", "active", "Active", kind=bool, cleared=True),
        SegmentsMember(),
        TIME_STAMP,
        ERROR_INFO,
    ),
    texts=Texts(
        list="Get all SubAccounts - ScreenId=GL203000",
        get="Get a specific SubAccount",
        create="Create a Subaccount",
        update="Update a specific Subaccount",
        key="The subaccount number: the segment values joined by '-' (10-100), or without them (10100).",
    ),
    dto="SubAccountDto",
    write_dto="SubAccountUpdateDto",
    filters=(Equals("active", "active", bool, "If the SubAccount is active"), ModifiedSince()),
    load=(selectinload(Subaccount.dimension).selectinload(Dimension.segments).selectinload(Segment.values),),
    defaults={"active": True, "description": ""},
)
