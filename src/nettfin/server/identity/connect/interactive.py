"""The interactive flow's token side: `authorization_code` (with PKCE) and `refresh_token` grants on Authlib's token
endpoint, the tokens they issue (access token with `sub` and `auth_time`, ID token, refresh token), and revoking a
family of them.

A code is checked (client, redirect URI, PKCE) before it is spent, then claimed with one conditional UPDATE inside
the transaction that writes what it issues, so two workers cannot both redeem it and a failure writes nothing. A
code presented again revokes everything issued from it (RFC 6749 §4.1.2): the refresh tokens of its family and the
access tokens recorded with them. Refresh tokens follow the application's policy: `reuse` hands back the same token;
`one-time` replaces it on each use (claimed like a code), and a one-time token used twice revokes its family.
"""

from __future__ import annotations

import re
import secrets
import uuid
from dataclasses import dataclass
from datetime import timedelta

from authlib.oauth2.rfc6749.errors import InvalidGrantError, InvalidRequestError, InvalidScopeError
from authlib.oauth2.rfc6749.grants.base import BaseGrant, TokenEndpointMixin
from authlib.oauth2.rfc7636 import create_s256_code_challenge
from sqlalchemy import select, update
from sqlalchemy.orm import Session

from ...db.base import utcnow
from ..models import FINANCIALS_ROLES, Company, CompanyRole, User
from ..service import hash_token
from .models import (
    AUTHORIZATION_CODE,
    REFRESH_ONE_TIME,
    REFRESH_TOKEN,
    ApplicationGrant,
    ConnectAccessToken,
    ConnectCode,
    ConnectRefreshToken,
)
from .service import bump_after_commit
from .tokens import issue_access_token, issue_id_token

CODE_LIFETIME = timedelta(minutes=5)
REFRESH_LIFETIME = timedelta(days=30)
# RFC 7636 §4.1: 43 to 128 characters of the unreserved set.
VERIFIER = re.compile(r"^[A-Za-z0-9\-._~]{43,128}$")
CHALLENGE_METHODS = ("plain", "S256")
BAD_CODE = "The authorization code is invalid, has expired or was issued to another application."
BAD_REFRESH = "The refresh token is invalid, has expired, was revoked or was issued to another application."


def new_family() -> str:
    return uuid.uuid4().hex


def new_code() -> str:
    return secrets.token_urlsafe(32)


def save_code(
    session: Session,
    *,
    application_id: int,
    user_id: int,
    company_id: int,
    redirect_uri: str,
    scopes: list[str],
    nonce: str | None,
    code_challenge: str | None,
    code_challenge_method: str | None,
    auth_time: int,
) -> str:
    code = new_code()
    session.add(
        ConnectCode(
            code_hash=hash_token(code),
            family=new_family(),
            application_id=application_id,
            user_id=user_id,
            company_id=company_id,
            redirect_uri=redirect_uri,
            scopes=scopes,
            nonce=nonce,
            code_challenge=code_challenge,
            code_challenge_method=code_challenge_method,
            auth_time=auth_time,
            expires_at=utcnow() + CODE_LIFETIME,
        )
    )
    return code


def revoke_family(db, family: str) -> None:
    """Everything issued from one sign-in: its refresh tokens and the access tokens recorded with them."""
    now = utcnow()
    with db.writing() as session:
        session.execute(
            update(ConnectRefreshToken)
            .where(ConnectRefreshToken.family == family, ConnectRefreshToken.revoked_at.is_(None))
            .values(revoked_at=now)
        )
        session.execute(
            update(ConnectAccessToken)
            .where(ConnectAccessToken.family == family, ConnectAccessToken.revoked_at.is_(None))
            .values(revoked_at=now)
        )
        bump_after_commit(session)


def user_may_use(session: Session, *, application_id: int, user_id: int, company_id: int) -> bool:
    """The company still approves the application, and the user still holds a Financials role in it."""
    granted = session.get(ApplicationGrant, (application_id, company_id)) is not None
    role = session.scalar(
        select(CompanyRole.user_id).where(
            CompanyRole.user_id == user_id,
            CompanyRole.company_id == company_id,
            CompanyRole.role.in_(FINANCIALS_ROLES),
        )
    )
    return granted and role is not None


def user_claims(user: User, scopes: list[str]) -> dict:
    """OpenID Connect's standard claims the scopes ask for (`email`, `profile`)."""
    claims: dict = {}
    if "email" in scopes:
        claims["email"] = user.email
        claims["email_verified"] = False
    if "profile" in scopes:
        name = f"{user.first_name} {user.last_name}".strip()
        claims.update(name=name or user.email, given_name=user.first_name, family_name=user.last_name)
    return claims


