"""Visma Connect's browser side: `/connect/authorize` (sign-in through the login page, the company chooser, the code
sent back by query or form post) and `/connect/endsession`.

An unknown application or a redirect URI that is not registered exactly gets an error page, never a redirect
(RFC 6749 §4.1.2.1); every other problem goes back to the application as an OAuth error with `state` and `iss`.
The user signs in on the login page of the legacy flow (the same session); `prompt=login` asks for the password
again, `prompt=none` never shows a page (`login_required`, `account_selection_required`), `prompt=consent` and
`prompt=select_account` always show the chooser page. The chooser lists the companies where the user holds a
Financials role and that approved the application; with one, no page is shown.
"""

from __future__ import annotations

import re
import time
from collections import Counter
from dataclasses import dataclass, field
from urllib.parse import urlencode

from authlib.oauth2.rfc6749.errors import InvalidClientError
from fastapi import APIRouter, Request
from joserfc import jws, jwt
from joserfc.errors import JoseError
from sqlalchemy import select
from starlette.concurrency import run_in_threadpool
from starlette.responses import RedirectResponse, Response

from ...kit.security_headers import page_policy
from ...pages.auth_pages import PAGE_HEADERS, error_page, render, signed_in_user
from ..models import FINANCIALS_ROLES, Company, CompanyRole, User
from ..oauth import SWAGGER_REDIRECT_PATH
from ..sessions import csrf_valid
from .interactive import CHALLENGE_METHODS, save_code
from .models import AUTHORIZATION_CODE, IDENTITY_SCOPES, INTERACTIVE_SCOPES, NATIVE, WEB, ApplicationGrant
from .provider import ConnectProvider
from .server import ConnectClient, safe

AUTHORIZE_PATH = "/connect/authorize"
END_SESSION_PATH = "/connect/endsession"
FORM_POST_SCRIPT_PATH = "/connect/form_post.js"
# Added to the authorize URL the login page returns to after `prompt=login`: a session signed in before it must
# sign in again.
LOGIN_MARKER = "nettfin_login_after"
PROMPTS = ("none", "login", "consent", "select_account")
RESPONSE_MODES = ("query", "form_post")
CHALLENGE = re.compile(r"^[A-Za-z0-9\-._~]{43,128}$")
NONCE_MAX = 500
CANNOT_CONNECT = "The application cannot connect"

authorize_router = APIRouter(include_in_schema=False)


class PageProblem(Exception):
    def __init__(self, message: str, status_code: int = 400) -> None:
        super().__init__(message)
        self.message, self.status_code = message, status_code


class RedirectProblem(Exception):
    def __init__(self, error: str, description: str) -> None:
        super().__init__(description)
        self.error, self.description = error, description


@dataclass
class Authorization:
    """A validated authorization request (as far as it got: a problem found later still has what is needed to send
    the error back)."""

    client: ConnectClient
    redirect_uri: str
    issuer: str
    response_mode: str = "query"
    state: str | None = None
    scopes: list[str] = field(default_factory=list)
    nonce: str | None = None
    code_challenge: str | None = None
    code_challenge_method: str | None = None
    prompt: frozenset[str] = frozenset()


def _provider(request: Request) -> ConnectProvider:
    return request.app.state.connect


def _client(request: Request, client_id: str | None) -> ConnectClient:
    if not client_id:
        raise PageProblem("The 'client_id' parameter is missing.")
    try:
        client = _provider(request).server.query_client(client_id)
    except InvalidClientError:
        raise PageProblem(f"Application '{safe(client_id)}' is disabled.") from None
    if client is None:
        raise PageProblem(f"No application has the client id '{safe(client_id)}'.")
    return client


def _own_swagger_page(request: Request, client: ConnectClient, redirect_uri: str) -> bool:
    """This server's own Swagger UI redirect page is a redirect URI of every web application, so its Authorize
    button works with an application as registered: the page hands the code only to Swagger UI on this origin, and
    a web application's code is worth nothing without its secret."""
    if client.app_type != WEB:
        return False
    here = {_provider(request).issuer(request), str(request.base_url).rstrip("/")}
    return redirect_uri in {origin + SWAGGER_REDIRECT_PATH for origin in here}


