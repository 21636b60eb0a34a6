"""Swagger UI at /swagger from the assets the swagger-ui-bundle package ships (works offline)."""

from __future__ import annotations

from pathlib import Path

import swagger_ui_bundle
from fastapi import FastAPI
from fastapi.openapi.docs import get_swagger_ui_html, get_swagger_ui_oauth2_redirect_html
from starlette.staticfiles import StaticFiles

from .identity.oauth import SWAGGER_CLIENT_ID

OPENAPI_URL = "/swagger/v1/swagger.json"
ASSETS_URL = "/swagger/assets"


def _without_422(app: FastAPI):
    """The document as nettfin answers: no 422 (validation errors are 400), ipp-company-id required."""
    build = app.openapi

    def openapi() -> dict:
        if app.openapi_schema is None:
            document = build()
            for operations in document.get("paths", {}).values():
                for operation in operations.values():
                    operation.get("responses", {}).pop("422", None)
                    for parameter in operation.get("parameters", []):
                        # Optional in the signature so its absence gets IPP 12002, required all the same.
                        if parameter["name"] == "ipp-company-id":
                            parameter["required"] = True
            schemas = document.get("components", {}).get("schemas", {})
            schemas.pop("HTTPValidationError", None)
            schemas.pop("ValidationError", None)
            app.openapi_schema = document
        return app.openapi_schema

    return openapi


def install_swagger(app: FastAPI) -> None:
    app.openapi = _without_422(app)
    app.mount(ASSETS_URL, StaticFiles(directory=Path(swagger_ui_bundle.swagger_ui_path)), name="swagger-assets")

    @app.get("/swagger", include_in_schema=False)
    def swagger_ui():
        return get_swagger_ui_html(
            openapi_url=OPENAPI_URL,
            title="nettfin - Visma.net Financials API",
            swagger_js_url=f"{ASSETS_URL}/swagger-ui-bundle.js",
            swagger_css_url=f"{ASSETS_URL}/swagger-ui.css",
            swagger_favicon_url=f"{ASSETS_URL}/favicon-32x32.png",
            oauth2_redirect_url="/swagger/oauth2-redirect.html",
            swagger_ui_parameters={"persistAuthorization": True},
            init_oauth={
                "clientId": SWAGGER_CLIENT_ID,
                "usePkceWithAuthorizationCodeGrant": True,
                "scopes": "financialstasks",
            },
        )

    @app.get("/swagger/oauth2-redirect.html", include_in_schema=False)
    def swagger_oauth2_redirect():
        return get_swagger_ui_oauth2_redirect_html()
