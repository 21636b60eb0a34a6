"""JWT access tokens: issued by the token endpoint, validated on every API call that carries one.

Issued (reference §1.7): header `{"alg": "RS256", "typ": "at+jwt", "kid"}`; claims `iss`, `aud` (a list),
`nbf`, `iat`, `exp`, `client_id`, `scope` (a list), `tenant_id` (the company-tenant GUID), `jti`, and `sub` (the
user's id) and `auth_time` for interactive tokens. ID tokens (`typ` `JWT`, `aud` the client id) are never accepted
by the API.

Validated without touching the database on the hot path: a token whose signature verified once is remembered
(by its exact text) until it expires, and what the application may do in the company (it exists and is not
disabled, the grant is still there, its allowed scopes) is remembered per (client_id, tenant_id) for a few
seconds. Issuer, audience and the clock are checked on every call. Revoked tokens (/connect/revocation, a replayed
code or one-time refresh token) are known by their `jti`: the set of those not yet expired is read at most every few
seconds (at once after a revocation in this process). An interactive token runs as its user, who must still hold a
Financials role in the company (remembered for the same few seconds).
"""

from __future__ import annotations

import base64
import binascii
import threading
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import UTC, datetime

import orjson
from joserfc import jwt
from joserfc.errors import JoseError
from sqlalchemy import bindparam, select

from ...db.clock import Clock
from ...db.engine import Database
from ...kit.errors import IppError
from ..models import FINANCIALS_ROLES, Company, CompanyRole
from .keys import CLOCK_LEEWAY_SECONDS, KeyRing
from .models import INTERACTIVE_API, SERVICE_API, ApplicationGrant, ConnectAccessToken, ConnectApplication
from .service import access_epoch

INVALID_TOKEN = "12001"
ACCESS_CACHE_SECONDS = 5.0
VERIFIED_CACHE_SIZE = 10_000
TOKEN_TYPE = "at+jwt"
ID_TOKEN_LIFETIME = 300
NO_COMPANY_ACCESS = "12002"


class ConnectTokenError(IppError):
    """401 in the IPP shape, like an unknown legacy token, with a message naming what was wrong."""

    def __init__(self, message: str) -> None:
        super().__init__(f"Invalid token: {message}", fault_code=INVALID_TOKEN, status_code=401)

    def headers(self) -> dict[str, str]:
        return {"WWW-Authenticate": 'Bearer error="invalid_token"'}


def looks_like_jwt(token: str) -> bool:
    """Legacy tokens are GUIDs; a JWT is three base64url parts, the first a JSON object (`eyJ`)."""
    return token.startswith("eyJ") and token.count(".") == 2


def issue_access_token(
    keys: KeyRing,
    *,
    issuer: str,
    audience: str,
    client_id: str,
    tenant_id: str,
    scopes: list[str],
    lifetime: int,
    subject: str | None = None,
    auth_time: int | None = None,
    jti: str | None = None,
    now: int | None = None,
) -> str:
    """`now`: the issuing instant as a Unix time, the company's own when its clock was moved (db/clock.py)."""
    kid, key = keys.signer()
    now = int(time.time()) if now is None else now
    claims = {
        "iss": issuer,
        "nbf": now,
        "iat": now,
        "exp": now + lifetime,
        "aud": [audience],
        "client_id": client_id,
        "scope": list(scopes),
        "tenant_id": tenant_id,
        "jti": jti or uuid.uuid4().hex,
    }
    if subject is not None:
        claims["sub"] = subject
        claims["auth_time"] = auth_time if auth_time is not None else now
    return jwt.encode({"alg": "RS256", "typ": TOKEN_TYPE, "kid": kid}, claims, key, algorithms=["RS256"])


