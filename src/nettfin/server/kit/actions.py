"""What an `.../action/...` endpoint answers: nettfin runs an action at once, so its result is always `Done`."""

from __future__ import annotations

import uuid

from pydantic import BaseModel
from starlette.responses import Response

from .render import json_response
from .responses import etag_header
from .wire import WireEnum


class ActionResult(WireEnum):
    """The action result enum of the action DTOs that declare one (time cards, expense claims)."""

    Queued = "Queued"
    InProcess = "InProcess"
    Failed = "Failed"
    Done = "Done"


class ApprovalStatus(WireEnum):
    """The approval workflow's states, as documents under approval show them (time cards, expense claims)."""

    New = "New"
    Canceled = "Canceled"
    SentToApproval = "SentToApproval"
    ReceivedByApproval = "ReceivedByApproval"
    InProgressApproval = "InProgressApproval"
    RejectedInApproval = "RejectedInApproval"
    ApprovedInApproval = "ApprovedInApproval"
    ActiveWorkflowApproval = "ActiveWorkflowApproval"


class ActionResultDto(BaseModel):
    """What an `.../action/...` answers (ReleaseJournalTransactionActionResultDto and its siblings)."""

    actionId: str
    actionResult: str
    errorInfo: str | None = None


def action_result(row_version: int) -> Response:
    """200 with the action result DTO (`actionResult: Done`: nettfin runs actions at once) and the new ETag."""
    body = {"actionId": str(uuid.uuid4()), "actionResult": "Done", "errorInfo": None}
    return json_response(body, headers=etag_header(row_version))
