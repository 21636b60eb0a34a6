"""An employee's expense claims and receipts (`/v1/employee/{employeeCd}/expenseClaim`, `/expenseReceipt`): the
claim and receipt lists (their filters and paging) narrowed to the employee the path names (404 when there is
none)."""

from __future__ import annotations

from fastapi import APIRouter

from ..identity.auth import company_context
from ..kit.document_routes import ScopedList, scoped_list_route
from . import claims, receipts
from .claim_router import EXPENSE_CLAIMS
from .receipt_router import EXPENSE_RECEIPTS


def _scope(narrow):
    def scope(db, *, company_id: int, key: str, filters):
        claims.employee_scope(db, company_id=company_id, number=key)
        return narrow(filters, key)

    return scope


router = APIRouter(prefix="/v1/employee", tags=["Employee"])
scoped_list_route(
    EXPENSE_CLAIMS,
    company_context,
    router,
    ScopedList(
        path="/{employeeCd}/expenseClaim",
        param="employeeCd",
        summary="Get expense claims for a specific employee",
        description="The expense claim list (its filters and paging) of one employee's claims.",
        scope=_scope(claims.scoped),
    ),
)
scoped_list_route(
    EXPENSE_RECEIPTS,
    company_context,
    router,
    ScopedList(
        path="/{employeeCd}/expenseReceipt",
        param="employeeCd",
        summary="Get expense receipts for a specific employee",
        description="The expense receipt list (its filters) of one employee's receipts.",
        scope=_scope(receipts.scoped),
    ),
)
