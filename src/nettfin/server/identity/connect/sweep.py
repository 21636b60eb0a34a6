"""Deleting the interactive flow's records once nothing can need them: authorization codes, refresh tokens, and the
records of access tokens (revoked ones, and those kept so a sign-in's tokens can be revoked together).

Run by the token endpoint at most once a minute per process (`Sweeper`), and by `nettfin db sweep-connect`.
Each kind is deleted in its own statement inside one transaction; a row is deleted only when every check that
reads it would refuse it anyway, so a sweep changes no answer the server gives.
"""

from __future__ import annotations

import logging
import threading
import time
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import and_, delete, or_
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from ...db.base import utcnow
from ...db.engine import Database
from .keys import CLOCK_LEEWAY_SECONDS
from .models import MAX_TOKEN_LIFETIME, ConnectAccessToken, ConnectCode, ConnectRefreshToken

# A used code is kept past its expiry while the access tokens issued from it may live: until then a replay of it
# still revokes what it issued (RFC 6749 §4.1.2). Its refresh tokens are revoked with their own records.
USED_CODE_KEPT = timedelta(seconds=MAX_TOKEN_LIFETIME)
# The validator reads the revoked jtis of tokens that expired less than a minute ago (the clock leeway and more).
ACCESS_RECORD_KEPT = timedelta(seconds=2 * CLOCK_LEEWAY_SECONDS)
SWEEP_EVERY_SECONDS = 60.0

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Swept:
    codes: int
    refresh_tokens: int
    access_tokens: int

    @property
    def total(self) -> int:
        return self.codes + self.refresh_tokens + self.access_tokens


def sweep(session: Session, now: datetime | None = None) -> Swept:
    """Delete what has expired at `now` (default: the current time), in the caller's transaction: unused codes
    past their expiry, used ones a day later; refresh tokens past their expiry, revoked or not (a family revoked on
    replay goes as each of its tokens expires); access-token records a minute after their token expired."""
    now = now or utcnow()
    codes = session.execute(
        delete(ConnectCode).where(
            or_(
                and_(ConnectCode.used_at.is_(None), ConnectCode.expires_at <= now),
                ConnectCode.expires_at <= now - USED_CODE_KEPT,
            )
        )
    ).rowcount
    refresh_tokens = session.execute(delete(ConnectRefreshToken).where(ConnectRefreshToken.expires_at <= now)).rowcount
    access_tokens = session.execute(
        delete(ConnectAccessToken).where(ConnectAccessToken.expires_at <= now - ACCESS_RECORD_KEPT)
    ).rowcount
    return Swept(codes, refresh_tokens, access_tokens)


class Sweeper:
    """Sweeps at most once every `every` seconds in this process, never twice at once, and never fails the
    request that happens to run it: a sweep that fails (a lock, a deadlock) is logged and tried again later."""

    def __init__(self, db: Database, *, every: float = SWEEP_EVERY_SECONDS, monotonic=time.monotonic) -> None:
        self.db, self.every, self.monotonic = db, every, monotonic
        self._next = 0.0
        self._lock = threading.Lock()

    def maybe_sweep(self) -> Swept | None:
        if self.monotonic() < self._next or not self._lock.acquire(blocking=False):
            return None
        try:
            self._next = self.monotonic() + self.every
            with self.db.writing() as session:
                return sweep(session)
        except SQLAlchemyError:
            log.warning("sweeping expired Visma Connect records failed; trying again later", exc_info=True)
            return None
        finally:
            self._lock.release()
