"""Set-up the API does not write: account groups and the GL accounts in them (PM201000 in the real service;
here the demo's and the tests')."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..kit.changes import bump_version
from ..ledger.models import Account
from .models import ProjectAccountGroup, ProjectAccountGroupAccount


def add_account_group(
    session: Session, company_id: int, group_cd: str, description: str, group_type: str, accounts: list[str]
) -> ProjectAccountGroup:
    """An account group of the type (Expense, Income, Asset, Liability) over the GL accounts numbered."""
    group = ProjectAccountGroup(
        company_id=company_id, group_cd=group_cd, description=description, group_type=group_type
    )
    session.add(group)
    session.flush()
    found = session.scalars(select(Account).where(Account.company_id == company_id, Account.account_cd.in_(accounts)))
    for account in found:
        session.add(ProjectAccountGroupAccount(company_id=company_id, group_id=group.id, account_id=account.id))
    bump_version(session, company_id=company_id, resource="project_account_group")
    session.flush()
    return group
