"""Connect applications, their secrets, the companies that approved them (grants), and the signing keys.

An application is registered once (Visma's Developer Portal) and used by every company that approved it; a
company is reached through its company-tenant GUID (`Company.tenant_guid`, Connect's `tenant_id`). Each
application has a service principal: an `app_user` row the API acts as when no person signs in (time cards,
the company tree), which holds the Financials User role in every company that granted the application.

The interactive flow adds single-use authorization codes, refresh tokens and a record of the access tokens that may
have to be stopped before they expire, all tied together by the `family` of one sign-in.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from ...db.base import Base, utcnow
from ...db.types import UTCDateTime
from ...kit.changes import renders_no_record

WEB, NATIVE, SPA, SERVICE = "web", "native", "spa", "service"
APPLICATION_TYPES = (WEB, NATIVE, SPA, SERVICE)
AUTHORIZATION_CODE, CLIENT_CREDENTIALS, REFRESH_TOKEN = "authorization_code", "client_credentials", "refresh_token"
# What each type may use (reference §1.2, the Connect page's table). Native and single-page apps are public
# clients: they have no secret, so client_credentials, though listed for them, cannot authenticate.
TYPE_GRANTS = {
    WEB: (AUTHORIZATION_CODE, CLIENT_CREDENTIALS, REFRESH_TOKEN),
    NATIVE: (AUTHORIZATION_CODE, REFRESH_TOKEN, CLIENT_CREDENTIALS),
    SPA: (AUTHORIZATION_CODE, REFRESH_TOKEN, CLIENT_CREDENTIALS),
    SERVICE: (CLIENT_CREDENTIALS,),
}
CONFIDENTIAL_TYPES = (WEB, SERVICE)

SERVICE_API = "vismanet_erp_service_api"
INTERACTIVE_API = "vismanet_erp_interactive_api"
VERBS = ("read", "create", "update", "delete")
SERVICE_SCOPES = tuple(f"{SERVICE_API}:{verb}" for verb in VERBS)
INTERACTIVE_SCOPES = (*(f"{INTERACTIVE_API}:{verb}" for verb in VERBS), f"{INTERACTIVE_API}:ui-extension")
IDENTITY_SCOPES = ("openid", "profile", "email", "offline_access")
TYPE_SCOPES = {
    WEB: SERVICE_SCOPES + INTERACTIVE_SCOPES + IDENTITY_SCOPES,
    NATIVE: INTERACTIVE_SCOPES + IDENTITY_SCOPES,
    SPA: INTERACTIVE_SCOPES + IDENTITY_SCOPES,
    SERVICE: SERVICE_SCOPES,
}

REFRESH_REUSE, REFRESH_ONE_TIME = "reuse", "one-time"
REFRESH_POLICIES = (REFRESH_REUSE, REFRESH_ONE_TIME)
DEFAULT_TOKEN_LIFETIME = 3600
# The longest an access token may live; retired signing keys stay published this long (plus margins).
MIN_TOKEN_LIFETIME, MAX_TOKEN_LIFETIME = 60, 86_400


class ConnectApplication(Base):
    """A registered application: what it is (type), what it may ask for (grants, scopes), how long its tokens
    live; `disabled_at` stops its tokens at once (within the validation cache's few seconds)."""

    __tablename__ = "connect_application"

    id: Mapped[int] = mapped_column(primary_key=True)
    client_id: Mapped[str] = mapped_column(String(64), unique=True)
    name: Mapped[str] = mapped_column(String(100))
    app_type: Mapped[str] = mapped_column(String(10))
    grants: Mapped[list] = mapped_column(JSON, default=list)
    allowed_scopes: Mapped[list] = mapped_column(JSON, default=list)
    token_lifetime: Mapped[int] = mapped_column(Integer, default=DEFAULT_TOKEN_LIFETIME)
    # For the interactive flow: refresh-token policy, the exact redirect URIs, and where end session may send the
    # browser afterwards (exact URIs too).
    refresh_policy: Mapped[str] = mapped_column(String(10), default=REFRESH_REUSE)
    redirect_uris: Mapped[list] = mapped_column(JSON, default=list)
    post_logout_redirect_uris: Mapped[list] = mapped_column(JSON, default=list)
    service_user_id: Mapped[int] = mapped_column(ForeignKey("app_user.id"), unique=True)
    # The tenant whose Customer administrator registered it in the admin panel, who alone may change it there;
    # None for an application made on the command line (the server's operator manages those).
    owner_tenant_id: Mapped[int | None] = mapped_column(ForeignKey("tenant.id", ondelete="SET NULL"), index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    disabled_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


@renders_no_record
class ApplicationSecret(Base):
    """A client secret, stored as its SHA-256 (as legacy client secrets are) and listed by its first characters."""

    __tablename__ = "connect_application_secret"

    id: Mapped[int] = mapped_column(primary_key=True)
    application_id: Mapped[int] = mapped_column(ForeignKey("connect_application.id", ondelete="CASCADE"), index=True)
    prefix: Mapped[str] = mapped_column(String(12))
    secret_hash: Mapped[str] = mapped_column(String(64), unique=True)
    description: Mapped[str] = mapped_column(String(100), default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    expires_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class ApplicationGrant(Base):
    """A company's approval of an application (Connect's tenant approval): who granted it, and when."""

    __tablename__ = "connect_grant"

    application_id: Mapped[int] = mapped_column(
        ForeignKey("connect_application.id", ondelete="CASCADE"), primary_key=True
    )
    company_id: Mapped[int] = mapped_column(ForeignKey("company.id", ondelete="CASCADE"), primary_key=True, index=True)
    granted_by_user_id: Mapped[int | None] = mapped_column(ForeignKey("app_user.id", ondelete="SET NULL"))
    # Who, in words: an administrator's e-mail address, or how it was granted ("nettfin admin", "demo seed").
    granted_by: Mapped[str] = mapped_column(String(254), default="")
    granted_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


@renders_no_record
class SigningKey(Base):
    """An RSA 2048 key for RS256. The newest unretired generation signs; a retired key stays in the JWKS until
    every token it can have signed has expired. `generation` is unique, so two workers creating the first key at
    once (or two rotations) cannot both win."""

    __tablename__ = "connect_signing_key"

    id: Mapped[int] = mapped_column(primary_key=True)
    generation: Mapped[int] = mapped_column(Integer, unique=True)
    kid: Mapped[str] = mapped_column(String(64), unique=True)
    private_key_pem: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    retired_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


@renders_no_record
class ConnectCode(Base):
    """An authorization code of the interactive flow: stored as its SHA-256, single-use (`used_at` is set by the
    one request that claims it), short-lived, bound to the application, the redirect URI, the PKCE challenge, the
    user and the company chosen. `family` names everything issued from it (refresh tokens, access tokens), so a
    replayed code can revoke it all."""

    __tablename__ = "connect_code"

    id: Mapped[int] = mapped_column(primary_key=True)
    code_hash: Mapped[str] = mapped_column(String(64), unique=True)
    family: Mapped[str] = mapped_column(String(32), unique=True)
    application_id: Mapped[int] = mapped_column(ForeignKey("connect_application.id", ondelete="CASCADE"), index=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("app_user.id", ondelete="CASCADE"), index=True)
    company_id: Mapped[int] = mapped_column(ForeignKey("company.id", ondelete="CASCADE"))
    redirect_uri: Mapped[str] = mapped_column(String(2000))
    scopes: Mapped[list] = mapped_column(JSON, default=list)
    nonce: Mapped[str | None] = mapped_column(String(500))
    code_challenge: Mapped[str | None] = mapped_column(String(128))
    code_challenge_method: Mapped[str | None] = mapped_column(String(10))
    auth_time: Mapped[int] = mapped_column(Integer)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime)
    used_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


@renders_no_record
class ConnectRefreshToken(Base):
    """A refresh token, stored as its SHA-256. One `family` per sign-in: a one-time token is replaced by a new row of
    the same family on each use (`used_at` set atomically), and a replay revokes the family."""

    __tablename__ = "connect_refresh_token"

    id: Mapped[int] = mapped_column(primary_key=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    family: Mapped[str] = mapped_column(String(32), index=True)
    application_id: Mapped[int] = mapped_column(ForeignKey("connect_application.id", ondelete="CASCADE"), index=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("app_user.id", ondelete="CASCADE"), index=True)
    company_id: Mapped[int] = mapped_column(ForeignKey("company.id", ondelete="CASCADE"))
    scopes: Mapped[list] = mapped_column(JSON, default=list)
    auth_time: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime)
    used_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


@renders_no_record
class ConnectAccessToken(Base):
    """An access token this server may have to stop before it expires: every interactive token (by its `jti`, with
    its family), and any token revoked at /connect/revocation. The validator keeps the revoked ones in memory."""

    __tablename__ = "connect_access_token"

    jti: Mapped[str] = mapped_column(String(64), primary_key=True)
    application_id: Mapped[int] = mapped_column(ForeignKey("connect_application.id", ondelete="CASCADE"), index=True)
    family: Mapped[str | None] = mapped_column(String(32), index=True)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
