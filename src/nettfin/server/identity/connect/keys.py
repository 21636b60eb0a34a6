"""Signing keys: RSA 2048 for RS256, made on first need, rotated on demand (`nettfin admin key rotate`).

The newest unretired generation signs. A retired key stays published (JWKS) and trusted until every token it can
have signed has expired: the longest token lifetime, plus how long a worker may keep signing with a key it has
cached, plus the clock leeway. Each process caches the keys for a minute, and reloads them at once (at most once a
second) when a token names a kid it does not know: another worker may have made or rotated the key.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass
from datetime import timedelta

from joserfc.jwk import RSAKey
from sqlalchemy import func, or_, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from ...db.base import utcnow
from ...db.engine import Database
from .models import MAX_TOKEN_LIFETIME, SigningKey

KEY_CACHE_SECONDS = 60
# exp and nbf are checked with this much tolerance for clocks that disagree.
CLOCK_LEEWAY_SECONDS = 30
PUBLISHED_AFTER_RETIREMENT = timedelta(seconds=MAX_TOKEN_LIFETIME + KEY_CACHE_SECONDS + CLOCK_LEEWAY_SECONDS)
_RELOAD_AT_MOST_EVERY = 1.0


def generate_key() -> tuple[str, str]:
    """A new RSA 2048 key: its kid (the RFC 7638 JWK thumbprint) and its private key as PKCS#8 PEM."""
    key = RSAKey.generate_key(2048, auto_kid=False)
    return key.thumbprint(), key.as_pem(private=True).decode()


def add_key(session: Session) -> SigningKey:
    generation = (session.scalar(select(func.max(SigningKey.generation))) or 0) + 1
    kid, pem = generate_key()
    key = SigningKey(generation=generation, kid=kid, private_key_pem=pem)
    session.add(key)
    session.flush()
    return key


def rotate_signing_key(session: Session) -> SigningKey:
    """Retire every signing key and make a new one; the retired keys stay published while their tokens live."""
    session.execute(update(SigningKey).where(SigningKey.retired_at.is_(None)).values(retired_at=utcnow()))
    return add_key(session)


def published_keys(session: Session) -> list[SigningKey]:
    """The JWKS: the signing keys and those retired recently enough that their tokens may still be valid."""
    horizon = utcnow() - PUBLISHED_AFTER_RETIREMENT
    return list(
        session.scalars(
            select(SigningKey)
            .where(or_(SigningKey.retired_at.is_(None), SigningKey.retired_at > horizon))
            .order_by(SigningKey.generation.desc())
        )
    )


def public_jwk(key: RSAKey, kid: str) -> dict:
    return {**key.as_dict(private=False), "kid": kid, "use": "sig", "alg": "RS256"}


@dataclass(frozen=True)
class _Loaded:
    signer: tuple[str, RSAKey] | None
    public: dict[str, RSAKey]
    jwks: dict
    at: float


class KeyRing:
    """This process's view of the signing keys."""

    def __init__(self, db: Database, *, clock=time.monotonic) -> None:
        self.db = db
        self.clock = clock
        self._lock = threading.Lock()
        self._loaded: _Loaded | None = None
        self._parsed: dict[str, tuple[RSAKey, RSAKey]] = {}  # kid -> (private, public): parsing PEM is slow

    def signer(self) -> tuple[str, RSAKey]:
        """The kid and private key to sign with; the first call on a new database makes the first key."""
        loaded = self._current()
        if loaded.signer is None:
            self._make_first_key()
            loaded = self._reload()
        return loaded.signer

    def public_key(self, kid: str) -> RSAKey | None:
        loaded = self._current()
        found = loaded.public.get(kid)
        if found is None and self.clock() - loaded.at >= _RELOAD_AT_MOST_EVERY:
            found = self._reload().public.get(kid)
        return found

    def jwks(self) -> dict:
        return self._current().jwks

    def forget(self) -> None:
        """Read the keys again on next use (after a rotation in this process)."""
        self._loaded = None

    def _current(self) -> _Loaded:
        loaded = self._loaded
        if loaded is None or self.clock() - loaded.at >= KEY_CACHE_SECONDS:
            loaded = self._reload()
        return loaded

    def _reload(self) -> _Loaded:
        with self._lock:
            with self.db.reading() as session:
                rows = [(row.kid, row.private_key_pem, row.retired_at is None) for row in published_keys(session)]
            public, jwks, signer = {}, [], None
            for kid, pem, active in rows:
                private, public_key = self._parse(kid, pem)
                public[kid] = public_key
                jwks.append(public_jwk(public_key, kid))
                if active and signer is None:
                    signer = (kid, private)
            self._loaded = _Loaded(signer, public, {"keys": jwks}, self.clock())
            return self._loaded

    def _parse(self, kid: str, pem: str) -> tuple[RSAKey, RSAKey]:
        parsed = self._parsed.get(kid)
        if parsed is None:
            private = RSAKey.import_key(pem)
            parsed = self._parsed[kid] = (private, RSAKey.import_key(private.as_dict(private=False)))
        return parsed

    def _make_first_key(self) -> None:
        try:
            with self.db.writing() as session:
                if session.scalar(select(SigningKey.id).where(SigningKey.retired_at.is_(None)).limit(1)) is None:
                    add_key(session)
        except IntegrityError:
            pass  # another worker made it at the same moment (same generation); use theirs
