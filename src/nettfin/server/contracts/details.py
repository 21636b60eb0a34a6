"""A contract's items (`details`, by `contractDetailId`), through kit/lines.py's line operations: the item (a
non-stock item of the company), its included quantity and its pending prices. A template's items are a new
contract's when the body sends none."""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy.orm import Session

from ..inventory.models import STOCK_TYPES, InventoryItem
from ..kit import messages
from ..kit.checks import fits_column
from ..kit.lines import LineBook, apply_line_operations
from ..kit.records import find_by_code
from .models import ZERO, ContractDetail, CustomerContract, InvoiceType

_PRICES = {
    "included": ("included", "Included"),
    "setupPrice": ("setup_price", "Setup price"),
    "recurringPrice": ("recurring_price", "Recurring price"),
    "extraUsagePrice": ("extra_usage_price", "Extra usage price"),
    "renewalPrice": ("renewal_price", "Renewal price"),
}


def apply(session: Session, contract: CustomerContract, sent: list[dict]) -> list[str]:
    book = LineBook(
        collection="details",
        noun="contract",
        number=lambda line: line.detail_nbr,
        renumber=lambda line, number: setattr(line, "detail_nbr", number),
        create=lambda number: _new_detail(contract, number),
        remove=contract.details.remove,
        apply=lambda line, change, _place, inserting: _apply_detail(session, contract, line, change, inserting),
        session=session,
    )
    changes = [{**change, "lineNumber": change.get("contractDetailId")} for change in sent]
    for change in changes:
        change.pop("contractDetailId", None)
        if change["lineNumber"] is None:
            del change["lineNumber"]
    in_force = {d.item_id: d.item.number for d in contract.details if d.in_force}
    problems = apply_line_operations(book, contract.details, changes)
    kept = {d.item_id for d in contract.details}
    for item_id, number in in_force.items():
        if item_id not in kept and any(u.item_id == item_id and not u.billed for u in contract.usage):
            problems.append(f"The item '{number}' has usage not yet billed; it cannot be taken off the contract.")
    seen: set[int] = set()
    for detail in contract.details:
        if detail.item is not None and detail.item.id in seen:
            problems.append(f"The item '{detail.item.number}' is on the contract more than once.")
        if detail.item is not None:
            seen.add(detail.item.id)
    return problems


def from_template(contract: CustomerContract) -> None:
    for number, source in enumerate(contract.template.items, start=1):
        detail = _new_detail(contract, number)
        detail.item = source.item
        detail.description = source.item.description
        detail.invoice_type = source.invoice_type
        for attr, _label in _PRICES.values():
            setattr(detail, attr, getattr(source, attr))


def _new_detail(contract: CustomerContract, number: int) -> ContractDetail:
    detail = ContractDetail(
        detail_nbr=number,
        description="",
        invoice_type=InvoiceType.PREPAID,
        in_force=False,
        included=ZERO,
        setup_price=ZERO,
        recurring_price=ZERO,
        extra_usage_price=ZERO,
        renewal_price=ZERO,
        current_included=ZERO,
        current_setup_price=ZERO,
        current_recurring_price=ZERO,
        current_extra_usage_price=ZERO,
        current_renewal_price=ZERO,
    )
    contract.details.append(detail)
    return detail


def _apply_detail(
    session: Session, contract: CustomerContract, detail: ContractDetail, change: dict, inserting: bool
) -> list[str]:
    problems: list[str] = []
    if "itemCode" in change:
        if not inserting and detail.in_force and (change["itemCode"] or "").strip() != detail.item.number:
            problems.append("The item of a contract item in force cannot be changed; delete it and insert another.")
        else:
            problems += _item(session, contract, detail, change["itemCode"])
    elif inserting:
        problems.append(messages.cannot_be_empty("Item"))
    for wire, (attr, label) in _PRICES.items():
        if wire in change:
            value = Decimal(change[wire]) if change[wire] is not None else ZERO
            problem = fits_column(ContractDetail.__table__.c[attr], value, label)
            if value < 0:
                problems.append(f"'{label}' cannot be less than 0.")
            elif problem:
                problems.append(problem)
            else:
                setattr(detail, attr, value)
    return problems


def _item(session: Session, contract: CustomerContract, detail: ContractDetail, code) -> list[str]:
    code = (code or "").strip()
    if not code:
        return [messages.cannot_be_empty("Item")]
    item = find_by_code(session, InventoryItem, InventoryItem.number, contract.company_id, code)
    if item is None:
        return [messages.cannot_be_found("Item", code)]
    if item.item_type in STOCK_TYPES:  # the screen offers non-stock items only
        return [f"The item '{code}' is a stock item; a contract item must be a non-stock item."]
    if item.status != "Active":
        return [messages.inactive("Item", code)]
    detail.item = item
    detail.description = item.description
    return []
