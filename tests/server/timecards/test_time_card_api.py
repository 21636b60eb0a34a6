"""Time cards (reference 3.7, EP305000) through the app on both databases: create, read, the required filter,
line operations, computed totals, the status flow Hold -> Open -> Approved / Rejected -> Released through the
actions, one Normal card per employee and week, corrections, and company isolation."""

from __future__ import annotations

import re
import uuid
from datetime import UTC, datetime

import pytest
from typer.testing import CliRunner

from nettfin.cli.main import app as cli
from nettfin.server.timecards.models import EarningType
from nettfin.server.timecards.weeks import next_week, parse_week, week_description, week_of
from tests.party_factories import insert_items
from tests.project_factories import add_project
from tests.timecard_factories import (
    add_group,
    add_member,
    created_ref,
    delegate,
    error_of,
    link,
    release,
    staffed,
    summary_line,
    time_card,
)


@pytest.fixture
def office(tenant):
    """E001 is the tenant user's own record and owns Ledelse; E002 and E003 are in Kontor below it; the user
    holds "=>" on Ledelse."""
    staffed(tenant, "E001", "E002", "E003")
    link(tenant, "E001")
    add_group(tenant, "Ledelse")
    add_group(tenant, "Kontor", "Ledelse")
    add_member(tenant, "Ledelse", "E001", owner=True)
    add_member(tenant, "Kontor", "E002")
    add_project(tenant, "PRJ1", "T1")
    add_member(tenant, "Kontor", "E003")
    delegate(tenant, "Ledelse")
    return tenant


def card_of(tenant, ref: str) -> dict:
    response = tenant.get(f"/timeCard/{ref}")
    assert response.status_code == 200, response.text
    return response.json()


def refs(response) -> list[str]:
    assert response.status_code == 200, response.text
    return [card["refNbr"] for card in response.json()]


def act(tenant, ref: str, action: str, **kwargs) -> dict:
    response = tenant.post(f"/timeCard/{ref}/action/{action}", **kwargs)
    assert response.status_code == 200, response.text
    return response.json()


# --- create and read --------------------------------------------------------------------------------------------


def test_post_gives_201_with_the_location_of_the_reference_number_and_an_etag(office):
    response = office.post("/timeCard", time_card("E002"))
    assert response.status_code == 201 and response.content == b""
    assert response.headers["Location"] == "http://testserver/API/controller/api/v1/timeCard/000001"
    assert response.headers["ETag"] == f'"{card_of(office, "000001")["timeStamp"]}"'
    assert created_ref(office.post("/timeCard", time_card("E003"))) == "000002"


def test_a_new_card_reads_back_on_hold_with_its_week_employee_lines_and_computed_totals(office):
    overtime = {"operation": "Insert", "earningType": {"value": "OT"}, "mon": {"value": 90}}
    overtime["invoiceable"] = {"value": False}
    ref = created_ref(office.post("/timeCard", time_card("E002", "202415", summary_line("RG", 450), overtime)))
    card = card_of(office, ref)
    assert (card["status"], card["approvalStatus"], card["type"]) == ("Hold", "New", "Normal")
    assert "origRefNbr" not in card
    assert card["week"] == {"number": "202415", "description": "15-2024 (08.04.2024 - 14.04.2024)"}
    assert card["employee"]["number"] == "E002" and card["employee"]["name"] == "Kari Nordmann"
    assert (card["timeSpent"], card["invoiceable"], card["overtimeSpent"], card["invoiceableOvertime"]) == (
        2250,
        2250,
        90,
        0,
    )
    assert (card["totalTimeSpent"], card["invoiceableTotalTime"]) == (2340, 2250)
    regular, extra = card["summary"]
    assert (regular["lineNumber"], regular["mon"], regular["sat"], regular["timeSpent"]) == (1, 450, 0, 2250)
    assert regular["earningType"]["code"] == "RG" and regular["earningType"]["isOvertime"] is False
    assert regular["invoiceable"] is True  # the earning type's default
    assert (extra["lineNumber"], extra["earningType"]["code"], extra["earningType"]["isOvertime"]) == (2, "OT", True)
    assert extra["earningType"]["overtimeMultiplier"] == 1.5 and extra["invoiceable"] is False
    assert uuid.UUID(regular["lineId"]) and card_of(office, ref)["summary"][0]["lineId"] == regular["lineId"]
    assert card["materials"] == [] and "metadata" not in card


