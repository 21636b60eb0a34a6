"""A supplier's expense accounts (`/v1/supplieraccount/{supplierId}`): HTTP only."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Query, Request
from starlette.responses import Response

from ..identity.auth import CompanyContext, company_context
from ..kit.keys import ResourceKey
from ..kit.render import json_response
from . import supplier_accounts
from .schemas import SupplierAccountsDto

router = APIRouter(prefix="/v1/supplieraccount", tags=["SupplierAccount"])


@router.get(
    "/{supplierId}",
    response_model=SupplierAccountsDto,
    summary="Get expense accounts for a supplier",
    description=(
        "`supplierId` is the supplier number. The account a line of the supplier takes, and per supplier item id "
        "(a VPN cross-reference) the item and its account. `vatRegistrationId` is accepted and changes nothing."
    ),
)
def get_supplier_accounts(
    request: Request,
    supplierId: ResourceKey,
    supplierItemId: list[str] = Query(default_factory=list, description="Supplier item ids (VPN cross-references)."),
    vatRegistrationId: str | None = Query(None, description="Accepted; changes nothing."),
    linesNonTaxable: bool | None = Query(None, description="True: the non-taxable expense account, if any."),
    context: CompanyContext = Depends(company_context),
) -> Response:
    found = supplier_accounts.supplier_accounts(
        request.app.state.db,
        company_id=context.company_id,
        number=supplierId,
        item_ids=supplierItemId,
        non_taxable=bool(linesNonTaxable),
    )
    return json_response(found)
