"""The admin panel's inspector of the request log (`/admin/requests`): the calls of the signed-in administrator's
tenant's companies, newest first, filtered by company, method, path (a glob) and status; one call with its
headers, bodies, the journal batches it posted (linked to the API's own URL for each) and the business events it
emitted; the same list as a HAR file.

A call without a company (a token call) or of another tenant's company is not shown. The list writes this
process's buffer first, as the admin API does (requestlog/writer.py). Read only: no form posts, so no CSRF.
"""

from __future__ import annotations

import json
from urllib.parse import urlencode

from fastapi import APIRouter, Request
from starlette.responses import Response

from ..kit.errors import ApiError, NotFound
from ..kit.render import json_response
from ..requestlog import service
from .admin_access import administrator
from .auth_pages import error_page, render
from .connect_admin_pages import tenant_companies

router = APIRouter()
FILTERS = ("company", "method", "path", "status")
SHOWN = 200


def _form(request: Request) -> dict[str, str]:
    return {name: request.query_params.get(name, "").strip() for name in FILTERS}


def _filters(form: dict[str, str], own: tuple[int, ...], limit: int) -> service.Filters:
    """The form's filters within the tenant's companies; another company is refused like a bad value."""
    parsed = service.parse_filters(
        company_id=form["company"] or None,
        method=form["method"] or None,
        path=form["path"] or None,
        status=form["status"] or None,
        limit=str(limit),
    )
    if parsed.company_ids is not None and parsed.company_ids[0] not in own:
        raise NotFound(f"Company {parsed.company_ids[0]} is not one of your organisation's companies.")
    companies = parsed.company_ids if parsed.company_ids is not None else own
    return service.Filters(**{**parsed.__dict__, "company_ids": companies})


@router.get("/requests")
def requests_page(request: Request) -> Response:
    admin, problem = administrator(request)
    if problem:
        return problem
    form = _form(request)
    with request.app.state.db.reading() as session:
        companies = tenant_companies(session, admin)
    own = tuple(company.id for company in companies)
    try:
        filters = _filters(form, own, SHOWN)
    except ApiError as error:
        return render(request, "request_log.html", 400, calls=[], companies=companies, form=form, error=error.message)
    service.flush_buffers()
    with request.app.state.db.reading() as session:
        calls = service.find_calls(session, filters)
    har = "/admin/requests.har" + (f"?{urlencode({k: v for k, v in form.items() if v})}" if any(form.values()) else "")
    names = {company.id: company.name for company in companies}
    return render(
        request, "request_log.html", calls=calls, companies=companies, names=names, form=form, har=har, shown=SHOWN
    )


@router.get("/requests.har")
def requests_har(request: Request) -> Response:
    admin, problem = administrator(request)
    if problem:
        return problem
    with request.app.state.db.reading() as session:
        own = tuple(company.id for company in tenant_companies(session, admin))
    try:
        filters = _filters(_form(request), own, service.MAX_LIMIT)
    except ApiError as error:
        return error_page(request, "Bad filter", error.message, 400)
    service.flush_buffers()
    with request.app.state.db.reading() as session:
        document = service.har(service.find_calls(session, filters), str(request.base_url))
    return json_response(document, headers={"Content-Disposition": 'attachment; filename="nettfin-requests.har"'})


def _pretty(text: str, mime: str) -> str:
    if "json" in mime and text:
        try:
            return json.dumps(json.loads(text), indent=2, ensure_ascii=False)
        except ValueError:
            return text
    return text


@router.get("/requests/{call_id}")
def request_page(request: Request, call_id: str) -> Response:
    admin, problem = administrator(request)
    if problem:
        return problem
    with request.app.state.db.reading() as session:
        companies = tenant_companies(session, admin)
        try:
            call = service.find_call(
                session, service.parse_call_id(call_id), company_ids=tuple(company.id for company in companies)
            )
        except ApiError as error:
            return error_page(request, "No such call", error.message, error.status_code)
        shown = service.detail(call)
    for side in ("request", "response"):
        body = shown[side]["body"]
        body["pretty"] = _pretty(body["text"], body["mimeType"])
    names = {company.id: company.name for company in companies}
    return render(request, "request_log_call.html", call=shown, names=names)
