"""Cash transactions (CA304000, `/v1/cashTransaction`) through the app on both databases: bodies validated
against the real visma-cashtransaction document; release posts the cash account against the offset accounts
(receipt: cash debited; disbursement: cash credited) and reverse makes the negative transaction whose release
restores the balances; bad input is refused naming the field, nothing written."""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import func, select

from nettfin.server.cash.models import CashTransaction
from nettfin.server.cash.schemas import CashTransactionUpdateDto
from tests.attachment_factories import attachment_id, stored, upload
from tests.factories import new_number
from tests.ledger_factories import close_period, real_query_parameters
from tests.party_factories import assert_real, query_names, write_kind_mismatches
from tests.supplier_ledger_factories import account_balance, assert_sound_books, books, wrap

DOC = "cashtransaction"
PATH = "/cashTransaction"


def detail(account: str, amount, *, segments: list[dict] | None = None, **extra) -> dict:
    line = {"operation": "Insert", **wrap(offsetAccount=account, amount=amount, description=f"To {account}")}
    if segments is not None:
        line["offsetSubaccount"] = segments
    line.update(extra)
    return line


def body(*details: dict, entry="DEPOSIT", cash="1920", date="2024-03-05T00:00:00", **extra) -> dict:
    return {
        **wrap(entryType=entry, cashAccount=cash, tranDate=date, description="Kontantinnskudd"),
        "cashTransactionDetails": list(details),
        **extra,
    }


def create(tenant, payload: dict) -> str:
    return new_number(tenant.post(PATH, payload))


def release(tenant, number: str):
    return tenant.post(f"{PATH}/{number}/action/release")


def count(tenant) -> int:
    with tenant.database.reading() as session:
        statement = select(func.count()).select_from(CashTransaction)
        return session.scalar(statement.where(CashTransaction.company_id == tenant.company_id))


def test_the_write_body_and_list_parameters_are_the_real_ones(client):
    assert write_kind_mismatches(CashTransactionUpdateDto, DOC, "CashTransactionUpdateDto") == {}
    assert real_query_parameters(DOC, "/v1/cashTransaction") <= query_names(client, "/cashTransaction")


def test_a_receipt_is_created_balanced_and_reads_as_the_real_dto(tenant):
    books(tenant)
    response = tenant.post(PATH, body(detail("3900", "100.00"), detail("8040", "25.50", segments=[_segment("10")])))
    number = new_number(response)
    assert response.headers["Location"].endswith(f"/cashTransaction/{number}")
    read = tenant.get(f"{PATH}/{number}")
    assert read.status_code == 200, read.text
    found = read.json()
    assert_real(found, DOC, "CashTransactionDto")
    assert found["referenceNbr"] == number
    assert (found["status"], found["hold"], found["tranType"]) == ("Balanced", False, "Adjustment")
    assert found["entryType"] == {"id": "DEPOSIT", "description": "Deposit"}
    assert found["disbReceipt"] == "Receipt"
    assert found["cashAccount"]["number"] == "1920"
    assert (found["amount"], found["controlTotal"], found["financialPeriod"]) == (125.5, 125.5, "202403")
    lines = found["transactionDetails"]
    assert [line["lineNumber"] for line in lines] == [1, 2]
    assert lines[0]["offsetAccount"]["number"] == "3900"
    assert lines[1]["offsetSubAccount"]["subaccountNumber"] == "10-000"
    assert lines[0]["branch"]["number"] == "1"
    listed = tenant.get(PATH).json()
    assert [t["referenceNbr"] for t in listed] == [number]
    for element in listed:
        assert_real(element, DOC, "CashTransactionDto")  # no metadata: the real DTO has none


def _segment(value: str) -> dict:
    return {"segmentId": 1, "segmentValue": value}


