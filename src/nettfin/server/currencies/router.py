"""The currency routes: currencies, rate types and rates, each made from its declaration."""

from __future__ import annotations

from ..identity.auth import company_context
from ..kit.resource_routes import resource_router
from .resources import CURRENCY, CURRENCY_RATE, RATE_TYPE

currency_router = resource_router(CURRENCY, company_context)
rate_type_router = resource_router(RATE_TYPE, company_context)
rate_router = resource_router(CURRENCY_RATE, company_context)
