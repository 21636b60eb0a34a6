"""`POST /v1/webhooknotificationfeedback`: a receiver reports how it processed a notification; the report is kept
with the delivery it is about (webhooks/service.py)."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Request
from pydantic import BaseModel, Field
from starlette.responses import Response

from ..db.base import utcnow
from ..identity.auth import CompanyContext, company_context
from ..kit.errors import BusinessError, VismaErrorBody
from ..kit.render import json_response
from ..kit.resource import UuidText
from . import deliver as _deliver  # noqa: F401  (registers the delivery job)
from . import service

router = APIRouter(prefix="/v1/webhooknotificationfeedback", tags=["WebhookNotificationFeedback"])


class WebhookNotificationFeedbackDto(BaseModel):
    notificationId: UuidText | None = Field(
        None, description="The ID of the notification (its x-vwd-notification-id header); required."
    )
    source: str | None = Field(None, description="The source of the notification")
    description: str | None = Field(
        None, description='The description text of the notification. Such as "Operation failed".'
    )
    isSuccess: bool | None = Field(None, description="Was the notification successfully consumed: True or false.")


@router.post(
    "",
    status_code=201,
    response_class=Response,
    responses={
        201: {"description": "Created", "content": {"application/json": {"schema": {"type": "object"}}}},
        400: {"model": VismaErrorBody, "description": "No notification with that id was sent to this company."},
    },
    summary="Creates/Inserts a WebhookNotificationFeedback",
    description="Response Message has StatusCode Created if POST operation succeed",
)
def create_feedback(
    request: Request, body: WebhookNotificationFeedbackDto, context: CompanyContext = Depends(company_context)
) -> Response:
    if not body.notificationId:
        raise BusinessError("'notificationId' is required: the x-vwd-notification-id header of the notification.")
    service.record_feedback(
        request.app.state.db,
        company_id=context.company_id,
        notification_id=body.notificationId,
        source=body.source,
        description=body.description,
        is_success=body.isSuccess,
        now=utcnow(),
    )
    return json_response({}, status_code=201)
