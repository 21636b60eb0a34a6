"""Journal transaction use cases (GL301000): list and read batches of every module, and manual GL entries:
create, update while unposted, release (which posts them through the posting engine)."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlalchemy import false, select
from sqlalchemy.orm import Session, selectinload

from ..db.base import utcnow
from ..db.engine import Database, retrying_write
from ..identity.companies import base_currency
from ..kit import messages
from ..kit.checks import fits_column
from ..kit.document_lists import ListWindow, fetch_filtered
from ..kit.errors import BusinessError, NotFound, record_errors
from ..kit.lines import LineBook, apply_line_operations
from ..kit.paging import Listing, Page, PageResult
from ..kit.records import load_by_codes
from ..kit.responses import check_if_match
from ..projects.lookup import check_project, project_codes
from ..tax.determination import tax_id_not_found
from ..tax.models import Vat, VatCategory
from .journal import BatchStatus, JournalBatch, JournalLine, Module
from .journal_schemas import JournalStatusFilter, JournalTransactionUpdateDto
from .line_subaccounts import subaccount_from_segments
from .models import Ledger
from .period_ids import parse_period, parse_wire_date, period_of
from .posting import (
    RESOURCE,
    PostingLine,
    PostingRefused,
    build_batch,
    check_posting,
    posting_lines,
    release_batch,
    rewrite_batch,
)
from .subaccounts import SegmentNames, dimension_rule, segment_names

LINES_LISTING = Listing(resource=RESOURCE, model=JournalLine, key=JournalLine.batch_id)
LEDGER_ID = "ACTUAL"
LEDGER_DESCRIPTION = "Actual ledger"
ENTITY, RECORD = "journal transaction", "Batch"
# Members of the write model nettfin accepts and does not keep (named in X-Nettfin-Ignored-Fields).
_IGNORED_HEADER = ("createVatTransaction", "skipVatAmountValidation", "transactionCode", "branch")
_STATUS_FILTER = {
    JournalStatusFilter.Hold: (BatchStatus.HOLD,),
    JournalStatusFilter.Balanced: (BatchStatus.BALANCED,),
    JournalStatusFilter.Posted: (BatchStatus.POSTED,),
    JournalStatusFilter.Unreleased: (BatchStatus.HOLD, BatchStatus.BALANCED),
}


@dataclass(frozen=True)
class JournalFilters:
    """The list's filters; `window` is the documents' (batch numbers after `greaterThanValue`, the last change),
    each version of the list reading its parameters its own way."""

    period_id: str | None = None
    module: Module | None = None
    status: JournalStatusFilter | None = None
    branch: str | None = None
    window: ListWindow = ListWindow()

    def conditions(self) -> list:
        """Conditions on the lines (the list pages over lines), through their batch."""
        found = []
        if self.period_id:
            found.append(JournalBatch.period_id == self.period_id)
        if self.module:
            found.append(JournalBatch.module == self.module.value)
        if self.status:
            statuses = [s.value for s in _STATUS_FILTER.get(self.status, ())]
            found.append(JournalBatch.status.in_(statuses) if statuses else false())
        if self.branch:
            found.append(false())  # branches are not served: no batch belongs to one
        found += self.window.conditions(JournalBatch.batch_number, JournalBatch.last_modified_at)
        return [JournalLine.batch_id.in_(select(JournalBatch.id).where(*found))] if found else []


@dataclass(frozen=True)
class Rendering:
    """What rendering batches needs beyond the rows: segment names and VAT descriptions."""

    names: SegmentNames
    vats: dict[str, str]
    categories: dict[str, str]


@dataclass(frozen=True)
class JournalPage:
    result: PageResult
    batches: list[tuple[JournalBatch, list[JournalLine]]]
    rendering: Rendering


def list_batches(db: Database, *, company_id: int, filters: JournalFilters, page: Page) -> JournalPage:
    """A page of journal lines grouped by batch: a batch whose lines straddle two pages is on both."""
    with db.reading() as session:
        result = fetch_filtered(session, LINES_LISTING, company_id=company_id, filters=filters, page=page)
        ids = {line.batch_id for line in result.rows}
        batches = {b.id: b for b in session.scalars(select(JournalBatch).where(JournalBatch.id.in_(ids)))}
        grouped: dict[int, list[JournalLine]] = {}
        for line in result.rows:
            grouped.setdefault(line.batch_id, []).append(line)
        pairs = [(batches[batch_id], lines) for batch_id, lines in grouped.items()]
        return JournalPage(result, pairs, _rendering(session, company_id, result.rows))


def get_batch(db: Database, *, company_id: int, number: str) -> tuple[JournalBatch, Rendering]:
    with db.reading() as session:
        batch = find_batch(session, company_id, number)
        return batch, _rendering(session, company_id, batch.lines)


def create_batch(db: Database, *, company_id: int, dto: JournalTransactionUpdateDto) -> tuple[JournalBatch, list]:
    """A manual GL batch (Balanced, or Hold), and the request fields nettfin ignored."""
    with db.writing() as session:
        return enter_batch(session, company_id, dto.changes())


def enter_batch(session: Session, company_id: int, changes: dict) -> tuple[JournalBatch, list[str]]:
    """`create_batch` in the caller's transaction (the demo seed enters its manual transactions with it)."""
    header, problems = _header(session, company_id, changes, current=None)
    lines, line_problems = _apply_lines(session, company_id, [], changes.get(_LINES))
    number, number_problems, ignored = _batch_number(session, company_id, changes)
    problems += line_problems + number_problems + _engine_problems(session, company_id, header, lines, changes)
    if problems:
        raise record_errors(action="inserting", entity=ENTITY, record=RECORD, errors=problems)
    batch = build_batch(
        session,
        company_id=company_id,
        module=Module.GL,
        period=header.period,
        date=header.date,
        description=header.description,
        source=None,
        lines=lines,
        status=BatchStatus.HOLD if header.hold else BatchStatus.BALANCED,
        hold=header.hold,
        batch_number=number,
    )
    return batch, ignored + _ignored_header(changes)


