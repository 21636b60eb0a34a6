"""Project transactions (`/v1/projecttransaction`): a query over the posted journal batches, each read as a project
transaction document with its lines that carry a project (no stored copy). The document's `refNbr` is the batch's
number; a line's `accountGroup` is the account group its account is in."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from ..db.base import utcnow
from ..db.engine import Database
from ..kit import messages
from ..kit.changes import bump_version
from ..kit.errors import NotFound, record_errors
from ..kit.render import format_date, format_datetime, time_stamp
from ..kit.responses import check_if_match
from ..kit.wire import LineOperation, WireModel
from ..ledger.journal import BatchStatus, JournalBatch, JournalLine, Module
from ..ledger.period_ids import period_of
from ..ledger.posting import RESOURCE as JOURNAL_RESOURCE
from ..ledger.posting import PostingLine, PostingRefused, post
from .lookup import check_project, is_non_project
from .models import Project, ProjectAccountGroupAccount, ProjectTask

# The journal's module codes as the document's enum names them.
_MODULES = {module.value: module.wire for module in Module}


def _batches(session: Session, company_id: int, conditions: list) -> list[JournalBatch]:
    with_project = select(JournalLine.batch_id).where(
        JournalLine.company_id == company_id, JournalLine.project_id.is_not(None), *conditions
    )
    statement = (
        select(JournalBatch)
        .where(
            JournalBatch.company_id == company_id,
            JournalBatch.status == BatchStatus.POSTED,
            JournalBatch.id.in_(with_project),
        )
        .order_by(JournalBatch.batch_number)
        .options(selectinload(JournalBatch.lines))
    )
    return list(session.scalars(statement).unique())


def list_transactions(
    db: Database, *, company_id: int, project: str | None, task: str | None, module: str | None
) -> list[dict]:
    """The project transaction documents, filtered by project, task (its ID) and module (`ModuleGL`)."""
    conditions = []
    if project:
        conditions.append(
            JournalLine.project_id.in_(
                select(Project.id).where(Project.company_id == company_id, Project.project_cd == project)
            )
        )
    if task:
        conditions.append(
            JournalLine.project_task_id.in_(
                select(ProjectTask.id).where(ProjectTask.company_id == company_id, ProjectTask.task_cd == task)
            )
        )
    with db.reading() as session:
        batches = _batches(session, company_id, conditions)
        if module:
            batches = [b for b in batches if _MODULES.get(b.module, b.module) == module]
        return _render(session, company_id, batches)


def get_transaction(db: Database, *, company_id: int, number: str) -> dict:
    with db.reading() as session:
        batches = [b for b in _batches(session, company_id, []) if b.batch_number == number]
        if not batches:
            raise NotFound(messages.not_found("Project transaction", number))
        return _render(session, company_id, batches)[0]


def _render(session: Session, company_id: int, batches: list[JournalBatch]) -> list[dict]:
    accounts = {line.account_id for batch in batches for line in batch.lines}
    groups = {
        row.account_id: row.group
        for row in session.scalars(
            select(ProjectAccountGroupAccount)
            .where(
                ProjectAccountGroupAccount.company_id == company_id, ProjectAccountGroupAccount.account_id.in_(accounts)
            )
            .options(selectinload(ProjectAccountGroupAccount.group))
        )
    }
    return [_document(batch, groups) for batch in batches]


def _document(batch: JournalBatch, groups: dict) -> dict:
    lines = [_line(batch, line, groups.get(line.account_id)) for line in batch.lines if line.project_id is not None]
    document = {
        "refNbr": batch.batch_number,
        "description": batch.description,
        "origDocNbr": batch.source_number,
        "status": "Released",
        "module": _MODULES.get(batch.module, "ModuleGL"),
        "note": batch.note,
        "timeStamp": time_stamp(batch.row_version),
        "lines": lines,
    }
    return {key: value for key, value in document.items() if value is not None}


def _line(batch: JournalBatch, line: JournalLine, group) -> dict:
    account = {"type": line.account.type, "number": line.account.account_cd, "description": line.account.description}
    subaccount = (
        {
            "active": line.subaccount.active,
            "id": line.subaccount.subaccount_cd,
            "description": line.subaccount.description,
        }
        if line.subaccount
        else None
    )
    debit = line.debit > 0
    project, task = line.project, line.project_task
    body = {
        "tranId": line.id,
        "date": format_date(batch.transaction_date),
        "description": line.description,
        "uom": line.uom,
        "quantity": float(line.quantity),
        "amount": float(line.debit if debit else line.credit),
        "billable": False,
        "released": True,
        "allocated": False,
        "billableQuantity": 0.0,
        "financialPeriod": batch.period_id,
        "batchNbr": batch.batch_number,
        "lastModifiedDateTime": format_datetime(batch.last_modified_at),
        "project": {"internalId": project.id, "id": project.project_cd, "description": project.description},
        "projectTask": None
        if task is None
        else {"internalId": task.id, "id": task.task_cd, "description": task.description},
        "debitAccount" if debit else "creditAccount": account,
        "debitSubaccount" if debit else "creditSubaccount": subaccount,
        "accountGroup": None if group is None else {"number": group.group_cd, "name": group.description},
        "note": line.note,
    }
    return {key: value for key, value in body.items() if value is not None}


def create_transaction(db: Database, *, company_id: int, dto: WireModel) -> JournalBatch:
    """Post a project transaction entered in PM (`post_transaction`) from a write body."""
    changes = dto.changes()
    with db.writing() as session:
        batch = post_transaction(session, company_id, changes.get("description"), changes.get("lines") or [])
        batch.note = (changes.get("note") or "").strip() or None
        return batch


# What a PUT may change on a released transaction: its texts. Amounts, accounts, projects and periods have posted.
_TEXTS = {"description", "note"}


def update_transaction(
    db: Database, *, company_id: int, number: str, dto: WireModel, if_match: str | None
) -> JournalBatch:
    """A project transaction is released when it is made (it is a posted batch), so a PUT changes only its
    description and note and its lines' (named by `tranId`); every other change is refused, naming it."""
    changes = dto.changes()
    with db.writing() as session:
        batch = next((b for b in _batches(session, company_id, []) if b.batch_number == number), None)
        if batch is None:
            raise NotFound(messages.not_found("Project transaction", number))
        check_if_match(if_match, batch.row_version)
        lines = {line.id: line for line in batch.lines if line.project_id is not None}
        problems = []
        for index, sent in enumerate(changes.get("lines") or []):
            where = f"lines[{index}]: "
            operation = sent.get("operation")
            if operation in (LineOperation.Insert, LineOperation.Delete):
                problems.append(f"{where}{_released(number)} lines cannot be inserted or deleted.")
                continue
            line = lines.get(sent.get("tranId"))
            if line is None:
                problems.append(f"{where}'Tran ID' {sent.get('tranId')} is not a line of project transaction {number}.")
                continue
            fixed = sorted(set(sent) - _TEXTS - {"operation", "tranId"})
            if fixed:
                problems.append(f"{where}{_released(number)} only 'description' and 'note' can change, not {fixed}.")
                continue
            for name in _TEXTS & set(sent):
                setattr(line, name, (sent[name] or "").strip() or None)
        if problems:
            raise record_errors(action="updating", entity=_ENTITY, record=_RECORD, errors=problems)
        if "description" in changes:
            batch.description = (changes["description"] or "").strip() or "Project transaction"
        if "note" in changes:
            batch.note = (changes["note"] or "").strip() or None
        batch.last_modified_at = utcnow()
        session.flush()
        bump_version(session, company_id=company_id, resource=JOURNAL_RESOURCE)
        return batch