def test_releasing_a_receipt_debits_cash_and_credits_the_offset_accounts(tenant):
    books(tenant)
    number = create(tenant, body(detail("3900", "100.00"), detail("8040", "25.50")))
    response = release(tenant, number)
    assert response.status_code == 200, response.text
    assert response.json()["actionResult"] == "Done"
    assert account_balance(tenant, "1920") == Decimal("125.50")
    assert account_balance(tenant, "3900") == Decimal("-100.00")
    assert account_balance(tenant, "8040") == Decimal("-25.50")
    found = tenant.get(f"{PATH}/{number}").json()
    assert found["status"] == "Released"
    batch = found["financialsDetail"]["batchNumber"]
    journal = tenant.get(f"/journaltransaction/{batch}").json()
    assert journal["module"] == "ModuleCA"
    assert {(x["accountNumber"], x["debitAmount"], x["creditAmount"]) for x in journal["journalTransactionLines"]} == {
        ("1920", 125.5, 0.0),
        ("3900", 0.0, 100.0),
        ("8040", 0.0, 25.5),
    }
    assert_sound_books(tenant)


def test_releasing_a_disbursement_credits_cash(tenant):
    books(tenant)
    number = create(tenant, body(detail("7770", "49.00"), entry="bankfee"))
    assert tenant.get(f"{PATH}/{number}").json()["disbReceipt"] == "Disbursement"
    assert release(tenant, number).status_code == 200
    assert account_balance(tenant, "1920") == Decimal("-49.00")
    assert account_balance(tenant, "7770") == Decimal("49.00")
    assert_sound_books(tenant)


def test_reverse_makes_a_negative_balanced_transaction_whose_release_restores_the_balances(tenant):
    books(tenant)
    number = create(tenant, body(detail("3900", "100.00"), detail("8040", "25.50")))
    assert release(tenant, number).status_code == 200
    response = tenant.post(f"{PATH}/{number}/action/reverse", {"returnCashTransaction": True})
    assert response.status_code == 200, response.text
    result = response.json()
    reversing = result["referenceNbr"]
    assert reversing != number and result["actionResult"] == "Done"
    made = result["cashTransaction"]
    assert_real(made, DOC, "CashTransactionDto")
    assert (made["status"], made["amount"], made["tranDate"]) == ("Balanced", -125.5, "2024-03-05T00:00:00")
    assert [x["amount"] for x in made["transactionDetails"]] == [-100.0, -25.5]
    assert account_balance(tenant, "1920") == Decimal("125.50")  # nothing posted until it is released
    assert release(tenant, reversing).status_code == 200
    for account in ("1920", "3900", "8040"):
        assert account_balance(tenant, account) == 0
    assert_sound_books(tenant)
    again = tenant.post(f"{PATH}/{number}/action/reverse")
    assert again.status_code == 400
    assert reversing in again.json()["message"]


def test_the_list_is_paged_by_reference_number(tenant):
    books(tenant)
    numbers = [create(tenant, body(detail("3900", f"{n}.00"))) for n in (1, 2, 3)]
    second = tenant.get(PATH, params={"pageSize": 1, "pageNumber": 2}).json()
    assert [t["referenceNbr"] for t in second] == numbers[1:2]
    future = tenant.get(PATH, params={"lastModifiedDateTime": "2999-01-01", "lastModifiedDateTimeCondition": ">"})
    assert future.status_code == 200 and future.json() == []


def test_an_unreleased_transaction_cannot_be_reversed(tenant):
    books(tenant)
    number = create(tenant, body(detail("3900", "10.00")))
    response = tenant.post(f"{PATH}/{number}/action/reverse")
    assert response.status_code == 400
    assert "not released" in response.json()["message"]
    assert count(tenant) == 1


def test_update_changes_lines_while_unreleased_and_is_refused_after_release(tenant):
    books(tenant)
    number = create(tenant, body(detail("3900", "100.00")))
    change = {"cashTransactionDetails": [{"operation": "Update", **wrap(lineNumber=1, amount="80.00")}]}
    response = tenant.put(f"{PATH}/{number}", change)
    assert response.status_code == 204, response.text
    assert tenant.get(f"{PATH}/{number}").json()["amount"] == 80.0
    assert release(tenant, number).status_code == 200
    refused = tenant.put(f"{PATH}/{number}", wrap(description="Changed"))
    assert refused.status_code == 400
    assert "already released" in refused.json()["message"]
    assert tenant.get(f"{PATH}/{number}").json()["description"] == "Kontantinnskudd"


