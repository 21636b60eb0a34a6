"""The resource kit on its own (`kit.resource`, `kit.resource_routes`): what a declaration makes of its members
and filters, without a database. The API behaviour of declared resources is in test_department_api.py and
test_ledger_accounts.py."""

from __future__ import annotations

import asyncio
import inspect
from dataclasses import dataclass
from types import SimpleNamespace

import pytest
from pydantic import ValidationError

from nettfin.server.kit.records import RecordKey
from nettfin.server.kit.resource import (
    TIME_STAMP,
    Computed,
    Equals,
    Flag,
    GreaterThan,
    Ignored,
    ModifiedSince,
    Resource,
    Scalar,
    Texts,
)
from nettfin.server.kit.resource_routes import criteria_dependency, resource_router
from nettfin.server.ledger.accounts import ACCOUNT
from nettfin.server.timecards.departments import DEPARTMENT
from nettfin.server.timecards.models import Department
from tests.factories import fixed_company


def declaration(**overrides) -> Resource:
    options = {
        "name": "widget",
        "model": Department,
        "path": "/v1/widget",
        "tag": "Widget",
        "label": "Widget",
        "key": RecordKey("widgetId", Department.department_id, "Widget ID"),
        "members": (
            Scalar("description", "description", "Description"),
            Computed("secret", str, lambda record: "shown", when="includeSecret"),
            TIME_STAMP,
        ),
        "texts": Texts("List widgets", "Get a widget", "Create a widget", "Update a widget", "The widget's id."),
        "dto": "WidgetDto",
        "write_dto": "WidgetUpdateDto",
        "filters": (GreaterThan(), Flag("includeSecret"), Equals("description", "description")),
    }
    return Resource(**{**options, **overrides})


@dataclass
class Row:
    department_id: str = "W1"
    description: str = ""
    row_version: int = 3


def test_the_key_reads_first_and_members_without_a_value_are_left_out():
    widget = declaration()
    assert widget.render(Row(description="")) == {"widgetId": "W1", "secret": "shown", "timeStamp": "AAAAAAAAAAM="}
    assert list(widget.render(Row(description="Blue"))) == ["widgetId", "description", "secret", "timeStamp"]


def test_a_flagged_member_is_in_a_list_only_when_asked_and_always_on_a_single_record():
    widget = declaration()
    assert "secret" not in widget.render(Row(), frozenset())
    assert widget.render(Row(), frozenset({"includeSecret"}))["secret"] == "shown"
    assert widget.render(Row())["secret"] == "shown"


def test_the_read_model_documents_every_read_member_and_metadata_only_when_paged():
    assert list(declaration().read_model.model_fields) == ["widgetId", "description", "secret", "timeStamp", "metadata"]
    assert "metadata" not in declaration(paged=False).read_model.model_fields
    assert declaration().read_model.__name__ == "WidgetDto"


def test_the_write_model_wraps_members_and_takes_the_key_plain_or_wrapped():
    plain = declaration().write_model.model_validate({"widgetId": "W2", "description": {"value": "Red"}})
    assert plain.changes() == {"widgetId": "W2", "description": "Red"}
    wrapped = declaration(key_wrapped=True).write_model.model_validate({"widgetId": {"value": "W3"}})
    assert wrapped.changes() == {"widgetId": "W3"}
    with pytest.raises(ValidationError, match="wrapped"):
        declaration().write_model.model_validate({"description": "Red"})
    # Read-only members cannot be sent: they are not in the write model, and so are ignored and named.
    ignored = declaration().write_model.model_validate({"secret": {"value": "x"}, "timeStamp": "y"})
    assert ignored.ignored_fields() == ["secret", "timeStamp"]


def test_write_only_members_are_not_read():
    account = ACCOUNT.read_model.model_fields
    assert "extenalCode1" in ACCOUNT.write_model.model_fields and "extenalCode1" not in account
    assert "externalCode1Info" in account and "externalCode1Info" not in ACCOUNT.write_model.model_fields


def test_filters_become_query_parameters_in_declaration_order():
    names = list(inspect.signature(criteria_dependency(DEPARTMENT)).parameters)
    assert names == [
        "greaterThanValue",
        "numberToRead",
        "skipRecords",
        "orderBy",
        "lastModifiedDateTime",
        "lastModifiedDateTimeCondition",
    ]
    assert (
        "orderBy"
        not in inspect.signature(criteria_dependency(declaration(filters=(Ignored(order_by=False),)))).parameters
    )


def test_criteria_hold_the_conditions_the_flags_and_a_signature_of_what_was_sent():
    widget = declaration(filters=(GreaterThan(), Flag("includeSecret"), Equals("description", "description")))
    criteria = asyncio.run(criteria_dependency(widget)(greaterThanValue="W1", includeSecret=True, description="  "))
    assert len(criteria.conditions) == 1  # a blank text filters nothing
    assert criteria.view == frozenset({"includeSecret"})
    assert criteria.signature == (("description", "  "), ("greaterThanValue", "W1"), ("includeSecret", "True"))
    none = asyncio.run(criteria_dependency(widget)(greaterThanValue=None, includeSecret=None, description=None))
    assert none.conditions == () and none.view == frozenset() and none.signature == ()


def test_a_last_change_filter_without_its_condition_is_refused():
    from nettfin.server.kit.errors import BusinessError

    widget = declaration(filters=(ModifiedSince(),))
    with pytest.raises(BusinessError, match="lastModifiedDateTimeCondition"):
        asyncio.run(criteria_dependency(widget)(lastModifiedDateTime="2024-01-01", lastModifiedDateTimeCondition=None))


def test_the_router_serves_the_declared_operations_under_the_key_parameter():
    routes = {
        (method, route.path) for route in resource_router(ACCOUNT, fixed_company()).routes for method in route.methods
    }
    assert routes == {
        ("GET", "/v1/account"),
        ("GET", "/v1/account/{accountCd}"),
        ("POST", "/v1/account"),
        ("PUT", "/v1/account/{accountCd}"),
    }
    read_only = declaration(operations=frozenset({"list", "get"}))
    assert {m for route in resource_router(read_only, fixed_company()).routes for m in route.methods} == {"GET"}


def test_a_scalar_write_stores_the_cleared_value_and_reports_what_cannot_be_stored():
    member = Scalar("description", "description", "Description", cleared="")
    record = Department(department_id="X", description="Old")
    writing = SimpleNamespace(session=None, company_id=1, inserting=False, changes={})
    assert member.write(writing, record, None) == [] and record.description == ""
    assert member.write(writing, record, "  New  ") == [] and record.description == "New"
    assert member.write(writing, record, "x" * 61) == [
        "'Description' is too long: 61 characters, at most 60 are allowed."
    ]
    assert record.description == "New"
    required = Scalar("description", "description", "Description", required=True)
    assert required.write(writing, record, " ") == ["'Description' cannot be empty."]
