"""Fixed asset endpoints: the routes of the four declarations (`resources.py`), read-only as the service's. A
transaction's GET by its register's reference number answers with the register's lines, an array, as the real
operation does."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Path, Request
from pydantic import AfterValidator
from sqlalchemy import select
from starlette.responses import Response

from ..identity.auth import company_context
from ..kit import messages
from ..kit.errors import NotFound
from ..kit.keys import decode_key
from ..kit.resource_bodies import resource_json
from ..kit.resource_routes import resource_router
from .models import FixedAssetTransaction
from .resources import FIXED_ASSET, FIXED_ASSET_CLASS, FIXED_ASSET_TRANSACTION, PROPERTY_TAX_GROUP

TRANSACTION = FIXED_ASSET_TRANSACTION
RefNo = Annotated[str, Path(alias="RefNo", description=TRANSACTION.texts.key), AfterValidator(decode_key)]

fixed_asset_class_router = resource_router(FIXED_ASSET_CLASS, company_context)
property_tax_group_router = resource_router(PROPERTY_TAX_GROUP, company_context)
fixed_asset_router = resource_router(FIXED_ASSET, company_context)
_register = APIRouter(prefix=TRANSACTION.path, tags=[TRANSACTION.tag])


@_register.get("/{RefNo}", response_model=list[TRANSACTION.read_model], summary=TRANSACTION.texts.get)
def get_register(request: Request, ref_no: RefNo, context: Any = Depends(company_context)) -> Response:
    with request.app.state.db.reading() as session:
        statement = (
            select(FixedAssetTransaction)
            .where(FixedAssetTransaction.company_id == context.company_id, FixedAssetTransaction.ref_no == ref_no)
            .order_by(FixedAssetTransaction.line_no)
        )
        lines = list(session.scalars(statement).unique())
        if not lines:
            raise NotFound(messages.not_found(TRANSACTION.label, ref_no))
        return resource_json(TRANSACTION.read_model, [TRANSACTION.render(line) for line in lines])


fixed_asset_transaction_router = resource_router(TRANSACTION, company_context, _register)
