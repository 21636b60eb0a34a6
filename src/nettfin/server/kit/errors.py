"""Errors as Visma.net reports them, and the one handler that renders every error response.

Three body shapes reach clients (reference section 5):
- business and validation errors: `{"message": "VismaId: <uuid>. <text>"}`, status 400 (404 for unknown keys);
- platform (IPP) errors: `{"ExceptionType": "IPPException", "ExceptionMessage", "ExceptionFaultCode",
  "ExceptionMessageID", "ExceptionDetails"}`, for authentication and company selection;
- 412 with an empty body for a stale If-Match.
Every VismaId is logged with the error so an operator can find the request a client reports.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Sequence

import orjson
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from pydantic import BaseModel
from sqlalchemy.exc import DataError
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.responses import Response
from starlette.routing import Match, Mount
from starlette.types import ASGIApp, Message, Receive, Scope, Send

log = logging.getLogger("nettfin.errors")


class VismaErrorBody(BaseModel):
    """A business or validation error: `VismaId: <uuid>. <text>`."""

    message: str


class IppErrorBody(BaseModel):
    """A platform error (authentication, company selection)."""

    ExceptionType: str = "IPPException"
    ExceptionMessage: str
    ExceptionFaultCode: str
    ExceptionMessageID: str
    ExceptionDetails: str = ""


# Documented on every controller route in the OpenAPI document.
ERROR_RESPONSES: dict[int | str, dict] = {
    400: {
        "model": VismaErrorBody | IppErrorBody,
        "description": "A business or validation error (`message`), or IPP 12002 for `ipp-company-id`.",
    },
    401: {"model": IppErrorBody, "description": "No bearer token, or an unknown or revoked one (IPP shape)."},
    404: {"model": VismaErrorBody, "description": "No record with that key in this company."},
    412: {"description": "If-Match does not match the current ETag; empty body, nothing written."},
    413: {"model": VismaErrorBody, "description": "The request body is larger than the server's limit."},
    415: {"model": VismaErrorBody, "description": "The body is not JSON."},
    429: {"model": VismaErrorBody, "description": "A rate limit was hit (see Retry-After and X-RateLimit-*)."},
    500: {"model": VismaErrorBody, "description": "`VismaId: <uuid>. An error has occurred.`"},
}


class ApiError(Exception):
    """Base of every error nettfin reports to a client."""

    status_code = 400

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def body(self, visma_id: str) -> dict | None:
        return {"message": f"VismaId: {visma_id}. {self.message}"}

    def headers(self) -> dict[str, str]:
        return {}


class BusinessError(ApiError):
    """A request that breaks a business or validation rule (400)."""


class NotFound(ApiError):
    status_code = 404


class MethodNotAllowed(ApiError):
    status_code = 405

    def __init__(self, message: str, allowed: Sequence[str]) -> None:
        super().__init__(message)
        self.allowed = allowed

    def headers(self) -> dict[str, str]:
        return {"Allow": ", ".join(self.allowed)}


class UnsupportedMediaType(ApiError):
    status_code = 415


class PayloadTooLarge(ApiError):
    status_code = 413


class PreconditionFailed(ApiError):
    """A stale If-Match: the real service answers 412 with an empty body."""

    status_code = 412

    def body(self, visma_id: str) -> dict | None:
        return None


class IppError(ApiError):
    """A platform error in the IPP shape (authentication, company selection, licence)."""

    def __init__(self, message: str, *, fault_code: str, status_code: int = 400) -> None:
        super().__init__(message)
        self.fault_code = fault_code
        self.status_code = status_code

    def body(self, visma_id: str) -> dict | None:
        return {
            "ExceptionType": "IPPException",
            "ExceptionMessage": self.message,
            "ExceptionFaultCode": self.fault_code,
            "ExceptionMessageID": f"{self.fault_code}_{self.fault_code}_{visma_id}",
            "ExceptionDetails": "",
        }


def record_errors(*, action: str, entity: str, record: str, errors: Sequence[str]) -> BusinessError:
    """The service's wording for a rejected insert or update, listing every problem found.

    `Error inserting the customer. Error: Inserting 'Customer' record raised at least one error. Please review
    the errors.\\r\\nError: 'Customer name' cannot be empty.\\r\\n`
    """
    lines = "".join(f"Error: {error}\r\n" for error in errors)
    return BusinessError(
        f"Error {action.lower()} the {entity}. Error: {action.capitalize()} '{record}' record raised at least "
        f"one error. Please review the errors.\r\n{lines}"
    )


def error_response(error: ApiError) -> Response:
    visma_id = str(uuid.uuid4())
    body = error.body(visma_id)
    if error.status_code >= 500:
        log.error("VismaId %s: %s", visma_id, error.message)
    else:
        log.info("VismaId %s: %s %s", visma_id, error.status_code, error.message)
    return Response(
        content=b"" if body is None else _dumps(body),
        status_code=error.status_code,
        media_type=None if body is None else "application/json; charset=utf-8",
        headers=error.headers(),
    )


def _dumps(body: dict) -> bytes:
    try:
        return orjson.dumps(body)
    except orjson.JSONEncodeError:
        # A message quoting text that is not valid Unicode (a lone surrogate): escape it rather than fail.
        return orjson.dumps({key: value.encode("utf-8", "backslashreplace").decode() for key, value in body.items()})


def _describe_location(loc: Sequence[str | int]) -> tuple[str, str]:
    where, *path = loc
    return str(where), ".".join(str(part) for part in path)


# Errors whose text says all there is: the input (a list of lines) is not worth echoing.
_WHOLE_MESSAGES = frozenset({"too_many_lines"})


def _validation_message(exc: RequestValidationError) -> str:
    problems = []
    for err in exc.errors():
        where, name = _describe_location(err["loc"])
        if err["type"] == "json_invalid":
            problems.append(f"The request body is not valid JSON: {err.get('ctx', {}).get('error', err['msg'])}.")
            continue
        if where == "body" and not name:
            problems.append("The request body must be a JSON object.")
            continue
        if err["type"] in _WHOLE_MESSAGES:
            problems.append(f"Invalid field '{name}': {err['msg']}.")
            continue
        given = err.get("input")
        got = "" if isinstance(given, dict | list) or given is None else f" (got {given!r})"
        kind = {"query": "query parameter", "path": "path segment", "header": "header"}.get(where, "field")
        problems.append(f"Invalid {kind} '{name}': {err['msg'].rstrip('.')}{got}.")
    return " ".join(problems)


_METHODS = ("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS")


def _allowed_methods(request: Request) -> list[str]:
    """Every method some route serves at this path. Starlette's 405 names the methods of the first route whose
    path matched only, though `/customer` is a GET route and a POST route."""
    routes = [route for route in request.app.router.routes if not isinstance(route, Mount)]
    return [
        method
        for method in _METHODS
        if any(route.matches({**request.scope, "method": method})[0] is Match.FULL for route in routes)
    ]


def install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(ApiError)
    async def on_api_error(_request: Request, exc: ApiError) -> Response:
        return error_response(exc)

    @app.exception_handler(RequestValidationError)
    async def on_validation_error(_request: Request, exc: RequestValidationError) -> Response:
        return error_response(BusinessError(_validation_message(exc)))

    @app.exception_handler(DataError)
    async def on_data_error(_request: Request, exc: DataError) -> Response:
        # Client values are checked at the edge; one that still reaches the database and is refused there
        # (out of range, not representable) was a client's mistake all the same, and the transaction rolled back.
        log.warning("A value reached the database unchecked: %s", exc.orig, exc_info=exc)
        detail = str(exc.orig).splitlines()[0] if exc.orig is not None else "invalid value"
        return error_response(BusinessError(f"A value in the request cannot be stored: {detail}."))

    @app.exception_handler(StarletteHTTPException)
    async def on_http_error(request: Request, exc: StarletteHTTPException) -> Response:
        if exc.status_code == 404:
            return error_response(NotFound(f"No HTTP resource was found that matches the request URI '{request.url}'."))
        if exc.status_code == 405:
            allowed = (exc.headers or {}).get("Allow", "")
            return error_response(
                MethodNotAllowed(
                    f"The requested resource does not support http method '{request.method}'.",
                    _allowed_methods(request) or [m.strip() for m in allowed.split(",") if m.strip()],
                )
            )
        error = ApiError(str(exc.detail))
        error.status_code = exc.status_code
        return error_response(error)


class CatchUnexpected:
    """Turns an unhandled exception into the service's 500 body, logged once with its VismaId."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False

        async def tracking_send(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, receive, tracking_send)
        except Exception:
            visma_id = str(uuid.uuid4())
            log.exception("VismaId %s: unhandled error", visma_id)
            if started:
                raise
            response = Response(
                content=orjson.dumps({"message": f"VismaId: {visma_id}. An error has occurred."}),
                status_code=500,
                media_type="application/json; charset=utf-8",
            )
            await response(scope, receive, send)
