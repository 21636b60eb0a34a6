"""What a project's posted journal lines come to, by the type of the account group their account is in: the
project's `assets`, `liability`, `income` and `expenses`, and a budget line's actual amount and quantity."""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ..ledger.journal import BatchStatus, JournalBatch, JournalLine
from .models import ProjectAccountGroup, ProjectAccountGroupAccount

# Account group type -> the project figure its lines make, and its sign (debit - credit, or the reverse).
FIGURES = {"Asset": ("assets", 1), "Liability": ("liability", -1), "Income": ("income", -1), "Expense": ("expenses", 1)}


def posted_by_group(session: Session, project_ids: list[int]):
    """(project, task, account group, its type, debit, credit, quantity) of the projects' posted lines."""
    statement = (
        select(
            JournalLine.project_id,
            JournalLine.project_task_id,
            ProjectAccountGroup.id,
            ProjectAccountGroup.group_type,
            func.sum(JournalLine.debit),
            func.sum(JournalLine.credit),
            func.sum(JournalLine.quantity),
        )
        .join(JournalBatch, JournalBatch.id == JournalLine.batch_id)
        .join(ProjectAccountGroupAccount, ProjectAccountGroupAccount.account_id == JournalLine.account_id)
        .join(ProjectAccountGroup, ProjectAccountGroup.id == ProjectAccountGroupAccount.group_id)
        .where(JournalLine.project_id.in_(project_ids), JournalBatch.status == BatchStatus.POSTED)
        .group_by(
            JournalLine.project_id, JournalLine.project_task_id, ProjectAccountGroup.id, ProjectAccountGroup.group_type
        )
    )
    return session.execute(statement).all()


def signed(group_type: str, debit: Decimal, credit: Decimal) -> Decimal:
    sign = FIGURES.get(group_type, ("", 1))[1]
    return (debit - credit) * sign


def load_figures(session: Session, projects: list) -> None:
    """Set each project's `figures` ({"assets": ..., ...}) from its posted lines."""
    totals: dict[int, dict[str, Decimal]] = defaultdict(lambda: defaultdict(Decimal))
    if projects:
        for project_id, _task, _group, group_type, debit, credit, _quantity in posted_by_group(
            session, [p.id for p in projects]
        ):
            if group_type in FIGURES:
                totals[project_id][FIGURES[group_type][0]] += signed(group_type, debit or 0, credit or 0)
    for project in projects:
        figures = totals.get(project.id, {})
        project.figures = {name: float(figures.get(name, Decimal(0))) for name, _sign in FIGURES.values()}
