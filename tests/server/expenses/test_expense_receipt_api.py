"""Expense receipts (EP301010) through the app on both databases: entered on their own in the real DTO's shape,
put on a claim on hold and taken off it, their status following the claim's, refused when the claim is not on
hold or is another employee's, and bad input refused naming the field with nothing written."""

from __future__ import annotations

import pytest

from tests.attachment_factories import attachment_id, upload
from tests.expense_factories import claim_body, created, error_of, expense_books, receipt_body, wrap
from tests.ledger_factories import close_period
from tests.party_factories import assert_real, query_names, real_query_names


@pytest.fixture
def company(tenant):
    return expense_books(tenant)


def receipt_of(tenant, number: str) -> dict:
    response = tenant.get(f"/expenseReceipt/{number}")
    assert response.status_code == 200, response.text
    body = response.json()
    assert_real(body, "expensereceipt", "ExpenseReceiptDto")
    return body


def claim_of(tenant, ref: str) -> dict:
    response = tenant.get(f"/expenseClaim/{ref}")
    assert response.status_code == 200, response.text
    return response.json()


def delete(tenant, path: str):
    return tenant.client.delete(tenant.url(path), headers=tenant.headers)


def test_a_receipt_is_created_standalone_and_reads_back_in_the_real_shape(company):
    response = company.post("/expenseReceipt", receipt_body(refNbr={"value": "KV-1"}, employeePart={"value": 50}))
    assert response.status_code == 201
    number = created(response)
    assert response.headers["Location"].endswith(f"/expenseReceipt/{number}")
    receipt = receipt_of(company, number)
    assert (receipt["receiptId"], receipt["status"], receipt["refNbr"]) == (number, "Open", "KV-1")
    assert receipt["claimedBy"]["employeeNumber"] == "E002" and receipt["currency"]["id"] == "NOK"
    assert (receipt["totalAmount"], receipt["employeePart"], receipt["claimAmount"]) == (250.0, 50.0, 200.0)
    # 200 claimed at 12 % holds 21.43 VAT.
    assert receipt["taxTotal"] == 21.43 and receipt["expenseAccount"]["number"] == "7140"
    assert "expenseClaim" not in receipt


def test_a_receipt_is_put_on_a_claim_on_hold_and_taken_off_again(company):
    claim = created(company.post("/expenseClaim", claim_body()))
    number = created(company.post("/expenseReceipt", receipt_body(expenseClaim={"value": claim})))
    receipt = receipt_of(company, number)
    assert receipt["expenseClaim"]["number"] == claim
    body = claim_of(company, claim)
    assert [d["claimDetailId"] for d in body["details"]] == [1, 2] and body["claimTotal"] == 1500.0
    assert company.put(f"/expenseReceipt/{number}", {"expenseClaim": {"value": None}}).status_code == 204
    assert claim_of(company, claim)["claimTotal"] == 1250.0
    assert "expenseClaim" not in receipt_of(company, number)


def test_a_receipt_follows_its_claims_status_and_is_frozen_while_the_claim_is_not_on_hold(company):
    claim = created(company.post("/expenseClaim", claim_body()))
    number = created(company.post("/expenseReceipt", receipt_body(expenseClaim={"value": claim})))
    assert company.post(f"/expenseClaim/{claim}/action/submit").status_code == 200
    assert receipt_of(company, number)["status"] == "Pending"
    message = error_of(company.put(f"/expenseReceipt/{number}", wrap(description="Ny")))
    assert f"is on expense claim '{claim}', which is PendingApproval" in message
    assert "PendingApproval" in error_of(delete(company, f"/expenseReceipt/{number}"))
    assert [r["receiptId"] for r in company.get("/expenseReceipt", params={"status": "Pending"}).json()] == [
        "000001",
        number,
    ]


def test_a_receipt_is_not_put_on_a_claim_that_is_not_on_hold_or_is_another_employees(company):
    claim = created(company.post("/expenseClaim", claim_body()))
    other = created(company.post("/expenseClaim", claim_body("E003")))
    message = error_of(company.post("/expenseReceipt", receipt_body("E003", expenseClaim={"value": claim})))
    assert f"expense claim '{claim}' is claimed by employee 'E002', the receipt by 'E003'" in message
    company.post(f"/expenseClaim/{other}/action/submit")
    message = error_of(company.post("/expenseReceipt", receipt_body("E003", expenseClaim={"value": other})))
    assert "is PendingApproval; a receipt is put only on a claim on hold" in message


