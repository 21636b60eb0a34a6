"""Use cases for Connect applications: register, secrets, grants to companies, disable and enable.

Whatever can change what an issued token may do (a grant revoked, an application disabled) bumps this process's
access epoch when its transaction commits, so the token validator here sees it on the next request; other
processes see it when their cache entry expires (`tokens.ACCESS_CACHE_SECONDS`).
"""

from __future__ import annotations

import hmac
import re
import secrets
from dataclasses import dataclass
from datetime import datetime
from urllib.parse import urlsplit

from sqlalchemy import delete, event, func, select
from sqlalchemy.orm import Session

from ...db.base import utcnow
from ...kit.errors import BusinessError
from ..models import FINANCIALS_ROLES, FINANCIALS_USER, Company, CompanyRole, User
from ..service import hash_token
from .models import (
    APPLICATION_TYPES,
    CONFIDENTIAL_TYPES,
    DEFAULT_TOKEN_LIFETIME,
    MAX_TOKEN_LIFETIME,
    MIN_TOKEN_LIFETIME,
    REFRESH_POLICIES,
    REFRESH_REUSE,
    SERVICE,
    TYPE_GRANTS,
    TYPE_SCOPES,
    ApplicationGrant,
    ApplicationSecret,
    ConnectApplication,
)

CLIENT_ID_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.\-]{2,63}$")
SERVICE_PRINCIPAL_DOMAIN = "connect.nettfin.invalid"
SECRET_PREFIX_LENGTH = 6


class _Epoch:
    value = 0


def access_epoch() -> int:
    return _Epoch.value


def bump_after_commit(session: Session) -> None:
    """Tell this process's token validator, once the transaction commits, that what tokens may do has changed."""
    _bump_after_commit(session)


def _bump_after_commit(session: Session) -> None:
    def bump(_session) -> None:
        _Epoch.value += 1

    event.listen(session, "after_commit", bump, once=True)


def create_application(
    session: Session,
    *,
    name: str,
    app_type: str = SERVICE,
    client_id: str | None = None,
    scopes: list[str] | None = None,
    grants: list[str] | None = None,
    token_lifetime: int = DEFAULT_TOKEN_LIFETIME,
    refresh_policy: str = REFRESH_REUSE,
    redirect_uris: list[str] | None = None,
    post_logout_redirect_uris: list[str] | None = None,
) -> ConnectApplication:
    """A new application with its service principal; `client_id` defaults to `isv_<name>`."""
    problems = []
    name = name.strip()
    if not name or len(name) > 100:
        problems.append("The name must have 1 to 100 characters.")
    if app_type not in APPLICATION_TYPES:
        raise BusinessError(f"Unknown application type '{app_type}'. Accepted: {', '.join(APPLICATION_TYPES)}.")
    grants = list(dict.fromkeys(grants)) if grants else list(TYPE_GRANTS[app_type])
    if stray := [grant for grant in grants if grant not in TYPE_GRANTS[app_type]]:
        problems.append(
            f"A {app_type} application may not use {', '.join(stray)}; it may use {', '.join(TYPE_GRANTS[app_type])}."
        )
    scopes = list(dict.fromkeys(scopes)) if scopes else list(TYPE_SCOPES[app_type])
    if stray := [scope for scope in scopes if scope not in TYPE_SCOPES[app_type]]:
        problems.append(
            f"A {app_type} application may not be allowed {', '.join(stray)}; "
            f"it may be allowed {', '.join(TYPE_SCOPES[app_type])}."
        )
    if not MIN_TOKEN_LIFETIME <= token_lifetime <= MAX_TOKEN_LIFETIME:
        problems.append(f"The token lifetime must be {MIN_TOKEN_LIFETIME} to {MAX_TOKEN_LIFETIME} seconds.")
    if refresh_policy not in REFRESH_POLICIES:
        problems.append(f"The refresh policy must be one of {', '.join(REFRESH_POLICIES)}.")
    redirect_uris = list(redirect_uris or [])
    post_logout_redirect_uris = list(post_logout_redirect_uris or [])
    for uri in [*redirect_uris, *post_logout_redirect_uris]:
        parts = urlsplit(uri)
        if not parts.scheme or not (parts.netloc or parts.path) or parts.fragment:
            problems.append(f"Redirect URI '{uri}' must be an absolute URI without a fragment.")
    client_id = client_id or _free_client_id(session, name)
    if not CLIENT_ID_PATTERN.match(client_id):
        problems.append(f"Client id '{client_id}' must be 3 to 64 letters, digits, '_', '.' or '-'.")
    elif _client_id_taken(session, client_id):
        problems.append(f"An application with client id '{client_id}' already exists.")
    if problems:
        raise BusinessError(" ".join(problems))
    principal = User(
        email=f"{client_id.lower()}@{SERVICE_PRINCIPAL_DOMAIN}",
        first_name=name[:60],
        last_name="(application)",
        tenant_id=None,
        password_hash=None,
    )
    session.add(principal)
    session.flush()
    application = ConnectApplication(
        client_id=client_id,
        name=name,
        app_type=app_type,
        grants=grants,
        allowed_scopes=scopes,
        token_lifetime=token_lifetime,
        refresh_policy=refresh_policy,
        redirect_uris=redirect_uris,
        post_logout_redirect_uris=post_logout_redirect_uris,
        service_user_id=principal.id,
    )
    session.add(application)
    session.flush()
    return application


