"""Supplier endpoints (AP303000) and supplier classes (AP201000): the declarations' routes (`suppliers.py`) and
a supplier's invoices. The app lists the class routes before the supplier's: `supplierClass` is not a supplier
number."""

from __future__ import annotations

import dataclasses

from fastapi import APIRouter

from ..identity.auth import company_context
from ..kit.document_routes import ScopedList, scoped_list_route
from ..kit.resource_routes import resource_router
from .invoice_router import SUPPLIER_INVOICES
from .suppliers import SUPPLIER, SUPPLIER_CLASS


def _supplier_scope(db, *, company_id: int, key: str, filters):
    """The supplier must exist; the list is of its documents."""
    SUPPLIER.find_existing(db, company_id=company_id, key=key)
    return dataclasses.replace(filters, supplier=key)


extra = APIRouter(prefix=SUPPLIER.path, tags=[SUPPLIER.tag])
scoped_list_route(
    SUPPLIER_INVOICES,
    company_context,
    extra,
    ScopedList(
        path="/{supplierNumber}/invoice",
        param="supplierNumber",
        summary="Get a range of invoices for a specific supplier",
        description="The supplier invoice list (its filters, flags and paging) of one supplier's documents.",
        scope=_supplier_scope,
    ),
)
class_router = resource_router(SUPPLIER_CLASS, company_context)
router = resource_router(SUPPLIER, company_context, extra)
