"""Visma Connect's service flow end to end, through the app on a real database: discovery and the JWKS, client
credentials with `tenant_id`, every refusal of the token endpoint, and the API accepting the JWT (company from the
token, `ipp-company-id` optional, scopes enforced) beside unchanged legacy tokens."""

from __future__ import annotations

import base64
import time
import uuid
import warnings

import orjson
import pytest
from joserfc import jwt
from joserfc.jwk import RSAKey
from sqlalchemy import select

from nettfin.server.app import create_app
from nettfin.server.identity.connect.models import SigningKey
from nettfin.server.identity.connect.service import (
    create_secret,
    find_application,
    grant_application,
    revoke_grant,
    revoke_secret,
    set_disabled,
)
from nettfin.server.identity.models import Company
from nettfin.server.settings import Settings
from tests.connect_helpers import (
    ALL_SCOPES,
    READ,
    TOKEN_URL,
    access_token,
    bearer,
    make_connected,
    token_response,
)

BASE = "http://testserver"
SERVICE_SCOPES = ALL_SCOPES.split()


@pytest.fixture
def connected(database, client):
    return make_connected(database, client)


# --- discovery and keys --------------------------------------------------------------------------------------


def test_discovery_names_this_server_as_issuer_and_every_endpoint_under_it(client):
    response = client.get("/.well-known/openid-configuration")
    assert response.status_code == 200
    document = response.json()
    assert document["issuer"] == BASE
    assert document["jwks_uri"] == f"{BASE}/.well-known/openid-configuration/jwks"
    assert document["token_endpoint"] == f"{BASE}/connect/token"
    assert document["grant_types_supported"] == ["authorization_code", "client_credentials", "refresh_token"]
    assert document["token_endpoint_auth_methods_supported"] == ["client_secret_basic", "client_secret_post"]
    assert document["code_challenge_methods_supported"] == ["plain", "S256"]
    assert document["authorization_response_iss_parameter_supported"] is True
    assert document["id_token_signing_alg_values_supported"] == ["RS256"]
    assert set(SERVICE_SCOPES) <= set(document["scopes_supported"])


def test_discovery_follows_the_address_the_server_is_reached_at(client):
    document = client.get("https://erp.example.com/.well-known/openid-configuration").json()
    assert document["issuer"] == "https://erp.example.com"
    assert document["token_endpoint"] == "https://erp.example.com/connect/token"


def test_the_jwks_publishes_rs256_public_keys_only(client):
    keys = client.get("/.well-known/openid-configuration/jwks").json()["keys"]
    assert keys
    for key in keys:
        assert key["kty"] == "RSA" and key["alg"] == "RS256" and key["use"] == "sig" and key["kid"]
        assert {"n", "e"} <= set(key) and not {"d", "p", "q", "dp", "dq", "qi"} & set(key)
        assert len(base64.urlsafe_b64decode(key["n"] + "==")) == 256  # RSA 2048


# --- the token endpoint --------------------------------------------------------------------------------------


@pytest.mark.parametrize("basic", [True, False], ids=["http-basic", "form-fields"])
def test_client_credentials_give_a_bearer_token_for_the_scopes_asked(client, connected, basic):
    response = token_response(client, connected, scope=f"{READ} vismanet_erp_service_api:create", basic=basic)
    assert response.status_code == 200, response.text
    body = response.json()
    assert set(body) == {"access_token", "expires_in", "token_type", "scope"}
    assert body["token_type"] == "Bearer" and body["expires_in"] == 3600
    assert body["scope"] == f"{READ} vismanet_erp_service_api:create"
    assert response.headers["cache-control"] == "no-store"


