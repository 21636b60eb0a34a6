"""create_app(settings): the ASGI application."""

from __future__ import annotations

from fastapi import APIRouter, Depends, FastAPI

from . import docs
from .db.engine import Database
from .kit.body import require_json
from .kit.errors import ERROR_RESPONSES, CatchUnexpected, install_error_handlers
from .kit.routing import AspNetRequests, declared_query_names, route_templates
from .receivables.router import router as customer_router
from .settings import Settings

LEGACY_PREFIX = "/API/controller/api"
CONTROLLER_ROUTERS = (customer_router,)

DESCRIPTION = """A self-hostable implementation of the Visma.net Financials integration API.

Every controller route is served under the legacy prefix `/API/controller/api/v1/...` and under the current
surface's `/v1/...`. Send `Authorization: Bearer <token>` and `ipp-company-id: <company id>`.
Write bodies wrap every value as `{"value": ...}`; lists are paged with `pageNumber` and `pageSize`.
"""


def _controller() -> APIRouter:
    controller = APIRouter(dependencies=[Depends(require_json)], responses=ERROR_RESPONSES)
    for router in CONTROLLER_ROUTERS:
        controller.include_router(router)
    return controller


def create_app(settings: Settings | None = None, *, database: Database | None = None) -> FastAPI:
    settings = settings or Settings()
    app = FastAPI(
        title="nettfin: Visma.net Financials API",
        version="1.0",
        description=DESCRIPTION,
        docs_url=None,
        redoc_url=None,
        openapi_url=docs.OPENAPI_URL,
    )
    app.state.settings = settings
    app.state.db = database or Database(settings.resolved_database_url())
    install_error_handlers(app)
    controller = _controller()
    app.include_router(controller, prefix=LEGACY_PREFIX)
    app.include_router(controller, include_in_schema=False)
    docs.install_swagger(app)
    app.add_middleware(
        AspNetRequests,
        templates=route_templates(
            [(LEGACY_PREFIX, router) for router in CONTROLLER_ROUTERS] + [("", router) for router in CONTROLLER_ROUTERS]
        ),
        query_names=declared_query_names(CONTROLLER_ROUTERS),
    )
    app.add_middleware(CatchUnexpected)
    return app
