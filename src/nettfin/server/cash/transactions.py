"""Cash transaction use cases (CA304000): list, read, create and update unreleased transactions.

A transaction takes money into a cash account (an entry type of the Receipt kind) or out of it (Disbursement);
its lines name the offset accounts and subaccounts and their amounts, and the transaction's amount is their
sum, so it balances by construction: the cash account takes the amount, the offset accounts its parts. What a
client can make unbalanced is the control total: one sent must equal the amount unless the transaction is on
hold. A write is checked as its release would be (the period open in cash management, the cash account a
flagged GL account, the offset accounts and subaccounts postable from CA), every problem at once, nothing
written when there is one. VAT is not served on cash transactions: the VAT members are refused with a value.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..db.base import utcnow
from ..db.engine import Database
from ..documents.lines import calendar_day, money
from ..documents.periods import PeriodField, choose_period
from ..identity.companies import base_currency
from ..kit import messages
from ..kit.changes import bump_version
from ..kit.checks import fits_column
from ..kit.document_lists import ListWindow, fetch_filtered
from ..kit.document_numbers import DocumentNumbers
from ..kit.errors import record_errors
from ..kit.lines import LineBook, apply_line_operations
from ..kit.paging import DOCUMENT_MAX_PAGE_SIZE, Listing, Page, PageResult
from ..kit.records import RecordKey, apply_scalars, find_by_code, load_by_codes
from ..kit.responses import check_if_match
from ..ledger.journal import Module
from ..ledger.line_subaccounts import resolve_subaccount, subaccount_from_segments
from ..ledger.models import Account, Subaccount
from ..ledger.periods import LedgerModule
from ..ledger.posting import PostingLine, check_posting
from ..ledger.subaccounts import SegmentNames, dimension_rule, segment_names
from ..organisation.models import Branch
from .entry_types import ACCEPTED, EntryType, entry_type
from .models import ZERO, CashTransaction, CashTransactionLine
from .schemas import CashTransactionUpdateDto

RESOURCE = "cashTransaction"
MAX_PAGE_SIZE = DOCUMENT_MAX_PAGE_SIZE
LISTING = Listing(resource=RESOURCE, model=CashTransaction, key=CashTransaction.reference_number)
ENTITY, RECORD = "cash transaction", "CashTransaction"
NUMBERS = DocumentNumbers(
    RecordKey("referenceNumber", CashTransaction.reference_number, "Reference number", "CATRAN"), "Cash transactions"
)
DETAILS = "cashTransactionDetails"
_PERIODS = (
    PeriodField("financialPeriod", "Financial period", month_first=False),
    PeriodField("finanacialPeriod", "Financial period", month_first=False),
)
_SCALARS = {
    "hold": ("hold", "Hold", False),
    "description": ("description", "Description", None),
    "documentRef": ("document_ref", "Document ref.", None),
}
# Header members nettfin does not keep: VAT (refused with a value) and the calculation mode (ignored).
_VAT_MEMBERS = {"vatAmount": "VAT amount", "vatZone": "VAT zone"}
_IGNORED = ("taxCalculationMode",)


@dataclass(frozen=True)
class CashFilters:
    window: ListWindow = ListWindow()

    def conditions(self) -> list:
        return self.window.conditions(CashTransaction.reference_number, CashTransaction.last_modified_at)


@dataclass(frozen=True)
class Rendering:
    """What rendering transactions needs beyond the rows: the base currency, segment names, the lines'
    subaccount records and branch names."""

    currency: str
    names: SegmentNames
    subaccounts: dict[str, Subaccount]
    branches: dict[str, str]


def list_transactions(
    db: Database, *, company_id: int, filters: CashFilters, page: Page
) -> tuple[PageResult, Rendering]:
    with db.reading() as session:
        result = fetch_filtered(session, LISTING, company_id=company_id, filters=filters, page=page)
        return result, rendering(session, company_id, result.rows)


def get_transaction(db: Database, *, company_id: int, number: str) -> tuple[CashTransaction, Rendering]:
    with db.reading() as session:
        found = find_transaction(session, company_id, number)
        return found, rendering(session, company_id, [found])


def create_transaction(
    db: Database, *, company_id: int, dto: CashTransactionUpdateDto
) -> tuple[CashTransaction, list[str]]:
    changes = dto.changes()
    with db.writing() as session:
        transaction, ignored = enter_transaction(session, company_id, changes)
        return transaction, ignored + _ignored(changes)


def enter_transaction(session: Session, company_id: int, changes: dict) -> tuple[CashTransaction, list[str]]:
    """A new transaction from a write body's changes, in the caller's transaction (the demo seeds with it)."""
    transaction = CashTransaction(company_id=company_id, hold=False, released=False, amount=ZERO, lines=[])
    ignored = NUMBERS.enter(
        session,
        transaction,
        changes,
        lambda _ignored: _apply(session, transaction, changes, inserting=True),
        entity=ENTITY,
        label=RECORD,
        resource=RESOURCE,
    )
    return transaction, ignored


def update_transaction(
    db: Database, *, company_id: int, number: str, dto: CashTransactionUpdateDto, if_match: str | None
) -> tuple[CashTransaction, list[str]]:
    changes = dto.changes()
    with db.writing() as session:
        transaction = find_transaction(session, company_id, number, for_update=True)
        check_if_match(if_match, transaction.row_version)
        ignored = [n for n in ("referenceNumber",) if changes.get(n) not in (None, number)]
        if transaction.released:
            problems = [f"Cash transaction {number} can't be updated because it is already released."]
        else:
            with session.no_autoflush:
                problems = _apply(session, transaction, changes, inserting=False)
        if problems:
            raise record_errors(action="updating", entity=ENTITY, record=RECORD, errors=problems)
        transaction.last_modified_at = utcnow()
        bump_version(session, company_id=company_id, resource=RESOURCE)
        session.flush()
        return transaction, ignored + _ignored(changes)


def find_transaction(session: Session, company_id: int, number: str, *, for_update: bool = False) -> CashTransaction:
    missing = messages.not_found("Cash transaction", number)
    return NUMBERS.find(session, company_id, number, for_update=for_update, missing=missing)


def rendering(session: Session, company_id: int, transactions: Sequence[CashTransaction]) -> Rendering:
    lines = [line for transaction in transactions for line in transaction.lines]
    numbers = {line.offset_subaccount for line in lines if line.offset_subaccount}
    codes = {line.branch_cd for line in lines if line.branch_cd}
    branches = {}
    if codes:
        found = session.execute(
            select(Branch.branch_cd, Branch.name).where(Branch.company_id == company_id, Branch.branch_cd.in_(codes))
        )
        branches = dict(found.all())
    return Rendering(
        currency=base_currency(session, company_id),
        names=segment_names(session, company_id),
        subaccounts=load_by_codes(session, Subaccount, Subaccount.subaccount_cd, company_id, numbers),
        branches=branches,
    )


def the_entry_type(transaction: CashTransaction) -> EntryType:
    found = entry_type(transaction.entry_type)
    assert found is not None  # a stored transaction's entry type was checked when it was written
    return found


def posting_lines(transaction: CashTransaction) -> list[PostingLine]:
    """The lines a release posts: the cash account takes the amount (debited by a receipt, credited by a
    disbursement), each offset account its line's amount on the other side; a negative amount (a reversing
    transaction's) posts on the opposite side. Lines of no amount post nothing."""
    receipt = the_entry_type(transaction).receipt
    reference = transaction.document_ref
    lines = [
        _posting(
            transaction.cash_account.account_cd,
            None,
            transaction.amount,
            debit=receipt,
            description=transaction.description,
            reference=reference,
        )
    ]
    for line in transaction.lines:
        account = line.offset_account.account_cd if line.offset_account else ""
        lines.append(
            _posting(
                account,
                line.offset_subaccount,
                line.amount,
                debit=not receipt,
                description=line.description or transaction.description,
                reference=reference,
                quantity=line.quantity,
                uom=line.uom,
            )
        )
    return [line for line in lines if line.debit or line.credit]


