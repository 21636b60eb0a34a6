"""Sales orders and their lines take attachments (SO301000's files): the upload paths of v1 and v2, full and basic,
by number and by type and number, and v1's DELETE routes of an order's or a line's attachment."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Path, Request
from starlette.responses import Response

from ..attachments.models import OwnerKind
from ..attachments.registry import Attachable, Lines, Lookup, record_and_line, register
from ..attachments.service import Target, detach
from ..kit.checks import INT32_MAX
from ..kit.keys import ResourceKey
from ..kit.render import json_response
from . import orders
from .models import SalesOrder, SalesOrderLine


def _lookup(number: str, order_type: str | None = None) -> Lookup:
    label = f"Sales order '{order_type.strip().upper()} {number}'" if order_type else f"Sales order '{number}'"
    return Lookup(
        label=label,
        find=lambda session, company_id, lock: orders.find_order(
            session, company_id, number, order_type, for_update=lock
        ),
    )


def _order(orderNumber: ResourceKey) -> Lookup:
    return _lookup(orderNumber)


def _typed_order(orderType: str, orderNumber: ResourceKey) -> Lookup:
    return _lookup(orderNumber, orderType)


def _paths(prefix: str, name: str) -> tuple:
    """The upload paths under `prefix` (`/v1/salesorder`), their routes named after `name`."""
    return (
        *record_and_line(
            f"{prefix}/{{orderNumber}}",
            f"attach_to_{name}",
            summary="Creates an attachment and associates it with a sales order. If the file already exists, a "
            "new revision is created.",
            line_summary="Creates an attachment and associates it with a certain sales order line.",
            lookup=_order,
        ),
        *record_and_line(
            f"{prefix}/orderType/{{orderType}}/{{orderNumber}}",
            f"attach_to_typed_{name}",
            summary="Creates an attachment and associates it with a sales order on a specific order type.",
            line_summary="Creates an attachment and associates it with a certain sales order line on a specific "
            "order type.",
            lookup=_typed_order,
        ),
    )


# The full and the basic endpoints, v1 and v2: the same orders.
_PREFIXES = {
    "/v1/salesorder": "sales_order",
    "/v2/salesorder": "sales_order_v2",
    "/v1/salesorderbasic": "sales_order_basic",
    "/v2/salesorderbasic": "sales_order_basic_v2",
}
SALES_ORDERS = register(
    Attachable(
        kind=OwnerKind.SALES_ORDER,
        resource=orders.RESOURCE,
        tag="Sales Order",
        owner=SalesOrder,
        lines=Lines(SalesOrderLine, owner_column="order_id"),
        paths=tuple(path for prefix, name in _PREFIXES.items() for path in _paths(prefix, name)),
    )
)

FileId = Annotated[str, Path(description="Specifies the id of the file")]
LineNumber = Annotated[int, Path(ge=0, le=INT32_MAX, description="Specifies line number")]
_DELETED = {200: {"description": "Deleted"}}


def delete_routes(router: APIRouter, company) -> None:
    """`DELETE /{orderType}/{orderNumber}/attachment/{fileId}` and its line's, on an order endpoint's router (the
    full's or the basic's)."""

    def target(order_type: str, number: str, line_number: int | None) -> Target:
        lookup = _lookup(number, order_type)
        return Target(OwnerKind.SALES_ORDER, orders.RESOURCE, lookup.label, lookup.find, line_number)

    @router.delete(
        "/{orderType}/{orderNumber}/attachment/{fileId}",
        response_model=dict,
        responses=_DELETED,
        summary="Delete an attachment and remove associates it with a certain sales order on a specific order type",
    )
    def delete_order_attachment(
        request: Request, orderType: str, orderNumber: ResourceKey, fileId: FileId, context=Depends(company)
    ) -> Response:
        detach(
            request.app.state.db,
            company_id=context.company_id,
            target=target(orderType, orderNumber, None),
            attachment_id=fileId,
        )
        return json_response({})

    @router.delete(
        "/{orderType}/{orderNumber}/{lineNumber}/attachment/{fileId}",
        response_model=dict,
        responses=_DELETED,
        summary="Delete an attachment and remove associates it with a certain sales order line on a specific "
        "order type",
    )
    def delete_line_attachment(
        request: Request,
        orderType: str,
        orderNumber: ResourceKey,
        lineNumber: LineNumber,
        fileId: FileId,
        context=Depends(company),
    ) -> Response:
        detach(
            request.app.state.db,
            company_id=context.company_id,
            target=target(orderType, orderNumber, lineNumber),
            attachment_id=fileId,
        )
        return json_response({})
