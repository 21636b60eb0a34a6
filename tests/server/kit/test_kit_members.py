"""The kit's nested members and extra filters (`kit.members`, `kit.filters`) and the declaration hooks the
read-only and two-DTO resources use (`viewed`, `get_filters`, `create_dto`, `missing`), without a database.
The API behaviour of the resources declared with them is in test_vat_api.py, test_ledger_periods.py and
test_employee_api.py."""

from __future__ import annotations

import asyncio
import inspect
from dataclasses import dataclass, field
from types import SimpleNamespace
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from nettfin.server.kit.errors import NotFound
from nettfin.server.kit.filters import DateSince, IsSet, Shows
from nettfin.server.kit.members import Attribute, Nested, Objects, Shape
from nettfin.server.kit.records import RecordKey
from nettfin.server.kit.resource import Computed, Member, Resource, Scalar, Texts
from nettfin.server.kit.resource_bodies import record_json
from nettfin.server.kit.resource_routes import criteria_dependency, resource_router
from nettfin.server.timecards.models import Department, Employee
from tests.factories import fixed_company

PART = Shape("PartDto", (Attribute("name", "name"), Computed("size", int, lambda part: part.size or None)))


@dataclass
class Part:
    name: str
    size: int = 0


@dataclass
class Row:
    department_id: str = "W1"
    description: str = ""
    parts: list[Part] = field(default_factory=list)
    main: Part | None = None


@dataclass(frozen=True)
class Seen(Member):
    """Reads the view it is given."""

    wire: str = "seen"
    viewed: bool = True

    def read(self, record: Any, view: frozenset[str]) -> Any:
        return ",".join(sorted(view)) or None


def declaration(**overrides) -> Resource:
    options = {
        "name": "gadget",
        "model": Department,
        "path": "/v1/gadget",
        "tag": "Gadget",
        "label": "Gadget",
        "key": RecordKey("gadgetId", Department.department_id, "Gadget ID"),
        "members": (
            Attribute("description", "description"),
            Nested("main", PART, lambda row: row.main),
            Objects("parts", PART, lambda row: row.parts),
            Seen(),
        ),
        "texts": Texts("List gadgets", "Get a gadget"),
        "dto": "GadgetDto",
        "operations": frozenset({"list", "get"}),
        "paged": False,
    }
    return Resource(**{**options, **overrides})


def test_nested_objects_and_lists_render_through_their_shape_leaving_out_members_without_a_value():
    row = Row(description="", parts=[Part("a", 2), Part("b")], main=Part("m"))
    assert declaration().render(row, frozenset()) == {
        "gadgetId": "W1",
        "description": "",  # an Attribute reads the column as stored
        "main": {"name": "m"},
        "parts": [{"name": "a", "size": 2}, {"name": "b"}],
    }
    assert "main" not in declaration().render(Row(), frozenset())
    assert declaration().render(Row(), frozenset())["parts"] == []


def test_one_shape_is_one_dto_class_wherever_it_is_used():
    fields = declaration().read_model.model_fields
    assert fields["main"].annotation == PART.read_model | None
    assert fields["parts"].annotation == list[PART.read_model] | None
    assert PART.read_model.__name__ == "PartDto"


def test_a_viewed_member_reads_the_flags_sent():
    assert declaration().render(Row(), frozenset({"b", "a"}))["seen"] == "a,b"
    assert "seen" not in declaration().render(Row(), frozenset())


def test_a_read_only_declaration_has_no_write_models_and_serves_only_gets():
    gadget = declaration()
    assert gadget.write_model is None and gadget.create_model is None
    assert {m for route in resource_router(gadget, fixed_company()).routes for m in route.methods} == {"GET"}


