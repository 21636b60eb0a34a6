"""Expense claim endpoints (EP301000): HTTP only. The routes come from the declaration below
(`kit.document_routes`): list, get, create, update, delete and the actions submit, approval and hold (the real API
has no release: an approved claim is released by its approval, `claims.py`); the renderer is here."""

from __future__ import annotations

import uuid
from datetime import datetime

from fastapi import Depends, Query

from ..attachments.models import attachment_refs
from ..identity.auth import company_context
from ..kit.document_lists import ListWindow, list_window
from ..kit.document_routes import Action, DocumentKey, DocumentResource, DocumentTexts, document_router
from ..kit.render import format_datetime, time_stamp
from . import claims
from .models import ExpenseClaim, ExpenseDetail
from .schemas import (
    ClaimStatus,
    ExpenseClaimDto,
    ExpenseClaimUpdateDto,
    PutExpenseClaimOnHoldActionResultDto,
    SendExpenseClaimToApprovalActionResultDto,
    SubmitExpenseClaimActionResultDto,
)

# A detail's lineId is a Guid in the real service: derived from the detail's row, so it is stable.
LINE_ID_NAMESPACE = uuid.UUID("6e657474-6669-6e00-6578-70656e736500")


async def claim_filters(
    status: ClaimStatus | None = Query(None, description="The status of the document."),
    date: datetime | None = Query(None, description="The date of the document: claims of that day."),
    customer: str | None = Query(None, description="The customer from the document (claims name none in nettfin)."),
    departmentId: str | None = Query(None, description="Identifies the department"),
    window: ListWindow = Depends(list_window("Reference numbers", created=False)),
) -> claims.ClaimFilters:
    return claims.ClaimFilters(
        status=status.value if status else None,
        date=date,
        customer=customer,
        department=departmentId,
        window=window,
    )


class ExpenseClaims:
    """The use cases of expense claims, for the declaration below."""

    def list(self, db, *, company_id, context, filters, page, view):
        result = claims.list_claims(db, company_id=company_id, filters=filters, page=page)
        return [expense_claim_dto(claim) for claim in result.rows], result

    def get(self, db, *, company_id, context, key: DocumentKey, view):
        claim = claims.get_claim(db, company_id=company_id, ref_nbr=key.number)
        return expense_claim_dto(claim), claim.row_version

    def create(self, db, *, company_id, context, dto):
        return claims.create_claim(db, company_id=company_id, user_id=context.user_id, dto=dto)

    def update(self, db, *, company_id, context, key: DocumentKey, dto, if_match):
        return claims.update_claim(
            db, company_id=company_id, user_id=context.user_id, ref_nbr=key.number, dto=dto, if_match=if_match
        )

    def delete(self, db, *, company_id, context, key: DocumentKey):
        claims.delete_claim(db, company_id=company_id, ref_nbr=key.number)

    def action(self, name: str):
        def run(db, *, company_id, context, key: DocumentKey, if_match) -> ExpenseClaim:
            return claims.run_action(db, company_id=company_id, ref_nbr=key.number, action=name, if_match=if_match)

        return run

    def number(self, claim: ExpenseClaim) -> str:
        return claim.ref_nbr


_CLAIMS = ExpenseClaims()


def _action(name: str, summary: str, description: str, result_dto) -> Action:
    # The real actions name the key `expenseClaim` (GET, PUT and DELETE: `expenseClaimNbr`).
    return Action(
        name, summary, _CLAIMS.action(name), description=description, result_dto=result_dto, key_param="expenseClaim"
    )