def issue_id_token(
    keys: KeyRing, *, issuer: str, client_id: str, subject: str, auth_time: int, claims: dict, nonce: str | None
) -> str:
    """The OpenID Connect ID token: for the client (`aud` is its id), about the user; RS256 with the same keys."""
    kid, key = keys.signer()
    now = int(time.time())
    body = {
        "iss": issuer,
        "sub": subject,
        "aud": client_id,
        "iat": now,
        "nbf": now,
        "exp": now + ID_TOKEN_LIFETIME,
        "auth_time": auth_time,
        "amr": ["pwd"],
        "idp": "local",
        **claims,
    }
    if nonce is not None:
        body["nonce"] = nonce
    return jwt.encode({"alg": "RS256", "typ": "JWT", "kid": kid}, body, key, algorithms=["RS256"])


@dataclass(frozen=True)
class VerifiedToken:
    """A token whose signature verified, with the claims the API uses."""

    issuer: str
    audience: tuple[str, ...]
    expires: int
    not_before: int
    client_id: str
    tenant_id: str
    scopes: frozenset[str]
    subject: str | None
    jti: str | None = None
    auth_time: int | None = None


@dataclass(frozen=True)
class Access:
    """What an application may do in a company right now, and the user a call runs as: the application's
    service principal for a service token, the signed-in user for an interactive one."""

    application_id: int
    client_id: str
    acting_user_id: int
    company_id: int
    allowed_scopes: frozenset[str]


@dataclass(frozen=True)
class ConnectIdentity:
    """A valid Connect token, resolved: who acts, in which company, with which scope verbs."""

    access: Access
    verbs: frozenset[str]
    interactive: bool
    token: VerifiedToken | None = None

    @property
    def user_id(self) -> int:
        return self.access.acting_user_id

    @property
    def scope_family(self) -> str:
        return INTERACTIVE_API if self.interactive else SERVICE_API


_ACCESS = (
    select(
        ConnectApplication.id,
        ConnectApplication.service_user_id,
        ConnectApplication.allowed_scopes,
        ConnectApplication.disabled_at,
        Company.id.label("company_id"),
        ApplicationGrant.company_id.label("granted"),
    )
    .select_from(ConnectApplication)
    .join(Company, Company.tenant_guid == bindparam("tenant_guid"))
    .outerjoin(
        ApplicationGrant,
        (ApplicationGrant.application_id == ConnectApplication.id) & (ApplicationGrant.company_id == Company.id),
    )
    .where(ConnectApplication.client_id == bindparam("client_id"))
)


def real_time(_company_id: int) -> Clock | None:
    """No company's clock is moved: what a TokenValidator or an authorization server uses until told."""
    return None


