"""Budgets (GL302010) as the API serves them: budget articles, each an amount for a branch, a budget ledger, a
financial year, an account and a subaccount, distributed over the year's periods.

- A write names its article by `branchNumber` (the main branch when left out), `ledger`, `financialYear`,
  `account` and `subaccount` (the SUBACCOUNT dimension's defaults for segments left out): POST enters a new
  one, PUT changes the one named. Each must exist; the ledger must be a budget ledger; the year must have
  financial periods.
- The article has a row per period of its year. `periods` sets amounts by `periodId` (`PP` or `YYYYPP` of the
  year; `operation: Delete` puts a period back to 0). `amount` sent without `periods` is spread evenly over the
  year's periods (the last takes the øre left over); `periods` sent without `amount` make the amount their sum;
  both sent are kept as sent, so `distributedAmount` (the periods' sum) may differ from `amount`, as in the
  window.
- Every problem is reported at once, nothing written when there is one. Budgets are not released: `released`
  is false and `releasedAmount` 0 (docs/compatibility.md, "Budgets").
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..db.base import utcnow
from ..db.engine import Database
from ..kit import messages
from ..kit.changes import bump_version
from ..kit.checks import fits_column
from ..kit.conditions import DateCondition
from ..kit.errors import BusinessError, NotFound, PreconditionFailed, record_errors
from ..kit.records import find_by_code
from ..kit.responses import check_if_match
from ..kit.wire import LineOperation
from ..organisation.models import Branch
from ..tax.determination import OERE, ROUNDING_RULE
from .company_ledgers import BalanceType, find_ledger
from .line_subaccounts import ensure_subaccounts, resolve_subaccount, subaccount_from_segments
from .models import Account, BudgetArticle, BudgetPeriodAmount, FinancialPeriod, Ledger, Subaccount
from .subaccounts import dimension_rule

RESOURCE = "budget"
ENTITY, RECORD = "budget", "Budget"
ZERO = Decimal(0)
_YEAR = re.compile(r"^\d{4}$")
_PERIOD = re.compile(r"^(\d{4})?(\d{2})$")


@dataclass(frozen=True)
class BudgetFilters:
    branch: str
    ledger: str
    financial_year: str
    subaccount: str | None = None
    released: bool | None = None
    account_after: str | None = None
    modified: DateCondition | None = None


@dataclass(frozen=True)
class ArticleKey:
    """What names an article, resolved."""

    branch: Branch
    ledger: Ledger
    year: int
    account: Account
    subaccount: Subaccount | None


def list_budgets(db: Database, *, company_id: int, filters: BudgetFilters) -> list[BudgetArticle]:
    with db.reading() as session:
        branch = _branch(session, company_id, filters.branch)
        ledger = find_ledger(session, company_id, filters.ledger)
        problems = []
        if branch is None:
            problems.append(f"The value '{filters.branch}' of parameter 'branch' is not a branch of the company.")
        if ledger is None:
            problems.append(f"The value '{filters.ledger}' of parameter 'ledger' is not a ledger of the company.")
        if not _YEAR.match(filters.financial_year.strip()):
            problems.append(
                f"The value '{filters.financial_year}' of parameter 'financialYear' is not a year: write it as 2026."
            )
        if problems:
            raise BusinessError(" ".join(problems))
        if filters.released:
            return []
        conditions = [
            BudgetArticle.company_id == company_id,
            BudgetArticle.branch_id == branch.id,
            BudgetArticle.ledger_id == ledger.id,
            BudgetArticle.financial_year == int(filters.financial_year),
        ]
        if filters.subaccount:
            conditions.append(BudgetArticle.subaccount.has(Subaccount.subaccount_cd == filters.subaccount.strip()))
        if filters.account_after:
            conditions.append(BudgetArticle.account.has(Account.account_cd > filters.account_after.strip()))
        if filters.modified:
            conditions.append(filters.modified.apply(BudgetArticle.last_modified_at))
        statement = (
            select(BudgetArticle)
            .join(BudgetArticle.account)
            .where(*conditions)
            .order_by(Account.account_cd, BudgetArticle.id)
        )
        articles = list(session.scalars(statement).unique())
        for article in articles:
            article.branch_reading = branch
        return articles


def create_budget(db: Database, *, company_id: int, changes: dict) -> BudgetArticle:
    with db.writing() as session:
        return enter_budget(session, company_id, changes)


def enter_budget(session: Session, company_id: int, changes: dict) -> BudgetArticle:
    """A new article from a write body's changes, in the caller's transaction (the demo seeds with it)."""
    key, problems = _key(session, company_id, changes)
    if key is not None and _find(session, company_id, key) is not None:
        problems.append(
            f"A budget article for account {key.account.account_cd} already exists in ledger "
            f"{key.ledger.ledger_cd}, {key.year}, branch {key.branch.branch_cd}; change it with PUT."
        )
    if problems:
        raise record_errors(action="inserting", entity=ENTITY, record=RECORD, errors=problems)
    article = BudgetArticle(
        company_id=company_id,
        branch_id=key.branch.id,
        ledger=key.ledger,
        financial_year=key.year,
        account=key.account,
        subaccount=key.subaccount,
        description=key.account.description,
        amount=ZERO,
        periods=[BudgetPeriodAmount(period_id=p, amount=ZERO) for p in _year_periods(session, company_id, key.year)],
    )
    problems = _apply(article, changes)
    if problems:
        raise record_errors(action="inserting", entity=ENTITY, record=RECORD, errors=problems)
    article.created_at = article.last_modified_at = utcnow()
    session.add(article)
    session.flush()
    article.branch_reading = key.branch
    bump_version(session, company_id=company_id, resource=RESOURCE)
    return article


def update_budget(db: Database, *, company_id: int, changes: dict, if_match: str | None) -> BudgetArticle:
    with db.writing() as session:
        key, problems = _key(session, company_id, changes)
        article = None if problems else _find(session, company_id, key, for_update=True)
        if article is None and if_match is not None:
            # No current article: an If-Match cannot match it (RFC 9110: 412 before anything else).
            raise PreconditionFailed("The budget article the body names does not exist (If-Match).")
        if problems:
            raise record_errors(action="updating", entity=ENTITY, record=RECORD, errors=problems)
        if article is None:
            raise NotFound(
                f"Budget article for account {key.account.account_cd} in ledger {key.ledger.ledger_cd}, {key.year}, "
                f"branch {key.branch.branch_cd} not found."
            )
        check_if_match(if_match, article.row_version)
        problems = _apply(article, changes)
        if problems:
            raise record_errors(action="updating", entity=ENTITY, record=RECORD, errors=problems)
        article.last_modified_at = utcnow()
        session.flush()
        article.branch_reading = key.branch
        bump_version(session, company_id=company_id, resource=RESOURCE)
        return article


# --- the article's key --------------------------------------------------------------------------------------


def _key(session: Session, company_id: int, changes: dict) -> tuple[ArticleKey | None, list[str]]:
    problems: list[str] = []
    branch_cd = (changes.get("branchNumber") or "").strip()
    branch = _branch(session, company_id, branch_cd) if branch_cd else _main_branch(session, company_id)
    if branch is None:
        problems.append(messages.cannot_be_found("Branch", branch_cd))
    ledger_cd = (changes.get("ledger") or "").strip()
    ledger = find_ledger(session, company_id, ledger_cd) if ledger_cd else None
    if not ledger_cd:
        problems.append(messages.cannot_be_empty("Ledger"))
    elif ledger is None:
        problems.append(messages.cannot_be_found("Ledger", ledger_cd))
    elif ledger.balance_type != BalanceType.BUDGET:
        problems.append(
            f"'Ledger': {ledger.ledger_cd} is not a budget ledger (its balance type is {ledger.balance_type})."
        )
    year_text = (changes.get("financialYear") or "").strip()
    year = int(year_text) if _YEAR.match(year_text) else None
    if not year_text:
        problems.append(messages.cannot_be_empty("Financial year"))
    elif year is None:
        problems.append(f"'Financial year' '{year_text}' is not a year: write it as 2026.")
    elif not _year_periods(session, company_id, year):
        problems.append(messages.cannot_be_found("Financial year", year_text))
    account_cd = (changes.get("account") or "").strip()
    account = find_by_code(session, Account, Account.account_cd, company_id, account_cd) if account_cd else None
    if not account_cd:
        problems.append(messages.cannot_be_empty("Account"))
    elif account is None:
        problems.append(messages.cannot_be_found("Account", account_cd))
    subaccount, found = _subaccount(session, company_id, changes.get("subaccount"))
    problems += found
    if problems:
        return None, problems
    return ArticleKey(branch, ledger, year, account, subaccount), []


def _subaccount(session: Session, company_id: int, segments: Sequence[dict] | None) -> tuple[Subaccount | None, list]:
    rule = dimension_rule(session, company_id, with_combinations=True)
    number, problems = subaccount_from_segments(rule, segments)
    if problems:
        return None, problems
    number, problems = resolve_subaccount(rule, number)
    if problems or number is None:
        return None, problems
    return ensure_subaccounts(session, company_id, {number})[number], []


def _branch(session: Session, company_id: int, code: str) -> Branch | None:
    return find_by_code(session, Branch, Branch.branch_cd, company_id, code.strip())


def _main_branch(session: Session, company_id: int) -> Branch | None:
    statement = select(Branch).where(Branch.company_id == company_id, Branch.main.is_(True))
    return session.scalar(statement.limit(1))


def _year_periods(session: Session, company_id: int, year: int) -> list[str]:
    statement = (
        select(FinancialPeriod.period_id)
        .where(FinancialPeriod.company_id == company_id, FinancialPeriod.year == year)
        .order_by(FinancialPeriod.period_id)
    )
    return list(session.scalars(statement))


def _find(session: Session, company_id: int, key: ArticleKey, *, for_update: bool = False) -> BudgetArticle | None:
    subaccount = (
        BudgetArticle.subaccount_id == key.subaccount.id
        if key.subaccount is not None
        else BudgetArticle.subaccount_id.is_(None)
    )
    statement = select(BudgetArticle).where(
        BudgetArticle.company_id == company_id,
        BudgetArticle.branch_id == key.branch.id,
        BudgetArticle.ledger_id == key.ledger.id,
        BudgetArticle.financial_year == key.year,
        BudgetArticle.account_id == key.account.id,
        subaccount,
    )
    if for_update:
        statement = statement.with_for_update(of=BudgetArticle)
    return session.scalar(statement)


# --- amounts ------------------------------------------------------------------------------------------------


def _apply(article: BudgetArticle, changes: dict) -> list[str]:
    problems: list[str] = []
    if "description" in changes:
        text = (changes["description"] or "").strip() or article.account.description
        problem = fits_column(BudgetArticle.__table__.c.description, text, "Description")
        problems += [problem] if problem else []
        article.description = text
    sent = changes.get("periods")
    if sent:
        problems += _apply_periods(article, sent)
    if "amount" in changes:
        article.amount = _money(changes["amount"] or ZERO)
        if not sent:
            _spread(article)
    elif sent:
        article.amount = distributed(article)
    return problems


def _apply_periods(article: BudgetArticle, sent: list[dict]) -> list[str]:
    problems = []
    by_period = {row.period_id: row for row in article.periods}
    for index, change in enumerate(sent):
        where = f"periods[{index}]: "
        given = (change.get("periodId") or "").strip()
        period = _period_id(article.financial_year, given)
        row = by_period.get(period) if period else None
        if row is None:
            problems.append(
                where
                + (
                    f"'Period' '{given}' is not a period of {article.financial_year}: write it as PP or "
                    f"{article.financial_year}PP."
                    if given
                    else messages.cannot_be_empty("Period")
                )
            )
            continue
        if change.get("operation") == LineOperation.Delete:
            row.amount = ZERO
        elif "amount" in change:
            row.amount = _money(change["amount"] or ZERO)
    return problems


def _period_id(year: int, given: str) -> str | None:
    match = _PERIOD.match(given)
    if match is None or (match.group(1) and int(match.group(1)) != year):
        return None
    return f"{year}{match.group(2)}"


def _spread(article: BudgetArticle) -> None:
    rows = article.periods
    if not rows:
        return
    share = _money(article.amount / len(rows))
    for row in rows:
        row.amount = share
    rows[-1].amount = article.amount - share * (len(rows) - 1)


def distributed(article: BudgetArticle) -> Decimal:
    return sum((row.amount for row in article.periods), ZERO)


def _money(value: Decimal) -> Decimal:
    return value.quantize(OERE, rounding=ROUNDING_RULE)
