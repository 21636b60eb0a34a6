"""UI extensions (`/v1/uiExtension`): registrations stored per company and served back, through the app on both
databases, validated against the real uiextension document."""

from __future__ import annotations

import uuid

from sqlalchemy import func, select

from nettfin.server.uiextensions.models import UiExtension
from nettfin.server.uiextensions.router import UiExtensionUpdateDto
from tests.party_factories import assert_real, write_kind_mismatches

OWNER = "0f8fad5b-d9cb-469f-a165-70867728950e"


def extension(kind: str = "Action", screen: str | None = "AP301000", step: str | None = "Balanced", **members):
    body = {
        "ownerId": OWNER,
        "ownerName": "Invoice scanner",
        "type": kind,
        "title": "Scan",
        "url": "https://scanner.example/erp",
        **members,
    }
    if screen:
        body["screenId"] = screen
    if step:
        body["stepId"] = step
    return body


def stored(tenant) -> int:
    with tenant.database.reading() as session:
        statement = select(func.count()).select_from(UiExtension).where(UiExtension.company_id == tenant.company_id)
        return session.scalar(statement)


def delete(tenant, path: str):
    return tenant.client.delete(tenant.url(path), headers=tenant.headers)


def test_the_write_body_is_the_real_one():
    assert write_kind_mismatches(UiExtensionUpdateDto, "uiextension", "UiExtensionUpdateDto") == {}


def test_the_available_screens(tenant):
    screens = tenant.get("/uiExtension/availableScreens")
    assert screens.status_code == 200, screens.text
    for screen in screens.json():
        assert_real(screen, "uiextension", "UiExtensionScreenDto")
    by_id = {s["screenId"]: s["stepIds"] for s in screens.json()}
    assert "Balanced" in by_id["AP301000"]


def test_extensions_are_registered_listed_and_deleted_per_owner_and_company(tenant, other_tenant):
    assert tenant.post("/uiExtension", extension()).status_code == 200
    assert tenant.post("/uiExtension", extension("Menu", None, None, title="Scanner")).status_code == 200
    assert tenant.post("/uiExtension", extension(step="hold")).status_code == 200
    listed = tenant.get(f"/uiExtension/{OWNER}")
    assert listed.status_code == 200
    for row in listed.json():
        assert_real(row, "uiextension", "UiExtensionDto")
    rows = listed.json()
    assert [(r["type"], r.get("screenId"), r.get("stepId")) for r in rows] == [
        ("Action", "AP301000", "Balanced"),
        ("Menu", None, None),
        ("Action", "AP301000", "Hold"),
    ]
    assert rows[0]["enabled"] is True and rows[0]["ownerName"] == "Invoice scanner"
    assert [r["type"] for r in tenant.get(f"/uiExtension/{OWNER}?type=Menu").json()] == ["Menu"]
    assert len(tenant.get(f"/uiExtension/{OWNER}?screenId=ap301000").json()) == 2
    assert other_tenant.get(f"/uiExtension/{OWNER}").json() == []
    assert tenant.get(f"/uiExtension/{uuid.uuid4()}").json() == []

    action, menu = rows[0]["internalId"], rows[1]["internalId"]
    wrong_step = delete(tenant, f"/uiExtension/{OWNER}/{action}/AP301000/Hold")
    assert wrong_step.status_code == 404
    as_menu = delete(tenant, f"/uiExtension/{OWNER}/{action}")
    assert as_menu.status_code == 400
    assert "is an Action extension" in as_menu.json()["message"]
    assert delete(other_tenant, f"/uiExtension/{OWNER}/{action}/AP301000/Balanced").status_code == 404
    assert delete(tenant, f"/uiExtension/{OWNER}/{action}/AP301000/Balanced").status_code == 200
    assert delete(tenant, f"/uiExtension/{OWNER}/{menu}").status_code == 200
    assert stored(tenant) == 1
    gone = delete(tenant, f"/uiExtension/{OWNER}/{menu}")
    assert gone.status_code == 404
    assert f"UI extension '{menu}' not found." in gone.json()["message"]


def test_bad_registrations_are_refused_naming_the_field_and_nothing_is_stored(tenant):
    bad = tenant.post("/uiExtension", extension(ownerId="not-a-guid", url="ftp://x", title=""))
    assert bad.status_code == 400, bad.text
    message = bad.json()["message"]
    assert "'title' cannot be empty." in message
    assert "'url' 'ftp://x' is not an absolute http(s) URL." in message
    assert "'ownerId' 'not-a-guid' is not a GUID" in message
    unknown_screen = tenant.post("/uiExtension", extension(screen="XX000000"))
    assert unknown_screen.status_code == 400
    assert "'screenId' 'XX000000' is not a screen" in unknown_screen.json()["message"]
    unknown_step = tenant.post("/uiExtension", extension(step="Voided"))
    assert "'stepId' 'Voided' is not a step of AP301000" in unknown_step.json()["message"]
    menu_on_screen = tenant.post("/uiExtension", extension("Menu"))
    assert "leave 'screenId' and 'stepId' out" in menu_on_screen.json()["message"]
    no_type = tenant.post("/uiExtension", {k: v for k, v in extension().items() if k != "type"})
    assert "'type' cannot be empty." in no_type.json()["message"]
    bad_type = tenant.post("/uiExtension", extension("Button"))
    assert bad_type.status_code == 400
    assert "type" in bad_type.json()["message"]
    assert tenant.get("/uiExtension/not-a-guid").status_code == 400
    assert stored(tenant) == 0
    assert tenant.post("/uiExtension", extension()).status_code == 200
    twice = tenant.post("/uiExtension", extension())
    assert twice.status_code == 400
    assert "already" in twice.json()["message"]
    assert stored(tenant) == 1