def test_the_access_token_verifies_with_nothing_but_the_published_jwks(client, connected):
    """As an API gateway would: Authlib's own JOSE implementation (not the library nettfin signs with), the keys
    from jwks_uri, and the claims of reference §1.7."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # authlib.jose says joserfc is its successor; it is used here on purpose
        from authlib.jose import JsonWebKey, JsonWebToken

    token = access_token(client, connected, scope=READ)
    discovery = client.get("/.well-known/openid-configuration").json()
    key_set = JsonWebKey.import_key_set(client.get(discovery["jwks_uri"]).json())
    claims = JsonWebToken(["RS256"]).decode(
        token,
        key_set,
        claims_options={"iss": {"essential": True, "value": discovery["issuer"]}, "aud": {"essential": True}},
    )
    claims.validate(now=int(time.time()))
    header = orjson.loads(base64.urlsafe_b64decode(token.split(".")[0] + "=="))
    assert header["alg"] == "RS256" and header["typ"] == "at+jwt"
    assert header["kid"] in {key["kid"] for key in client.get(discovery["jwks_uri"]).json()["keys"]}
    assert claims["iss"] == BASE
    assert claims["aud"] == [BASE]
    assert claims["client_id"] == connected.client_id
    assert claims["tenant_id"] == connected.tenant_id
    assert claims["scope"] == [READ]
    assert claims["exp"] - claims["iat"] == 3600 and claims["nbf"] == claims["iat"]
    assert abs(claims["iat"] - time.time()) < 60
    assert len(claims["jti"]) >= 16 and "sub" not in claims


def _refused(response, status: int, error: str, *words: str) -> None:
    assert response.status_code == status, response.text
    body = response.json()
    assert body["error"] == error, body
    assert "access_token" not in body
    for word in words:
        assert word in body["error_description"], body


def test_a_wrong_secret_is_invalid_client_401_with_www_authenticate_over_basic(client, connected):
    response = client.post(
        TOKEN_URL,
        data={"grant_type": "client_credentials", "scope": READ, "tenant_id": connected.tenant_id},
        auth=(connected.client_id, "wrong"),
    )
    _refused(response, 401, "invalid_client", "secret")
    assert response.headers["www-authenticate"].startswith("Basic ")


def test_a_wrong_secret_is_invalid_client_400_in_form_fields(client, connected):
    response = token_response(client, connected, basic=False, client_secret="wrong")
    _refused(response, 400, "invalid_client", "secret")
    assert "www-authenticate" not in response.headers


@pytest.mark.parametrize("basic", [True, False], ids=["http-basic", "form-fields"])
def test_an_unknown_client_is_invalid_client(client, connected, basic):
    connected.client_id = "isv_nobody"
    _refused(token_response(client, connected, basic=basic), 401 if basic else 400, "invalid_client")


def test_a_missing_secret_is_invalid_client(client, connected):
    response = client.post(
        TOKEN_URL,
        data={"grant_type": "client_credentials", "scope": READ, "client_id": connected.client_id},
    )
    _refused(response, 400, "invalid_client", "client_secret")


def test_a_revoked_secret_no_longer_authenticates_but_another_does(database, client, connected):
    with database.writing() as session:
        application = find_application(session, connected.client_id)
        _row, second = create_secret(session, application)
        revoke_secret(session, application, connected.secret[:6])
    _refused(token_response(client, connected), 401, "invalid_client")
    connected.secret = second
    assert token_response(client, connected).status_code == 200


def test_a_disabled_application_gets_no_token(database, client, connected):
    with database.writing() as session:
        set_disabled(session, find_application(session, connected.client_id), disabled=True)
    _refused(token_response(client, connected), 401, "invalid_client", "disabled")


def test_a_service_application_asking_for_another_grant_is_unauthorized_client(client, connected):
    response = client.post(
        TOKEN_URL,
        data={"grant_type": "authorization_code", "code": "abc", "redirect_uri": "https://x.example/cb"},
        auth=(connected.client_id, connected.secret),
    )
    _refused(response, 400, "unauthorized_client", "authorization_code", "client_credentials")


def test_a_web_application_may_use_client_credentials_too(database, client):
    web = make_connected(database, client, app_type="web", scopes=[READ])
    assert token_response(client, web, scope=READ).status_code == 200
    refused = client.post(
        TOKEN_URL, data={"grant_type": "refresh_token", "refresh_token": "x"}, auth=(web.client_id, web.secret)
    )
    _refused(refused, 400, "invalid_grant", "refresh token")


@pytest.mark.parametrize(
    ("form", "error", "words"),
    [
        ({"grant_type": "password", "username": "a", "password": "b"}, "unsupported_grant_type", ("password",)),
        ({"grant_type": None}, "invalid_request", ("grant_type",)),
        ({"scope": None}, "invalid_scope", ("required",)),
        ({"scope": "openid"}, "invalid_scope", ("openid",)),
        ({"scope": "vismanet_erp_interactive_api:read"}, "invalid_scope", ("interactive",)),
        ({"tenant_id": None}, "invalid_tenant", ("tenant_id",)),
        ({"tenant_id": str(uuid.uuid4())}, "invalid_tenant", ("No company",)),
        ({"tenant_id": "not a guid \u00e6\u00f8\u00e5"}, "invalid_tenant", ("No company",)),
    ],
    ids=["password", "no-grant-type", "no-scope", "openid", "interactive-scope", "no-tenant", "unknown", "garbage"],
)
def test_bad_token_requests_are_refused_in_the_oauth_shape(client, connected, form, error, words):
    data = {"grant_type": "client_credentials", "scope": READ, "tenant_id": connected.tenant_id, **form}
    response = client.post(
        TOKEN_URL, data={k: v for k, v in data.items() if v is not None}, auth=(connected.client_id, connected.secret)
    )
    _refused(response, 400, error, *words)


def test_a_scope_the_application_is_not_allowed_is_invalid_scope(database, client):
    reader = make_connected(database, client, scopes=[READ])
    _refused(
        token_response(client, reader, scope=f"{READ} vismanet_erp_service_api:delete"),
        400,
        "invalid_scope",
        "vismanet_erp_service_api:delete",
    )


def test_a_company_that_has_not_approved_the_application_is_invalid_tenant(database, client):
    stranger = make_connected(database, client, grant=False)
    _refused(token_response(client, stranger), 400, "invalid_tenant", "not approved")


def test_the_token_request_must_be_a_form_with_each_parameter_once(client, connected):
    as_json = client.post(
        TOKEN_URL,
        json={"grant_type": "client_credentials", "scope": READ, "tenant_id": connected.tenant_id},
        auth=(connected.client_id, connected.secret),
    )
    _refused(as_json, 400, "invalid_request", "x-www-form-urlencoded")
    repeated = client.post(
        TOKEN_URL,
        content=f"grant_type=client_credentials&scope={READ}&scope={READ}&tenant_id={connected.tenant_id}",
        headers={"Content-Type": "application/x-www-form-urlencoded"},
        auth=(connected.client_id, connected.secret),
    )
    _refused(repeated, 400, "invalid_request", "scope")
    both = token_response(client, connected, client_secret=connected.secret)  # HTTP Basic and the form
    _refused(both, 400, "invalid_request", "once")


# --- the API with a Connect token ----------------------------------------------------------------------------


def test_customers_are_listed_without_ipp_company_id(client, connected):
    token = access_token(client, connected, scope=READ)
    for path in ("/v1/customer", "/API/controller/api/v1/customer"):
        response = client.get(path, headers=bearer(token))
        assert response.status_code == 200, response.text
        assert response.json() == []


def test_the_token_reaches_its_own_company_only(database, client, connected):
    token = access_token(client, connected)
    created = client.post("/v1/customer", headers=bearer(token), json={"name": {"value": "Fjordsalg AS"}})
    assert created.status_code == 201, created.text
    # The same company through the legacy token sees it; another company's tenant sees nothing of it.
    legacy = connected.tenant.get("/customer").json()
    assert [c["name"] for c in legacy] == ["Fjordsalg AS"]
    other = make_connected(database, client)
    assert client.get("/v1/customer", headers=bearer(access_token(client, other))).json() == []


def test_ipp_company_id_may_be_sent_when_it_names_the_tokens_company(client, connected):
    token = access_token(client, connected, scope=READ)
    response = client.get("/v1/customer", headers={**bearer(token), "ipp-company-id": str(connected.company_id)})
    assert response.status_code == 200


@pytest.mark.parametrize("header", ["other", "abc"])
def test_another_ipp_company_id_gets_12002_naming_the_bound_company(database, client, connected, header):
    token = access_token(client, connected, scope=READ)
    value = str(make_connected(database, client).company_id) if header == "other" else header
    response = client.get("/v1/customer", headers={**bearer(token), "ipp-company-id": value})
    assert response.status_code == 400
    body = response.json()
    assert body["ExceptionFaultCode"] == "12002"
    assert body["ExceptionMessageID"].startswith("12002_12002_")
    assert f"bound to company {connected.company_id}" in body["ExceptionMessage"]


@pytest.mark.parametrize(
    ("method", "path", "verb"),
    [
        ("POST", "/v1/customer", "create"),
        ("PUT", "/v1/customer/10001", "update"),
        ("POST", "/v1/customerinvoice/000001/action/release", "update"),
        ("DELETE", "/v1/customerinvoice/000001", "delete"),
    ],
)
def test_a_missing_scope_is_403_naming_the_scope_needed(client, connected, method, path, verb):
    token = access_token(client, connected, scope=READ)
    response = client.request(method, path, headers=bearer(token), json={})
    assert response.status_code == 403, response.text
    needed = f"vismanet_erp_service_api:{verb}"
    assert response.json()["message"].startswith("VismaId: ")
    assert f"'{needed}'" in response.json()["message"]
    assert response.headers["www-authenticate"] == f'Bearer error="insufficient_scope", scope="{needed}"'


def test_a_read_scope_is_needed_to_read(client, connected):
    token = access_token(client, connected, scope="vismanet_erp_service_api:create")
    response = client.get("/v1/customer", headers=bearer(token))
    assert response.status_code == 403
    assert "'vismanet_erp_service_api:read'" in response.json()["message"]


def test_scopes_taken_from_the_application_stop_working_at_once(database, client, connected):
    token = access_token(client, connected)
    with database.writing() as session:
        application = find_application(session, connected.client_id)
        application.allowed_scopes = [READ]
        set_disabled(session, application, disabled=False)  # any change to access: this process re-reads it
    assert client.get("/v1/customer", headers=bearer(token)).status_code == 200
    assert client.post("/v1/customer", headers=bearer(token), json={}).status_code == 403


# --- tokens the API refuses ----------------------------------------------------------------------------------


def _server_key(database) -> tuple[str, RSAKey]:
    with database.reading() as session:
        row = session.scalar(
            select(SigningKey).where(SigningKey.retired_at.is_(None)).order_by(SigningKey.generation.desc())
        )
    return row.kid, RSAKey.import_key(row.private_key_pem)


def _forge(connected, key_and_kid, *, header: dict | None = None, **claims) -> str:
    kid, key = key_and_kid
    now = int(time.time())
    payload = {
        "iss": BASE,
        "nbf": now,
        "iat": now,
        "exp": now + 3600,
        "aud": [BASE],
        "client_id": connected.client_id,
        "scope": SERVICE_SCOPES,
        "tenant_id": connected.tenant_id,
        "jti": uuid.uuid4().hex,
        **claims,
    }
    return jwt.encode({"alg": "RS256", "typ": "at+jwt", "kid": kid, **(header or {})}, payload, key)


def _unauthorized(client, token: str, *words: str) -> None:
    response = client.get("/v1/customer", headers=bearer(token))
    assert response.status_code == 401, response.text
    body = response.json()
    assert body["ExceptionType"] == "IPPException" and body["ExceptionFaultCode"] == "12001"
    assert body["ExceptionMessage"].startswith("Invalid token: ")
    for word in words:
        assert word in body["ExceptionMessage"], body
    assert response.headers["www-authenticate"] == 'Bearer error="invalid_token"'


def test_a_well_signed_token_of_this_server_is_accepted(database, client, connected):
    access_token(client, connected)  # the signing key exists
    assert client.get("/v1/customer", headers=bearer(_forge(connected, _server_key(database)))).status_code == 200


def test_an_expired_token_is_401(database, client, connected):
    access_token(client, connected)
    now = int(time.time())
    token = _forge(connected, _server_key(database), iat=now - 7200, nbf=now - 7200, exp=now - 3600)
    _unauthorized(client, token, "expired")


def test_a_token_not_yet_valid_is_401(database, client, connected):
    access_token(client, connected)
    _unauthorized(client, _forge(connected, _server_key(database), nbf=int(time.time()) + 3600), "not valid before")


def test_a_token_of_another_issuer_is_401(database, client, connected):
    access_token(client, connected)
    _unauthorized(client, _forge(connected, _server_key(database), iss="https://connect.visma.com"), "issued by")


def test_a_token_for_another_audience_is_401(database, client, connected):
    access_token(client, connected)
    token = _forge(connected, _server_key(database), aud=["https://api.finance.visma.net"])
    _unauthorized(client, token, "audience")


def test_a_token_used_at_another_address_of_the_server_is_401(client, connected):
    token = access_token(client, connected)
    response = client.get("http://127.0.0.1/v1/customer", headers=bearer(token))
    assert response.status_code == 401 and "issued by" in response.json()["ExceptionMessage"]


def test_a_tampered_payload_is_401(database, client, connected):
    token = access_token(client, connected, scope=READ)
    header, payload, signature = token.split(".")
    claims = orjson.loads(base64.urlsafe_b64decode(payload + "=="))
    claims["scope"] = SERVICE_SCOPES
    edited = base64.urlsafe_b64encode(orjson.dumps(claims)).rstrip(b"=").decode()
    _unauthorized(client, f"{header}.{edited}.{signature}", "signature")


def test_a_token_signed_with_another_key_is_401(client, connected):
    access_token(client, connected)
    kid = client.get("/.well-known/openid-configuration/jwks").json()["keys"][0]["kid"]
    stranger = RSAKey.generate_key(2048)
    _unauthorized(client, _forge(connected, (kid, stranger)), "signature")
    _unauthorized(client, _forge(connected, ("not-a-published-kid", stranger)), "not-a-published-kid")


def test_unsigned_and_symmetric_tokens_are_401(client, connected):
    header = base64.urlsafe_b64encode(b'{"alg":"none","typ":"at+jwt"}').rstrip(b"=").decode()
    payload = base64.urlsafe_b64encode(orjson.dumps({"tenant_id": connected.tenant_id})).rstrip(b"=").decode()
    _unauthorized(client, f"{header}.{payload}.", "RS256")
    _unauthorized(client, "eyJub3QganNvbg.eyJ9.x", "well-formed")


def test_a_token_of_a_revoked_grant_or_a_disabled_application_is_401(database, client, connected):
    token = access_token(client, connected)
    with database.writing() as session:
        application = find_application(session, connected.client_id)
        revoke_grant(session, application, session.get(Company, connected.company_id))
    _unauthorized(client, token, "no longer has access")
    with database.writing() as session:
        application = find_application(session, connected.client_id)
        grant_application(session, application, session.get(Company, connected.company_id))
        set_disabled(session, application, disabled=True)
    _unauthorized(client, token, "disabled")
    with database.writing() as session:
        set_disabled(session, find_application(session, connected.client_id), disabled=False)
    assert client.get("/v1/customer", headers=bearer(token)).status_code == 200


# --- legacy tokens, Context, headers, throttle ---------------------------------------------------------------


def test_legacy_tokens_work_exactly_as_before(client, tenant):
    assert tenant.get("/customer").status_code == 200
    missing = client.get("/v1/customer", headers={"Authorization": f"Bearer {tenant.token}"})
    assert missing.status_code == 400 and missing.json()["ExceptionFaultCode"] == "12002"
    unknown = client.get("/v1/customer", headers={"Authorization": f"Bearer {uuid.uuid4()}", "ipp-company-id": "1"})
    assert unknown.status_code == 401 and "unknown or has been revoked" in unknown.json()["ExceptionMessage"]


def test_context_lists_the_companies_that_approved_the_application(client, connected):
    token = access_token(client, connected, scope=READ)
    contexts = client.get("/API/resources/v1/context", headers=bearer(token)).json()
    assert [entry["id"] for entry in contexts] == [connected.company_id]
    details = client.get("/API/resources/v1/context/userdetails", headers=bearer(token)).json()
    assert details["emailAddress"] == f"{connected.client_id.lower()}@connect.nettfin.invalid"


def test_every_response_carries_a_request_id_and_the_request_context(client, connected):
    token = access_token(client, connected, scope=READ)
    first = client.get("/v1/customer", headers=bearer(token))
    second = client.get("/v1/customer/nobody", headers=bearer(token))
    ids = {first.headers["ipp-request-id"], second.headers["ipp-request-id"]}
    assert len(ids) == 2 and all(uuid.UUID(value) for value in ids)
    assert first.headers["request-context"] == second.headers["request-context"]
    assert first.headers["request-context"].startswith("appId=cid-v1:")
    uuid.UUID(first.headers["request-context"].removeprefix("appId=cid-v1:"))


def test_the_throttle_counts_per_company_and_application(database, client, tmp_path):
    first = make_connected(database, client)
    second = make_connected(database, client)
    with database.writing() as session:  # the second application is approved by the first company too
        grant_application(session, find_application(session, second.client_id), session.get(Company, first.company_id))
    second.tenant_id = first.tenant_id
    app = create_app(Settings(data_dir=tmp_path, throttle="production", throttle_production_limit=2), database=database)
    from starlette.testclient import TestClient

    with TestClient(app) as throttled:
        one, two = access_token(throttled, first, scope=READ), access_token(throttled, second, scope=READ)
        answers = [throttled.get(f"/v1/customer?pageNumber={n}", headers=bearer(one)) for n in (1, 2, 3)]
        assert [a.status_code for a in answers] == [200, 200, 429]
        assert answers[0].headers["x-ratelimit-remaining"] == "1"
        assert throttled.get("/v1/customer", headers=bearer(two)).status_code == 200
