"""Swagger UI at /swagger from vendored assets (static/swagger: works offline)."""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI
from fastapi.openapi.docs import get_swagger_ui_html, get_swagger_ui_oauth2_redirect_html
from starlette.staticfiles import StaticFiles

from .identity.oauth import SWAGGER_CLIENT_ID

OPENAPI_URL = "/swagger/v1/swagger.json"
ASSETS_URL = "/swagger/assets"
SWAGGER_ASSETS = Path(__file__).with_name("static") / "swagger"


def _without_422(app: FastAPI):
    """The document as nettfin answers: no 422 (validation errors are 400)."""
    build = app.openapi

    def openapi() -> dict:
        if app.openapi_schema is None:
            document = build()
            for operations in document.get("paths", {}).values():
                for operation in operations.values():
                    operation.get("responses", {}).pop("422", None)
                    _company_with_every_token(operation)
            schemas = document.get("components", {}).get("schemas", {})
            schemas.pop("HTTPValidationError", None)
            schemas.pop("ValidationError", None)
            app.openapi_schema = document
        return app.openapi_schema

    return openapi


def _company_with_every_token(operation: dict) -> None:
    """FastAPI lists each security dependency as an alternative; ipp-company-id is needed with either token
    scheme, so each alternative becomes (token scheme AND ipp-company-id)."""
    requirements = operation.get("security", [])
    if {"ipp-company-id": []} in requirements:
        tokens = [requirement for requirement in requirements if "ipp-company-id" not in requirement]
        operation["security"] = [{**requirement, "ipp-company-id": []} for requirement in tokens]


def install_swagger(app: FastAPI) -> None:
    app.openapi = _without_422(app)
    app.mount(ASSETS_URL, StaticFiles(directory=SWAGGER_ASSETS), name="swagger-assets")

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
