"""Company templates and clones through the admin API, on both databases: a clone of the demo is the demo's books
in a company of its own (its own tenant, users, token and Connect application), refers to nothing of another
company, changes nothing of the template's, and is deleted whole."""

from __future__ import annotations

import base64
import json
import time
from decimal import Decimal

import pytest
from sqlalchemy import func, select

from nettfin.server.identity.connect.models import ConnectApplication
from nettfin.server.identity.models import Company, Tenant, User
from nettfin.server.ledger.posting import ledger_invariants
from nettfin.server.snapshots.copy import Copy
from nettfin.server.snapshots.plan import plan
from tests.party_factories import DEMO_COMPANY_ID, seeded_demo

KEY = "clone-test-admin-key"
ADMIN = {"Authorization": f"Bearer {KEY}"}
API = "/API/controller/api/v1"


@pytest.fixture(scope="module")
def demo(database_url, tmp_path_factory):
    with seeded_demo(tmp_path_factory.mktemp("clones"), database_url, admin_api_key=KEY) as client:
        yield client


def clone(demo, **body) -> dict:
    response = demo.post("/admin/api/companies", json=body, headers=ADMIN)
    assert response.status_code == 201, response.text
    return response.json()


def rows_of(demo, company_id: int) -> dict[str, int]:
    """Each copied table's number of rows of the company."""
    with demo.app.state.db.reading() as session:
        counting = Copy(session.connection(), source=company_id, target=0, users={})
        parts = [
            f"SELECT '{p.name}', count(*) FROM {p.name} s WHERE {counting.scope(p, 's')}"
            for p in counting.plans.values()
        ]
        return {name: n for name, n in session.connection().exec_driver_sql(" UNION ALL ".join(parts)) if n}


def connect_token(demo, made: dict) -> str:
    form = {"grant_type": "client_credentials", "scope": "vismanet_erp_service_api:read", "tenant_id": made["tenantId"]}
    response = demo.post("/connect/token", data=form, auth=(made["clientId"], made["clientSecret"]))
    assert response.status_code == 200, response.text
    return response.json()["access_token"]


def without_row_ids(value):
    """The value without the row ids it shows (a subaccount's `subaccountId`, `internalId`), at any depth."""
    if isinstance(value, list):
        return [without_row_ids(item) for item in value]
    if isinstance(value, dict):
        return {k: without_row_ids(v) for k, v in value.items() if k not in ("subaccountId", "internalId")}
    return value


def test_the_demo_template_is_made_with_the_demo(demo):
    listed = demo.get("/admin/api/templates", headers=ADMIN)
    assert listed.status_code == 200
    (template,) = [t for t in listed.json() if t["name"] == "demo"]
    assert template["sourceCompanyId"] == DEMO_COMPANY_ID
    assert rows_of(demo, template["companyId"]) == rows_of(demo, DEMO_COMPANY_ID)


def test_a_clone_holds_the_demos_books_in_a_company_of_its_own(demo):
    made = clone(demo, template="demo")
    company = made["companyId"]
    assert made["companyName"] == "Nordlys Demo AS" and made["user"] == f"demo+c{company}@nettfin.local"
    assert rows_of(demo, company) == rows_of(demo, DEMO_COMPANY_ID)
    with demo.app.state.db.reading() as session:
        assert ledger_invariants(session, company) == []
        assert session.get(Company, company).tenant_guid == made["tenantId"]

    # Read through Visma Connect with the clone's own application: the same customers and balances as the demo.
    token = connect_token(demo, made)
    # (the module's client sends the demo's ipp-company-id: a Connect token accepts only its own company's)
    as_clone = {"Authorization": f"Bearer {token}", "ipp-company-id": str(company)}
    theirs = demo.get(f"{API}/customer", params={"pageSize": 100}, headers=as_clone)
    ours = demo.get(f"{API}/customer", params={"pageSize": 100})
    assert theirs.status_code == 200, theirs.text
    assert [(c["number"], c["name"]) for c in theirs.json()] == [(c["number"], c["name"]) for c in ours.json()]
    balance = {"periodId": "202012", "pageSize": 500}
    clone_balances = demo.get("/API/controller/api/v2/generalLedgerBalance", params=balance, headers=as_clone).json()
    demo_balances = demo.get("/API/controller/api/v2/generalLedgerBalance", params=balance).json()
    # Row ids on the wire (a subaccount's internal id) are the clone's own; everything else is the demo's.
    assert without_row_ids(clone_balances) == without_row_ids(demo_balances) and clone_balances

    # The legacy token works too, with the clone's company id.
    legacy = {"Authorization": f"Bearer {made['token']}", "ipp-company-id": str(company)}
    assert demo.get(f"{API}/customer/10001", headers=legacy).json()["name"] == ours.json()[0]["name"]


