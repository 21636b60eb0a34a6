"""Branches (CS101500, `/v1/branch`) and the company as an organisation (`/v1/organization`) through the app on
both databases, validated against the real branch and organization documents: every company's organisation and
main branch, the expand flags, and bank settings written and read back."""

from __future__ import annotations

from sqlalchemy import select

from nettfin.server.identity.models import Company
from nettfin.server.organisation.models import Branch
from nettfin.server.organisation.resources import BankSettingsUpdateDto
from tests.ledger_factories import real_query_parameters
from tests.party_factories import assert_real, write_kind_mismatches

EXPAND_ALL = {name: "true" for name in ("expandAddress", "expandContact", "expandCurrency", "expandBankSettings")}
BANK = {
    "bankName": {"value": "DNB Bank ASA"},
    "bankAddress1": {"value": "Dronning Eufemias gate 30"},
    "bankCountry": {"value": "no"},
    "iban": {"value": "NO9386011117947"},
    "bban": {"value": "86011117947"},
    "bic": {"value": "DNBANOKKXXX"},
    "creditorId": {"value": "NO12ZZZ999888777"},
}


def served_query_parameters(tenant, path: str) -> set[str]:
    paths = tenant.client.get("/swagger/v1/swagger.json").json()["paths"]
    (served,) = [operations for template, operations in paths.items() if template.endswith(path)][:1]
    return {p["name"] for p in served["get"].get("parameters", []) if p["in"] == "query"}


def company_of(tenant) -> Company:
    with tenant.database.reading() as session:
        return session.get(Company, tenant.company_id)


def test_the_bank_settings_body_is_the_real_one():
    for document in ("branch", "organization"):
        assert write_kind_mismatches(BankSettingsUpdateDto, document, "BankSettingsUpdateDto") == {}


def test_every_company_has_its_main_branch(tenant):
    company = company_of(tenant)
    listed = tenant.get("/branch")
    assert listed.status_code == 200, listed.text
    body = listed.json()
    assert len(body) == 1
    assert_real(body[0], "branch", "BranchDto")
    branch = body[0]
    assert (branch["number"], branch["name"], branch["isMainBranch"], branch["isActive"]) == (
        "1",
        company.name,
        True,
        True,
    )
    assert "mainAddress" not in branch and "bankSettings" not in branch
    one = tenant.get("/branch/1")
    assert one.status_code == 200
    assert one.json() == branch


def test_a_branch_expands_its_address_contact_currency_and_bank_settings(tenant):
    with tenant.database.writing() as session:
        company = session.get(Company, tenant.company_id)
        company.address_line1, company.address_line2, company.organization_number = (
            "Storgata 1",
            "0150 Oslo",
            "999888777",
        )
    read = tenant.get("/branch/1", params=EXPAND_ALL).json()
    assert_real(read, "branch", "BranchDto")
    assert read["corporateId"] == "999888777"
    assert read["mainAddress"] == {"addressLine1": "Storgata 1", "addressLine2": "0150 Oslo"}
    assert read["mainContact"] == {"name": company_of(tenant).name}
    assert read["currency"] == {"id": "NOK", "description": "Norwegian krone", "symbol": "kr"}
    assert read["bankSettings"] == {}
    listed = tenant.get("/branch", params={"expandCurrency": "true"}).json()
    assert listed[0]["currency"]["id"] == "NOK" and "mainAddress" not in listed[0]
    for path in ("/v1/branch", "/v1/branch/{branchNumber}"):
        assert real_query_parameters("branch", path) <= served_query_parameters(tenant, path)


def test_bank_settings_are_stored_and_read_back(tenant):
    response = tenant.put("/branch/1/BankSettings", BANK)
    assert response.status_code == 204, response.text
    read = tenant.get("/branch/1", params={"expandBankSettings": "true"}).json()
    assert_real(read, "branch", "BranchDto")
    assert read["bankSettings"] == {
        "bankName": "DNB Bank ASA",
        "bankAddress1": "Dronning Eufemias gate 30",
        "bankCountry": "NO",
        "iban": "NO9386011117947",
        "bban": "86011117947",
        "bic": "DNBANOKKXXX",
        "creditorId": "NO12ZZZ999888777",
    }
    cleared = tenant.put("/branch/1/banksettings", {"bankAddress1": {"value": None}, "bic": {"value": ""}})
    assert cleared.status_code == 204
    settings = tenant.get("/branch/1", params={"expandBankSettings": "true"}).json()["bankSettings"]
    assert "bankAddress1" not in settings and "bic" not in settings and settings["iban"] == "NO9386011117947"


