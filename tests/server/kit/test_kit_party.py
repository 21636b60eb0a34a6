"""The kit's party members (`kit.party`) and what the kit gained for them (`kit.resource`: compact members,
`read_required`, `prepare`; `kit.resource_bodies`; `resource_router` after a resource's own routes), without a
database. The API behaviour is in test_customer_api.py and test_supplier_api.py."""

from __future__ import annotations

import json
from contextlib import contextmanager
from dataclasses import dataclass, field
from decimal import Decimal
from types import SimpleNamespace

import pytest
from fastapi import APIRouter
from pydantic import BaseModel

from nettfin.server.kit.party import (
    ClassDefaults,
    Code,
    Figure,
    Shown,
    address,
    address_view,
    contact,
    contact_view,
)
from nettfin.server.kit.records import RecordKey
from nettfin.server.kit.render import _RENDER_NULLS
from nettfin.server.kit.resource import Computed, Criteria, Resource, Scalar, Texts, Writing
from nettfin.server.kit.resource_bodies import resource_json
from nettfin.server.kit.resource_routes import resource_router
from nettfin.server.receivables.models import Customer
from nettfin.server.timecards.models import Department, Employee
from tests.factories import fixed_company


class Inner(BaseModel):
    a: str | None = None
    b: str | None = None


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
            Computed("loose", Inner, lambda record: {"a": "x", "b": None}),
            Shown("tight", list[Inner], lambda record: [{"a": "y"}]),
        ),
        "texts": Texts("List widgets", "Get a widget", "Create a widget", "Update a widget", "The widget's id."),
        "dto": "WidgetDto",
        "write_dto": "WidgetUpdateDto",
        "paged": False,
    }
    return Resource(**{**options, **overrides})


@dataclass
class Row:
    department_id: str = "W1"
    description: str = "Blue"
    main_address: dict = field(default_factory=dict)


def test_a_members_object_has_its_nulls_left_out_unless_the_member_is_compact():
    assert declaration().render(Row()) == {
        "widgetId": "W1",
        "description": "Blue",
        "loose": {"a": "x"},
        "tight": [{"a": "y"}],
    }


def test_read_required_members_are_required_in_the_read_dto_and_the_others_optional():
    schema = declaration(read_required=frozenset({"description"})).read_model.model_json_schema()
    assert schema["required"] == ["description"]
    assert "required" not in declaration().read_model.model_json_schema()


def test_the_body_is_written_as_rendered_and_with_nulls_filled_in_from_the_dto_for_render_nulls():
    widget = declaration()
    body = widget.render(Row())
    assert json.loads(resource_json(widget.read_model, body).body) == body
    token = _RENDER_NULLS.set(True)
    try:
        filled = json.loads(resource_json(widget.read_model, [widget.render(Row(description=""))]).body)
    finally:
        _RENDER_NULLS.reset(token)
    assert filled == [
        {"widgetId": "W1", "description": None, "loose": {"a": "x", "b": None}, "tight": [{"a": "y", "b": None}]}
    ]


class Found(list):
    def first(self):
        return self[0]

    def unique(self):
        return self


class FakeDatabase:
    """A database whose every query finds the same row (its id, when the query asks for ids)."""

    @contextmanager
    def reading(self):
        def scalars(statement):
            ids = statement.column_descriptions[0]["name"] == "id"
            return Found([1] if ids else [SimpleNamespace(**vars(Row()), id=1)])

        yield SimpleNamespace(scalars=scalars)


def test_prepare_sees_the_rows_of_a_list_with_its_flags_and_a_single_record_with_every_flag():
    calls = []
    widget = declaration(
        members=(Computed("secret", str, lambda record: "s", when="includeSecret"),),
        prepare=lambda session, company_id, rows, view: calls.append((len(rows), view)),
    )
    widget.records(FakeDatabase(), company_id=1, criteria=Criteria((), (), frozenset()), page=None)
    widget.get(FakeDatabase(), company_id=1, key="W1")
    assert calls == [(1, frozenset()), (1, frozenset({"includeSecret"}))]


def test_a_resources_own_routes_come_before_its_key_routes():
    own = APIRouter(prefix="/v1/widget", tags=["Widget"])

    @own.get("/special")
    def special() -> None: ...

    paths = [route.path for route in resource_router(declaration(), fixed_company(), own).routes]
    assert paths[0] == "/v1/widget/special" and "/v1/widget/{widgetId}" in paths[1:]


