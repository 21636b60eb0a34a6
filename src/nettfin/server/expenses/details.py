"""An expense detail's members and amounts: what a receipt body and a claim's `details` set alike.

The amounts: a body's `totalAmount` (receipts) is the receipt's amount, VAT included, and sets the unit cost
(amount / quantity); otherwise the amount is quantity x unit cost, to the øre. The claim amount is the amount
less the employee's part (which may not exceed it). The VAT the claim amount contains is extracted at the rate of
the VAT ID the detail's VAT category gives an expense (an input VAT ID that is not reverse charge, with a rate on
the detail's date; docs/compatibility.md, "Expense claims").

The GL account: the one the body names, else the expense item's expense account, else the employee's
department's; the subaccount likewise, from the body, else the department's.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy.orm import Session

from ..documents.lines import HUNDRED, LineLedger, calendar_day, money
from ..inventory.models import InventoryItem
from ..kit import messages
from ..kit.checks import fits_column
from ..kit.records import apply_scalars, find_by_code
from ..ledger.models import Account
from ..tax.determination import GROUP_TYPE, DocumentKind
from ..tax.models import VatCategory
from ..tax.service import load_vat_setup
from .models import ZERO, ExpenseDetail

# Wire name (the claim detail's) -> (column, label in messages, value when cleared).
_SCALARS = {
    "description": ("description", "Description", None),
    "uom": ("uom", "UoM", None),
    "invoiceable": ("invoiceable", "Invoiceable", False),
    "project": ("project", "Project", None),
    "projectTask": ("project_task", "Project task", None),
    "branch": ("branch", "Branch", None),
    "refNbr": ("reference", "Ref. no.", None),
}
_AMOUNTS = {
    "quantity": ("quantity", "Quantity"),
    "unitCost": ("unit_cost", "Unit cost"),
    "totalAmount": ("total_amount", "Amount"),
    "employeePart": ("employee_part", "Employee part"),
}
_NOT_NEGATIVE = {
    "quantity": "Quantity",
    "unitCost": "Unit cost",
    "totalAmount": "Amount",
    "employeePart": "Employee part",
}


@dataclass(frozen=True)
class Vatted:
    """The VAT ID an expense of a VAT category gets (None: no VAT), and its rate."""

    vat_id: str | None
    rate: Decimal


def apply_detail(session: Session, ledger: LineLedger, detail: ExpenseDetail, change: dict) -> list[str]:
    """Apply a change (in the claim detail's names; `subaccountNumber` for a receipt's `expenseSub`) to the
    detail; every problem, naming the field."""
    problems = [
        f"'{label}' cannot be less than 0."
        for wire, label in _NOT_NEGATIVE.items()
        if change.get(wire) is not None and change[wire] < 0
    ]
    table = ExpenseDetail.__table__
    problems += [
        problem
        for wire, (column, label) in _AMOUNTS.items()
        if (problem := fits_column(table.c[column], change.get(wire), label))
    ]
    problems += apply_scalars(detail, change, _SCALARS)
    if "date" in change:
        detail.date = calendar_day(change["date"])
    if detail.date is None:
        problems.append(messages.cannot_be_empty("Date"))
    if "expenseItem" in change:
        problems += _apply_item(session, ledger, detail, change)
    if "taxCategory" in change:
        problems += _apply_category(session, detail, change["taxCategory"])
    if "expenseAccount" in change:
        problems += _apply_account(ledger, detail, change["expenseAccount"])
    if "expenseSubaccount" in change:
        problems += ledger.apply_segments(detail, change["expenseSubaccount"])
    if "subaccountNumber" in change:
        problems += _apply_subaccount_number(ledger, detail, change["subaccountNumber"])
    if problems:
        return problems
    return _amounts(detail, change)


def _apply_item(session: Session, ledger: LineLedger, detail: ExpenseDetail, change: dict) -> list[str]:
    """The expense item, and what it gives a detail that does not say otherwise: unit, description, unit cost,
    VAT category and expense account."""
    code = (change["expenseItem"] or "").strip()
    if not code:
        detail.item = None
        return []
    item = find_by_code(session, InventoryItem, InventoryItem.number, detail.company_id, code)
    if item is None:
        return [messages.cannot_be_found("Expense item", code)]
    detail.item = item
    if "uom" not in change:
        detail.uom = item.purchase_unit or item.base_unit
    if "description" not in change and not detail.description:
        detail.description = item.description
    if "unitCost" not in change and "totalAmount" not in change and not detail.unit_cost:
        detail.unit_cost = item.current_cost or ZERO
    if "taxCategory" not in change:
        detail.tax_category = item.vat_category_code
    account = (item.accounts or {}).get("expenseAccount")
    if "expenseAccount" not in change and account:
        return ledger.set_account(detail, account)
    return []


def _apply_category(session: Session, detail: ExpenseDetail, sent: str | None) -> list[str]:
    code = (sent or "").strip() or None
    if code and find_by_code(session, VatCategory, VatCategory.category_id, detail.company_id, code) is None:
        return [messages.cannot_be_found("VAT category", code)]
    detail.tax_category = code
    return []


def _apply_account(ledger: LineLedger, detail: ExpenseDetail, sent: str | None) -> list[str]:
    code = (sent or "").strip() or None
    too_long = fits_column(Account.__table__.c.account_cd, code, "Expense account")
    if too_long:
        return [too_long]
    detail.account = ledger.account(code) if code else None
    return [messages.cannot_be_found("Expense account", code)] if code and detail.account is None else []


def _apply_subaccount_number(ledger: LineLedger, detail: ExpenseDetail, sent: str | None) -> list[str]:
    """A receipt's `expenseSub`: the subaccount's number, its segment values joined by `-` (`20-000`)."""
    number = (sent or "").strip()
    if not number:
        return ledger.apply_segments(detail, None)
    segments = [{"segmentId": index, "segmentValue": value} for index, value in enumerate(number.split("-"), 1)]
    return [f"Expense sub.: {problem}" for problem in ledger.apply_segments(detail, segments)]


def _amounts(detail: ExpenseDetail, change: dict) -> list[str]:
    if change.get("quantity") is not None:
        detail.quantity = change["quantity"]
    if change.get("unitCost") is not None:
        detail.unit_cost = change["unitCost"]
    if change.get("totalAmount") is not None:
        detail.total_amount = money(change["totalAmount"])
        if detail.quantity:
            detail.unit_cost = detail.total_amount / detail.quantity
    else:
        total = money((detail.quantity or ZERO) * (detail.unit_cost or ZERO))
        too_large = fits_column(ExpenseDetail.__table__.c.total_amount, total, "Amount")
        if too_large:
            return [too_large]
        detail.total_amount = total
    if change.get("employeePart") is not None:
        detail.employee_part = money(change["employeePart"])
    if detail.employee_part > detail.total_amount:
        return [
            f"'Employee part' ({detail.employee_part:.2f}) cannot be greater than the amount "
            f"({detail.total_amount:.2f})."
        ]
    detail.claim_amount = detail.total_amount - detail.employee_part
    return []


def settle(session: Session, detail: ExpenseDetail, department_account, department_subaccount) -> list[str]:
    """What a detail is once its body is applied: its expense account (else the department's), its VAT. Every
    problem."""
    if detail.account is None:
        detail.account = department_account
        if detail.subaccount is None:
            detail.subaccount = department_subaccount
    if detail.account is None:
        return [
            f"{messages.cannot_be_empty('Expense account')} Name one, or give the expense item or the employee's "
            "department an expense account."
        ]
    vatted = expense_vat(session, detail)
    if isinstance(vatted, str):
        return [vatted]
    detail.vat_id = vatted.vat_id
    detail.tax_amount = money(detail.claim_amount * vatted.rate / (HUNDRED + vatted.rate)) if vatted.vat_id else ZERO
    return []


def expense_vat(session: Session, detail: ExpenseDetail) -> Vatted | str:
    """The input VAT ID of the detail's VAT category in force on its date (reverse-charge ones aside); no VAT
    without a category or when the category has none; a problem when it has more than one."""
    if not detail.tax_category:
        return Vatted(None, ZERO)
    setup = load_vat_setup(session, detail.company_id)
    category = setup.categories.get(detail.tax_category)
    if category is None:
        return messages.cannot_be_found("VAT category", detail.tax_category)
    day = detail.date.date()
    fitting = []
    for vat_id in sorted(category.vat_ids):
        rule = setup.vats.get(vat_id)
        revision = rule.revision_on(day) if rule is not None else None
        if revision is not None and revision.group_type == GROUP_TYPE[DocumentKind.PURCHASE] and not rule.reverse:
            fitting.append((vat_id, revision.rate))
    if not fitting:
        return Vatted(None, ZERO)
    if len(fitting) > 1:
        ids = ", ".join(vat_id for vat_id, _ in fitting)
        return f"VAT category '{detail.tax_category}' gives an expense more than one VAT ID ({ids}) on that date."
    return Vatted(*fitting[0])