def test_bad_bank_settings_name_the_member_and_change_nothing(tenant):
    tenant.put("/branch/1/BankSettings", {"bic": {"value": "DNBANOKK"}})
    response = tenant.put("/branch/1/BankSettings", {"bankCountry": {"value": "XX"}, "bic": {"value": "X" * 12}})
    assert response.status_code == 400
    message = response.json()["message"]
    assert "Bank country 'XX' cannot be found in the system." in message
    assert "'BIC' is too long: 12 characters, at most 11 are allowed." in message
    assert tenant.get("/branch/1", params={"expandBankSettings": "true"}).json()["bankSettings"] == {"bic": "DNBANOKK"}


def test_an_unknown_branch_is_404(tenant):
    for response in (tenant.get("/branch/9"), tenant.put("/branch/9/BankSettings", BANK)):
        assert response.status_code == 404
        assert response.json()["message"].endswith("Branch '9' not found.")


def test_the_branch_list_filters_by_number_and_last_change(tenant):
    with tenant.database.writing() as session:
        main = session.scalars(select(Branch).where(Branch.company_id == tenant.company_id)).one()
        session.add(
            Branch(company_id=tenant.company_id, organization_id=main.organization_id, branch_cd="2", name="Bergen")
        )
    assert [b["number"] for b in tenant.get("/branch").json()] == ["1", "2"]
    assert [b["number"] for b in tenant.get("/branch", params={"greaterThanValue": "1"}).json()] == ["2"]
    since = tenant.get("/branch", params={"lastModifiedDateTime": "2000-01-01", "lastModifiedDateTimeCondition": ">"})
    assert len(since.json()) == 2
    bad = tenant.get("/branch", params={"lastModifiedDateTime": "never", "lastModifiedDateTimeCondition": ">"})
    assert bad.status_code == 400 and "lastModifiedDateTime" in bad.json()["message"]


# --- the organisation ---------------------------------------------------------------------------------------


def test_the_company_is_an_organisation_with_its_branches(tenant):
    company = company_of(tenant)
    code = company.name.split()[0].upper()
    listed = tenant.get("/organization")
    assert listed.status_code == 200, listed.text
    (organization,) = listed.json()
    assert_real(organization, "organization", "ExtendedOrganizationDto")
    assert organization["organizationCd"] == code
    assert organization["name"] == company.name
    assert organization["baseCurrency"] == "NOK"
    assert organization["currency"]["isBaseCurrency"] is True
    assert "branches" not in organization and "bankSettings" not in organization
    read = tenant.get(f"/organization/{code}", params={"expandBranches": "true", "expandBankSettings": "true"})
    assert read.status_code == 200
    body = read.json()
    assert_real(body, "organization", "ExtendedOrganizationDto")
    assert body["branches"] == [{"number": "1", "name": company.name}]
    assert body["bankSettings"] == {}
    assert read.headers["ETag"] == f'"{body["timeStamp"]}"'


def test_organisation_bank_settings_take_if_match(tenant):
    code = company_of(tenant).name.split()[0].upper()
    etag = tenant.get(f"/organization/{code}").headers["ETag"]
    written = tenant.put(f"/organization/{code}/BankSettings", BANK, headers={"If-Match": etag})
    assert written.status_code == 204, written.text
    assert written.headers["ETag"] != etag
    stale = tenant.put(f"/organization/{code}/BankSettings", {"bic": {"value": "NDEANOKK"}}, headers={"If-Match": etag})
    assert stale.status_code == 412
    body = tenant.get(f"/organization/{code}", params={"expandBankSettings": "true"}).json()
    assert body["bankSettings"]["bic"] == "DNBANOKKXXX"
    assert tenant.get("/organization/NOPE").status_code == 404
