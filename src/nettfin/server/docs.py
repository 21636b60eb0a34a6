"""Swagger UI at /swagger from vendored assets (static/swagger: works offline). The pages carry no inline script
(the Content-Security-Policy of kit/security_headers.py allows none): the configuration is a JSON data block that
static/swagger/nettfin-swagger-init.js reads, and the OAuth redirect page runs nettfin-oauth2-redirect.js."""

from __future__ import annotations

import json
from html import escape
from pathlib import Path

from fastapi import FastAPI
from fastapi.openapi.docs import swagger_ui_default_parameters
from starlette.responses import HTMLResponse
from starlette.staticfiles import StaticFiles

from .background.openapi import declare_background
from .identity.connect.authorize import AUTHORIZE_PATH as CONNECT_AUTHORIZE_PATH
from .identity.connect.models import INTERACTIVE_SCOPES, SERVICE_SCOPES
from .identity.connect.router import TOKEN_PATH as CONNECT_TOKEN_PATH
from .identity.oauth import SWAGGER_CLIENT_ID, SWAGGER_REDIRECT_PATH
from .kit.render import dumps, json_bytes_response
from .openapi_30 import as_openapi_30
from .operation_ids import assign_real_ids

OPENAPI_URL = "/swagger/v1/swagger.json"
# The same document in OpenAPI 3.0.3 (openapi_30.py): what Swagger UI reads, five times faster than the 3.1 one.
OPENAPI_30_URL = "/swagger/v1/swagger-3.0.json"
ASSETS_URL = "/swagger/assets"
OAUTH2_REDIRECT_URL = SWAGGER_REDIRECT_PATH
SWAGGER_ASSETS = Path(__file__).with_name("static") / "swagger"
TITLE = "nettfin - Visma.net Financials API"
SWAGGER_CONFIG = {
    "openapiUrl": OPENAPI_30_URL,
    "oauth2RedirectPath": OAUTH2_REDIRECT_URL,
    # validatorUrl null: no badge fetched from validator.swagger.io (offline, and img-src 'self').
    "parameters": {**swagger_ui_default_parameters, "persistAuthorization": True, "validatorUrl": None},
    # One client id for every scheme of the Authorize dialog (Swagger UI has no other): the legacy flow's public
    # client, which needs no secret. For Visma Connect the user types an application's own (the demo's web
    # application: isv_nettfin_demo_web). No scopes are preselected: Swagger UI would send them to every scheme.
    "initOAuth": {"clientId": SWAGGER_CLIENT_ID, "usePkceWithAuthorizationCodeGrant": True},
}
# Visma Connect's schemes. `interactiveapi` is the one the service's documents declare (name, flow and scopes) on
# every operation; the service flow's is nettfin's addition, for its service tokens. The URLs are relative: this
# server is its own identity provider, at whatever address the page was loaded from.
CONNECT_INTERACTIVE_SCHEME = "interactiveapi"
CONNECT_SERVICE_SCHEME = "serviceapi"
LEGACY_BEARER_SCHEME = "HTTPBearer"
CONNECT_SCHEMES = {
    CONNECT_INTERACTIVE_SCHEME: {
        "type": "oauth2",
        "description": "Visma Connect, a user signing in (authorization code with PKCE). The token is bound to the "
        "company chosen at sign-in: leave ipp-company-id empty. Swagger UI's page is a redirect URI of every web "
        "application (the demo's: isv_nettfin_demo_web, secret demo-web-secret).",
        "flows": {
            "authorizationCode": {
                "authorizationUrl": CONNECT_AUTHORIZE_PATH,
                "tokenUrl": CONNECT_TOKEN_PATH,
                "refreshUrl": CONNECT_TOKEN_PATH,
                "scopes": {scope: scope for scope in INTERACTIVE_SCOPES},
            }
        },
    },
    CONNECT_SERVICE_SCHEME: {
        "type": "oauth2",
        "description": "Visma Connect, an application acting for itself (client credentials). The token request "
        "needs the company's tenant_id, which Swagger UI cannot send: get the token with curl or `nettfin login "
        "--client-credentials`, and paste it into HTTPBearer.",
        "flows": {
            "clientCredentials": {
                "tokenUrl": CONNECT_TOKEN_PATH,
                "scopes": {scope: scope for scope in SERVICE_SCOPES},
            }
        },
    },
}


def _json_in_html(value) -> str:
    """JSON safe inside a <script> data block: no `</script>` or `<!--` can end or change it."""
    return json.dumps(value).replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


SWAGGER_PAGE = f"""<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>{escape(TITLE)}</title>
<link rel="stylesheet" type="text/css" href="{ASSETS_URL}/swagger-ui.css">
<link rel="shortcut icon" href="{ASSETS_URL}/favicon-32x32.png">
</head>
<body>
<div id="swagger-ui"></div>
<script id="swagger-config" type="application/json">{_json_in_html(SWAGGER_CONFIG)}</script>
<script src="{ASSETS_URL}/swagger-ui-bundle.js"></script>
<script src="{ASSETS_URL}/nettfin-swagger-init.js"></script>
</body>
</html>
"""
OAUTH2_REDIRECT_PAGE = f"""<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Swagger UI: OAuth2 Redirect</title>
</head>
<body>
<script src="{ASSETS_URL}/nettfin-oauth2-redirect.js"></script>
</body>
</html>
"""