@dataclass(frozen=True)
class Issue:
    """What a grant asks the server to issue."""

    family: str
    user_id: int
    company_id: int
    scopes: list[str]
    auth_time: int
    nonce: str | None = None
    reuse_refresh_token: str | None = None
    # A refresh may narrow the access token's scopes; the refresh token keeps the sign-in's.
    refresh_scopes: list[str] | None = None


def issue(grant: BaseGrant, session: Session, what: Issue) -> dict:
    """The token response; writes the access token's record and a new refresh token (when one is due)."""
    server = grant.server
    client = grant.request.client
    issuer = grant.request.issuer
    user = session.get(User, what.user_id)
    tenant_id = session.scalar(select(Company.tenant_guid).where(Company.id == what.company_id))
    jti = uuid.uuid4().hex
    access_token = issue_access_token(
        server.keys,
        issuer=issuer,
        audience=grant.request.audience,
        client_id=client.client_id,
        tenant_id=tenant_id,
        scopes=what.scopes,
        lifetime=client.token_lifetime,
        subject=str(what.user_id),
        auth_time=what.auth_time,
        jti=jti,
        now=server.company_time(what.company_id),
    )
    session.add(
        ConnectAccessToken(
            jti=jti,
            application_id=client.id,
            family=what.family,
            expires_at=utcnow() + timedelta(seconds=client.token_lifetime),
        )
    )
    body: dict = {}
    if "openid" in what.scopes:
        body["id_token"] = issue_id_token(
            server.keys,
            issuer=issuer,
            client_id=client.client_id,
            subject=str(what.user_id),
            auth_time=what.auth_time,
            claims={"tenant_id": tenant_id, **user_claims(user, what.scopes)},
            nonce=what.nonce,
        )
    body.update(access_token=access_token, expires_in=client.token_lifetime, token_type="Bearer")
    refresh_scopes = what.refresh_scopes or what.scopes
    if "offline_access" in refresh_scopes and REFRESH_TOKEN in client.grants:
        refresh_token = what.reuse_refresh_token
        if refresh_token is None:
            refresh_token = secrets.token_hex(32)
            session.add(
                ConnectRefreshToken(
                    token_hash=hash_token(refresh_token),
                    family=what.family,
                    application_id=client.id,
                    user_id=what.user_id,
                    company_id=what.company_id,
                    scopes=refresh_scopes,
                    auth_time=what.auth_time,
                    expires_at=utcnow() + REFRESH_LIFETIME,
                )
            )
        body["refresh_token"] = refresh_token
    body["scope"] = " ".join(what.scopes)
    return body


def verify_pkce(row: ConnectCode, verifier: str | None) -> None:
    if row.code_challenge is None:
        if verifier:
            raise InvalidGrantError("A code_verifier was sent, but the authorization request had no code_challenge.")
        return
    if not verifier:
        raise InvalidRequestError("The 'code_verifier' parameter is required: the authorization used PKCE.")
    if not VERIFIER.match(verifier):
        raise InvalidRequestError("The code_verifier must be 43 to 128 characters of A-Z, a-z, 0-9, '-._~'.")
    expected = create_s256_code_challenge(verifier) if row.code_challenge_method == "S256" else verifier
    if not secrets.compare_digest(expected, row.code_challenge):
        raise InvalidGrantError("The code_verifier does not match the code_challenge (PKCE).")


class _InteractiveGrant(BaseGrant, TokenEndpointMixin):
    TOKEN_ENDPOINT_AUTH_METHODS = ["client_secret_basic", "client_secret_post", "none"]

    def _authenticate(self):
        from .server import require_grant_type  # the server module registers these grants

        client = self.authenticate_token_endpoint_client()
        require_grant_type(client, self.GRANT_TYPE)
        self.request.client = client
        return client

    def _param(self, name: str) -> str:
        value = self.request.form.get(name)
        if not value:
            raise InvalidRequestError(f"The '{name}' parameter is required.")
        return value


