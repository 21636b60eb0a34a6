"""Subaccounts on document and journal lines: the number a line posts to (composed from the segments sent,
defaults filled in, checked against the SUBACCOUNT dimension's rules) and the subaccount records behind the
numbers, created on the fly for valid combinations a company does not require to be defined."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from ..kit.changes import bump_version
from ..kit.records import load_by_codes
from .models import SEGMENT_SEPARATOR, SUBACCOUNT, Subaccount
from .segments import DimensionRule, compose_subaccount, split_subaccount_number, validate_subaccount
from .subaccounts import subaccount_problem


def resolve_subaccount(rule: DimensionRule | None, number: str | None) -> tuple[str | None, list[str]]:
    """The subaccount number a line posts to (defaults filled in) and the problems with it, in the service's
    wording. None and no problem in a company without the SUBACCOUNT dimension when none is given."""
    if rule is None:
        if number:
            return None, [subaccount_problem(f"The dimension {SUBACCOUNT} is not defined (CS202000).")]
        return None, []
    if not number:
        number, _ = compose_subaccount(rule, [])
    values = split_subaccount_number(rule, number)
    if values is None:
        mask = SEGMENT_SEPARATOR.join("X" * s.length for s in rule.segments)
        return None, [subaccount_problem(f"Subaccount '{number}' does not match the segments: write it as {mask}.")]
    segments = [(segment.segment_id, value) for segment, value in zip(rule.segments, values, strict=True)]
    composed, _ = compose_subaccount(rule, segments)
    return composed, validate_subaccount(rule, segments)


def subaccount_from_segments(
    rule: DimensionRule | None, segments: Sequence[dict] | None, base: str | None = None
) -> tuple[str | None, list[str]]:
    """The subaccount number a line's `subaccount: [{"segmentId": 1, "segmentValue": "00"}]` makes: each
    segment sent replaces that segment of `base` (a line's current subaccount), the others keep base's value
    or the segment's default. Problems with the segments' shape in the service's wording; the values
    themselves are checked when the line is posted (`resolve_subaccount`)."""
    if not segments:
        return base, []
    if rule is None:
        return None, [subaccount_problem(f"The dimension {SUBACCOUNT} is not defined (CS202000).")]
    sent = [(segment.get("segmentId"), (segment.get("segmentValue") or "").strip()) for segment in segments]
    kept = split_subaccount_number(rule, base) if base else None
    given = {segment_id for segment_id, _ in sent}
    earlier = [(s.segment_id, v) for s, v in zip(rule.segments, kept or [], strict=False) if s.segment_id not in given]
    return compose_subaccount(rule, earlier + sent)


def ensure_subaccounts(session: Session, company_id: int, numbers: set[str]) -> dict[str, Subaccount]:
    """The subaccount records of the numbers, creating those that are valid but not yet defined."""
    found = load_by_codes(session, Subaccount, Subaccount.subaccount_cd, company_id, numbers)
    missing = numbers - set(found)
    if missing:
        insert = pg_insert if session.get_bind().dialect.name == "postgresql" else sqlite_insert
        rows = [
            {"company_id": company_id, "subaccount_cd": n, "description": "", "active": True, "row_version": 1}
            for n in sorted(missing)
        ]
        index = [Subaccount.company_id, Subaccount.subaccount_cd]
        session.execute(insert(Subaccount).values(rows).on_conflict_do_nothing(index_elements=index))
        bump_version(session, company_id=company_id, resource="subaccount")
        found = load_by_codes(session, Subaccount, Subaccount.subaccount_cd, company_id, numbers)
    return found
