"""Cash sales (AR304000): customer invoices paid at once. The use cases of `/v1/cashsale`.

A cash sale is a customer document of type `CashSale`: its lines, VAT, totals, number (the customer documents'
series) and periods are the invoice's (`invoices`, `invoice_lines`, `invoice_vat`). What differs:

- the money comes in as the sale is made: its release debits the cash account (the body's `cashAccount`, a GL
  account flagged as a cash account; the company's first cash account when it names none) instead of the
  customer ledger, credits revenue and VAT as an invoice does, and leaves no balance (status `Closed`);
- the real endpoint has no release action, so a cash sale is released when it is not on hold: a POST without
  `hold: true` is entered and released in one transaction, and a PUT that takes a held cash sale off hold
  (`hold: false`) releases it. A released cash sale cannot be changed (docs/compatibility.md, "Cash sales").
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from ..db.engine import Database, retrying_write
from ..kit import messages
from ..ledger.models import Account
from . import invoice_release, invoices
from .document_models import CustomerInvoice
from .payment_release import default_cash_account


def _cash_account_problems(session: Session, sale: CustomerInvoice) -> list[str]:
    """The cash account the sale is paid into: the one it names, which must be a cash account, else the
    company's first."""
    if not sale.cash_account:
        sale.cash_account = default_cash_account(session, sale.company_id)
        return [] if sale.cash_account else ["'Cash account' cannot be empty: the company has no cash account."]
    account = session.query(Account).filter_by(company_id=sale.company_id, account_cd=sale.cash_account).first()
    if account is None or not account.active:
        return [messages.cannot_be_found("Cash account", sale.cash_account)]
    if not account.cash_account:
        return [
            f"Cash account: '{sale.cash_account}' is not a cash account (a GL account flagged as cash account is "
            "accepted)."
        ]
    return []


CASH_SALES = invoices.Kind(
    "CashSale", "CashSale", "Cash sale", "CashSale", "cashSaleLines", check=_cash_account_problems
)


@retrying_write
def create_cash_sale(db: Database, *, company_id: int, changes: dict) -> tuple[CustomerInvoice, list[str]]:
    """Enter a cash sale and, unless it is on hold, release it: both or nothing."""
    with db.writing() as session:
        sale, ignored = invoices.enter_invoice(session, company_id, changes, CASH_SALES)
        if not sale.hold:
            session.flush()
            invoice_release.release(session, sale)
        return sale, ignored


@retrying_write
def update_cash_sale(
    db: Database, *, company_id: int, number: str, changes: dict, if_match: str | None
) -> tuple[CustomerInvoice, list[str]]:
    """Change an unreleased (held) cash sale; taking it off hold releases it."""
    with db.writing() as session:
        sale, ignored = invoices.amend_invoice(session, company_id, number, changes, if_match, CASH_SALES)
        if not sale.hold:
            invoice_release.release(session, sale)
        return sale, ignored