def update_batch(
    db: Database, *, company_id: int, number: str, dto: JournalTransactionUpdateDto, if_match: str | None
) -> tuple[JournalBatch, list[str]]:
    changes = dto.changes()
    with db.writing() as session:
        batch = find_batch(session, company_id, number, for_update=True)
        check_if_match(if_match, batch.row_version)
        if batch.posted:
            raise BusinessError(f"Batch '{number}' can't be updated because it is already released.")
        header, problems = _header(session, company_id, changes, current=batch)
        lines, line_problems = _apply_lines(session, company_id, posting_lines(batch), changes.get(_LINES))
        problems += line_problems + _engine_problems(session, company_id, header, lines, changes)
        if problems:
            raise record_errors(action="updating", entity=ENTITY, record=RECORD, errors=problems)
        rewrite_batch(
            session,
            batch,
            period=header.period,
            date=header.date,
            description=header.description,
            lines=lines,
            hold=header.hold,
        )
        ignored = ["batchNumber"] if changes.get("batchNumber") not in (None, number) else []
        return find_batch(session, company_id, number), ignored + _ignored_header(changes)


@retrying_write
def release(db: Database, *, company_id: int, number: str, if_match: str | None) -> JournalBatch:
    """Post a manual batch: it must be balanced and not on hold, its period open for the general ledger."""
    with db.writing() as session:
        batch = find_batch(session, company_id, number, for_update=True)
        check_if_match(if_match, batch.row_version)
        release_entered(session, batch)
        return batch


def release_entered(session: Session, batch: JournalBatch) -> None:
    """`release` in the caller's transaction, on a batch it has locked (or has just entered)."""
    number = batch.batch_number
    if batch.posted:
        raise BusinessError(f"Batch '{number}' is already released.")
    if batch.hold:
        raise BusinessError(f"Batch '{number}' is on hold and cannot be released: clear 'Hold' first.")
    try:
        release_batch(session, batch)
    except PostingRefused as refused:
        raise record_errors(action="releasing", entity=ENTITY, record=RECORD, errors=refused.problems) from None


# --- reading ----------------------------------------------------------------------------------------------


def find_batch(session: Session, company_id: int, number: str, *, for_update: bool = False) -> JournalBatch:
    statement = (
        select(JournalBatch)
        .where(JournalBatch.company_id == company_id, JournalBatch.batch_number == number)
        .options(selectinload(JournalBatch.lines))
    )
    if for_update:
        statement = statement.with_for_update(of=JournalBatch)
    batch = session.scalar(statement)
    if batch is None:
        raise NotFound(messages.not_found("Journal transaction", number))
    return batch


