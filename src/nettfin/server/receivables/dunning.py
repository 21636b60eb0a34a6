"""Dunning letters (AR521000; the API's `createDunningLetter` action on a customer): a letter naming the
customer's released invoices, debit notes and overdue charges still open after their due date, each a level
higher than its last letter.

The action's body chooses the letter's date (today when left out) and the levels to send (`levelFrom` to
`levelTo`, 1 to `MAX_LEVEL` when left out): a document is named when the level it would reach is in that range.
The letter is stored with the documents it names; each document's `dunningLetterLevel` and `dunningLetterDate`
show it from then on. A customer with nothing to dun gets a 400 and no letter.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

from sqlalchemy import select

from ..db.base import utcnow
from ..db.engine import Database
from ..documents.currency import to_base
from ..kit import messages
from ..kit.changes import bump_version
from ..kit.errors import BusinessError, NotFound
from .collection_models import DunningLetter, DunningLetterDocument
from .document_models import ZERO, CustomerInvoice
from .invoices import DEBIT_TYPES, RESOURCE
from .models import Customer

MAX_LEVEL = 3


def create_dunning_letter(
    db: Database,
    *,
    company_id: int,
    number: str,
    on: date | None = None,
    level_from: int | None = None,
    level_to: int | None = None,
) -> DunningLetter:
    low, high = level_from or 1, level_to or MAX_LEVEL
    if low < 1 or high < low:
        raise BusinessError(
            f"'levelFrom' ({low}) and 'levelTo' ({high}) must be levels from 1, 'levelFrom' not above 'levelTo'."
        )
    day = on or utcnow().date()
    moment = datetime(day.year, day.month, day.day, tzinfo=UTC)
    with db.writing() as session:
        customer = session.scalars(
            select(Customer).where(Customer.company_id == company_id, Customer.number == number)
        ).first()
        if customer is None:
            raise NotFound(messages.not_found("Customer", number))
        overdue = session.scalars(
            select(CustomerInvoice)
            .where(
                CustomerInvoice.company_id == company_id,
                CustomerInvoice.customer_id == customer.id,
                CustomerInvoice.released.is_(True),
                CustomerInvoice.document_type.in_(DEBIT_TYPES),
                CustomerInvoice.balance > 0,
                CustomerInvoice.due_date < moment,
            )
            .order_by(CustomerInvoice.reference_number)
            .with_for_update(of=CustomerInvoice)
        ).all()
        named = [d for d in overdue if low <= (d.dunning_level or 0) + 1 <= high]
        if not named:
            raise BusinessError(
                f"Customer '{number}' has no documents overdue on {day.isoformat()} to dun at levels {low} to {high}."
            )
        letter = DunningLetter(company_id=company_id, customer=customer, letter_date=moment, level=0)
        for document in named:
            document.dunning_level = (document.dunning_level or 0) + 1
            document.dunning_letter_at = moment
            document.last_modified_at = utcnow()
            balance = to_base(document.balance, document.exchange_rate)
            letter.documents.append(
                DunningLetterDocument(invoice_id=document.id, level=document.dunning_level, balance=balance)
            )
        letter.level = max(d.level for d in letter.documents)
        letter.total_overdue = sum((d.balance for d in letter.documents), ZERO)
        session.add(letter)
        bump_version(session, company_id=company_id, resource=RESOURCE)
        session.flush()
        return letter
