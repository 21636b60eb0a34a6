"""The company tree (EP204060) and the time card rule of the knowledge base's first article ("You cannot create
timecards for the selected user. Please review the company tree."), through the API on both databases:
the article replayed, grand-child groups, removing the delegation, employees linked to no user, and a user in
two companies with different trees; the employee's `companyTreeInfo` and `workGroupDescription`; and the
`nettfin admin tree` commands that build a tree from a script."""

from __future__ import annotations

import re

from typer.testing import CliRunner

from nettfin.cli.main import app as cli
from nettfin.server.identity.models import User
from nettfin.server.identity.service import create_company, grant_company
from nettfin.server.kit.errors import BusinessError
from nettfin.server.timecards import tree
from tests.conftest import Tenant
from tests.party_factories import add_employee_reference_data, minimal_employee
from tests.timecard_factories import (
    COMPANY_TREE_MESSAGE,
    add_group,
    add_member,
    colleague,
    created_ref,
    delegate,
    error_of,
    link,
    remove_delegation,
    staffed,
    summary_line,
    time_card,
)

runner = CliRunner()


def nettfin(database_url: str, *args: str) -> str:
    result = runner.invoke(cli, ["admin", "tree", *args, "--database-url", database_url])
    assert result.exit_code == 0, result.output
    return result.output


def membership(tenant: Tenant, employee: str, group: str, **flags: bool) -> None:
    """The employee's companyTreeInfo line for the group, through the API (reference 3.8)."""
    line = {"operation": "Insert", "workGroupID": {"value": group}, **{k: {"value": v} for k, v in flags.items()}}
    response = tenant.put(f"/employee/{employee}", {"companyTreeInfo": [line]})
    assert response.status_code == 204, response.text


def email_of(tenant: Tenant) -> str:
    with tenant.database.reading() as session:
        return session.get(User, tenant.user_id).email


# --- the article, replayed through the API --------------------------------------------------------------------


def test_the_article_a_user_not_above_the_employee_gets_its_exact_message_and_nothing_is_written(tenant):
    staffed(tenant, "E001", "E002")
    link(tenant, "E001")
    response = tenant.post("/timeCard", time_card("E002"))
    assert response.status_code == 400
    assert re.fullmatch(r"VismaId: [0-9a-f-]{36}\. " + re.escape(COMPANY_TREE_MESSAGE), response.json()["message"])
    assert tenant.get("/timeCard", params={"employeeCd": "E002"}).json() == []


def test_the_article_steps_1_to_3_as_api_calls_and_admin_commands_make_the_same_post_201(tenant, database_url):
    staffed(tenant, "E001", "E002")
    link(tenant, "E001")
    body = time_card("E002")
    assert error_of(tenant.post("/timeCard", body)) == COMPANY_TREE_MESSAGE
    company = str(tenant.company_id)
    # 1) A group under the company, with a member (the user's own employee).
    nettfin(database_url, "add-group", "Test Group", "--company", company)
    membership(tenant, "E001", "Test Group", owner=True)
    # 2) A group under it, with a member different from the current login.
    nettfin(database_url, "add-group", "A Group", "--parent", "Test Group", "--company", company)
    membership(tenant, "E002", "A Group")
    # 3) "=>" on the new group: transaction access to the users grouped below in the hierarchy.
    nettfin(database_url, "delegate", "A Group", "--user", email_of(tenant), "--company", company)
    ref = created_ref(tenant.post("/timeCard", body))
    assert tenant.get(f"/timeCard/{ref}").json()["employee"]["number"] == "E002"
    assert tenant.get("/employee/E002").json()["workGroupDescription"] == ["A Group"]
    assert tenant.get("/employee/E001").json()["workGroupDescription"] == ["Test Group"]


def test_the_tree_command_shows_groups_members_owners_and_delegations(tenant, database_url):
    staffed(tenant, "E001", "E002")
    add_group(tenant, "Test Group")
    add_group(tenant, "A Group", "Test Group")
    add_member(tenant, "Test Group", "E001", owner=True)
    add_member(tenant, "A Group", "E002")
    delegate(tenant, "A Group")
    shown = nettfin(database_url, "show", "--company", str(tenant.company_id)).splitlines()
    assert shown[1:] == ["  Test Group [E001*]", f"    A Group [E002]  => {email_of(tenant)}"]


# --- the rule: own record, delegations, depth -------------------------------------------------------------------


def test_the_users_own_employee_record_needs_no_tree_and_is_the_default_employee(tenant):
    staffed(tenant, "E001")
    link(tenant, "E001")
    ref = created_ref(tenant.post("/timeCard", time_card(None)))
    assert tenant.get(f"/timeCard/{ref}").json()["employee"]["number"] == "E001"