def test_multipliers_and_scales_are_exact_on_the_wire(office):
    ref = created_ref(office.post("/timeCard", time_card("E002", "202415", summary_line("OT", 60))))
    raw = office.get(f"/timeCard/{ref}").text
    assert '"overtimeMultiplier":1.5000' in raw


def test_without_a_week_a_card_takes_the_week_after_the_employees_latest_card(office):
    created_ref(office.post("/timeCard", time_card("E002", "202452")))
    ref = created_ref(office.post("/timeCard", time_card("E002", None)))
    assert card_of(office, ref)["week"]["number"] == "202501"


def test_the_first_card_without_a_week_is_for_the_current_iso_week(office):
    before = week_of(datetime.now(UTC).date())
    ref = created_ref(office.post("/timeCard", time_card("E002", None)))
    assert int(card_of(office, ref)["week"]["number"]) in {before, week_of(datetime.now(UTC).date())}


@pytest.mark.parametrize("week", ["202453", "202400", "2024-15", "15", "abcdef"])
def test_a_week_that_is_no_iso_week_is_refused_with_the_format(office, week):
    message = error_of(office.post("/timeCard", time_card("E002", week)))
    assert f"Error: 'Week' '{week}' is not a valid week; give it as YYYYWW, an ISO week" in message


def test_week_53_exists_only_in_the_years_that_have_one(office):
    created_ref(office.post("/timeCard", time_card("E002", "202053")))
    assert "is not a valid week" in error_of(office.post("/timeCard", time_card("E002", "202153")))


def test_a_second_normal_card_for_the_same_employee_and_week_is_refused_and_nothing_is_written(office):
    first = created_ref(office.post("/timeCard", time_card("E002", "202415")))
    message = error_of(office.post("/timeCard", time_card("E002", "202415")))
    assert message.startswith("Error inserting the time card. Error: Inserting 'Time Card' record raised")
    assert (
        f"Error: Employee 'E002' already has a time card for week 15-2024 (08.04.2024 - 14.04.2024) ('{first}'); "
        "one time card per employee and week." in message
    )
    assert refs(office.get("/timeCard", params={"employeeCd": "E002"})) == [first]
    created_ref(office.post("/timeCard", time_card("E003", "202415")))


def test_an_unknown_employee_or_an_inactive_one_is_refused(office):
    message = error_of(office.post("/timeCard", time_card("E999")))
    assert "Error: Employee 'E999' cannot be found in the system." in message
    assert office.put("/employee/E003", {"status": {"value": "Inactive"}}).status_code == 204
    assert "Error: Employee 'E003' is inactive." in error_of(office.post("/timeCard", time_card("E003")))


# --- lists ------------------------------------------------------------------------------------------------------


def test_the_list_needs_a_filter_and_says_which_ones(office):
    created_ref(office.post("/timeCard", time_card("E002")))
    for params in ({}, {"greaterThanValue": "0"}, {"numberToRead": "5"}):
        message = error_of(office.get("/timeCard", params=params))
        assert message == (
            "Getting time cards needs a filter: give at least one of status, week, type, employeeCd, or "
            "lastModifiedDateTime with lastModifiedDateTimeCondition."
        )


def test_the_list_filters_by_status_week_type_employee_and_last_modified(office):
    first = created_ref(office.post("/timeCard", time_card("E002", "202415")))
    second = created_ref(office.post("/timeCard", time_card("E002", "202416")))
    third = created_ref(office.post("/timeCard", time_card("E003", "202416")))
    act(office, second, "submit")
    assert refs(office.get("/timeCard", params={"status": "hold"})) == [first, third]
    assert refs(office.get("/timeCard", params={"status": "Open"})) == [second]
    assert refs(office.get("/timeCard", params={"week": "202416"})) == [second, third]
    assert refs(office.get("/timeCard", params={"type": "Normal", "employeeCd": "E002"})) == [first, second]
    assert refs(office.get("/timeCard", params={"type": "Correction"})) == []
    assert refs(office.get("/timeCard", params={"week": "202416", "greaterThanValue": second})) == [third]
    modified = card_of(office, second)["lastModifiedDateTime"]
    since = {"lastModifiedDateTime": modified, "lastModifiedDateTimeCondition": ">="}
    assert refs(office.get("/timeCard", params=since)) == [second]
    assert refs(office.get("/timecard", params={"STATUS": "Hold", "numberToRead": 1, "skipRecords": 1})) == [third]


