"""Supplier endpoints (AP303000) and supplier classes (AP201000): the declarations' routes (`suppliers.py`).
The app lists the class routes before the supplier's: `supplierClass` is not a supplier number."""

from __future__ import annotations

from ..identity.auth import company_context
from ..kit.resource_routes import resource_router
from .suppliers import SUPPLIER, SUPPLIER_CLASS

class_router = resource_router(SUPPLIER_CLASS, company_context)
router = resource_router(SUPPLIER, company_context)
