"""`Client` and its async twin `AsyncClient`. Both build requests and read answers the same way (`_ClientBase`);
only sending and sleeping differ."""

from __future__ import annotations

import asyncio
import inspect
import mimetypes
import os
import time
from collections.abc import Generator
from contextlib import contextmanager
from dataclasses import dataclass
from email.message import Message
from email.utils import collapse_rfc2231_value
from typing import IO, Any

import httpx2

from . import models
from ._background import AsyncBackgroundCall, BackgroundCall, background_request
from ._catalog import Catalog, find_spec
from ._errors import NettfinError, TransportError, error_from
from ._resources import AsyncResource, Resource, ResourceSpec, _Request
from ._retry import RateWindow, RetryPolicy
from ._wire import dumps, key_from_location, key_path, loads

NETTFIN_URL = "http://127.0.0.1:8080/API"
"""A local nettfin (`make run`), on the legacy surface's paths."""
VISMA_LEGACY_URL = "https://integration.visma.net/API"
"""The legacy Visma.net service (`/API/controller/api/v1/...`, tokens from `/API/security/api/v2/token`)."""
VISMA_URL = "https://api.finance.visma.net"
"""The current Visma.net ERP API (`/v1/...`; tokens from Visma Connect)."""

USER_AGENT = "nettfin-client/0.1"
DEFAULT_TIMEOUT = httpx2.Timeout(60.0, connect=10.0)


class _BearerToken(httpx2.Auth):
    def __init__(self, token: str) -> None:
        self._header = f"Bearer {token}"

    def auth_flow(self, request: httpx2.Request) -> Generator[httpx2.Request, httpx2.Response, None]:
        request.headers["Authorization"] = self._header
        yield request


class _ClientBase(Catalog):
    """Request building and answer parsing, shared by both clients.

    Paths starting with `/` are under `base_url` (`/resources/v1/context`); others under the API root, which
    is `<base_url>/controller/api` on the legacy surface (a base URL ending in `/API`) and `base_url` itself
    on the current one (`v1/customer`).
    """

    def __init__(
        self,
        base_url: str,
        token: str | httpx2.Auth | None,
        company_id: int | str | None,
        retry: RetryPolicy | None,
        headers: dict[str, str] | None,
    ) -> None:
        self.base_url = base_url.rstrip("/")
        self.company_id = company_id
        self.retry = retry or RetryPolicy()
        self._window = RateWindow(self.retry)
        legacy = self.base_url.lower().endswith("/api")
        self._api_root = f"{self.base_url}/controller/api" if legacy else self.base_url
        # Context stays under /API on the current surface too (a Connect token lists its one company there).
        self._context = "/resources/v1/context" if legacy else "/API/resources/v1/context"
        self._auth = _BearerToken(token) if isinstance(token, str) else token
        self._headers = {"Accept": "application/json", "User-Agent": USER_AGENT}
        if legacy:
            self._headers["ipp-application-type"] = "Visma.net Financials"
        if company_id is not None:
            self._headers["ipp-company-id"] = str(company_id)
        self._headers.update(headers or {})

    def _url(self, path: str) -> str:
        return f"{self.base_url}{path}" if path.startswith("/") else f"{self._api_root}/{path}"

    def _build(self, http: httpx2.Client | httpx2.AsyncClient, request: _Request, files: Any = None):
        headers = dict(request.headers)
        content = None
        if request.body is not None:
            content = dumps(request.body).encode()
            headers["Content-Type"] = "application/json"
        return http.build_request(
            request.method,
            self._url(request.path),
            params=request.params,
            content=content,
            files=files,
            headers=headers,
        )

    def _answer(self, response: httpx2.Response) -> httpx2.Response:
        if response.is_success:
            return response
        raise error_from(response)

    @staticmethod
    def _parsed(response: httpx2.Response) -> Any:
        return loads(response.content) if response.content.strip() else None

    def _attachment_request(self, document: ResourceSpec | str, key: Any, line_number: int | None) -> _Request:
        spec = document if isinstance(document, ResourceSpec) else _spec_or_path(document)
        path = spec.attachment_path(key) if isinstance(spec, ResourceSpec) else f"{spec}/{key_path(key)}"
        if line_number is not None:
            path += f"/{line_number}"
        return _Request("POST", f"{path}/attachment")