def _released(number: str) -> str:
    return f"Project transaction {number} is released:"


def post_transaction(session: Session, company_id: int, description: str | None, sent: list[dict]) -> JournalBatch:
    """Each line debits its debit account and credits its credit account with its amount, both for its project and
    task, in one batch of module PM, whose number is the transaction's refNbr; every problem at once, else nothing
    is posted."""
    problems = [] if sent else ["The transaction has no lines."]
    lines: list[PostingLine] = []
    periods: set[str] = set()
    first_day = None
    for index, line in enumerate(sent):
        found, day, period, refused = _posting_lines(session, company_id, line)
        problems += [f"lines[{index}]: {problem}" for problem in refused]
        lines += found
        periods.add(period)
        first_day = first_day or day
    if len(periods) > 1:
        problems.append(f"The lines post to one financial period, not to {', '.join(sorted(periods))}.")
    if problems:
        raise record_errors(action="inserting", entity=_ENTITY, record=_RECORD, errors=problems)
    try:
        return post(
            session,
            company_id=company_id,
            module=Module.PM,
            period=periods.pop(),
            date=first_day,
            description=(description or "").strip() or "Project transaction",
            source=None,
            lines=lines,
        )
    except PostingRefused as refused:
        raise record_errors(action="inserting", entity=_ENTITY, record=_RECORD, errors=refused.problems) from None


_ENTITY = "project transaction"
_RECORD = "PMTran"


def _posting_lines(session: Session, company_id: int, line: dict) -> tuple[list[PostingLine], date, str, list[str]]:
    problems = []
    project = line.get("project")
    if is_non_project(project):
        problems.append(messages.cannot_be_empty("Project"))
    else:
        refs, refused = check_project(session, company_id, project, line.get("projectTask"))
        problems += refused
    amount = line.get("amount")
    if amount is None or amount <= 0:
        problems.append("'Amount' must be greater than 0.")
    accounts = {}
    for side, label in (("debit", "Debit account"), ("credit", "Credit account")):
        accounts[side] = (line.get(f"{side}Account") or "").strip()
        if not accounts[side]:
            problems.append(messages.cannot_be_empty(label))
    when = line.get("date")
    day = when.date() if isinstance(when, datetime) else utcnow().date()
    period = (line.get("financialPeriod") or "").strip() or period_of(day)
    if problems:
        return [], day, period, problems
    details = {
        "description": (line.get("description") or "").strip() or None,
        "quantity": line.get("quantity") or Decimal(0),
        "uom": (line.get("uom") or "").strip() or None,
        "note": (line.get("note") or "").strip() or None,
        "project_id": refs.project_id,
        "project_task_id": refs.task_id,
    }
    debit = PostingLine(account=accounts["debit"], subaccount=line.get("debitSubaccount"), debit=amount, **details)
    credit = PostingLine(account=accounts["credit"], subaccount=line.get("creditSubaccount"), credit=amount, **details)
    return [debit, credit], day, period, []
