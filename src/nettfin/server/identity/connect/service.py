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

from sqlalchemy import delete, event, func, or_, select
from sqlalchemy.orm import Session

from ...db.base import utcnow
from ...kit.errors import BusinessError
from ..models import FINANCIALS_ROLES, FINANCIALS_USER, Company, CompanyRole, User
from ..service import hash_token, typeable_secret
from .models import (
    APPLICATION_TYPES,
    CONFIDENTIAL_TYPES,
    DEFAULT_TOKEN_LIFETIME,
    MAX_TOKEN_LIFETIME,
    MIN_TOKEN_LIFETIME,
    NATIVE,
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
# The loopback interface (RFC 8252 §7.3, §8.3): plain http is allowed there, and a native application's registered
# loopback URI matches any port.
LOOPBACK_HOSTS = ("127.0.0.1", "::1", "localhost")
MAX_URI_LENGTH = 2000  # what connect_code.redirect_uri holds


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
    owner_tenant_id: int | None = None,
) -> ConnectApplication:
    """A new application with its service principal; `client_id` defaults to `isv_<name>`. Every problem is
    reported at once and nothing is written when there is one."""
    if app_type not in APPLICATION_TYPES:
        raise BusinessError(f"Unknown application type '{app_type}'. Accepted: {', '.join(APPLICATION_TYPES)}.")
    grants = list(dict.fromkeys(grants)) if grants else list(TYPE_GRANTS[app_type])
    scopes = list(dict.fromkeys(scopes)) if scopes else list(TYPE_SCOPES[app_type])
    redirect_uris = _uris(redirect_uris)
    post_logout_redirect_uris = _uris(post_logout_redirect_uris)
    name = name.strip()
    problems = _name_problems(name)
    if stray := [grant for grant in grants if grant not in TYPE_GRANTS[app_type]]:
        problems.append(
            f"A {app_type} application may not use {', '.join(stray)}; it may use {', '.join(TYPE_GRANTS[app_type])}."
        )
    problems += _scope_problems(app_type, scopes)
    problems += _lifetime_problems(token_lifetime) + _policy_problems(refresh_policy)
    problems += redirect_uri_problems(app_type, redirect_uris, "Redirect URI")
    problems += redirect_uri_problems(app_type, post_logout_redirect_uris, "Post-logout redirect URI")
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
        owner_tenant_id=owner_tenant_id,
    )
    session.add(application)
    session.flush()
    return application


def update_application(
    session: Session,
    application: ConnectApplication,
    *,
    name: str | None = None,
    scopes: list[str] | None = None,
    token_lifetime: int | None = None,
    refresh_policy: str | None = None,
    redirect_uris: list[str] | None = None,
    post_logout_redirect_uris: list[str] | None = None,
) -> ConnectApplication:
    """Change what is given (None leaves a setting as it is; an empty list clears a list of URIs). Checked as
    `create_application` checks them, all or nothing. Tokens already issued lose a scope taken away at once."""
    app_type = application.app_type
    name = application.name if name is None else name.strip()
    scopes = list(application.allowed_scopes) if scopes is None else list(dict.fromkeys(scopes))
    token_lifetime = application.token_lifetime if token_lifetime is None else token_lifetime
    refresh_policy = application.refresh_policy if refresh_policy is None else refresh_policy
    redirect_uris = list(application.redirect_uris) if redirect_uris is None else _uris(redirect_uris)
    if post_logout_redirect_uris is None:
        post_logout_redirect_uris = list(application.post_logout_redirect_uris)
    else:
        post_logout_redirect_uris = _uris(post_logout_redirect_uris)
    problems = _name_problems(name)
    if not scopes:
        problems.append("An application needs at least one scope.")
    problems += _scope_problems(app_type, scopes)
    problems += _lifetime_problems(token_lifetime) + _policy_problems(refresh_policy)
    problems += redirect_uri_problems(app_type, redirect_uris, "Redirect URI")
    problems += redirect_uri_problems(app_type, post_logout_redirect_uris, "Post-logout redirect URI")
    if problems:
        raise BusinessError(" ".join(problems))
    application.name = name
    application.allowed_scopes = scopes
    application.token_lifetime = token_lifetime
    application.refresh_policy = refresh_policy
    application.redirect_uris = redirect_uris
    application.post_logout_redirect_uris = post_logout_redirect_uris
    _bump_after_commit(session)
    return application


def _uris(uris: list[str] | None) -> list[str]:
    return list(dict.fromkeys(uri.strip() for uri in uris or [] if uri.strip()))


def _name_problems(name: str) -> list[str]:
    return [] if 0 < len(name) <= 100 else ["The name must have 1 to 100 characters."]