def test_every_reference_of_a_clone_resolves_to_a_row_of_the_clone(demo):
    """On PostgreSQL the copy skips the per-row foreign key checks where it may: this checks every reference."""
    company = clone(demo)["companyId"]
    with demo.app.state.db.reading() as session:
        connection = session.connection()
        scoping = Copy(connection, source=company, target=0, users={})
        plans = scoping.plans
        for p in plans.values():
            for fk in p.table.foreign_keys:
                column, target = fk.parent.name, fk.column.table.name
                missing = connection.exec_driver_sql(
                    f"SELECT count(*) FROM {p.name} s LEFT JOIN {target} x ON x.{fk.column.name} = s.{column} "
                    f"WHERE {scoping.scope(p, 's')} AND s.{column} IS NOT NULL AND x.{fk.column.name} IS NULL"
                ).scalar()
                assert missing == 0, (p.name, column, target)
            for column in p.columns:
                targets = {"ref": [column.target], "poly": list(column.kinds.values())}.get(column.kind, [])
                for target in targets:
                    if plans[target].parent is not None:
                        continue
                    kind = ""
                    if column.kind == "poly":
                        named = [k for k, t in column.kinds.items() if t == target]
                        kind = f" AND s.{column.kind_column} IN ('{named[0]}')"
                    foreign = connection.exec_driver_sql(
                        f"SELECT count(*) FROM {p.name} s LEFT JOIN {target} x ON x.id = s.{column.name} "
                        f"WHERE {scoping.scope(p, 's')} AND s.{column.name} IS NOT NULL{kind} "
                        f"AND (x.id IS NULL OR x.company_id <> {company})"
                    ).scalar()
                    assert foreign == 0, (p.name, column.name, target)


def test_writes_in_a_clone_leave_the_demo_and_the_template_as_they_were(demo):
    made = clone(demo)
    template = next(t for t in demo.get("/admin/api/templates", headers=ADMIN).json() if t["name"] == "demo")
    before = rows_of(demo, template["companyId"]), rows_of(demo, DEMO_COMPANY_ID)
    legacy = {"Authorization": f"Bearer {made['token']}", "ipp-company-id": str(made["companyId"])}
    created = demo.post(f"{API}/customer", json={"name": {"value": "Only in the clone"}}, headers=legacy)
    assert created.status_code == 201, created.text
    number = created.headers["Location"].rsplit("/", 1)[-1]
    assert number == "10051"  # the clone's number series goes on from the demo's
    assert demo.get(f"{API}/customer/{number}").status_code == 404
    assert (rows_of(demo, template["companyId"]), rows_of(demo, DEMO_COMPANY_ID)) == before


def test_deleting_a_clone_removes_every_row_its_tenant_users_and_application(demo):
    made = clone(demo, applications=["isv_nettfin_demo"])
    company = made["companyId"]
    assert made["applications"] == [made["clientId"], "isv_nettfin_demo"]
    demo_rows = rows_of(demo, DEMO_COMPANY_ID)
    with demo.app.state.db.reading() as session:
        tenant = session.get(Company, company).tenant_id
    deleted = demo.delete(f"/admin/api/companies/{company}", headers=ADMIN)
    assert deleted.status_code == 204, deleted.text
    assert rows_of(demo, company) == {}
    assert rows_of(demo, DEMO_COMPANY_ID) == demo_rows
    with demo.app.state.db.reading() as session:
        assert session.get(Tenant, tenant) is None
        assert session.scalar(select(func.count()).select_from(User).where(User.tenant_id == tenant)) == 0
        owned = select(ConnectApplication.client_id).where(ConnectApplication.client_id == made["clientId"])
        assert session.scalar(owned) is None
        assert session.scalar(select(ConnectApplication.id).where(ConnectApplication.client_id == "isv_nettfin_demo"))
    assert demo.get(f"/admin/api/companies/{company}", headers=ADMIN).status_code == 404
    # The next company never gets a deleted one's id.
    assert clone(demo)["companyId"] > company


def test_a_template_of_a_changed_company_and_clones_of_it(demo):
    source = clone(demo)
    legacy = {"Authorization": f"Bearer {source['token']}", "ipp-company-id": str(source["companyId"])}
    body = {"name": {"value": "Kept in the template"}, "creditLimit": {"value": 1234.5}}
    assert demo.post(f"{API}/customer", json=body, headers=legacy).status_code == 201
    made = demo.post(
        "/admin/api/templates", json={"name": "with-extra", "companyId": source["companyId"]}, headers=ADMIN
    )
    assert made.status_code == 201, made.text
    assert made.headers["Location"].endswith("/admin/api/templates/with-extra")
    second = clone(demo, template="with-extra", name="Second AS")
    assert second["companyName"] == "Second AS"
    legacy = {"Authorization": f"Bearer {second['token']}", "ipp-company-id": str(second["companyId"])}
    found = demo.get(f"{API}/customer/10051", headers=legacy).json()
    assert found["name"] == "Kept in the template" and Decimal(str(found["creditLimit"])) == Decimal("1234.5")

    again = demo.post("/admin/api/templates", json={"name": "with-extra", "companyId": DEMO_COMPANY_ID}, headers=ADMIN)
    assert again.status_code == 409 and "already exists" in again.json()["message"]
    replaced = {"name": "with-extra", "companyId": DEMO_COMPANY_ID, "replace": True}
    assert demo.post("/admin/api/templates", json=replaced, headers=ADMIN).status_code == 201
    third = clone(demo, template="with-extra")
    legacy = {"Authorization": f"Bearer {third['token']}", "ipp-company-id": str(third["companyId"])}
    assert demo.get(f"{API}/customer/10051", headers=legacy).status_code == 404
    assert demo.delete("/admin/api/templates/with-extra", headers=ADMIN).status_code == 204
    assert demo.get("/admin/api/templates/with-extra", headers=ADMIN).status_code == 404