def test_invalid_filter_values_are_400s_naming_the_parameter(office):
    assert "parameter 'week' is not a valid week" in error_of(office.get("/timeCard", params={"week": "2024"}))
    assert "'status'" in error_of(office.get("/timeCard", params={"status": "Draft"}))
    assert "'type'" in error_of(office.get("/timeCard", params={"type": "Weird"}))
    half = {"lastModifiedDateTime": "2024-01-01"}
    assert "lastModifiedDateTimeCondition" in error_of(office.get("/timeCard", params=half))


def test_an_employees_time_cards_need_no_filter_and_an_unknown_employee_is_404(office):
    first = created_ref(office.post("/timeCard", time_card("E002", "202415")))
    second = created_ref(office.post("/timeCard", time_card("E002", "202416")))
    created_ref(office.post("/timeCard", time_card("E003", "202416")))
    assert refs(office.get("/employee/E002/timecards")) == [first, second]
    assert refs(office.get("/employee/E002/timecards", params={"week": "202416"})) == [second]
    # The real document's employeeCd query parameter does not override the path.
    assert refs(office.get("/employee/E002/timecards", params={"employeeCd": "E003"})) == [first, second]
    assert refs(office.get("/employee/E001/timecards")) == []
    response = office.get("/employee/E999/timecards")
    assert response.status_code == 404 and "Employee 'E999' not found." in response.json()["message"]


def test_an_unknown_reference_number_is_404_everywhere(office):
    for response in (
        office.get("/timeCard/000042"),
        office.put("/timeCard/000042", {"summary": []}),
        office.post("/timeCard/000042/action/submit"),
    ):
        assert response.status_code == 404
        assert response.json()["message"].endswith("Time card '000042' not found.")


def test_the_legacy_and_current_paths_serve_the_same_card_and_b64_keys_work(office):
    ref = created_ref(office.post("/timeCard", time_card("E002")))
    legacy = office.get(f"/timeCard/{ref}").json()
    current = office.client.get(f"/v1/timecard/{ref}", headers=office.headers).json()
    encoded = f"b64({__import__('base64').urlsafe_b64encode(ref.encode()).decode().rstrip('=')})"
    assert legacy == current == office.get(f"/timeCard/{encoded}").json()


# --- changing a card --------------------------------------------------------------------------------------------


def test_put_changes_lines_by_operation_and_recomputes_the_totals(office):
    ref = created_ref(
        office.post("/timeCard", time_card("E002", "202415", summary_line("RG", 450), summary_line("OT", 30)))
    )
    before = office.get(f"/timeCard/{ref}")
    change = {
        "summary": [
            {"operation": "Update", "lineNumber": {"value": 1}, "mon": {"value": 480}, "description": {"value": "x"}},
            {"operation": "Delete", "lineNumber": {"value": 2}},
            {"operation": "Insert", "earningType": {"value": "RG"}, "sat": {"value": 120}},
            {"lineNumber": {"value": 1}, "project": {"value": "PRJ1"}, "projectTask": {"value": "T1"}},
        ]
    }
    response = office.put(f"/timeCard/{ref}", change)
    assert response.status_code == 204 and response.content == b""
    card = card_of(office, ref)
    assert response.headers["ETag"] == f'"{card["timeStamp"]}"' != before.headers["ETag"]
    assert [(line["lineNumber"], line["mon"], line["sat"]) for line in card["summary"]] == [(1, 480, 0), (3, 0, 120)]
    first = card["summary"][0]
    assert first["project"] == {"id": "PRJ1"} and first["projectTask"]["id"] == "T1"
    assert first["description"] == "x"
    assert (card["timeSpent"], card["overtimeSpent"], card["totalTimeSpent"]) == (2400, 0, 2400)