def parse(request: Request) -> Authorization:
    params = request.query_params
    counts = Counter(name for name, _ in params.multi_items())
    if counts["client_id"] > 1 or counts["redirect_uri"] > 1:
        raise PageProblem("'client_id' and 'redirect_uri' may each be sent once.")
    client = _client(request, params.get("client_id"))
    redirect_uri = params.get("redirect_uri")
    if not redirect_uri:
        raise PageProblem("The 'redirect_uri' parameter is missing.")
    if not client.check_redirect_uri(redirect_uri) and not _own_swagger_page(request, client, redirect_uri):
        loopback = " (a native application's loopback URI with any port)" if client.app_type == NATIVE else ""
        raise PageProblem(
            f"The redirect URI '{safe(redirect_uri, 300)}' is not registered for application '{client.client_id}'; "
            f"it must match a registered URI exactly{loopback}. The browser is not sent there."
        )
    auth = Authorization(client=client, redirect_uri=redirect_uri, issuer=_provider(request).issuer(request))
    auth.state = params.get("state")
    mode = params.get("response_mode") or "query"
    auth.response_mode = mode if mode in RESPONSE_MODES else "query"
    request.state.connect_authorization = auth  # for an error found below
    if repeated := sorted(name for name, count in counts.items() if count > 1):
        raise RedirectProblem("invalid_request", f"Each parameter may be sent once: {', '.join(map(safe, repeated))}.")
    if mode not in RESPONSE_MODES:
        raise RedirectProblem(
            "invalid_request", f"response_mode={safe(mode)} is not supported; use {' or '.join(RESPONSE_MODES)}."
        )
    response_type = params.get("response_type")
    if not response_type:
        raise RedirectProblem("invalid_request", "The 'response_type' parameter is required (code).")
    if response_type != "code":
        raise RedirectProblem(
            "unsupported_response_type", f"response_type={safe(response_type)} is not supported; use code."
        )
    if AUTHORIZATION_CODE not in client.grants:
        raise RedirectProblem(
            "unauthorized_client",
            f"Application '{client.client_id}' ({client.app_type}) may not use the authorization code flow.",
        )
    auth.scopes = _scopes(client, params.get("scope"))
    auth.prompt = _prompt(params.get("prompt"))
    auth.nonce = params.get("nonce")
    if auth.nonce is not None and len(auth.nonce) > NONCE_MAX:
        raise RedirectProblem("invalid_request", f"The nonce may have at most {NONCE_MAX} characters.")
    _pkce(auth, params.get("code_challenge"), params.get("code_challenge_method"))
    return auth


def _scopes(client: ConnectClient, scope: str | None) -> list[str]:
    requested = list(dict.fromkeys((scope or "").split()))
    allowed = [s for s in client.allowed_scopes if s in INTERACTIVE_SCOPES or s in IDENTITY_SCOPES]
    if not requested:
        raise RedirectProblem(
            "invalid_scope", f"The 'scope' parameter is required; this application may ask for: {' '.join(allowed)}."
        )
    if refused := [s for s in requested if s not in allowed]:
        raise RedirectProblem(
            "invalid_scope",
            f"Application '{client.client_id}' may not ask for {safe(' '.join(refused))} when a user signs in; "
            f"it may ask for: {' '.join(allowed) or 'nothing'}.",
        )
    return requested


def _prompt(prompt: str | None) -> frozenset[str]:
    values = frozenset((prompt or "").split())
    if unknown := sorted(values - set(PROMPTS)):
        raise RedirectProblem("invalid_request", f"prompt={safe(' '.join(unknown))} is not supported.")
    if "none" in values and len(values) > 1:
        raise RedirectProblem("invalid_request", "prompt=none cannot be combined with other prompt values.")
    return values


def _pkce(auth: Authorization, challenge: str | None, method: str | None) -> None:
    if method and not challenge:
        raise RedirectProblem("invalid_request", "code_challenge_method was sent without a code_challenge.")
    if challenge:
        method = method or "plain"
        if method not in CHALLENGE_METHODS:
            raise RedirectProblem(
                "invalid_request", f"code_challenge_method={safe(method)} is not supported; use S256 or plain."
            )
        if not CHALLENGE.match(challenge):
            raise RedirectProblem(
                "invalid_request", "The code_challenge must be 43 to 128 characters of A-Z, a-z, 0-9, '-._~'."
            )
        auth.code_challenge, auth.code_challenge_method = challenge, method
    elif auth.client.public:
        raise RedirectProblem(
            "invalid_request",
            f"A {auth.client.app_type} application must use PKCE: send code_challenge "
            "(and code_challenge_method=S256).",
        )