class TokenValidator:
    def __init__(self, db: Database, keys: KeyRing, *, clock=time.time, monotonic=time.monotonic) -> None:
        self.db, self.keys, self.clock, self.monotonic = db, keys, clock, monotonic
        # A company's moved clock (db/clock.py), which its tokens' lifetimes are measured by; the app sets it.
        self.company_clock: Callable[[int], Clock | None] = real_time
        self._verified: dict[str, VerifiedToken] = {}
        self._access: dict[tuple[str, str], tuple[float, int, Access | str]] = {}
        self._roles: dict[tuple[int, int], tuple[float, int, bool]] = {}
        self._revoked: tuple[float, int, frozenset[str]] = (0.0, -1, frozenset())
        self._lock = threading.Lock()

    def identify(
        self, token: str, *, issuer: str, audience: str, company_clock: Callable[[int], Clock | None] | None = None
    ) -> ConnectIdentity:
        """The token's application, company and scopes; ConnectTokenError (401) when it may not be used. Its
        lifetime is measured by its company's clock (`company_clock`, else the app's), in which it was issued."""
        verified = self._verified.get(token) or self._verify(token)
        try:
            access = self._access_for(verified.client_id, verified.tenant_id)
        except IppError:
            self._check(verified, issuer=issuer, audience=audience, now=self.clock())  # its own faults first
            raise
        clock = (company_clock or self.company_clock)(access.company_id)
        real = self.clock()
        now = real if clock is None else clock.at(datetime.fromtimestamp(real, UTC)).timestamp()
        self._check(verified, issuer=issuer, audience=audience, now=now)
        granted = verified.scopes & access.allowed_scopes
        interactive = verified.subject is not None
        if interactive:
            access = self._as_user(access, verified.subject)
        family = INTERACTIVE_API if interactive else SERVICE_API
        verbs = frozenset(scope.split(":", 1)[1] for scope in granted if scope.startswith(family + ":"))
        return ConnectIdentity(access=access, verbs=verbs, interactive=interactive, token=verified)

    def check(self, token: str, *, issuer: str, audience: str) -> VerifiedToken:
        """Signature, issuer, audience, lifetime (by the real time) and revocation: what a token is, before what it
        may do."""
        verified = self._verified.get(token) or self._verify(token)
        self._check(verified, issuer=issuer, audience=audience, now=self.clock())
        return verified

    def _check(self, verified: VerifiedToken, *, issuer: str, audience: str, now: float) -> None:
        if verified.issuer != issuer:
            raise ConnectTokenError(
                f"it was issued by '{verified.issuer}', not by this server ('{issuer}'). Get tokens from "
                f"{issuer}/connect/token (or set NETTFIN_PUBLIC_URL when the server is reached by several names)."
            )
        if audience not in verified.audience:
            raise ConnectTokenError(f"its audience {list(verified.audience)} does not include this API ('{audience}').")
        if now > verified.expires + CLOCK_LEEWAY_SECONDS:
            raise ConnectTokenError(f"it expired at {_iso(verified.expires)}; request a new one.")
        if now + CLOCK_LEEWAY_SECONDS < verified.not_before:
            raise ConnectTokenError(f"it is not valid before {_iso(verified.not_before)}.")
        if verified.jti is not None and verified.jti in self._revoked_jtis():
            raise ConnectTokenError("it has been revoked.")

    def _revoked_jtis(self) -> frozenset[str]:
        deadline, epoch, jtis = self._revoked
        if deadline <= self.monotonic() or epoch != access_epoch():
            epoch = access_epoch()
            with self.db.autocommit.connect() as connection:
                jtis = frozenset(
                    connection.execute(
                        select(ConnectAccessToken.jti).where(
                            ConnectAccessToken.revoked_at.is_not(None),
                            ConnectAccessToken.expires_at > datetime.fromtimestamp(self.clock() - 60, UTC),
                        )
                    ).scalars()
                )
            self._revoked = (self.monotonic() + ACCESS_CACHE_SECONDS, epoch, jtis)
        return jtis

    def _as_user(self, access: Access, subject: str) -> Access:
        """An interactive token runs as its user, who needs a Financials role in the company (roles as today)."""
        try:
            user_id = int(subject)
        except ValueError:
            raise ConnectTokenError(f"its subject '{subject[:40]}' is not a user of this server.") from None
        key = (user_id, access.company_id)
        cached = self._roles.get(key)
        epoch = access_epoch()
        if cached is None or cached[0] <= self.monotonic() or cached[1] != epoch:
            with self.db.autocommit.connect() as connection:
                has_role = (
                    connection.execute(
                        select(CompanyRole.user_id).where(
                            CompanyRole.user_id == user_id,
                            CompanyRole.company_id == access.company_id,
                            CompanyRole.role.in_(FINANCIALS_ROLES),
                        )
                    ).first()
                    is not None
                )
            cached = (self.monotonic() + ACCESS_CACHE_SECONDS, epoch, has_role)
            self._roles[key] = cached
        if not cached[2]:
            raise IppError(
                f"Invalid parameter exception: ipp-company-id. The token's user has no Financials role in company "
                f"{access.company_id} any more; sign in again and choose a company you may use.",
                fault_code=NO_COMPANY_ACCESS,
            )
        return replace(access, acting_user_id=user_id)

    def _verify(self, token: str) -> VerifiedToken:
        try:
            encoded = token.split(".", 1)[0]
            header = orjson.loads(base64.urlsafe_b64decode(encoded + "=" * (-len(encoded) % 4)))
            if not isinstance(header, dict):
                raise ValueError
        except (ValueError, TypeError, orjson.JSONDecodeError, binascii.Error):
            raise ConnectTokenError("it is not a well-formed JWT.") from None
        if header.get("alg") != "RS256":
            raise ConnectTokenError(f"its algorithm is '{header.get('alg')}'; tokens are signed with RS256.")
        if header.get("typ") != TOKEN_TYPE:
            raise ConnectTokenError(f"its type is '{header.get('typ')}', not an access token ('{TOKEN_TYPE}').")
        key = self.keys.public_key(str(header.get("kid")))
        if key is None:
            raise ConnectTokenError(
                f"it is signed with key '{header.get('kid')}', which this server does not publish "
                "(/.well-known/openid-configuration/jwks)."
            )
        try:
            claims = jwt.decode(token, key, algorithms=["RS256"]).claims
        except (JoseError, ValueError):
            raise ConnectTokenError("its signature does not verify.") from None
        verified = _claims(claims)
        with self._lock:
            if len(self._verified) >= VERIFIED_CACHE_SIZE:
                now = self.clock()
                self._verified = {t: v for t, v in self._verified.items() if v.expires > now}
                if len(self._verified) >= VERIFIED_CACHE_SIZE:
                    self._verified.clear()
            self._verified[token] = verified
        return verified

    def _access_for(self, client_id: str, tenant_id: str) -> Access:
        key = (client_id, tenant_id)
        cached = self._access.get(key)
        epoch = access_epoch()
        if cached is None or cached[0] <= self.monotonic() or cached[1] != epoch:
            cached = (self.monotonic() + ACCESS_CACHE_SECONDS, epoch, self._load_access(client_id, tenant_id))
            self._access[key] = cached
        found = cached[2]
        if isinstance(found, str):
            raise ConnectTokenError(found)
        return found

    def _load_access(self, client_id: str, tenant_id: str) -> Access | str:
        with self.db.autocommit.connect() as connection:
            row = connection.execute(_ACCESS, {"client_id": client_id, "tenant_guid": tenant_id}).first()
        if row is None:
            # Either the application or the company tenant is unknown: say which.
            with self.db.autocommit.connect() as connection:
                known = connection.execute(
                    select(ConnectApplication.id).where(ConnectApplication.client_id == client_id)
                ).first()
            if known is None:
                return f"application '{client_id}' is unknown."
            return f"company tenant '{tenant_id}' is unknown."
        if row.disabled_at is not None:
            return f"application '{client_id}' is disabled."
        if row.granted is None:
            return f"application '{client_id}' no longer has access to company tenant '{tenant_id}'."
        return Access(
            application_id=row.id,
            client_id=client_id,
            acting_user_id=row.service_user_id,
            company_id=row.company_id,
            allowed_scopes=frozenset(row.allowed_scopes or ()),
        )


