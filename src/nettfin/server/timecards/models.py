"""Employees and what they belong to: departments and employee classes (Visma: EP203000, EP201500,
EP202000). Time cards and the company tree come later; an employee's work groups are kept for them."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, ForeignKey, Index, Integer, String, UniqueConstraint
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..db.base import Base, utcnow
from ..db.types import UTCDateTime
from ..identity.models import User

Document = JSON().with_variant(JSONB(), "postgresql")


class Department(Base):
    __tablename__ = "department"
    __table_args__ = (UniqueConstraint("company_id", "department_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    company_id: Mapped[int] = mapped_column(ForeignKey("company.id", ondelete="CASCADE"))
    department_id: Mapped[str] = mapped_column(String(10))
    description: Mapped[str] = mapped_column(String(60), default="")


class EmployeeClass(Base):
    __tablename__ = "employee_class"
    __table_args__ = (UniqueConstraint("company_id", "class_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    company_id: Mapped[int] = mapped_column(ForeignKey("company.id", ondelete="CASCADE"))
    class_id: Mapped[str] = mapped_column(String(10))
    description: Mapped[str] = mapped_column(String(60), default="")


class Employee(Base):
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
    # companyTreeInfo as sent: [{"workGroupID", "active", "owner"}]; the company tree's rules come later.
    work_groups: Mapped[list] = mapped_column(Document, default=list)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("app_user.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    last_modified_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    row_version: Mapped[int] = mapped_column(Integer, default=1)

    department: Mapped[Department] = relationship(lazy="joined")
    employee_class: Mapped[EmployeeClass] = relationship(lazy="joined")
    user: Mapped[User | None] = relationship(lazy="joined")

    __mapper_args__ = {"version_id_col": row_version}
