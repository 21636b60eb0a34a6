"""Subaccount validation as pure functions: the SUBACCOUNT dimension as frozen values, every problem returned.

Every document line and every `...Subaccount` field sends a subaccount as segments,
`[{"segmentId": 1, "segmentValue": "00"}]`. The knowledge base's subaccount article: "Error: (.*) of
Subaccount do not exist." comes from the segment set-up of the dimension SUBACCOUNT (CS202000): a value that
is not defined in a segment with validation on is refused, naming the segment by its description (ON-IT #77:
`Avdeling of Subaccount do not exist.`), and when the company requires defined combinations (GL203000),
a combination that is not one is refused the same way, naming the combination. Segments without validation
take free values. A segment the line does not send takes the segment's default value.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from types import MappingProxyType

from .models import SEGMENT_SEPARATOR

SUBACCOUNT_FIELD_ERROR = "An error occurred during processing of the field Subaccount : Error: "


@dataclass(frozen=True)
class SegmentRule:
    segment_id: int
    description: str
    length: int
    validate: bool
    values: Mapping[str, bool]  # value -> active
    default_value: str | None = None


@dataclass(frozen=True)
class DimensionRule:
    dimension_id: str
    segments: tuple[SegmentRule, ...]  # in segment order, ids from 1
    # Subaccount number -> active, when the company requires defined combinations; None when it does not.
    combinations: Mapping[str, bool] | None = None

    @classmethod
    def of(
        cls, dimension_id: str, segments: Iterable[SegmentRule], combinations: Mapping[str, bool] | None = None
    ) -> DimensionRule:
        frozen = None if combinations is None else MappingProxyType(dict(combinations))
        return cls(dimension_id, tuple(sorted(segments, key=lambda s: s.segment_id)), frozen)


def subaccount_problem(text: str) -> str:
    """A problem with a subaccount, in the service's wording (the record error adds the leading `Error: `)."""
    return f"{SUBACCOUNT_FIELD_ERROR}{text}"


def compose_subaccount(dimension: DimensionRule, segments: Sequence[tuple[int, str]]) -> tuple[str, list[str]]:
    """The subaccount number for the segments sent (defaults filling the others), and every problem found
    in the shape of what was sent: unknown or repeated segment ids, empty or too long values."""
    problems: list[str] = []
    given: dict[int, str] = {}
    known = {segment.segment_id: segment for segment in dimension.segments}
    for segment_id, value in segments:
        if segment_id not in known:
            problems.append(subaccount_problem(f"Segment {segment_id} of Subaccount does not exist."))
        elif segment_id in given:
            problems.append(subaccount_problem(f"Segment {segment_id} of Subaccount is given more than once."))
        else:
            given[segment_id] = (value or "").strip()
    values = []
    for segment in dimension.segments:
        value = given.get(segment.segment_id, segment.default_value or "")
        problems += _shape_problems(segment, value)
        values.append(value)
    return SEGMENT_SEPARATOR.join(values), problems


def _shape_problems(segment: SegmentRule, value: str) -> list[str]:
    name = segment.description or f"Segment {segment.segment_id}"
    if not value:
        return [subaccount_problem(f"{name} of Subaccount cannot be empty.")]
    if SEGMENT_SEPARATOR in value:
        return [subaccount_problem(f"{name} '{value}' of Subaccount may not contain '{SEGMENT_SEPARATOR}'.")]
    if len(value) > segment.length:
        return [subaccount_problem(f"{name} '{value}' of Subaccount is longer than {segment.length} characters.")]
    return []


def validate_subaccount(dimension: DimensionRule, segments: Sequence[tuple[int, str]]) -> list[str]:
    """Every problem with the subaccount the segments make, in the service's wording; [] when it is valid."""
    number, problems = compose_subaccount(dimension, segments)
    if problems:
        return problems
    problems = value_problems(dimension, number.split(SEGMENT_SEPARATOR))
    if problems or dimension.combinations is None:
        return problems
    active = dimension.combinations.get(number)
    if active is None:
        return [subaccount_problem(f"{number} of Subaccount do not exist.")]
    if not active:
        return [subaccount_problem(f"Subaccount '{number}' is inactive.")]
    return []


def value_problems(dimension: DimensionRule, values: Sequence[str]) -> list[str]:
    """Values not defined, or inactive, in the segments that validate them."""
    problems = []
    for segment, value in zip(dimension.segments, values, strict=True):
        if not segment.validate:
            continue
        active = segment.values.get(value)
        if active is None:
            problems.append(subaccount_problem(f"{segment.description} of Subaccount do not exist."))
        elif not active:
            problems.append(subaccount_problem(f"{segment.description} '{value}' of Subaccount is inactive."))
    return problems


def split_subaccount_number(dimension: DimensionRule, number: str) -> list[str] | None:
    """The segment values of a subaccount number written with separators (`10-100`) or as the full-length
    key without them (`10100`); None when it fits neither."""
    lengths = [segment.length for segment in dimension.segments]
    parts = number.split(SEGMENT_SEPARATOR)
    if len(parts) == len(lengths):
        return parts
    if SEGMENT_SEPARATOR not in number and len(number) == sum(lengths):
        values, start = [], 0
        for length in lengths:
            values.append(number[start : start + length])
            start += length
        return values
    return None