def test_deleting_a_receipt_on_a_claim_on_hold_takes_it_off_the_claim(company):
    claim = created(company.post("/expenseClaim", claim_body()))
    number = created(company.post("/expenseReceipt", receipt_body(expenseClaim={"value": claim})))
    assert delete(company, f"/expenseReceipt/{number}").status_code == 204
    assert company.get(f"/expenseReceipt/{number}").status_code == 404
    assert claim_of(company, claim)["claimTotal"] == 1250.0


def test_receipts_list_filters_and_per_employee(company):
    first = created(company.post("/expenseReceipt", receipt_body("E002")))
    created(company.post("/expenseReceipt", receipt_body("E003", invoiceable={"value": True})))
    assert [r["receiptId"] for r in company.get("/employee/E002/expenseReceipt").json()] == [first]
    assert [
        r["claimedBy"]["employeeNumber"] for r in company.get("/expenseReceipt", params={"invoiceable": True}).json()
    ] == ["E003"]
    listed = company.get("/expenseReceipt", params={"date": "2019-11-08", "dateCondition": ">="}).json()
    assert len(listed) == 2 and all("metadata" not in r for r in listed)
    assert company.get("/employee/E999/expenseReceipt").status_code == 404


def test_the_list_parameters_are_the_real_ones(company):
    real = real_query_names("expensereceipt", "/expenseReceipt") - {"erp-api-background"}
    assert query_names(company.client, "/expenseReceipt") == real


@pytest.mark.parametrize(
    ("body", "text"),
    [
        (receipt_body("E999"), "Claimed by: Employee 'E999' cannot be found in the system."),
        (receipt_body(expenseAccount={"value": "9999"}), "Expense account '9999' cannot be found in the system."),
        (receipt_body(inventory={"value": "NOPE"}), "Expense item 'NOPE' cannot be found in the system."),
        (receipt_body(currency={"value": "XYZ"}), "Currency 'XYZ' cannot be found in the system."),
        (receipt_body(expenseClaim={"value": "999999"}), "Expense claim '999999' cannot be found in the system."),
        (receipt_body(expenseSub={"value": "99-999"}), "Expense sub."),
        (receipt_body(totalAmount={"value": -1}), "'Amount' cannot be less than 0."),
        (receipt_body(totalAmount={"value": 10**20}), "'Amount' is out of range"),
        (
            receipt_body(quantity={"value": 10**7}, unitCost={"value": 10**8}, totalAmount=None),
            "'Amount' is out of range",
        ),
    ],
)
def test_bad_input_is_refused_naming_the_field_with_nothing_written(company, body, text):
    message = error_of(company.post("/expenseReceipt", body))
    assert message.startswith("Error inserting the expense receipt.") and text in message
    assert company.get("/expenseReceipt").json() == []


def test_a_receipt_in_a_closed_period_is_refused(company):
    close_period(company, "201911", closed_in_general_ledger=True)
    assert "'Date'" in error_of(company.post("/expenseReceipt", receipt_body()))
    assert company.get("/expenseReceipt").json() == []


def test_the_item_gives_the_receipt_its_unit_description_and_vat_category(company):
    body = wrap(date="2019-11-08", inventory="test*test", quantity=2, unitCost="50.00", expenseAccount="6800")
    number = created(company.post("/expenseReceipt", {**body, "claimedBy": {"value": "E004"}}))
    receipt = receipt_of(company, number)
    assert receipt["inventory"]["number"] == "test*test" and receipt["taxCategory"]["number"] == "03"
    assert (receipt["totalAmount"], receipt["taxTotal"]) == (100.0, 20.0)


def test_an_image_is_attached_to_a_receipt_and_shown_on_it_and_on_its_claim_detail(company):
    claim = created(company.post("/expenseClaim", claim_body()))
    number = created(company.post("/expenseReceipt", receipt_body(expenseClaim={"value": claim})))
    attached = attachment_id(upload(company, f"/expenseReceipt/{number}/attachment", "kvittering.pdf"))
    image = receipt_of(company, number)["image"]
    assert (image["id"], image["name"], image["revision"]) == (attached, "kvittering.pdf", 1)
    details = claim_of(company, claim)["details"]
    assert [a["id"] for a in details[1]["attachments"]] == [attached] and details[0]["attachments"] == []
    assert upload(company, "/expenseReceipt/999999/attachment").status_code == 404
