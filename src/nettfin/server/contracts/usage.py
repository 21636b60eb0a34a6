"""Contract usage (CT303000): the quantities of a contract's items used, recorded as transactions by
`transactionNumber`, one `/contractUsage` element per contract. Usage is recorded on an active contract (or one
pending an upgrade) for one of its items; billing marks it billed, and billed usage cannot be changed."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from sqlalchemy.orm import Session

from ..db.base import utcnow
from ..db.engine import Database
from ..inventory.models import InventoryItem
from ..kit import messages
from ..kit.checks import fits_column
from ..kit.errors import BusinessError, record_errors
from ..kit.lines import LineBook, apply_line_operations
from ..kit.records import find_by_code
from ..kit.responses import check_if_match
from .billing import BILLABLE
from .models import ContractUsage, CustomerContract
from .service import ContractFilters, Window, find_contract, list_contracts, touch

ENTITY = "contract usage"
RECORD = "ContractUsage"


def list_usage(db: Database, *, company_id: int, filters: ContractFilters, window: Window) -> list[CustomerContract]:
    return list_contracts(db, company_id=company_id, filters=filters, window=window)


def update_usage(
    db: Database, *, company_id: int, contract_cd: str, lines: list[dict], if_match: str | None
) -> CustomerContract:
    with db.writing() as session:
        contract = find_contract(session, company_id, contract_cd, for_update=True)
        check_if_match(if_match, contract.row_version)
        record_usage(session, contract, lines)
        return contract


def record_usage(session: Session, contract: CustomerContract, lines: list[dict]) -> None:
    """`update_usage` in the caller's transaction, on a contract it has locked (the demo records its usage so)."""
    if lines and contract.status not in BILLABLE:
        raise BusinessError(
            f"Usage can be recorded only on an Active contract (or one InUpgrade); contract {contract.contract_cd} "
            f"is {contract.status}."
        )
    with session.no_autoflush:
        problems = _apply(session, contract, lines)
    if problems:
        raise record_errors(action="updating", entity=ENTITY, record=RECORD, errors=problems)
    touch(session, contract)


def _apply(session: Session, contract: CustomerContract, sent: list[dict]) -> list[str]:
    billed = {u.transaction_nbr for u in contract.usage if u.billed}
    problems: list[str] = []
    changes = []
    for index, change in enumerate(sent):
        number = change.get("transactionNumber")
        if number in billed and change.get("operation") != "Insert":
            problems.append(f"lines[{index}]: The transaction {number} is billed and cannot be changed.")
            continue
        change = {k: v for k, v in change.items() if k != "transactionNumber"}
        if number is not None:
            change["lineNumber"] = number
        changes.append(change)

    def remove(usage: ContractUsage) -> None:
        contract.usage.remove(usage)

    book = LineBook(
        collection="lines",
        noun="contract usage",
        number=lambda u: u.transaction_nbr,
        renumber=lambda u, number: setattr(u, "transaction_nbr", number),
        create=lambda number: _new(contract, number),
        remove=remove,
        apply=lambda u, change, _place, inserting: _apply_line(session, contract, u, change, inserting),
        session=session,
    )
    problems += apply_line_operations(book, contract.usage, changes)
    return problems


def _new(contract: CustomerContract, number: int) -> ContractUsage:
    usage = ContractUsage(transaction_nbr=number, description="", billed=False, quantity=Decimal(0))
    contract.usage.append(usage)
    return usage


def _apply_line(
    session: Session, contract: CustomerContract, usage: ContractUsage, change: dict, inserting: bool
) -> list[str]:
    problems: list[str] = []
    usage.last_modified_at = utcnow()
    if "inventory" in change:
        problems += _item(session, contract, usage, change["inventory"])
    elif inserting:
        problems.append(messages.cannot_be_empty("Item"))
    for wire, attr, width in (("description", "description", 255), ("uom", "uom", 6), ("branch", "branch", 30)):
        if wire in change:
            value = (change[wire] or "").strip()
            if len(value) > width:
                problems.append(f"'{wire}' is longer than {width} characters.")
            else:
                setattr(usage, attr, value if attr == "description" else value or None)
    if "quantity" in change:
        if change["quantity"] is None or change["quantity"] <= 0:
            problems.append("'Quantity' must be greater than 0.")
        elif problem := fits_column(ContractUsage.__table__.c.quantity, change["quantity"], "Quantity"):
            problems.append(problem)
        else:
            usage.quantity = Decimal(change["quantity"])
    elif inserting:
        problems.append(messages.cannot_be_empty("Quantity"))
    if "date" in change:
        day = change["date"]
        if day is None:
            problems.append(messages.cannot_be_empty("Date"))
        else:
            usage.used_on = day.date() if isinstance(day, datetime) else day
    elif inserting:
        problems.append(messages.cannot_be_empty("Date"))
    if usage.used_on is not None and contract.activation_date and usage.used_on < contract.activation_date:
        problems.append(
            f"'Date' ({usage.used_on.isoformat()}) cannot be earlier than the contract's activation date "
            f"({contract.activation_date.isoformat()})."
        )
    return problems


def _item(session: Session, contract: CustomerContract, usage: ContractUsage, code) -> list[str]:
    code = (code or "").strip()
    if not code:
        return [messages.cannot_be_empty("Item")]
    item = find_by_code(session, InventoryItem, InventoryItem.number, contract.company_id, code)
    if item is None:
        return [messages.cannot_be_found("Item", code)]
    if not any(d.item_id == item.id and d.in_force for d in contract.details):
        return [f"The item '{code}' is not an item of contract {contract.contract_cd} in force."]
    usage.item = item
    usage.item_id = item.id
    if not usage.description:
        usage.description = item.description
    if not usage.uom:
        usage.uom = item.sales_unit
    return []
