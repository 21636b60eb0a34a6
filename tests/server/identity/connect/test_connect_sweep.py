"""Sweeping the interactive flow's expired records: live ones survive, expired ones go, on both databases; the token
endpoint sweeps at most once a minute, and never fails a token request for it."""

from __future__ import annotations

import uuid
from datetime import timedelta

import pytest
from sqlalchemy import select
from sqlalchemy.exc import OperationalError

from nettfin.server.db.base import utcnow
from nettfin.server.identity.connect.models import ConnectAccessToken, ConnectCode, ConnectRefreshToken
from nettfin.server.identity.connect.sweep import Sweeper, sweep
from tests.connect_helpers import access_token, make_connected


@pytest.fixture
def connected(database, client):
    return make_connected(database, client)


def _code(connected, name: str, *, expires_in: timedelta, used: bool = False) -> ConnectCode:
    now = utcnow()
    return ConnectCode(
        code_hash=f"{name}-{uuid.uuid4().hex}"[:64],
        family=uuid.uuid4().hex,
        application_id=connected.application_id,
        user_id=connected.tenant.user_id,
        company_id=connected.company_id,
        redirect_uri="https://app.example/callback",
        scopes=["openid"],
        auth_time=0,
        expires_at=now + expires_in,
        used_at=now if used else None,
    )


def _refresh(connected, name: str, *, expires_in: timedelta, revoked: bool = False) -> ConnectRefreshToken:
    now = utcnow()
    return ConnectRefreshToken(
        token_hash=f"{name}-{uuid.uuid4().hex}"[:64],
        family=uuid.uuid4().hex,
        application_id=connected.application_id,
        user_id=connected.tenant.user_id,
        company_id=connected.company_id,
        scopes=["offline_access"],
        auth_time=0,
        expires_at=now + expires_in,
        revoked_at=now if revoked else None,
    )


def _access(connected, *, expires_in: timedelta, revoked: bool = True) -> ConnectAccessToken:
    return ConnectAccessToken(
        jti=uuid.uuid4().hex,
        application_id=connected.application_id,
        family=None,
        expires_at=utcnow() + expires_in,
        revoked_at=utcnow() if revoked else None,
    )


def _seed(database, connected) -> dict[str, list]:
    """Records of every kind, some live and some expired; their keys by what a sweep must do with them."""
    minute, hour, day = timedelta(minutes=1), timedelta(hours=1), timedelta(days=1)
    kept = {
        "codes": [
            _code(connected, "live", expires_in=4 * minute),
            _code(connected, "used-live", expires_in=4 * minute, used=True),
            _code(connected, "used-recently-expired", expires_in=-hour, used=True),  # replays still revoke
        ],
        "refresh": [
            _refresh(connected, "live", expires_in=30 * day),
            _refresh(connected, "revoked-live", expires_in=day, revoked=True),
        ],
        "access": [
            _access(connected, expires_in=hour),
            _access(connected, expires_in=hour, revoked=False),
            _access(connected, expires_in=-timedelta(seconds=30)),  # still within the validator's leeway
        ],
    }
    gone = {
        "codes": [
            _code(connected, "expired", expires_in=-timedelta(seconds=1)),
            _code(connected, "used-long-ago", expires_in=-(day + minute), used=True),
        ],
        "refresh": [
            _refresh(connected, "expired", expires_in=-timedelta(seconds=1)),
            _refresh(connected, "revoked-expired", expires_in=-hour, revoked=True),
        ],
        "access": [
            _access(connected, expires_in=-2 * minute),
            _access(connected, expires_in=-hour, revoked=False),
        ],
    }
    with database.writing() as session:
        for rows in (*kept.values(), *gone.values()):
            session.add_all(rows)
    return {"kept": _keys(kept), "gone": _keys(gone)}


def _keys(groups: dict[str, list]) -> list:
    return [
        *(("code", row.code_hash) for row in groups["codes"]),
        *(("refresh", row.token_hash) for row in groups["refresh"]),
        *(("access", row.jti) for row in groups["access"]),
    ]


def _present(database) -> set:
    with database.reading() as session:
        return {
            *(("code", key) for key in session.scalars(select(ConnectCode.code_hash))),
            *(("refresh", key) for key in session.scalars(select(ConnectRefreshToken.token_hash))),
            *(("access", key) for key in session.scalars(select(ConnectAccessToken.jti))),
        }


def test_live_records_survive_and_expired_ones_go(database, connected):
    seeded = _seed(database, connected)
    with database.writing() as session:
        swept = sweep(session)
    present = _present(database)
    assert set(seeded["kept"]) <= present
    assert not set(seeded["gone"]) & present
    assert (swept.codes, swept.refresh_tokens, swept.access_tokens) >= (2, 2, 2)
    with database.writing() as session:
        assert sweep(session).total == 0  # nothing left to do


def test_a_later_now_takes_what_has_expired_by_then(database, connected):
    seeded = _seed(database, connected)
    with database.writing() as session:
        sweep(session, utcnow() + timedelta(days=31))
    assert not (set(seeded["kept"]) | set(seeded["gone"])) & _present(database)


def test_the_token_endpoint_sweeps_at_most_once_a_minute(database, client, connected, app):
    sweeper: Sweeper = app.state.connect.sweeper
    sweeper._next = 0.0  # as in a process that has not swept yet
    seeded = _seed(database, connected)
    access_token(client, connected)
    assert not set(seeded["gone"]) & _present(database)
    again = _seed(database, connected)
    access_token(client, connected)  # within the minute: no sweep
    assert set(again["gone"]) <= _present(database)


def test_a_failed_sweep_is_logged_and_tried_again_later(database, caplog):
    class Broken:
        def writing(self):
            raise OperationalError("DELETE", {}, Exception("database is locked"))

    clock = [100.0]
    sweeper = Sweeper(Broken(), every=60, monotonic=lambda: clock[0])
    assert sweeper.maybe_sweep() is None
    assert "sweeping expired Visma Connect records failed" in caplog.text
    real = Sweeper(database, every=60, monotonic=lambda: clock[0])
    assert real.maybe_sweep() is not None
    clock[0] += 30
    assert real.maybe_sweep() is None  # not yet
    clock[0] += 31
    assert real.maybe_sweep() is not None