def _rendering(session: Session, company_id: int, lines: Sequence[JournalLine]) -> Rendering:
    return Rendering(
        segment_names(session, company_id),
        _descriptions(session, Vat.vat_id, Vat.description, company_id, {line.vat_id for line in lines}),
        _descriptions(
            session, VatCategory.category_id, VatCategory.description, company_id, {x.vat_category for x in lines}
        ),
    )


def _descriptions(session: Session, key, description, company_id: int, codes: set) -> dict[str, str]:
    """Code -> description in one columns-only query; none when no line names a code."""
    codes.discard(None)
    if not codes:
        return {}
    model = key.class_
    rows = session.execute(select(key, description).where(model.company_id == company_id, key.in_(codes)))
    return dict(rows.all())


# --- writing ----------------------------------------------------------------------------------------------

_LINES = "journalTransactionLines"


@dataclass(frozen=True)
class _Header:
    date: date
    period: str
    description: str | None
    hold: bool


def _header(session: Session, company_id: int, changes: dict, *, current: JournalBatch | None) -> tuple[_Header, list]:
    problems: list[str] = []
    day, found = parse_wire_date(changes.get("transactionDate"), label="Transaction date")
    problems += found
    day = day or (current.transaction_date if current else utcnow().date())
    post_period, found = parse_period(changes.get("postPeriod"), label="Post period", month_first=True)
    problems += found
    financial_period, found = parse_period(changes.get("financialPeriod"), label="Financial period", month_first=False)
    problems += found
    if post_period and financial_period and post_period != financial_period:
        problems.append(
            f"'Post period' and 'Financial period' name different periods: {post_period}, {financial_period}."
        )
    period = post_period or financial_period or (current.period_id if current else period_of(day))
    description = changes.get("description", current.description if current else None)
    problem = fits_column(JournalBatch.__table__.c.description, description, "Description")
    problems += [problem] if problem else []
    hold = bool(changes["hold"]) if "hold" in changes else (current.hold if current else False)
    problems += _fixed_values(session, company_id, changes)
    return _Header(day, period, description, hold), problems


def _fixed_values(session: Session, company_id: int, changes: dict) -> list[str]:
    """Values nettfin holds fixed: the one ledger, the base currency at rate 1, no automatic reversing."""
    problems = []
    ledger = (changes.get("ledger") or "").strip()
    if ledger and ledger.upper() != LEDGER_ID:
        query = select(Ledger).where(Ledger.company_id == company_id, Ledger.ledger_cd == ledger.upper())
        known = session.scalar(query)
        problems.append(
            f"Ledger '{ledger}' is a {known.balance_type.lower()} ledger: journal transactions post to the actual "
            f"ledger, {LEDGER_ID}."
            if known
            else messages.cannot_be_found("Ledger", ledger)
        )
    base = base_currency(session, company_id)
    currency = (changes.get("currencyId") or "").strip()
    if currency and currency != base:
        problems.append(f"Currency '{currency}': journal transactions are entered in the base currency, {base}.")
    if changes.get("exchangeRate") not in (None, Decimal(1)):
        problems.append(f"'Exchange rate' must be 1: journal transactions are entered in the base currency, {base}.")
    if changes.get("autoReversing"):
        problems.append("'Automatic reversing' batches are not supported: post the reversal as its own batch.")
    return problems


def _ignored_header(changes: dict) -> list[str]:
    ignored = [name for name in _IGNORED_HEADER if name in changes]
    if any("branch" in line for line in changes.get(_LINES) or []):
        ignored.append(f"{_LINES}.branch")
    return ignored


def _batch_number(session: Session, company_id: int, changes: dict) -> tuple[str | None, list[str], list[str]]:
    """(the number the client gives, problems, ignored fields): a number counts only with overrideNumberSeries."""
    given = (changes.get("batchNumber") or "").strip()
    if not changes.get("overrideNumberSeries"):
        return None, [], ["batchNumber"] if given else []
    if not given:
        return None, ["'Batch number' cannot be empty."], []
    problem = fits_column(JournalBatch.__table__.c.batch_number, given, "Batch number")
    if problem:
        return None, [problem], []
    taken = select(JournalBatch.id).where(JournalBatch.company_id == company_id, JournalBatch.batch_number == given)
    if session.scalar(taken) is not None:
        return None, [f"'Batch number' '{given}' already exists; choose another number or omit it."], []
    return given, [], []