def test_a_single_get_takes_its_own_flag_parameters_and_a_record_without_a_row_version_has_no_etag():
    gadget = declaration(get_filters=(Shows("deep", "deepView"),))
    app = FastAPI()
    app.include_router(resource_router(gadget, fixed_company()))
    row = Row(parts=[Part("a")])
    app.state.db = None
    # The record comes from no database: the declaration's get use case renders it with the view it is given,
    # and it has no row version.
    object.__setattr__(
        gadget,
        "get_body",
        lambda db, *, company_id, key, view: (record_json(gadget.read_model, gadget.render(row, view)), None),
    )
    with TestClient(app) as client:
        plain = client.get("/v1/gadget/W1")
        deep = client.get("/v1/gadget/W1", params={"deep": "true"})
    assert plain.status_code == 200 and "seen" not in plain.json() and "etag" not in plain.headers
    assert deep.json()["seen"] == "deepView"


def test_a_create_dto_of_its_own_has_the_key_and_the_members_written_on_create():
    @dataclass(frozen=True)
    class UpdateOnly(Scalar):
        written_on: frozenset[str] = frozenset({"update"})

    gadget = declaration(
        members=(Scalar("description", "description", "Description"), UpdateOnly("note", "description", "Note")),
        write_dto="GadgetUpdateDto",
        create_dto="GadgetCreateDto",
        operations=frozenset({"list", "get", "create", "update"}),
    )
    assert list(gadget.create_model.model_fields) == ["gadgetId", "description"]
    assert list(gadget.write_model.model_fields) == ["description", "note"]
    assert gadget.create_model.__name__ == "GadgetCreateDto" and gadget.write_model.__name__ == "GadgetUpdateDto"
    # Without one, POST and PUT share the write DTO, key included.
    shared = declaration(
        members=(Scalar("description", "description", "Description"),),
        write_dto="GadgetUpdateDto",
        operations=frozenset({"list", "get", "create", "update"}),
    )
    assert shared.create_model is shared.write_model
    assert list(shared.write_model.model_fields) == ["gadgetId", "description"]


def test_a_declaration_may_word_its_not_found_text():
    session = SimpleNamespace(
        scalars=lambda statement: SimpleNamespace(unique=lambda: SimpleNamespace(first=lambda: None))
    )
    with pytest.raises(NotFound, match="^Gadget 'X' not found.$"):
        declaration().find(session, 1, "X")
    with pytest.raises(NotFound, match="^No gadget X here.$"):
        declaration(missing=lambda key: f"No gadget {key} here.").find(session, 1, "X")


def test_the_extra_filters_give_their_parameters_conditions_and_flags():
    gadget = declaration(
        model=Employee,
        key=RecordKey("employeeCd", Employee.number, "Employee ID"),
        filters=(
            DateSince("createdDateTime", "created_at"),
            IsSet("linkedToUser", "user_id"),
            Shows("vendor", "v", str),
        ),
    )
    dependency = criteria_dependency(gadget)
    assert list(inspect.signature(dependency).parameters) == [
        "createdDateTime",
        "createdDateTimeCondition",
        "linkedToUser",
        "vendor",
    ]
    sent = asyncio.run(
        dependency(createdDateTime="2024-01-01", createdDateTimeCondition=">=", linkedToUser=False, vendor="  ")
    )
    assert [str(c) for c in sent.conditions] == ["employee.created_at >= :created_at_1", "employee.user_id IS NULL"]
    assert sent.view == frozenset()  # a blank text shows nothing
    linked = asyncio.run(
        dependency(createdDateTime=None, createdDateTimeCondition=None, linkedToUser=True, vendor="70001")
    )
    assert [str(c) for c in linked.conditions] == ["employee.user_id IS NOT NULL"] and linked.view == {"v"}


def test_a_list_of_objects_without_items_has_no_value_and_one_with_no_items_is_empty():
    unexpanded = Objects("parts", PART, lambda row: None)
    assert unexpanded.read(Row(), frozenset()) is None
    assert Objects("parts", PART, lambda row: row.parts).read(Row(), frozenset()) == []


def test_a_member_named_as_a_pydantic_attribute_keeps_its_wire_name_in_the_dto():
    shape = Shape("CheckedDto", (Attribute("validate", "name"),))
    assert shape.read_model.model_json_schema()["properties"].keys() == {"validate"}
    assert shape.render(Part("yes")) == {"validate": "yes"}
