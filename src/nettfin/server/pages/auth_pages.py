"""The OAuth 2.0 authorize page (login, consent) of the legacy service, served at its legacy path."""

from __future__ import annotations

import time
from pathlib import Path
from urllib.parse import urlencode

from authlib.oauth2.rfc6749.errors import OAuth2Error
from fastapi import APIRouter, Request
from starlette.concurrency import run_in_threadpool
from starlette.responses import RedirectResponse, Response
from starlette.templating import Jinja2Templates

from ..identity.models import User
from ..identity.oauth import (
    SCOPE,
    SCOPE_IN_WORDS,
    SWAGGER_CLIENT_ID,
    SWAGGER_REDIRECT_PATH,
    LegacyAuthorizationServer,
    NettfinRequest,
)
from ..identity.passwords import verify_password
from ..identity.service import find_user
from ..identity.sessions import csrf_token, csrf_valid
from ..kit.errors import BusinessError
from ..kit.security_headers import page_policy

AUTHORIZE_PATH = "/API/resources/oauth/authorize"
LOGIN_FAILURES_ALLOWED = 10
LOGIN_WINDOW_SECONDS = 900

templates = Jinja2Templates(directory=Path(__file__).with_name("templates"))
router = APIRouter(include_in_schema=False)
# Pages are never cached. The Content-Security-Policy (no framing, no inline script, forms post here),
# X-Frame-Options and Referrer-Policy of every HTML page come from kit/security_headers.py.
PAGE_HEADERS = {"Cache-Control": "no-store"}


def render(
    request: Request, name: str, status_code: int = 200, *, headers: dict[str, str] | None = None, **context
) -> Response:
    context.setdefault("user", signed_in_user(request))
    context["csrf"] = csrf_token(request.session)
    headers = {**PAGE_HEADERS, **(headers or {})}
    return templates.TemplateResponse(request, name, context, status_code=status_code, headers=headers)


def error_page(request: Request, title: str, message: str, status_code: int = 400) -> Response:
    return render(request, "error.html", status_code, title=title, message=message)


def signed_in_user(request: Request) -> User | None:
    user_id = request.session.get("user_id")
    if user_id is None:
        return None
    with request.app.state.db.reading() as session:
        return session.get(User, user_id)


def _oauth_request(request: Request, form: dict | None = None) -> NettfinRequest:
    return NettfinRequest(request.method, str(request.url), request.headers, dict(request.query_params), form or {})


def _consent_grant(request: Request, user: User | None):
    """The validated grant, or an error page: an unknown client or redirect URI never gets a redirect."""
    server: LegacyAuthorizationServer = request.app.state.oauth
    params = request.query_params
    if params.get("client_id") == SWAGGER_CLIENT_ID:
        own_page = f"{str(request.base_url).rstrip('/')}{SWAGGER_REDIRECT_PATH}"
        if params.get("redirect_uri") != own_page:
            return None, error_page(request, "Invalid request", "Swagger UI's redirect URI must be this server's.")
    try:
        return server.get_consent_grant(_oauth_request(request), end_user=user), None
    except OAuth2Error as error:
        message = error.description or error.error
        if error.error == "invalid_client":
            message = (
                f"Unknown or inactive client '{params.get('client_id', '')}'. A new client must be activated "
                "with its activation link before it can connect."
            )
        return None, error_page(request, "The application cannot connect", message)


@router.get(AUTHORIZE_PATH)
def authorize(request: Request) -> Response:
    user = signed_in_user(request)
    grant, problem = _consent_grant(request, user)
    if problem:
        return problem
    if user is None:
        return RedirectResponse(f"/login?{urlencode({'next': _here(request)})}", status_code=303)
    return render(
        request,
        "consent.html",
        client_name=grant.client.name,
        scope=SCOPE,
        scope_in_words=SCOPE_IN_WORDS,
        action=_here(request),
        # Allow or Deny answers with a redirect to the client's redirect URI, which form-action also governs.
        headers={"Content-Security-Policy": page_policy(form_targets=[grant.redirect_uri])},
    )


@router.post(AUTHORIZE_PATH)
async def decide(request: Request) -> Response:
    form = dict(await request.form())
    user = await run_in_threadpool(signed_in_user, request)
    if not csrf_valid(request.session, form.get("csrf")):
        return error_page(request, "Expired form", "The form has expired (CSRF check failed); start again.", 403)
    if user is None:
        return RedirectResponse(f"/login?{urlencode({'next': _here(request)})}", status_code=303)
    grant, problem = await run_in_threadpool(_consent_grant, request, user)
    if problem:
        return problem
    server: LegacyAuthorizationServer = request.app.state.oauth
    grant_user = user if form.get("decision") == "allow" else None
    status, _body, headers = await run_in_threadpool(
        server.create_authorization_response, _oauth_request(request), grant_user, grant
    )
    return Response(status_code=status, headers={**dict(headers), **PAGE_HEADERS})


@router.get("/login")
def login_page(request: Request, next: str = "/admin") -> Response:
    return render(request, "login.html", next=_safe_next(next), email="", error=None)


@router.post("/login")
async def login(request: Request) -> Response:
    form = dict(await request.form())
    next_url = _safe_next(form.get("next", "/admin"))
    email = (form.get("email") or "").strip().lower()
    if not csrf_valid(request.session, form.get("csrf")):
        return render(
            request,
            "login.html",
            403,
            next=next_url,
            email=email,
            error="The form has expired (CSRF check failed); please try again.",
        )
    user, error = await run_in_threadpool(_check_login, request, email, form.get("password") or "")
    if user is None:
        return render(request, "login.html", 400, next=next_url, email=email, error=error)
    request.session.clear()
    request.session["user_id"] = user.id
    # When the password was checked: Visma Connect's `auth_time`, and what `prompt=login` compares with.
    now_ns = time.time_ns()
    request.session["auth_time"], request.session["auth_ns"] = now_ns // 1_000_000_000, now_ns
    return RedirectResponse(next_url, status_code=303)


@router.post("/logout")
async def logout(request: Request) -> Response:
    form = dict(await request.form())
    if csrf_valid(request.session, form.get("csrf")):
        request.session.clear()
    return RedirectResponse("/login", status_code=303)


def _check_login(request: Request, email: str, password: str) -> tuple[User | None, str | None]:
    """Wrong passwords are counted per e-mail address in 15-minute windows; after 10, logins wait."""
    counters = request.app.state.counters
    now = int(time.time())
    window_end = now - now % LOGIN_WINDOW_SECONDS + LOGIN_WINDOW_SECONDS
    key = f"login:{email}:{window_end}"
    if counters.count(key) >= LOGIN_FAILURES_ALLOWED:
        return (
            None,
            f"Too many failed logins for this e-mail address; try again in {(window_end - now) // 60 + 1} minutes.",
        )
    with request.app.state.db.reading() as session:
        try:
            user = find_user(session, email)
        except BusinessError:
            user = None
    if not verify_password(user.password_hash if user else None, password):
        counters.hit([(key, window_end)])
        return None, "Wrong e-mail address or password."
    return user, None


def _safe_next(next_url: str) -> str:
    """Only same-site paths: an open redirect after login would hand the user to another site."""
    if next_url.startswith("/") and not next_url.startswith("//") and "\\" not in next_url:
        return next_url
    return "/admin"


def _here(request: Request) -> str:
    return request.url.path + (f"?{request.url.query}" if request.url.query else "")
