"""`nettfin.testing.faults.faults(...)`: the rule exists inside the block and is gone after it, even when the block
raises; an admin API refusal is raised with its status and message."""

from __future__ import annotations

import pytest

from nettfin.testing.faults import AdminApiError, faults

from .conftest import ADMIN, AUTH, list_faults


class Admin:
    """The smallest admin client: an httpx2 client (the app's TestClient) and the key."""

    def __init__(self, client) -> None:
        self.client = client

    def request(self, method: str, path: str, json: dict | None = None):
        return self.client.request(method, f"{ADMIN}{path}", json=json, headers=AUTH)


def test_the_rule_applies_inside_the_block_only(http, company):
    admin = Admin(http)

    with faults(admin, company.company_id, status=503, path="/v1/customer*") as rule:
        inside = company.get("/customer").status_code
        listed = [row["id"] for row in list_faults(http, company.company_id)]

    assert inside == 503
    assert listed == [rule["id"]]
    assert list_faults(http, company.company_id) == []
    assert company.get("/customer").status_code == 200


def test_the_rule_is_removed_when_the_block_raises(http, company):
    with pytest.raises(KeyError), faults(Admin(http), company.company_id, latencyMs=1):
        raise KeyError("the test failed")

    assert list_faults(http, company.company_id) == []


def test_a_rule_already_cleared_is_no_error_on_exit(http, company):
    with faults(Admin(http), company.company_id, status=500, times=1):
        http.delete(f"{ADMIN}/companies/{company.company_id}/faults", headers=AUTH)

    assert list_faults(http, company.company_id) == []


def test_a_refused_rule_raises_with_the_admin_apis_message(http, company):
    with pytest.raises(AdminApiError) as raised, faults(Admin(http), company.company_id, status=418):
        pass

    assert raised.value.status_code == 400
    assert "Invalid field 'status': 418 is not injectable" in str(raised.value)
