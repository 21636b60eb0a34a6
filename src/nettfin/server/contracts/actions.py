"""The contract's status actions (`.../action/...`), each refused with the status it found when that status
does not allow it, writing nothing:

| action | from | to | bills |
|---|---|---|---|
| setupContract | Draft | PendingActivation | the setup fees, on the setup date |
| activateContract | PendingActivation | Active | the prepaid items' first period, on the activation date |
| setupAndActivateContract | Draft | Active | both, in one invoice |
| terminateContract | PendingActivation, Active, InUpgrade | Canceled | the postpaid fees and unbilled usage |
| upgradeContract | Active | InUpgrade | nothing: the items can be changed until the upgrade is activated |
| activateUpgrade | InUpgrade | Active | the setup fees of the items the upgrade added |
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy.orm import Session

from ..db.base import utcnow
from ..db.engine import Database, retrying_write
from ..kit.errors import BusinessError
from ..kit.responses import check_if_match
from . import billing
from .models import ContractDetail, ContractStatus, CustomerContract, InvoiceType
from .service import add_months, advance, find_contract, refuse, touch

S = ContractStatus


@retrying_write
def run(
    db: Database, *, company_id: int, contract_cd: str, action: str, day: datetime | None, if_match: str | None
) -> CustomerContract:
    with db.writing() as session:
        contract = find_contract(session, company_id, contract_cd, for_update=True)
        check_if_match(if_match, contract.row_version)
        ACTIONS[action](session, contract, day.date() if day is not None else None)
        touch(session, contract)
        return contract


def setup(session: Session, contract: CustomerContract, day: date | None) -> None:
    refuse(contract, "setupContract", (S.DRAFT,))
    _set_up(contract, day)
    billing.make_invoice(session, contract, contract.setup_date, billing.setup_lines(contract), "Setup")
    contract.status = S.PENDING_ACTIVATION


def activate(session: Session, contract: CustomerContract, day: date | None) -> None:
    refuse(contract, "activateContract", (S.PENDING_ACTIVATION,))
    _activate(contract, day)
    lines = billing.recurring_lines(contract, InvoiceType.PREPAID)
    billing.make_invoice(session, contract, contract.activation_date, lines, "Activation")


def setup_and_activate(session: Session, contract: CustomerContract, day: date | None) -> None:
    refuse(contract, "setupAndActivateContract", (S.DRAFT,))
    day = day or contract.activation_date or _today()
    _set_up(contract, None)
    _activate(contract, day)
    lines = billing.setup_lines(contract) + billing.recurring_lines(contract, InvoiceType.PREPAID)
    billing.make_invoice(session, contract, day, lines, "Activation")


def terminate(session: Session, contract: CustomerContract, day: date | None) -> None:
    refuse(contract, "terminateContract", (S.PENDING_ACTIVATION, S.ACTIVE, S.IN_UPGRADE))
    day = day or _today()
    started = contract.activation_date if contract.status != S.PENDING_ACTIVATION else contract.setup_date
    if started and day < started:
        raise BusinessError(
            f"'Termination date' ({day.isoformat()}) cannot be earlier than the contract's "
            f"{'activation' if contract.status != S.PENDING_ACTIVATION else 'setup'} date ({started.isoformat()})."
        )
    if contract.status != S.PENDING_ACTIVATION:
        billing.final_invoice(session, contract, day)
    contract.termination_date = day
    contract.next_invoicing_date = None
    contract.status = S.CANCELED


def upgrade(session: Session, contract: CustomerContract, day: date | None) -> None:
    refuse(contract, "upgradeContract", (S.ACTIVE,))
    contract.status = S.IN_UPGRADE


def activate_upgrade(session: Session, contract: CustomerContract, day: date | None) -> None:
    refuse(contract, "activateUpgrade", (S.IN_UPGRADE,))
    day = day or _today()
    if contract.activation_date and day < contract.activation_date:
        raise BusinessError(
            f"'Activation date' ({day.isoformat()}) cannot be earlier than the contract's activation date "
            f"({contract.activation_date.isoformat()})."
        )
    added = [d for d in contract.details if not d.in_force]
    for detail in contract.details:
        _make_current(detail)
    billing.make_invoice(session, contract, day, billing.setup_lines(contract, added), "Upgrade")
    contract.status = S.ACTIVE


ACTIONS = {
    "setupContract": setup,
    "activateContract": activate,
    "setupAndActivateContract": setup_and_activate,
    "terminateContract": terminate,
    "upgradeContract": upgrade,
    "activateUpgrade": activate_upgrade,
}


def _set_up(contract: CustomerContract, day: date | None) -> None:
    if not contract.details:
        raise BusinessError(f"The contract {contract.contract_cd} has no items; add at least one (details).")
    contract.setup_date = day or contract.setup_date
    for detail in contract.details:
        detail.current_setup_price = detail.setup_price


def _activate(contract: CustomerContract, day: date | None) -> None:
    day = day or contract.activation_date or _today()
    if day < contract.setup_date:
        raise BusinessError(
            f"'Activation date' ({day.isoformat()}) cannot be earlier than 'Setup date' "
            f"({contract.setup_date.isoformat()})."
        )
    contract.activation_date = day
    contract.schedule_starts_on = day
    contract.next_invoicing_date = advance(day, contract.invoicing_period)
    if contract.expiration_date is None and contract.template.duration_months:
        contract.expiration_date = add_months(day, contract.template.duration_months)
    for detail in contract.details:
        _make_current(detail)
    contract.status = S.ACTIVE


def _make_current(detail: ContractDetail) -> None:
    detail.in_force = True
    detail.current_included = detail.included
    detail.current_recurring_price = detail.recurring_price
    detail.current_extra_usage_price = detail.extra_usage_price
    detail.current_renewal_price = detail.renewal_price
    detail.current_setup_price = detail.setup_price


def _today() -> date:
    return utcnow().date()
