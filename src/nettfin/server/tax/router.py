"""VAT (TX205000), VAT category (TX205500) and VAT zone (TX206000) endpoints: the routes of their declarations
(`resources.py`), read-only as the service's."""

from __future__ import annotations

from ..identity.auth import company_context
from ..kit.resource_routes import resource_router
from .resources import VAT, VAT_CATEGORY, VAT_ZONE

vat_router = resource_router(VAT, company_context)
vat_category_router = resource_router(VAT_CATEGORY, company_context)
vat_zone_router = resource_router(VAT_ZONE, company_context)
