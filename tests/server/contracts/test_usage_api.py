"""Contract usage (CT303000) and contract templates (CT202000) through the API on both databases: usage recorded
by transaction number on an active contract's items, refused on other contracts and items, billed usage kept
as it was billed; the template list; both validated against the real documents."""

from __future__ import annotations

from datetime import date

from tests.contract_factories import add_contract_company, contract_body, run_billing
from tests.ledger_factories import assert_real


def _line(item: str = "TJENESTE", quantity=3, day: str = "2020-02-10", **extra) -> dict:
    return {
        "operation": "Insert",
        "inventory": {"value": item},
        "quantity": {"value": quantity},
        "date": {"value": day},
        **extra,
    }


def _activate(tenant) -> None:
    tenant.post("/customerContract", contract_body())
    assert (
        tenant.post("/customerContract/C1/action/setupAndActivateContract?activationDate=2020-02-01").status_code == 204
    )


def test_usage_is_recorded_changed_and_deleted_by_transaction_number(tenant):
    add_contract_company(tenant)
    _activate(tenant)
    etag = tenant.get("/contractUsage/C1").headers["ETag"]
    body = {"lines": [_line(), _line("BOK", 1, "2020-02-12", description={"value": "Ekstra bok"})]}
    assert tenant.put("/contractUsage/C1", body, headers={"If-Match": etag}).status_code == 204
    assert tenant.put("/contractUsage/C1", body, headers={"If-Match": etag}).status_code == 412
    usage = tenant.get("/contractUsage/C1").json()
    assert_real(usage, "contractusage", "ContractUsageDto")
    assert [
        (t["transactionNumber"], t["item"]["number"], t["quantity"], t["description"], t["billed"])
        for t in usage["transaction"]
    ] == [
        (1, "TJENESTE", 3, "Konsulenttime", False),
        (2, "BOK", 1, "Ekstra bok", False),
    ]
    change = {
        "lines": [
            {"operation": "Update", "transactionNumber": {"value": 1}, "quantity": {"value": 4}},
            {"operation": "Delete", "transactionNumber": {"value": 2}},
        ]
    }
    assert tenant.put("/contractUsage/C1", change).status_code == 204
    usage = tenant.get("/contractUsage/C1").json()
    assert [(t["transactionNumber"], t["quantity"]) for t in usage["transaction"]] == [(1, 4)]
    listed = tenant.get("/contractUsage").json()
    assert [x["contract"] for x in listed] == ["C1"] and "metadata" not in listed[0]
    assert tenant.client.get("/v1/contractUsage/C1", headers=tenant.headers).status_code == 200

    # Billed usage is what the invoice billed: it cannot be changed or deleted.
    run_billing(tenant, date(2020, 3, 1))
    for operation in ("Update", "Delete"):
        refused = tenant.put(
            "/contractUsage/C1",
            {"lines": [{"operation": operation, "transactionNumber": {"value": 1}, "quantity": {"value": 1}}]},
        )
        assert refused.status_code == 400
        assert "lines[0]: The transaction 1 is billed and cannot be changed." in refused.json()["message"]
    assert tenant.get("/contractUsage/C1").json()["transaction"][0]["quantity"] == 4


def test_usage_is_refused_on_a_draft_for_items_not_on_the_contract_and_without_what_it_needs(tenant):
    add_contract_company(tenant)
    tenant.post("/customerContract", contract_body())
    draft = tenant.put("/contractUsage/C1", {"lines": [_line()]})
    assert draft.status_code == 400
    assert (
        "Usage can be recorded only on an Active contract (or one InUpgrade); contract C1 is Draft."
        in draft.json()["message"]
    )
    tenant.post("/customerContract/C1/action/setupAndActivateContract?activationDate=2020-02-01")
    stamp = tenant.get("/contractUsage/C1").json()["timeStamp"]
    bad = tenant.put(
        "/contractUsage/C1",
        {
            "lines": [
                _line("FRI"),
                _line("NOPE"),
                _line(quantity=0),
                _line(day="2020-01-01"),
                {"operation": "Insert", "inventory": {"value": "TJENESTE"}},
                {"operation": "Update", "transactionNumber": {"value": 9}, "quantity": {"value": 1}},
            ]
        },
    )
    assert bad.status_code == 400
    message = bad.json()["message"]
    for problem in (
        "lines[0]: The item 'FRI' is not an item of contract C1 in force.",
        "lines[1]: Item 'NOPE' cannot be found in the system.",
        "lines[2]: 'Quantity' must be greater than 0.",
        "lines[3]: 'Date' (2020-01-01) cannot be earlier than the contract's activation date (2020-02-01).",
        "lines[4]: 'Quantity' cannot be empty.",
        "lines[5]: Line 9 is not on the contract usage.",
    ):
        assert problem in message, problem
    usage = tenant.get("/contractUsage/C1").json()
    assert "transaction" not in usage or usage["transaction"] == []
    assert usage["timeStamp"] == stamp
    assert tenant.get("/contractUsage/NOPE").status_code == 404


def test_the_templates_are_listed_as_the_real_document_has_them(tenant):
    add_contract_company(tenant)
    listed = tenant.get("/contractTemplate").json()
    assert [(x["id"], x["description"]) for x in listed] == [("DRIFT", "Drift og support"), ("LISENS", "Lisens, årlig")]
    for element in listed:
        assert_real(element, "contracttemplate", "ContractTemplateDto")
    assert [x["id"] for x in tenant.get("/contractTemplate?greaterThanValue=DRIFT").json()] == ["LISENS"]
    assert tenant.client.get("/v1/contractTemplate", headers=tenant.headers).status_code == 200