def _claims(claims: dict) -> VerifiedToken:
    try:
        audience = claims["aud"]
        scope = claims.get("scope", [])
        return VerifiedToken(
            issuer=str(claims["iss"]),
            audience=tuple(audience) if isinstance(audience, list) else (str(audience),),
            expires=int(claims["exp"]),
            not_before=int(claims.get("nbf", 0)),
            client_id=str(claims["client_id"]),
            tenant_id=str(claims["tenant_id"]),
            scopes=frozenset(scope if isinstance(scope, list) else str(scope).split()),
            subject=str(claims["sub"]) if claims.get("sub") is not None else None,
            jti=str(claims["jti"]) if claims.get("jti") is not None else None,
            auth_time=int(claims["auth_time"]) if claims.get("auth_time") is not None else None,
        )
    except (KeyError, TypeError, ValueError) as error:
        raise ConnectTokenError(f"a claim is missing or malformed ({error}).") from None


def scope_verb(method: str, path: str) -> str:
    """The scope verb an operation needs (reference §1.3's natural reading): read for GET, create for a POST that
    creates, update for PUT and POST actions (`/action/`), delete for DELETE."""
    method = method.upper()
    if method in ("GET", "HEAD", "OPTIONS"):
        return "read"
    if method == "DELETE":
        return "delete"
    if method == "POST" and "/action/" not in path.lower():
        return "create"
    return "update"


def _iso(epoch: int) -> str:
    return datetime.fromtimestamp(epoch, UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
