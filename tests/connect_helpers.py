"""Helpers for the Visma Connect tests: a company that approved a service application, and its token requests."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from starlette.testclient import TestClient

from nettfin.server.identity.connect.models import SERVICE, SERVICE_SCOPES
from nettfin.server.identity.connect.service import create_application, create_secret, grant_application
from nettfin.server.identity.models import Company
from tests.conftest import Tenant, make_tenant

TOKEN_URL = "/connect/token"
ALL_SCOPES = " ".join(SERVICE_SCOPES)
READ = "vismanet_erp_service_api:read"


@dataclass
class Connected:
    """A company (with a legacy user and token, as the `tenant` fixture makes) that approved an application."""

    tenant: Tenant
    client_id: str
    secret: str
    tenant_id: str
    application_id: int

    @property
    def company_id(self) -> int:
        return self.tenant.company_id


def make_connected(
    database, client: TestClient, *, app_type: str = SERVICE, scopes: list[str] | None = None, grant: bool = True
) -> Connected:
    tenant = make_tenant(database, client)
    with database.writing() as session:
        application = create_application(
            session, name=f"Service {uuid.uuid4().hex[:8]}", app_type=app_type, scopes=scopes
        )
        _row, secret = create_secret(session, application) if app_type in ("web", SERVICE) else (None, "")
        company = session.get(Company, tenant.company_id)
        if grant:
            grant_application(session, application, company, granted_by="test")
    return Connected(tenant, application.client_id, secret, company.tenant_guid, application.id)


def token_response(client: TestClient, connected: Connected, *, scope: str = ALL_SCOPES, basic: bool = True, **form):
    data = {"grant_type": "client_credentials", "scope": scope, "tenant_id": connected.tenant_id}
    if basic:
        return client.post(TOKEN_URL, data={**data, **form}, auth=(connected.client_id, connected.secret))
    credentials = {"client_id": connected.client_id, "client_secret": connected.secret}
    return client.post(TOKEN_URL, data={**data, **credentials, **form})


def access_token(client: TestClient, connected: Connected, **kwargs) -> str:
    response = token_response(client, connected, **kwargs)
    assert response.status_code == 200, response.text
    return response.json()["access_token"]


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}
