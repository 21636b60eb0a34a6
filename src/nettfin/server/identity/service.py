"""Use cases for tenants, companies, users, roles, API clients and tokens."""

from __future__ import annotations

import hashlib
import secrets
import uuid
from datetime import timedelta
from urllib.parse import urlsplit

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from ..currencies.service import add_currency
from ..db.base import utcnow
from ..kit.errors import BusinessError, NotFound
from ..ledger.company_ledgers import add_ledgers
from ..organisation.service import add_organisation
from ..sales.order_types import add_order_types
from .models import (
    CLIENT_TEST,
    CLIENT_TYPES,
    FINANCIALS_ROLES,
    FINANCIALS_USER,
    ORIGIN_DEVELOPMENT,
    ApiClient,
    ApiToken,
    Company,
    CompanyRole,
    Tenant,
    User,
)
from .passwords import hash_password

ACTIVATION_VALIDITY = timedelta(days=5)
_LOOPBACK_HOSTS = {"localhost", "127.0.0.1", "::1"}


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def typeable_secret(nbytes: int = 32) -> str:
    """Random bytes, URL-safe, never starting with '-': a person pastes secrets and keys after an option on a
    command line (`--client-secret`, `--nettfin-admin-key`, `secret-revoke`), where a leading dash would be read
    as an option of its own. One token in 64 would start with one."""
    while (secret := secrets.token_urlsafe(nbytes)).startswith("-"):
        pass
    return secret


def create_tenant(session: Session, *, name: str) -> Tenant:
    tenant = Tenant(name=name)
    session.add(tenant)
    session.flush()
    return tenant


def create_company(
    session: Session,
    *,
    name: str,
    tenant: Tenant | None = None,
    organization_number: str | None = None,
    base_currency: str = "NOK",
    tenant_guid: str | None = None,
) -> Company:
    """A company of the tenant; without a tenant, the company gets a tenant of its own. Every company has its own
    company-tenant GUID (Visma Connect's `tenant_id`): random unless given (the demo's is fixed). Its base
    currency is its first currency; its organisation has the main branch, `1`."""
    tenant = tenant or create_tenant(session, name=name)
    company = Company(
        name=name,
        tenant_id=tenant.id,
        organization_number=organization_number,
        base_currency=base_currency,
        tenant_guid=tenant_guid or str(uuid.uuid4()),
    )
    session.add(company)
    session.flush()
    add_currency(session, company.id, base_currency)
    add_organisation(session, company)
    add_ledgers(session, company.id)
    add_order_types(session, company.id)
    return company


def create_user(
    session: Session,
    *,
    email: str,
    first_name: str = "",
    last_name: str = "",
    tenant: Tenant | None = None,
    password: str | None = None,
    customer_administrator: bool = False,
) -> User:
    email = email.strip().lower()
    if session.scalar(select(User.id).where(User.email == email)) is not None:
        raise BusinessError(f"A user with the e-mail address '{email}' already exists.")
    user = User(
        email=email,
        first_name=first_name,
        last_name=last_name,
        tenant_id=tenant.id if tenant else None,
        password_hash=hash_password(password) if password else None,
        customer_administrator=customer_administrator,
    )
    session.add(user)
    session.flush()
    return user


def set_password(session: Session, *, user: User, password: str) -> None:
    user.password_hash = hash_password(password)


def grant_company(
    session: Session, *, user: User, company: Company, roles: tuple[str, ...] = (FINANCIALS_USER,)
) -> None:
    """Give the user Financials roles in the company (the admin panel's "Add access to" and role fields)."""
    for role in roles:
        if role not in FINANCIALS_ROLES:
            raise BusinessError(f"Unknown role '{role}'. Accepted: {', '.join(FINANCIALS_ROLES)}.")
        session.merge(CompanyRole(user_id=user.id, company_id=company.id, role=role))
    session.flush()


def revoke_company_role(session: Session, *, user: User, company: Company, role: str) -> None:
    session.query(CompanyRole).filter_by(user_id=user.id, company_id=company.id, role=role).delete()


def company_roles(session: Session, *, user_id: int) -> dict[int, set[str]]:
    roles: dict[int, set[str]] = {}
    for company_id, role in session.execute(
        select(CompanyRole.company_id, CompanyRole.role).where(CompanyRole.user_id == user_id)
    ):
        roles.setdefault(company_id, set()).add(role)
    return roles


