"""The knowledge base's Supplier article ("Common usage example for Supplier (ScreenId=AP303000)"),
replayed: the GET filters it shows and its minimum POST body, which must return 201 Created."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from tests.conftest import make_tenant
from tests.factories import new_number
from tests.party_factories import add_supplier_reference_data, article_supplier_body, insert_suppliers, minimal_supplier


def numbers(response) -> list[str]:
    assert response.status_code == 200, response.text
    return [item["number"] for item in response.json()]


def test_the_articles_minimum_body_returns_201_created_with_a_location(tenant):
    add_supplier_reference_data(tenant)
    response = tenant.post("/supplier", article_supplier_body())
    assert response.status_code == 201
    assert response.content == b""
    # Automatic numbering: "you can omit the number field"; the one sent is replaced and named.
    assert response.headers["Location"] == "http://testserver/API/controller/api/v1/supplier/50001"
    assert set(response.headers["X-Nettfin-Ignored-Fields"].split(", ")) == {"mainAddress.addressId", "number"}


def test_with_manual_numbering_the_articles_body_keeps_its_number(database, client):
    manual = make_tenant(database, client)
    add_supplier_reference_data(manual, manual_numbering=True)
    response = manual.post("/supplier", article_supplier_body())
    assert new_number(response) == "50002"
    assert response.headers["X-Nettfin-Ignored-Fields"] == "mainAddress.addressId"


def test_the_articles_read_shaped_main_address_is_stored(tenant):
    add_supplier_reference_data(tenant)
    number = new_number(tenant.post("/supplier", article_supplier_body()))
    body = tenant.get(f"/supplier/{number}").json()
    assert body["name"] == "NewSupplier"
    assert body["supplierClass"]["id"] == "1"
    address = body["mainAddress"]
    assert (address["addressLine1"], address["postalCode"], address["city"]) == ("Testroad 5", "0110", "OSLO")
    assert address["country"] == {"id": "NO", "name": "Norway"}
    assert address["county"] == {"id": "0301", "name": "0301"}


def test_a_read_shaped_address_with_an_unknown_country_is_refused_like_a_written_one(tenant):
    add_supplier_reference_data(tenant)
    body = article_supplier_body()
    body["mainAddress"]["country"] = {"id": "XX", "name": "Nowhere"}
    response = tenant.post("/supplier", body)
    assert response.status_code == 400
    assert "mainAddress: Country 'XX' cannot be found in the system." in response.json()["message"]


def test_the_articles_last_modified_example_returns_suppliers_updated_on_that_day_or_later(tenant):
    # "This query will return suppliers updated on 2020-01-14 or later", with the condition sent unencoded.
    insert_suppliers(tenant, 4, modified=datetime(2020, 1, 12, 23, 59, tzinfo=UTC), step=timedelta(days=1))
    response = tenant.client.get(
        tenant.url("/supplier") + "?lastModifiedDateTime=2020-01-14&lastModifiedDateTimeCondition=>=",
        headers=tenant.headers,
    )
    assert numbers(response) == ["S00003", "S00004"]


@pytest.mark.parametrize(
    ("moment", "expected"),
    [
        ("2020-01-14", ["S00001", "S00002"]),
        ("2020-01-14 13:13:13", ["S00001", "S00002"]),
        ("2020-01-14 13:13:13.133", ["S00002"]),
    ],
)
def test_the_three_filter_formats_the_article_lists(tenant, moment, expected):
    # One millisecond apart: only the format with milliseconds tells them apart.
    first = datetime(2020, 1, 14, 13, 13, 13, 132000, tzinfo=UTC)
    insert_suppliers(tenant, 2, modified=first, step=timedelta(milliseconds=1))
    response = tenant.get("/supplier", params={"lastModifiedDateTime": moment, "lastModifiedDateTimeCondition": ">="})
    assert numbers(response) == expected


@pytest.mark.parametrize(
    ("condition", "expected"),
    [(">", ["S00003"]), ("<", ["S00001"]), ("<=", ["S00001", "S00002"]), (">=", ["S00002", "S00003"])],
)
def test_the_four_comparative_operators_of_the_article(tenant, condition, expected):
    insert_suppliers(tenant, 3, modified=datetime(2020, 1, 13, tzinfo=UTC), step=timedelta(days=1))
    response = tenant.get(
        "/supplier", params={"lastModifiedDateTime": "2020-01-14", "lastModifiedDateTimeCondition": condition}
    )
    assert numbers(response) == expected


def test_a_write_moves_a_supplier_into_the_last_modified_window(tenant):
    add_supplier_reference_data(tenant)
    insert_suppliers(tenant, 2, modified=datetime(2020, 1, 1, tzinfo=UTC))
    today = datetime.now(UTC).strftime("%Y-%m-%d")
    window = {"lastModifiedDateTime": today, "lastModifiedDateTimeCondition": ">="}
    assert numbers(tenant.get("/supplier", params=window)) == []
    assert tenant.put("/supplier/S00002", {"note": {"value": "touched"}}).status_code == 204
    assert numbers(tenant.get("/supplier", params=window)) == ["S00002"]


def test_filters_and_query_names_bind_case_insensitively_as_the_articles_examples_do(tenant):
    add_supplier_reference_data(tenant)
    new_number(tenant.post("/supplier", minimal_supplier("NewSupplier")))
    new_number(tenant.post("/supplier", minimal_supplier("Other AS")))
    response = tenant.client.get(tenant.url("/supplier") + "?Name=newsupp&STATUS=active", headers=tenant.headers)
    assert numbers(response) == ["50001"]
