"""Swagger UI at /swagger works offline, and /swagger/v1/swagger.json documents the controller surface once,
with the real field names, the `ipp-company-id` header and the bearer scheme."""

from __future__ import annotations

import json
import re
import uuid
from html.parser import HTMLParser
from typing import Any

import pytest
from jsonschema import Draft4Validator, Draft202012Validator
from schemathesis.specs.openapi.definitions import OPENAPI_30

API = "/API/controller/api/v1"
CDN_HOSTS = ("jsdelivr", "unpkg", "cdnjs", "googleapis", "cloudflare", "bootstrapcdn")
HTTP_METHODS = {"get", "put", "post", "delete", "options", "head", "patch", "trace"}


class _AssetLinks(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.scripts: list[str] = []
        self.stylesheets: list[str] = []
        self.icons: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag == "script" and found.get("src"):
            self.scripts.append(found["src"])
        if tag == "link" and found.get("href"):
            rel = (found.get("rel") or "").lower()
            (self.stylesheets if "stylesheet" in rel else self.icons).append(found["href"])


def _page(client) -> tuple[str, _AssetLinks]:
    response = client.get("/swagger")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    links = _AssetLinks()
    links.feed(response.text)
    return response.text, links


@pytest.fixture(scope="module")
def openapi(client) -> dict:
    response = client.get("/swagger/v1/swagger.json")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/json")
    return response.json()


def _resolve(document: dict, node: dict) -> dict:
    """Follow local `$ref`s (`#/components/schemas/X`) to the schema they name."""
    while "$ref" in node:
        ref = node["$ref"]
        assert ref.startswith("#/"), f"not a local reference: {ref}"
        target: Any = document
        for part in ref[2:].split("/"):
            target = target[part.replace("~1", "/").replace("~0", "~")]
        node = target
    return node


def _non_null(document: dict, node: dict) -> dict:
    """The schema behind `X | None` (`anyOf: [X, {type: null}]`), resolved."""
    node = _resolve(document, node)
    if "anyOf" in node:
        (inner,) = [part for part in node["anyOf"] if part.get("type") != "null"]
        return _resolve(document, inner)
    return node


def _operations(openapi: dict):
    for path, item in openapi["paths"].items():
        for method, operation in item.items():
            if method in HTTP_METHODS:
                yield path, method, operation


def _refs(node: Any):
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "$ref" and isinstance(value, str):
                yield value
            else:
                yield from _refs(value)
    elif isinstance(node, list):
        for value in node:
            yield from _refs(value)


# --- the page and its assets ------------------------------------------------------------------------------


def test_swagger_page_is_html_that_loads_its_script_and_stylesheet_from_the_vendored_assets(client):
    _, links = _page(client)
    assert links.scripts and links.stylesheets
    for url in links.scripts + links.stylesheets + links.icons:
        assert url.startswith("/swagger/assets/"), url


def test_swagger_page_names_no_cdn_and_no_external_url(client):
    html, links = _page(client)
    lowered = html.lower()
    for host in CDN_HOSTS:
        assert host not in lowered, host
    assert not re.search(r"https?://", html), re.search(r"https?://\S+", html).group(0)
    assert not any(url.startswith("//") for url in links.scripts + links.stylesheets + links.icons)


def test_swagger_page_points_the_ui_at_the_openapi_30_rendition_of_the_served_document(client):
    html, _ = _page(client)
    assert "/swagger/v1/swagger-3.0.json" in html
    assert "/swagger/v1/swagger.json" not in html


def test_every_script_and_stylesheet_the_page_references_is_served(client):
    _, links = _page(client)
    for url in links.scripts:
        response = client.get(url)
        assert response.status_code == 200, url
        assert "javascript" in response.headers["content-type"], (url, response.headers["content-type"])
        assert b"SwaggerUIBundle" in response.content, url
    for url in links.stylesheets:
        response = client.get(url)
        assert response.status_code == 200, url
        assert response.headers["content-type"].startswith("text/css"), (url, response.headers["content-type"])
        assert b".swagger-ui" in response.content, url
    for url in links.icons:
        assert client.get(url).status_code == 200, url


def test_oauth2_redirect_page_the_ui_uses_is_served(client):
    html, _ = _page(client)
    assert "/swagger/oauth2-redirect.html" in html
    response = client.get("/swagger/oauth2-redirect.html")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")


def test_an_asset_that_does_not_exist_is_404(client):
    assert client.get("/swagger/assets/no-such-file.js").status_code == 404


# --- the OpenAPI document ---------------------------------------------------------------------------------


def test_openapi_document_is_structurally_valid_openapi_3(openapi):
    assert re.fullmatch(r"3\.\d+\.\d+", openapi["openapi"])
    assert isinstance(openapi["info"]["title"], str) and isinstance(openapi["info"]["version"], str)
    operation_ids = []
    for path, method, operation in _operations(openapi):
        assert path.startswith("/"), path
        assert operation["responses"], (path, method)
        assert all(re.fullmatch(r"[1-5]\d\d|[1-5]XX|default", code) for code in operation["responses"])
        operation_ids.append(operation["operationId"])
        declared = {(p["name"], p["in"]) for p in operation.get("parameters", [])}
        for parameter in operation.get("parameters", []):
            assert parameter["in"] in {"query", "header", "path", "cookie"}, parameter
            assert "schema" in parameter or "content" in parameter, parameter
            if parameter["in"] == "path":
                assert parameter["required"] is True, parameter
        for name in re.findall(r"{([^}]+)}", path):
            assert (name, "path") in declared, (path, method, name)
    assert len(operation_ids) == len(set(operation_ids)), "operationIds are not unique"
    for ref in set(_refs(openapi)):
        _resolve(openapi, {"$ref": ref})  # raises KeyError on a dangling reference
    for name, schema in openapi["components"]["schemas"].items():
        try:
            Draft202012Validator.check_schema(schema)  # OpenAPI 3.1's dialect is JSON Schema 2020-12
        except Exception as exc:  # noqa: BLE001 - report which component
            pytest.fail(f"components.schemas.{name} is not a valid JSON Schema: {exc}")


def test_the_openapi_30_rendition_is_valid_openapi_30_with_the_same_operations_and_no_null_type(client, openapi):
    response = client.get("/swagger/v1/swagger-3.0.json")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/json")
    rendition = response.json()
    assert rendition["openapi"] == "3.0.3"
    errors = [f"{list(e.absolute_path)}: {e.message}" for e in Draft4Validator(OPENAPI_30).iter_errors(rendition)]
    assert not errors, errors[:5]
    assert {(p, m, o["operationId"]) for p, m, o in _operations(rendition)} == {
        (p, m, o["operationId"]) for p, m, o in _operations(openapi)
    }
    assert rendition["components"]["securitySchemes"] == openapi["components"]["securitySchemes"]
    assert '"null"' not in response.text
    for ref in set(_refs(rendition)):
        _resolve(rendition, {"$ref": ref})


def test_the_openapi_30_rendition_marks_an_optional_write_member_nullable(client, openapi):
    rendition = client.get("/swagger/v1/swagger-3.0.json").json()
    operation = rendition["paths"][f"{API}/customer"]["post"]
    body = _resolve(rendition, operation["requestBody"]["content"]["application/json"]["schema"])
    name = body["properties"]["name"]
    assert name["nullable"] is True and "anyOf" not in name
    original = _resolve(
        openapi, openapi["paths"][f"{API}/customer"]["post"]["requestBody"]["content"]["application/json"]["schema"]
    )["properties"]["name"]
    assert {"type": "null"} in original["anyOf"]


def test_customer_collection_lists_get_and_post(openapi):
    item = openapi["paths"][f"{API}/customer"]
    assert {"get", "post"} <= set(item)
    assert "200" in item["get"]["responses"] and "201" in item["post"]["responses"]


def test_customer_item_lists_get_and_put(openapi):
    item = openapi["paths"][f"{API}/customer/{{customerCd}}"]
    assert {"get", "put"} <= set(item)
    assert "200" in item["get"]["responses"] and "204" in item["put"]["responses"]


def test_get_customer_documents_the_customer_dto_with_real_field_names(openapi):
    schema = openapi["paths"][f"{API}/customer/{{customerCd}}"]["get"]["responses"]["200"]["content"]
    customer = _resolve(openapi, schema["application/json"]["schema"])
    assert {"internalId", "number", "name", "status", "mainAddress", "customerClass", "timeStamp"} <= set(
        customer["properties"]
    )


def test_post_customer_body_uses_the_real_field_names(openapi):
    body = openapi["paths"][f"{API}/customer"]["post"]["requestBody"]
    assert body["required"] is True
    schema = _resolve(openapi, body["content"]["application/json"]["schema"])
    assert {"name", "customerClassId", "mainAddress", "overrideWithClassValues"} <= set(schema["properties"])
    # Every member but overrideWithClassValues is {"value": ...}-wrapped; mainAddress's members are too.
    main_address = _non_null(openapi, schema["properties"]["mainAddress"])
    assert set(main_address["properties"]) == {"value"}
    address = _non_null(openapi, main_address["properties"]["value"])
    assert {"addressLine1", "postalCode", "countryId"} <= set(address["properties"])
    assert _non_null(openapi, schema["properties"]["overrideWithClassValues"])["type"] == "boolean"


def test_put_customer_body_is_the_same_write_model_as_post(openapi):
    put = openapi["paths"][f"{API}/customer/{{customerCd}}"]["put"]["requestBody"]["content"]["application/json"]
    post = openapi["paths"][f"{API}/customer"]["post"]["requestBody"]["content"]["application/json"]
    assert put["schema"] == post["schema"]


CONNECT_SCHEMES = ("interactiveapi", "serviceapi")


def test_every_controller_operation_requires_ipp_company_id_with_its_legacy_token(openapi):
    """A legacy token needs the header; a Visma Connect token names its company itself, so it stands alone."""
    scheme = openapi["components"]["securitySchemes"]["ipp-company-id"]
    assert scheme == {**scheme, "type": "apiKey", "in": "header", "name": "ipp-company-id"}
    for path, method, operation in _operations(openapi):
        if path.startswith(API):
            assert operation["security"], (path, method)
            legacy = [
                requirement for requirement in operation["security"] if not set(requirement) & set(CONNECT_SCHEMES)
            ]
            assert legacy and all(
                "ipp-company-id" in requirement and len(requirement) == 2 for requirement in legacy
            ), (path, method, operation["security"])
            assert [{name: []} for name in CONNECT_SCHEMES] == [
                requirement for requirement in operation["security"] if requirement not in legacy
            ], (path, method, operation["security"])


def test_visma_connect_schemes_offer_the_code_flow_and_client_credentials_on_this_server(openapi):
    schemes = openapi["components"]["securitySchemes"]
    interactive = schemes["interactiveapi"]["flows"]["authorizationCode"]
    assert interactive["authorizationUrl"] == "/connect/authorize" and interactive["tokenUrl"] == "/connect/token"
    # As the service's own documents declare it.
    assert interactive["scopes"] == {
        scope: scope
        for scope in (
            "vismanet_erp_interactive_api:read",
            "vismanet_erp_interactive_api:create",
            "vismanet_erp_interactive_api:update",
            "vismanet_erp_interactive_api:delete",
            "vismanet_erp_interactive_api:ui-extension",
        )
    }
    service = schemes["serviceapi"]["flows"]["clientCredentials"]
    assert service["tokenUrl"] == "/connect/token"
    assert set(service["scopes"]) == {
        f"vismanet_erp_service_api:{verb}" for verb in ("read", "create", "update", "delete")
    }
    assert "Visma.net OAuth 2.0" in schemes  # the legacy flow stays beside them
    context = openapi["paths"]["/API/resources/v1/context"]["get"]["security"]
    assert {"interactiveapi": []} in context


def test_the_swagger_page_runs_the_code_flow_with_pkce_and_preselects_no_scope(client):
    html, _ = _page(client)
    block = re.search(r'<script id="swagger-config" type="application/json">(.*?)</script>', html, re.S).group(1)
    config = json.loads(block)
    assert config["initOAuth"]["usePkceWithAuthorizationCodeGrant"] is True
    # Preselected scopes would be sent to every scheme: the legacy one's to Visma Connect, and refused there.
    assert "scopes" not in config["initOAuth"]
    assert config["oauth2RedirectPath"] == "/swagger/oauth2-redirect.html"


def test_swagger_uis_redirect_page_is_a_redirect_uri_of_every_web_application_only(client, database):
    from urllib.parse import urlencode

    from nettfin.server.identity.connect.service import create_application

    with database.writing() as session:
        web = create_application(session, name=f"Web {uuid.uuid4().hex[:6]}", app_type="web").client_id
        native = create_application(session, name=f"Native {uuid.uuid4().hex[:6]}", app_type="native").client_id
    swagger_page = "http://testserver/swagger/oauth2-redirect.html"

    def authorize(client_id: str, redirect_uri: str):
        query = {"response_type": "code", "client_id": client_id, "redirect_uri": redirect_uri, "scope": "openid"}
        return client.get(f"/connect/authorize?{urlencode(query)}", follow_redirects=False)

    assert authorize(web, swagger_page).status_code == 303  # on to the login page
    assert authorize(native, swagger_page).status_code == 400
    assert authorize(web, "http://elsewhere.example/swagger/oauth2-redirect.html").status_code == 400


def test_a_bearer_security_scheme_is_declared_and_required_by_every_controller_operation(openapi):
    schemes = openapi["components"]["securitySchemes"]
    bearer = [name for name, scheme in schemes.items() if scheme["type"] == "http" and scheme["scheme"] == "bearer"]
    assert bearer, schemes
    for path, method, operation in _operations(openapi):
        if path.startswith(API):
            requirements = operation.get("security", openapi.get("security", []))
            assert any(set(requirement) & set(bearer) for requirement in requirements), (path, method)


def test_the_v1_alias_is_served_but_not_listed_in_the_document(openapi, tenant):
    assert tenant.client.get("/v1/customer", headers=tenant.headers).status_code == 200
    paths = list(openapi["paths"])
    assert not [path for path in paths if path.startswith("/v1/")], paths
    legacy = ("/API/controller/api/v1/", "/API/controller/api/v2/", "/API/resources/v1/context", "/API/security/api/")
    assert all(path.startswith(legacy) for path in paths), paths
    suffixes = [path.removeprefix(API) for path in paths]
    assert len(suffixes) == len(set(suffixes))


def test_the_swagger_routes_are_not_listed_in_the_document(openapi):
    assert not [path for path in openapi["paths"] if path.startswith("/swagger")]


def test_error_responses_are_documented_as_nettfin_sends_them(openapi):
    for path, method, operation in _operations(openapi):
        if not path.startswith(API):
            continue
        responses = operation["responses"]
        assert "422" not in responses, (path, method)
        expected = {"400", "401"} | ({"404"} if "{" in path else set())
        assert expected <= set(responses), (path, method, sorted(responses))
        schema = responses["400"]["content"]["application/json"]["schema"]
        variants = [_resolve(openapi, v) for v in schema.get("anyOf", [schema])]
        assert any("message" in v.get("properties", {}) for v in variants), (path, method)


def test_put_customer_documents_if_match_and_412(openapi):
    for path in (f"{API}/customer/{{customerCd}}", f"{API}/customer/internal/{{internalID}}"):
        put = openapi["paths"][path]["put"]
        assert any(p["name"].lower() == "if-match" and p["in"] == "header" for p in put["parameters"]), path
        assert "412" in put["responses"], path
