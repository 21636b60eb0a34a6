"""The admin API's request log (requestlog/): the calls newest first with filters, one call with its bodies and what
it caused, the HAR 1.2 export of the same filters, and clearing.

Every read and the clear first flush this process's buffer (requestlog/writer.py), so they see every call this
process answered before; with several server processes, another process's calls show up within its flush
interval (`NETTFIN_REQUEST_LOG_FLUSH_SECONDS`, 0.25 s by default).

Filters (query parameters, each optional): `companyId`, `method`, `path` (a glob: `*`, `?`; case-insensitive),
`status` (`404` or a class, `4xx`), `application` (client id or token origin), `since` (ISO 8601), `limit` (1 to
1000, default 100); `bodies=true` puts each call's headers and bodies in the list. A bad value is a 400 in Visma's
error body naming the field.
"""

from __future__ import annotations

from fastapi import APIRouter, Depends, Request
from starlette.responses import Response

from ..kit.errors import BusinessError
from ..kit.render import json_response
from ..requestlog import service
from .auth import admin_key

PREFIX = "/admin/api"
router = APIRouter(prefix=PREFIX, dependencies=[Depends(admin_key)], include_in_schema=False)
_FILTERS = ("companyId", "method", "path", "status", "application", "since", "limit")


def _filters(request: Request, *, also: tuple[str, ...] = ()) -> service.Filters:
    params = request.query_params
    for name in params:
        if name not in _FILTERS and name not in also:
            accepted = ", ".join((*_FILTERS, *also))
            raise BusinessError(f"Unknown parameter '{name[:40]}': the request log's filters are {accepted}.")
    return service.parse_filters(
        company_id=params.get("companyId"),
        method=params.get("method"),
        path=params.get("path"),
        status=params.get("status"),
        application=params.get("application"),
        since=params.get("since"),
        limit=params.get("limit"),
    )


def _flag(request: Request, name: str) -> bool:
    raw = request.query_params.get(name, "false").strip().lower()
    if raw not in ("true", "false"):
        raise BusinessError(f"Invalid parameter '{name}': '{raw[:20]}' is not true or false.")
    return raw == "true"


@router.get("/requests")
def list_requests(request: Request) -> Response:
    filters = _filters(request, also=("bodies",))
    bodies = _flag(request, "bodies")
    service.flush_buffers()
    with request.app.state.db.reading() as session:
        calls = service.find_calls(session, filters)
        shape = service.detail if bodies else service.summary
        return json_response([shape(call) for call in calls])


@router.get("/requests.har")
def export_har(request: Request) -> Response:
    filters = _filters(request)
    service.flush_buffers()
    with request.app.state.db.reading() as session:
        document = service.har(service.find_calls(session, filters), str(request.base_url))
    return json_response(document, headers={"Content-Disposition": 'attachment; filename="nettfin-requests.har"'})


@router.get("/requests/{callId}")
def read_request(request: Request, callId: str) -> Response:
    call_id = service.parse_call_id(callId)
    service.flush_buffers()
    with request.app.state.db.reading() as session:
        return json_response(service.detail(service.find_call(session, call_id)))


@router.delete("/requests")
def clear_requests(request: Request) -> Response:
    raw = request.query_params.get("companyId")
    company_id = service.parse_filters(company_id=raw).company_ids[0] if raw else None
    service.flush_buffers()
    with request.app.state.db.writing() as session:
        service.clear(session, company_id)
    return Response(status_code=204)
