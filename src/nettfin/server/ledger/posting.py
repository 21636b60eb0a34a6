"""The posting engine: the one way any module turns a released document into a journal transaction (GL301000),
and the ledger's invariants.

Usage, inside the caller's writing transaction::

    from nettfin.server.ledger.posting import Module, PostingLine, Source, post

    batch = post(
        session,
        company_id=company_id,
        module=Module.AP,
        period="201911",  # YYYYPP; must be open for the module
        date=date(2019, 11, 8),
        description="Invoice 000001",
        source=Source("Invoice", "000001"),
        lines=[
            PostingLine(account="4300", subaccount="20-000", debit=Decimal("100.00"), vat_id="1"),
            PostingLine(account="2710", subaccount="00-000", debit=Decimal("25.00"), vat_id="1"),
            PostingLine(account="2400", subaccount="00-000", credit=Decimal("125.00"), party="50000"),
        ],
    )
    batch.batch_number  # "000001", from the company's BATCH series

The contract (stable; other modules rely on it):
- `post` validates everything first and raises `PostingRefused` (a 400 `BusinessError`) listing every
  problem, in the service's wording, before it adds anything to the session: no lines; a batch whose debits
  and credits differ (exact Decimal comparison, no rounding); an unknown or inactive account; a control
  account of AR or AP posted from another module, or (module GL) an account that allows no manual entries;
  a subaccount the SUBACCOUNT dimension refuses (segment values, defined combinations when the company
  requires them: `ledger.subaccounts` rules); a negative amount, or both a debit and a credit on one line; a
  period that does not exist, is inactive, or is closed for the module (`ledger.periods.period_open_for`:
  AP checks the supplier ledger, AR the customer ledger, GL the general ledger, CA/CM cash management, IN
  inventory, FA fixed assets). `PostingRefused.problems` holds the texts for a caller that words its own error.
- `PostingLine.subaccount` is the subaccount number (segment values joined by `-`, as `00-000`); None takes
  the dimension's default values. A company without the SUBACCOUNT dimension posts lines without one (None).
  A valid combination that has no subaccount record yet gets one, as the service creates them on the fly.
- On success the batch has the next number of the company's `BATCH` series, status `Posted` (documents post
  on release, as with "automatically post on release"), its lines numbered from 1 in the order given, and
  the GL balances of its period (`LedgerHistory`) are updated. The batch is flushed, never committed: the
  caller's transaction commits or rolls back the document and its batch together.
- `check_posting` returns the same problems without writing; `reverse` posts the mirror image of a posted
  batch (a voided document); `ledger_invariants` lists every breach of the ledger's rules (for tests).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from ..db.base import utcnow
from ..db.types import MONEY_LIMIT
from ..identity.companies import base_currency
from ..kit import messages
from ..kit.changes import bump_version
from ..kit.errors import BusinessError
from ..kit.records import load_by_codes
from ..kit.trace import note_batch
from ..numbering.service import BATCH, next_document_number
from .invariants import account_balance, ledger_invariants
from .journal import BatchStatus, JournalBatch, JournalLine, LedgerHistory, Module
from .line_subaccounts import ensure_subaccounts, resolve_subaccount
from .models import Account, Subaccount
from .periods import LedgerModule, PeriodNotOpen, period_open_for
from .subaccounts import dimension_rule

ZERO = Decimal(0)
RESOURCE = "journalTransaction"
# The invariants are the ledger's promise to every caller of `post`: exported with it.
__all__ = [
    "Module",
    "PostingLine",
    "PostingRefused",
    "Source",
    "account_balance",
    "check_posting",
    "ledger_invariants",
    "post",
    "reverse",
]
BALANCE_RESOURCE = "generalLedgerBalance"
# Balance rows per upsert statement: well inside SQLite's and PostgreSQL's limits on bound parameters.
_BALANCE_ROWS = 500
SUBLEDGER_CONTROL = {"AP": "supplier ledger", "AR": "customer ledger"}
_PERIOD_MODULE = {
    Module.GL: LedgerModule.GENERAL_LEDGER,
    Module.AP: LedgerModule.SUPPLIER_LEDGER,
    Module.AR: LedgerModule.CUSTOMER_LEDGER,
    Module.CA: LedgerModule.CASH_MANAGEMENT,
    Module.CM: LedgerModule.CASH_MANAGEMENT,
    Module.IN: LedgerModule.INVENTORY_MANAGEMENT,
    Module.FA: LedgerModule.FIXED_ASSETS,
}


@dataclass(frozen=True)
class PostingLine:
    account: str
    subaccount: str | None = None
    debit: Decimal = ZERO
    credit: Decimal = ZERO
    description: str | None = None
    reference: str | None = None
    vat_id: str | None = None
    vat_category: str | None = None
    party: str | None = None
    inventory_number: str | None = None
    quantity: Decimal = ZERO
    uom: str | None = None
    note: str | None = None
    # The line's project and task (row ids, checked by projects.lookup): none for a line of no project.
    project_id: int | None = None
    project_task_id: int | None = None
    # The line's number in the batch; None numbers the lines 1, 2, ... in the order given.
    line_number: int | None = None


@dataclass(frozen=True)
class Source:
    """The document a batch is posted for."""

    document_type: str
    number: str


class PostingRefused(BusinessError):
    def __init__(self, problems: Sequence[str]) -> None:
        self.problems = list(problems)
        lines = "".join(f"Error: {problem}\r\n" for problem in self.problems)
        super().__init__(f"The batch cannot be posted. Please review the errors.\r\n{lines}")


@dataclass(frozen=True)
class _Checked:
    """What validation found: problems, and for each line its account and subaccount number."""

    problems: list[str]
    accounts: list[Account | None]
    subaccounts: list[str | None]


def check_posting(
    session: Session, *, company_id: int, module: Module, period: str, lines: Sequence[PostingLine]
) -> list[str]:
    """Every reason `post` would refuse these lines; [] when it would post them."""
    return _check(session, company_id, module, period, lines).problems


def post(
    session: Session,
    *,
    company_id: int,
    module: Module,
    period: str,
    date: date,
    description: str | None,
    source: Source | None,
    lines: Sequence[PostingLine],
) -> JournalBatch:
    """A posted batch for the lines, or `PostingRefused` with every problem (nothing written)."""
    batch = build_batch(
        session,
        company_id=company_id,
        module=module,
        period=period,
        date=date,
        description=description,
        source=source,
        lines=lines,
        status=BatchStatus.POSTED,
    )
    _add_to_balances(session, batch)
    return batch


def build_batch(
    session: Session,
    *,
    company_id: int,
    module: Module,
    period: str,
    date: date,
    description: str | None,
    source: Source | None,
    lines: Sequence[PostingLine],
    status: BatchStatus,
    hold: bool = False,
    batch_number: str | None = None,
) -> JournalBatch:
    """A validated batch in `status` (the balances change only when it is posted: `release_batch`)."""
    checked = _check(session, company_id, module, period, lines)
    if checked.problems:
        raise PostingRefused(checked.problems)
    subaccounts = ensure_subaccounts(session, company_id, {n for n in checked.subaccounts if n})
    now = utcnow()
    batch = JournalBatch(
        company_id=company_id,
        batch_number=batch_number or _next_batch_number(session, company_id),
        module=module.value,
        status=status.value,
        hold=hold,
        period_id=period,
        transaction_date=date,
        description=description,
        currency_id=base_currency(session, company_id),
        source_type=source.document_type if source else None,
        source_number=source.number if source else None,
        created_at=now,
        last_modified_at=now,
        posted_at=now if status == BatchStatus.POSTED else None,
    )
    batch.lines = _journal_lines(company_id, lines, checked, subaccounts)
    _set_totals(batch)
    session.add(batch)
    session.flush()
    bump_version(session, company_id=company_id, resource=RESOURCE)
    note_batch(session, batch)
    return batch


def rewrite_batch(
    session: Session,
    batch: JournalBatch,
    *,
    period: str,
    date: date,
    description: str | None,
    lines: Sequence[PostingLine],
    hold: bool,
) -> None:
    """Replace an unposted batch's header and lines, with the same checks as `post`."""
    checked = _check(session, batch.company_id, Module(batch.module), period, lines)
    if checked.problems:
        raise PostingRefused(checked.problems)
    subaccounts = ensure_subaccounts(session, batch.company_id, {n for n in checked.subaccounts if n})
    # The old lines go first: their (batch, line number) keys may be taken again by the new ones.
    batch.lines = []
    session.flush()
    batch.lines = _journal_lines(batch.company_id, lines, checked, subaccounts)
    batch.period_id, batch.transaction_date, batch.description = period, date, description
    batch.hold = hold
    batch.status = (BatchStatus.HOLD if hold else BatchStatus.BALANCED).value
    batch.last_modified_at = utcnow()
    _set_totals(batch)
    session.flush()
    bump_version(session, company_id=batch.company_id, resource=RESOURCE)