def _posting(account: str, subaccount: str | None, amount: Decimal, *, debit: bool, **more) -> PostingLine:
    if amount < 0:
        amount, debit = -amount, not debit
    sides = {"debit": amount} if debit else {"credit": amount}
    return PostingLine(account=account, subaccount=subaccount, **sides, **more)


def control_problem(transaction: CashTransaction) -> str | None:
    control = transaction.control_total
    if control is not None and control != transaction.amount:
        return f"The control total {control:.2f} does not match the amount {transaction.amount:.2f}."
    return None


def status_of(transaction: CashTransaction) -> str:
    if transaction.released:
        return "Released"
    return "Hold" if transaction.hold else "Balanced"


# --- writing ----------------------------------------------------------------------------------------------


def _ignored(changes: dict) -> list[str]:
    return [name for name in _IGNORED if name in changes]


def _apply(session: Session, transaction: CashTransaction, changes: dict, *, inserting: bool) -> list[str]:
    problems = apply_scalars(transaction, changes, _SCALARS)
    for wire, label in _VAT_MEMBERS.items():
        if changes.get(wire) not in (None, "", ZERO):
            problems.append(f"'{label}': VAT is not served on cash transactions; post the VAT with a journal entry.")
    if changes.get("cashTransactionTaxDetails"):
        problems.append("'cashTransactionTaxDetails': VAT is not served on cash transactions.")
    if "tranDate" in changes or inserting:
        transaction.tran_date = calendar_day(changes.get("tranDate")) or calendar_day(utcnow())
    problems += _apply_period(session, transaction, changes)
    problems += _apply_cash_account(session, transaction, changes)
    if "entryType" in changes or inserting:
        found = entry_type(changes.get("entryType"))
        if found is None:
            sent = (changes.get("entryType") or "").strip()
            problems.append(
                f"{messages.cannot_be_found('Entry type', sent)} Accepted values: {ACCEPTED}."
                if sent
                else f"'Entry type' cannot be empty. Accepted values: {ACCEPTED}."
            )
        else:
            transaction.entry_type = found.id
    if "controlTotal" in changes:
        control = changes["controlTotal"]
        transaction.control_total = None if control is None else money(control)
    problems += _apply_lines(session, transaction, changes.get(DETAILS) or [])
    transaction.amount = sum((line.amount for line in transaction.lines), ZERO)
    transaction.status = status_of(transaction)
    if problems:
        return problems
    return _whole(session, transaction)


