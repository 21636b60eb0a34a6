"""The background API's DTOs, as the real document names them."""

from __future__ import annotations

from pydantic import BaseModel


class BackgroundApiAcceptedDto(BaseModel):
    id: str | None = None
    stateLocation: str | None = None


class BackgroundRequestStateDto(BaseModel):
    id: str | None = None
    status: str | None = None
    statusCode: int | None = None
    receivedUtc: str | None = None
    startedUtc: str | None = None
    finishedUtc: str | None = None
    webhookAddress: str | None = None
    errorMessage: str | None = None
    reference: str | None = None
    originalUri: str | None = None
    hasResponseContent: bool | None = None
    hasRequestContent: bool | None = None
    contentLocation: str | None = None
    responseHeaders: dict[str, str] | None = None
