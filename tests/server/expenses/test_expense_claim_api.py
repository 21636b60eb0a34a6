"""Expense claims (EP301000) through the app on both databases: create with details, read in the real DTO's
shape, line operations on `details`, the flow Hold -> PendingApproval -> Released (approval releases: the real API
has no release action) or Rejected, hold, delete, refusals with nothing written, and the posting's accounting
effect (journal lines, GL balances, the trial balance)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from sqlalchemy import select

from nettfin.server.ledger.journal import JournalBatch
from nettfin.server.timecards import tree
from tests.expense_factories import (
    PAYABLE,
    claim_body,
    created,
    detail,
    error_of,
    expense_books,
    wrap,
)
from tests.ledger_factories import close_period
from tests.party_factories import assert_real, query_names, real_query_names
from tests.supplier_ledger_factories import account_balance, assert_sound_books, batch_count


@pytest.fixture
def company(tenant):
    return expense_books(tenant)


def claim_of(tenant, ref: str) -> dict:
    response = tenant.get(f"/expenseClaim/{ref}")
    assert response.status_code == 200, response.text
    body = response.json()
    assert_real(body, "expenseclaim", "ExpenseClaimDto")
    return body


def act(tenant, ref: str, action: str):
    return tenant.post(f"/expenseClaim/{ref}/action/{action}")


def out_of_the_tree(tenant, employee: str) -> None:
    with tenant.database.writing() as session:
        tree.remove_member(session, company_id=tenant.company_id, group="Ansatte", employee=employee)


def batch_lines(tenant, ref: str) -> list[tuple[str, Decimal, Decimal, str | None]]:
    with tenant.database.reading() as session:
        batch = session.scalars(
            select(JournalBatch).where(JournalBatch.company_id == tenant.company_id, JournalBatch.source_number == ref)
        ).one()
        assert (batch.module, batch.period_id, batch.source_type) == ("EP", "201911", "ExpenseClaim")
        return [(line.account.account_cd, line.debit, line.credit, line.vat_id) for line in batch.lines]


# --- create and read --------------------------------------------------------------------------------------------


def test_post_gives_201_with_the_location_of_the_new_reference_number(company):
    response = company.post("/expenseClaim", claim_body())
    assert response.status_code == 201 and response.content == b""
    assert response.headers["Location"] == "http://testserver/API/controller/api/v1/expenseClaim/000001"
    assert response.headers["ETag"] == f'"{claim_of(company, "000001")["timeStamp"]}"'


def test_a_new_claim_reads_back_on_hold_with_its_employee_department_details_and_totals(company):
    ref = created(company.post("/expenseClaim", claim_body("E002", detail("1250.00"), detail("100.00", category="33"))))
    claim = claim_of(company, ref)
    assert (claim["status"], claim["approvalStatus"], claim["currency"]) == ("Hold", "New", "NOK")
    assert claim["claimedBy"]["number"] == "E002" and claim["department"]["id"] == "ADM"
    assert claim["date"] == "2019-11-10T00:00:00"
    first, second = claim["details"]
    assert (first["claimDetailId"], second["claimDetailId"]) == (1, 2)
    assert first["expenseAccount"]["number"] == "7140" and first["taxCategory"]["number"] == "03"
    assert (first["totalAmount"], first["claimAmount"], first["employeePart"]) == (1250.0, 1250.0, 0.0)
    # 1250 at 25 % holds 250 VAT, 100 at 12 % holds 10.71: the taxable total is what is left.
    assert claim["claimTotal"] == 1350.0
    assert Decimal(str(claim["vatTaxableTotal"])) == Decimal("1089.29")


def test_each_detail_is_an_expense_receipt_of_the_claim(company):
    ref = created(company.post("/expenseClaim", claim_body()))
    receipts = company.get("/expenseReceipt", params={"claimedBy": "E002"}).json()
    assert [(r["expenseClaim"]["number"], r["status"]) for r in receipts] == [(ref, "Open")]


def test_details_follow_the_line_operations_by_claim_detail_id(company):
    ref = created(company.post("/expenseClaim", claim_body("E002", detail("100.00"), detail("200.00"))))
    update = {"details": [{"operation": "Delete", "claimDetailId": {"value": 1}}, {**detail("50.00")}]}
    update["details"].append({"operation": "Update", "claimDetailId": {"value": 2}, **wrap(quantity=2)})
    assert company.put(f"/expenseClaim/{ref}", update).status_code == 204
    claim = claim_of(company, ref)
    assert [(d["claimDetailId"], d["totalAmount"]) for d in claim["details"]] == [(2, 400.0), (3, 50.0)]
    assert claim["claimTotal"] == 450.0
    # The deleted detail is an open receipt again.
    open_receipts = company.get("/expenseReceipt", params={"status": "Open"}).json()
    assert [r.get("expenseClaim") for r in open_receipts if r["totalAmount"] == 100.0] == [None]


def test_the_employee_part_is_not_claimed(company):
    ref = created(company.post("/expenseClaim", claim_body("E002", detail("1000.00", employeePart={"value": 200}))))
    claim = claim_of(company, ref)
    assert (claim["details"][0]["claimAmount"], claim["claimTotal"]) == (800.0, 800.0)


def test_the_department_gives_the_expense_account_when_the_detail_names_none(company):
    assert company.put("/department/ADM", wrap(expenseAccount="6800")).status_code == 204
    ref = created(company.post("/expenseClaim", claim_body("E002", detail("100.00", account=None))))
    assert claim_of(company, ref)["details"][0]["expenseAccount"]["number"] == "6800"


def test_claims_list_paged_and_filtered_and_per_employee(company):
    first = created(company.post("/expenseClaim", claim_body("E002")))
    created(company.post("/expenseClaim", claim_body("E003")))
    listed = company.get("/expenseClaim", params={"pageSize": 1})
    assert listed.status_code == 200
    assert [c["refNbr"] for c in listed.json()] == [first] and listed.json()[0]["metadata"]["totalCount"] == 2
    assert [c["refNbr"] for c in company.get("/employee/E002/expenseClaim").json()] == [first]
    assert [c["refNbr"] for c in company.get("/expenseClaim", params={"departmentId": "SALG"}).json()] == ["000002"]
    assert company.get("/employee/E999/expenseClaim").status_code == 404


# --- the flow and the posting ----------------------------------------------------------------------------------


def test_submit_then_approval_releases_the_claim_and_posts_expense_vat_and_the_employees_payable(company):
    ref = created(company.post("/expenseClaim", claim_body("E002", detail("1250.00"), detail("112.00", category="33"))))
    assert act(company, ref, "submit").status_code == 200
    assert claim_of(company, ref)["status"] == "PendingApproval"
    response = act(company, ref, "approval")
    assert response.status_code == 200 and response.json()["actionResult"] == "Done"
    claim = claim_of(company, ref)
    assert (claim["status"], claim["approvalStatus"]) == ("Released", "ApprovedInApproval")
    assert "E001" in claim["approvalStatusText"] and claim["approvalDate"]
    assert sorted(batch_lines(company, ref)) == sorted(
        [
            ("7140", Decimal("1000.00"), Decimal(0), "1"),
            ("7140", Decimal("100.00"), Decimal(0), "13"),
            ("2710", Decimal("250.00"), Decimal(0), "1"),
            ("2712", Decimal("12.00"), Decimal(0), "13"),
            (PAYABLE, Decimal(0), Decimal("1362.00"), None),
        ]
    )
    assert account_balance(company, PAYABLE) == Decimal("-1362.00")
    assert account_balance(company, "7140") == Decimal("1100.00")
    assert_sound_books(company)
    receipts = company.get("/employee/E002/expenseReceipt").json()
    assert {r["status"] for r in receipts} == {"Released"}


def test_approval_rejects_when_the_company_tree_names_no_approver(company):
    out_of_the_tree(company, "E002")
    ref = created(company.post("/expenseClaim", claim_body()))
    act(company, ref, "submit")
    assert act(company, ref, "approval").status_code == 200
    claim = claim_of(company, ref)
    assert (claim["status"], claim["approvalStatus"]) == ("Rejected", "RejectedInApproval")
    assert batch_count(company) == 0
    assert act(company, ref, "hold").status_code == 200
    assert claim_of(company, ref)["status"] == "Hold"


@pytest.mark.parametrize(
    ("status_actions", "action", "text"),
    [
        ((), "approval", "cannot be sent to approval: its status is Hold"),
        ((), "hold", "cannot be put on hold: its status is Hold"),
        (("submit",), "submit", "cannot be submitted: its status is PendingApproval"),
    ],
)
def test_actions_in_the_wrong_state_are_refused_naming_the_status(company, status_actions, action, text):
    ref = created(company.post("/expenseClaim", claim_body()))
    for done in status_actions:
        assert act(company, ref, done).status_code == 200
    before = claim_of(company, ref)
    assert text in error_of(act(company, ref, action))
    assert claim_of(company, ref)["timeStamp"] == before["timeStamp"]


def test_a_claim_without_details_is_not_submitted(company):
    ref = created(company.post("/expenseClaim", claim_body("E002", details=[])))
    assert "has no details" in error_of(act(company, ref, "submit"))


def test_a_released_claim_cannot_be_changed_put_on_hold_or_deleted(company):
    ref = created(company.post("/expenseClaim", claim_body()))
    act(company, ref, "submit")
    act(company, ref, "approval")
    assert "is released and cannot be changed" in error_of(company.put(f"/expenseClaim/{ref}", wrap(description="x")))
    assert "is released" in error_of(act(company, ref, "hold"))
    assert "cannot be deleted" in error_of(
        company.client.delete(company.url(f"/expenseClaim/{ref}"), headers=company.headers)
    )


def test_a_pending_claim_is_changed_only_after_hold(company):
    ref = created(company.post("/expenseClaim", claim_body()))
    act(company, ref, "submit")
    message = error_of(company.put(f"/expenseClaim/{ref}", wrap(description="Ny")))
    assert "is PendingApproval and cannot be changed; put it on hold first" in message
    act(company, ref, "hold")
    assert company.put(f"/expenseClaim/{ref}", wrap(description="Ny")).status_code == 204


def test_a_closed_period_is_refused_at_entry_and_at_release_with_nothing_written(company):
    close_period(company, "201910", closed_in_general_ledger=True)
    message = error_of(company.post("/expenseClaim", claim_body(date="2019-10-15")))
    assert "'Date'" in message and "201910" in message.replace("10-2019", "201910")
    assert company.get("/expenseClaim").json() == []
    ref = created(company.post("/expenseClaim", claim_body()))
    act(company, ref, "submit")
    close_period(company, "201911", closed_in_general_ledger=True)
    assert "cannot be released" in error_of(act(company, ref, "approval"))
    assert claim_of(company, ref)["status"] == "PendingApproval"
    assert batch_count(company) == 0


def test_a_class_without_a_payables_account_is_refused_at_release(tenant):
    expense_books(tenant, payable="0000")
    ref = created(tenant.post("/expenseClaim", claim_body()))
    act(tenant, ref, "submit")
    assert "Employee class 'ANSATT' has no payables account" in error_of(act(tenant, ref, "approval"))
    assert batch_count(tenant) == 0


# --- bad input --------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "text"),
    [
        (claim_body("E999"), "Claimed by: Employee 'E999' cannot be found in the system."),
        (claim_body("E002", detail(account="9999")), "Expense account '9999' cannot be found in the system."),
        (claim_body("E002", detail(expenseItem={"value": "NOPE"})), "Expense item 'NOPE' cannot be found"),
        (claim_body("E002", detail(category="XX")), "VAT category 'XX' cannot be found in the system."),
        (claim_body("E002", detail("100", employeePart={"value": 200})), "'Employee part' (200.00) cannot be greater"),
        (claim_body("E002", detail("-5")), "'Unit cost' cannot be less than 0."),
    ],
)
def test_bad_input_is_refused_naming_the_field_with_nothing_written(company, body, text):
    message = error_of(company.post("/expenseClaim", body))
    assert message.startswith("Error inserting the expense claim.") and text in message
    assert company.get("/expenseClaim").json() == []
    assert company.get("/expenseReceipt").json() == []


def test_an_unknown_claim_is_404(company):
    assert company.get("/expenseClaim/999999").status_code == 404
    assert act(company, "999999", "submit").status_code == 404


def test_delete_leaves_the_details_as_open_receipts(company):
    ref = created(company.post("/expenseClaim", claim_body()))
    response = company.client.delete(company.url(f"/expenseClaim/{ref}"), headers=company.headers)
    assert response.status_code == 204
    assert company.get(f"/expenseClaim/{ref}").status_code == 404
    assert [r.get("expenseClaim") for r in company.get("/expenseReceipt").json()] == [None]


def test_claims_are_the_companys_own(company, other_tenant):
    ref = created(company.post("/expenseClaim", claim_body()))
    assert other_tenant.get(f"/expenseClaim/{ref}").status_code == 404


def test_the_list_parameters_are_the_real_ones(company):
    real = real_query_names("expenseclaim", "/expenseClaim") - {"erp-api-background"}
    assert query_names(company.client, "/expenseClaim") == real