def _apply_period(session: Session, transaction: CashTransaction, changes: dict) -> list[str]:
    choice = choose_period(
        session,
        company_id=transaction.company_id,
        changes=changes,
        fields=_PERIODS,
        day=transaction.tran_date.date(),
        current=transaction.period_id,
        moved="tranDate" in changes,
        module=LedgerModule.CASH_MANAGEMENT,
    )
    if choice.period is not None:
        transaction.period_id = choice.period
    return choice.problems


def _apply_cash_account(session: Session, transaction: CashTransaction, changes: dict) -> list[str]:
    if "cashAccount" not in changes and transaction.cash_account is not None:
        return []
    code = (changes.get("cashAccount") or "").strip()
    if not code:
        return [messages.cannot_be_empty("Cash account")]
    account = find_by_code(session, Account, Account.account_cd, transaction.company_id, code)
    if account is None:
        return [messages.cannot_be_found("Cash account", code)]
    if not account.cash_account:
        return [f"'Cash account': account {code} is not a cash account (a GL account flagged as one)."]
    if not account.active:
        return [messages.inactive("Cash account", code)]
    transaction.cash_account = account
    return []


def _apply_lines(session: Session, transaction: CashTransaction, sent: list[dict]) -> list[str]:
    rule = dimension_rule(session, transaction.company_id, with_combinations=False)
    company_id = transaction.company_id

    def create(number: int) -> CashTransactionLine:
        line = CashTransactionLine(
            company_id=company_id,
            line_number=number,
            branch_cd=_main_branch(session, company_id),
            quantity=Decimal(1),
            price=ZERO,
            amount=ZERO,
        )
        transaction.lines.append(line)
        return line

    def apply(line: CashTransactionLine, change: dict, _place: str, _inserting: bool) -> list[str]:
        return _apply_line(session, rule, line, change)

    book = LineBook(
        collection=DETAILS,
        noun="transaction",
        number=lambda line: line.line_number,
        renumber=lambda line, number: setattr(line, "line_number", number),
        create=create,
        remove=transaction.lines.remove,
        apply=apply,
        session=session,
    )
    return apply_line_operations(book, list(transaction.lines), sent)