def test_an_unknown_or_non_cash_account_is_refused_naming_it_nothing_written(tenant):
    books(tenant)
    for account, text in (("9999", "Cash account '9999' cannot be found"), ("3000", "not a cash account")):
        response = tenant.post(PATH, body(detail("3900", "10.00"), cash=account))
        assert response.status_code == 400
        assert text in response.json()["message"]
    assert count(tenant) == 0


def test_an_unknown_entry_type_or_offset_account_is_refused(tenant):
    books(tenant)
    response = tenant.post(PATH, body(detail("3999", "10.00"), entry="GIFT"))
    assert response.status_code == 400
    message = response.json()["message"]
    assert "Entry type 'GIFT'" in message and "DEPOSIT" in message
    assert "Offset account '3999' cannot be found" in message
    assert count(tenant) == 0


def test_a_closed_period_is_refused_on_entry_and_on_release(tenant):
    books(tenant)
    number = create(tenant, body(detail("3900", "10.00")))
    close_period(tenant, "202403", closed_in_cash_management=True)
    refused = tenant.post(PATH, body(detail("3900", "10.00")))
    assert refused.status_code == 400
    assert "'Financial period'" in refused.json()["message"] and "closed" in refused.json()["message"]
    response = release(tenant, number)
    assert response.status_code == 400
    assert "closed" in response.json()["message"]
    assert account_balance(tenant, "1920") == 0
    assert count(tenant) == 1


def test_a_control_total_other_than_the_amount_is_refused_unless_on_hold(tenant):
    books(tenant)
    refused = tenant.post(PATH, body(detail("3900", "10.00"), **wrap(controlTotal="12.00")))
    assert refused.status_code == 400
    assert "control total 12.00 does not match the amount 10.00" in refused.json()["message"]
    assert count(tenant) == 0
    number = create(tenant, body(detail("3900", "10.00"), **wrap(controlTotal="12.00", hold=True)))
    assert tenant.get(f"{PATH}/{number}").json()["status"] == "Hold"
    held = release(tenant, number)
    assert held.status_code == 400 and "on hold" in held.json()["message"]
    assert tenant.put(f"{PATH}/{number}", wrap(hold=False)).status_code == 400
    assert tenant.put(f"{PATH}/{number}", wrap(hold=False, controlTotal="10.00")).status_code == 204
    assert release(tenant, number).status_code == 200
    assert_sound_books(tenant)


def test_a_control_account_as_offset_is_refused_by_the_posting_rules(tenant):
    books(tenant)
    response = tenant.post(PATH, body(detail("1500", "10.00")))
    assert response.status_code == 400
    assert "1500" in response.json()["message"]
    assert count(tenant) == 0


def test_vat_members_are_refused_naming_them(tenant):
    books(tenant)
    response = tenant.post(PATH, body(detail("3900", "10.00", **wrap(vatCode="03")), **wrap(vatZone="01")))
    assert response.status_code == 400
    message = response.json()["message"]
    assert "'VAT zone'" in message and "'VAT category'" in message
    assert count(tenant) == 0


def test_an_unknown_transaction_is_404(tenant):
    books(tenant)
    response = tenant.get(f"{PATH}/999999")
    assert response.status_code == 404
    assert "Cash transaction '999999' not found" in response.json()["message"]
    assert release(tenant, "999999").status_code == 404


def test_a_file_attaches_to_a_cash_transaction(tenant):
    books(tenant)
    number = create(tenant, body(detail("3900", "10.00")))
    attachment_id(upload(tenant, f"{PATH}/{number}/attachment", "kvittering.pdf"))
    assert stored(tenant) == (1, 1)
    assert upload(tenant, f"{PATH}/999999/attachment").status_code == 404
