"""An integration the way integrations are written: Authlib's OAuth 2.0 client (requests flavour) reads nothing
but the token URL, asks for a client-credentials token with Connect's `tenant_id`, and lists customers on `/v1`
without `ipp-company-id`, against a real nettfin server (two worker processes, so a token signed by one worker is
checked by the other)."""

from __future__ import annotations

from authlib.integrations import requests_client

from tests.connect_helpers import make_connected


def test_authlibs_oauth2_session_gets_a_service_token_and_lists_customers(server, database, client):
    connected = make_connected(database, client)
    connected.tenant.post("/customer", json={"name": {"value": "Nordavind AS"}})
    session = requests_client.OAuth2Session(
        connected.client_id,
        connected.secret,
        scope="vismanet_erp_service_api:read vismanet_erp_service_api:create",
        token_endpoint_auth_method="client_secret_basic",
    )
    discovery = session.get(f"{server}/.well-known/openid-configuration", withhold_token=True).json()
    token = session.fetch_token(
        discovery["token_endpoint"], grant_type="client_credentials", tenant_id=connected.tenant_id
    )
    assert token["token_type"] == "Bearer" and token["expires_in"] == 3600
    for _ in range(6):  # the two workers take turns
        response = session.get(f"{server}/v1/customer", params={"pageSize": 2})
        assert response.status_code == 200, response.text
        assert [customer["name"] for customer in response.json()] == ["Nordavind AS"]
        assert "ipp-request-id" in response.headers


def test_client_secret_post_works_too(server, database, client):
    connected = make_connected(database, client)
    session = requests_client.OAuth2Session(
        connected.client_id,
        connected.secret,
        scope="vismanet_erp_service_api:read",
        token_endpoint_auth_method="client_secret_post",
    )
    session.fetch_token(f"{server}/connect/token", grant_type="client_credentials", tenant_id=connected.tenant_id)
    assert session.get(f"{server}/API/controller/api/v1/customer").json() == []