def test_line_problems_are_all_reported_and_nothing_is_written(office):
    ref = created_ref(office.post("/timeCard", time_card("E002", "202415", summary_line("RG", 450))))
    before = card_of(office, ref)
    change = {
        "summary": [
            {"operation": "Update", "lineNumber": {"value": 9}, "mon": {"value": 60}},
            {"operation": "Insert", "lineNumber": {"value": 1}},
            {"operation": "Insert", "earningType": {"value": "XX"}},
            {"operation": "Insert", "tue": {"value": -5}},
            {"operation": "Insert", "wed": {"value": 1500}},
            {"operation": "Insert", "mon": {"value": 1000}, "description": {"value": "d" * 256}},
            {"operation": "Delete"},
        ]
    }
    message = error_of(office.put(f"/timeCard/{ref}", change))
    assert message.startswith("Error updating the time card. Error: Updating 'Time Card' record raised")
    for expected in (
        "summary[0]: Line 9 is not on the time card.",
        "summary[1]: Line 1 is already on the time card.",
        "summary[2]: Earning type 'XX' cannot be found in the system.",
        "summary[3]: 'Tue' must be between 0 and 1440 minutes, not -5.",
        "summary[4]: 'Wed' must be between 0 and 1440 minutes, not 1500.",
        "summary[5]: 'Description' is too long: 256 characters, at most 255 are allowed.",
        "summary[6]: 'Line number' cannot be empty.",
        "The time reported for Monday is 1450 minutes; a day has at most 1440 minutes (24 hours).",
    ):
        assert f"Error: {expected}\r\n" in message
    assert card_of(office, ref) == before
    # A line number past a .NET int is refused at the edge, before the card is looked at.
    too_large = {"summary": [{"operation": "Insert", "lineNumber": {"value": 2**31}}]}
    message = error_of(office.put(f"/timeCard/{ref}", too_large))
    assert "Invalid field 'summary.0.lineNumber.value': must be an integer from -2147483648 to 2147483647" in message
    assert card_of(office, ref) == before


def test_an_inactive_earning_type_cannot_be_used(office):
    with office.database.writing() as session:
        session.add(EarningType(company_id=office.company_id, code="HL", description="Holiday", is_active=False))
    created_ref(office.post("/timeCard", time_card("E002", "202414")))  # makes the standard types too
    message = error_of(office.post("/timeCard", time_card("E002", "202415", summary_line("HL", 60))))
    assert "Error: summary[0]: Earning type 'HL' is inactive." in message


def test_materials_take_the_items_unit_and_description_and_total_their_quantities(office):
    (item,) = insert_items(office, 1)
    materials = [
        {"operation": "Insert", "itemId": {"value": item}, "mon": {"value": 2}, "wed": {"value": 1.5}},
        {"operation": "Insert", "itemId": {"value": item}, "uoM": {"value": "ESKE"}, "description": {"value": "d"}},
    ]
    ref = created_ref(office.post("/timeCard", time_card("E002", "202415", materials=materials)))
    first, second = card_of(office, ref)["materials"]
    assert (first["itemId"], first["uoM"], first["description"]) == (item, "STK", f"Item {item}")
    assert (first["mon"], first["wed"], first["fri"], first["totalQty"]) == (2, 1.5, 0, 3.5)
    assert '"totalQty":3.5000' in office.get(f"/timeCard/{ref}").text
    assert (second["lineNumber"], second["uoM"], second["description"]) == (2, "ESKE", "d")
    bad = [
        {"operation": "Insert", "itemId": {"value": "NOPE"}},
        {"operation": "Insert", "mon": {"value": 1}},
        {"operation": "Insert", "itemId": {"value": item}, "tue": {"value": -1}},
    ]
    message = error_of(office.put(f"/timeCard/{ref}", {"materials": bad}))
    assert "Error: materials[0]: Item 'NOPE' cannot be found in the system." in message
    assert "Error: materials[1]: 'Item ID' cannot be empty." in message
    assert "Error: materials[2]: 'Tue' must be at least 0" in message
    change = [{"operation": "Delete", "lineNumber": {"value": 1}}, {"lineNumber": {"value": 2}, "sun": {"value": 4}}]
    assert office.put(f"/timeCard/{ref}", {"materials": change}).status_code == 204
    assert [(m["lineNumber"], m["totalQty"]) for m in card_of(office, ref)["materials"]] == [(2, 4)]


