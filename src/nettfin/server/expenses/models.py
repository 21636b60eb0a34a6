"""Expense claims and expense receipts (Visma: EP301000, EP301010).

A receipt is an expense detail: the employee's expense (date, item, quantity, amounts, the expense account it
posts to, its VAT category). A claim gathers details to be reimbursed: a detail with a claim is a line of it
(`line_number`, the claim's `claimDetailId`), one without is an open receipt. A detail entered on a claim is a
receipt too, as in the service, and one taken off a claim (or left by a deleted claim) is an open receipt again.
"""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from sqlalchemy import Boolean, ForeignKey, Index, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..attachments.models import Attachment, OwnerKind, owned_attachments
from ..db.base import Base, Stamped
from ..db.types import Money, UTCDateTime
from ..inventory.models import InventoryItem
from ..ledger.journal import JournalBatch
from ..ledger.models import Account, Subaccount
from ..timecards.models import Department, Employee

ZERO = Decimal(0)


class ExpenseClaim(Stamped, Base):
    __tablename__ = "expense_claim"
    __table_args__ = (
        UniqueConstraint("company_id", "ref_nbr"),
        Index("ix_expense_claim_company_modified_id", "company_id", "last_modified_at", "id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    company_id: Mapped[int] = mapped_column(ForeignKey("company.id", ondelete="CASCADE"))
    ref_nbr: Mapped[str] = mapped_column(String(15))
    # Hold, PendingApproval, Approved, Rejected, Released (the real enum).
    status: Mapped[str] = mapped_column(String(20), default="Hold")
    approval_status: Mapped[str] = mapped_column(String(30), default="New")
    approval_text: Mapped[str | None] = mapped_column(String(255))
    approval_date: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # The approver's employee ID, once the claim has been through approval.
    approver: Mapped[str | None] = mapped_column(String(30))
    date: Mapped[datetime] = mapped_column(UTCDateTime)
    description: Mapped[str | None] = mapped_column(String(255))
    employee_id: Mapped[int] = mapped_column(ForeignKey("employee.id"), index=True)
    department_id: Mapped[int | None] = mapped_column(ForeignKey("department.id"))
    currency_id: Mapped[str] = mapped_column(String(5))
    location: Mapped[str | None] = mapped_column(String(30))
    claim_total: Mapped[Decimal] = mapped_column(Money, default=ZERO)
    vat_taxable_total: Mapped[Decimal] = mapped_column(Money, default=ZERO)
    vat_exempt_total: Mapped[Decimal] = mapped_column(Money, default=ZERO)
    # YYYYPP: the period the claim posts to (its date's), and the batch its release posted.
    period_id: Mapped[str | None] = mapped_column(String(6))
    batch_id: Mapped[int | None] = mapped_column(ForeignKey("journal_batch.id"))

    employee: Mapped[Employee] = relationship(lazy="joined")
    department: Mapped[Department | None] = relationship(lazy="joined")
    batch: Mapped[JournalBatch | None] = relationship()
    details: Mapped[list[ExpenseDetail]] = relationship(
        back_populates="claim", order_by="ExpenseDetail.line_number", lazy="selectin"
    )


class ExpenseDetail(Stamped, Base):
    """An expense receipt, and the line of a claim it is on (see the module's docstring)."""

    __tablename__ = "expense_detail"
    __table_args__ = (
        UniqueConstraint("company_id", "receipt_nbr"),
        UniqueConstraint("claim_id", "line_number"),
        Index("ix_expense_detail_company_modified_id", "company_id", "last_modified_at", "id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    company_id: Mapped[int] = mapped_column(ForeignKey("company.id", ondelete="CASCADE"))
    receipt_nbr: Mapped[str] = mapped_column(String(15))
    claim_id: Mapped[int | None] = mapped_column(ForeignKey("expense_claim.id", ondelete="SET NULL"), index=True)
    line_number: Mapped[int | None] = mapped_column(Integer)
    employee_id: Mapped[int] = mapped_column(ForeignKey("employee.id"), index=True)
    date: Mapped[datetime] = mapped_column(UTCDateTime)
    item_id: Mapped[int | None] = mapped_column(ForeignKey("inventory_item.id"))
    description: Mapped[str | None] = mapped_column(String(255))
    quantity: Mapped[Decimal] = mapped_column(Money, default=Decimal(1))
    uom: Mapped[str | None] = mapped_column(String(6))
    unit_cost: Mapped[Decimal] = mapped_column(Money, default=ZERO)
    # What the receipt says was paid, VAT included; the employee's part is not reimbursed.
    total_amount: Mapped[Decimal] = mapped_column(Money, default=ZERO)
    employee_part: Mapped[Decimal] = mapped_column(Money, default=ZERO)
    claim_amount: Mapped[Decimal] = mapped_column(Money, default=ZERO)
    # The VAT ID the VAT category gives an expense, and the VAT the claim amount contains.
    vat_id: Mapped[str | None] = mapped_column(String(30))
    tax_amount: Mapped[Decimal] = mapped_column(Money, default=ZERO)
    tax_category: Mapped[str | None] = mapped_column(String(30))
    currency_id: Mapped[str] = mapped_column(String(5))
    reference: Mapped[str | None] = mapped_column(String(40))
    invoiceable: Mapped[bool] = mapped_column(Boolean, default=False)
    # Projects and branches are kept as given (projects are not served).
    project: Mapped[str | None] = mapped_column(String(30))
    project_task: Mapped[str | None] = mapped_column(String(30))
    branch: Mapped[str | None] = mapped_column(String(30))
    account_id: Mapped[int | None] = mapped_column(ForeignKey("account.id"))
    subaccount_id: Mapped[int | None] = mapped_column(ForeignKey("subaccount.id"))

    claim: Mapped[ExpenseClaim | None] = relationship(back_populates="details", lazy="joined")
    employee: Mapped[Employee] = relationship(lazy="joined")
    item: Mapped[InventoryItem | None] = relationship(lazy="joined")
    account: Mapped[Account | None] = relationship(lazy="joined")
    subaccount: Mapped[Subaccount | None] = relationship(lazy="joined")
    # The receipt's image (`POST /expenseReceipt/{receiptNumber}/attachment`): its files, the latest first shown.
    attachments: Mapped[list[Attachment]] = owned_attachments("ExpenseDetail", OwnerKind.EXPENSE_RECEIPT)
