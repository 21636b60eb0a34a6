"""Bodies without null-valued properties, as the real service writes them, and `render_nulls` for those who
want explicit nulls: the rendering pass itself, a served list and record both ways, and nettfin's OpenAPI
document telling the truth in each mode."""

from __future__ import annotations

import json
from decimal import Decimal

from starlette.testclient import TestClient

from nettfin.server.app import create_app
from nettfin.server.kit.render import dumps, without_nulls
from nettfin.server.settings import Settings
from tests.factories import add_reference_data, minimal_customer, new_number
from tests.openapi_check import ResponseCheck, response_hook


def test_the_pass_leaves_out_null_members_at_every_depth_and_keeps_lists_and_their_elements():
    metadata = {"totalCount": 2, "maxPageSize": 1000}
    payload = [
        {
            "number": "1",
            "note": None,
            "address": {"line1": "Gate 1", "line2": None, "country": {"id": "NO", "name": None}},
            "attributes": [],
            "lines": [{"amount": Decimal("1.5000"), "vat": None}, None, [None]],
            "metadata": metadata,
        },
        {"number": "2", "parent": None},
    ]
    assert without_nulls(payload) == [
        {
            "number": "1",
            "address": {"line1": "Gate 1", "country": {"id": "NO"}},
            "attributes": [],
            "lines": [{"amount": Decimal("1.5000")}, None, [None]],
            "metadata": metadata,
        },
        {"number": "2"},
    ]
    assert payload[0]["note"] is None  # the payload itself is left as it was
    assert dumps(without_nulls(payload[0]["lines"][0])) == b'{"amount":1.5000}'
    assert without_nulls(None) is None and without_nulls("x") == "x"


def _customer_both_ways(tenant, tmp_path) -> tuple[dict, dict, dict, dict]:
    add_reference_data(tenant)
    number = new_number(tenant.post("/customer", minimal_customer("Test AS")))
    omitted = tenant.get(f"/customer/{number}").json()
    listed = tenant.get("/customer", params={"name": "Test"}).json()
    nulls_app = create_app(Settings(data_dir=tmp_path, render_nulls=True), database=tenant.database)
    with TestClient(nulls_app, raise_server_exceptions=False) as nulls:
        nulls.event_hooks = {"request": [], "response": [response_hook(ResponseCheck(nulls_app.openapi()))]}
        explicit = nulls.get(tenant.url(f"/customer/{number}"), headers=tenant.headers).json()
        explicit_list = nulls.get(tenant.url("/customer"), params={"name": "Test"}, headers=tenant.headers).json()
    return omitted, explicit, listed, explicit_list


def test_a_customer_without_a_note_or_parent_leaves_them_out_and_render_nulls_sends_them(tenant, tmp_path):
    omitted, explicit, listed, explicit_list = _customer_both_ways(tenant, tmp_path)
    assert "accountReference" not in omitted and "parentRecord" not in omitted and "errorInfo" not in omitted
    assert explicit["accountReference"] is None and explicit["parentRecord"] is None
    assert "addressLine2" not in omitted["mainAddress"] and explicit["mainAddress"]["addressLine2"] is None
    assert omitted["attributes"] == [] == explicit["attributes"]
    # Apart from the nulls, the two bodies say the same.
    assert without_nulls(explicit) == omitted
    assert listed and all("metadata" in item and "errorInfo" not in item for item in listed)
    assert without_nulls(explicit_list) == listed
    assert any(value is None for value in explicit_list[0].values())


def _null_types(document: dict) -> list[str]:
    schemas = document["components"]["schemas"]
    return [name for name, schema in schemas.items() if '{"type": "null"}' in json.dumps(schema)]


def test_the_document_declares_no_null_in_what_responses_carry_unless_the_server_renders_nulls(
    client, tenant, tmp_path
):
    document = client.get("/swagger/v1/swagger.json").json()
    customer = document["components"]["schemas"]["CustomerDto"]
    assert "accountReference" in customer["properties"] and "accountReference" not in customer.get("required", [])
    assert customer["properties"]["accountReference"] == {"type": "string", "title": "Accountreference"}
    # Write models keep their nulls: {"value": null} clears a field.
    assert "CustomerUpdateDto" in _null_types(document)
    assert "CustomerDto" not in _null_types(document)
    nulls_app = create_app(Settings(data_dir=tmp_path, render_nulls=True), database=tenant.database)
    assert "CustomerDto" in _null_types(nulls_app.openapi())
