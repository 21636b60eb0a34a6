"""The GL accounts stock movements post to, and the posting lines of a set of moved lines.

An account is found by its role: the item's own account first (`inventoryAccount`, `cogsAccount`,
`expenseAccrualAccount` for the purchase accrual), then its posting class's (the item's, else its item class's),
which names every role by the keys below. The subaccount is the item's for COGS, the dimension's default otherwise.

Usage, after `stock.engine` moved the lines of a released document::

    lines = posting_lines(moved, offset=Role.ADJUSTMENT, inbound=True, description="Receipt 000001")
    post(session, company_id=..., module=Module.IN, ..., lines=lines)
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from decimal import Decimal
from enum import StrEnum

from ..inventory.models import InventoryItem
from ..inventory.subaccounts import subaccount_number
from ..kit.errors import BusinessError
from ..ledger.posting import PostingLine
from .engine import Moved

ZERO = Decimal(0)


class Role(StrEnum):
    """What an account is for, as the posting class's `accounts` names it."""

    INVENTORY = "inventoryAccount"
    COGS = "cogsAccount"
    ADJUSTMENT = "inventoryAdjustmentAccount"
    VARIANCE = "standardCostVarianceAccount"
    ACCRUAL = "poAccrualAccount"
    # What a standard cost change revalues stock on hand against; the variance account when the class names none.
    REVALUATION = "standardCostRevaluationAccount"
    # What a supplier invoice line billing a purchase receipt line costs more (or less) than the receipt.
    PURCHASE_PRICE_VARIANCE = "purchasePriceVarianceAccount"


# The item's own account for a role, where the item DTO has one.
_ITEM_KEYS = {Role.INVENTORY: "inventoryAccount", Role.COGS: "cogsAccount", Role.ACCRUAL: "expenseAccrualAccount"}
_LABELS = {
    Role.INVENTORY: "inventory account",
    Role.COGS: "COGS account",
    Role.ADJUSTMENT: "inventory adjustment account",
    Role.VARIANCE: "standard cost variance account",
    Role.ACCRUAL: "PO accrual account",
    Role.REVALUATION: "standard cost revaluation account",
    Role.PURCHASE_PRICE_VARIANCE: "purchase price variance account",
}
# A role whose account, when none is named, is another role's.
_FALLBACK = {Role.REVALUATION: Role.VARIANCE}


class AccountMissing(BusinessError):
    pass


def account_for(item: InventoryItem, role: Role) -> str | None:
    own = (item.accounts or {}).get(_ITEM_KEYS.get(role, ""))
    if own:
        return own
    posting_class = item.posting_class or (item.item_class.posting_class if item.item_class else None)
    found = (posting_class.accounts or {}).get(role.value) if posting_class else None
    if not found and role in _FALLBACK:
        return account_for(item, _FALLBACK[role])
    return found


def missing_accounts(items: Sequence[InventoryItem], roles: Sequence[Role]) -> list[str]:
    """A problem for every item and role without an account, in the order given (each item once per role)."""
    problems, seen = [], set()
    for item in items:
        for role in roles:
            if (item.id, role) in seen or account_for(item, role):
                continue
            seen.add((item.id, role))
            problems.append(
                f"The item '{item.number}' has no {_LABELS[role]}: set it on the item or its posting class."
            )
    return problems


def require_accounts(items: Sequence[InventoryItem], roles: Sequence[Role]) -> None:
    problems = missing_accounts(items, roles)
    if problems:
        raise AccountMissing(" ".join(problems))


def posting_lines(
    moved: Sequence[Moved],
    *,
    offset: Role | Callable[[Moved], str],
    inbound: bool,
    description: str | None = None,
) -> list[PostingLine]:
    """The lines of moved stock against an offset account: inbound, the inventory account is debited with the
    value stocked and the offset credited with what it cost (the standard cost variance on its own account);
    outbound, the inventory account is credited and the offset debited. Zero amounts make no line."""
    lines: list[PostingLine] = []
    for m in moved:
        item = m.move.item
        inventory = _required(item, Role.INVENTORY)
        other = offset(m) if callable(offset) else _required(item, offset)
        sub = _subaccount(item, offset) if not callable(offset) else None
        common = {"description": description or item.description, "inventory_number": item.number}
        quantity = {"quantity": m.move.quantity, "uom": item.base_unit}
        if inbound:
            lines.append(_debit(inventory, None, m.value, **common, **quantity))
            lines.append(_credit(other, sub, m.value + m.variance, **common))
            if m.variance:
                lines.append(_debit(_required(item, Role.VARIANCE), None, m.variance, **common))
        else:
            lines.append(_credit(inventory, None, m.value, **common, **quantity))
            lines.append(_debit(other, sub, m.value, **common))
    return [line for line in lines if line.debit or line.credit]


def _required(item: InventoryItem, role: Role) -> str:
    account = account_for(item, role)
    if not account:
        raise AccountMissing(missing_accounts([item], [role])[0])
    return account


def _subaccount(item: InventoryItem, role: Role) -> str | None:
    if role == Role.COGS:
        return subaccount_number((item.subaccounts or {}).get("cogsSubaccount"))
    return None


def _debit(account: str, sub: str | None, amount: Decimal, **extra) -> PostingLine:
    if amount < 0:
        return PostingLine(account=account, subaccount=sub, credit=-amount, **extra)
    return PostingLine(account=account, subaccount=sub, debit=amount, **extra)


def _credit(account: str, sub: str | None, amount: Decimal, **extra) -> PostingLine:
    return _debit(account, sub, -amount, **extra)
