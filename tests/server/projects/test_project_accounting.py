"""Projects and the books: journal lines name an active project and one of its tasks (and nothing else), the posted
lines are the project's transactions (`/v1/projecttransaction`), its figures and its budget lines' actual amounts;
budget lines (`/v1/projectbudget`) refuse what does not exist. Through the app on both databases."""

from __future__ import annotations

from nettfin.server.projects.models import ProjectBudget
from nettfin.server.projects.schemas import ProjectBudgetUpdateDto
from nettfin.server.projects.service import add_account_group
from tests.factories import new_number
from tests.party_factories import assert_real, write_kind_mismatches
from tests.project_factories import add_project
from tests.sales_factories import add_trading_company
from tests.sales_factories import invoice_body as customer_invoice
from tests.server.projects.test_project_api import count
from tests.supplier_ledger_factories import (
    assert_sound_books,
    batch_count,
    books,
    invoice_body,
    invoice_line,
    journal_body,
    journal_line,
    released_invoice,
)
from tests.timecard_factories import link, staffed, time_card

OFFICE = [{"segmentId": 1, "segmentValue": "30"}]


def project_books(tenant):
    books(tenant)
    with tenant.database.writing() as session:
        add_account_group(session, tenant.company_id, "EXPENSE", "Expenses", "Expense", ["6800"])
        add_account_group(session, tenant.company_id, "INCOME", "Income", "Income", ["3000"])
    add_project(tenant, "P100", "T1", "T2")
    add_project(tenant, "P200", "T9")
    return tenant


def expense(amount: str = "100.00", **project) -> dict:
    return journal_body(
        journal_line("6800", debit=amount, segments=OFFICE, **project), journal_line("1920", credit=amount)
    )


def of(project: str, task: str | None = None) -> dict:
    members = {"project": {"value": project}}
    return {**members, "projectTask": {"value": task}} if task else members


def released(tenant, body: dict) -> str:
    number = new_number(tenant.post("/journaltransaction", body))
    assert tenant.post(f"/journaltransaction/{number}/action/release").status_code == 200
    return number


def message(response) -> str:
    assert response.status_code == 400, response.text
    return response.json()["message"]


def test_the_budget_body_is_the_real_one():
    assert write_kind_mismatches(ProjectBudgetUpdateDto, "projectbudget", "ProjectBudgetUpdateDto") == {}


def test_a_posted_line_of_a_project_and_task_is_its_transaction_its_expense_and_its_budgets_actual(tenant):
    project_books(tenant)
    number = released(tenant, expense("100.00", **of("P100", "T1")))
    batch = tenant.get(f"/journaltransaction/{number}").json()
    first = batch["journalTransactionLines"][0]
    assert (first["project"]["id"], first["projectTask"]["id"]) == ("P100", "T1")
    assert "project" not in batch["journalTransactionLines"][1]

    listed = tenant.get("/projecttransaction", params={"project": "P100"})
    assert listed.status_code == 200, listed.text
    (document,) = listed.json()
    assert_real(document, "projecttransaction", "ProjectTransactionDocumentDto")
    (line,) = document["lines"]
    assert (line["project"]["id"], line["projectTask"]["id"], line["amount"], line["batchNbr"]) == (
        "P100",
        "T1",
        100,
        number,
    )
    assert (line["debitAccount"]["number"], line["accountGroup"]["number"]) == ("6800", "EXPENSE")
    assert tenant.get(f"/projecttransaction/{number}").json() == document
    assert tenant.get("/projecttransaction", params={"project": "P200"}).json() == []
    assert tenant.get("/projecttransaction/999999").status_code == 404

    figures = tenant.get("/project/P100").json()
    assert (figures["expenses"], figures["income"]) == (100, 0)
    assert tenant.get("/project/P200").json()["expenses"] == 0
    assert_sound_books(tenant)

    budget = {
        "projectID": {"value": "P100"},
        "projectTaskID": {"value": "T1"},
        "accountGroupID": {"value": "EXPENSE"},
        "description": {"value": "Kontor"},
        "originalBudgetAmount": {"value": 500},
    }
    created = tenant.post("/projectbudget", budget)
    assert created.status_code == 201, created.text
    assert created.headers["Location"].endswith("/v1/projectbudget/P100/T1/EXPENSE")
    (read,) = tenant.get("/projectbudget", params={"project": "P100"}).json()
    assert_real(read, "projectbudget", "ProjectBudgetDto")
    assert (read["originalBudgetAmount"], read["revisedBudgetAmount"], read["actualAmount"], read["type"]) == (
        500,
        500,
        100,
        "Expense",
    )
    assert tenant.get("/projectbudget", params={"project": "P200"}).json() == []