def _engine_problems(session: Session, company_id: int, header: _Header, lines: list, changes: dict) -> list[str]:
    problems = check_posting(session, company_id=company_id, module=Module.GL, period=header.period, lines=lines)
    control = changes.get("controlTotalInCurrency")
    debit = sum((line.debit for line in lines), Decimal(0))
    if control is not None and control != debit:
        problems.append(f"The control total {control:.2f} does not match the debit total {debit:.2f}.")
    return problems


def _apply_lines(
    session: Session, company_id: int, current: list[PostingLine], sent: list[dict] | None
) -> tuple[list[PostingLine], list[str]]:
    """The batch's lines after the line operations of a write body (kit/lines.py's rules), and every problem.
    Posting lines are values: each slot holds the current one, replaced as changes apply."""
    rule = dimension_rule(session, company_id, with_combinations=False)
    slots = [_Slot(line) for line in current]

    def create(number: int) -> _Slot:
        slot = _Slot(PostingLine(account="", line_number=number))
        slots.append(slot)
        return slot

    def apply(slot: _Slot, change: dict, _place: str, _inserting: bool) -> list[str]:
        slot.line, problems = _line(session, company_id, rule, slot.line, change, slot.line.line_number)
        return problems

    book = LineBook(
        collection=_LINES,
        noun="batch",
        number=lambda slot: slot.line.line_number,
        renumber=lambda slot, number: setattr(slot, "line", dataclasses.replace(slot.line, line_number=number)),
        create=create,
        remove=slots.remove,
        apply=apply,
    )
    problems = apply_line_operations(book, list(slots), sent or [])
    return [slot.line for slot in sorted(slots, key=lambda slot: slot.line.line_number)], problems


@dataclasses.dataclass
class _Slot:
    line: PostingLine


def _line(
    session: Session, company_id: int, rule, current: PostingLine, change: dict, number: int
) -> tuple[PostingLine, list[str]]:
    """The line after a write body's changes: members sent replace the line's, the others stay."""
    line = current
    subaccount, problems = subaccount_from_segments(rule, change.get("subaccount"), line.subaccount)
    projects, project_problems = _project(session, company_id, line, change)
    problems += _vat_problems(session, company_id, change) + project_problems
    values = {
        "account": (change.get("accountNumber", line.account) or "").strip(),
        "subaccount": subaccount,
        "debit": _amount(change, "debitAmountInCurrency", line.debit),
        "credit": _amount(change, "creditAmountInCurrency", line.credit),
        "quantity": _amount(change, "quantity", line.quantity),
        "line_number": number,
        **projects,
    }
    for wire, (attr, label) in _LINE_TEXTS.items():
        if wire in change:
            text = (change[wire] or "").strip() or None
            problem = fits_column(JournalLine.__table__.c[_COLUMNS.get(attr, attr)], text, label)
            problems += [problem] if problem else []
            values[attr] = text
    return dataclasses.replace(line, **values), problems


# Wire name -> (PostingLine attribute, the label in messages); the journal line's column where it differs.
_LINE_TEXTS = {
    "referenceNumber": ("reference", "Ref. number"),
    "transactionDescription": ("description", "Transaction description"),
    "vatCodeId": ("vat_category", "VAT code"),
    "vatId": ("vat_id", "VAT ID"),
    "uom": ("uom", "UoM"),
    "note": ("note", "Note"),
}
_COLUMNS = {"reference": "reference_number"}


def _amount(change: dict, wire: str, current: Decimal) -> Decimal:
    if wire not in change:
        return current
    return change[wire] if change[wire] is not None else Decimal(0)


def _vat_problems(session: Session, company_id: int, change: dict) -> list[str]:
    problems = []
    category, vat_id = change.get("vatCodeId"), change.get("vatId")
    if category and not load_by_codes(session, VatCategory, VatCategory.category_id, company_id, [category]):
        problems.append(messages.cannot_be_found("VAT category", category))
    if vat_id and not load_by_codes(session, Vat, Vat.vat_id, company_id, [vat_id]):
        problems.append(tax_id_not_found(vat_id) + ".")
    return problems


def _project(session: Session, company_id: int, line: PostingLine, change: dict) -> tuple[dict, list[str]]:
    """The line's project and task after the change (what is not sent stays), and every problem with them."""
    if "project" not in change and "projectTask" not in change:
        return {}, []
    project, task = project_codes(session, line.project_id, line.project_task_id)
    project = change.get("project", project)
    task = change.get("projectTask", task)
    refs, problems = check_project(session, company_id, project, task)
    return {"project_id": refs.project_id, "project_task_id": refs.task_id}, problems