def _spec_or_path(document: str) -> ResourceSpec | str:
    """A resource name (`supplier_invoices`), or a path under the API root (`v1/supplierInvoice`)."""
    try:
        return find_spec(document)
    except NettfinError:
        path = document.strip("/")
        return path if "/" in path else f"v1/{path}"


@contextmanager
def _opened(file: Any, filename: str | None):
    """(name, binary file, content type) for a path or a file object; a path is opened and closed here."""
    if isinstance(file, str | os.PathLike):
        with open(file, "rb") as handle:
            name = filename or os.path.basename(os.fspath(file))
            yield name, handle, mimetypes.guess_type(name)[0] or "application/octet-stream"
        return
    name = filename or os.path.basename(str(getattr(file, "name", "") or "attachment"))
    yield name, file, mimetypes.guess_type(name)[0] or "application/octet-stream"


@dataclass(frozen=True)
class AttachmentFile:
    """What `download_attachment` saved: the file name and content type the service gave, and the size."""

    name: str | None
    content_type: str | None
    size: int


def _download_request(attachment_id: str) -> _Request:
    return _Request("GET", f"v1/attachment/{key_path(attachment_id)}", headers={"Accept": "*/*"})


def _update_attachment_request(attachment_id: str, send_to_autoinvoice: bool) -> _Request:
    body = {"sendToAutoinvoice": {"value": send_to_autoinvoice}}
    return _Request("PUT", f"v1/attachment/{key_path(attachment_id)}", body=body)


@contextmanager
def _writable(to: str | os.PathLike | IO[bytes]):
    if isinstance(to, str | os.PathLike):
        with open(to, "wb") as handle:
            yield handle
    else:
        yield to


def _attachment_file(response: httpx2.Response) -> AttachmentFile:
    message = Message()
    message["content-disposition"] = response.headers.get("Content-Disposition", "")
    name = None
    for key, value in message.get_params(header="content-disposition", failobj=[])[1:]:
        if key.lower() == "filename" and (name is None or isinstance(value, tuple)):
            name = collapse_rfc2231_value(value)
    size = int(response.headers.get("Content-Length") or response.num_bytes_downloaded)
    return AttachmentFile(name, response.headers.get("Content-Type"), size)


