"""Expense receipt endpoints (EP301010): HTTP only. The routes come from the declaration below
(`kit.document_routes`): a list that is not paged, get, create, update and delete; the renderer is here."""

from __future__ import annotations

from fastapi import Query

from ..attachments.models import attachment_refs
from ..identity.auth import company_context
from ..kit.conditions import condition_description, date_condition, value_description
from ..kit.document_routes import DocumentKey, DocumentResource, DocumentTexts, document_router
from ..kit.render import format_datetime, time_stamp
from ..timecards.employees import employee_user_id
from . import receipts
from .attachable import RECEIPTS  # noqa: F401 - registered: the receipts' upload path
from .claim_router import subaccount_dto
from .models import ExpenseDetail
from .schemas import ExpenseReceiptDto, ExpenseReceiptUpdateDto, ReceiptStatus


async def receipt_filters(
    date: str | None = Query(None, description=value_description("date", "The date of the document.")),
    dateCondition: str | None = Query(None, description=condition_description("date")),
    inventory: str | None = Query(None, description="Identifies the inventory item from the document"),
    project: str | None = Query(None, description="Identifies the project from the document"),
    claimedBy: str | None = Query(None, description="Identifies the employee from the document"),
    projectTask: str | None = Query(None, description="Filter on Task ID."),
    invoiceable: bool | None = Query(None, description="If the document is invoiceable"),
    status: ReceiptStatus | None = Query(None, description="The status of the document."),
    customer: str | None = Query(None, description="Identifies the customer (receipts name none in nettfin)."),
) -> receipts.ReceiptFilters:
    return receipts.ReceiptFilters(
        date=date_condition("date", date, dateCondition),
        inventory=inventory,
        project=project,
        employee=claimedBy,
        project_task=projectTask,
        invoiceable=invoiceable,
        status=status.value if status else None,
        customer=customer,
    )


class ExpenseReceipts:
    """The use cases of expense receipts, for the declaration below."""

    def list(self, db, *, company_id, context, filters, page, view):
        found = receipts.list_receipts(db, company_id=company_id, filters=filters)
        return [expense_receipt_dto(detail) for detail in found], None

    def get(self, db, *, company_id, context, key: DocumentKey, view):
        detail = receipts.get_receipt(db, company_id=company_id, number=key.number)
        return expense_receipt_dto(detail), detail.row_version

    def create(self, db, *, company_id, context, dto):
        return receipts.create_receipt(db, company_id=company_id, user_id=context.user_id, dto=dto)

    def update(self, db, *, company_id, context, key: DocumentKey, dto, if_match):
        return receipts.update_receipt(
            db, company_id=company_id, user_id=context.user_id, number=key.number, dto=dto, if_match=if_match
        )

    def delete(self, db, *, company_id, context, key: DocumentKey):
        receipts.delete_receipt(db, company_id=company_id, number=key.number)

    def number(self, detail: ExpenseDetail) -> str:
        return detail.receipt_nbr


EXPENSE_RECEIPTS = DocumentResource(
    path="/v1/expenseReceipt",
    tag="ExpenseReceipt",
    key_param="receiptNumber",
    key_description="Identifies the ExpenseReceipt",
    documents=ExpenseReceipts(),
    read_dto=ExpenseReceiptDto,
    write_dto=ExpenseReceiptUpdateDto,
    texts=DocumentTexts(
        list="Get a range of Expense Receipts, a filter needs to be specified.",
        get="Get a specific ExpenseReceipt",
        create="Create a Expense Receipt",
        update="Update a Expense Receipt",
        delete="Deletes a specific Expense Receipt",
        list_notes="Not paged.",
        create_notes=(
            "201 with an absolute Location whose last segment is the new receipt ID. `claimedBy` defaults to the "
            "caller's own employee record; `expenseClaim` puts the receipt on a claim of the same employee that "
            "is on Hold."
        ),
        update_notes=(
            'A receipt on a claim that is not on Hold cannot be changed. `expenseClaim` with `{"value": null}` '
            "takes it off its claim."
        ),
    ),
    filters=receipt_filters,
    paged=False,
    operations=frozenset({"list", "get", "create", "update", "delete"}),
)
(router,) = document_router(EXPENSE_RECEIPTS, company_context)


def expense_receipt_dto(detail: ExpenseDetail) -> dict:
    employee, item, account, claim = detail.employee, detail.item, detail.account, detail.claim
    return {
        "internalId": detail.id,
        "receiptId": detail.receipt_nbr,
        "date": format_datetime(detail.date),
        "taxTotal": detail.tax_amount,
        "currency": {"id": detail.currency_id, "description": None},
        "refNbr": detail.reference,
        "inventory": {"number": item.number, "description": item.description} if item else None,
        "description": detail.description,
        "uom": detail.uom,
        "quantity": detail.quantity,
        "unitCost": detail.unit_cost,
        "totalAmount": detail.total_amount,
        "employeePart": detail.employee_part,
        "claimAmount": detail.claim_amount,
        "status": receipts.RECEIPT_STATUS[claim.status if claim else None],
        "claimedBy": {
            "employeeUserId": employee_user_id(employee.user_id),
            "employeeId": employee.id,
            "employeeNumber": employee.number,
            "employeeName": employee.name,
            "status": employee.status,
            "department": employee.department.department_id,
            "lastModifiedDateTime": format_datetime(employee.last_modified_at),
        },
        "branch": {"number": detail.branch, "name": None} if detail.branch else None,
        "expenseClaim": {"number": claim.ref_nbr, "description": claim.description} if claim else None,
        "invoiceable": detail.invoiceable,
        "project": _project(detail.project),
        "projectTask": _project(detail.project_task),
        "expenseAccount": {"type": account.type, "number": account.account_cd, "description": account.description}
        if account
        else None,
        "expenseSub": subaccount_dto(detail),
        "taxCategory": {"number": detail.tax_category, "description": None} if detail.tax_category else None,
        "image": image_of(detail),
        "timeStamp": time_stamp(detail.row_version),
    }


def _project(code: str | None) -> dict | None:
    return None if code is None else {"id": code, "description": None}


def image_of(detail: ExpenseDetail) -> dict | None:
    """The receipt's image: its latest attachment."""
    refs = attachment_refs(detail.attachments)
    return refs[-1] if refs else None