EXPENSE_CLAIMS = DocumentResource(
    path="/v1/expenseClaim",
    tag="ExpenseClaim",
    key_param="expenseClaimNbr",
    key_description="Identifies the expense claim",
    documents=_CLAIMS,
    read_dto=ExpenseClaimDto,
    write_dto=ExpenseClaimUpdateDto,
    texts=DocumentTexts(
        list="Get a range of Expense Claims, a filter needs to be specified.",
        get="Get a specific Expense Claim",
        create="Create an ExpenseClaim",
        update="Update a specific ExpenseClaim",
        delete="Deletes a specific ExpenseClaim",
        list_notes="Paged: every element carries `metadata: {totalCount, maxPageSize}`.",
        create_notes=(
            "201 with an absolute Location whose last segment is the new reference number. The claim is on Hold; "
            "`claimedBy` defaults to the caller's own employee record. Each detail is an expense receipt too."
        ),
        update_notes=(
            "Only a claim on Hold can be changed. `details` follow the line operations, a detail named by its "
            "`claimDetailId`; a deleted detail stays, an open expense receipt."
        ),
    ),
    filters=claim_filters,
    max_page_size=claims.MAX_PAGE_SIZE,
    operations=frozenset({"list", "get", "create", "update", "delete"}),
    actions=(
        _action(
            "submit",
            "Submit Expense Claim operation",
            "A claim on Hold with at least one detail becomes PendingApproval.",
            SubmitExpenseClaimActionResultDto,
        ),
        _action(
            "approval",
            "Send Expense Claim to approval",
            "A claim pending approval goes to its approver in the company tree (an owner of a work group the "
            "employee is a member of, or of a group above it): approved, it is released at once and posts "
            "(Released); when the tree names nobody, it is Rejected.",
            SendExpenseClaimToApprovalActionResultDto,
        ),
        _action(
            "hold",
            "Put ExpenseClaim on hold",
            "A PendingApproval, Approved or Rejected claim goes back to Hold, to be changed.",
            PutExpenseClaimOnHoldActionResultDto,
        ),
    ),
)
(router,) = document_router(EXPENSE_CLAIMS, company_context)


def expense_claim_dto(claim: ExpenseClaim) -> dict:
    employee, department = claim.employee, claim.department
    return {
        "refNbr": claim.ref_nbr,
        "status": claim.status,
        "approvalStatus": claim.approval_status,
        "date": format_datetime(claim.date),
        "description": claim.description,
        "claimedBy": {"internalId": str(employee.id), "number": employee.number, "name": employee.name},
        "claimTotal": claim.claim_total,
        "vatTaxableTotal": claim.vat_taxable_total,
        "vatExemptTotal": claim.vat_exempt_total,
        "currency": claim.currency_id,
        "approvalDate": format_datetime(claim.approval_date),
        "department": {"id": department.department_id, "description": department.description} if department else None,
        "location": {"id": claim.location, "description": None} if claim.location else None,
        "lastModifiedDateTime": format_datetime(claim.last_modified_at),
        "details": [_detail_dto(claim, detail) for detail in sorted(claim.details, key=lambda d: d.line_number or 0)],
        "approvalStatusText": claim.approval_text,
        "timeStamp": time_stamp(claim.row_version),
        "errorInfo": None,
    }


def _detail_dto(claim: ExpenseClaim, detail: ExpenseDetail) -> dict:
    account, item = detail.account, detail.item
    return {
        "claimDetailId": detail.line_number,
        "lineId": str(uuid.uuid5(LINE_ID_NAMESPACE, str(detail.id))),
        "date": format_datetime(detail.date),
        "expenseItem": {"number": item.number, "description": item.description} if item else None,
        "description": detail.description,
        "quantity": detail.quantity,
        "uom": detail.uom,
        "unitCost": detail.unit_cost,
        "currency": detail.currency_id,
        "totalAmount": detail.total_amount,
        "invoiceable": detail.invoiceable,
        "claimAmount": detail.claim_amount,
        "amountInClaimCurr": detail.claim_amount,
        "project": _project(detail.project),
        "projectTask": _project(detail.project_task),
        "expenseAccount": {
            "type": account.type,
            "externalCode1": account.external_code1,
            "externalCode2": account.external_code2,
            "active": account.active,
            "number": account.account_cd,
            "description": account.description,
        }
        if account
        else None,
        "expenseSubaccount": subaccount_dto(detail),
        "branch": {"number": detail.branch, "name": None} if detail.branch else None,
        "taxCategory": {"number": detail.tax_category, "description": None} if detail.tax_category else None,
        "refNbr": detail.reference,
        "employeePart": detail.employee_part,
        "approvalStatus": claim.approval_status,
        "approvalStatusText": claim.approval_text,
        "approver": claim.approver,
        "attachments": attachment_refs(detail.attachments),
    }


def subaccount_dto(detail: ExpenseDetail) -> dict | None:
    subaccount = detail.subaccount
    if subaccount is None:
        return None
    return {"active": subaccount.active, "id": subaccount.subaccount_cd, "description": subaccount.description}


def _project(code: str | None) -> dict | None:
    # Projects are not served: no internalId (a .NET int that cannot be null) and no description.
    return None if code is None else {"id": code, "description": None}
