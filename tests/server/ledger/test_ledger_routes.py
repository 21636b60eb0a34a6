"""Every ledger and VAT route sits behind the bearer token and `ipp-company-id`, and answers in Visma's
error shapes, on both databases."""

from __future__ import annotations

import pytest

ROUTES = [
    ("GET", "/account", None),
    ("GET", "/account/1500", None),
    ("POST", "/account", {"accountCD": {"value": "1500"}}),
    ("PUT", "/account/1500", {"description": {"value": "x"}}),
    ("GET", "/financialPeriod", None),
    ("GET", "/financialPeriod/202001", None),
    ("GET", "/dimension", None),
    ("GET", "/dimension/SUBACCOUNT", None),
    ("GET", "/dimension/SUBACCOUNT/1", None),
    ("PUT", "/dimension/SUBACCOUNT/1", {"description": {"value": "x"}}),
    ("GET", "/dimension/SUBACCOUNT/1/10", None),
    ("GET", "/dimension/SUBACCOUNT/1/publicid/00000000-0000-0000-0000-000000000000", None),
    ("GET", "/subaccount", None),
    ("GET", "/subaccount/10-100", None),
    ("POST", "/subaccount", {"subaccountNumber": {"value": "10-100"}}),
    ("PUT", "/subaccount/10-100", {"description": {"value": "x"}}),
    ("GET", "/vat", None),
    ("GET", "/vat/3", None),
    ("GET", "/vatCategory", None),
    ("GET", "/vatCategory/03", None),
    ("GET", "/vatZone", None),
    ("GET", "/vatZone/01", None),
]


@pytest.mark.parametrize(("method", "path", "body"), ROUTES)
def test_a_request_without_a_token_is_401_in_the_ipp_shape(tenant, method, path, body):
    response = tenant.client.request(method, tenant.url(path), json=body, headers={"ipp-company-id": "1"})
    assert response.status_code == 401
    assert response.json()["ExceptionFaultCode"] == "12001"


@pytest.mark.parametrize(("method", "path", "body"), ROUTES)
def test_a_request_without_a_company_is_ipp_12002(tenant, method, path, body):
    headers = {"Authorization": tenant.headers["Authorization"]}
    response = tenant.client.request(method, tenant.url(path), json=body, headers=headers)
    assert response.status_code == 400
    assert response.json()["ExceptionFaultCode"] == "12002"


@pytest.mark.parametrize(("method", "path"), [(method, path) for method, path, body in ROUTES if body is not None])
def test_a_write_with_an_unwrapped_value_is_a_400_naming_the_wrapper(tenant, method, path):
    response = tenant.client.request(method, tenant.url(path), json={"description": "x"}, headers=tenant.headers)
    assert response.status_code == 400
    assert 'must be wrapped as {"value": ...}' in response.json()["message"]


def test_paths_match_case_insensitively_and_keys_keep_their_case(tenant):
    assert tenant.client.get(tenant.url("/VATZONE"), headers=tenant.headers).status_code == 200
    assert tenant.client.get(tenant.url("/financialperiod"), headers=tenant.headers).status_code == 200
    assert tenant.client.get(tenant.url("/Dimension/subaccount"), headers=tenant.headers).status_code == 404
