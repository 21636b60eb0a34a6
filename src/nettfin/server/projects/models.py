"""Projects (Visma: PM301000), their tasks (PM302000), account groups (PM201000) and budget lines (the project's
Budget tab).

An account group gathers GL accounts (`ProjectAccountGroupAccount`: an account is in one group at most) under a
type (Expense, Income, Asset, Liability): a project's figures and its budget lines' actual amounts are the posted
journal lines of the project whose account is in a group, by the group. Journal lines name their project and
task by row id (`journal_line.project_id`, `project_task_id`), so a project whose ID changes keeps its lines."""

from __future__ import annotations

import uuid
from datetime import date
from decimal import Decimal

from sqlalchemy import JSON, Boolean, Date, ForeignKey, String, UniqueConstraint
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..db.base import Base, Stamped
from ..db.types import Money
from ..kit import events
from ..ledger.journal import JournalLine
from ..ledger.models import Account
from ..receivables.models import Customer

Document = JSON().with_variant(JSONB(), "postgresql")


class Project(Stamped, Base):
    __tablename__ = "project"
    __table_args__ = (UniqueConstraint("company_id", "project_cd"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    company_id: Mapped[int] = mapped_column(ForeignKey("company.id", ondelete="CASCADE"))
    project_cd: Mapped[str] = mapped_column(String(30))
    public_id: Mapped[str] = mapped_column(String(36), default=lambda: str(uuid.uuid4()))
    description: Mapped[str] = mapped_column(String(255), default="")
    customer_id: Mapped[int | None] = mapped_column(ForeignKey("customer.id"), nullable=True)
    hold: Mapped[bool] = mapped_column(Boolean, default=False)
    status: Mapped[str] = mapped_column(String(20), default="Planned")
    start_date: Mapped[date | None] = mapped_column(Date, nullable=True)
    end_date: Mapped[date | None] = mapped_column(Date, nullable=True)
    restrict_employees: Mapped[bool] = mapped_column(Boolean, default=False)
    restrict_equipment: Mapped[bool] = mapped_column(Boolean, default=False)
    billing_period: Mapped[str | None] = mapped_column(String(20), nullable=True)
    auto_allocate: Mapped[bool] = mapped_column(Boolean, default=False)
    automatic_release_ar: Mapped[bool] = mapped_column(Boolean, default=False)
    # The modules that see the project: {"visibleInGl": true, ...}; a module not named sees it.
    visibility: Mapped[dict | None] = mapped_column(Document, nullable=True)
    note: Mapped[str | None] = mapped_column(String(4000), nullable=True)

    customer: Mapped[Customer | None] = relationship()
    tasks: Mapped[list[ProjectTask]] = relationship(
        back_populates="project", cascade="all, delete-orphan", order_by="ProjectTask.task_cd"
    )


class ProjectTask(Stamped, Base):
    __tablename__ = "project_task"
    __table_args__ = (UniqueConstraint("project_id", "task_cd"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    company_id: Mapped[int] = mapped_column(ForeignKey("company.id", ondelete="CASCADE"))
    project_id: Mapped[int] = mapped_column(ForeignKey("project.id", ondelete="CASCADE"))
    task_cd: Mapped[str] = mapped_column(String(30))
    description: Mapped[str] = mapped_column(String(255), default="")
    planned_start: Mapped[date | None] = mapped_column(Date, nullable=True)
    planned_end: Mapped[date | None] = mapped_column(Date, nullable=True)
    start_date: Mapped[date | None] = mapped_column(Date, nullable=True)
    end_date: Mapped[date | None] = mapped_column(Date, nullable=True)
    status: Mapped[str] = mapped_column(String(20), default="Planned")
    restrict_employees: Mapped[bool] = mapped_column(Boolean, default=False)
    visibility: Mapped[dict | None] = mapped_column(Document, nullable=True)

    project: Mapped[Project] = relationship(back_populates="tasks")


class ProjectAccountGroup(Stamped, Base):
    __tablename__ = "project_account_group"
    __table_args__ = (UniqueConstraint("company_id", "group_cd"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    company_id: Mapped[int] = mapped_column(ForeignKey("company.id", ondelete="CASCADE"))
    group_cd: Mapped[str] = mapped_column(String(30))
    description: Mapped[str] = mapped_column(String(255), default="")
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    # Expense, Income, Asset or Liability: which of a project's figures its accounts' amounts make.
    group_type: Mapped[str] = mapped_column(String(20), default="Expense")

    accounts: Mapped[list[ProjectAccountGroupAccount]] = relationship(
        back_populates="group", cascade="all, delete-orphan"
    )


class ProjectAccountGroupAccount(Base):
    """A GL account in an account group (one group per account)."""

    __tablename__ = "project_account_group_account"
    __table_args__ = (UniqueConstraint("company_id", "account_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    company_id: Mapped[int] = mapped_column(ForeignKey("company.id", ondelete="CASCADE"))
    group_id: Mapped[int] = mapped_column(ForeignKey("project_account_group.id", ondelete="CASCADE"))
    account_id: Mapped[int] = mapped_column(ForeignKey("account.id", ondelete="CASCADE"))

    group: Mapped[ProjectAccountGroup] = relationship(back_populates="accounts")
    account: Mapped[Account] = relationship()


class ProjectBudget(Stamped, Base):
    """A budget line: a project's amounts and quantities for one task and account group (and item)."""

    __tablename__ = "project_budget"
    __table_args__ = (
        UniqueConstraint(
            "project_id", "task_id", "account_group_id", "inventory_number", name="uq_project_budget_line"
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    company_id: Mapped[int] = mapped_column(ForeignKey("company.id", ondelete="CASCADE"))
    project_id: Mapped[int] = mapped_column(ForeignKey("project.id", ondelete="CASCADE"))
    task_id: Mapped[int] = mapped_column(ForeignKey("project_task.id", ondelete="CASCADE"))
    account_group_id: Mapped[int] = mapped_column(ForeignKey("project_account_group.id"))
    # The item's number, or "" for a line of no item (the key's part, so never null).
    inventory_number: Mapped[str] = mapped_column(String(30), default="")
    description: Mapped[str | None] = mapped_column(String(255), nullable=True)
    uom: Mapped[str | None] = mapped_column(String(6), nullable=True)
    rate: Mapped[Decimal] = mapped_column(Money, default=Decimal(0))
    original_budget_qty: Mapped[Decimal] = mapped_column(Money, default=Decimal(0))
    original_budget_amount: Mapped[Decimal] = mapped_column(Money, default=Decimal(0))
    revised_budget_qty: Mapped[Decimal] = mapped_column(Money, default=Decimal(0))
    revised_budget_amount: Mapped[Decimal] = mapped_column(Money, default=Decimal(0))

    project: Mapped[Project] = relationship()
    task: Mapped[ProjectTask] = relationship()
    account_group: Mapped[ProjectAccountGroup] = relationship()


# A journal line's project and task, as the ledger's line renderers and project transactions read them.
JournalLine.project = relationship(Project, lazy="joined", foreign_keys=[JournalLine.project_id])
JournalLine.project_task = relationship(ProjectTask, lazy="joined", foreign_keys=[JournalLine.project_task_id])

PM_TASK_UPDATED = "PMTask Updated"
events.register(events.Source("Project", Project, frozenset({events.CHANGED}), key=lambda project: project.project_cd))
events.register(
    events.Source(
        "PM Project",
        Project,
        frozenset({events.ACTION_TRIGGERED, events.CREATED, events.UPDATED}),
        key=lambda project: project.project_cd,
    )
)
events.register(
    events.Source(
        "PM Project",
        ProjectTask,
        frozenset({PM_TASK_UPDATED}),
        key=lambda task: task.project.project_cd,
        details=lambda task: {"taskId": task.task_cd},
        child_event=PM_TASK_UPDATED,
    )
)
