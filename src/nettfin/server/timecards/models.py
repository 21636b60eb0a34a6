"""Employees and what they belong to: departments and employee classes (Visma: EP203000, EP201500,
EP202000); the company tree (EP204060): work groups, and the delegations that give a user transaction
access to the members of a group and of the groups below it; earning types (EP102000) and time cards
(EP305000) with their summary and material lines.

An employee's membership of work groups is the employee's `companyTreeInfo` (the Company Tree tab of
EP203000): `Employee.work_groups`, each line naming a group by its name, with its owner and active flags."""

from __future__ import annotations

import uuid
from datetime import datetime
from decimal import Decimal

from sqlalchemy import JSON, Boolean, ForeignKey, Index, Integer, String, UniqueConstraint, text
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..db.base import Base, Stamped, utcnow
from ..db.types import Money, UTCDateTime
from ..identity.models import User
from ..kit import events
from ..ledger.models import Account, Subaccount

Document = JSON().with_variant(JSONB(), "postgresql")


class Department(Base):
    """A department (EP201500): employees belong to one; its expense account and subaccount are where its
    expenses are recorded."""

    __tablename__ = "department"
    __table_args__ = (UniqueConstraint("company_id", "department_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    company_id: Mapped[int] = mapped_column(ForeignKey("company.id", ondelete="CASCADE"))
    department_id: Mapped[str] = mapped_column(String(10))
    public_id: Mapped[str] = mapped_column(String(36), default=lambda: str(uuid.uuid4()))
    description: Mapped[str] = mapped_column(String(60), default="")
    expense_account_id: Mapped[int | None] = mapped_column(ForeignKey("account.id"), nullable=True)
    expense_subaccount_id: Mapped[int | None] = mapped_column(ForeignKey("subaccount.id"), nullable=True)
    last_modified_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    row_version: Mapped[int] = mapped_column(Integer, default=1)

    expense_account: Mapped[Account | None] = relationship()
    expense_subaccount: Mapped[Subaccount | None] = relationship()

    __mapper_args__ = {"version_id_col": row_version}


class EmployeeClass(Base):
    __tablename__ = "employee_class"
    __table_args__ = (UniqueConstraint("company_id", "class_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    company_id: Mapped[int] = mapped_column(ForeignKey("company.id", ondelete="CASCADE"))
    class_id: Mapped[str] = mapped_column(String(10))
    description: Mapped[str] = mapped_column(String(60), default="")
    # The class's AP account (EP202000): what a released expense claim credits, the company's debt to the employee.
    payable_account_id: Mapped[int | None] = mapped_column(ForeignKey("account.id"), nullable=True)
    payable_subaccount_id: Mapped[int | None] = mapped_column(ForeignKey("subaccount.id"), nullable=True)

    payable_account: Mapped[Account | None] = relationship()
    payable_subaccount: Mapped[Subaccount | None] = relationship()


class Employee(Stamped, Base):
    __tablename__ = "employee"
    __table_args__ = (
        UniqueConstraint("company_id", "number"),
        # A user is at most one employee of a company (the time-card work will look employees up by user).
        UniqueConstraint("company_id", "user_id"),
        Index("ix_employee_company_number_id", "company_id", "number", "id"),
        Index("ix_employee_company_modified_id", "company_id", "last_modified_at", "id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    company_id: Mapped[int] = mapped_column(ForeignKey("company.id", ondelete="CASCADE"))
    number: Mapped[str] = mapped_column(String(30))
    # The contact's first, middle and last names, kept so lists need not compose it.
    name: Mapped[str] = mapped_column(String(255))
    status: Mapped[str] = mapped_column(String(20), default="Active")
    department_id: Mapped[int] = mapped_column(ForeignKey("department.id"))
    employee_class_id: Mapped[int] = mapped_column(ForeignKey("employee_class.id"))
    # Branches and work calendars are not served yet: their ids are kept as given.
    branch: Mapped[str | None] = mapped_column(String(30))
    calendar: Mapped[str | None] = mapped_column(String(10))
    contact: Mapped[dict] = mapped_column(Document, default=dict)
    address: Mapped[dict] = mapped_column(Document, default=dict)
    # companyTreeInfo: [{"workGroupID": <a WorkGroup's name>, "active", "owner"}], the employee's memberships.
    work_groups: Mapped[list] = mapped_column(Document, default=list)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("app_user.id", ondelete="SET NULL"))

    department: Mapped[Department] = relationship(lazy="joined")
    employee_class: Mapped[EmployeeClass] = relationship(lazy="joined")
    user: Mapped[User | None] = relationship(lazy="joined")


class WorkGroup(Base):
    """A group of the company tree; a group without a parent hangs under the company itself."""

    __tablename__ = "work_group"
    __table_args__ = (UniqueConstraint("company_id", "name"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    company_id: Mapped[int] = mapped_column(ForeignKey("company.id", ondelete="CASCADE"))
    # What `companyTreeInfo.workGroupID` and `workGroupDescription` name.
    name: Mapped[str] = mapped_column(String(50))
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("work_group.id"), index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class WorkGroupDelegation(Base):
    """The company tree's "=>": the user may enter time for the members of the group and of every group below it."""

    __tablename__ = "work_group_delegation"
    __table_args__ = (
        UniqueConstraint("group_id", "user_id"),
        Index("ix_work_group_delegation_company_user", "company_id", "user_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    company_id: Mapped[int] = mapped_column(ForeignKey("company.id", ondelete="CASCADE"))
    group_id: Mapped[int] = mapped_column(ForeignKey("work_group.id", ondelete="CASCADE"))
    user_id: Mapped[int] = mapped_column(ForeignKey("app_user.id", ondelete="CASCADE"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    user: Mapped[User] = relationship(lazy="joined")


class EarningType(Base):
    """A type of hour (EP102000): regular or overtime, with the multiplier applied to the employee's cost."""

    __tablename__ = "earning_type"
    __table_args__ = (UniqueConstraint("company_id", "code"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    company_id: Mapped[int] = mapped_column(ForeignKey("company.id", ondelete="CASCADE"))
    code: Mapped[str] = mapped_column(String(10))
    description: Mapped[str] = mapped_column(String(60))
    is_overtime: Mapped[bool] = mapped_column(Boolean, default=False)
    is_billable: Mapped[bool] = mapped_column(Boolean, default=False)
    is_active: Mapped[bool] = mapped_column(Boolean, default=True)
    overtime_multiplier: Mapped[Decimal] = mapped_column(Money, default=Decimal(1))
    last_modified_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


class TimeCard(Stamped, Base):
    """An employee's week (EP305000). A correction copies a released card and points at it (`original`)."""

    __tablename__ = "time_card"
    __table_args__ = (
        UniqueConstraint("company_id", "ref_nbr"),
        Index("ix_time_card_company_employee_week", "company_id", "employee_id", "week"),
        Index("ix_time_card_company_modified_id", "company_id", "last_modified_at", "id"),
        # One card per employee and week; corrections (which have an original) come on top of it.
        Index(
            "uq_time_card_employee_week_original",
            "company_id",
            "employee_id",
            "week",
            unique=True,
            sqlite_where=text("original_id IS NULL"),
            postgresql_where=text("original_id IS NULL"),
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    company_id: Mapped[int] = mapped_column(ForeignKey("company.id", ondelete="CASCADE"))
    ref_nbr: Mapped[str] = mapped_column(String(15))
    employee_id: Mapped[int] = mapped_column(ForeignKey("employee.id"))
    # The ISO week as YYYYWW (202415).
    week: Mapped[int] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(10), default="Hold")
    approval_status: Mapped[str] = mapped_column(String(30), default="New")
    approval_text: Mapped[str | None] = mapped_column(String(255))
    # The approver's employee ID, once the card has been through approval.
    approver: Mapped[str | None] = mapped_column(String(30))
    card_type: Mapped[str] = mapped_column(String(20), default="Normal")
    original_id: Mapped[int | None] = mapped_column(ForeignKey("time_card.id"))

    employee: Mapped[Employee] = relationship(lazy="joined")
    original: Mapped[TimeCard | None] = relationship(remote_side=[id], lazy="joined", join_depth=1)
    summary: Mapped[list[TimeCardSummary]] = relationship(
        back_populates="time_card",
        cascade="all, delete-orphan",
        order_by="TimeCardSummary.line_number",
        lazy="selectin",
    )
    materials: Mapped[list[TimeCardMaterial]] = relationship(
        back_populates="time_card",
        cascade="all, delete-orphan",
        order_by="TimeCardMaterial.line_number",
        lazy="selectin",
    )


class TimeCardSummary(Base):
    """A summary line: minutes per weekday of one earning type, project and task."""

    __tablename__ = "time_card_summary"
    __table_args__ = (UniqueConstraint("time_card_id", "line_number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    company_id: Mapped[int] = mapped_column(ForeignKey("company.id", ondelete="CASCADE"))
    time_card_id: Mapped[int] = mapped_column(ForeignKey("time_card.id", ondelete="CASCADE"))
    line_number: Mapped[int] = mapped_column(Integer)
    earning_type_id: Mapped[int] = mapped_column(ForeignKey("earning_type.id"))
    # The project and task codes, checked against the projects when written (projects.lookup).
    project: Mapped[str | None] = mapped_column(String(30))
    project_task: Mapped[str | None] = mapped_column(String(30))
    mon: Mapped[int] = mapped_column(Integer, default=0)
    tue: Mapped[int] = mapped_column(Integer, default=0)
    wed: Mapped[int] = mapped_column(Integer, default=0)
    thu: Mapped[int] = mapped_column(Integer, default=0)
    fri: Mapped[int] = mapped_column(Integer, default=0)
    sat: Mapped[int] = mapped_column(Integer, default=0)
    sun: Mapped[int] = mapped_column(Integer, default=0)
    invoiceable: Mapped[bool] = mapped_column(Boolean, default=False)
    description: Mapped[str | None] = mapped_column(String(255))
    last_modified_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    time_card: Mapped[TimeCard] = relationship(back_populates="summary")
    earning_type: Mapped[EarningType] = relationship(lazy="joined")


class TimeCardMaterial(Base):
    """A material line: quantities of an item per weekday."""

    __tablename__ = "time_card_material"
    __table_args__ = (UniqueConstraint("time_card_id", "line_number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    company_id: Mapped[int] = mapped_column(ForeignKey("company.id", ondelete="CASCADE"))
    time_card_id: Mapped[int] = mapped_column(ForeignKey("time_card.id", ondelete="CASCADE"))
    line_number: Mapped[int] = mapped_column(Integer)
    # The item's number, checked against the company's items (a code, as VAT categories are on items).
    item_id: Mapped[str] = mapped_column(String(30))
    description: Mapped[str | None] = mapped_column(String(255))
    uom: Mapped[str | None] = mapped_column(String(6))
    project: Mapped[str | None] = mapped_column(String(30))
    project_task: Mapped[str | None] = mapped_column(String(30))
    mon: Mapped[Decimal] = mapped_column(Money, default=Decimal(0))
    tue: Mapped[Decimal] = mapped_column(Money, default=Decimal(0))
    wed: Mapped[Decimal] = mapped_column(Money, default=Decimal(0))
    thu: Mapped[Decimal] = mapped_column(Money, default=Decimal(0))
    fri: Mapped[Decimal] = mapped_column(Money, default=Decimal(0))
    sat: Mapped[Decimal] = mapped_column(Money, default=Decimal(0))
    sun: Mapped[Decimal] = mapped_column(Money, default=Decimal(0))
    last_modified_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    time_card: Mapped[TimeCard] = relationship(back_populates="materials")


events.register(events.Source("Employee", Employee, frozenset({events.CHANGED}), key=lambda employee: employee.number))
