"""Who may use the admin panel (a tenant's Customer administrator) and the CSRF check of its forms, shared by
its pages."""

from __future__ import annotations

from fastapi import Request
from starlette.datastructures import FormData
from starlette.responses import RedirectResponse, Response

from ..identity.models import User
from ..identity.sessions import csrf_valid
from .auth_pages import error_page, signed_in_user


def administrator(request: Request) -> tuple[User | None, Response | None]:
    user = signed_in_user(request)
    if user is None:
        return None, RedirectResponse(f"/login?next={request.url.path}", status_code=303)
    if not user.customer_administrator or user.tenant_id is None:
        return None, error_page(request, "Not allowed", "The admin panel needs the Customer administrator role.", 403)
    return user, None


async def posted_form(request: Request) -> tuple[FormData, Response | None]:
    """The form, or the error page when its CSRF token is not the session's."""
    form = await request.form()
    if not csrf_valid(request.session, form.get("csrf")):
        return form, error_page(
            request, "Expired form", "The form has expired (CSRF check failed); reload the page.", 403
        )
    return form, None


async def posted(request: Request) -> tuple[dict, Response | None]:
    form, problem = await posted_form(request)
    return dict(form), problem
