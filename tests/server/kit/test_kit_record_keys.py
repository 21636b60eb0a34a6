"""A record key's own hooks (`kit.records.RecordKey.assign`, `.ignored`), which `kit.resource` calls on create
and update: the defaults give the client's code and name a differing key as ignored; a domain key made
otherwise (the ledger's subaccount, from its segments: test_ledger_subaccounts.py) overrides them. Without a
database: a stand-in session answers the one query the default asks."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

from nettfin.server.kit.records import RecordKey
from nettfin.server.timecards.models import Department

KEY = RecordKey("departmentId", Department.department_id, "Department ID")


class Session:
    """Answers `taken`'s query: the keys in `existing` are taken."""

    def __init__(self, *existing: str) -> None:
        self.existing = existing

    def scalar(self, statement: Any, params: dict) -> Any:
        return 1 if params["key"] in self.existing else None


def test_the_default_assign_takes_the_clients_code_and_reports_a_taken_or_missing_one():
    record = SimpleNamespace(company_id=1, department_id=None)
    assert KEY.assign(Session(), record, {"departmentId": " W1 "}) == ([], [])
    assert record.department_id == "W1"
    problems, _ = KEY.assign(Session("W1"), SimpleNamespace(company_id=1), {"departmentId": "W1"})
    assert problems == ["'Department ID' 'W1' already exists; choose another."]
    assert KEY.assign(Session(), SimpleNamespace(company_id=1), {}) == (["'Department ID' cannot be empty."], [])


def test_the_default_ignored_names_a_key_that_differs_from_the_paths():
    assert KEY.ignored({"departmentId": "W2"}, "W1") == ["departmentId"]
    assert KEY.ignored({"departmentId": " W1 "}, "W1") == []
    assert KEY.ignored({"departmentId": "  "}, "W1") == []
    assert KEY.ignored({}, "W1") == []


class Renamed(RecordKey):
    """A key with hooks of its own: the code is upper-cased and an alias is ignored too."""

    def assign(self, session: Any, record: Any, changes: dict) -> tuple[list[str], list[str]]:
        record.department_id = changes["departmentId"].upper()
        return [], ["alias"] if "alias" in changes else []

    def ignored(self, changes: dict, key: str) -> list[str]:
        return [name for name in ("departmentId", "alias") if changes.get(name) not in (None, key)]


def test_a_subclass_overrides_both_hooks():
    key = Renamed("departmentId", Department.department_id, "Department ID")
    record = SimpleNamespace(company_id=1)
    assert key.assign(Session(), record, {"departmentId": "w1", "alias": "x"}) == ([], ["alias"])
    assert record.department_id == "W1"
    assert key.ignored({"alias": "X"}, "W1") == ["alias"]
