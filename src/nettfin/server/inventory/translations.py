"""Item descriptions in the company's languages (IN202500 and IN202000's translations, SM200550's languages).

The languages are the ones nettfin offers (`LANGUAGES`), every one active; the company's default language, `en-US`
until set, is the language of its items' own descriptions. So the default language's translation of an item is
its description (always translated), and writing it changes the description; other languages' translations are
rows of their own, created, changed and deleted one by one. An item is named by its inventory number, a language by
its ISO code, matched without regard to case.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..db.base import utcnow
from ..db.engine import Database
from ..kit import messages
from ..kit.changes import bump_version
from ..kit.checks import fits_column
from ..kit.errors import BusinessError, NotFound, record_errors
from .items import ITEM
from .models import CompanyLanguage, InventoryItem, ItemTranslation

# ISO code -> native name (.NET's CultureInfo.NativeName), in the order the list shows them.
LANGUAGES = {
    "en-US": "English (United States)",
    "nb-NO": "norsk bokmål (Norge)",
    "sv-SE": "svenska (Sverige)",
    "da-DK": "dansk (Danmark)",
    "fi-FI": "suomi (Suomi)",
    "nl-NL": "Nederlands (Nederland)",
    "de-DE": "Deutsch (Deutschland)",
}
DEFAULT_LANGUAGE = "en-US"
_BY_FOLDED = {code.casefold(): code for code in LANGUAGES}
_TRANSLATION = ItemTranslation.__table__.c.translation


@dataclass(frozen=True)
class Language:
    iso: str
    native_name: str
    default: bool


@dataclass(frozen=True)
class Translation:
    language: str
    text: str | None


def languages(db: Database, *, company_id: int) -> list[Language]:
    with db.reading() as session:
        default = _default(session, company_id)
    return [Language(code, name, code == default) for code, name in LANGUAGES.items()]


def set_default_language(db: Database, *, company_id: int, language: str | None) -> None:
    code = _BY_FOLDED.get((language or "").strip().casefold())
    if code is None:
        problem = messages.cannot_be_empty("languageISO") if not (language or "").strip() else None
        raise BusinessError(problem or f"{messages.cannot_be_found('Language', language)} {_offered()}")
    with db.writing() as session:
        row = session.get(CompanyLanguage, company_id)
        if row is None:
            session.add(CompanyLanguage(company_id=company_id, default_language=code))
        else:
            row.default_language = code


def translations(db: Database, *, company_id: int, number: str) -> list[Translation]:
    """The item's description in every language, in the languages' order (None: not translated)."""
    with db.reading() as session:
        item = ITEM.find(session, company_id, number)
        default = _default(session, company_id)
        rows = {row.language_iso: row.translation for row in _rows(session, item)}
    return [Translation(code, item.description if code == default else rows.get(code)) for code in LANGUAGES]


def translation(db: Database, *, company_id: int, number: str, language: str) -> Translation:
    code = _language(language)
    found = translations(db, company_id=company_id, number=number)
    return next(t for t in found if t.language == code)


def create_translation(db: Database, *, company_id: int, number: str, language: str, text: str | None) -> None:
    """A translation where the item has none; the default language's is the item's description, which it has."""
    _write(db, company_id, number, language, text, inserting=True)


def update_translation(db: Database, *, company_id: int, number: str, language: str, text: str | None) -> None:
    """Change a translation the item has (the default language's changes the item's description)."""
    _write(db, company_id, number, language, text, inserting=False)


def delete_translation(db: Database, *, company_id: int, number: str, language: str) -> None:
    code = _language(language)
    with db.writing() as session:
        item = ITEM.find(session, company_id, number, for_update=True)
        if code == _default(session, company_id):
            raise BusinessError(
                f"The translation into {code}, the company's default language, is the item's description, which "
                "cannot be deleted."
            )
        row = _row(session, item, code)
        if row is None:
            raise NotFound(f"Inventory item '{number}' has no translation into {code}.")
        session.delete(row)
        bump_version(session, company_id=company_id, resource=ITEM.name)


def _write(db: Database, company_id: int, number: str, language: str, text: str | None, *, inserting: bool) -> None:
    code = _language(language)
    with db.writing() as session:
        item = ITEM.find(session, company_id, number, for_update=True)
        default = code == _default(session, company_id)
        row = None if default else _row(session, item, code)
        exists = default or row is not None
        value = (text or "").strip()
        problem = (
            messages.cannot_be_empty("Translation") if not value else fits_column(_TRANSLATION, value, "Translation")
        )
        if inserting and exists:
            problem = f"Inventory item '{number}' already has a translation into {code}; update it with PUT."
        elif not inserting and not exists:
            problem = f"Inventory item '{number}' has no translation into {code}; create it with POST."
        if problem:
            action = "inserting" if inserting else "updating"
            raise record_errors(action=action, entity="translation", record="Translation", errors=[problem])
        if default:
            item.description, item.last_modified_at = value, utcnow()
        elif row is None:
            session.add(ItemTranslation(company_id=company_id, item_id=item.id, language_iso=code, translation=value))
        else:
            row.translation = value
        bump_version(session, company_id=company_id, resource=ITEM.name)


def _language(language: str) -> str:
    code = _BY_FOLDED.get(language.strip().casefold())
    if code is None:
        raise NotFound(f"{messages.not_found('Language', language)} {_offered()}")
    return code


def _offered() -> str:
    return f"The languages are {', '.join(LANGUAGES)}."


def _default(session: Session, company_id: int) -> str:
    row = session.get(CompanyLanguage, company_id)
    return row.default_language if row is not None else DEFAULT_LANGUAGE


def _rows(session: Session, item: InventoryItem) -> list[ItemTranslation]:
    return list(session.scalars(select(ItemTranslation).where(ItemTranslation.item_id == item.id)))


def _row(session: Session, item: InventoryItem, code: str) -> ItemTranslation | None:
    statement = select(ItemTranslation).where(ItemTranslation.item_id == item.id, ItemTranslation.language_iso == code)
    return session.scalar(statement)
