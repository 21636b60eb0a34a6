"""`CompanyClock(admin, company_id)`: one company's movable clock, through the admin API (`nettfin.clock` in a test).

    nettfin.clock.set("2027-01-31", frozen=True)   # the company's "now": midnight UTC, standing still
    nettfin.clock.advance(days=31)                  # a month on: invoices fall due, tokens expire
    nettfin.clock.now()                             # datetime(2027, 3, 3, 0, 0, tzinfo=UTC)

`set` takes a `datetime` (with its time zone), a `date` (its midnight UTC) or the same as text. Every method
answers the company's "now" after it, as an aware `datetime`. The server refuses a move before the company's
latest posting (`AdminApiError`, 400); other companies keep real time. A clone starts with its template's clock.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from .admin import checked

__all__ = ["CompanyClock"]


class CompanyClock:
    def __init__(self, admin: Any, company_id: int) -> None:
        self._admin = admin
        self._path = f"/companies/{company_id}/clock"

    def now(self) -> datetime:
        return self._answer("GET", self._path)

    def set(self, when: datetime | date | str, *, frozen: bool = False) -> datetime:
        text = when if isinstance(when, str) else when.isoformat()
        return self._answer("PUT", self._path, {"now": text, "frozen": frozen})

    def advance(self, *, days: float = 0, hours: float = 0, minutes: float = 0, seconds: float = 0) -> datetime:
        """Move the clock on (back, with negative amounts), frozen or running as it was."""
        by = {"days": days, "hours": hours, "minutes": minutes, "seconds": seconds}
        return self._answer("POST", f"{self._path}/advance", {k: v for k, v in by.items() if v})

    def freeze(self) -> datetime:
        return self._answer("PUT", self._path, {"frozen": True})

    def resume(self) -> datetime:
        return self._answer("PUT", self._path, {"frozen": False})

    def reset(self) -> datetime:
        """Real time again."""
        checked(self._admin.request("DELETE", self._path), "DELETE", self._path)
        return self.now()

    def _answer(self, method: str, path: str, json: dict | None = None) -> datetime:
        body = checked(self._admin.request(method, path, json=json), method, path).json()
        return datetime.fromisoformat(body["now"].replace("Z", "+00:00"))
