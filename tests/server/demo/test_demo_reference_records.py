"""The demo company's attributes, languages, UI extension and first time startup status, as a client reads them."""

from __future__ import annotations

import pytest

from nettfin.server.demo.reference_records import DEMO_UI_EXTENSION_ID, DEMO_UI_EXTENSION_OWNER
from tests.server.demo.test_demo import fresh_demo, headers

API = "/API/controller/api/v1"


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    database, client = fresh_demo(tmp_path_factory.mktemp("demo-reference"), "demo.db")
    with client:
        yield client
    database.dispose()


def read(demo, path: str):
    response = demo.get(API + path, headers=headers())
    assert response.status_code == 200, response.text
    return response.json()


def test_the_demo_has_its_attributes(demo):
    assert [a["attributeID"] for a in read(demo, "/attribute")] == ["FARGE", "GARANTI"]
    assert [v["valueId"] for v in read(demo, "/attribute/FARGE")["details"]] == ["SVART", "GRÅ", "BLÅ"]


def test_the_demo_speaks_norwegian_and_translates_its_office_chair(demo):
    assert [lang["languageISO"] for lang in read(demo, "/multilanguage/languages") if lang["isDefault"]] == ["nb-NO"]
    translations = {t["languageISO"]: t.get("translation") for t in read(demo, "/multilanguage/inventory/1001")}
    assert translations["nb-NO"] == "Kontorstol ergonomisk"
    assert translations["en-US"] == "Ergonomic office chair"
    assert translations["da-DK"] is None


def test_the_demo_has_a_ui_extension_and_is_started_up(demo):
    (extension,) = read(demo, f"/uiExtension/{DEMO_UI_EXTENSION_OWNER}")
    assert extension["internalId"] == DEMO_UI_EXTENSION_ID
    assert (extension["screenId"], extension["stepId"]) == ("AP301000", "Balanced")
    assert read(demo, "/firstTimeStartup/status")["financials"] is True
