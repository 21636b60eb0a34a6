"""Notes on VAT reports (TX502000): `PUT /v1/vat/{vendorCd}/{taxPeriodId}/{revisionId}` writes the note of a
report's header, `.../{lineNumber}` the note of one of its lines.

A report is named by its VAT agency (a supplier, by number), its tax period (a financial period, `YYYYPP`) and
its revision (from 1); a line by its number (from 1). nettfin prepares no VAT reports, so a report "exists" when
its agency and period do: a path naming an unknown agency or period, or a revision or line that is no number
from 1, is 404 `VAT report 'X/Y/Z' not found.` with the part named. The body is `UpdateNoteDto`
(`{"note": {"value": "..."}}`); a body without `note` is refused, an empty or null note clears it. The note is
kept per place (one row per agency, period, revision and line; line 0 is the header) with a row version, whose
ETag the answer carries.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..db.base import utcnow
from ..db.engine import Database
from ..kit import messages
from ..kit.changes import bump_version
from ..kit.errors import NotFound, record_errors
from ..kit.wire import Value, WireModel
from ..ledger.models import FinancialPeriod
from ..payables.models import Supplier
from .models import VatReportNote

RESOURCE = "vatReportNote"
HEADER_LINE = 0
# A note is text without a limit in the service; nettfin keeps it to what a report note needs.
NOTE_MAX = 4000


class UpdateNoteDto(WireModel):
    """`UpdateNoteDto` of the real vat document: the note, wrapped."""

    note: Value[str] | None = None


@dataclass(frozen=True)
class NotePlace:
    """Where a note goes: the report (agency, period, revision, as sent in the path) and the line (0: header)."""

    agency: str
    tax_period_id: str
    revision: str
    line: str | None = None

    @property
    def label(self) -> str:
        report = f"{self.agency}/{self.tax_period_id}/{self.revision}"
        return report if self.line is None else f"{report}/{self.line}"


def _positive(text: str) -> int | None:
    return int(text) if text.isascii() and text.isdigit() and 0 < int(text) <= 2_147_483_647 else None


def write_note(db: Database, *, company_id: int, place: NotePlace, dto: UpdateNoteDto) -> VatReportNote:
    """The note of a report's header or line after the body; 404 for a report or line that cannot be,
    400 for a body without a note; nothing written on either."""
    changes = dto.changes()
    with db.writing() as session:
        revision, line = _find_place(session, company_id, place)
        if "note" not in changes:
            raise _refused([messages.cannot_be_empty("Note")])
        text = (changes["note"] or "").strip() or None
        if text is not None and len(text) > NOTE_MAX:
            raise _refused([f"'Note' is too long: at most {NOTE_MAX} characters, {len(text)} were sent."])
        note = session.scalars(
            select(VatReportNote)
            .where(
                VatReportNote.company_id == company_id,
                VatReportNote.agency == place.agency,
                VatReportNote.tax_period_id == place.tax_period_id,
                VatReportNote.revision_id == revision,
                VatReportNote.line_number == line,
            )
            .with_for_update()
        ).first()
        if note is None:
            note = VatReportNote(
                company_id=company_id,
                agency=place.agency,
                tax_period_id=place.tax_period_id,
                revision_id=revision,
                line_number=line,
            )
            session.add(note)
        note.note = text
        note.last_modified_at = utcnow()
        bump_version(session, company_id=company_id, resource=RESOURCE)
        session.flush()
        return note


def _find_place(session: Session, company_id: int, place: NotePlace) -> tuple[int, int]:
    """(revision, line) of a place the company's VAT set-up allows, else NotFound naming the part."""
    revision = _positive(place.revision)
    line = HEADER_LINE if place.line is None else _positive(place.line)
    agency = session.scalar(
        select(Supplier.id).where(Supplier.company_id == company_id, Supplier.number == place.agency)
    )
    period = session.scalar(
        select(FinancialPeriod.id).where(
            FinancialPeriod.company_id == company_id, FinancialPeriod.period_id == place.tax_period_id
        )
    )
    for missing, what in (
        (agency is None, f"VAT agency '{place.agency}'"),
        (period is None, f"Tax period '{place.tax_period_id}'"),
        (revision is None, f"Revision '{place.revision}'"),
        (line is None, f"Line '{place.line}'"),
    ):
        if missing:
            raise NotFound(f"{messages.not_found('VAT report', place.label)} {what} does not exist.")
    return revision, line


def _refused(problems: list[str]):
    return record_errors(action="updating", entity="VAT report", record="VAT report", errors=problems)
