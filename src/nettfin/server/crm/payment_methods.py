"""Customers' payment methods (AR303010, `/v1/customerpaymentmethod`): the payment methods a customer pays by,
each with the cash account its payments go to and its details (the card or account number first).

A customer has a payment method once; the method must be one of the company's active payment methods and the
cash account one of its cash accounts. A detail is named by `detailId`; writing one that exists changes its
value, another is added. Lists are paged: the company-wide list by customer (each element a customer with its
methods), a customer's by the order its methods were added.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..db.base import utcnow
from ..db.engine import Database
from ..kit import messages
from ..kit.changes import bump_version
from ..kit.errors import NotFound, record_errors
from ..kit.paging import Listing, Page, PageResult, fetch_page
from ..kit.render import time_stamp
from ..kit.responses import check_if_match
from ..ledger.models import Account
from ..receivables.models import Customer
from ..terms.models import PaymentMethod
from .models import CustomerPaymentMethod

ENTITY = "customer payment method"
RECORD = "Customer Payment Method"
RESOURCE = "customerpaymentmethod"
MAX_PAGE_SIZE = 1000
DETAIL_VALUE_LENGTH = 255


def list_by_customer(db: Database, *, company_id: int, page: Page) -> tuple[list[tuple[Customer, list]], PageResult]:
    """The customers that have payment methods, in number order, each with its methods."""
    with db.reading() as session:
        having = select(CustomerPaymentMethod.customer_id).where(CustomerPaymentMethod.company_id == company_id)
        result = fetch_page(
            session,
            Listing(RESOURCE, Customer, Customer.number),
            company_id=company_id,
            conditions=[Customer.id.in_(having)],
            signature=("by customer",),
            page=page,
        )
        ids = [c.id for c in result.rows]
        methods: dict[int, list] = {i: [] for i in ids}
        for method in session.scalars(
            select(CustomerPaymentMethod)
            .where(CustomerPaymentMethod.customer_id.in_(ids))
            .order_by(CustomerPaymentMethod.id)
        ).unique():
            methods[method.customer_id].append(method)
        return [(c, methods[c.id]) for c in result.rows], result


def list_of_customer(
    db: Database, *, company_id: int, customer: str, page: Page
) -> tuple[list[CustomerPaymentMethod], PageResult]:
    with db.reading() as session:
        found = _customer(session, company_id, customer)
        result = fetch_page(
            session,
            Listing(RESOURCE, CustomerPaymentMethod, CustomerPaymentMethod.id),
            company_id=company_id,
            conditions=[CustomerPaymentMethod.customer_id == found.id],
            signature=("of customer", found.id),
            page=page,
        )
        return list(result.rows), result


def _customer(session: Session, company_id: int, number: str) -> Customer:
    found = session.scalars(
        select(Customer).where(Customer.company_id == company_id, Customer.number == number)
    ).first()
    if found is None:
        raise NotFound(messages.not_found("Customer", number))
    return found


def get_payment_method(db: Database, *, company_id: int, customer: str, method: str) -> CustomerPaymentMethod:
    with db.reading() as session:
        return _find(session, company_id, _customer(session, company_id, customer), method)


def _find(session: Session, company_id: int, customer: Customer, method: str, *, lock: bool = False):
    statement = (
        select(CustomerPaymentMethod)
        .join(PaymentMethod, PaymentMethod.id == CustomerPaymentMethod.payment_method_id)
        .where(CustomerPaymentMethod.customer_id == customer.id, PaymentMethod.payment_method_id == method.strip())
    )
    found = session.scalars(statement.with_for_update(of=CustomerPaymentMethod) if lock else statement).first()
    if found is None:
        raise NotFound(messages.not_found("Customer payment method", f"{customer.number}/{method}"))
    return found


def create_payment_method(db: Database, *, company_id: int, changes: dict) -> CustomerPaymentMethod:
    with db.writing() as session:
        return enter_payment_method(session, company_id, changes)


def enter_payment_method(session: Session, company_id: int, changes: dict) -> CustomerPaymentMethod:
    """`create_payment_method` in the caller's transaction (the demo's)."""
    problems: list[str] = []
    number = (changes.get("customerId") or "").strip()
    code = (changes.get("paymentMethodId") or "").strip()
    customer = method = None
    if not number:
        problems.append(messages.cannot_be_empty("Customer"))
    else:
        customer = session.scalars(
            select(Customer).where(Customer.company_id == company_id, Customer.number == number)
        ).first()
        if customer is None:
            problems.append(messages.cannot_be_found("Customer", number))
    if not code:
        problems.append(messages.cannot_be_empty("Payment method"))
    else:
        method = session.scalars(
            select(PaymentMethod).where(PaymentMethod.company_id == company_id, PaymentMethod.payment_method_id == code)
        ).first()
        if method is None:
            problems.append(messages.cannot_be_found("Payment method", code))
        elif not method.active:
            problems.append(messages.inactive("Payment method", code))
    if customer is not None and method is not None:
        taken = session.scalar(
            select(CustomerPaymentMethod.id).where(
                CustomerPaymentMethod.customer_id == customer.id, CustomerPaymentMethod.payment_method_id == method.id
            )
        )
        if taken is not None:
            problems.append(messages.already_exists("Payment method", code))
    record = CustomerPaymentMethod(company_id=company_id, active=True, details=[])
    problems += _apply(session, company_id, record, changes)
    if problems:
        raise record_errors(action="inserting", entity=ENTITY, record=RECORD, errors=problems)
    record.customer, record.payment_method = customer, method
    record.last_modified_at = utcnow()
    session.add(record)
    session.flush()
    bump_version(session, company_id=company_id, resource=RESOURCE)
    return record


def update_payment_method(
    db: Database, *, company_id: int, customer: str, method: str, changes: dict, if_match: str | None
) -> CustomerPaymentMethod:
    with db.writing() as session:
        record = _find(session, company_id, _customer(session, company_id, customer), method, lock=True)
        check_if_match(if_match, record.row_version)
        problems = _apply(session, company_id, record, changes)
        if problems:
            raise record_errors(action="updating", entity=ENTITY, record=RECORD, errors=problems)
        record.last_modified_at = utcnow()
        session.flush()
        bump_version(session, company_id=company_id, resource=RESOURCE)
        return record


def _apply(session: Session, company_id: int, record: CustomerPaymentMethod, changes: dict) -> list[str]:
    problems: list[str] = []
    if "active" in changes:
        record.active = changes["active"] is not False
    if "cashAccountId" in changes:
        code = (changes["cashAccountId"] or "").strip()
        if not code:
            record.cash_account = None
        else:
            account = session.scalars(
                select(Account).where(
                    Account.company_id == company_id, Account.account_cd == code, Account.cash_account.is_(True)
                )
            ).first()
            if account is None:
                problems.append(messages.cannot_be_found("Cash account", code))
            else:
                record.cash_account = account
    details = [dict(d) for d in record.details or []]
    for index, line in enumerate(changes.get("paymentMethodDetails") or []):
        detail_id = (line.get("detailId") or "").strip()
        value = (line.get("value") or "").strip() or None
        if not detail_id:
            problems.append(f"paymentMethodDetails[{index}]: " + messages.cannot_be_empty("Detail ID"))
            continue
        if value is not None and len(value) > DETAIL_VALUE_LENGTH:
            problems.append(f"paymentMethodDetails[{index}]: 'Value' is longer than {DETAIL_VALUE_LENGTH} characters.")
            continue
        existing = next((d for d in details if d["detailId"].casefold() == detail_id.casefold()), None)
        if existing is None:
            details.append({"detailId": detail_id, "description": detail_id, "value": value})
        else:
            existing["value"] = value
    record.details = details
    return problems


# --- rendering ----------------------------------------------------------------------------------------------


def payment_method_dto(record: CustomerPaymentMethod) -> dict:
    details = record.details or []
    account = record.cash_account
    return {
        "customer": {"id": record.customer.number, "name": record.customer.name},
        "paymentMethod": {
            "id": record.payment_method.payment_method_id,
            "description": record.payment_method.description,
        },
        "active": record.active,
        "cashAccount": {"id": account.account_cd, "description": account.description} if account else None,
        "cardOrAccountNo": next((d.get("value") for d in details if d.get("value")), None),
        "paymentMethodDetails": [
            {"detailId": d["detailId"], "description": d.get("description"), "value": d.get("value")} for d in details
        ],
        "timeStamp": time_stamp(record.row_version),
    }


def customer_methods_dto(customer: Customer, methods: list[CustomerPaymentMethod]) -> dict:
    return {"customerId": customer.number, "paymentMethods": [payment_method_dto(m) for m in methods]}