def _apply_line(session: Session, rule, line: CashTransactionLine, change: dict) -> list[str]:
    problems: list[str] = []
    company_id = line.company_id
    for wire, label in (("inventoryNumber", "Item ID"), ("vatCode", "VAT category"), ("projectTask", "Project task")):
        if (change.get(wire) or "").strip():
            problems.append(f"'{label}' is not served on cash transactions: leave it out.")
    project = (change.get("project") or "").strip()
    if project and project.upper() != "X":
        problems.append(messages.cannot_be_found("Project", project))
    if "branchNumber" in change:
        code = (change["branchNumber"] or "").strip()
        if code and not find_by_code(session, Branch, Branch.branch_cd, company_id, code):
            problems.append(messages.cannot_be_found("Branch", code))
        line.branch_cd = code or _main_branch(session, company_id)
    for wire, attr, label in (("description", "description", "Description"), ("uom", "uom", "UoM")):
        if wire in change:
            text = (change[wire] or "").strip() or None
            problem = fits_column(CashTransactionLine.__table__.c[attr], text, label)
            problems += [problem] if problem else []
            setattr(line, attr, text)
    _apply_amounts(line, change)
    if "offsetAccount" in change:
        code = (change["offsetAccount"] or "").strip()
        account = find_by_code(session, Account, Account.account_cd, company_id, code) if code else None
        if code and account is None:
            problems.append(messages.cannot_be_found("Offset account", code))
        line.offset_account = account
    subaccount, found = subaccount_from_segments(rule, change.get("offsetSubaccount"), line.offset_subaccount)
    if not found and rule is not None:
        subaccount, found = resolve_subaccount(rule, subaccount)
    problems += found
    line.offset_subaccount = subaccount
    return problems


def _apply_amounts(line: CashTransactionLine, change: dict) -> None:
    """`amount` sent is the line's amount (the price follows it); otherwise quantity times price."""
    if "quantity" in change:
        line.quantity = change["quantity"] if change["quantity"] is not None else Decimal(1)
    if "price" in change:
        line.price = money(change["price"] or ZERO)
    if "amount" in change:
        line.amount = money(change["amount"] or ZERO)
        line.price = money(line.amount / line.quantity) if line.quantity else line.amount
    elif "quantity" in change or "price" in change:
        line.amount = money(line.quantity * line.price)


def _main_branch(session: Session, company_id: int) -> str | None:
    statement = select(Branch.branch_cd).where(Branch.company_id == company_id, Branch.main.is_(True))
    return session.scalar(statement.limit(1))


def _whole(session: Session, transaction: CashTransaction) -> list[str]:
    """What the whole transaction must be: each line's offset account given, the control total the amount
    (unless on hold), and postable as it stands."""
    problems = [
        f"{DETAILS}[{index}]: {messages.cannot_be_empty('Offset account')}"
        for index, line in enumerate(transaction.lines)
        if line.offset_account is None
    ]
    if not transaction.hold:
        problem = control_problem(transaction)
        problems += [problem] if problem else []
    if problems:
        return problems
    lines = posting_lines(transaction)
    if len(lines) < 2:
        return []
    return check_posting(
        session, company_id=transaction.company_id, module=Module.CA, period=transaction.period_id, lines=lines
    )
