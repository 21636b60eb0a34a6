"""The demo's projects: account groups over its chart, two active projects with tasks, and a budget."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..kit.changes import bump_version
from ..ledger.journal import LedgerHistory
from ..projects.models import Project, ProjectBudget, ProjectTask
from ..projects.service import add_account_group
from ..projects.transactions import post_transaction

# (ID, description, type, GL accounts)
ACCOUNT_GROUPS = (
    ("EXPENSE", "Kostnader", "Expense", ["4000", "6300", "6800"]),
    ("INCOME", "Inntekter", "Income", ["3000"]),
)
# (ID, description, tasks as (ID, description))
PROJECTS = (
    ("PRJ1", "Nytt kontor", (("T1", "Planlegging"), ("T2", "Flytting"))),
    ("PRJ2", "Nettbutikk", (("T1", "Design"), ("T2", "Utvikling"), ("T3", "Lansering"))),
)


def seed_projects(session: Session, company_id: int) -> None:
    groups = {
        code: add_account_group(session, company_id, code, description, kind, accounts)
        for code, description, kind, accounts in ACCOUNT_GROUPS
    }
    projects = []
    for code, description, tasks in PROJECTS:
        project = Project(
            company_id=company_id,
            project_cd=code,
            description=description,
            status="Active",
            start_date=date(2019, 1, 1),
            tasks=[
                ProjectTask(company_id=company_id, task_cd=task, description=text, status="Active")
                for task, text in tasks
            ],
        )
        session.add(project)
        projects.append(project)
    session.flush()
    first = projects[0]
    for task, group, amount in ((first.tasks[0], "EXPENSE", "20000"), (first.tasks[1], "EXPENSE", "50000")):
        session.add(
            ProjectBudget(
                company_id=company_id,
                project=first,
                task=task,
                account_group=groups[group],
                inventory_number="",
                description=task.description,
                original_budget_amount=Decimal(amount),
                revised_budget_amount=Decimal(amount),
            )
        )
    for resource in ("project", "project_budget"):
        bump_version(session, company_id=company_id, resource=resource)
    session.flush()


def seed_project_transactions(session: Session, company_id: int) -> None:
    """A consultant's hours on the office project's planning, paid from the bank: after the supplier documents, so
    their batch numbers stay theirs."""
    line = {
        "date": datetime(2019, 11, 15, tzinfo=UTC),
        "description": "Konsulent, planlegging",
        "amount": Decimal("12500"),
        "quantity": Decimal("10"),
        "uom": "TIME",
        "debitAccount": "6800",
        "debitSubaccount": "00-000",
        "creditAccount": "1920",
        "creditSubaccount": "00-000",
        "project": "PRJ1",
        "projectTask": "T1",
    }
    batch = post_transaction(session, company_id, "Konsulentbistand nytt kontor", [line])
    # The seed's moment, not the clock's, so two seeds render the same bytes.
    moment = datetime(2019, 11, 15, 16, 0, tzinfo=UTC)
    batch.created_at = batch.last_modified_at = batch.posted_at = moment
    for history in session.scalars(
        select(LedgerHistory).where(LedgerHistory.company_id == company_id, LedgerHistory.last_modified_at > moment)
    ):
        history.last_modified_at = moment