def test_addresses_and_contacts_render_without_empty_members():
    assert address_view(None) == {} and contact_view({}) == {}
    rendered = address_view({"addressLine1": "Gate 1", "countryId": "NO", "county": "03"})
    assert rendered == {
        "addressLine1": "Gate 1",
        "country": {"id": "NO", "name": "Norway"},
        "county": {"id": "03", "name": "03"},
    }
    assert contact_view({"email": "a@example.no", "fax": None}) == {"email": "a@example.no"}


def writing(changes: dict, *, inserting: bool = False) -> Writing:
    return Writing(session=None, company_id=1, inserting=inserting, changes=changes)


def test_an_address_is_patched_member_by_member_with_its_country_upper_cased_and_checked():
    member = address("mainAddress", "main_address")
    row = Row(main_address={"addressLine1": "Gate 1", "city": "Oslo"})
    assert member.write(writing({}), row, {"city": None, "countryId": "no"}) == []
    assert row.main_address == {"addressLine1": "Gate 1", "countryId": "NO"}
    assert member.write(writing({}), row, {"countryId": "XX"}) == [
        "mainAddress: Country 'XX' cannot be found in the system."
    ]


def test_a_read_shaped_address_or_contact_is_taken_as_the_write_shape():
    model = declaration(members=(address("mainAddress", "main_address", read_shaped=True),)).write_model
    body = model.model_validate({"mainAddress": {"city": "Oslo", "country": {"id": "NO", "name": "NORGE"}}})
    assert body.changes() == {"mainAddress": {"city": "Oslo", "countryId": "NO"}}
    strict = declaration(members=(contact("mainContact", "main_contact"),)).write_model
    with pytest.raises(ValueError, match="wrapped"):
        strict.model_validate({"mainContact": {"email": "a@example.no"}})


@dataclass
class Figures:
    credit_limit: Decimal = Decimal(0)


def test_a_figure_cannot_be_negative_or_above_its_maximum():
    figure = Figure("creditLimit", "credit_limit", "Credit limit", kind=Decimal, cleared=Decimal(0), maximum=100)
    assert figure.write(writing({}), Figures(), Decimal(-1)) == ["'Credit limit' cannot be less than 0."]
    assert figure.write(writing({}), Figures(), Decimal(101)) == ["'Credit limit' cannot be greater than 100."]
    assert figure.schema() is not Decimal  # documented as a JSON number


def test_a_code_is_write_only_and_a_record_cannot_name_itself(monkeypatch):
    parent = Code("parentRecordNumber", "parent", Customer.number, "Parent account", "'Parent account' cannot be...")
    assert parent.schema() is None and parent.write_schema() is not None
    record = SimpleNamespace(parent=None)
    monkeypatch.setattr("nettfin.server.kit.party.resolve_code", lambda *args: (record, []))
    assert parent.write(writing({}), record, "10001") == ["'Parent account' cannot be..."]
    assert record.parent is None


def test_class_defaults_fill_what_the_body_left_out_on_create_and_on_an_override_of_the_class():
    defaults = ClassDefaults("party_class", "partyClassId", (("vatZoneId", "vat_zone"), ("creditTermsId", "terms")))
    found = SimpleNamespace(vat_zone="01", terms=None)

    def record() -> SimpleNamespace:
        return SimpleNamespace(party_class=found, vat_zone=None, terms="30")

    created = record()
    assert defaults.apply(writing({}, inserting=True), created) is found
    assert created.vat_zone == "01" and created.terms == "30"  # the class has no terms: the record's stay
    updated = record()
    defaults.apply(writing({"partyClassId": "1"}), updated)
    assert updated.vat_zone is None  # no overrideWithClassValues
    overridden = record()
    defaults.apply(writing({"partyClassId": "1", "overrideWithClassValues": True, "vatZoneId": None}), overridden)
    assert overridden.vat_zone is None  # the body sent it


def test_an_address_on_any_record_reads_as_the_address_dto_and_is_patched_member_by_member():
    member = address("address", "address")
    record = Employee(address={"city": "Oslo", "countryId": "NO"})
    writing = SimpleNamespace(session=None, company_id=1, inserting=False, changes={})
    assert member.write(writing, record, {"countryId": "se", "postalCode": "111 22"}) == []
    assert record.address == {"city": "Oslo", "countryId": "SE", "postalCode": "111 22"}
    assert member.read(record)["country"]["id"] == "SE"
    assert member.write(writing, record, {"countryId": "XX"}) == [
        "address: Country 'XX' cannot be found in the system."
    ]