def test_journal_lines_refuse_unknown_projects_tasks_of_another_and_inactive_ones_writing_nothing(tenant):
    project_books(tenant)
    add_project(tenant, "DONE", "T1", status="Completed")
    for project, expected in (
        (of("NOPE"), "Project 'NOPE' cannot be found in the system."),
        (of("P100", "T9"), "Project task 'T9' is not a task of project 'P100'."),
        (of("P100", "ZZ"), "Project task 'ZZ' cannot be found in the system."),
        (of("X", "T1"), "Project task 'T1' cannot be found in the system."),
        (of("DONE", "T1"), "Project 'DONE' is inactive."),
    ):
        assert expected in message(tenant.post("/journaltransaction", expense(**project)))
    assert batch_count(tenant) == 0
    assert released(tenant, expense(**of("X")))
    assert tenant.get("/projecttransaction").json() == []


def test_budget_lines_refuse_what_does_not_exist_and_duplicates(tenant):
    project_books(tenant)
    bad = {
        "projectID": {"value": "P100"},
        "projectTaskID": {"value": "T9"},
        "accountGroupID": {"value": "NOPE"},
    }
    problems = message(tenant.post("/projectbudget", bad))
    assert "Project task 'T9' is not a task of project 'P100'." in problems
    assert "Account group 'NOPE' cannot be found in the system." in problems
    unknown = message(tenant.post("/projectbudget", {**bad, "projectID": {"value": "NOPE"}}))
    assert "Project 'NOPE' cannot be found in the system." in unknown
    good = {**bad, "projectTaskID": {"value": "T1"}, "accountGroupID": {"value": "EXPENSE"}}
    assert tenant.post("/projectbudget", good).status_code == 201
    assert "already has a budget line" in message(tenant.post("/projectbudget", good))
    assert count(tenant, ProjectBudget) == 1


def test_a_project_transaction_posts_its_lines_for_the_project_and_task(tenant):
    project_books(tenant)
    line = {
        "date": {"value": "2019-11-08T00:00:00"},
        "amount": {"value": 250},
        "debitAccount": {"value": "6800"},
        "creditAccount": {"value": "1920"},
        "project": {"value": "NOPE"},
        "projectTask": {"value": "T2"},
    }
    body = {"description": {"value": "Konsulent"}, "lines": [line]}
    assert "lines[0]: Project 'NOPE' cannot be found in the system." in message(
        tenant.post("/projecttransaction", body)
    )
    line["project"] = {"value": "P100"}
    line["creditAccount"] = {"value": "9999"}
    assert "Account '9999' cannot be found in the system." in message(tenant.post("/projecttransaction", body))
    assert batch_count(tenant) == 0
    line["creditAccount"] = {"value": "1920"}
    created = tenant.post("/projecttransaction", body)
    assert created.status_code == 201, created.text
    number = created.headers["Location"].rsplit("/", 1)[1]
    document = tenant.get(f"/projecttransaction/{number}").json()
    assert_real(document, "projecttransaction", "ProjectTransactionDocumentDto")
    assert (document["module"], document["description"], len(document["lines"])) == ("ModulePM", "Konsulent", 2)
    assert tenant.get("/project/P100").json()["expenses"] == 250
    assert_sound_books(tenant)


