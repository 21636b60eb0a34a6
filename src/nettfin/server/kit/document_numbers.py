"""How a document gets its number, and is found by it: one rule for every document type (supplier invoices and
payments, customer invoices and payments, purchase orders).

- The document type's number series gives the number (`000001`, made on first use), and a number the body sends
  is ignored and named in `X-Nettfin-Ignored-Fields`, as the service does.
- The client gives it when the body sends `overrideNumberSeries: true`, when the series is manual, or when the
  series keeps numbers sent on imports and one is sent (`kit/records.assign_key`, master data's rule too). A
  number given must be sent, fit the column and be free among the documents it would share a key with.
- A concurrent insert that took the same number between the check and the insert is the same duplicate text.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import InstrumentedAttribute, Session

from ..db.base import utcnow
from ..db.new_rows import save_new
from ..numbering.service import next_document_number, number_unless_client_gives, series_settings
from . import events
from .changes import bump_version
from .errors import NotFound, record_errors
from .records import RecordKey, key_taken, take_given_key


@dataclass(frozen=True)
class DocumentNumbers:
    """A document type's numbering: its key (wire field, number column, label, series id), the series'
    description when it is made on first use, and the columns that with the number identify a document
    (a supplier document's type: an invoice and a debit adjustment may share a number)."""

    key: RecordKey
    description: str
    scope: tuple[InstrumentedAttribute, ...] = ()
    # True: the series skips only numbers documents of the same scope have (each inventory document type numbers
    # its own documents); False: numbers any document of the company has.
    series_per_scope: bool = False

    def assign(self, session: Session, record: Any, changes: dict) -> tuple[list[str], list[str]]:
        """Give a new document its number. Returns (problems, ignored fields)."""
        key = self.key
        given = (changes.get(key.field) or "").strip()
        company_id = record.company_id
        scope = {column: getattr(record, column.key) for column in self.scope}
        if not changes.get("overrideNumberSeries"):
            within = scope if self.series_per_scope else {}
            number = number_unless_client_gives(
                session,
                company_id=company_id,
                series_id=key.series_id,
                column=key.column,
                given=bool(given),
                scope=within,
                padded=True,
            )
            if number is None and series_settings(session, company_id=company_id, series_id=key.series_id) is None:
                number = self.allocate(session, company_id, within)  # the series is made on its first use
            if number is not None:
                setattr(record, key.column.key, number)
                return [], [key.field] if given else []

        def taken(number: str) -> bool:
            return self._taken(session, company_id, number, scope)

        return take_given_key(record, given, key, taken), []

    def allocate(self, session: Session, company_id: int, scope: dict | None = None) -> str:
        """The series' next number no document of the company has (of any type, or of the `scope` given)."""
        return next_document_number(
            session,
            company_id=company_id,
            series_id=self.key.series_id,
            description=self.description,
            column=self.key.column,
            scope=scope,
        )

    def enter(
        self,
        session: Session,
        record: Any,
        changes: dict,
        apply: Callable[[list[str]], list[str]],
        *,
        entity: str,
        label: str,
        resource: str,
    ) -> list[str]:
        """Enter a new document: the body (`apply(ignored)` returns the body's problems and may name ignored
        fields), then its number, every problem refused at once with nothing written, the insert, the data
        version. Returns the fields ignored. Another transaction's insert of the same number between the check
        and the insert is the duplicate it is (400), not a database error.

        The number last, as `Resource.create` does: a number from the series locks the series' row until the
        commit (gapless, as the service numbers), so the body's checks of one create run beside another's. The
        number's problems and ignored field still come first, as the service lists them."""
        applied: list[str] = []
        # No autoflush until the number is set: the body may have put the document in the session (an expense
        # receipt put on a claim), and the number's queries would flush it without one.
        with session.no_autoflush:
            written = apply(applied)
            events.read_ahead(session, record)
            problems, ignored = self.assign(session, record, changes)
        problems += written
        ignored += applied
        if problems:
            raise record_errors(action="inserting", entity=entity, record=label, errors=problems)
        record.created_at = record.last_modified_at = utcnow()
        try:
            save_new(session, record)
        except IntegrityError:
            number = getattr(record, self.key.column.key)
            raise record_errors(
                action="inserting", entity=entity, record=label, errors=[self.key.duplicate(number)]
            ) from None
        bump_version(session, company_id=record.company_id, resource=resource)
        return ignored

    def find(
        self,
        session: Session,
        company_id: int,
        number: str,
        *,
        missing: str,
        where: tuple = (),
        for_update: bool = False,
        options: tuple = (),
    ) -> Any:
        """The company's document of that number (and `where`), locked when it is to be changed; 404 with the
        `missing` text when there is none."""
        model = self.key.column.class_
        statement = (
            select(model).where(model.company_id == company_id, self.key.column == number, *where).options(*options)
        )
        if for_update:
            statement = statement.with_for_update(of=model)
        found = session.scalars(statement).unique().first()
        if found is None:
            raise NotFound(missing)
        return found

    def _taken(self, session: Session, company_id: int, number: str, scope: dict) -> bool:
        return key_taken(session, self.key.column, company_id, number, scope)
