"""Bearer tokens, ipp-company-id, and company isolation on every route."""

from __future__ import annotations

import pytest

from nettfin.server.identity.models import ApiToken
from nettfin.server.identity.service import hash_token
from tests.factories import add_reference_data, minimal_customer, new_number

CONTROLLER_CALLS = [
    ("GET", "/customer", None),
    ("GET", "/customer/10001", None),
    ("GET", "/customer/internal/1", None),
    ("GET", "/customer/customerClass", None),
    ("GET", "/customer/customerClass/1", None),
    ("POST", "/customer", {"name": {"value": "x"}}),
    ("PUT", "/customer/10001", {"name": {"value": "x"}}),
    ("PUT", "/customer/internal/1", {"name": {"value": "x"}}),
]


def call(tenant, method, path, body, headers):
    return tenant.client.request(method, tenant.url(path), json=body, headers=headers)


@pytest.mark.parametrize(("method", "path", "body"), CONTROLLER_CALLS)
def test_every_route_refuses_a_request_without_a_token_with_401_in_the_ipp_shape(tenant, method, path, body):
    response = call(tenant, method, path, body, {"ipp-company-id": str(tenant.company_id)})
    assert response.status_code == 401
    body = response.json()
    assert body["ExceptionType"] == "IPPException"
    assert "token" in body["ExceptionMessage"].lower()


@pytest.mark.parametrize(("method", "path", "body"), CONTROLLER_CALLS)
def test_every_route_refuses_an_unknown_token(tenant, method, path, body):
    headers = {"Authorization": "Bearer 00000000-0000-0000-0000-000000000000", "ipp-company-id": "1"}
    assert call(tenant, method, path, body, headers).status_code == 401


@pytest.mark.parametrize(("method", "path", "body"), CONTROLLER_CALLS)
def test_every_route_requires_ipp_company_id_with_ipp_error_12002(tenant, method, path, body):
    response = call(tenant, method, path, body, {"Authorization": f"Bearer {tenant.token}"})
    assert response.status_code == 400
    assert response.json()["ExceptionFaultCode"] == "12002"
    assert response.json()["ExceptionMessageID"].startswith("12002_12002_")
    assert "ipp-company-id" in response.json()["ExceptionMessage"]


@pytest.mark.parametrize(("method", "path", "body"), CONTROLLER_CALLS)
def test_every_route_refuses_a_company_the_user_may_not_use(tenant, other_tenant, method, path, body):
    headers = {"Authorization": f"Bearer {tenant.token}", "ipp-company-id": str(other_tenant.company_id)}
    response = call(tenant, method, path, body, headers)
    assert response.status_code == 400
    assert response.json()["ExceptionFaultCode"] == "12002"


def test_a_non_numeric_company_id_is_12002_saying_so(tenant):
    response = call(
        tenant, "GET", "/customer", None, {"Authorization": f"Bearer {tenant.token}", "ipp-company-id": "acme"}
    )
    assert response.json()["ExceptionFaultCode"] == "12002"
    assert "'acme' is not a company id" in response.json()["ExceptionMessage"]


def test_a_revoked_token_stops_working_at_once(tenant):
    assert tenant.get("/customer").status_code == 200
    with tenant.database.writing() as session:
        token = session.query(ApiToken).filter_by(token_hash=hash_token(tenant.token)).one()
        from nettfin.server.db.base import utcnow

        token.revoked_at = utcnow()
    assert tenant.get("/customer").status_code == 401


def test_tokens_are_stored_only_as_hashes(tenant):
    with tenant.database.reading() as session:
        stored = [row.token_hash for row in session.query(ApiToken).filter_by(user_id=tenant.user_id)]
    assert stored == [hash_token(tenant.token)]
    assert tenant.token not in stored


def test_company_a_reads_and_writes_nothing_of_company_b(tenant, other_tenant):
    add_reference_data(tenant)
    add_reference_data(other_tenant)
    theirs = new_number(other_tenant.post("/customer", minimal_customer("Their customer")))
    their_id = other_tenant.get(f"/customer/{theirs}").json()["internalId"]
    mine = new_number(tenant.post("/customer", minimal_customer("My customer")))

    # Both companies number from 10001: the same number names two different customers.
    assert mine == theirs
    assert tenant.get(f"/customer/{mine}").json()["name"] == "My customer"
    assert [c["name"] for c in tenant.get("/customer").json()] == ["My customer"]
    assert tenant.get(f"/customer/internal/{their_id}").status_code == 404
    assert tenant.put(f"/customer/internal/{their_id}", {"name": {"value": "Hijack"}}).status_code == 404
    assert tenant.put(f"/customer/{mine}", {"name": {"value": "Mine renamed"}}).status_code == 204
    assert other_tenant.get(f"/customer/{theirs}").json()["name"] == "Their customer"
    # References resolve within the company only.
    with other_tenant.database.writing() as session:
        from nettfin.server.receivables.models import CustomerClass

        session.add(CustomerClass(company_id=other_tenant.company_id, class_id="ONLYB", description="B only"))
    response = tenant.post("/customer", minimal_customer(customerClassId={"value": "ONLYB"}))
    assert response.status_code == 400
    assert "Customer class 'ONLYB' cannot be found in the system." in response.json()["message"]
    assert tenant.get("/customer/customerClass/ONLYB").status_code == 404
    assert tenant.post("/customer", minimal_customer(parentRecordNumber={"value": "10099"})).status_code == 400
