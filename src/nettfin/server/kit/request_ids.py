"""`Ipp-Request-Id` and `Request-Context` on every response, as the service sends them (reference §2.3).

`Ipp-Request-Id` is a new GUID per request, so a client can name the request it reports. `Request-Context` is the
header Azure Application Insights adds: `appId=cid-v1:<guid>`, the monitored application's id, the same for every
response of one installation (derived from the installation id, so every worker sends the same value).
Pure ASGI, one header-list extension per response; a header the route set itself is kept.
"""

from __future__ import annotations

import uuid

from starlette.types import ASGIApp, Message, Receive, Scope, Send

_APP_ID_NAMESPACE = uuid.UUID("6f1d2a8e-6b0f-4e57-9d0c-3c1d5a9b7e21")


def request_context_value(installation_id: str) -> str:
    return f"appId=cid-v1:{uuid.uuid5(_APP_ID_NAMESPACE, installation_id)}"


class RequestIds:
    def __init__(self, app: ASGIApp, *, request_context: str) -> None:
        self.app = app
        self.request_context = (b"request-context", request_context.encode())

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def sending(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers") or [])
                present = {name.lower() for name, _ in headers}
                if b"ipp-request-id" not in present:
                    headers.append((b"ipp-request-id", str(uuid.uuid4()).encode()))
                if b"request-context" not in present:
                    headers.append(self.request_context)
                message["headers"] = headers
            await send(message)

        await self.app(scope, receive, sending)
