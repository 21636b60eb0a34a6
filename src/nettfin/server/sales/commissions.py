"""A sales order's commissions: per sales person (a line's, else the order's), the commissionable amount of the
commissionable lines, the person's percentage and the commission.

The percentage is the one crm/'s sales persons give (`commission_for`): the person's percentage for the order's
customer at the order's location, else for the customer, else the person's own; 0 for a sales person the company
does not keep. The order's own person's percentage is taken when the order is entered or its sales person,
customer or location changes (`commissionPercent`); another person's, named on a line, is read when asked.
"""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy.orm import Session

from ..crm.salespersons import commission_for
from .models import ZERO, SalesOrder

# The members of an order that choose its sales person's percentage.
CHOSEN_BY = ("salesPerson", "customer", "location")


def percent_for(session: Session, order: SalesOrder, person: str | None) -> Decimal:
    """The person's commission % on a sale to the order's customer at its location."""
    customer = order.customer
    customer_id = customer.id if customer is not None else order.customer_id
    if not person or customer_id is None:
        return ZERO
    with session.no_autoflush:  # the order may be being written: nothing of it may flush before it is whole
        found = commission_for(session, order.company_id, person, customer_id, order.location)
    return found if found is not None else ZERO


def percents(session: Session, order: SalesOrder) -> dict[str, Decimal]:
    """{sales person: commission %} for the order's person (the percentage it keeps) and its lines' others."""
    persons = {line.sales_person for line in order.lines if line.sales_person} - {order.sales_person}
    found = {person: percent_for(session, order, person) for person in persons}
    if order.sales_person:
        found[order.sales_person] = order.commission_percent or ZERO
    return found
