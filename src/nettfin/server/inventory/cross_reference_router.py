"""The routes of an item's cross-references and of the barcode lookups (`cross_references`). HTTP only.

No `from __future__ import annotations` here: FastAPI reads the endpoints' annotations.
"""

from typing import Annotated
from urllib.parse import quote

from fastapi import APIRouter, Depends, Path, Request
from pydantic import AfterValidator
from starlette.responses import Response

from ..identity.auth import CompanyContext, company_context
from ..kit.keys import ResourceKey, decode_key
from ..kit.render import json_response
from ..kit.responses import CREATED_RESPONSE, UPDATED_RESPONSE, IfMatch, created, updated
from .cross_references import (
    BarCodeDto,
    InventoryCrossReferenceUpdateDto,
    barcodes,
    create_cross_reference,
    list_cross_references,
    update_cross_reference,
)
from .schemas import AlternateType, InventoryCrossReferenceDto

router = APIRouter(prefix="/v1/inventory", tags=["Inventory"])


@router.get(
    "/{inventoryNumber}/crossReferences",
    response_model=list[InventoryCrossReferenceDto],
    summary="Get a range of cross-reference for a specific inventory",
)
def get_cross_references(
    request: Request, inventoryNumber: ResourceKey, context: CompanyContext = Depends(company_context)
) -> Response:
    found = list_cross_references(request.app.state.db, company_id=context.company_id, number=inventoryNumber)
    return json_response(found)


@router.post(
    "/{inventoryNumber}/crossReferences",
    status_code=201,
    responses=CREATED_RESPONSE,
    response_class=Response,
    summary="Creates a cross reference for a specific inventory",
    description="201 with an absolute Location ending in the new cross-reference's alternate type and ID.",
)
def create_item_cross_reference(
    request: Request,
    inventoryNumber: ResourceKey,
    body: InventoryCrossReferenceUpdateDto,
    context: CompanyContext = Depends(company_context),
) -> Response:
    kind, alternate, version = create_cross_reference(
        request.app.state.db, company_id=context.company_id, number=inventoryNumber, dto=body
    )
    response = created(request, kind, row_version=version, dto=body, ignored=["bAccount"] if body.bAccount else [])
    response.headers["Location"] += f"/{quote(alternate, safe='')}"
    return response


@router.put(
    "/{inventoryNumber}/crossReferences/{alternateType}/{alternateId}",
    status_code=204,
    response_class=Response,
    responses=UPDATED_RESPONSE,
    summary="Updates a specific cross reference for a specific inventory",
)
def update_item_cross_reference(
    request: Request,
    inventoryNumber: ResourceKey,
    alternateType: AlternateType,
    alternateId: ResourceKey,
    body: InventoryCrossReferenceUpdateDto,
    if_match: IfMatch = None,
    context: CompanyContext = Depends(company_context),
) -> Response:
    version, ignored = update_cross_reference(
        request.app.state.db,
        company_id=context.company_id,
        number=inventoryNumber,
        kind=alternateType,
        alternate=alternateId,
        dto=body,
        if_match=if_match,
    )
    if body.bAccount:
        ignored.append("bAccount")
    return updated(row_version=version, dto=body, ignored=ignored)


def _barcode_route(kind: str, param: str, summary: str) -> None:
    # The path parameter under the real document's name (`shipmentNbr`, `orderNbr`, ...).
    number_type = Annotated[str, Path(alias=param), AfterValidator(decode_key)]

    @router.get(
        f"/barcode/{kind}/{{{param}}}", response_model=list[BarCodeDto], summary=summary, name=f"{kind}_barcodes"
    )
    def get_barcodes(
        request: Request, number: number_type, context: CompanyContext = Depends(company_context)
    ) -> Response:
        found = barcodes(request.app.state.db, company_id=context.company_id, kind=kind, number=number)
        return json_response(found)


_barcode_route("shipment", "shipmentNbr", "Get a range of barcodes for a specific shipment")
_barcode_route("salesorder", "orderNbr", "Get a range of barcodes for a specific sales order")
_barcode_route("stocktake", "referenceNumber", "Get a range of barcodes for a specific stock count")
_barcode_route("purchasereceipt", "receiptNbr", "Get a range of barcodes for a specific purchase receipt")
