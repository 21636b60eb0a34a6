"""`/v1/uiExtension`: register, list and delete UI extensions, and the screens they go on (`service.py`). HTTP
only; the deletes and the POST answer 200 with an empty body, as the real document has them."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Query, Request
from pydantic import BaseModel, Field
from starlette.responses import Response

from ..identity.auth import CompanyContext, company_context
from ..kit.render import json_response
from ..kit.resource import UuidText
from ..kit.wire import WireEnum
from . import service
from .models import UiExtension

router = APIRouter(prefix="/v1/uiExtension", tags=["UiExtension"])


class UiExtensionType(WireEnum):
    Action = "Action"
    Menu = "Menu"


class UiExtensionScreenDto(BaseModel):
    screenId: str | None = None
    stepIds: list[str] | None = None


class UiExtensionDto(BaseModel):
    enabled: bool | None = None
    internalId: UuidText | None = Field(None, description="Identifies the registration (delete it by it).")
    ownerName: str | None = None
    screenId: str | None = Field(None, description="The screen of an Action extension.")
    stepId: str | None = Field(None, description="The step (document status) of an Action extension.")
    title: str | None = None
    type: UiExtensionType | None = None
    url: str | None = None


class UiExtensionUpdateDto(BaseModel):
    ownerId: UuidText | None = Field(None, description="The owning application's GUID; required.")
    ownerName: str | None = Field(None, description="Required.")
    screenId: str | None = Field(None, description="An Action extension's screen (see availableScreens).")
    stepId: str | None = Field(None, description="An Action extension's step on that screen.")
    title: str | None = Field(None, description="Required.")
    type: UiExtensionType | None = Field(None, description="Action or Menu; required.")
    url: str | None = Field(None, description="The absolute URL the ERP opens; required.")


_OK = {200: {"description": "Done; empty body."}}


def _render(extension: UiExtension) -> dict:
    return {
        "enabled": extension.enabled,
        "internalId": extension.internal_id,
        "ownerName": extension.owner_name,
        "screenId": extension.screen_id,
        "stepId": extension.step_id,
        "title": extension.title,
        "type": extension.type,
        "url": extension.url,
    }


@router.get(
    "/availableScreens",
    response_model=list[UiExtensionScreenDto],
    summary="Returns the list of available screenIds and their stepIds for Ui Extensions",
)
def available_screens(context: CompanyContext = Depends(company_context)) -> Response:
    return json_response([{"screenId": s, "stepIds": list(steps)} for s, steps in service.SCREENS.items()])


@router.get(
    "/{ownerId}",
    response_model=list[UiExtensionDto],
    summary="Returns the list of all Ui Extensions for current owner - ScreenId=SM205002",
)
def owner_extensions(
    request: Request,
    ownerId: str,
    screenId: str | None = Query(None, description="Only the extensions on this screen."),
    type: UiExtensionType | None = Query(None, description="Only Action or only Menu extensions."),
    context: CompanyContext = Depends(company_context),
) -> Response:
    found = service.owner_extensions(
        request.app.state.db,
        company_id=context.company_id,
        owner_id=ownerId,
        screen_id=screenId,
        type=type.value if type else None,
    )
    return json_response([_render(extension) for extension in found])


@router.post("", status_code=200, response_class=Response, responses=_OK, summary="Create Ui Extension")
def create_extension(
    request: Request, body: UiExtensionUpdateDto, context: CompanyContext = Depends(company_context)
) -> Response:
    sent = service.Registration(
        owner_id=body.ownerId,
        owner_name=body.ownerName,
        type=body.type.value if body.type else None,
        screen_id=body.screenId,
        step_id=body.stepId,
        title=body.title,
        url=body.url,
    )
    service.register(request.app.state.db, company_id=context.company_id, sent=sent)
    return Response(status_code=200)


@router.delete(
    "/{ownerId}/{internalId}",
    status_code=200,
    response_class=Response,
    responses=_OK,
    summary="Delete Menu Ui Extension",
)
def delete_menu_extension(
    request: Request, ownerId: str, internalId: str, context: CompanyContext = Depends(company_context)
) -> Response:
    service.delete_menu(request.app.state.db, company_id=context.company_id, owner_id=ownerId, internal_id=internalId)
    return Response(status_code=200)


@router.delete(
    "/{ownerId}/{internalId}/{screenId}/{stepId}",
    status_code=200,
    response_class=Response,
    responses=_OK,
    summary="Delete Action Ui Extension",
)
def delete_action_extension(
    request: Request,
    ownerId: str,
    internalId: str,
    screenId: str,
    stepId: str,
    context: CompanyContext = Depends(company_context),
) -> Response:
    service.delete_action(
        request.app.state.db,
        company_id=context.company_id,
        owner_id=ownerId,
        internal_id=internalId,
        screen_id=screenId,
        step_id=stepId,
    )
    return Response(status_code=200)