def test_a_released_project_transaction_changes_its_texts_only(tenant):
    """PUT /v1/projecttransaction/{refNbr}: the document is a posted batch, so its description and note, and its
    lines' by `tranId`, change; what posted (amounts, accounts) and lines added are refused, nothing written."""
    project_books(tenant)
    line = {
        "date": {"value": "2019-11-08T00:00:00"},
        "amount": {"value": 250},
        "debitAccount": {"value": "6800"},
        "creditAccount": {"value": "1920"},
        "project": {"value": "P100"},
        "projectTask": {"value": "T1"},
    }
    body = {"description": {"value": "Konsulent"}, "note": {"value": "Første"}, "lines": [line]}
    number = tenant.post("/projecttransaction", body).headers["Location"].rsplit("/", 1)[1]
    read = tenant.get(f"/projecttransaction/{number}").json()
    assert read["note"] == "Første"
    tran_id = read["lines"][0]["tranId"]
    refused = tenant.put(
        f"/projecttransaction/{number}",
        {
            "description": {"value": "Endret"},
            "lines": [
                {"operation": "Update", "tranId": {"value": tran_id}, "amount": {"value": 1}},
                {"operation": "Insert", "amount": {"value": 5}},
                {"operation": "Update", "tranId": {"value": 999999}, "note": {"value": "x"}},
            ],
        },
    )
    text = message(refused)
    assert f"lines[0]: Project transaction {number} is released: only 'description' and 'note' can change" in text
    assert f"lines[1]: Project transaction {number} is released: lines cannot be inserted or deleted." in text
    assert f"lines[2]: 'Tran ID' 999999 is not a line of project transaction {number}." in text
    assert tenant.get(f"/projecttransaction/{number}").json() == read
    stale = tenant.put(f"/projecttransaction/{number}", {"note": {"value": "x"}}, headers={"If-Match": '"nope"'})
    assert stale.status_code == 412
    changed = tenant.put(
        f"/projecttransaction/{number}",
        {
            "description": {"value": "Konsulent, november"},
            "note": {"value": None},
            "lines": [{"operation": "Update", "tranId": {"value": tran_id}, "note": {"value": "Timer"}}],
        },
        headers={"If-Match": f'"{read["timeStamp"]}"'},
    )
    assert changed.status_code == 204, changed.text
    assert changed.headers["ETag"]
    after = tenant.get(f"/projecttransaction/{number}").json()
    assert_real(after, "projecttransaction", "ProjectTransactionDocumentDto")
    assert (after["description"], "note" in after) == ("Konsulent, november", False)
    assert after["lines"][0]["note"] == "Timer"
    assert [x["amount"] for x in after["lines"]] == [x["amount"] for x in read["lines"]]
    assert tenant.put("/projecttransaction/999999", {"note": {"value": "x"}}).status_code == 404
    assert tenant.get("/project/P100").json()["expenses"] == 250
    assert_sound_books(tenant)


def test_a_supplier_invoice_posts_its_expense_line_to_the_project(tenant):
    project_books(tenant)
    body = invoice_body(invoice_line(projectId={"value": "NOPE"}))
    assert "Project 'NOPE' cannot be found in the system." in message(tenant.post("/supplierInvoice", body))
    body = invoice_body(invoice_line(projectId={"value": "P100"}))
    number = released_invoice(tenant, body)
    line = tenant.get(f"/supplierInvoice/{number}").json()["invoiceLines"][0]
    assert line["project"] == {"id": "P100"}
    (document,) = tenant.get("/projecttransaction", params={"project": "P100"}).json()
    assert_real(document, "projecttransaction", "ProjectTransactionDocumentDto")
    assert document["module"] == "ModuleAP" and document["origDocNbr"] == number
    (posted,) = document["lines"]
    assert posted["project"]["id"] == "P100" and "projectTask" not in posted
    assert tenant.get("/projecttransaction", params={"module": "ModuleGL"}).json() == []
    assert_sound_books(tenant)


def test_a_customer_invoice_posts_its_revenue_to_the_project_and_task_of_each_line(tenant):
    add_trading_company(tenant)
    add_project(tenant, "P100", "T1", "T2")
    add_project(tenant, "P200", "T9")
    body = customer_invoice(project={"value": "P100"})
    body["invoiceLines"][0]["taskId"] = {"value": "T9"}
    assert "invoiceLines[0]: Task 'T9' is not a task of project 'P100'." in message(
        tenant.post("/customerinvoice", body)
    )
    body["invoiceLines"][0]["taskId"] = {"value": "T1"}
    body["invoiceLines"][1]["taskId"] = {"value": "T2"}
    number = new_number(tenant.post("/customerinvoice", body))
    assert tenant.post(f"/customerinvoice/{number}/action/release").status_code == 200
    (document,) = tenant.get("/projecttransaction", params={"project": "P100"}).json()
    assert document["module"] == "ModuleAR"
    assert sorted((line["projectTask"]["id"], line["amount"]) for line in document["lines"]) == [
        ("T1", 500),
        ("T2", 199),
    ]
    assert [d["refNbr"] for d in tenant.get("/projecttransaction", params={"projectTask": "T2"}).json()] == [
        document["refNbr"]
    ]


def test_time_card_lines_name_real_projects_and_tasks(tenant):
    add_project(tenant, "P100", "T1")
    add_project(tenant, "P200", "T9")
    staffed(tenant, "E001")
    link(tenant, "E001")
    line = {"operation": "Insert", "tue": {"value": 450}, "project": {"value": "P100"}, "projectTask": {"value": "T9"}}
    refused = tenant.post("/timeCard", time_card("E001", "202415", line))
    assert "Project task 'T9' is not a task of project 'P100'." in message(refused)
    line["projectTask"] = {"value": "T1"}
    assert tenant.post("/timeCard", time_card("E001", "202415", line)).status_code == 201