def release_batch(session: Session, batch: JournalBatch) -> None:
    """Post a balanced batch that was saved unposted (a manual GL entry); the same checks as `post`."""
    checked = _check(session, batch.company_id, Module(batch.module), batch.period_id, posting_lines(batch))
    if checked.problems:
        raise PostingRefused(checked.problems)
    batch.status = BatchStatus.POSTED.value
    batch.posted_at = batch.last_modified_at = utcnow()
    session.flush()
    _add_to_balances(session, batch)
    bump_version(session, company_id=batch.company_id, resource=RESOURCE)
    note_batch(session, batch)


def reverse(
    session: Session, *, batch: JournalBatch, period: str, date: date, description: str | None, source: Source | None
) -> JournalBatch:
    """A posted batch with the debits and credits of `batch` swapped, naming it as its original."""
    mirrored = [
        PostingLine(**{**_line_fields(line), "debit": line.credit, "credit": line.debit, "line_number": None})
        for line in batch.lines
    ]
    reversal = post(
        session,
        company_id=batch.company_id,
        module=Module(batch.module),
        period=period,
        date=date,
        description=description,
        source=source,
        lines=mirrored,
    )
    reversal.original_batch_number = batch.batch_number
    return reversal


def posting_lines(batch: JournalBatch) -> list[PostingLine]:
    return [PostingLine(**_line_fields(line)) for line in batch.lines]