def test_the_employee_of_a_card_cannot_be_changed_and_a_different_ref_nbr_is_ignored(office):
    ref = created_ref(office.post("/timeCard", time_card("E002")))
    message = error_of(office.put(f"/timeCard/{ref}", {"employee": {"value": "E003"}}))
    assert "Error: The employee of a time card cannot be changed; create a time card for employee 'E003'" in message
    response = office.put(f"/timeCard/{ref}", {"refNbr": {"value": "999999"}, "colour": {"value": "red"}})
    assert response.status_code == 204
    assert response.headers["X-Nettfin-Ignored-Fields"] == "colour, refNbr"
    assert office.get("/timeCard/999999").status_code == 404


def test_a_week_can_be_moved_on_hold_but_not_onto_another_cards_week(office):
    ref = created_ref(office.post("/timeCard", time_card("E002", "202415")))
    created_ref(office.post("/timeCard", time_card("E002", "202417")))
    assert office.put(f"/timeCard/{ref}", {"week": {"value": "202416"}}).status_code == 204
    assert card_of(office, ref)["week"]["number"] == "202416"
    assert "already has a time card for week 17-2024" in error_of(
        office.put(f"/timeCard/{ref}", {"week": {"value": "202417"}})
    )


# --- the status flow --------------------------------------------------------------------------------------------


def test_submit_approval_and_hold_move_the_card_and_answer_with_the_action_result(office):
    ref = created_ref(office.post("/timeCard", time_card("E002")))
    before = office.get(f"/timeCard/{ref}").headers["ETag"]
    response = office.post(f"/timeCard/{ref}/action/submit")
    result = response.json()
    assert response.status_code == 200 and set(result) == {"actionId", "actionResult"}
    assert uuid.UUID(result["actionId"]) and result["actionResult"] == "Done"
    card = card_of(office, ref)
    assert response.headers["ETag"] == f'"{card["timeStamp"]}"' != before
    assert (card["status"], card["approvalStatus"]) == ("Open", "SentToApproval")
    act(office, ref, "approval")
    card = card_of(office, ref)
    assert (card["status"], card["approvalStatus"]) == ("Approved", "ApprovedInApproval")
    # Kontor has no owner: the owner of the group above it approves.
    assert card["approvalStatusText"] == "Approved by Kari Nordmann (E001), owner of work group 'Ledelse'."
    assert {(line["approvalStatus"], line["approver"]) for line in card["summary"]} == {("ApprovedInApproval", "E001")}
    act(office, ref, "hold")
    card = card_of(office, ref)
    assert (card["status"], card["approvalStatus"]) == ("Hold", "New") and "approvalStatusText" not in card


def test_an_owner_of_the_employees_own_group_approves_before_the_groups_above(office):
    add_member(office, "Kontor", "E003", owner=True)
    ref = created_ref(office.post("/timeCard", time_card("E002")))
    act(office, ref, "submit")
    act(office, ref, "approval")
    assert card_of(office, ref)["summary"][0]["approver"] == "E003"


def test_approval_rejects_the_card_when_the_tree_names_no_approver(office):
    # E001 owns the top group: nobody other than E001 owns it or a group above it.
    ref = created_ref(office.post("/timeCard", time_card("E001")))
    act(office, ref, "submit")
    assert act(office, ref, "approval")["actionResult"] == "Done"
    card = card_of(office, ref)
    assert (card["status"], card["approvalStatus"]) == ("Rejected", "RejectedInApproval")
    assert card["approvalStatusText"].startswith("Rejected: the company tree names no approver for employee 'E001'")
    act(office, ref, "hold")
    assert card_of(office, ref)["status"] == "Hold"


