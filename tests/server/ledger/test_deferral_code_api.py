"""Deferral codes (DR202000, `/v1/deferralCode`): read-only, paged, validated against the real visma-deferralcode
document, on both databases."""

from __future__ import annotations

from nettfin.server.ledger.models import Account, DeferralCode
from tests.ledger_factories import real_query_parameters
from tests.party_factories import assert_real, query_names
from tests.supplier_ledger_factories import books

DOC = "deferralcode"


def add_codes(tenant) -> None:
    with tenant.database.writing() as session:
        account = session.query(Account).filter_by(company_id=tenant.company_id, account_cd="1700").one()
        session.add_all(
            [
                DeferralCode(
                    company_id=tenant.company_id,
                    deferral_code_cd="FORSKUDD",
                    description="Forskuddsbetalte kostnader",
                    code_type="Expense",
                    recognition_method="EvenPeriods",
                    deferred_revenue_from_item=False,
                    deferral_account=account,
                ),
                DeferralCode(
                    company_id=tenant.company_id,
                    deferral_code_cd="UTSATT",
                    description="Utsatt inntekt",
                    code_type="Income",
                    recognition_method="ProrateDays",
                    deferred_revenue_from_item=True,
                ),
            ]
        )


def test_the_list_parameters_are_the_real_ones(client):
    assert real_query_parameters(DOC, "/v1/deferralCode") <= query_names(client, "/deferralCode")


def test_the_codes_read_as_real_dtos_by_code_and_paged(tenant):
    books(tenant)
    add_codes(tenant)
    response = tenant.get("/deferralCode")
    assert response.status_code == 200, response.text
    listed = response.json()
    assert [c["deferralCode"] for c in listed] == ["FORSKUDD", "UTSATT"]
    assert listed[0]["metadata"]["totalCount"] == 2
    found = tenant.get("/deferralCode/FORSKUDD")
    assert found.status_code == 200
    code = found.json()
    assert_real(code, DOC, "DeferralCodeDto")
    assert code == {
        "deferralCode": "FORSKUDD",
        "description": "Forskuddsbetalte kostnader",
        "deferredRevenueFromItem": False,
        "recognitionMethod": "EvenPeriods",
        "codeType": "Expense",
        "deferralAccount": {"id": "1700", "description": "Forskuddsbetalt kostnad"},
    }
    assert tenant.get("/deferralCode", params={"pageSize": 1, "pageNumber": 2}).json()[0]["deferralCode"] == "UTSATT"


def test_an_unknown_code_is_404_and_there_are_no_writes(tenant):
    response = tenant.get("/deferralCode/NOPE")
    assert response.status_code == 404
    assert "Deferral code 'NOPE'" in response.json()["message"]
    assert tenant.post("/deferralCode", {"deferralCode": {"value": "X"}}).status_code == 405
