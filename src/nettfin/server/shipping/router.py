"""Shipment endpoints (SO302000): HTTP only. `/v1/shipment` is a `kit.document_routes` declaration over the
use cases in `shipments` and `confirmation` (list, get, create, update; confirmShipment, correctShipment and
cancelShipment answer the action result); the line actions, which answer 204 as the real document says, and
the two printouts are routes of their own on the same path."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Body, Depends, Path, Query, Request
from pydantic import AfterValidator
from starlette.responses import Response

from ..identity.auth import company_context
from ..inventory.cross_references import register_document
from ..kit.conditions import condition_description, date_condition, value_description
from ..kit.document_lists import ListWindow, list_window
from ..kit.document_routes import Action, DocumentKey, DocumentResource, DocumentTexts, Expand, document_router
from ..kit.keys import decode_key
from ..kit.pdf import PDF_RESPONSES, pdf_response
from ..kit.responses import UPDATED_RESPONSE, IfMatch, updated
from ..stock.held import register_held
from . import confirmation, held, shipments
from .render import confirmation_pdf, pick_list_pdf, shipment_dto
from .schemas import (
    ConfirmShipmentActionResultDto,
    ShipmentCreateDto,
    ShipmentDetailLineAddDto,
    ShipmentDto,
    ShipmentSOLine,
    ShipmentSOOrder,
    ShipmentStatus,
    ShipmentType,
    ShipmentUpdateDeleteLineDto,
    ShipmentUpdateDto,
)

_PATH = "/v1/shipment"
_TAG = "Shipment"


async def shipment_filters(
    customerId: str | None = Query(None, description="The customer's number."),
    customerNumber: str | None = Query(None, description="The customer's number."),
    status: ShipmentStatus | None = Query(None),
    shipmentType: ShipmentType | None = Query(None),
    shipmentDate: str | None = Query(None, description=value_description("shipmentDate")),
    shipmentDateCondition: str | None = Query(None, description=condition_description("shipmentDate")),
    window: ListWindow = Depends(list_window("Shipment numbers", created=False)),
) -> shipments.ShipmentFilters:
    return shipments.ShipmentFilters(
        customer=customerNumber or customerId,
        status=status.value if status else None,
        shipment_type=shipmentType.value if shipmentType else None,
        shipment_date=date_condition("shipmentDate", shipmentDate, shipmentDateCondition),
        window=window,
    )


class Shipments:
    """The use cases of shipments as the declaration calls them."""

    def list(self, db, *, company_id, context, filters, page, view):
        render = lambda session, s: shipment_dto(session, s, view)  # noqa: E731
        return shipments.list_shipments(db, company_id=company_id, filters=filters, page=page, render=render)

    def get(self, db, *, company_id, context, key: DocumentKey, view):
        render = lambda session, s: shipment_dto(session, s, view)  # noqa: E731
        return shipments.get_shipment(db, company_id=company_id, number=key.number, render=render)

    def create(self, db, *, company_id, context, dto):
        return shipments.create_shipment(db, company_id=company_id, changes=dto.changes())

    def update(self, db, *, company_id, context, key: DocumentKey, dto, if_match):
        return shipments.update_shipment(
            db, company_id=company_id, number=key.number, changes=dto.changes(), if_match=if_match
        )

    def number(self, document) -> str:
        return document.shipment_nbr


def _confirm(db, *, company_id, context, key: DocumentKey, if_match):
    return confirmation.confirm_shipment(db, company_id=company_id, number=key.number, if_match=if_match)


def _correct(db, *, company_id, context, key: DocumentKey, if_match):
    return confirmation.correct_shipment(db, company_id=company_id, number=key.number, if_match=if_match)


def _cancel(db, *, company_id, context, key: DocumentKey, if_match):
    return shipments.cancel_shipment(db, company_id=company_id, number=key.number, if_match=if_match)


_FLAGS = (Expand("includeCustomFreeFields"),)
SHIPMENTS = DocumentResource(
    path=_PATH,
    tag=_TAG,
    key_param="shipmentNbr",
    key_description="Identifies the Shipment",
    documents=Shipments(),
    read_dto=ShipmentDto,
    write_dto=ShipmentUpdateDto,
    create_dto=ShipmentCreateDto,
    texts=DocumentTexts(
        list="Get a range of SO Shipments - ScreenId=SO302000 Request page size must be lower or equal to the "
        "allowed max page size which is returned as part of the metadata information. If requested page size is "
        "greater than allowed max page size, request will be limited to max page size.",
        get="Get a specific Shipment",
        create="Create a Shipment",
        update="Update a specific Shipment",
        list_notes="Paged: every element carries `metadata: {totalCount, maxPageSize}`.",
    ),
    filters=shipment_filters,
    max_page_size=shipments.MAX_PAGE_SIZE,
    list_flags=_FLAGS,
    get_flags=_FLAGS,
    actions=(
        Action(
            "confirmShipment",
            "Confirm shipment operation",
            _confirm,
            description="Takes the stock out (no negative stock) and posts COGS against inventory (module IN); "
            "the order lines count what was shipped.",
            result_dto=ConfirmShipmentActionResultDto,
            key_param="shipmentNumber",
        ),
        Action(
            "correctShipment",
            "Correct shipment operation",
            _correct,
            description="Opens a confirmed shipment again: the stock back in at the cost it left with, COGS reversed.",
            key_param="shipmentNumber",
        ),
        Action(
            "cancelShipment",
            "Cancel shipment operation",
            _cancel,
            description="Only before confirmation; what the shipment held goes back to its order lines.",
            key_param="shipmentNumber",
        ),
    ),
    operations=frozenset({"list", "get", "create", "update"}),
)

_extra = APIRouter(prefix=_PATH, tags=[_TAG])
_Number = Annotated[str, Path(alias="shipmentNumber"), AfterValidator(decode_key)]
_Nbr = Annotated[str, Path(alias="shipmentNbr"), AfterValidator(decode_key)]


def _db_and_company(request: Request, context: Any) -> dict:
    return {"db": request.app.state.db, "company_id": context.company_id}


@_extra.post(
    "/{shipmentNumber}/action/addSOLine",
    status_code=204,
    responses=UPDATED_RESPONSE,
    response_class=Response,
    summary="Adds a Sales Order Line to a specific Shipment",
)
def add_so_line(
    request: Request, number: _Number, body: ShipmentSOLine, if_match: IfMatch = None, context=Depends(company_context)
) -> Response:
    found = shipments.add_so_line(
        **_db_and_company(request, context), number=number, body=body.model_dump(), if_match=if_match
    )
    return updated(row_version=found.row_version, dto=body)


@_extra.post(
    "/{shipmentNumber}/action/addSOOrder",
    status_code=204,
    responses=UPDATED_RESPONSE,
    response_class=Response,
    summary="Adds a Sales Order to a specific Shipment",
)
def add_so_order(
    request: Request, number: _Number, body: ShipmentSOOrder, if_match: IfMatch = None, context=Depends(company_context)
) -> Response:
    found = shipments.add_so_order(
        **_db_and_company(request, context),
        number=number,
        order_type=body.orderType,
        order_nbr=body.orderNumber,
        if_match=if_match,
    )
    return updated(row_version=found.row_version, dto=body)


@_extra.post(
    "/{shipmentNumber}/action/addLine",
    status_code=204,
    responses=UPDATED_RESPONSE,
    response_class=Response,
    summary="Adds a new Shipment Line to a specific Shipment",
)
def add_line(
    request: Request,
    number: _Number,
    body: ShipmentDetailLineAddDto,
    if_match: IfMatch = None,
    context=Depends(company_context),
) -> Response:
    found = shipments.add_line(
        **_db_and_company(request, context), number=number, changes=body.changes(), if_match=if_match
    )
    return updated(row_version=found.row_version, dto=body)


@_extra.post(
    "/{shipmentNumber}/action/deleteLine/{lineNumber}",
    status_code=204,
    responses=UPDATED_RESPONSE,
    response_class=Response,
    summary="Deletes a Shipment Line from a specific Shipment",
)
def delete_line(
    request: Request,
    number: _Number,
    lineNumber: int = Path(ge=1, le=2_147_483_647),
    body: ShipmentUpdateDeleteLineDto | None = Body(None),
    if_match: IfMatch = None,
    context=Depends(company_context),
) -> Response:
    found = shipments.delete_line(
        **_db_and_company(request, context), number=number, line_number=lineNumber, if_match=if_match
    )
    return updated(row_version=found.row_version, dto=body)


def _print(request: Request, context: Any, number: str, render, name: str) -> Response:
    pdf, _version = shipments.get_shipment(
        request.app.state.db, company_id=context.company_id, number=number, render=render
    )
    return pdf_response(pdf, f"{name}-{number}.pdf")


@_extra.get(
    "/{shipmentNbr}/printShipmentConfirmation",
    summary="Get the shipment confirmation report",
    response_class=Response,
    responses=PDF_RESPONSES,
)
def print_shipment_confirmation(request: Request, number: _Nbr, context=Depends(company_context)) -> Response:
    return _print(request, context, number, confirmation_pdf, "shipment-confirmation")


@_extra.get(
    "/{shipmentNbr}/printPickList", summary="Get the pick list report", response_class=Response, responses=PDF_RESPONSES
)
def print_pick_list(request: Request, number: _Nbr, context=Depends(company_context)) -> Response:
    return _print(request, context, number, pick_list_pdf, "pick-list")


(router,) = document_router(SHIPMENTS, company_context, _extra)
register_document("shipment", shipments.items_shipped)
register_held("soAllocated", held.allocated)
register_held("soShipped", held.shipped)
