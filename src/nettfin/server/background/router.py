"""`GET /v1/background/{requestId}` (the state of a queued call) and `/content` (its stored response)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Path, Request
from starlette.responses import Response

from ..db.base import utcnow
from ..identity.auth import company_context
from ..kit.errors import VismaErrorBody
from ..kit.render import format_datetime, json_response
from . import replay as _replay  # noqa: F401  (registers the job handlers)
from . import service
from .models import BackgroundRequest
from .schemas import BackgroundRequestStateDto

router = APIRouter(prefix="/v1/background", tags=["Background"])
RequestId = Annotated[str, Path(description="The id the 202 answer gave (`id`)")]
_READ_ERRORS = {
    403: {
        "model": VismaErrorBody,
        "description": "State request was not done by same company/user as for the background operation request.",
    },
    404: {"model": VismaErrorBody, "description": "No background operation state was found."},
}


def state_dto(record: BackgroundRequest) -> dict:
    return {
        "id": record.id,
        "status": record.status,
        "statusCode": record.status_code,
        "receivedUtc": format_datetime(record.received_utc),
        "startedUtc": format_datetime(record.started_utc),
        "finishedUtc": format_datetime(record.finished_utc),
        "webhookAddress": record.webhook_address,
        "errorMessage": record.error_message,
        "originalUri": record.original_uri,
        "hasResponseContent": record.has_response_content,
        "hasRequestContent": record.has_request_content,
        "contentLocation": f"{record.state_location}/content",
        "responseHeaders": record.response_headers,
    }


@router.get(
    "/{requestId}",
    response_model=BackgroundRequestStateDto,
    responses=_READ_ERRORS,
    summary="Gets the state of a previously started background API operation",
    description="`status` is Started until the call has run, then Finished (`statusCode` is the call's HTTP "
    "status; its body is at `contentLocation`) or Failed (`errorMessage` says why the queue could not run it).",
)
def get_state(request: Request, requestId: RequestId, context=Depends(company_context)) -> Response:
    record = service.readable(request.app.state.db, request_id=requestId, context=context, content=False, now=utcnow())
    return json_response(state_dto(record))


@router.get(
    "/{requestId}/content",
    response_class=Response,
    responses={
        200: {
            "description": "The finished call's response body, with its content type.",
            "content": {"application/json": {"schema": {"type": "object"}}, "application/pdf": {}},
        },
        **_READ_ERRORS,
        404: {"model": VismaErrorBody, "description": "No background operation response content was found."},
        410: {
            "model": VismaErrorBody,
            "description": "State for background operation has been removed after 24 hours.",
        },
    },
    summary="Gets the response content, if any, of a previously started background API operation",
)
def get_content(request: Request, requestId: RequestId, context=Depends(company_context)) -> Response:
    record = service.readable(request.app.state.db, request_id=requestId, context=context, content=True, now=utcnow())
    headers = record.response_headers or {}
    content_type = next((v for k, v in headers.items() if k.lower() == "content-type"), "application/json")
    return Response(content=record.response_body or b"", media_type=content_type)