def _free_client_id(session: Session, name: str) -> str:
    slug = "-".join(part for part in re.split(r"[^a-z0-9]+", name.lower()) if part)[:40] or "application"
    candidate = f"isv_{slug}"
    while _client_id_taken(session, candidate):
        candidate = f"isv_{slug}-{secrets.token_hex(3)}"
    return candidate


def _client_id_taken(session: Session, client_id: str) -> bool:
    """Client ids differ by more than case: the service principal's e-mail address is made from it."""
    found = select(ConnectApplication.id).where(func.lower(ConnectApplication.client_id) == client_id.lower())
    return session.scalar(found) is not None


def find_application(session: Session, client_id: str) -> ConnectApplication:
    found = session.scalar(select(ConnectApplication).where(ConnectApplication.client_id == client_id))
    if found is None:
        raise BusinessError(f"No application has the client id '{client_id}'.")
    return found


def list_applications(session: Session) -> list[ConnectApplication]:
    return list(session.scalars(select(ConnectApplication).order_by(ConnectApplication.id)))


def set_disabled(session: Session, application: ConnectApplication, *, disabled: bool) -> None:
    """A disabled application gets no tokens, and the tokens it holds stop working."""
    application.disabled_at = utcnow() if disabled else None
    _bump_after_commit(session)


# --- secrets -----------------------------------------------------------------------------------------------


def new_secret() -> str:
    """32 random bytes, URL-safe, never starting with '-': the first characters are what an administrator types
    after `nettfin admin app secret-revoke`, where a leading dash would be read as an option."""
    while (secret := secrets.token_urlsafe(32)).startswith("-"):
        pass
    return secret


def create_secret(
    session: Session,
    application: ConnectApplication,
    *,
    description: str = "",
    expires_at: datetime | None = None,
    secret: str | None = None,
) -> tuple[ApplicationSecret, str]:
    """A new client secret; only its hash is kept, so the value returned here is shown once."""
    if application.app_type not in CONFIDENTIAL_TYPES:
        raise BusinessError(
            f"A {application.app_type} application is a public client: it has no secret (it uses PKCE instead)."
        )
    if len(description) > 100:
        raise BusinessError("The description may have at most 100 characters.")
    secret = secret or new_secret()
    row = ApplicationSecret(
        application_id=application.id,
        prefix=secret[:SECRET_PREFIX_LENGTH],
        secret_hash=hash_token(secret),
        description=description,
        expires_at=expires_at,
    )
    session.add(row)
    session.flush()
    return row, secret


