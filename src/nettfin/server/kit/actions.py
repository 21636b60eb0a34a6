"""What an `.../action/...` endpoint answers: nettfin runs an action at once, so its result is always `Done`."""

from __future__ import annotations

import uuid

from starlette.responses import Response

from .render import json_response
from .responses import etag_header


def action_result(row_version: int) -> Response:
    """200 with the action result DTO (`actionResult: Done`: nettfin runs actions at once) and the new ETag."""
    body = {"actionId": str(uuid.uuid4()), "actionResult": "Done", "errorInfo": None}
    return json_response(body, headers=etag_header(row_version))