@pytest.mark.parametrize(
    ("path", "body", "status", "words"),
    [
        ("/admin/api/companies", {"template": "nope"}, 404, "There is no template named 'nope'. Templates: demo"),
        ("/admin/api/companies", {"tenantId": "not-a-guid"}, 400, "The tenant id 'not-a-guid' is not a GUID"),
        ("/admin/api/companies", {"applications": ["isv_unknown"]}, 400, "isv_unknown"),
        ("/admin/api/templates", {"name": "Bad Name", "companyId": 1}, 400, "1 to 60 lower-case letters"),
        ("/admin/api/templates", {"name": "fine", "companyId": 999999}, 404, "There is no company with id 999999"),
    ],
)
def test_bad_requests_are_refused_and_write_nothing(demo, path, body, status, words):
    with demo.app.state.db.reading() as session:
        companies = session.scalar(select(func.count()).select_from(Company))
    response = demo.post(path, json=body, headers=ADMIN)
    assert response.status_code == status, response.text
    assert words in response.json()["message"]
    with demo.app.state.db.reading() as session:
        assert session.scalar(select(func.count()).select_from(Company)) == companies


def test_a_clone_with_a_tenant_id_given_and_a_taken_one(demo):
    tenant_id = "0b0e1f2a-3c4d-4e5f-8a9b-0c1d2e3f4a5b"
    assert clone(demo, tenantId=tenant_id.upper())["tenantId"] == tenant_id
    taken = demo.post("/admin/api/companies", json={"tenantId": tenant_id}, headers=ADMIN)
    assert taken.status_code == 409 and "already exists" in taken.json()["message"]


def test_a_templates_company_is_deleted_with_its_template_only(demo):
    template = next(t for t in demo.get("/admin/api/templates", headers=ADMIN).json() if t["name"] == "demo")
    refused = demo.delete(f"/admin/api/companies/{template['companyId']}", headers=ADMIN)
    assert refused.status_code == 400 and "delete the template instead" in refused.json()["message"]


def test_the_admin_api_key_is_required(demo):
    assert demo.post("/admin/api/companies", json={}).status_code == 401


def test_the_plan_copies_the_demos_tables(demo):
    """The demo holds rows in most tables: a plan that lost one would show here before anywhere else."""
    copied = rows_of(demo, DEMO_COMPANY_ID)
    assert {"journal_line", "customer", "supplier_document", "sales_order", "stock_quantity"} <= set(copied)
    assert len(copied) > len(plan()) / 2


def test_a_clone_starts_with_its_templates_clock_and_its_tokens_are_issued_in_it(demo):
    source = clone(demo)
    moved = demo.post(f"/admin/api/companies/{source['companyId']}/clock/advance", json={"days": 10}, headers=ADMIN)
    assert moved.status_code == 200, moved.text
    made = demo.post(
        "/admin/api/templates", json={"name": "ten-days-on", "companyId": source["companyId"]}, headers=ADMIN
    )
    assert made.status_code == 201, made.text

    copy = clone(demo, template="ten-days-on")
    shown = demo.get(f"/admin/api/companies/{copy['companyId']}/clock", headers=ADMIN).json()
    token = connect_token(demo, copy)
    claims = json.loads(base64.urlsafe_b64decode(token.split(".")[1] + "=="))

    assert shown["moved"] is True and abs(shown["offsetSeconds"] - 10 * 86400) < 60
    assert abs(claims["iat"] - (time.time() + 10 * 86400)) < 60
    mine = {"Authorization": f"Bearer {token}", "ipp-company-id": str(copy["companyId"])}
    read = demo.get("/v1/customer/10001", headers=mine)
    assert read.status_code == 200, read.text
    assert demo.get(f"/admin/api/companies/{DEMO_COMPANY_ID}/clock", headers=ADMIN).json()["moved"] is False
    assert demo.delete("/admin/api/templates/ten-days-on", headers=ADMIN).status_code == 204