class Client(_ClientBase):
    """A Visma.net Financials API client: `Client(base_url=NETTFIN_URL, token=..., company_id=1)`.

    Every resource is an attribute (`client.customers.iterate(status="Active")`); `transport` takes any
    httpx2 transport (a test app, a proxy, `httpx2.MockTransport`). Use it as a context manager, or `close()`.
    """

    _resource_type = Resource

    def __init__(
        self,
        base_url: str = NETTFIN_URL,
        token: str | httpx2.Auth | None = None,
        company_id: int | str | None = None,
        *,
        retry: RetryPolicy | None = None,
        timeout: httpx2.Timeout | float = DEFAULT_TIMEOUT,
        transport: httpx2.BaseTransport | None = None,
        headers: dict[str, str] | None = None,
    ) -> None:
        super().__init__(base_url, token, company_id, retry, headers)
        self._http = httpx2.Client(auth=self._auth, headers=self._headers, timeout=timeout, transport=transport)

    def __enter__(self) -> Client:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def close(self) -> None:
        self._http.close()

    def resource(self, name: str) -> Resource[Any]:
        """A resource by name or path: `client.resource("customer")`."""
        return getattr(self, find_spec(name).name)

    def request(self, method: str, path: str, **kwargs: Any) -> Any:
        """Any endpoint: `client.request("GET", "v1/customer/10001/contact")`; returns the parsed JSON body."""
        return self._json(_Request(method.upper(), path, **kwargs))

    def background(
        self,
        method: str,
        path: str,
        *,
        json: Any = None,
        params: Any = None,
        notify: str | dict[str, str] = "none",
        headers: dict[str, str] | None = None,
    ) -> BackgroundCall:
        """Sends any call with `erp-api-background` (the service answers 202 and runs it later); returns a handle
        to poll: `client.background("POST", "v1/customer", json=body).wait().key`. `notify` is "none" (poll),
        "subscription", `{"header": "value", ...}` (the subscription, with those headers) or a URL."""
        request = background_request(method, path, json=json, params=params, notify=notify, headers=headers)
        return BackgroundCall(self, request.method, self._json(request))

    def context(self) -> list[models.ContextInformation]:
        """The companies this token may use (their `id` goes into `company_id`)."""
        return [models.ContextInformation.from_wire(c) for c in self._json(_Request("GET", self._context))]

    def company(self, company_id: int | str | None = None) -> models.CompanyInfo:
        wanted = company_id if company_id is not None else self.company_id
        return models.CompanyInfo.from_wire(self._json(_Request("GET", f"{self._context}/{wanted}")))

    def user_details(self) -> models.UserDetails:
        return models.UserDetails.from_wire(self._json(_Request("GET", f"{self._context}/userdetails")))

    def revoke_token(self) -> None:
        """Revokes this client's token; it cannot be used again."""
        self._send(_Request("DELETE", "/security/api/v1/token"))

    def upload_attachment(
        self,
        document: ResourceSpec | str,
        key: Any,
        file: str | os.PathLike | IO[bytes],
        *,
        line_number: int | None = None,
        filename: str | None = None,
    ) -> str | None:
        """Attaches a file to a document (`"supplier_invoices"`, `"v1/supplierInvoice"`), or to one of its lines;
        the file is streamed, not read into memory. Returns the attachment id from `Location`."""
        request = self._attachment_request(document, key, line_number)
        with _opened(file, filename) as (name, handle, content_type):
            response = self._send(request, files={"file": (name, handle, content_type)})
        location = response.headers.get("Location")
        return key_from_location(location) if location else None

    def download_attachment(self, attachment_id: str, to: str | os.PathLike | IO[bytes]) -> AttachmentFile:
        """Streams the latest revision of an attachment into a path or a binary file (never whole into memory);
        returns its file name, content type and size."""
        self._sleep(self._window.pause())
        request = self._build(self._http, _download_request(attachment_id))
        response = self._http.send(request, stream=True)
        try:
            self._window.observe(response)
            if not response.is_success:
                response.read()
                raise error_from(response)
            with _writable(to) as sink:
                for chunk in response.iter_bytes():
                    sink.write(chunk)
            return _attachment_file(response)
        finally:
            response.close()

    def update_attachment(self, attachment_id: str, *, send_to_autoinvoice: bool) -> None:
        """Sets whether an attachment of a customer document goes with it to AutoInvoice."""
        self._send(_update_attachment_request(attachment_id, send_to_autoinvoice))

    def _json(self, request: _Request) -> Any:
        return self._parsed(self._send(request))

    def _send(self, request: _Request, files: Any = None) -> httpx2.Response:
        """Sends with the retry policy: throttling, backoff, and pacing before the limit."""
        attempt = 0
        while True:
            self._sleep(self._window.pause())
            try:
                response = self._http.send(self._build(self._http, request, files))
            except httpx2.TransportError as error:
                wait = self.retry.after_error(request.method, error, attempt)
                if wait is None:
                    raise TransportError(f"{request.method} {self._url(request.path)}: {error}") from error
            else:
                self._window.observe(response)
                wait = self.retry.after_response(request.method, response, attempt)
                if wait is None:
                    return self._answer(response)
                response.close()
            self._sleep(wait)
            attempt += 1

    def _sleep(self, seconds: float) -> None:
        if seconds > 0:
            (self.retry.sleep or time.sleep)(seconds)


