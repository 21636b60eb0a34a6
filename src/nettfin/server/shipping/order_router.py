"""The `createShipment` action of every sales order endpoint (`/v1/salesorder`, `/v2/salesorder`,
`/v1/salesorderbasic`, `/v2/salesorderbasic`): a shipment of the order's open lines from the warehouse named
(`shipments.shipment_from_order`). The v1 endpoints answer the action result with the shipment's number (and the
shipment when `returnShipmentDto` is true); the v2 endpoints answer 204, or the result when the shipment is asked
for (docs/compatibility.md)."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Annotated

from fastapi import APIRouter, Depends, Path, Request
from pydantic import AfterValidator, BaseModel
from starlette.responses import Response

from ..identity.auth import company_context
from ..kit.keys import decode_key
from ..kit.render import json_response
from ..kit.responses import etag_header
from ..kit.wire import WireModel
from ..sales.order_actions import invoice_shipments_with
from . import invoicing, shipments
from .render import shipment_dto
from .schemas import ShipmentDto

# prepareInvoice of an order of a type that ships invoices the order's confirmed shipments.
invoice_shipments_with(invoicing.invoice_order_shipments)


class CreateShipmentActionDto(WireModel):
    orderType: str
    returnShipmentDto: bool | None = None
    shipmentDate: datetime
    shipmentWarehouse: str
    operation: str | None = None


class CreateShipmentActionResultDto(BaseModel):
    referenceNumber: str | None = None
    shipmentDto: ShipmentDto | None = None
    actionId: str | None = None
    actionResult: str | None = None
    errorInfo: str | None = None


_Number = Annotated[str, Path(alias="saleOrderNumber"), AfterValidator(decode_key)]
router = APIRouter(tags=["SalesOrder"])


def _create(request: Request, number: str, body: CreateShipmentActionDto, context) -> tuple[dict, int]:
    db = request.app.state.db
    made = shipments.shipment_from_order(
        db,
        company_id=context.company_id,
        order_nbr=number,
        order_type=body.orderType,
        warehouse=body.shipmentWarehouse,
        date=body.shipmentDate,
        operation=body.operation,
    )
    result = {"referenceNumber": made.shipment_nbr, "actionId": str(uuid.uuid4()), "actionResult": "Done"}
    if body.returnShipmentDto:
        dto, version = shipments.get_shipment(
            db, company_id=context.company_id, number=made.shipment_nbr, render=shipment_dto
        )
        result["shipmentDto"] = dto
        return result, version
    return result, made.row_version


def _route(prefix: str, tag: str, v2: bool) -> None:
    path = f"{prefix}/{{saleOrderNumber}}/action/createShipment"
    if v2:

        @router.post(
            path,
            response_model=CreateShipmentActionResultDto,
            responses={204: {"description": "The shipment was made; `Location` names it."}},
            summary="Create shipment operation",
            description="204 with the shipment's `Location`; 200 with the result when `returnShipmentDto` is true.",
            tags=[tag],
            name=f"create_shipment_{tag.lower()}",
        )
        def create_shipment_v2(
            request: Request, number: _Number, body: CreateShipmentActionDto, context=Depends(company_context)
        ) -> Response:
            result, version = _create(request, number, body, context)
            if body.returnShipmentDto:
                return json_response(result)
            headers = {"Location": _location(request, prefix, result["referenceNumber"]), **etag_header(version)}
            return Response(status_code=204, headers=headers)

        return

    @router.post(
        path,
        response_model=CreateShipmentActionResultDto,
        summary="Create shipment operation",
        tags=[tag],
        name=f"create_shipment_{tag.lower()}",
    )
    def create_shipment(
        request: Request, number: _Number, body: CreateShipmentActionDto, context=Depends(company_context)
    ) -> Response:
        result, _version = _create(request, number, body, context)
        return json_response(result, headers={"Location": _location(request, prefix, result["referenceNumber"])})


def _location(request: Request, prefix: str, number: str) -> str:
    url = str(request.url.replace(query="", fragment=""))
    root = url[: url.lower().rindex(prefix.lower())]
    return f"{root}/v1/shipment/{number}"


_route("/v1/salesorder", "SalesOrder", v2=False)
_route("/v2/salesorder", "SalesOrderV2", v2=True)
_route("/v1/salesorderbasic", "SalesOrderBasic", v2=False)
_route("/v2/salesorderbasic", "SalesOrderBasicV2", v2=True)
