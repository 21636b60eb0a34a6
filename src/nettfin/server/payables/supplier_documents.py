"""Every supplier document in one list (`/v1/supplierdocument`, `/v1/supplier/{supplierNumber}/document`):
the supplier invoices' table (Invoice, CreditAdj, DebitAdj, Prepayment) and the supplier payments' (Payment,
which the DTO names `Check`, and the other payment types), as `SupplierDocumentDto`.

The filters are the supplier invoice list's, applied to payments as the supplier payment list applies them
(`dueDate` and `docDate` on the application date, `balance` on the unapplied balance); `project` and `item` name
document lines, which payments have not, so they select invoices only. A page is taken over both tables in
reference number order (then invoices before payments, then row id), and totalCount counts both.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import func, literal_column, select, union_all
from sqlalchemy.orm import Session, selectinload

from ..db.engine import Database
from ..kit.document_shapes import party_location, party_ref
from ..kit.paging import Page, PageResult
from ..kit.render import format_date, format_datetime, time_stamp
from ..ledger.period_ids import as_month_year
from ..ledger.references import account_ref, subaccount_ref
from ..ledger.subaccounts import SegmentNames, segment_names
from .document_filters import InvoiceFilters, PaymentFilters
from .document_models import SupplierDocument, SupplierPayment
from .payments import PaymentSummary

_ZERO = Decimal("0.0000")
# The list filter's document type -> (the invoice types, the payment types) it selects.
TYPES: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "Invoice": (("Invoice",), ()),
    "CreditAdj": (("CreditAdj",), ()),
    "DebitAdj": (("DebitAdj",), ("DebitAdj",)),
    "Prepayment": (("Prepayment",), ("Prepayment",)),
    "Refund": ((), ("Refund",)),
    "Payment": ((), ("Payment",)),
}
# A payment's type -> the DTO's document type (the service's own names for payments).
PAYMENT_DOCUMENT_TYPES = {"Payment": "Check", "VoidPayment": "VoidCheck", "VoidRefund": "VoidCheck"}
# The page query's `source` column: which table a row is of (a constant, not a bound parameter).
_INVOICE, _PAYMENT = 1, 2


@dataclass(frozen=True)
class Found:
    rows: list
    names: SegmentNames
    result: PageResult


def list_documents(db: Database, *, company_id: int, filters: InvoiceFilters, page: Page) -> Found:
    with db.reading() as session:
        invoices, payments = _selects(company_id, filters)
        selects = [s for s in (invoices, payments) if s is not None]
        both = (union_all(*selects) if len(selects) > 1 else selects[0]).subquery()
        total = session.scalar(select(func.count()).select_from(both))
        keys = session.execute(
            select(both.c.source, both.c.row_id)
            .order_by(both.c.number, both.c.source, both.c.row_id)
            .limit(page.size)
            .offset(page.offset)
        ).all()
        rows = _load(session, keys)
        return Found(rows, segment_names(session, company_id), PageResult(rows, total, page.max_size))


def _selects(company_id: int, filters: InvoiceFilters):
    """The invoices' and the payments' (source, row id, number) under the filters; None: none of that table."""
    invoice_types, payment_types = TYPES[filters.document_type] if filters.document_type else (None, None)
    invoices = _keys(_INVOICE, SupplierDocument).where(
        SupplierDocument.company_id == company_id, *dataclasses.replace(filters, document_type=None).conditions()
    )
    if invoice_types is not None:
        invoices = invoices.where(SupplierDocument.document_type.in_(invoice_types)) if invoice_types else None
    payments = None
    if not (filters.project or filters.item) and payment_types != ():
        payments = _keys(_PAYMENT, SupplierPayment).where(
            SupplierPayment.company_id == company_id, *_payment_conditions(filters)
        )
        if payment_types is not None:
            payments = payments.where(SupplierPayment.payment_type.in_(payment_types))
    if invoices is None and payments is None:
        # Nothing can match: an empty select keeps the query's shape.
        invoices = _keys(_INVOICE, SupplierDocument).where(SupplierDocument.id.is_(None))
    return invoices, payments


def _keys(source: int, model):
    return select(
        literal_column(str(source)).label("source"), model.id.label("row_id"), model.reference_number.label("number")
    )


def _payment_conditions(filters: InvoiceFilters) -> list:
    found = PaymentFilters(
        status=filters.status,
        supplier=filters.supplier,
        branch=filters.branch,
        financial_period=filters.financial_period,
        doc_date=filters.doc_date,
        due_date=filters.due_date,
        balance=filters.balance,
        window=filters.window,
    ).conditions()
    if filters.released is not None:
        found.append(SupplierPayment.released.is_(filters.released))
    if filters.window.created:
        found.append(filters.window.created.apply(SupplierPayment.created_at))
    return found


def _load(session: Session, keys) -> list:
    """The page's invoices and payments, in the page's order."""
    invoice_ids = [row_id for source, row_id in keys if source == _INVOICE]
    payment_ids = [row_id for source, row_id in keys if source == _PAYMENT]
    invoices = {
        d.id: d
        for d in session.scalars(
            select(SupplierDocument)
            .where(SupplierDocument.id.in_(invoice_ids))
            .options(selectinload(SupplierDocument.ap_account), selectinload(SupplierDocument.ap_subaccount))
        ).unique()
    }
    payments = {
        p.id: p
        for p in session.scalars(
            select(SupplierPayment)
            .where(SupplierPayment.id.in_(payment_ids))
            .options(selectinload(SupplierPayment.lines), selectinload(SupplierPayment.ap_account))
        ).unique()
    }
    return [invoices[row_id] if source == _INVOICE else payments[row_id] for source, row_id in keys]


# --- rendering ----------------------------------------------------------------------------------------------


def document_dto(row, names: SegmentNames, *, with_note: bool) -> dict:
    if isinstance(row, SupplierPayment):
        return _payment_dto(row)
    d: SupplierDocument = row
    return {
        "account": account_ref(d.ap_account, with_codes=True),
        "subaccount": subaccount_ref(d.ap_subaccount, names),
        "amount": d.amount_cur,
        "amountInCurrency": d.amount_cur,
        **_common(d, d.supplier),
        "documentType": d.document_type,
        "postPeriod": as_month_year(d.period_id),
        "financialPeriod": d.period_id,
        "date": format_date(d.date),
        "origInvoiceDate": format_date(d.orig_invoice_date),
        "dueDate": format_date(d.due_date),
        "approvalStatus": "New",
        "status": d.status,
        "currencyId": d.currency_id,
        "balance": d.balance,
        "balanceInCurrency": d.balance_cur,
        "cashDiscount": _ZERO,
        "cashDiscountInCurrency": _ZERO,
        "paymentMethod": {"id": d.payment_method} if d.payment_method else None,
        "supplierReference": d.supplier_reference,
        "description": d.description,
        "createdDateTime": format_datetime(d.created_at),
        "lastModifiedDateTime": format_datetime(d.last_modified_at),
        "note": d.note if with_note else None,
        "closedFinancialPeriod": d.closed_period_id,
        "location": party_location(d.supplier, d.location_id),
        "vatTotal": d.vat_total,
        "vatTotalInCurrency": d.vat_total_cur,
        "branchNumber": _branch(d.branch_number),
        "payDate": format_date(d.pay_date),
        "paymentMessage": d.payment_message,
        "cashAccount": d.cash_account,
        "timeStamp": time_stamp(d.row_version),
    }


def _payment_dto(p: SupplierPayment) -> dict:
    balance = PaymentSummary.of(p).balance
    return {
        "account": account_ref(p.ap_account, with_codes=True),
        "amount": p.payment_amount,
        "amountInCurrency": p.payment_amount,
        **_common(p, p.supplier),
        "documentType": PAYMENT_DOCUMENT_TYPES.get(p.payment_type, p.payment_type),
        "postPeriod": as_month_year(p.period_id),
        "financialPeriod": p.period_id,
        "date": format_date(p.application_date),
        "status": p.status,
        "currencyId": p.currency_id,
        "balance": balance,
        "balanceInCurrency": balance,
        "cashDiscount": _ZERO,
        "cashDiscountInCurrency": _ZERO,
        "paymentMethod": {"id": p.payment_method} if p.payment_method else None,
        "supplierReference": p.payment_ref,
        "description": p.description,
        "createdDateTime": format_datetime(p.created_at),
        "lastModifiedDateTime": format_datetime(p.last_modified_at),
        "location": party_location(p.supplier, p.location_id),
        "vatTotal": _ZERO,
        "vatTotalInCurrency": _ZERO,
        "branchNumber": _branch(p.branch_number),
        "cashAccount": p.cash_account,
        "timeStamp": time_stamp(p.row_version),
    }


def _common(row, supplier) -> dict:
    return {
        "branch": _branch(row.branch_number),
        "supplier": party_ref(supplier),
        "referenceNumber": row.reference_number,
    }


def _branch(number: str | None) -> dict | None:
    return {"number": number} if number else None
