"""The demo year's timeline: actions by day, run in date order, and the dates each row they write is stamped with."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time
from typing import Any

from sqlalchemy.orm import Session

DEMO_YEAR = 2020
# A day's moment is 08:00 UTC of it.
_MORNING = time(8, 0, tzinfo=UTC)


def moment(day: date) -> datetime:
    return datetime.combine(day, _MORNING)


@dataclass
class Timeline:
    """Actions by day, run in date order (then in the order they were added); each stamps what it writes."""

    events: list[tuple[date, int, Callable[[Session, int, Timeline], None]]] = field(default_factory=list)
    # id(row) -> (row, created, last modified)
    stamps: dict[int, tuple[Any, date, date]] = field(default_factory=dict)

    def on(self, day: date, action: Callable[[Session, int, Timeline], None]) -> None:
        self.events.append((day, len(self.events), action))

    def wrote(self, row: Any, day: date) -> None:
        """A row written (or changed) on that day: created then unless already known."""
        created = self.stamps[id(row)][1] if id(row) in self.stamps else day
        self.stamps[id(row)] = (row, created, day)

    def run(self, session: Session, company_id: int) -> None:
        for _, _, action in sorted(self.events, key=lambda event: event[:2]):
            action(session, company_id, self)