def test_a_user_without_an_employee_record_must_name_the_employee(tenant):
    staffed(tenant, "E001")
    assert "Error: 'Employee' cannot be empty." in error_of(tenant.post("/timeCard", time_card(None)))


def test_a_delegation_covers_grand_child_groups_but_not_the_groups_above_or_beside_it(tenant):
    staffed(tenant, "E001", "E002", "E003", "E004", "E005")
    add_group(tenant, "Top")
    add_group(tenant, "Middle", "Top")
    add_group(tenant, "Child", "Middle")
    add_group(tenant, "Grandchild", "Child")
    add_group(tenant, "Beside", "Top")
    for group, employee in [("Top", "E001"), ("Middle", "E002"), ("Child", "E003"), ("Grandchild", "E004")]:
        add_member(tenant, group, employee)
    add_member(tenant, "Beside", "E005")
    delegate(tenant, "Middle")
    for employee in ("E002", "E003", "E004"):
        created_ref(tenant.post("/timeCard", time_card(employee)))
    for employee in ("E001", "E005"):
        assert error_of(tenant.post("/timeCard", time_card(employee))) == COMPANY_TREE_MESSAGE


def test_removing_the_delegation_stops_new_cards_changes_and_actions_at_once(tenant):
    staffed(tenant, "E002")
    add_group(tenant, "A Group")
    add_member(tenant, "A Group", "E002")
    delegate(tenant, "A Group")
    ref = created_ref(tenant.post("/timeCard", time_card("E002", "202415")))
    remove_delegation(tenant, "A Group")
    assert error_of(tenant.post("/timeCard", time_card("E002", "202416"))) == COMPANY_TREE_MESSAGE
    change = {"summary": [summary_line("RG", 60)]}
    assert error_of(tenant.put(f"/timeCard/{ref}", change)) == COMPANY_TREE_MESSAGE
    assert error_of(tenant.post(f"/timeCard/{ref}/action/submit")) == COMPANY_TREE_MESSAGE
    card = tenant.get(f"/timeCard/{ref}").json()
    assert (card["status"], len(card["summary"])) == ("Hold", 1)


def test_an_inactive_membership_gives_no_access(tenant):
    staffed(tenant, "E002")
    add_group(tenant, "A Group")
    membership(tenant, "E002", "A Group", active=False)
    delegate(tenant, "A Group")
    assert tenant.get("/employee/E002").json()["workGroupDescription"] == []
    assert error_of(tenant.post("/timeCard", time_card("E002"))) == COMPANY_TREE_MESSAGE


def test_employees_linked_to_no_user_get_cards_from_a_delegated_user(tenant):
    staffed(tenant, "E002", "E003")
    add_group(tenant, "A Group")
    add_member(tenant, "A Group", "E002")
    delegate(tenant, "A Group")
    unlinked = [e["employeeNumber"] for e in tenant.get("/employee", params={"linkedToUser": "false"}).json()]
    assert unlinked == ["E002", "E003"]
    created_ref(tenant.post("/timeCard", time_card("E002")))
    assert error_of(tenant.post("/timeCard", time_card("E003"))) == COMPANY_TREE_MESSAGE


def test_a_delegation_is_the_users_own_a_colleague_without_one_is_refused(tenant):
    staffed(tenant, "E001", "E002")
    add_group(tenant, "A Group")
    add_member(tenant, "A Group", "E002")
    delegate(tenant, "A Group")
    other = colleague(tenant, employee="E001")
    assert error_of(other.post("/timeCard", time_card("E002"))) == COMPANY_TREE_MESSAGE
    created_ref(other.post("/timeCard", time_card("E001")))
    created_ref(tenant.post("/timeCard", time_card("E002")))


def test_a_user_in_two_companies_follows_each_companys_own_tree(tenant):
    staffed(tenant, "E001", "E002")
    add_group(tenant, "A Group")
    add_member(tenant, "A Group", "E002")
    delegate(tenant, "A Group")
    with tenant.database.writing() as session:
        second = create_company(session, name="Second AS")
        grant_company(session, user=session.get(User, tenant.user_id), company=second)
    elsewhere = Tenant(second.id, tenant.user_id, tenant.token, tenant.client, tenant.database)
    staffed(elsewhere, "E001", "E002")
    add_group(elsewhere, "A Group")
    add_group(elsewhere, "B Group")
    add_member(elsewhere, "B Group", "E002")
    delegate(elsewhere, "A Group")
    created_ref(tenant.post("/timeCard", time_card("E002")))
    assert error_of(elsewhere.post("/timeCard", time_card("E002"))) == COMPANY_TREE_MESSAGE
    assert elsewhere.get("/timeCard", params={"week": "202415"}).json() == []


# --- companyTreeInfo and the tree's own checks ---------------------------------------------------------------