def companies_for(request: Request, client: ConnectClient, user_id: int) -> list[Company]:
    """The companies where the user holds a Financials role and which approved the application."""
    with request.app.state.db.reading() as session:
        return list(
            session.scalars(
                select(Company)
                .where(
                    Company.id.in_(
                        select(CompanyRole.company_id).where(
                            CompanyRole.user_id == user_id, CompanyRole.role.in_(FINANCIALS_ROLES)
                        )
                    ),
                    Company.id.in_(
                        select(ApplicationGrant.company_id).where(ApplicationGrant.application_id == client.id)
                    ),
                )
                .order_by(Company.id)
            )
        )


def answer(request: Request, auth: Authorization, params: dict[str, str]) -> Response:
    """Back to the application: a 303 to the redirect URI with the parameters in the query, or a page whose form
    posts them there (`form_post`). Always `state` (when sent) and `iss` (RFC 9207)."""
    fields = {**params}
    if auth.state is not None:
        fields["state"] = auth.state
    fields["iss"] = auth.issuer
    if auth.response_mode == "form_post":
        return render(
            request,
            "connect_form_post.html",
            redirect_uri=auth.redirect_uri,
            fields=list(fields.items()),
            headers={"Content-Security-Policy": page_policy(form_targets=[auth.redirect_uri])},
        )
    separator = "&" if "?" in auth.redirect_uri else "?"
    return RedirectResponse(f"{auth.redirect_uri}{separator}{urlencode(fields)}", status_code=303, headers=PAGE_HEADERS)


def _here(request: Request, **extra: str) -> str:
    query = [(k, v) for k, v in request.query_params.multi_items() if k not in extra]
    query += list(extra.items())
    return f"{request.url.path}?{urlencode(query)}"


def _to_login(request: Request, **extra: str) -> Response:
    return RedirectResponse(f"/login?{urlencode({'next': _here(request, **extra)})}", status_code=303)


def _issue_code(request: Request, auth: Authorization, user: User, company_id: int) -> Response:
    auth_time = int(request.session.get("auth_time") or time.time())
    with request.app.state.db.writing() as session:
        code = save_code(
            session,
            application_id=auth.client.id,
            user_id=user.id,
            company_id=company_id,
            redirect_uri=auth.redirect_uri,
            scopes=auth.scopes,
            nonce=auth.nonce,
            code_challenge=auth.code_challenge,
            code_challenge_method=auth.code_challenge_method,
            auth_time=auth_time,
        )
    return answer(request, auth, {"code": code})


def _authorize(request: Request, form: dict | None) -> Response:
    auth = parse(request)
    user = signed_in_user(request)
    if user is not None and not request.session.get("auth_time"):
        request.session["auth_time"] = int(time.time())  # signed in before auth_time was recorded
    if "login" in auth.prompt:
        marker = request.query_params.get(LOGIN_MARKER, "")
        if not marker.isdigit():
            return _to_login(request, **{LOGIN_MARKER: str(time.time_ns())})
        if user is None or int(request.session.get("auth_ns", 0)) <= int(marker):
            return _to_login(request)
    if user is None:
        if "none" in auth.prompt:
            raise RedirectProblem("login_required", "The user is not signed in (prompt=none).")
        return _to_login(request)
    companies = companies_for(request, auth.client, user.id)
    if not companies:
        raise RedirectProblem(
            "access_denied",
            f"{user.email} holds a Financials role in no company that has approved application "
            f"'{auth.client.client_id}'.",
        )
    if form is None:
        if len(companies) == 1 and not auth.prompt & {"consent", "select_account"}:
            return _issue_code(request, auth, user, companies[0].id)
        if "none" in auth.prompt:
            raise RedirectProblem(
                "account_selection_required", "The user may use several companies and must choose one (prompt=none)."
            )
        return render(
            request,
            "connect_authorize.html",
            user=user,
            client_name=auth.client.name,
            scopes=auth.scopes,
            companies=companies,
            action=_here(request),
            # The form's answer is a redirect to the application, which form-action governs too.
            headers={"Content-Security-Policy": page_policy(form_targets=[auth.redirect_uri])},
        )
    if not csrf_valid(request.session, form.get("csrf")):
        raise PageProblem("The form has expired (CSRF check failed); start the sign-in again.", 403)
    if form.get("decision") != "allow":
        raise RedirectProblem("access_denied", "The user cancelled the sign-in.")
    chosen = next((c for c in companies if str(c.id) == str(form.get("company_id", ""))), None)
    if chosen is None:
        raise PageProblem("Choose one of the companies listed.")
    return _issue_code(request, auth, user, chosen.id)


