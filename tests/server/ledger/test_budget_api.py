"""Budgets (GL302010, `/v1/budget`) through the app on both databases, validated against the real visma-budget
document: articles per branch, budget ledger, year, account and subaccount, their amounts per period; bad
input refused naming the field, nothing written."""

from __future__ import annotations

from sqlalchemy import func, select

from nettfin.server.ledger.budget_schemas import BudgetUpdateDto
from nettfin.server.ledger.models import BudgetArticle
from tests.ledger_factories import real_query_parameters
from tests.party_factories import assert_real, query_names, write_kind_mismatches
from tests.supplier_ledger_factories import books, wrap

DOC = "budget"
PATH = "/budget"
YEAR = "2024"
LIST = {"branch": "1", "ledger": "BUDGET", "financialYear": YEAR}


def article(account: str = "3000", ledger: str = "BUDGET", year: str = YEAR, **extra) -> dict:
    return {**wrap(ledger=ledger, financialYear=year, account=account, branchNumber="1"), **extra}


def articles(tenant) -> int:
    with tenant.database.reading() as session:
        statement = select(func.count()).select_from(BudgetArticle)
        return session.scalar(statement.where(BudgetArticle.company_id == tenant.company_id))


def test_the_write_body_and_list_parameters_are_the_real_ones(client):
    assert write_kind_mismatches(BudgetUpdateDto, DOC, "BudgetUpdateDto") == {}
    assert real_query_parameters(DOC, "/v1/budget") <= query_names(client, PATH)


def test_an_amount_alone_is_spread_evenly_over_the_years_periods(tenant):
    books(tenant)
    response = tenant.post(PATH, article(amount={"value": 1000}))
    assert response.status_code == 201, response.text
    assert "financialYear=2024" in response.headers["Location"]
    (found,) = tenant.get(PATH, params=LIST).json()
    assert_real(found, DOC, "BudgetDto")
    assert found["account"]["number"] == "3000"
    assert found["subaccount"]["id"] == "00-000"
    assert found["branchNumber"]["number"] == "1"
    assert (found["financialYear"], found["released"], found["releasedAmount"]) == ("2024", False, 0.0)
    assert found["description"] == "Salgsinntekt, avgiftspliktig"
    assert (found["amount"], found["distributedAmount"]) == (1000.0, 1000.0)
    amounts = [p["amount"] for p in found["periods"]]
    assert [p["periodId"] for p in found["periods"]] == [f"2024{m:02d}" for m in range(1, 13)]
    assert amounts == [83.33] * 11 + [83.37]


def test_periods_set_their_amounts_and_make_the_amount_their_sum(tenant):
    books(tenant)
    body = article(
        "6300",
        subaccount=[{"segmentId": 1, "segmentValue": "30"}],
        periods=[wrap(periodId="01", amount=500), wrap(periodId="202402", amount=250)],
    )
    assert tenant.post(PATH, body).status_code == 201
    (found,) = tenant.get(PATH, params={**LIST, "subaccount": "30-000"}).json()
    assert (found["amount"], found["distributedAmount"]) == (750.0, 750.0)
    assert [p["amount"] for p in found["periods"][:3]] == [500.0, 250.0, 0.0]
    change = article(
        "6300",
        subaccount=[{"segmentId": 1, "segmentValue": "30"}],
        periods=[{"operation": "Delete", **wrap(periodId="01")}],
        amount={"value": 900},
    )
    response = tenant.put(PATH, change)
    assert response.status_code == 204, response.text
    (found,) = tenant.get(PATH, params={**LIST, "subaccount": "30-000"}).json()
    assert (found["amount"], found["distributedAmount"]) == (900.0, 250.0)
    assert tenant.get(PATH, params={**LIST, "subaccount": "00-000"}).json() == []


def test_a_second_article_for_the_same_key_is_refused_and_put_of_a_missing_one_is_404(tenant):
    books(tenant)
    assert tenant.post(PATH, article(amount={"value": 12})).status_code == 201
    again = tenant.post(PATH, article(amount={"value": 24}))
    assert again.status_code == 400
    assert "already exists" in again.json()["message"]
    missing = tenant.put(PATH, article("6800", amount={"value": 1}))
    assert missing.status_code == 404
    assert articles(tenant) == 1


def test_unknown_references_and_a_non_budget_ledger_are_refused_naming_them_nothing_written(tenant):
    books(tenant)
    cases = [
        (article("9999"), "Account '9999' cannot be found"),
        (article(ledger="NOPE"), "Ledger 'NOPE' cannot be found"),
        (article(ledger="ACTUAL"), "ACTUAL is not a budget ledger (its balance type is Actual)"),
        (article(year="1990"), "Financial year '1990' cannot be found"),
        ({**article(), **wrap(branchNumber="9")}, "Branch '9' cannot be found"),
        (article(subaccount=[{"segmentId": 1, "segmentValue": "99"}]), "field Subaccount"),
        (article(periods=[wrap(periodId="13", amount=1)]), "'Period' '13' is not a period of 2024"),
    ]
    for body, text in cases:
        response = tenant.post(PATH, body)
        assert response.status_code == 400, (body, response.text)
        assert text in response.json()["message"], response.json()["message"]
    assert articles(tenant) == 0


def test_the_list_requires_a_known_branch_and_ledger_and_filters(tenant):
    books(tenant)
    for account in ("3000", "4000", "6300"):
        assert tenant.post(PATH, article(account, amount={"value": 120})).status_code == 201
    listed = tenant.get(PATH, params=LIST).json()
    assert [a["account"]["number"] for a in listed] == ["3000", "4000", "6300"]
    after = tenant.get(PATH, params={**LIST, "greaterThanValue": "3000"}).json()
    assert [a["account"]["number"] for a in after] == ["4000", "6300"]
    assert tenant.get(PATH, params={**LIST, "isReleased": "true"}).json() == []
    assert tenant.get(PATH, params={**LIST, "financialYear": "2023"}).json() == []
    unknown = tenant.get(PATH, params={**LIST, "ledger": "NOPE"})
    assert unknown.status_code == 400 and "'ledger'" in unknown.json()["message"]
    assert tenant.get(PATH, params={"branch": "1"}).status_code == 400


def test_put_takes_if_match_and_a_stale_one_changes_nothing(tenant):
    books(tenant)
    created = tenant.post(PATH, article(amount={"value": 120}))
    etag = created.headers["ETag"]
    stale = tenant.put(PATH, article(amount={"value": 240}), headers={"If-Match": '"AAAAAAAAJxA="'})
    assert stale.status_code == 412
    assert tenant.get(PATH, params=LIST).json()[0]["amount"] == 120.0
    fresh = tenant.put(PATH, article(amount={"value": 240}), headers={"If-Match": etag})
    assert fresh.status_code == 204, fresh.text
    assert fresh.headers["ETag"] != etag
    assert tenant.get(PATH, params=LIST).json()[0]["amount"] == 240.0
