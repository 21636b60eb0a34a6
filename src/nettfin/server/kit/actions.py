"""What an `.../action/...` endpoint answers: nettfin runs an action at once, so its result is always `Done`."""

from __future__ import annotations

import uuid

from pydantic import BaseModel
from starlette.responses import Response

from .render import json_response
from .responses import etag_header


class ActionResultDto(BaseModel):
    """What an `.../action/...` answers (ReleaseJournalTransactionActionResultDto and its siblings)."""

    actionId: str
    actionResult: str
    errorInfo: str | None = None


def action_result(row_version: int) -> Response:
    """200 with the action result DTO (`actionResult: Done`: nettfin runs actions at once) and the new ETag."""
    body = {"actionId": str(uuid.uuid4()), "actionResult": "Done", "errorInfo": None}
    return json_response(body, headers=etag_header(row_version))