def _run(request: Request, form: dict | None) -> Response:
    try:
        return _authorize(request, form)
    except PageProblem as problem:
        return error_page(request, CANNOT_CONNECT, problem.message, problem.status_code)
    except RedirectProblem as problem:
        return answer(
            request,
            request.state.connect_authorization,
            {"error": problem.error, "error_description": problem.description},
        )


@authorize_router.get(AUTHORIZE_PATH)
def authorize(request: Request) -> Response:
    return _run(request, None)


@authorize_router.post(AUTHORIZE_PATH)
async def authorize_chosen(request: Request) -> Response:
    """The chooser page's answer: the authorization request stays in the query string, the choice is the form."""
    form = dict(await request.form())
    return await run_in_threadpool(_run, request, form)


@authorize_router.get(FORM_POST_SCRIPT_PATH)
def form_post_script() -> Response:
    """Submits the `form_post` page's form (pages allow no inline script)."""
    return Response(
        'document.getElementById("connect-form-post").submit();\n',
        media_type="text/javascript",
        headers={"Cache-Control": "public, max-age=3600"},
    )


# --- end session --------------------------------------------------------------------------------------------


def _id_token_claims(request: Request, hint: str) -> dict | None:
    """The claims of an ID token this server signed (expired or not), else None."""
    provider = _provider(request)
    try:
        header = jws.extract_compact(hint.encode()).protected
        key = provider.keys.public_key(str(header.get("kid")))
        if key is None or header.get("typ") != "JWT":
            return None
        claims = jwt.decode(hint, key, algorithms=["RS256"]).claims
    except (JoseError, ValueError, TypeError):
        return None
    if claims.get("iss") != provider.issuer(request):
        return None
    return claims


def _end_session(request: Request, params: dict, posted: bool) -> Response:
    hint = params.get("id_token_hint")
    uri = params.get("post_logout_redirect_uri")
    claims = None
    if hint:
        claims = _id_token_claims(request, hint)
        if claims is None:
            raise PageProblem("The id_token_hint is not an ID token this server issued.")
    audience = claims.get("aud") if claims else None
    client_id = (audience[0] if isinstance(audience, list) and audience else audience) or params.get("client_id")
    client = _client(request, client_id) if client_id else None
    if uri:
        if client is None:
            raise PageProblem(
                "A post_logout_redirect_uri needs an id_token_hint (or client_id) naming the application."
            )
        if uri not in client.post_logout_redirect_uris:
            raise PageProblem(
                f"The post-logout redirect URI '{safe(uri, 300)}' is not registered for application "
                f"'{client.client_id}'. The browser is not sent there."
            )
    signed_in = request.session.get("user_id")
    confirmed = (claims is not None and (signed_in is None or str(signed_in) == str(claims.get("sub")))) or (
        posted and csrf_valid(request.session, params.get("csrf"))
    )
    if not confirmed:
        if posted:
            raise PageProblem("The form has expired (CSRF check failed); sign out again.", 403)
        fields = [(k, v) for k, v in params.items() if k in ("post_logout_redirect_uri", "state", "client_id") and v]
        if client is not None and ("client_id", client.client_id) not in fields:
            fields.append(("client_id", client.client_id))
        return render(
            request,
            "connect_logout.html",
            client_name=client.name if client else None,
            fields=fields,
            headers={"Content-Security-Policy": page_policy(form_targets=[uri] if uri else [])},
        )
    request.session.clear()
    if uri:
        query = urlencode({"state": params["state"]}) if params.get("state") else ""
        target = uri + (("&" if "?" in uri else "?") + query if query else "")
        return RedirectResponse(target, status_code=303, headers=PAGE_HEADERS)
    return render(request, "message.html", user=None, title="Signed out", message="You are signed out of nettfin.")


@authorize_router.api_route(END_SESSION_PATH, methods=["GET", "POST"])
async def end_session(request: Request) -> Response:
    posted = request.method == "POST"
    params = dict(request.query_params)
    if posted:
        params.update(dict(await request.form()))
    try:
        return await run_in_threadpool(_end_session, request, params, posted)
    except PageProblem as problem:
        return error_page(request, "Sign out", problem.message, problem.status_code)
