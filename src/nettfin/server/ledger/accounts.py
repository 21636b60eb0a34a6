"""Chart of accounts use cases (GL202500): list, read, create and update, with the service's wording."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from ..db.base import utcnow
from ..db.engine import Database
from ..kit.changes import bump_version
from ..kit.checks import fits_column
from ..kit.conditions import DateCondition
from ..kit.errors import NotFound, record_errors
from ..kit.responses import check_if_match
from ..tax.models import VatCategory
from .models import Account, AccountClass
from .schemas import AccountUpdateDto

RESOURCE = "account"
POST_OPTIONS = ("Summary", "Detail")
_CURRENCY = re.compile(r"^[A-Z]{3}$")

# Wire name -> (column attribute, the label the service uses in messages, value when cleared).
_SCALARS: dict[str, tuple[str, str, Any]] = {
    "active": ("active", "Active", True),
    "analysisCode": ("analysis_code", "Analysis code", None),
    "currency": ("currency", "Currency", None),
    "description": ("description", "Description", None),
    "extenalCode1": ("external_code1", "External code 1", None),
    "externalCode2": ("external_code2", "External code 2", None),
    "accountGroupCD": ("account_group_cd", "Account group", None),
    "postOption": ("post_option", "Post option", "Summary"),
    "publicCode1": ("public_code1", "Public code 1", None),
    "type": ("type", "Type", None),
    "useDefaultSub": ("use_default_sub", "Use default sub", False),
    "taxCategory": ("tax_category", "VAT category", None),
}


@dataclass(frozen=True)
class AccountFilters:
    active: bool | None = None
    greater_than: str | None = None
    public_code: str | None = None
    external_code1: str | None = None
    external_code2: str | None = None
    analysis_code: str | None = None
    modified: DateCondition | None = None

    def conditions(self) -> list:
        found = []
        if self.active is not None:
            found.append(Account.active.is_(self.active))
        if self.greater_than:
            found.append(Account.account_cd > self.greater_than)
        for value, column in (
            (self.public_code, Account.public_code1),
            (self.external_code1, Account.external_code1),
            (self.external_code2, Account.external_code2),
            (self.analysis_code, Account.analysis_code),
        ):
            if value:
                found.append(column == value)
        if self.modified:
            found.append(self.modified.apply(Account.last_modified_at))
        return found


def list_accounts(db: Database, *, company_id: int, filters: AccountFilters) -> list[Account]:
    """The whole chart matching the filters, by account number (the endpoint is not paged)."""
    with db.reading() as session:
        statement = (
            select(Account)
            .where(Account.company_id == company_id, *filters.conditions())
            .order_by(Account.account_cd, Account.id)
        )
        return list(session.scalars(statement).unique())


def get_account(db: Database, *, company_id: int, account_cd: str) -> Account:
    with db.reading() as session:
        return _find(session, company_id, account_cd)


def create_account(db: Database, *, company_id: int, dto: AccountUpdateDto) -> Account:
    changes = dto.changes()
    with db.writing() as session:
        account = Account(company_id=company_id, active=True, post_option="Summary")
        problems = _assign_number(session, account, changes)
        problems += _apply(session, account, changes, inserting=True)
        if problems:
            raise record_errors(action="inserting", entity="account", record="Account", errors=problems)
        account.last_modified_at = utcnow()
        session.add(account)
        try:
            session.flush()
        except IntegrityError:
            # Another transaction took the same number between our check and our insert.
            raise record_errors(
                action="inserting", entity="account", record="Account", errors=[_duplicate(account.account_cd)]
            ) from None
        bump_version(session, company_id=company_id, resource=RESOURCE)
        return _find(session, company_id, account.account_cd)


def update_account(
    db: Database, *, company_id: int, account_cd: str, dto: AccountUpdateDto, if_match: str | None
) -> tuple[Account, list[str]]:
    """The updated account, and the request fields the service ignored (a different accountCD)."""
    changes = dto.changes()
    with db.writing() as session:
        account = _find(session, company_id, account_cd, for_update=True)
        check_if_match(if_match, account.row_version)
        ignored = ["accountCD"] if changes.get("accountCD") not in (None, account.account_cd) else []
        # The record holds the request's values until they are checked: no lookup may flush them first.
        with session.no_autoflush:
            problems = _apply(session, account, changes, inserting=False)
        if problems:
            raise record_errors(action="updating", entity="account", record="Account", errors=problems)
        account.last_modified_at = utcnow()
        bump_version(session, company_id=company_id, resource=RESOURCE)
        session.flush()
        return _find(session, company_id, account.account_cd), ignored


def find_account(session: Session, company_id: int, account_cd: str) -> Account | None:
    statement = select(Account).where(Account.company_id == company_id, Account.account_cd == account_cd)
    return session.scalars(statement).unique().first()


def _find(session: Session, company_id: int, account_cd: str, *, for_update: bool = False) -> Account:
    statement = select(Account).where(Account.company_id == company_id, Account.account_cd == account_cd)
    if for_update:
        statement = statement.with_for_update(of=Account)
    account = session.scalars(statement).unique().first()
    if account is None:
        raise NotFound(f"Account '{account_cd}' not found.")
    return account


def _duplicate(account_cd: str) -> str:
    return f"'Account' '{account_cd}' already exists."


def _assign_number(session: Session, account: Account, changes: dict) -> list[str]:
    given = (changes.get("accountCD") or "").strip()
    if not given:
        return ["'Account' cannot be empty."]
    account.account_cd = given
    problem = fits_column(Account.__table__.c.account_cd, given, "Account")
    if problem:
        return [problem]
    if find_account(session, account.company_id, given) is not None:
        return [_duplicate(given)]
    return []


def _apply(session: Session, account: Account, changes: dict, *, inserting: bool) -> list[str]:
    """Apply a PATCH to the account; returns every problem found (nothing is kept when there is one)."""
    problems: list[str] = []
    for wire, (attr, label, cleared) in _SCALARS.items():
        if wire not in changes:
            continue
        value = changes[wire]
        if isinstance(value, str):
            value = value.strip() or None
        if hasattr(value, "value"):
            value = value.value
        problem = fits_column(Account.__table__.c[attr], value, label)
        if problem:
            problems.append(problem)
            continue
        setattr(account, attr, cleared if value is None else value)
    if "accountClass" in changes:
        problems += _apply_class(session, account, changes)
    problems += _check_values(session, account)
    return problems


def _apply_class(session: Session, account: Account, changes: dict) -> list[str]:
    """An account class is optional; its type is the account's when the request gives none."""
    class_id = (changes["accountClass"] or "").strip()
    if not class_id:
        account.account_class = None
        return []
    found = session.scalars(
        select(AccountClass).where(AccountClass.company_id == account.company_id, AccountClass.class_id == class_id)
    ).first()
    if found is None:
        return [f"Account class '{class_id}' cannot be found in the system."]
    account.account_class = found
    if "type" not in changes:
        account.type = found.type
    return []


def _check_values(session: Session, account: Account) -> list[str]:
    problems = []
    if not account.type:
        problems.append("'Type' cannot be empty.")
    if not account.description:
        problems.append("'Description' cannot be empty.")
    if account.currency is not None and not _CURRENCY.match(account.currency):
        problems.append(f"Currency '{account.currency}' cannot be found in the system.")
    option = {o.casefold(): o for o in POST_OPTIONS}.get((account.post_option or "").casefold())
    if option is None:
        problems.append(f"'Post option' must be Summary or Detail, got '{account.post_option}'.")
    else:
        account.post_option = option
    if account.tax_category is not None and not _vat_category_exists(session, account):
        problems.append(f"VAT category '{account.tax_category}' cannot be found in the system.")
    return problems


def _vat_category_exists(session: Session, account: Account) -> bool:
    statement = select(VatCategory.id).where(
        VatCategory.company_id == account.company_id, VatCategory.category_id == account.tax_category
    )
    return session.scalar(statement) is not None
