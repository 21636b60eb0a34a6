"""The demo company's company tree and time cards, so both outcomes of the knowledge base's time card rule can be
tried at once with the printed demo token.

    Ledelse                 E001* (the demo user)
      Ansatte               E002..E010
        Administrasjon      E002*, E010        => demo user
        Salg                E003*, E004        => demo user
          Salg Nord         E009
        Lager               E005*, E006
        IT                  E007*, E008
    (* owner)

The demo user may enter time for E001 (its own record), E002, E003, E004, E009 and E010, and not for E005 to
E008: `POST /timeCard` with `employee` E004 gives 201, with E005 the article's error. Deterministic: fixed
times, and memberships written without touching the employees' lastModifiedDateTime.
"""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..identity.models import User
from ..inventory.models import InventoryItem
from ..kit.changes import bump_version
from ..kit.records import find_by_code
from ..numbering.service import create_series, pad
from ..timecards.cards import RESOURCE, SERIES
from ..timecards.earnings import earning_types, ensure_earning_types
from ..timecards.models import (
    EarningType,
    Employee,
    TimeCard,
    TimeCardMaterial,
    TimeCardSummary,
    WorkGroup,
    WorkGroupDelegation,
)

SEEDED_AT = datetime(2019, 11, 1, 8, 0, tzinfo=UTC)
# (group, parent, members with * for owners); Ledelse and Ansatte are the employees' own lines already.
_TREE = [
    ("Ledelse", None, []),
    ("Ansatte", "Ledelse", []),
    ("Administrasjon", "Ansatte", ["E002*", "E010"]),
    ("Salg", "Ansatte", ["E003*", "E004"]),
    ("Salg Nord", "Salg", ["E009"]),
    ("Lager", "Ansatte", ["E005*", "E006"]),
    ("IT", "Ansatte", ["E007*", "E008"]),
]
DELEGATED = ("Administrasjon", "Salg")
# (employee, week, status, approval status, approver, overtime minutes on Monday, material item)
_CARDS = [
    ("E001", 201945, "Released", "ApprovedInApproval", None, 0, None),
    ("E003", 201945, "Approved", "ApprovedInApproval", "E001", 60, None),
    ("E004", 201946, "Open", "SentToApproval", None, 120, "1010"),
    ("E004", 201947, "Hold", "New", None, 0, None),
    ("E005", 201946, "Hold", "New", None, 0, None),
]


def seed_time_cards(session: Session, company_id: int, *, demo_user: User) -> None:
    """The company tree above, the demo user's delegations, the standard earning types and five time cards."""
    session.flush()
    employees = {
        e.number: e for e in session.scalars(select(Employee).where(Employee.company_id == company_id)).unique()
    }
    _seed_tree(session, company_id, employees)
    for group in DELEGATED:
        group_id = session.scalar(
            select(WorkGroup.id).where(WorkGroup.company_id == company_id, WorkGroup.name == group)
        )
        session.add(
            WorkGroupDelegation(company_id=company_id, group_id=group_id, user_id=demo_user.id, created_at=SEEDED_AT)
        )
    ensure_earning_types(session, company_id=company_id, at=SEEDED_AT)
    _seed_cards(session, company_id, employees)
    bump_version(session, company_id=company_id, resource="employee")


def _seed_tree(session: Session, company_id: int, employees: dict[str, Employee]) -> None:
    ids: dict[str, int] = {}
    for name, parent, members in _TREE:
        group = WorkGroup(company_id=company_id, name=name, parent_id=ids.get(parent), created_at=SEEDED_AT)
        session.add(group)
        session.flush()
        ids[name] = group.id
        for member in members:
            employee = employees[member.rstrip("*")]
            line = {"workGroupID": name, "active": True, "owner": member.endswith("*")}
            employee.work_groups = [*(employee.work_groups or []), line]


def _seed_cards(session: Session, company_id: int, employees: dict[str, Employee]) -> None:
    types = earning_types(session, company_id)
    for index, (number, week, status, approval, approver, overtime, item) in enumerate(_CARDS, start=1):
        card = TimeCard(
            company_id=company_id,
            ref_nbr=pad(str(index)),
            employee=employees[number],
            week=week,
            status=status,
            approval_status=approval,
            approver=approver,
            approval_text=f"Approved by Demo Bruker ({approver}), owner of work group 'Ledelse'." if approver else None,
            card_type="Normal",
            created_at=SEEDED_AT,
            last_modified_at=SEEDED_AT,
        )
        weekdays = {day: 450 for day in ("mon", "tue", "wed", "thu", "fri")}
        card.summary.append(
            TimeCardSummary(
                company_id=company_id,
                line_number=1,
                earning_type=types["RG"],
                invoiceable=True,
                description="Ordinær arbeidstid",
                last_modified_at=SEEDED_AT,
                **weekdays,
            )
        )
        if overtime:
            card.summary.append(_overtime_line(company_id, types["OT"], overtime))
        if item:
            card.materials.append(_material_line(session, company_id, item))
        session.add(card)
    create_series(session, company_id=company_id, series_id=SERIES, description="Time cards", start_after=len(_CARDS))
    bump_version(session, company_id=company_id, resource=RESOURCE)


def _overtime_line(company_id: int, overtime: EarningType, minutes: int) -> TimeCardSummary:
    return TimeCardSummary(
        company_id=company_id,
        line_number=2,
        earning_type=overtime,
        invoiceable=False,
        description="Overtid, kundemøte",
        mon=minutes,
        last_modified_at=SEEDED_AT,
    )


def _material_line(session: Session, company_id: int, number: str) -> TimeCardMaterial:
    item = find_by_code(session, InventoryItem, InventoryItem.number, company_id, number)
    return TimeCardMaterial(
        company_id=company_id,
        line_number=1,
        item_id=item.number,
        description=item.description,
        uom=item.base_unit,
        mon=Decimal(2),
        wed=Decimal("1.5"),
        last_modified_at=SEEDED_AT,
    )