def _line_fields(line: JournalLine) -> dict:
    return {
        "account": line.account.account_cd,
        "subaccount": line.subaccount.subaccount_cd if line.subaccount else None,
        "debit": line.debit,
        "credit": line.credit,
        "description": line.description,
        "reference": line.reference_number,
        "vat_id": line.vat_id,
        "vat_category": line.vat_category,
        "party": line.party,
        "inventory_number": line.inventory_number,
        "quantity": line.quantity,
        "uom": line.uom,
        "note": line.note,
        "project_id": line.project_id,
        "project_task_id": line.project_task_id,
        "line_number": line.line_number,
    }


# --- validation -------------------------------------------------------------------------------------------


def _check(session: Session, company_id: int, module: Module, period: str, lines: Sequence[PostingLine]) -> _Checked:
    problems: list[str] = []
    try:
        period_open_for(session, company_id, period, _PERIOD_MODULE.get(module, LedgerModule.GENERAL_LEDGER))
    except PeriodNotOpen as refused:
        problems.append(refused.message)
    if not lines:
        problems.append("The batch has no lines.")
    accounts = load_by_codes(session, Account, Account.account_cd, company_id, (line.account for line in lines))
    rule = dimension_rule(session, company_id, with_combinations=True)
    found_accounts, numbers = [], []
    for index, line in enumerate(lines, start=1):
        index = line.line_number or index
        account = accounts.get(line.account)
        number, sub_problems = resolve_subaccount(rule, line.subaccount)
        line_problems = account_problems(line.account, account, module) + sub_problems + _amount_problems(line)
        problems += [f"Line {index}: {problem}" for problem in line_problems]
        found_accounts.append(account)
        numbers.append(number)
    debit = sum((line.debit for line in lines), ZERO)
    credit = sum((line.credit for line in lines), ZERO)
    if debit != credit:
        problems.append(f"Batch is out of balance, please review. Debit total {debit:.2f}, credit total {credit:.2f}.")
    return _Checked(problems, found_accounts, numbers)


def account_problems(code: str, account: Account | None, module: Module) -> list[str]:
    if not code:
        return ["'Account' cannot be empty."]
    if account is None:
        return [messages.cannot_be_found("Account", code)]
    problems = [] if account.active else [f"Account '{code}' is inactive."]
    owner = account.control_account_module
    if owner in SUBLEDGER_CONTROL and owner != module.value:
        problems.append(
            f"Account '{code}' is a control account of the {SUBLEDGER_CONTROL[owner]} ({owner}): "
            f"only documents of that ledger post to it."
        )
    elif module == Module.GL and not account.allow_manual_entry:
        problems.append(f"Account '{code}' does not allow manual entries (control account of {owner or 'a module'}).")
    return problems