def _without_422(app: FastAPI, *, render_nulls: bool, surface_prefixes: tuple[str, ...]):
    """The document as nettfin answers: no 422 (validation errors are 400), and, unless the server renders
    nulls, response members that are left out when they have no value rather than sent as null. Its operations
    carry the real service's operationIds (operation_ids.py), looked up without the `surface_prefixes`."""
    build = app.openapi

    def openapi() -> dict:
        if app.openapi_schema is None:
            document = build()
            for operations in document.get("paths", {}).values():
                for operation in operations.values():
                    operation.get("responses", {}).pop("422", None)
                    _company_with_every_token(operation)
                    _connect_with_every_bearer(operation)
            declare_background(document, _takes_a_company)
            document.setdefault("components", {}).setdefault("securitySchemes", {}).update(CONNECT_SCHEMES)
            assign_real_ids(document, surface_prefixes)
            schemas = document.get("components", {}).get("schemas", {})
            schemas.pop("HTTPValidationError", None)
            schemas.pop("ValidationError", None)
            if not render_nulls:
                _members_without_a_value_left_out(document)
            app.openapi_schema = document
        return app.openapi_schema

    return openapi


def _references(node, into: set[str]) -> None:
    if isinstance(node, dict):
        ref = node.get("$ref", "")
        if ref.startswith("#/components/schemas/"):
            into.add(ref.rsplit("/", 1)[1])
        for value in node.values():
            _references(value, into)
    elif isinstance(node, list):
        for value in node:
            _references(value, into)


def _reachable(schemas: dict, roots: set[str]) -> set[str]:
    seen: set[str] = set()
    todo = list(roots)
    while todo:
        name = todo.pop()
        if name in seen or name not in schemas:
            continue
        seen.add(name)
        found: set[str] = set()
        _references(schemas[name], found)
        todo.extend(found - seen)
    return seen


def _non_null(schema: dict) -> dict:
    """The property's schema without its null alternative (`anyOf: [X, {type: null}]` becomes X)."""
    options = [option for option in schema.get("anyOf", []) if option != {"type": "null"}]
    if "anyOf" not in schema or len(options) == len(schema["anyOf"]):
        return schema
    rest = {key: value for key, value in schema.items() if key != "anyOf"}
    return {**options[0], **rest} if len(options) == 1 else {**rest, "anyOf": options}


def _members_without_a_value_left_out(document: dict) -> None:
    """A response member that may have no value is left out of the body (kit/render.py), never null: in the
    schemas only responses use, such a member is optional and its type has no null."""
    schemas = document.get("components", {}).get("schemas", {})
    in_responses: set[str] = set()
    in_requests: set[str] = set()
    for operations in document.get("paths", {}).values():
        for operation in operations.values():
            _references(operation.get("responses", {}), in_responses)
            _references([operation.get("requestBody", {}), operation.get("parameters", [])], in_requests)
    for name in _reachable(schemas, in_responses) - _reachable(schemas, in_requests):
        schema = schemas[name]
        properties = schema.get("properties", {})
        nullable = {key for key, value in properties.items() if _non_null(value) is not value}
        for key in nullable:
            properties[key] = _non_null(properties[key])
        if nullable and "required" in schema:
            schema["required"] = [key for key in schema["required"] if key not in nullable]
            if not schema["required"]:
                del schema["required"]


def _takes_a_company(operation: dict) -> bool:
    return any("ipp-company-id" in requirement for requirement in operation.get("security", []))


def _company_with_every_token(operation: dict) -> None:
    """FastAPI lists each security dependency as an alternative; ipp-company-id is needed with either token
    scheme, so each alternative becomes (token scheme AND ipp-company-id)."""
    requirements = operation.get("security", [])
    if {"ipp-company-id": []} in requirements:
        tokens = [requirement for requirement in requirements if "ipp-company-id" not in requirement]
        operation["security"] = [{**requirement, "ipp-company-id": []} for requirement in tokens]


def _connect_with_every_bearer(operation: dict) -> None:
    """Wherever a bearer token is accepted a Connect token is too, alone: its company comes from the token, so the
    requirement has no ipp-company-id (the service's documents declare `interactiveapi` alone)."""
    requirements = operation.get("security", [])
    if any(LEGACY_BEARER_SCHEME in requirement for requirement in requirements):
        requirements += [{CONNECT_INTERACTIVE_SCHEME: []}, {CONNECT_SERVICE_SCHEME: []}]


def install_swagger(app: FastAPI, *, render_nulls: bool = False, surface_prefixes: tuple[str, ...] = ()) -> None:
    app.openapi = _without_422(app, render_nulls=render_nulls, surface_prefixes=surface_prefixes)
    app.mount(ASSETS_URL, StaticFiles(directory=SWAGGER_ASSETS), name="swagger-assets")

    @app.get("/swagger", include_in_schema=False)
    def swagger_ui():
        return HTMLResponse(SWAGGER_PAGE)

    rendition: list[bytes] = []

    @app.get(OPENAPI_30_URL, include_in_schema=False)
    def openapi_30():
        if not rendition:
            rendition.append(dumps(as_openapi_30(app.openapi())))
        return json_bytes_response(rendition[0])

    @app.get(OAUTH2_REDIRECT_URL, include_in_schema=False)
    def swagger_oauth2_redirect():
        return HTMLResponse(OAUTH2_REDIRECT_PAGE)
