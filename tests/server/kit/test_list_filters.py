"""Customer list filters and the paging parameters' validation (reference 3.1 and section 4)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from tests.factories import add_reference_data, insert_customers, minimal_customer, new_number


def numbers(response) -> list[str]:
    assert response.status_code == 200, response.text
    return [item["number"] for item in response.json()]


@pytest.mark.parametrize(
    ("condition", "expected"),
    [
        (">", ["C00004", "C00005"]),
        (">=", ["C00003", "C00004", "C00005"]),
        ("<", ["C00001", "C00002"]),
        ("<=", ["C00001", "C00002", "C00003"]),
    ],
)
def test_last_modified_conditions(tenant, condition, expected):
    insert_customers(tenant, 5, modified=datetime(2020, 1, 12, tzinfo=UTC), step=timedelta(days=1))
    response = tenant.get(
        "/customer", params={"lastModifiedDateTime": "2020-01-14", "lastModifiedDateTimeCondition": condition}
    )
    assert numbers(response) == expected


@pytest.mark.parametrize(
    "moment",
    ["2020-01-14", "2020-01-14 00:00:00", "2020-01-14 00:00:00.000", "2020-01-14T00:00:00", "2020-01-14T00:00:00.0"],
)
def test_the_five_accepted_date_formats(tenant, moment):
    insert_customers(tenant, 3, modified=datetime(2020, 1, 13, tzinfo=UTC), step=timedelta(days=1))
    response = tenant.get("/customer", params={"createdDateTime": moment, "createdDateTimeCondition": ">="})
    assert numbers(response) == ["C00002", "C00003"]


def test_the_seeds_unencoded_condition_works(tenant):
    insert_customers(tenant, 2, modified=datetime(2020, 1, 13, tzinfo=UTC), step=timedelta(days=2))
    response = tenant.client.get(
        tenant.url("/customer") + "?lastModifiedDateTime=2020-01-14&lastModifiedDateTimeCondition=>=",
        headers=tenant.headers,
    )
    assert numbers(response) == ["C00002"]


def test_a_date_without_its_condition_is_a_400_saying_what_to_send(tenant):
    response = tenant.get("/customer", params={"lastModifiedDateTime": "2020-01-14"})
    assert response.status_code == 400
    assert "'lastModifiedDateTimeCondition'" in response.json()["message"]
    assert ">=" in response.json()["message"]


def test_a_condition_without_its_date_is_a_400(tenant):
    response = tenant.get("/customer", params={"createdDateTimeCondition": ">"})
    assert response.status_code == 400
    assert "without 'createdDateTime'" in response.json()["message"]


def test_an_unknown_condition_lists_the_accepted_operators(tenant):
    response = tenant.get(
        "/customer", params={"lastModifiedDateTime": "2020-01-14", "lastModifiedDateTimeCondition": "=="}
    )
    assert response.status_code == 400
    assert ">, <, >=, <=" in response.json()["message"]


def test_an_unparseable_date_lists_the_accepted_formats(tenant):
    response = tenant.get(
        "/customer", params={"lastModifiedDateTime": "14.01.2020", "lastModifiedDateTimeCondition": ">"}
    )
    assert response.status_code == 400
    assert "'14.01.2020'" in response.json()["message"]
    assert "yyyy-MM-ddTHH:mm:ss.FFF" in response.json()["message"]


@pytest.mark.parametrize(
    ("name", "value"),
    [("pageSize", "0"), ("pageSize", "-1"), ("pageNumber", "0"), ("pageSize", "ten"), ("pageNumber", "1.5")],
)
def test_invalid_paging_parameters_are_a_400_naming_the_parameter(tenant, name, value):
    response = tenant.get("/customer", params={name: value})
    assert response.status_code == 400
    assert f"'{name}'" in response.json()["message"]
    assert set(response.json()) == {"message"}


def test_deprecated_parameters_are_accepted_and_ignored(tenant):
    insert_customers(tenant, 3)
    response = tenant.get("/customer", params={"numberToRead": 1, "skipRecords": 2, "orderBy": "name"})
    assert numbers(response) == ["C00001", "C00002", "C00003"]


def test_query_parameter_names_and_enum_values_bind_case_insensitively(tenant):
    insert_customers(tenant, 2, status="Active")
    insert_customers(tenant, 1, start=3, status="OnHold")
    response = tenant.client.get(tenant.url("/customer") + "?STATUS=onhold&PageSize=10", headers=tenant.headers)
    assert numbers(response) == ["C00003"]


def test_an_unknown_status_value_is_a_400_listing_the_accepted_ones(tenant):
    response = tenant.get("/customer", params={"status": "Sleeping"})
    assert response.status_code == 400
    assert "'status'" in response.json()["message"]
    assert "'OnHold'" in response.json()["message"]


def test_greater_than_value_starts_after_the_key(tenant):
    insert_customers(tenant, 5)
    assert numbers(tenant.get("/customer", params={"greaterThanValue": "C00003"})) == ["C00004", "C00005"]


def test_filters_by_corporate_id_vat_registration_email_and_phone(tenant):
    add_reference_data(tenant)
    body = minimal_customer(
        corporateId={"value": "912345678"},
        vatRegistrationId={"value": "NO912345678MVA"},
        mainContact={"value": {"email": {"value": "Post@Acme.no"}, "phone1": {"value": "+47 22 00 00 00"}}},
    )
    wanted = new_number(tenant.post("/customer", body))
    new_number(tenant.post("/customer", minimal_customer("Other AS")))
    for params in (
        {"corporateId": "912345678"},
        {"vatRegistrationId": "NO912345678MVA"},
        {"email": "post@acme.no"},
        {"phone": "+47 22 00 00 00"},
    ):
        assert numbers(tenant.get("/customer", params=params)) == [wanted], params


def test_name_filter_matches_part_of_the_name_and_escapes_wildcards(tenant):
    add_reference_data(tenant)
    norwegian = new_number(tenant.post("/customer", minimal_customer("Norwegian Air")))
    swedish = new_number(tenant.post("/customer", minimal_customer("Swedish 100% AS")))
    assert numbers(tenant.get("/customer", params={"name": "wegian"})) == [norwegian]
    assert numbers(tenant.get("/customer", params={"name": "%"})) == [swedish]
    assert len(numbers(tenant.get("/customer", params={"name": "_"}))) == 0


def test_expand_flags_and_attributes_are_accepted(tenant):
    insert_customers(tenant, 1)
    response = tenant.get("/customer", params={"expandAccountInformation": "true", "attributes": '{"A":"B"}'})
    assert numbers(response) == ["C00001"]
