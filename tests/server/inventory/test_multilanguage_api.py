"""Item descriptions per language (`/v1/multilanguage`): the company's languages and default language, and an
item's translations, through the app on both databases, validated against the real multi-language document."""

from __future__ import annotations

from sqlalchemy import func, select

from nettfin.server.inventory.models import ItemTranslation
from nettfin.server.inventory.translation_router import LanguageUpdateDto, MultilanguageTranslationDto
from tests.party_factories import assert_real, insert_items, write_kind_mismatches

DOC = "multi-language"


def translation_count(tenant) -> int:
    with tenant.database.reading() as session:
        statement = select(func.count()).select_from(ItemTranslation)
        return session.scalar(statement.where(ItemTranslation.company_id == tenant.company_id))


def delete(tenant, path: str):
    return tenant.client.delete(tenant.url(path), headers=tenant.headers)


def test_the_write_bodies_are_the_real_ones():
    assert write_kind_mismatches(MultilanguageTranslationDto, DOC, "MultilanguageTranslationDto") == {}
    assert write_kind_mismatches(LanguageUpdateDto, DOC, "LanguageUpdateDto") == {}


def test_the_languages_and_the_default_language(tenant, other_tenant):
    listed = tenant.get("/multilanguage/languages")
    assert listed.status_code == 200, listed.text
    for row in listed.json():
        assert_real(row, DOC, "ActiveMultilanguageDto")
    assert [r["languageISO"] for r in listed.json() if r["isDefault"]] == ["en-US"]
    assert all(r["isActive"] for r in listed.json())
    assert {"en-US", "nb-NO", "sv-SE"} <= {r["languageISO"] for r in listed.json()}

    changed = tenant.put("/multilanguage/defaultlanguage", {"languageISO": "NB-no"})
    assert changed.status_code == 200, changed.text
    assert [r["languageISO"] for r in tenant.get("/multilanguage/languages").json() if r["isDefault"]] == ["nb-NO"]
    others = other_tenant.get("/multilanguage/languages").json()
    assert [r["languageISO"] for r in others if r["isDefault"]] == ["en-US"]

    unknown = tenant.put("/multilanguage/defaultlanguage", {"languageISO": "xx-XX"})
    assert unknown.status_code == 400
    assert "Language 'xx-XX' cannot be found in the system." in unknown.json()["message"]
    empty = tenant.put("/multilanguage/defaultlanguage", {})
    assert empty.status_code == 400
    assert "'languageISO' cannot be empty." in empty.json()["message"]
    assert [r["languageISO"] for r in tenant.get("/multilanguage/languages").json() if r["isDefault"]] == ["nb-NO"]


def test_an_items_translations_are_created_read_changed_and_deleted(tenant):
    (number,) = insert_items(tenant, 1)
    created = tenant.post(f"/multilanguage/inventory/{number}/nb-NO", {"translation": "Vare"})
    assert created.status_code == 201, created.text
    assert created.headers["Location"].endswith(f"/v1/multilanguage/inventory/{number}/nb-NO")

    one = tenant.get(f"/multilanguage/inventory/{number}/nb-no")
    assert one.status_code == 200
    assert_real(one.json(), DOC, "MultilanguageDto")
    assert one.json() == {"isTranslated": True, "languageISO": "nb-NO", "translation": "Vare"}

    every = tenant.get(f"/multilanguage/inventory/{number}").json()
    for row in every:
        assert_real(row, DOC, "MultilanguageDto")
    by_language = {row["languageISO"]: row for row in every}
    assert by_language["en-US"] == {"isTranslated": True, "languageISO": "en-US", "translation": f"Item {number}"}
    assert by_language["sv-SE"] == {"isTranslated": False, "languageISO": "sv-SE"}

    assert tenant.put(f"/multilanguage/inventory/{number}/nb-NO", {"translation": "Varen"}).status_code == 204
    assert tenant.get(f"/multilanguage/inventory/{number}/nb-NO").json()["translation"] == "Varen"

    assert delete(tenant, f"/multilanguage/inventory/{number}/nb-NO").status_code == 204
    assert tenant.get(f"/multilanguage/inventory/{number}/nb-NO").json() == {
        "isTranslated": False,
        "languageISO": "nb-NO",
    }
    assert translation_count(tenant) == 0


def test_the_default_languages_translation_is_the_items_description(tenant):
    (number,) = insert_items(tenant, 1)
    assert tenant.put(f"/multilanguage/inventory/{number}/en-US", {"translation": "Widget"}).status_code == 204
    assert tenant.get(f"/inventory/{number}").json()["description"] == "Widget"
    again = tenant.post(f"/multilanguage/inventory/{number}/en-US", {"translation": "Other"})
    assert again.status_code == 400
    assert "already has a translation into en-US" in again.json()["message"]
    refused = delete(tenant, f"/multilanguage/inventory/{number}/en-US")
    assert refused.status_code == 400
    assert "default language" in refused.json()["message"]
    assert tenant.get(f"/inventory/{number}").json()["description"] == "Widget"


def test_unknown_items_and_languages_and_bad_bodies_are_refused_and_nothing_is_written(tenant, other_tenant):
    (number,) = insert_items(tenant, 1)
    no_item = tenant.get("/multilanguage/inventory/NOPE")
    assert no_item.status_code == 404
    assert "'NOPE' not found." in no_item.json()["message"]
    assert tenant.post("/multilanguage/inventory/NOPE/nb-NO", {"translation": "x"}).status_code == 404
    no_language = tenant.post(f"/multilanguage/inventory/{number}/xx-XX", {"translation": "x"})
    assert no_language.status_code == 404
    assert "Language 'xx-XX' not found." in no_language.json()["message"]
    empty = tenant.post(f"/multilanguage/inventory/{number}/nb-NO", {"translation": "  "})
    assert empty.status_code == 400
    assert "'Translation' cannot be empty." in empty.json()["message"]
    too_long = tenant.post(f"/multilanguage/inventory/{number}/nb-NO", {"translation": "x" * 256})
    assert too_long.status_code == 400
    assert "Translation" in too_long.json()["message"]
    missing = tenant.put(f"/multilanguage/inventory/{number}/nb-NO", {"translation": "x"})
    assert missing.status_code == 400
    assert "has no translation into nb-NO; create it with POST." in missing.json()["message"]
    assert delete(tenant, f"/multilanguage/inventory/{number}/nb-NO").status_code == 404
    assert other_tenant.get(f"/multilanguage/inventory/{number}").status_code == 404
    assert translation_count(tenant) == 0
