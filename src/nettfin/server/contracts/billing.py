"""Contract billing (CT501000 Run contract invoicing; CT401000 the setup and activation invoices): customer
invoices made through the receivables use cases, released when the template says so, and linked to the
contract (its `balance` is what they still owe).

What an invoice holds:
- setup (setupContract): each item's setup price, once;
- activation (activateContract): the recurring fees of the prepaid items, for the first period;
- a scheduled run on a billing date: the recurring fees of the postpaid items (the period past) and of the
  prepaid items (the period ahead), and the usage recorded up to that date beyond each item's included
  quantity at its extra usage price; the usage is marked billed and the next billing date advances;
- termination: the postpaid items' fees and the unbilled usage, nothing ahead.
A recurring fee is the recurring price times the included quantity (1 when none is included). An invoice with
no amount is not made.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import UTC, date, datetime
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..receivables import invoice_release
from ..receivables.document_models import CustomerInvoice
from ..receivables.invoices import enter_invoice
from ..receivables.models import Customer
from .models import ZERO, ContractDetail, ContractInvoice, ContractStatus, CustomerContract, InvoiceType
from .service import advance, touch

BILLABLE = (ContractStatus.ACTIVE, ContractStatus.IN_UPGRADE)


@dataclass(frozen=True)
class Billed:
    """One invoice a run made: the contract, the billing date and the invoice's reference number."""

    contract_cd: str
    billed_on: date
    reference_number: str
    amount: Decimal


def setup_lines(contract: CustomerContract, details: list[ContractDetail] | None = None) -> list[dict]:
    return [
        _line(d, Decimal(1), d.current_setup_price, "setup")
        for d in (contract.details if details is None else details)
        if d.current_setup_price > 0
    ]


def recurring_lines(contract: CustomerContract, *types: str) -> list[dict]:
    return [
        _line(d, d.current_included if d.current_included > 0 else Decimal(1), d.current_recurring_price, "recurring")
        for d in contract.details
        if d.in_force and d.invoice_type in types and d.current_recurring_price > 0
    ]


def usage_lines(contract: CustomerContract, up_to: date) -> tuple[list[dict], list]:
    """The usage beyond the included quantities up to a day, and the usage transactions it bills."""
    used: dict[int, Decimal] = defaultdict(lambda: ZERO)
    billed = [u for u in contract.usage if not u.billed and u.used_on <= up_to]
    for u in billed:
        used[u.item_id] += u.quantity
    lines = []
    for d in contract.details:
        extra = used.get(d.item_id, ZERO) - d.current_included
        if d.in_force and extra > 0 and d.current_extra_usage_price > 0:
            lines.append(_line(d, extra, d.current_extra_usage_price, "usage"))
    return lines, billed


def make_invoice(
    session: Session, contract: CustomerContract, day: date, lines: list[dict], reason: str, billed_usage=()
) -> CustomerInvoice | None:
    """The invoice of those lines on that day (None when there is nothing to bill), released if the template
    says so, linked to the contract; the usage it bills is marked billed."""
    if not lines:
        for usage in billed_usage:
            _mark(usage, None, day)
        return None
    body = {
        "customerNumber": _invoiced_customer(contract).number,
        "documentDate": datetime(day.year, day.month, day.day, tzinfo=UTC),
        "currencyId": contract.currency_id,
        "invoiceText": f"Contract {contract.contract_cd}: {reason.lower()} {day.isoformat()}",
        "invoiceLines": lines,
    }
    if contract.location:
        body["locationId"] = contract.location
    invoice, _ = enter_invoice(session, contract.company_id, body)
    if contract.template.release_invoices:
        invoice_release.release(session, invoice)
    contract.invoices.append(ContractInvoice(invoice=invoice, reason=reason, billed_on=day))
    for usage in billed_usage:
        _mark(usage, invoice, day)
    return invoice


def bill(session: Session, company_id: int, on: date) -> list[Billed]:
    """Run contract invoicing for a day: every active contract whose next billing date is on or before it is
    billed for each billing date up to it, in contract order. One transaction: a refusal writes nothing."""
    contracts = session.scalars(
        select(CustomerContract)
        .where(
            CustomerContract.company_id == company_id,
            CustomerContract.status.in_(BILLABLE),
            CustomerContract.next_invoicing_date <= on,
        )
        .order_by(CustomerContract.contract_cd)
        .with_for_update(of=CustomerContract)
    ).unique()
    made: list[Billed] = []
    for contract in contracts:
        while contract.next_invoicing_date is not None and contract.next_invoicing_date <= on:
            day = contract.next_invoicing_date
            made += bill_period(session, contract, day)
        touch(session, contract)
    return made


def bill_period(session: Session, contract: CustomerContract, day: date) -> list[Billed]:
    """One scheduled billing of a contract on its billing date; the next date follows the schedule (none past
    the expiration date)."""
    following = advance(day, contract.invoicing_period)
    if following is not None and contract.expiration_date is not None and following > contract.expiration_date:
        following = None
    kinds = (InvoiceType.POSTPAID, InvoiceType.PREPAID) if following is not None else (InvoiceType.POSTPAID,)
    usage, billed_usage = usage_lines(contract, day)
    invoice = make_invoice(session, contract, day, recurring_lines(contract, *kinds) + usage, "Recurring", billed_usage)
    contract.last_invoicing_date = day
    contract.next_invoicing_date = following
    return [Billed(contract.contract_cd, day, invoice.reference_number, invoice.amount)] if invoice else []


def final_invoice(session: Session, contract: CustomerContract, day: date) -> CustomerInvoice | None:
    """Termination's invoice: the postpaid fees and the usage not yet billed."""
    usage, billed_usage = usage_lines(contract, day)
    lines = recurring_lines(contract, InvoiceType.POSTPAID) + usage
    invoice = make_invoice(session, contract, day, lines, "Final", billed_usage)
    contract.last_invoicing_date = day
    contract.next_invoicing_date = None
    return invoice


def balance(contract: CustomerContract) -> Decimal:
    """What the contract's released invoices still owe."""
    return sum((x.invoice.balance for x in contract.invoices if x.invoice.released), ZERO)


def _invoiced_customer(contract: CustomerContract) -> Customer:
    if contract.invoice_to == "SpecificAccount" and contract.invoice_account is not None:
        return contract.invoice_account
    if contract.invoice_to == "ParentAccount" and contract.customer.parent is not None:
        return contract.customer.parent
    return contract.customer


def _line(detail: ContractDetail, quantity: Decimal, price: Decimal, what: str) -> dict:
    return {
        "inventoryNumber": detail.item.number,
        "quantity": quantity,
        "unitPriceInCurrency": price,
        "description": f"{detail.description or detail.item.description} ({what})"[:255],
    }


def _mark(usage, invoice: CustomerInvoice | None, day: date) -> None:
    usage.billed = True
    usage.invoice = invoice
    usage.billing_date = day
