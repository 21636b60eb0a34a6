"""Every customer ledger document in one list (`/v1/customerdocument`, `/v1/customer/{customerCd}/document`):
the customer documents' table (invoices, debit and credit notes, credit write-offs, and any other type entered in
it) and the customer payments' (payments, prepayments), as `CustomerDocumentDto`.

The filters are the customer invoice list's. On payments they apply as the payment list applies them (`status`,
`customer`, `financialPeriod` on the application period, `documentDate` on the application date, `released` and
the window); filters on what payments have not (`branch`, `project`, references, due date, closed period)
select documents only. A payment of type `CreditNote` is a credit note's application, not a document of its own:
the credit note is listed, its application is not. A page is taken over both tables in reference number order
(then documents before payments, then row id); `totalCount` counts both.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import func, literal_column, select, union_all
from sqlalchemy.orm import Session

from ..db.engine import Database
from ..kit.document_shapes import party_location
from ..kit.paging import Page, PageResult
from ..kit.render import format_datetime
from ..ledger.models import Account
from ..ledger.references import account_ref
from .document_models import CustomerInvoice, CustomerPayment
from .invoice_release import customer_ledger_account
from .invoices import InvoiceFilters
from .models import Customer
from .note_applications import PAYMENT_TYPE as APPLICATION_TYPE

_ZERO = Decimal("0.0000")
PAYMENT_TYPES = ("Payment", "Prepayment", "VoidPayment", "Refund")
_DOCUMENT, _PAYMENT = 1, 2


@dataclass(frozen=True)
class Found:
    rows: list
    account: Account | None
    result: PageResult


def list_documents(db: Database, *, company_id: int, filters: InvoiceFilters, page: Page) -> Found:
    with db.reading() as session:
        documents, payments = _selects(company_id, filters)
        selects = [s for s in (documents, payments) if s is not None]
        both = (union_all(*selects) if len(selects) > 1 else selects[0]).subquery()
        total = session.scalar(select(func.count()).select_from(both))
        keys = session.execute(
            select(both.c.source, both.c.row_id)
            .order_by(both.c.number, both.c.source, both.c.row_id)
            .limit(page.size)
            .offset(page.offset)
        ).all()
        rows = _load(session, keys)
        account = customer_ledger_account(session, company_id)
        return Found(rows, account, PageResult(rows, total, page.max_size))


def _selects(company_id: int, filters: InvoiceFilters):
    kind = filters.document_type
    documents = _keys(_DOCUMENT, CustomerInvoice).where(
        CustomerInvoice.company_id == company_id, *dataclasses.replace(filters, document_type=None).conditions()
    )
    if kind:
        documents = None if kind in PAYMENT_TYPES else documents.where(CustomerInvoice.document_type == kind)
    payments = None
    documents_only = (
        filters.branch,
        filters.project,
        filters.external_reference,
        filters.payment_reference,
        filters.customer_ref_number,
        filters.closed_period,
        filters.due_date,
    )
    if not any(documents_only) and (not kind or kind in PAYMENT_TYPES):
        payments = _keys(_PAYMENT, CustomerPayment).where(
            CustomerPayment.company_id == company_id,
            CustomerPayment.payment_type != APPLICATION_TYPE,
            *_payment_conditions(filters),
        )
        if kind:
            payments = payments.where(CustomerPayment.payment_type == kind)
    if documents is None and payments is None:
        documents = _keys(_DOCUMENT, CustomerInvoice).where(CustomerInvoice.id.is_(None))
    return documents, payments


def _keys(source: int, model):
    return select(
        literal_column(str(source)).label("source"), model.id.label("row_id"), model.reference_number.label("number")
    )


def _payment_conditions(filters: InvoiceFilters) -> list:
    found = []
    if filters.status:
        found.append(CustomerPayment.status == filters.status)
    if filters.customer:
        found.append(CustomerPayment.customer.has(Customer.number == filters.customer))
    if filters.financial_period:
        found.append(CustomerPayment.application_period == filters.financial_period)
    if filters.document_date:
        found.append(filters.document_date.apply(CustomerPayment.application_date))
    if filters.released is not None:
        found.append(CustomerPayment.released.is_(filters.released))
    return found + filters.window.conditions(
        CustomerPayment.reference_number, CustomerPayment.last_modified_at, CustomerPayment.created_at
    )


def _load(session: Session, keys) -> list:
    """The page's documents and payments, in the page's order."""
    document_ids = [row_id for source, row_id in keys if source == _DOCUMENT]
    payment_ids = [row_id for source, row_id in keys if source == _PAYMENT]
    documents = {
        d.id: d for d in session.scalars(select(CustomerInvoice).where(CustomerInvoice.id.in_(document_ids))).unique()
    }
    payments = {
        p.id: p for p in session.scalars(select(CustomerPayment).where(CustomerPayment.id.in_(payment_ids))).unique()
    }
    return [documents[row_id] if source == _DOCUMENT else payments[row_id] for source, row_id in keys]


# --- rendering ----------------------------------------------------------------------------------------------


def document_dto(row, account: Account | None) -> dict:
    """A document or payment as `CustomerDocumentDto` (the credit write-off's DTO has the same members)."""
    if isinstance(row, CustomerPayment):
        return _payment_dto(row, account)
    d: CustomerInvoice = row
    return {
        "documentDueDate": format_datetime(d.due_date or d.document_date),
        "branch": _branch(d.branch),
        "customer": _customer(d.customer),
        "documentType": d.document_type,
        "referenceNumber": d.reference_number,
        "postPeriod": d.post_period,
        "financialPeriod": d.financial_period,
        "closedFinancialPeriod": d.closed_period,
        "documentDate": format_datetime(d.document_date),
        "origInvoiceDate": format_datetime(d.orig_invoice_date or d.document_date),
        "status": d.status,
        "currencyId": d.currency_id,
        "amount": d.amount,
        "amountInCurrency": d.amount,
        "balance": d.balance,
        "balanceInCurrency": d.balance,
        "cashDiscount": _ZERO,
        "cashDiscountInCurrency": _ZERO,
        "paymentMethod": {"id": d.payment_method_id} if d.payment_method_id else None,
        "customerRefNumber": d.customer_ref_number,
        "invoiceText": d.invoice_text,
        "lastModifiedDateTime": format_datetime(d.last_modified_at),
        "createdDateTime": format_datetime(d.created_at),
        "note": d.note,
        "vatTotal": d.vat_total,
        "vatTotalInCurrency": d.vat_total,
        "location": party_location(d.customer, d.location_id),
        "branchNumber": _branch(d.branch),
        "cashAccount": d.cash_account,
        "project": {"internalId": 0, "id": d.project} if d.project else None,
        "account": account_ref(account, with_codes=True) if d.released else None,
        "customerProject": d.customer_project,
    }


def _payment_dto(p: CustomerPayment, account: Account | None) -> dict:
    return {
        "documentDueDate": format_datetime(p.application_date),
        "customer": _customer(p.customer),
        "documentType": p.payment_type,
        "referenceNumber": p.reference_number,
        "postPeriod": p.application_period,
        "financialPeriod": p.application_period,
        "documentDate": format_datetime(p.application_date),
        "origInvoiceDate": format_datetime(p.application_date),
        "status": p.status,
        "currencyId": p.currency_id,
        "amount": p.payment_amount,
        "amountInCurrency": p.payment_amount,
        "balance": p.available_balance,
        "balanceInCurrency": p.available_balance,
        "cashDiscount": _ZERO,
        "cashDiscountInCurrency": _ZERO,
        "paymentMethod": {"id": p.payment_method} if p.payment_method else None,
        "customerRefNumber": p.payment_ref,
        "invoiceText": p.invoice_text,
        "lastModifiedDateTime": format_datetime(p.last_modified_at),
        "createdDateTime": format_datetime(p.created_at),
        "vatTotal": _ZERO,
        "vatTotalInCurrency": _ZERO,
        "location": party_location(p.customer, p.location),
        "cashAccount": p.cash_account,
        "account": account_ref(account, with_codes=True) if p.released else None,
    }


def _customer(customer: Customer) -> dict:
    return {"number": customer.number, "name": customer.name}


def _branch(number: str | None) -> dict | None:
    return {"number": number} if number else None