def list_secrets(session: Session, application: ConnectApplication) -> list[ApplicationSecret]:
    return list(
        session.scalars(
            select(ApplicationSecret)
            .where(ApplicationSecret.application_id == application.id)
            .order_by(ApplicationSecret.id)
        )
    )


def revoke_secret(session: Session, application: ConnectApplication, prefix: str) -> ApplicationSecret:
    """Revoke the one active secret whose value starts with `prefix` (as `secret-list` shows it)."""
    prefix = prefix.removesuffix("…").removesuffix("...")
    matches = [
        row
        for row in list_secrets(session, application)
        if row.revoked_at is None and (row.prefix.startswith(prefix) or prefix.startswith(row.prefix))
    ]
    if not matches:
        raise BusinessError(f"Application '{application.client_id}' has no active secret starting with '{prefix}'.")
    if len(matches) > 1:
        raise BusinessError(f"More than one active secret starts with '{prefix}'; give more characters.")
    matches[0].revoked_at = utcnow()
    return matches[0]


def secret_matches(session: Session, application_id: int, secret: str) -> bool:
    """Whether `secret` is an active (not revoked, not expired) secret of the application."""
    digest = hash_token(secret)
    row = session.execute(
        select(ApplicationSecret.secret_hash, ApplicationSecret.expires_at).where(
            ApplicationSecret.application_id == application_id,
            ApplicationSecret.secret_hash == digest,
            ApplicationSecret.revoked_at.is_(None),
        )
    ).first()
    if row is None or not hmac.compare_digest(row.secret_hash, digest):
        return False
    return row.expires_at is None or row.expires_at > utcnow()


# --- grants ------------------------------------------------------------------------------------------------


def grant_application(
    session: Session,
    application: ConnectApplication,
    company: Company,
    *,
    granted_by: str = "",
    granted_by_user: User | None = None,
) -> ApplicationGrant:
    """The company approves the application (Connect's tenant approval); its service principal gets the Financials
    User role there. Granting again keeps the first grant."""
    found = session.get(ApplicationGrant, (application.id, company.id))
    if found is not None:
        return found
    grant = ApplicationGrant(
        application_id=application.id,
        company_id=company.id,
        granted_by=granted_by or (granted_by_user.email if granted_by_user else ""),
        granted_by_user_id=granted_by_user.id if granted_by_user else None,
    )
    session.add(grant)
    session.merge(CompanyRole(user_id=application.service_user_id, company_id=company.id, role=FINANCIALS_USER))
    session.flush()
    _bump_after_commit(session)
    return grant


def revoke_grant(session: Session, application: ConnectApplication, company: Company) -> bool:
    """Take the approval back: no new tokens for the company, and the ones issued stop working."""
    removed = session.execute(
        delete(ApplicationGrant).where(
            ApplicationGrant.application_id == application.id, ApplicationGrant.company_id == company.id
        )
    ).rowcount
    session.execute(
        delete(CompanyRole).where(
            CompanyRole.user_id == application.service_user_id,
            CompanyRole.company_id == company.id,
            CompanyRole.role.in_(FINANCIALS_ROLES),
        )
    )
    _bump_after_commit(session)
    return removed > 0


@dataclass(frozen=True)
class GrantView:
    company_id: int
    company_name: str
    tenant_guid: str
    granted_by: str
    granted_at: datetime


def grants_of(session: Session, application: ConnectApplication) -> list[GrantView]:
    rows = session.execute(
        select(Company.id, Company.name, Company.tenant_guid, ApplicationGrant.granted_by, ApplicationGrant.granted_at)
        .join(ApplicationGrant, ApplicationGrant.company_id == Company.id)
        .where(ApplicationGrant.application_id == application.id)
        .order_by(Company.id)
    )
    return [GrantView(*row) for row in rows]
