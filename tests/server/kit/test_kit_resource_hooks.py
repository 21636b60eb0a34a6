"""What a declaration (`kit.resource.Resource`) may add for a resource of its own kind, first used by the
inventory item: the name its record errors quote, a `prepare` step that loads what rendering needs in the
session that read the records, and members written in declaration order."""

from __future__ import annotations

from dataclasses import dataclass
from types import SimpleNamespace
from typing import Any

from nettfin.server.kit.records import RecordKey
from nettfin.server.kit.resource import Computed, Member, Resource, Texts, Writing
from nettfin.server.kit.wire import Value
from nettfin.server.timecards.models import Department
from tests.server.kit.test_kit_resource import declaration


@dataclass(frozen=True)
class Recorded(Member):
    """A write-only member that notes the order it is written in."""

    wire: str
    order: list

    def schema(self) -> Any:
        return None

    def write_schema(self) -> Any:
        return Value[str]

    def write(self, writing: Writing, record: Any, value: Any) -> list[str]:
        self.order.append(self.wire)
        return [f"'{self.wire}' is wrong."]


def test_record_errors_quote_the_record_name_when_it_is_not_the_label():
    assert declaration().record_name == "Widget"
    item = declaration(label="Inventory item", record="Inventory Item")
    assert (item.record_name, item.entity) == ("Inventory Item", "inventory item")


def test_members_are_written_in_declaration_order_whatever_the_bodys_order():
    order: list[str] = []
    widget = declaration(members=(Recorded("first", order), Recorded("second", order), Recorded("third", order)))
    writing = Writing(session=None, company_id=1, inserting=True, changes={"third": "c", "first": "a"})
    assert widget._apply(writing, SimpleNamespace()) == ["'first' is wrong.", "'third' is wrong."]
    assert order == ["first", "third"]


def test_prepare_sees_the_records_read_in_their_session_for_a_list_and_a_get(tenant):
    for number in ("P1", "P2"):
        assert tenant.post("/department", {"departmentId": number, "description": {"value": number}}).status_code == 201
    seen: list[tuple[list[str], bool]] = []

    def prepare(session, company_id, records, view) -> None:
        assert company_id == tenant.company_id
        seen.append(([r.department_id for r in records], session.is_active))
        for record in records:
            record.prepared = f"prepared {record.department_id}"

    departments = Resource(
        name="department",
        model=Department,
        path="/v1/department",
        tag="Department",
        label="Department",
        key=RecordKey("departmentId", Department.department_id, "Department ID"),
        members=(Computed("prepared", str, lambda record: record.prepared),),
        texts=Texts("List", "Get", "Create", "Update"),
        dto="PreparedDepartmentDto",
        write_dto="PreparedDepartmentUpdateDto",
        paged=False,
        prepare=prepare,
    )
    criteria = SimpleNamespace(conditions=(), signature=(), view=frozenset())
    rows, _ = departments.records(tenant.database, company_id=tenant.company_id, criteria=criteria, page=None)
    record = departments.get(tenant.database, company_id=tenant.company_id, key="P2")
    assert seen == [(["P1", "P2"], True), (["P2"], True)]
    assert [departments.render(row)["prepared"] for row in rows] == ["prepared P1", "prepared P2"]
    assert departments.render(record) == {"departmentId": "P2", "prepared": "prepared P2"}
