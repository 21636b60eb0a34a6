"""The list filters of supplier invoices and supplier payments, as conditions on their tables."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import select

from ..kit.conditions import CONDITIONS, DateCondition
from ..kit.document_lists import ListWindow
from ..kit.errors import BusinessError
from .document_models import SupplierDocument, SupplierDocumentLine, SupplierPayment, SupplierPaymentLine
from .models import Supplier


@dataclass(frozen=True)
class AmountCondition:
    """A bound like `balance > 0` (`balance=0&balanceCondition=%3E`)."""

    amount: Decimal
    condition: str

    def apply(self, column):
        return CONDITIONS[self.condition](column, self.amount)


def amount_condition(parameter: str, value: Decimal | None, condition: str | None) -> AmountCondition | None:
    """Both halves or neither, as the service's value-and-condition pairs are mutually inclusive."""
    if value is None and condition is None:
        return None
    if value is None or condition is None:
        raise BusinessError(f"'{parameter}' and '{parameter}Condition' are given together or not at all.")
    if condition.strip() not in CONDITIONS:
        raise BusinessError(
            f"The value '{condition}' of parameter '{parameter}Condition' is not a valid condition. "
            "Accepted values: >, <, >=, <= (URL-encoded: %3E, %3C, %3E%3D, %3C%3D)."
        )
    return AmountCondition(value, condition.strip())


def on_date(condition: DateCondition, column):
    """A date filter on a date column: the moment's calendar date is the bound."""
    return CONDITIONS[condition.condition](column, condition.moment.date())


def _supplier_is(model, number: str):
    return model.supplier_id.in_(select(Supplier.id).where(Supplier.number == number))


@dataclass(frozen=True)
class InvoiceFilters:
    supplier: str | None = None
    document_type: str | None = None
    released: bool | None = None
    status: str | None = None
    project: str | None = None
    branch: str | None = None
    financial_period: str | None = None
    item: str | None = None
    due_date: DateCondition | None = None
    doc_date: DateCondition | None = None
    balance: AmountCondition | None = None
    window: ListWindow = ListWindow()

    def conditions(self) -> list:
        found = self._line_conditions()
        for value, column in (
            (self.document_type, SupplierDocument.document_type),
            (self.status, SupplierDocument.status),
            (self.branch, SupplierDocument.branch_number),
            (self.financial_period, SupplierDocument.period_id),
        ):
            if value:
                found.append(column == value)
        if self.supplier:
            found.append(_supplier_is(SupplierDocument, self.supplier))
        if self.released is not None:
            found.append(SupplierDocument.released.is_(self.released))
        if self.due_date:
            found.append(on_date(self.due_date, SupplierDocument.due_date))
        if self.doc_date:
            found.append(on_date(self.doc_date, SupplierDocument.date))
        if self.balance:
            found.append(self.balance.apply(SupplierDocument.balance))
        return found + self.window.conditions(
            SupplierDocument.reference_number, SupplierDocument.last_modified_at, SupplierDocument.created_at
        )

    def _line_conditions(self) -> list:
        """Documents with a line of the project or the item."""
        found = []
        for value, column in (
            (self.project, SupplierDocumentLine.project_id),
            (self.item, SupplierDocumentLine.inventory_number),
        ):
            if value:
                lines = select(SupplierDocumentLine.document_id).where(column == value)
                found.append(SupplierDocument.id.in_(lines))
        return found


@dataclass(frozen=True)
class PaymentFilters:
    payment_type: str | None = None
    status: str | None = None
    supplier: str | None = None
    branch: str | None = None
    invoice: str | None = None
    financial_period: str | None = None
    doc_date: DateCondition | None = None
    due_date: DateCondition | None = None
    balance: AmountCondition | None = None
    window: ListWindow = ListWindow()

    def conditions(self) -> list:
        found = []
        for value, column in (
            (self.payment_type, SupplierPayment.payment_type),
            (self.status, SupplierPayment.status),
            (self.branch, SupplierPayment.branch_number),
            (self.financial_period, SupplierPayment.period_id),
        ):
            if value:
                found.append(column == value)
        if self.supplier:
            found.append(_supplier_is(SupplierPayment, self.supplier))
        if self.invoice:
            paid = (
                select(SupplierPaymentLine.payment_id)
                .join(SupplierDocument)
                .where(SupplierDocument.reference_number == self.invoice)
            )
            found.append(SupplierPayment.id.in_(paid))
        if self.doc_date:
            found.append(on_date(self.doc_date, SupplierPayment.application_date))
        if self.due_date:
            found.append(on_date(self.due_date, SupplierPayment.application_date))
        if self.balance:
            found.append(self.balance.apply(SupplierPayment.unapplied_balance))
        return found + self.window.conditions(SupplierPayment.reference_number, SupplierPayment.last_modified_at)