def test_actions_in_the_wrong_status_are_refused_naming_the_status(office):
    ref = created_ref(office.post("/timeCard", time_card("E002")))
    assert error_of(office.post(f"/timeCard/{ref}/action/approval")) == (
        f"Time card '{ref}' cannot be sent to approval: its status is Hold; submit it first; only an open time "
        "card goes to approval."
    )
    assert "cannot be put on hold: its status is Hold" in error_of(office.post(f"/timeCard/{ref}/action/hold"))
    act(office, ref, "submit")
    assert "cannot be submitted: its status is Open" in error_of(office.post(f"/timeCard/{ref}/action/submit"))


def test_only_a_card_on_hold_can_be_changed(office):
    ref = created_ref(office.post("/timeCard", time_card("E002")))
    act(office, ref, "submit")
    message = error_of(office.put(f"/timeCard/{ref}", {"summary": [summary_line("RG", 60)]}))
    assert f"Error: Time card '{ref}' is Open and cannot be changed; put it on hold first (action/hold)." in message
    assert len(card_of(office, ref)["summary"]) == 1


def test_a_stale_if_match_is_412_for_put_and_actions_and_changes_nothing(office):
    ref = created_ref(office.post("/timeCard", time_card("E002")))
    stale = office.get(f"/timeCard/{ref}").headers["ETag"]
    assert office.put(f"/timeCard/{ref}", {"week": {"value": "202420"}}, headers={"If-Match": stale}).status_code == 204
    for response in (
        office.put(f"/timeCard/{ref}", {"week": {"value": "202421"}}, headers={"If-Match": stale}),
        office.post(f"/timeCard/{ref}/action/submit", headers={"If-Match": stale}),
    ):
        assert response.status_code == 412 and response.content == b""
    card = card_of(office, ref)
    assert (card["week"]["number"], card["status"]) == ("202420", "Hold")
    fresh = office.get(f"/timeCard/{ref}").headers["ETag"]
    assert office.post(f"/timeCard/{ref}/action/submit", headers={"If-Match": fresh}).status_code == 200


# --- release and corrections ------------------------------------------------------------------------------------


def approved(tenant, employee: str = "E002", week: str = "202415") -> str:
    ref = created_ref(tenant.post("/timeCard", time_card(employee, week)))
    act(tenant, ref, "submit")
    act(tenant, ref, "approval")
    return ref


def test_the_release_command_releases_an_approved_card_and_nothing_else(office, database_url):
    ref = approved(office)
    on_hold = created_ref(office.post("/timeCard", time_card("E003")))
    runner = CliRunner()
    args = ["admin", "timecard", "release", "--company", str(office.company_id), "--database-url", database_url]
    result = runner.invoke(cli, [*args[:3], ref, *args[3:]])
    assert result.exit_code == 0, result.output
    assert card_of(office, ref)["status"] == "Released"
    refused = runner.invoke(cli, [*args[:3], on_hold, *args[3:]])
    assert refused.exit_code != 0 and "only an approved time card can be released" in refused.output


def test_a_released_card_cannot_be_changed_or_put_on_hold_but_is_corrected(office):
    ref = approved(office)
    release(office, ref)
    message = error_of(office.put(f"/timeCard/{ref}", {"summary": []}))
    assert f"is released and cannot be changed; correct it with a POST whose refNbr is '{ref}'." in message
    assert "is released and cannot be put on hold" in error_of(office.post(f"/timeCard/{ref}/action/hold"))
    change = [{"operation": "Update", "lineNumber": {"value": 1}, "fri": {"value": 240}}]
    correction = created_ref(office.post("/timeCard", {"refNbr": {"value": ref}, "summary": change}))
    card = card_of(office, correction)
    assert (card["type"], card["origRefNbr"], card["status"], card["week"]["number"]) == (
        "Correction",
        ref,
        "Hold",
        "202415",
    )
    assert (card["employee"]["number"], card["summary"][0]["fri"], card["timeSpent"]) == ("E002", 240, 2040)
    assert card_of(office, ref)["type"] == "Normal"