class InteractiveCodeGrant(_InteractiveGrant):
    """`grant_type=authorization_code`: `code`, `redirect_uri`, `code_verifier` when PKCE was used."""

    GRANT_TYPE = AUTHORIZATION_CODE

    def validate_token_request(self) -> None:
        client = self._authenticate()
        code = self._param("code")
        redirect_uri = self._param("redirect_uri")
        with self.server.db.reading() as session:
            row = session.scalar(select(ConnectCode).where(ConnectCode.code_hash == hash_token(code)))
        if row is None or row.application_id != client.id:
            raise InvalidGrantError(BAD_CODE)
        if row.used_at is not None:
            revoke_family(self.server.db, row.family)
            raise InvalidGrantError(
                "The authorization code has already been used; the tokens issued for it have been revoked."
            )
        if row.expires_at <= utcnow():
            raise InvalidGrantError("The authorization code has expired; start the sign-in again.")
        if redirect_uri != row.redirect_uri:
            raise InvalidGrantError("The redirect_uri is not the one the authorization code was issued for.")
        verify_pkce(row, self.request.form.get("code_verifier"))
        self.request.connect_code = row

    def create_token_response(self):
        row: ConnectCode = self.request.connect_code
        self.server.keys.signer()  # made (written) before the transaction, never inside it
        with self.server.db.writing() as session:
            claimed = session.execute(
                update(ConnectCode)
                .where(ConnectCode.id == row.id, ConnectCode.used_at.is_(None))
                .values(used_at=utcnow())
            ).rowcount
            if claimed:
                if not user_may_use(
                    session, application_id=row.application_id, user_id=row.user_id, company_id=row.company_id
                ):
                    raise InvalidGrantError(
                        "The user or the application may no longer use the company the code was issued for."
                    )
                body = issue(
                    self,
                    session,
                    Issue(
                        family=row.family,
                        user_id=row.user_id,
                        company_id=row.company_id,
                        scopes=list(row.scopes),
                        auth_time=row.auth_time,
                        nonce=row.nonce,
                    ),
                )
        if not claimed:  # another request redeemed it between the check and the claim: a replay
            revoke_family(self.server.db, row.family)
            raise InvalidGrantError(
                "The authorization code has already been used; the tokens issued for it have been revoked."
            )
        return 200, body, self.TOKEN_RESPONSE_HEADER


class InteractiveRefreshGrant(_InteractiveGrant):
    """`grant_type=refresh_token`: `refresh_token`, and optionally a narrower `scope`."""

    GRANT_TYPE = REFRESH_TOKEN

    def validate_token_request(self) -> None:
        client = self._authenticate()
        token = self._param("refresh_token")
        with self.server.db.reading() as session:
            row = session.scalar(select(ConnectRefreshToken).where(ConnectRefreshToken.token_hash == hash_token(token)))
        if row is None or row.application_id != client.id:
            raise InvalidGrantError(BAD_REFRESH)
        if row.revoked_at is not None:
            raise InvalidGrantError("The refresh token has been revoked; sign in again.")
        if row.expires_at <= utcnow():
            raise InvalidGrantError("The refresh token has expired; sign in again.")
        if client.refresh_policy == REFRESH_ONE_TIME and row.used_at is not None:
            revoke_family(self.server.db, row.family)
            raise InvalidGrantError(
                "The one-time refresh token has already been used; every token of this sign-in has been revoked."
            )
        scopes = list(row.scopes)
        if requested := self.request.form.get("scope"):
            wanted = list(dict.fromkeys(requested.split()))
            if stray := [scope for scope in wanted if scope not in scopes]:
                raise InvalidScopeError(
                    f"The refresh token was not issued for {' '.join(stray)[:200]}; it has: {' '.join(scopes)}."
                )
            scopes = wanted
        self.request.connect_refresh = (row, token, scopes)

    def create_token_response(self):
        row, token, scopes = self.request.connect_refresh
        client = self.request.client
        one_time = client.refresh_policy == REFRESH_ONE_TIME
        self.server.keys.signer()
        with self.server.db.writing() as session:
            claimed = True
            if one_time:
                claimed = bool(
                    session.execute(
                        update(ConnectRefreshToken)
                        .where(
                            ConnectRefreshToken.id == row.id,
                            ConnectRefreshToken.used_at.is_(None),
                            ConnectRefreshToken.revoked_at.is_(None),
                        )
                        .values(used_at=utcnow())
                    ).rowcount
                )
            else:
                still = session.scalar(
                    select(ConnectRefreshToken.id).where(
                        ConnectRefreshToken.id == row.id, ConnectRefreshToken.revoked_at.is_(None)
                    )
                )
                if still is None:
                    raise InvalidGrantError("The refresh token has been revoked; sign in again.")
            if claimed:
                if not user_may_use(
                    session, application_id=row.application_id, user_id=row.user_id, company_id=row.company_id
                ):
                    raise InvalidGrantError("The user or the application may no longer use the company of this token.")
                body = issue(
                    self,
                    session,
                    Issue(
                        family=row.family,
                        user_id=row.user_id,
                        company_id=row.company_id,
                        scopes=scopes,
                        auth_time=row.auth_time,
                        reuse_refresh_token=None if one_time else token,
                        refresh_scopes=list(row.scopes),
                    ),
                )
        if not claimed:  # used by a concurrent request first: a replay of a one-time token
            revoke_family(self.server.db, row.family)
            raise InvalidGrantError(
                "The one-time refresh token has already been used; every token of this sign-in has been revoked."
            )
        return 200, body, self.TOKEN_RESPONSE_HEADER
