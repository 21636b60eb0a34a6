"""The demo company's company tree and time cards: with the printed demo token (demo@nettfin.local, employee
E001, company 1) both outcomes of the knowledge base's time card rule can be tried at once, and the seed is
deterministic."""

from __future__ import annotations

import pytest

from tests.party_factories import DEMO_API, assert_real, seeded_demo
from tests.timecard_factories import COMPANY_TREE_MESSAGE, time_card


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    with seeded_demo(tmp_path_factory.mktemp("time-card-demo")) as client:
        yield client


def post(demo, employee: str, week: str):
    return demo.post(f"{DEMO_API}/timeCard", json=time_card(employee, week))


@pytest.mark.parametrize("employee", ["E001", "E002", "E004", "E009", "E010"])
def test_the_demo_user_may_enter_time_for_its_own_record_and_below_its_delegations(demo, employee):
    response = post(demo, employee, "202002")
    assert response.status_code == 201, response.text


@pytest.mark.parametrize("employee", ["E005", "E006", "E007", "E008"])
def test_the_demo_user_gets_the_articles_message_for_lager_and_it(demo, employee):
    response = post(demo, employee, "202002")
    assert response.status_code == 400
    assert response.json()["message"].endswith(COMPANY_TREE_MESSAGE)


def test_the_demo_tree_shows_in_the_employees_work_groups(demo):
    groups = {e["employeeNumber"]: e["workGroupDescription"] for e in demo.get(f"{DEMO_API}/employee").json()}
    assert groups["E001"] == ["Ledelse"]
    assert groups["E004"] == ["Ansatte", "Salg"]
    assert groups["E009"] == ["Ansatte", "Salg Nord"]


def test_the_demo_has_cards_in_every_status_but_rejected_and_they_are_real_time_card_dtos(demo):
    cards = []
    for status in ("Hold", "Open", "Approved", "Rejected", "Released"):
        cards += demo.get(f"{DEMO_API}/timeCard", params={"status": status, "week": "201946"}).json()
        cards += demo.get(f"{DEMO_API}/timeCard", params={"status": status, "week": "201945"}).json()
        cards += demo.get(f"{DEMO_API}/timeCard", params={"status": status, "week": "201947"}).json()
    assert sorted((c["refNbr"], c["employee"]["number"], c["status"]) for c in cards) == [
        ("000001", "E001", "Released"),
        ("000002", "E003", "Approved"),
        ("000003", "E004", "Open"),
        ("000004", "E004", "Hold"),
        ("000005", "E005", "Hold"),
    ]
    for card in cards:
        assert_real(card, "time-card", "TimeCardDto")
    open_card = next(c for c in cards if c["refNbr"] == "000003")
    assert (open_card["overtimeSpent"], open_card["materials"][0]["itemId"]) == (120, "1010")


def test_the_demo_user_cannot_change_lagers_card_but_can_change_salgs(demo):
    change = {"summary": [{"operation": "Update", "lineNumber": {"value": 1}, "sat": {"value": 60}}]}
    refused = demo.put(f"{DEMO_API}/timeCard/000005", json=change)
    assert refused.status_code == 400 and refused.json()["message"].endswith(COMPANY_TREE_MESSAGE)
    assert demo.put(f"{DEMO_API}/timeCard/000004", json=change).status_code == 204


def test_the_demo_time_cards_are_the_same_every_time(tmp_path):
    bodies = []
    for name in ("a", "b"):
        (tmp_path / name).mkdir()
        with seeded_demo(tmp_path / name, fresh=True) as client:
            bodies.append(client.get(f"{DEMO_API}/timeCard", params={"type": "Normal"}).content)
    assert bodies[0] == bodies[1]
