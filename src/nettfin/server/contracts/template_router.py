"""Contract template endpoint (`/v1/contractTemplate`, CT202000): the list, read-only."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Query, Request
from starlette.responses import Response

from ..identity.auth import company_context
from ..kit.document_lists import ListWindow, list_window
from ..kit.render import json_response
from . import templates
from .render import template_dto
from .router import NO_ATTRIBUTES
from .router import list_window as contract_window
from .schemas import ContractTemplateDto
from .service import Window

router = APIRouter(prefix="/v1/contractTemplate", tags=["ContractTemplate"])


@router.get(
    "",
    response_model=list[ContractTemplateDto],
    summary="Get a range of Contract Templates - ScreenId=CT202000",
    description="Not paged: `numberToRead` and `skipRecords` apply.",
)
def list_templates(
    request: Request,
    context=Depends(company_context),
    filters: ListWindow = Depends(list_window("Template IDs", created=False)),
    window: Window = Depends(contract_window),
    expandAttributes: bool | None = Query(None, description=NO_ATTRIBUTES),
) -> Response:
    found = templates.list_templates(
        request.app.state.db, company_id=context.company_id, filters=filters, window=window
    )
    return json_response([template_dto(t) for t in found])