def usable_companies(session: Session, *, user_id: int) -> list[Company]:
    """The companies where the user holds a Financials role: what the Context endpoint lists."""
    statement = (
        select(Company)
        .join(CompanyRole, CompanyRole.company_id == Company.id)
        .where(CompanyRole.user_id == user_id, CompanyRole.role.in_(FINANCIALS_ROLES))
        .distinct()
        .order_by(Company.id)
    )
    return list(session.scalars(statement))


def issue_token(
    session: Session,
    *,
    user: User,
    description: str = "",
    token: str | None = None,
    client: ApiClient | None = None,
    origin: str = ORIGIN_DEVELOPMENT,
) -> str:
    """A new bearer token, GUID-shaped like the service's; only its hash is stored."""
    token = token or str(uuid.uuid4())
    session.add(
        ApiToken(
            token_hash=hash_token(token),
            user_id=user.id,
            description=description,
            client_id=client.id if client else None,
            origin=origin,
        )
    )
    session.flush()
    return token


def revoke_token(session: Session, *, token: str) -> bool:
    result = session.execute(
        update(ApiToken)
        .where(ApiToken.token_hash == hash_token(token), ApiToken.revoked_at.is_(None))
        .values(revoked_at=utcnow())
    )
    return result.rowcount > 0


def find_user(session: Session, email: str) -> User:
    user = session.scalar(select(User).where(User.email == email.strip().lower()))
    if user is None:
        raise BusinessError(f"No user has the e-mail address '{email}'.")
    return user


def check_redirect_uris(client_type: str, redirect_uris: list[str]) -> list[str]:
    """Every problem with a client's redirect URIs: absolute, no fragment, HTTPS for production except loopback."""
    problems = []
    if not redirect_uris:
        problems.append("At least one redirect URI is required.")
    for uri in redirect_uris:
        parts = urlsplit(uri)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            problems.append(f"Redirect URI '{uri}' must be an absolute http(s) URL.")
        elif parts.fragment:
            problems.append(f"Redirect URI '{uri}' must not contain a fragment.")
        elif client_type != CLIENT_TEST and parts.scheme != "https" and parts.hostname not in _LOOPBACK_HOSTS:
            problems.append(f"Redirect URI '{uri}' must use HTTPS for a production client (loopback hosts excepted).")
    return problems


def register_client(
    session: Session, *, tenant: Tenant, name: str, redirect_uris: list[str], client_type: str = CLIENT_TEST
) -> tuple[ApiClient, str, str]:
    """A new, inactive client: returns it with its secret and activation code, both shown only once."""
    if client_type not in CLIENT_TYPES:
        raise BusinessError(f"Unknown client type '{client_type}'. Accepted: {', '.join(CLIENT_TYPES)}.")
    problems = check_redirect_uris(client_type, redirect_uris)
    if problems:
        raise BusinessError(" ".join(problems))
    secret = typeable_secret()
    activation = typeable_secret(24)
    client = ApiClient(
        tenant_id=tenant.id,
        client_id=f"{_slug(name)}-{secrets.token_hex(4)}",
        name=name,
        client_type=client_type,
        secret_hash=hash_token(secret),
        redirect_uris=list(redirect_uris),
        activation_hash=hash_token(activation),
        activation_expires_at=utcnow() + ACTIVATION_VALIDITY,
    )
    session.add(client)
    session.flush()
    return client, secret, activation


def activate_client(session: Session, *, activation: str) -> ApiClient:
    client = session.scalar(select(ApiClient).where(ApiClient.activation_hash == hash_token(activation)))
    if client is None:
        raise NotFound("Unknown activation link.")
    if client.activation_expires_at is None or client.activation_expires_at < utcnow():
        raise BusinessError("The activation link has expired (links are valid for 5 days); ask for a new one.")
    client.active = True
    client.activation_hash = None
    client.activation_expires_at = None
    return client


def renew_activation(session: Session, *, client: ApiClient) -> str:
    activation = typeable_secret(24)
    client.activation_hash = hash_token(activation)
    client.activation_expires_at = utcnow() + ACTIVATION_VALIDITY
    return activation


def rotate_secret(session: Session, *, client: ApiClient) -> str:
    secret = typeable_secret()
    client.secret_hash = hash_token(secret)
    return secret


def _slug(name: str) -> str:
    cleaned = "".join(ch if ch.isalnum() else "-" for ch in name.lower()).strip("-")
    return "-".join(part for part in cleaned.split("-") if part)[:40] or "client"