def _amount_problems(line: PostingLine) -> list[str]:
    problems = []
    for label, amount in (("Debit amount", line.debit), ("Credit amount", line.credit)):
        if amount < 0:
            problems.append(f"'{label}' cannot be less than 0.")
        elif amount >= MONEY_LIMIT:
            problems.append(f"'{label}' is out of range: {amount} (amounts must be below {MONEY_LIMIT:,}).")
    if line.debit and line.credit:
        problems.append("A line has a debit amount or a credit amount, not both.")
    return problems


# --- writing ----------------------------------------------------------------------------------------------


def _next_batch_number(session: Session, company_id: int) -> str:
    return next_document_number(
        session, company_id=company_id, series_id=BATCH, description="Journal batches", column=JournalBatch.batch_number
    )


def _journal_lines(
    company_id: int, lines: Sequence[PostingLine], checked: _Checked, subaccounts: dict[str, Subaccount]
) -> list[JournalLine]:
    return [
        _journal_line(company_id, line.line_number or index, line, account, subaccounts.get(number))
        for index, (line, account, number) in enumerate(
            zip(lines, checked.accounts, checked.subaccounts, strict=True), start=1
        )
    ]


def _journal_line(
    company_id: int, number: int, line: PostingLine, account: Account, subaccount: Subaccount | None
) -> JournalLine:
    return JournalLine(
        company_id=company_id,
        line_number=number,
        account=account,
        subaccount=subaccount,
        debit=line.debit,
        credit=line.credit,
        description=line.description,
        reference_number=line.reference,
        vat_id=line.vat_id,
        vat_category=line.vat_category,
        party=line.party,
        inventory_number=line.inventory_number,
        quantity=line.quantity,
        uom=line.uom,
        note=line.note,
        project_id=line.project_id,
        project_task_id=line.project_task_id,
    )


def _set_totals(batch: JournalBatch) -> None:
    batch.debit_total = sum((line.debit for line in batch.lines), ZERO)
    batch.credit_total = sum((line.credit for line in batch.lines), ZERO)
    batch.control_total = batch.debit_total


def _add_to_balances(session: Session, batch: JournalBatch) -> None:
    """Add the batch's lines to the GL balances of its period: upserts of up to `_BALANCE_ROWS` rows, in
    (account, subaccount) order, so concurrent postings lock the balances they share in the same order (the
    whole transaction's lock order is explained at `kit.changes.write_pending_versions`)."""
    sums: dict[tuple[int, str, str], list[Decimal]] = defaultdict(lambda: [ZERO, ZERO])
    for line in batch.lines:
        key = (line.account.id, line.subaccount.subaccount_cd if line.subaccount else "", line.account.account_cd)
        sums[key][0] += line.debit
        sums[key][1] += line.credit
    insert = pg_insert if session.get_bind().dialect.name == "postgresql" else sqlite_insert
    now = utcnow()
    rows = [
        {
            "company_id": batch.company_id,
            "account_id": account_id,
            "account_cd": account_cd,
            "subaccount_cd": subaccount_cd,
            "period_id": batch.period_id,
            "debit": debit,
            "credit": credit,
            "last_modified_at": now,
        }
        for (account_id, subaccount_cd, account_cd), (debit, credit) in sorted(sums.items())
    ]
    for start in range(0, len(rows), _BALANCE_ROWS):
        statement = insert(LedgerHistory).values(rows[start : start + _BALANCE_ROWS])
        statement = statement.on_conflict_do_update(
            index_elements=[
                LedgerHistory.company_id,
                LedgerHistory.account_id,
                LedgerHistory.subaccount_cd,
                LedgerHistory.period_id,
            ],
            set_={
                "debit": LedgerHistory.debit + statement.excluded.debit,
                "credit": LedgerHistory.credit + statement.excluded.credit,
                "last_modified_at": statement.excluded.last_modified_at,
            },
        )
        session.execute(statement)
    bump_version(session, company_id=batch.company_id, resource=BALANCE_RESOURCE)
