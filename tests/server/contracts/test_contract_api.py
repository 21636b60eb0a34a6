"""Customer contracts (CT301000) through the API on both databases: made from a template, their summary, details
and recurring summary validated against the real documents, the status actions and the invoices they make (AR,
revenue and VAT in the ledger), upgrades, the refusals of actions a status does not allow and of bad bodies,
with nothing written."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from sqlalchemy import func, select

from nettfin.server.contracts.models import CustomerContract
from nettfin.server.ledger.posting import ledger_invariants
from nettfin.server.receivables.document_models import CustomerInvoice
from tests.contract_factories import add_contract_company, contract_body, run_billing
from tests.ledger_factories import assert_real
from tests.supplier_ledger_factories import account_balance

DOC = "customer-contract"


def _invoices(tenant) -> list[tuple[str, str, Decimal, bool]]:
    with tenant.database.reading() as session:
        rows = session.scalars(
            select(CustomerInvoice)
            .where(CustomerInvoice.company_id == tenant.company_id)
            .order_by(CustomerInvoice.reference_number)
        ).unique()
        return [(x.reference_number, x.customer.number, x.amount, x.released) for x in rows]


def _contract_count(tenant) -> int:
    with tenant.database.reading() as session:
        return session.scalar(
            select(func.count()).select_from(CustomerContract).where(CustomerContract.company_id == tenant.company_id)
        )


def _sound(tenant) -> None:
    with tenant.database.reading() as session:
        assert ledger_invariants(session, tenant.company_id) == []


def _active(tenant, contract_id: str = "C1") -> None:
    assert tenant.post("/customerContract", contract_body(contract_id)).status_code == 201
    response = tenant.post(f"/customerContract/{contract_id}/action/setupAndActivateContract?activationDate=2020-02-01")
    assert response.status_code == 204, response.text


def test_a_contract_is_made_from_its_template_and_reads_as_the_real_document(tenant):
    add_contract_company(tenant)
    response = tenant.post("/customerContract", contract_body())
    assert response.status_code == 201, response.text
    assert response.headers["Location"].endswith("/customerContract/C1")
    got = tenant.get("/customerContract/C1")
    contract = got.json()
    assert_real(contract, DOC, "CustomerContractDto")
    assert got.headers["ETag"] == f'"{contract["timeStamp"]}"'
    assert (contract["status"], contract["customer"], contract["contractTemplate"]["id"], contract["balance"]) == (
        "Draft",
        {"number": "10000", "name": "Kunde AS"},
        "DRIFT",
        0,
    )
    lines = contract["details"]["lines"]
    assert [
        (x["contractDetailId"], x["itemCode"], x["included"], x["recurringPrice"], x["invoiceType"]) for x in lines
    ] == [
        (1, "TJENESTE", 2, 800, "Prepaid"),
        (2, "BOK", 1, 300, "Postpaid"),
    ]
    details = contract["details"]
    assert (details["pendingSetup"], details["pendingRecurring"], details["currentRecurring"]) == (1000, 1100, 0)
    summary = contract["summary"]
    assert (summary["setupDate"], summary["invoicingPeriod"], summary["currency"], summary["invoiceTo"]) == (
        "2020-01-15T00:00:00",
        "Monthly",
        "NOK",
        "CustomerAccount",
    )
    assert "nextInvoicingDate" not in summary
    for path, component in (
        ("summary", "CustomerContractSummaryDto"),
        ("details", "CustomerContractDetailsDto"),
        ("recurringSummary", "CustomerContractRecurringSummaryDto"),
    ):
        part = tenant.get(f"/customerContract/C1/{path}")
        assert part.status_code == 200
        assert_real(part.json(), DOC, component)
    # The /v1 prefix serves the same.
    assert tenant.client.get("/v1/customerContract/C1", headers=tenant.headers).json()["contractId"] == "C1"
    assert _invoices(tenant) == []


def test_the_list_filters_pages_and_expands(tenant):
    add_contract_company(tenant)
    for contract_id, customer in (("C1", "10000"), ("C2", "20000"), ("C3", "10000")):
        assert tenant.post("/customerContract", contract_body(contract_id, customer)).status_code == 201
    assert tenant.post("/customerContract/C2/action/setupContract").status_code == 204
    listed = tenant.get("/customerContract?customer=10000").json()
    assert [x["contractId"] for x in listed] == ["C1", "C3"]
    # Not paged, as the real list: no metadata; numberToRead and skipRecords apply.
    assert "summary" not in listed[0] and "metadata" not in listed[0]
    assert [x["contractId"] for x in tenant.get("/customerContract?status=PendingActivation").json()] == ["C2"]
    assert [x["contractId"] for x in tenant.get("/customerContract?greaterThanValue=C1&numberToRead=1").json()] == [
        "C2"
    ]
    assert [x["contractId"] for x in tenant.get("/customerContract?skipRecords=2").json()] == ["C3"]
    expanded = tenant.get("/customerContract?expandSummary=true&expandDetails=true&contractTemplate=DRIFT").json()
    assert len(expanded) == 3 and expanded[0]["summary"]["setupDate"] == "2020-01-15T00:00:00"
    for element in expanded:
        assert_real(element, DOC, "CustomerContractDto")
    assert tenant.get("/customerContract?status=Nonsense").status_code == 400


def test_setup_then_activation_invoice_the_setup_fees_then_the_prepaid_period(tenant):
    add_contract_company(tenant)
    tenant.post("/customerContract", contract_body())
    assert tenant.post("/customerContract/C1/action/setupContract?setupDate=2020-01-20").status_code == 204
    contract = tenant.get("/customerContract/C1").json()
    assert (contract["status"], contract["summary"]["setupDate"]) == ("PendingActivation", "2020-01-20T00:00:00")
    # 1 x 1000 setup on TJENESTE, 25 % VAT.
    assert _invoices(tenant) == [("000001", "10000", Decimal("1250.00"), True)]
    assert account_balance(tenant, "1500") == Decimal("1250.00")

    assert tenant.post("/customerContract/C1/action/activateContract?activationDate=2020-02-01").status_code == 204
    contract = tenant.get("/customerContract/C1").json()
    summary = contract["summary"]
    assert (contract["status"], summary["activationDate"], summary["nextInvoicingDate"]) == (
        "Active",
        "2020-02-01T00:00:00",
        "2020-03-01T00:00:00",
    )
    # The prepaid item's first month: 2 x 800, 25 % VAT; the postpaid BOK is billed at the period's end.
    assert _invoices(tenant)[1] == ("000002", "10000", Decimal("2000.00"), True)
    assert contract["balance"] == 3250
    assert account_balance(tenant, "1500") == Decimal("3250.00")
    assert account_balance(tenant, "3000") == Decimal("-2600.00")
    assert contract["details"]["currentRecurring"] == 1100
    _sound(tenant)


def test_billing_invoices_recurring_fees_and_usage_beyond_what_is_included(tenant):
    add_contract_company(tenant)
    _active(tenant)
    # Setup 1000 + prepaid 2 x 800, 25 % VAT.
    assert _invoices(tenant) == [("000001", "10000", Decimal("3250.00"), True)]
    usage = {
        "lines": [
            {
                "operation": "Insert",
                "inventory": {"value": "TJENESTE"},
                "quantity": {"value": 5},
                "date": {"value": "2020-02-10"},
            },
            {
                "operation": "Insert",
                "inventory": {"value": "TJENESTE"},
                "quantity": {"value": 1},
                "date": {"value": "2020-03-05"},
            },
        ]
    }
    assert tenant.put("/contractUsage/C1", usage).status_code == 204
    recurring = tenant.get("/customerContract/C1/recurringSummary").json()
    assert (recurring["recurringTotal"], recurring["extraUsageTotal"], recurring["totalDue"]) == (1900, 3800, 5700)

    billed = run_billing(tenant, date(2020, 3, 1))
    assert [(b.contract_cd, b.billed_on, b.reference_number) for b in billed] == [("C1", date(2020, 3, 1), "000002")]
    # TJENESTE: the next month 2 x 800 and the 3 hours beyond the 2 included x 950 (25 % VAT);
    # BOK: the month past, 1 x 300 (12 % VAT).
    assert billed[0].amount == Decimal("4450") * Decimal("1.25") + Decimal("336")
    assert _invoices(tenant)[1] == ("000002", "10000", Decimal("5898.50"), True)
    assert account_balance(tenant, "1500") == Decimal("9148.50")
    assert account_balance(tenant, "3000") == Decimal("-7350.00")
    transactions = tenant.get("/contractUsage/C1").json()["transaction"]
    assert [
        (t["transactionNumber"], t["billed"], t.get("referenceNbr"), t.get("billingDate")) for t in transactions
    ] == [
        (1, True, "000002", "2020-03-01T00:00:00"),
        (2, False, None, None),
    ]
    contract = tenant.get("/customerContract/C1").json()
    assert (contract["summary"]["lastInvoicingDate"], contract["summary"]["nextInvoicingDate"]) == (
        "2020-03-01T00:00:00",
        "2020-04-01T00:00:00",
    )
    assert contract["balance"] == 9148.5
    # Run again for the same day: nothing is due.
    assert run_billing(tenant, date(2020, 3, 15)) == []
    assert len(_invoices(tenant)) == 2

    # Termination bills the month's postpaid fee; the hour used is within the 2 included.
    assert tenant.post("/customerContract/C1/action/terminateContract?terminationDate=2020-03-20").status_code == 204
    contract = tenant.get("/customerContract/C1").json()
    assert (contract["status"], contract["summary"]["terminationDate"]) == ("Canceled", "2020-03-20T00:00:00")
    assert "nextInvoicingDate" not in contract["summary"]
    assert _invoices(tenant)[2] == ("000003", "10000", Decimal("336.00"), True)
    assert tenant.get("/contractUsage/C1").json()["transaction"][1]["billed"] is True
    assert run_billing(tenant, date(2020, 6, 1)) == []
    _sound(tenant)


def test_billing_catches_up_every_date_due_and_leaves_invoices_unreleased_when_the_template_says_so(tenant):
    add_contract_company(tenant, release=False)
    _active(tenant)
    billed = run_billing(tenant, date(2020, 4, 1))
    assert [b.billed_on for b in billed] == [date(2020, 3, 1), date(2020, 4, 1)]
    assert [(x[2], x[3]) for x in _invoices(tenant)] == [
        (Decimal("3250.00"), False),
        (Decimal("2336.00"), False),
        # BOK's VAT is 6 % from April 2020.
        (Decimal("2318.00"), False),
    ]
    assert account_balance(tenant, "1500") == 0
    assert tenant.get("/customerContract/C1").json()["balance"] == 0
    invoice = tenant.get("/customerinvoice/000002").json()
    assert (invoice["status"], invoice["invoiceText"]) == ("Balanced", "Contract C1: recurring 2020-03-01")


def test_an_upgrade_changes_the_items_in_force_only_when_activated(tenant):
    add_contract_company(tenant)
    _active(tenant)
    change = {"details": [{"operation": "Update", "contractDetailId": {"value": 1}, "recurringPrice": {"value": 900}}]}
    refused = tenant.put("/customerContract/C1", change)
    assert refused.status_code == 400
    assert "can be changed only while it is Draft or InUpgrade" in refused.json()["message"]

    assert tenant.post("/customerContract/C1/action/upgradeContract").status_code == 204
    assert tenant.get("/customerContract/C1").json()["status"] == "InUpgrade"
    used = {"lines": [{"inventory": {"value": "TJENESTE"}, "quantity": {"value": 1}, "date": {"value": "2020-02-20"}}]}
    assert tenant.put("/contractUsage/C1", used).status_code == 204
    taken_off = tenant.put(
        "/customerContract/C1", {"details": [{"operation": "Delete", "contractDetailId": {"value": 1}}]}
    )
    assert taken_off.status_code == 400
    assert (
        "The item 'TJENESTE' has usage not yet billed; it cannot be taken off the contract."
        in taken_off.json()["message"]
    )
    change["details"].append(
        {
            "operation": "Insert",
            "itemCode": {"value": "FRI"},
            "setupPrice": {"value": 200},
            "recurringPrice": {"value": 50},
        }
    )
    assert tenant.put("/customerContract/C1", change).status_code == 204
    details = tenant.get("/customerContract/C1/details").json()
    assert (details["pendingRecurring"], details["currentRecurring"]) == (1250, 1100)
    # Billing during the upgrade bills the prices in force.
    assert run_billing(tenant, date(2020, 3, 1))[0].amount == Decimal("2336.00")

    assert tenant.post("/customerContract/C1/action/activateUpgrade?activationDate=2020-03-10").status_code == 204
    contract = tenant.get("/customerContract/C1").json()
    assert (contract["status"], contract["details"]["currentRecurring"]) == ("Active", 1250)
    # The added item's setup fee (FRI: category 05).
    upgrade_invoice = tenant.get(f"/customerinvoice/{_invoices(tenant)[-1][0]}").json()
    assert [(x["inventoryNumber"], x["amount"]) for x in upgrade_invoice["invoiceLines"]] == [("FRI", 200)]
    billed = run_billing(tenant, date(2020, 4, 1))
    # 2 x 900 (25 %) + 300 (12 %) + 50 on FRI.
    lines = tenant.get(f"/customerinvoice/{billed[0].reference_number}").json()["invoiceLines"]
    assert sorted((x["inventoryNumber"], x["amount"]) for x in lines) == [("BOK", 300), ("FRI", 50), ("TJENESTE", 1800)]
    _sound(tenant)


def test_actions_a_status_does_not_allow_are_refused_and_write_nothing(tenant):
    add_contract_company(tenant)
    tenant.post("/customerContract", contract_body())
    before = tenant.get("/customerContract/C1").json()
    for action, expected in (
        ("activateContract", "it is Draft; activateContract applies to a contract that is PendingActivation."),
        ("terminateContract", "it is Draft; terminateContract applies to a contract that is PendingActivation or "),
        ("upgradeContract", "upgradeContract applies to a contract that is Active."),
        ("activateUpgrade", "activateUpgrade applies to a contract that is InUpgrade."),
    ):
        response = tenant.post(f"/customerContract/C1/action/{action}")
        assert response.status_code == 400, action
        assert "The contract C1 cannot be processed by" in response.json()["message"]
        assert expected in response.json()["message"]
    early = tenant.post("/customerContract/C1/action/setupAndActivateContract?activationDate=2020-01-01")
    assert early.status_code == 400
    assert "'Activation date' (2020-01-01) cannot be earlier than 'Setup date' (2020-01-15)." in early.json()["message"]
    assert tenant.get("/customerContract/C1").json()["timeStamp"] == before["timeStamp"]
    assert _invoices(tenant) == []
    stale = tenant.post("/customerContract/C1/action/setupContract", headers={"If-Match": '"AAAAAAAAAAA="'})
    assert stale.status_code == 412
    assert tenant.post("/customerContract/NOPE/action/setupContract").status_code == 404
    # A closed period refuses the invoice, and with it the action.
    from tests.ledger_factories import close_period

    close_period(tenant, "202001", closed_in_customer_ledger=True)
    refused = tenant.post("/customerContract/C1/action/setupContract")
    assert refused.status_code == 400
    assert tenant.get("/customerContract/C1").json()["status"] == "Draft" and _invoices(tenant) == []


def test_bad_bodies_name_every_problem_and_write_nothing(tenant):
    add_contract_company(tenant)
    empty = tenant.post("/customerContract", {"description": {"value": "x"}})
    assert empty.status_code == 400
    message = empty.json()["message"]
    assert "Error inserting the customer contract." in message
    for problem in (
        "'Contract ID' cannot be empty.",
        "'Contract template' cannot be empty.",
        "'Customer' cannot be empty.",
    ):
        assert problem in message
    unknown = tenant.post("/customerContract", contract_body("C1", "99999", contractTemplate={"value": "X"})).json()[
        "message"
    ]
    assert "Contract template 'X' cannot be found in the system." in unknown
    assert "Customer '99999' cannot be found in the system." in unknown
    stock = tenant.post(
        "/customerContract", contract_body(details=[{"operation": "Insert", "itemCode": {"value": "VARE"}}])
    ).json()["message"]
    assert "details[0]: The item 'VARE' is a stock item; a contract item must be a non-stock item." in stock
    negative = tenant.post(
        "/customerContract",
        contract_body(details=[{"itemCode": {"value": "BOK"}, "recurringPrice": {"value": -1}}]),
    ).json()["message"]
    assert "'Recurring price' cannot be less than 0." in negative
    huge = tenant.post(
        "/customerContract",
        contract_body(details=[{"itemCode": {"value": "BOK"}, "setupPrice": {"value": 10**16}}]),
    ).json()["message"]
    assert "'Setup price' is out of range: 10000000000000000" in huge
    dates = tenant.post(
        "/customerContract",
        contract_body(activationDate={"value": "2020-01-01"}, invoiceTo={"value": "SpecificAccount"}),
    ).json()["message"]
    assert "'Activation date' cannot be earlier than 'Setup date'." in dates
    assert "'Invoice account' cannot be empty when 'invoiceTo' is SpecificAccount." in dates
    assert tenant.post("/customerContract", contract_body(invoiceTo={"value": "Nobody"})).status_code == 400
    assert _contract_count(tenant) == 0
    assert tenant.post("/customerContract", contract_body()).status_code == 201
    duplicate = tenant.post("/customerContract", contract_body())
    assert "'Contract ID' 'C1' already exists; choose another." in duplicate.json()["message"]
    assert _contract_count(tenant) == 1


def test_a_put_changes_the_header_and_ignores_what_it_cannot_change(tenant):
    add_contract_company(tenant)
    tenant.post("/customerContract", contract_body())
    etag = tenant.get("/customerContract/C1").headers["ETag"]
    body = {
        "customer": {"value": "20000"},
        "description": {"value": "Ny tekst"},
        "invoiceTo": {"value": "SpecificAccount"},
        "invoiceAccount": {"value": "20000"},
        "details": [{"operation": "Delete", "contractDetailId": {"value": 2}}],
    }
    response = tenant.put("/customerContract/C1", body, headers={"If-Match": etag})
    assert response.status_code == 204, response.text
    assert response.headers["X-Nettfin-Ignored-Fields"] == "customer"
    contract = tenant.get("/customerContract/C1").json()
    assert (contract["customer"]["number"], contract["description"]) == ("10000", "Ny tekst")
    assert contract["summary"]["invoiceAccount"] == {"number": "20000", "name": "Export Ltd"}
    assert [x["itemCode"] for x in contract["details"]["lines"]] == ["TJENESTE"]
    assert tenant.put("/customerContract/C1", body, headers={"If-Match": etag}).status_code == 412
    # The invoices go to the account the contract names.
    tenant.post("/customerContract/C1/action/setupContract")
    assert _invoices(tenant)[0][1] == "20000"