def test_company_tree_info_names_groups_that_exist_and_writes_nothing_otherwise(tenant):
    staffed(tenant, "E001")
    add_group(tenant, "Salg")
    lines = [
        {"operation": "Insert", "workGroupID": {"value": "Salg"}},
        {"operation": "Insert", "workGroupID": {"value": "Nowhere"}},
    ]
    message = error_of(tenant.put("/employee/E001", {"companyTreeInfo": lines}))
    assert "Error: companyTreeInfo[1]: Work group 'Nowhere' cannot be found in the system." in message
    assert tenant.get("/employee/E001").json()["workGroupDescription"] == []


def test_work_group_descriptions_list_the_active_groups_in_the_order_they_were_joined(tenant):
    staffed(tenant, "E001")
    for group in ("Salg", "Support", "Ledelse"):
        add_group(tenant, group)
    membership(tenant, "E001", "Salg")
    membership(tenant, "E001", "Support", active=False)
    membership(tenant, "E001", "Ledelse", owner=True)
    assert tenant.get("/employee/E001").json()["workGroupDescription"] == ["Salg", "Ledelse"]


def test_a_membership_through_the_tree_changes_the_employee_and_its_etag(tenant):
    staffed(tenant, "E001")
    add_group(tenant, "Salg")
    before = tenant.get("/employee/E001")
    add_member(tenant, "Salg", "E001")
    after = tenant.get("/employee/E001")
    assert after.headers["ETag"] != before.headers["ETag"]
    assert after.json()["lastModifiedDateTime"] >= before.json()["lastModifiedDateTime"]


def test_the_tree_refuses_duplicate_names_unknown_parents_and_users_of_other_companies(tenant, other_tenant):
    staffed(tenant, "E001")
    add_group(tenant, "Salg")
    with tenant.database.writing() as session:
        problems = []
        for change in (
            lambda: tree.add_group(session, company_id=tenant.company_id, name="Salg"),
            lambda: tree.add_group(session, company_id=tenant.company_id, name="Nord", parent="Nowhere"),
            lambda: tree.add_group(session, company_id=tenant.company_id, name=" "),
            lambda: tree.add_group(session, company_id=tenant.company_id, name="x" * 51),
            lambda: tree.add_member(session, company_id=tenant.company_id, group="Salg", employee="E999"),
            lambda: tree.delegate(
                session, company_id=tenant.company_id, group="Salg", user=session.get(User, other_tenant.user_id)
            ),
        ):
            try:
                change()
            except BusinessError as error:
                problems.append(error.message)
    assert problems == [
        "Work group 'Salg' already exists; choose another name.",
        "Work group 'Nowhere' cannot be found in the system.",
        "'Work group' cannot be empty.",
        "'Work group' is too long: 51 characters, at most 50 are allowed.",
        "Employee 'E999' cannot be found in the system.",
        f"User '{email_of(other_tenant)}' has no Financials role in company {tenant.company_id}.",
    ]


def test_the_same_group_name_may_exist_in_two_companies_each_with_its_own_members(tenant, other_tenant):
    for company in (tenant, other_tenant):
        staffed(company, "E001")
        add_group(company, "Salg")
    add_member(tenant, "Salg", "E001")
    assert tenant.get("/employee/E001").json()["workGroupDescription"] == ["Salg"]
    assert other_tenant.get("/employee/E001").json()["workGroupDescription"] == []
    with tenant.database.reading() as session:
        assert [n.name for n in tree.tree_view(session, other_tenant.company_id)] == ["Salg"]
        assert tree.tree_view(session, other_tenant.company_id)[0].members == ()


def test_covered_groups_are_the_delegated_ones_and_everything_below_them():
    parents = {1: None, 2: 1, 3: 2, 4: 3, 5: 1, 6: None}
    assert tree.covered_groups(parents, {2}) == {2, 3, 4}
    assert tree.covered_groups(parents, {1}) == {1, 2, 3, 4, 5}
    assert tree.covered_groups(parents, {4, 6}) == {4, 6}
    assert tree.covered_groups(parents, set()) == set()


def test_the_cli_names_a_missing_company_and_refuses_unknown_groups(tenant, database_url):
    missing = runner.invoke(cli, ["admin", "tree", "show", "--company", "999999", "--database-url", database_url])
    assert missing.exit_code != 0 and "company 999999 does not exist" in missing.output
    add_employee_reference_data(tenant)
    assert tenant.post("/employee", minimal_employee("E001")).status_code == 201
    args = ["admin", "tree", "add-member", "Nowhere", "E001", "--company", str(tenant.company_id)]
    refused = runner.invoke(cli, [*args, "--database-url", database_url])
    assert refused.exit_code != 0 and "Work group 'Nowhere' cannot be found in the system." in refused.output
