"""An item's subaccounts: each is a list of segments (`[{"segmentId": 1, "segmentValue": "00"}]`), as the write
body sends it and as document lines that take the item's subaccount read it."""

from __future__ import annotations

from ..ledger.models import SEGMENT_SEPARATOR


def segments(wire: str, sent: list[dict] | None) -> tuple[list[dict], list[str]]:
    """Subaccount segments as sent, in segment order, and every problem with them (`wire[i]: ...`)."""
    found, problems = [], []
    for index, segment in enumerate(sent or []):
        segment_id, value = segment.get("segmentId"), (segment.get("segmentValue") or "").strip()
        if segment_id is None or segment_id < 1:
            problems.append(f"{wire}[{index}]: 'segmentId' must be 1 or more (segments are numbered from 1).")
        elif not value:
            problems.append(f"{wire}[{index}]: 'segmentValue' cannot be empty.")
        else:
            found.append({"segmentId": segment_id, "segmentValue": value})
    return sorted(found, key=lambda s: s["segmentId"]), problems


def subaccount_number(segments: list[dict] | None) -> str | None:
    """The subaccount a list of segments names: the values in segment order, joined as the ledger joins them."""
    return SEGMENT_SEPARATOR.join(s["segmentValue"] for s in segments) if segments else None