class AsyncClient(_ClientBase):
    """The async twin of `Client`: the same resources and methods, awaited."""

    _resource_type = AsyncResource

    def __init__(
        self,
        base_url: str = NETTFIN_URL,
        token: str | httpx2.Auth | None = None,
        company_id: int | str | None = None,
        *,
        retry: RetryPolicy | None = None,
        timeout: httpx2.Timeout | float = DEFAULT_TIMEOUT,
        transport: httpx2.AsyncBaseTransport | None = None,
        headers: dict[str, str] | None = None,
    ) -> None:
        super().__init__(base_url, token, company_id, retry, headers)
        self._http = httpx2.AsyncClient(auth=self._auth, headers=self._headers, timeout=timeout, transport=transport)

    async def __aenter__(self) -> AsyncClient:
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.aclose()

    async def aclose(self) -> None:
        await self._http.aclose()

    def resource(self, name: str) -> AsyncResource[Any]:
        return getattr(self, find_spec(name).name)

    async def request(self, method: str, path: str, **kwargs: Any) -> Any:
        return await self._json(_Request(method.upper(), path, **kwargs))

    async def background(
        self,
        method: str,
        path: str,
        *,
        json: Any = None,
        params: Any = None,
        notify: str | dict[str, str] = "none",
        headers: dict[str, str] | None = None,
    ) -> AsyncBackgroundCall:
        request = background_request(method, path, json=json, params=params, notify=notify, headers=headers)
        return AsyncBackgroundCall(self, request.method, await self._json(request))

    async def context(self) -> list[models.ContextInformation]:
        found = await self._json(_Request("GET", self._context))
        return [models.ContextInformation.from_wire(c) for c in found]

    async def company(self, company_id: int | str | None = None) -> models.CompanyInfo:
        wanted = company_id if company_id is not None else self.company_id
        return models.CompanyInfo.from_wire(await self._json(_Request("GET", f"{self._context}/{wanted}")))

    async def user_details(self) -> models.UserDetails:
        return models.UserDetails.from_wire(await self._json(_Request("GET", f"{self._context}/userdetails")))

    async def revoke_token(self) -> None:
        await self._send(_Request("DELETE", "/security/api/v1/token"))

    async def upload_attachment(
        self,
        document: ResourceSpec | str,
        key: Any,
        file: str | os.PathLike | IO[bytes],
        *,
        line_number: int | None = None,
        filename: str | None = None,
    ) -> str | None:
        request = self._attachment_request(document, key, line_number)
        with _opened(file, filename) as (name, handle, content_type):
            response = await self._send(request, files={"file": (name, handle, content_type)})
        location = response.headers.get("Location")
        return key_from_location(location) if location else None

    async def download_attachment(self, attachment_id: str, to: str | os.PathLike | IO[bytes]) -> AttachmentFile:
        await self._sleep(self._window.pause())
        request = self._build(self._http, _download_request(attachment_id))
        response = await self._http.send(request, stream=True)
        try:
            self._window.observe(response)
            if not response.is_success:
                await response.aread()
                raise error_from(response)
            with _writable(to) as sink:
                async for chunk in response.aiter_bytes():
                    sink.write(chunk)
            return _attachment_file(response)
        finally:
            await response.aclose()

    async def update_attachment(self, attachment_id: str, *, send_to_autoinvoice: bool) -> None:
        await self._send(_update_attachment_request(attachment_id, send_to_autoinvoice))

    async def _json(self, request: _Request) -> Any:
        return self._parsed(await self._send(request))

    async def _send(self, request: _Request, files: Any = None) -> httpx2.Response:
        attempt = 0
        while True:
            await self._sleep(self._window.pause())
            try:
                response = await self._http.send(self._build(self._http, request, files))
            except httpx2.TransportError as error:
                wait = self.retry.after_error(request.method, error, attempt)
                if wait is None:
                    raise TransportError(f"{request.method} {self._url(request.path)}: {error}") from error
            else:
                self._window.observe(response)
                wait = self.retry.after_response(request.method, response, attempt)
                if wait is None:
                    return self._answer(response)
                await response.aclose()
            await self._sleep(wait)
            attempt += 1

    async def _sleep(self, seconds: float) -> None:
        if seconds <= 0:
            return
        slept = (self.retry.sleep or asyncio.sleep)(seconds)
        if inspect.isawaitable(slept):
            await slept
