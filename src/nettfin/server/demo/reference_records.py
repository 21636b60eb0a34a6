"""The demo's attributes, languages and UI extension: an attribute with combo values and a text one, Norwegian
as the default language (the items' descriptions are Norwegian) with item 1001's description in English and
Swedish, and an invoice scanner's action on balanced supplier invoices."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..attributes.models import Attribute, AttributeValue
from ..inventory.models import CompanyLanguage, InventoryItem, ItemTranslation
from ..uiextensions.models import UiExtension

DEMO_UI_EXTENSION_OWNER = "0f8fad5b-d9cb-469f-a165-70867728950e"
DEMO_UI_EXTENSION_ID = "7c9e6679-7425-40de-944b-e07fc1f90ae7"


def seed_reference_records(session: Session, company_id: int) -> None:
    colours = [("SVART", "Svart", 1), ("GRÅ", "Grå", 2), ("BLÅ", "Blå", 3)]
    session.add(
        Attribute(
            company_id=company_id,
            attribute_id="FARGE",
            description="Farge",
            control_type="Combo",
            internal=False,
            details=[AttributeValue(value_id=v, description=d, sort_order=o, disabled=False) for v, d, o in colours],
        )
    )
    session.add(
        Attribute(
            company_id=company_id,
            attribute_id="GARANTI",
            description="Garanti (år)",
            control_type="Text",
            internal=True,
        )
    )
    session.add(CompanyLanguage(company_id=company_id, default_language="nb-NO"))
    item = session.scalar(
        select(InventoryItem).where(InventoryItem.company_id == company_id, InventoryItem.number == "1001")
    )
    if item is not None:
        session.add_all(
            ItemTranslation(company_id=company_id, item_id=item.id, language_iso=language, translation=text)
            for language, text in (("en-US", "Ergonomic office chair"), ("sv-SE", "Ergonomisk kontorsstol"))
        )
    session.add(
        UiExtension(
            company_id=company_id,
            internal_id=DEMO_UI_EXTENSION_ID,
            owner_id=DEMO_UI_EXTENSION_OWNER,
            owner_name="Demo invoice scanner",
            type="Action",
            screen_id="AP301000",
            step_id="Balanced",
            title="Scan invoice",
            url="https://scanner.example/erp/action",
            enabled=True,
        )
    )
    session.flush()