def _scope_problems(app_type: str, scopes: list[str]) -> list[str]:
    if stray := [scope for scope in scopes if scope not in TYPE_SCOPES[app_type]]:
        return [
            f"A {app_type} application may not be allowed {', '.join(stray)}; "
            f"it may be allowed {', '.join(TYPE_SCOPES[app_type])}."
        ]
    return []


def _lifetime_problems(token_lifetime: int) -> list[str]:
    if MIN_TOKEN_LIFETIME <= token_lifetime <= MAX_TOKEN_LIFETIME:
        return []
    return [f"The token lifetime must be {MIN_TOKEN_LIFETIME} to {MAX_TOKEN_LIFETIME} seconds."]


def _policy_problems(refresh_policy: str) -> list[str]:
    if refresh_policy in REFRESH_POLICIES:
        return []
    return [f"The refresh policy must be one of {', '.join(REFRESH_POLICIES)}."]


def is_loopback(host: str | None) -> bool:
    return (host or "").lower() in LOOPBACK_HOSTS


def redirect_uri_problems(app_type: str, uris: list[str], what: str) -> list[str]:
    """Absolute, without a fragment, and HTTPS, except on the loopback interface (RFC 8252 §7.3, any type) and a
    native application's private-use scheme (`com.example.app:/callback`, RFC 8252 §7.1): a code or a signed-out
    browser sent in the clear over the network could be read on the way."""
    return [problem for uri in uris if (problem := _uri_problem(app_type, uri, what))]


def _uri_problem(app_type: str, uri: str, what: str) -> str | None:
    parts = urlsplit(uri)
    if len(uri) > MAX_URI_LENGTH:
        return f"{what} '{uri[:60]}...' is longer than {MAX_URI_LENGTH} characters."
    if not parts.scheme or not (parts.netloc or parts.path) or parts.fragment or "#" in uri:
        return f"{what} '{uri}' must be an absolute URI without a fragment."
    if parts.scheme == "https" or (parts.scheme == "http" and is_loopback(parts.hostname)):
        return None
    private_use = "." in parts.scheme
    if app_type == NATIVE and private_use:
        return None
    native = ", or a private-use scheme such as com.example.app:/" if app_type == NATIVE else ""
    return f"{what} '{uri}' must use https (http only on a loopback address: 127.0.0.1, [::1], localhost{native})."


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


def tenant_applications(session: Session, tenant_id: int) -> list[ConnectApplication]:
    """What a tenant's administrator sees: the applications the tenant registered, and those one of its companies
    approved."""
    granted = (
        select(ApplicationGrant.application_id)
        .join(Company, Company.id == ApplicationGrant.company_id)
        .where(Company.tenant_id == tenant_id)
    )
    return list(
        session.scalars(
            select(ConnectApplication)
            .where(or_(ConnectApplication.owner_tenant_id == tenant_id, ConnectApplication.id.in_(granted)))
            .order_by(ConnectApplication.id)
        )
    )


def set_disabled(session: Session, application: ConnectApplication, *, disabled: bool) -> None:
    """A disabled application gets no tokens, and the tokens it holds stop working."""
    application.disabled_at = utcnow() if disabled else None
    _bump_after_commit(session)


# --- secrets -----------------------------------------------------------------------------------------------


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
    secret = secret or typeable_secret()
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
    prefix = prefix.strip().removesuffix("…").removesuffix("...")
    if not prefix:
        raise BusinessError("Give the first characters of the secret to revoke, as the list of secrets shows them.")
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
    new_company: bool = False,
) -> ApplicationGrant:
    """The company approves the application (Connect's tenant approval); its service principal gets the Financials
    User role there. Granting again keeps the first grant. `new_company`: the company was made in this
    transaction, so there is no grant or role to look for (a clone's two round trips fewer)."""
    found = None if new_company else session.get(ApplicationGrant, (application.id, company.id))
    if found is not None:
        return found
    grant = ApplicationGrant(
        application_id=application.id,
        company_id=company.id,
        granted_by=granted_by or (granted_by_user.email if granted_by_user else ""),
        granted_by_user_id=granted_by_user.id if granted_by_user else None,
    )
    session.add(grant)
    role = CompanyRole(user_id=application.service_user_id, company_id=company.id, role=FINANCIALS_USER)
    if new_company:
        session.add(role)
    else:
        session.merge(role)
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


def grants_of(session: Session, application: ConnectApplication, *, tenant_id: int | None = None) -> list[GrantView]:
    """The companies that approved the application; with `tenant_id`, only that tenant's (what its administrator
    may see)."""
    query = (
        select(Company.id, Company.name, Company.tenant_guid, ApplicationGrant.granted_by, ApplicationGrant.granted_at)
        .join(ApplicationGrant, ApplicationGrant.company_id == Company.id)
        .where(ApplicationGrant.application_id == application.id)
        .order_by(Company.id)
    )
    if tenant_id is not None:
        query = query.where(Company.tenant_id == tenant_id)
    return [GrantView(*row) for row in session.execute(query)]
