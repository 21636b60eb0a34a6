"""Tenants (Visma's "customers"), their companies and users, company roles, API clients, and OAuth artefacts."""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import JSON, Boolean, ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column

from ..db.base import Base, utcnow
from ..db.types import UTCDateTime
from ..kit.changes import renders_no_record

FINANCIALS_USER = "Financials User"
FINANCIALS_ADMINISTRATOR = "Financials Administrator"
FINANCIALS_ROLES = (FINANCIALS_USER, FINANCIALS_ADMINISTRATOR)

CLIENT_TEST = "test"
CLIENT_PRODUCTION = "production"
CLIENT_TYPES = (CLIENT_TEST, CLIENT_PRODUCTION)

ORIGIN_CLIENT = "client"
ORIGIN_SWAGGER = "swagger"
ORIGIN_DEVELOPMENT = "development"
# A Visma Connect JWT (identity/connect): the caller is an application acting in the one company of its token.
ORIGIN_CONNECT = "connect"


class Tenant(Base):
    """A Visma.net customer: owns companies and users; its Customer administrators manage access."""

    __tablename__ = "tenant"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class Company(Base):
    __tablename__ = "company"
    # A deleted company's id is never given to another (SQLite would reuse the highest one): caches keyed by
    # company id (data versions, Connect grants) can never serve a new company what they held for an old one.
    __table_args__ = {"sqlite_autoincrement": True}

    id: Mapped[int] = mapped_column(primary_key=True)
    tenant_id: Mapped[int] = mapped_column(ForeignKey("tenant.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(100))
    organization_number: Mapped[str | None] = mapped_column(String(40))
    address_line1: Mapped[str | None] = mapped_column(String(100))
    address_line2: Mapped[str | None] = mapped_column(String(100))
    base_currency: Mapped[str] = mapped_column(String(3), default="NOK")
    # The company tenant's GUID: Visma Connect's `tenant_id`, which a service token request names (reference §1.6).
    tenant_guid: Mapped[str] = mapped_column(String(36), unique=True, default=lambda: str(uuid.uuid4()))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class User(Base):
    __tablename__ = "app_user"

    id: Mapped[int] = mapped_column(primary_key=True)
    tenant_id: Mapped[int | None] = mapped_column(ForeignKey("tenant.id", ondelete="CASCADE"), index=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)
    first_name: Mapped[str] = mapped_column(String(60), default="")
    last_name: Mapped[str] = mapped_column(String(60), default="")
    # argon2id; None for a user who cannot log in (token-only users made by `nettfin token create`).
    password_hash: Mapped[str | None] = mapped_column(String(200))
    customer_administrator: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class CompanyRole(Base):
    """A Financials role a user holds in a company; any Financials role lets the user use the company."""

    __tablename__ = "company_role"

    user_id: Mapped[int] = mapped_column(ForeignKey("app_user.id", ondelete="CASCADE"), primary_key=True)
    company_id: Mapped[int] = mapped_column(ForeignKey("company.id", ondelete="CASCADE"), primary_key=True)
    role: Mapped[str] = mapped_column(String(40), primary_key=True)


class ApiClient(Base):
    """A registered integration: OAuth client id, hashed secret, exact redirect URIs, test or production."""

    __tablename__ = "api_client"

    id: Mapped[int] = mapped_column(primary_key=True)
    tenant_id: Mapped[int] = mapped_column(ForeignKey("tenant.id", ondelete="CASCADE"), index=True)
    client_id: Mapped[str] = mapped_column(String(64), unique=True)
    name: Mapped[str] = mapped_column(String(100))
    client_type: Mapped[str] = mapped_column(String(20), default=CLIENT_TEST)
    secret_hash: Mapped[str] = mapped_column(String(200))
    redirect_uris: Mapped[list] = mapped_column(JSON, default=list)
    active: Mapped[bool] = mapped_column(Boolean, default=False)
    activation_hash: Mapped[str | None] = mapped_column(String(64), unique=True)
    activation_expires_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


@renders_no_record
class AuthorizationCode(Base):
    """A single-use code, bound to its client and redirect URI; stored as a hash."""

    __tablename__ = "authorization_code"

    id: Mapped[int] = mapped_column(primary_key=True)
    code_hash: Mapped[str] = mapped_column(String(64), unique=True)
    # None for Swagger UI's public client, which has no registration row.
    client_id: Mapped[int | None] = mapped_column(ForeignKey("api_client.id", ondelete="CASCADE"), index=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("app_user.id", ondelete="CASCADE"))
    redirect_uri: Mapped[str] = mapped_column(String(2000))
    scope: Mapped[str] = mapped_column(String(200), default="")
    code_challenge: Mapped[str | None] = mapped_column(String(128))
    code_challenge_method: Mapped[str | None] = mapped_column(String(10))
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime)
    used_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


@renders_no_record
class ApiToken(Base):
    """A bearer token (and its refresh token), stored only as SHA-256 hashes of random values."""

    __tablename__ = "api_token"
    __table_args__ = (Index("ix_api_token_refresh_hash", "refresh_hash", unique=True),)

    id: Mapped[int] = mapped_column(primary_key=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    refresh_hash: Mapped[str | None] = mapped_column(String(64))
    user_id: Mapped[int] = mapped_column(ForeignKey("app_user.id", ondelete="CASCADE"), index=True)
    # None for development tokens (`nettfin token create`) and Swagger UI's tokens; `origin` says which.
    client_id: Mapped[int | None] = mapped_column(ForeignKey("api_client.id", ondelete="CASCADE"), index=True)
    origin: Mapped[str] = mapped_column(String(20), default=ORIGIN_DEVELOPMENT)
    authorization_code_id: Mapped[int | None] = mapped_column(ForeignKey("authorization_code.id", ondelete="SET NULL"))
    scope: Mapped[str] = mapped_column(String(200), default="financialstasks")
    description: Mapped[str] = mapped_column(String(200), default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
