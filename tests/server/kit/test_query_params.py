"""A declared resource's list and GET read their query in one validation (kit/query_params.py): the same values,
the same errors and the same OpenAPI document as FastAPI's parameter-by-parameter reading gave."""

from __future__ import annotations

import inspect

from fastapi import Query
from starlette.datastructures import QueryParams

from nettfin.server.kit.query_params import QueryParameters
from tests.factories import insert_customers


def _parameter(name: str, kind, **options) -> inspect.Parameter:
    return inspect.Parameter(name, inspect.Parameter.KEYWORD_ONLY, default=Query(None, **options), annotation=kind)


FILTERS = [_parameter("name", str | None), _parameter("flag", bool | None), _parameter("ids", list[int] | None)]
PAGING = [_parameter("pageSize", int | None, ge=1), _parameter("numberToRead", int | None, deprecated=True)]


def test_values_by_name_with_defaults_for_what_was_not_sent():
    query = QueryParameters("Sample", FILTERS, PAGING)
    values, errors = query.parse(QueryParams("name=Fjord&pageSize=5&ids=1&ids=2&other=x"))
    assert errors == []
    assert values == {"name": "Fjord", "flag": None, "ids": [1, 2], "pageSize": 5, "numberToRead": None}


def test_a_name_two_groups_declare_is_read_once():
    query = QueryParameters("Sample", PAGING, [_parameter("numberToRead", int | None)])
    assert [p.name for p in query.parameters] == ["pageSize", "numberToRead"]
    assert query.parse(QueryParams("numberToRead=3"))[0]["numberToRead"] == 3


def test_every_wrong_value_is_reported_at_its_place_in_the_query():
    query = QueryParameters("Sample", FILTERS, PAGING)
    values, errors = query.parse(QueryParams("flag=maybe&pageSize=0&ids=x"))
    assert values == {}
    places = [(error["loc"], error["type"]) for error in errors]
    assert places == [
        (("query", "flag"), "bool_parsing"),
        (("query", "ids", 0), "int_parsing"),
        (("query", "pageSize"), "greater_than_equal"),
    ]


def test_wrong_filters_and_paging_are_refused_together(tenant):
    """Filters and paging were two dependencies; their problems are still reported in one answer, in order."""
    response = tenant.get("/customer", params={"expandAccountInformation": "maybe", "pageSize": "-1"})
    assert response.status_code == 400
    message = response.json()["message"]
    assert "Invalid query parameter 'expandAccountInformation': Input should be a valid boolean" in message
    assert "Invalid query parameter 'pageSize': Input should be greater than or equal to 1 (got '-1')" in message
    assert message.index("expandAccountInformation") < message.index("pageSize")


def test_the_list_reads_filters_and_pages(tenant):
    insert_customers(tenant, 5)
    response = tenant.get("/customer", params={"greaterThanValue": "C00002", "pageSize": 2, "pageNumber": 2})
    assert response.status_code == 200, response.text
    assert [item["number"] for item in response.json()] == ["C00005"]
    assert response.json()[0]["metadata"]["totalCount"] == 3


def test_the_document_keeps_the_parameters_one_by_one(app):
    """The documented twin shows them; the route before it, out of the document, answers (a twin that answered
    would fail every list test with its AssertionError)."""
    listing = app.openapi()["paths"]["/API/controller/api/v1/customer"]["get"]
    names = [parameter["name"] for parameter in listing["parameters"]]
    assert names[:3] == ["name", "status", "corporateId"]
    assert names[-6:] == ["pageNumber", "pageSize", "numberToRead", "skipRecords", "orderBy", "erp-api-background"]
    assert [p["name"] for p in listing["parameters"] if p.get("deprecated")] == [
        "numberToRead",
        "skipRecords",
        "orderBy",
    ]
