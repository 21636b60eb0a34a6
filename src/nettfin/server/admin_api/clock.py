"""The admin API's company clock: what `nettfin admin clock show|set|advance|freeze|resume|reset` and the pytest
plugin's `nettfin.clock` do, on the same use cases (faults/clock.py).

Each answer is the clock as it now is: `now` (the company's time), `frozen`, `offsetSeconds` from the real time,
`moved` (false: real time). A refused move (before the company's latest posting, out of range, an instant
without a time zone) is a 400 naming what was wrong, an unknown company a 404, and nothing changes on either.
"""

from __future__ import annotations

from fastapi import APIRouter, Depends, Request
from pydantic import BaseModel, ConfigDict, Field, StrictBool
from starlette.responses import Response

from ..faults import clock
from ..kit.errors import BusinessError
from ..kit.render import json_response
from .auth import admin_key

PREFIX = "/admin/api"
router = APIRouter(prefix=PREFIX, dependencies=[Depends(admin_key)], include_in_schema=False)


class SetClock(BaseModel):
    """`now` (a date or an ISO 8601 instant); without it the clock stays where it is and `frozen` freezes or
    resumes it."""

    model_config = ConfigDict(extra="forbid")

    now: str | None = Field(None, max_length=40)
    frozen: StrictBool = False


class Advance(BaseModel):
    model_config = ConfigDict(extra="forbid")

    days: float = 0
    hours: float = 0
    minutes: float = 0
    seconds: float = 0


@router.get("/companies/{companyId}/clock")
def read_clock(request: Request, companyId: int) -> Response:
    with request.app.state.db.reading() as session:
        return json_response(clock.read(session, companyId).body())


@router.put("/companies/{companyId}/clock")
def set_clock(request: Request, companyId: int, body: SetClock) -> Response:
    now = None if body.now is None else clock.parse_instant(body.now)
    with request.app.state.db.writing() as session:
        state = clock.set_clock(session, companyId, now=now, frozen=body.frozen)
    return json_response(state.body())


@router.post("/companies/{companyId}/clock/advance")
def advance_clock(request: Request, companyId: int, body: Advance) -> Response:
    if not body.model_fields_set:
        raise BusinessError(
            "Say how far to move the clock: 'days', 'hours', 'minutes' and/or 'seconds' (negative moves it back), "
            'e.g. {"days": 31}.'
        )
    by = clock.duration(days=body.days, hours=body.hours, minutes=body.minutes, seconds=body.seconds)
    with request.app.state.db.writing() as session:
        state = clock.advance(session, companyId, by)
    return json_response(state.body())


@router.delete("/companies/{companyId}/clock")
def reset_clock(request: Request, companyId: int) -> Response:
    with request.app.state.db.writing() as session:
        clock.reset(session, companyId)
    return Response(status_code=204)
