"""The demo company's employees: ten of them, the demo user among them (for the time cards to come), and
the seed is deterministic."""

from __future__ import annotations

import pytest

from nettfin.server.demo.seed import DEMO_EMAIL
from tests.party_factories import DEMO_API, assert_real, seeded_demo


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    with seeded_demo(tmp_path_factory.mktemp("employee-demo")) as client:
        yield client


def test_the_demo_has_ten_employees_in_departments_and_classes(demo):
    employees = demo.get(f"{DEMO_API}/employee").json()
    assert [e["employeeNumber"] for e in employees] == [f"E{n:03d}" for n in range(1, 11)]
    assert {e["department"] for e in employees} == {"ADM", "SALG", "LAGER", "IT"}
    assert {e["employeeClass"]["id"] for e in employees} == {"ANSATT", "KONSULENT"}
    for employee in employees:
        assert_real(employee, "employee", "EmployeeDto")


def test_the_demo_user_is_employee_e001_and_the_only_one_linked_to_a_user(demo):
    linked = demo.get(f"{DEMO_API}/employee", params={"linkedToUser": "true"}).json()
    assert [(e["employeeNumber"], e["employeeLogin"], e["employeeName"]) for e in linked] == [
        ("E001", DEMO_EMAIL, "Demo Bruker")
    ]
    assert linked[0]["workGroupDescription"] == ["Ledelse"]


def test_the_demo_seed_is_deterministic(tmp_path):
    bodies = []
    for name in ("a", "b"):
        (tmp_path / name).mkdir()
        with seeded_demo(tmp_path / name, fresh=True) as client:
            bodies.append(client.get(f"{DEMO_API}/employee").content)
    assert bodies[0] == bodies[1]