def test_a_released_correction_marks_the_corrected_card_normal_corrected(office):
    ref = approved(office)
    release(office, ref)
    correction = created_ref(office.post("/timeCard", {"refNbr": {"value": ref}}))
    act(office, correction, "submit")
    act(office, correction, "approval")
    release(office, correction)
    assert card_of(office, ref)["type"] == "NormalCorrected"
    assert refs(office.get("/timeCard", params={"type": "NormalCorrected"})) == [ref]
    assert refs(office.get("/timeCard", params={"type": "Correction"})) == [correction]
    again = error_of(office.post("/timeCard", {"refNbr": {"value": ref}}))
    assert f"Error: Time card '{ref}' is already corrected by '{correction}'; correct that one instead." in again
    created_ref(office.post("/timeCard", {"refNbr": {"value": correction}}))


def test_only_released_cards_of_the_same_employee_and_week_are_corrected(office):
    ref = approved(office)
    assert f"Error: Time card '{ref}' is Approved; only a released time card can be corrected." in error_of(
        office.post("/timeCard", {"refNbr": {"value": ref}})
    )
    unknown = error_of(office.post("/timeCard", {"refNbr": {"value": "000099"}}))
    assert "Error: Time card '000099' cannot be found in the system" in unknown
    release(office, ref)
    other = error_of(office.post("/timeCard", {"refNbr": {"value": ref}, "employee": {"value": "E003"}}))
    assert "Error: A correction is for the employee of the card it corrects, 'E002'." in other
    week = error_of(office.post("/timeCard", {"refNbr": {"value": ref}, "week": {"value": "202420"}}))
    assert "Error: A correction is for the week of the card it corrects, 202415." in week


# --- isolation --------------------------------------------------------------------------------------------------


def test_another_companys_time_cards_and_employees_are_invisible(office, other_tenant):
    ref = created_ref(office.post("/timeCard", time_card("E002")))
    staffed(other_tenant, "E900")
    link(other_tenant, "E900")
    assert other_tenant.get(f"/timeCard/{ref}").status_code == 404
    assert other_tenant.get("/timeCard", params={"status": "Hold"}).json() == []
    assert other_tenant.get("/employee/E002/timecards").status_code == 404
    assert other_tenant.post(f"/timeCard/{ref}/action/submit").status_code == 404
    assert other_tenant.put(f"/timeCard/{ref}", {"summary": []}).status_code == 404
    message = error_of(other_tenant.post("/timeCard", time_card("E002")))
    assert "Employee 'E002' cannot be found in the system." in message
    own = created_ref(other_tenant.post("/timeCard", time_card(None)))
    assert own == "000001" and card_of(office, ref)["status"] == "Hold"


# --- weeks --------------------------------------------------------------------------------------------------------


def test_weeks_are_iso_weeks_written_yyyyww():
    assert parse_week("202415") == 202415 and parse_week(" 202053 ") == 202053
    assert [parse_week(text) for text in ("202153", "202400", "2024", "")] == [None, None, None, None]
    assert (next_week(202452), next_week(202053), next_week(202415)) == (202501, 202101, 202416)
    assert week_of(datetime(2021, 1, 3).date()) == 202053
    assert re.fullmatch(r"53-2020 \(28\.12\.2020 - 03\.01\.2021\)", week_description(202053))


def test_a_line_deleted_by_a_request_may_be_inserted_again_under_its_number(office):
    """Line operations follow one rule on every document (tests/server/kit/test_line_operations.py): deleting line 1 and
    inserting a new line 1 in one body replaces it; a new line without a number does not take a deleted one."""
    ref = created_ref(office.post("/timeCard", time_card("E002", "202415", summary_line("RG", 60))))
    change = {
        "summary": [
            {"operation": "Delete", "lineNumber": {"value": 1}},
            {"operation": "Insert", "lineNumber": {"value": 1}, "mon": {"value": 30}},
        ]
    }
    assert office.put(f"/timeCard/{ref}", change).status_code == 204
    assert [(line["lineNumber"], line["mon"]) for line in card_of(office, ref)["summary"]] == [(1, 30)]
    change["summary"][1].pop("lineNumber")
    assert office.put(f"/timeCard/{ref}", change).status_code == 204
    assert [(line["lineNumber"], line["mon"]) for line in card_of(office, ref)["summary"]] == [(2, 30)]
