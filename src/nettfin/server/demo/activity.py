"""A year of the demo company's posted activity: sales, purchases and manual journal transactions through the
financial year DEMO_YEAR, entered and released through each module's own use cases in date order, so the posting
engine writes the journal and the GL balances, and the customer and supplier ledgers hold open items at year end.

Deterministic like the rest of the demo: the plans draw from seeded random generators, the documents are entered in
a fixed order (so numbers repeat), and every row written here carries the moment of its own date rather than the
clock's: a document its date's (its last payment's when paid), a batch its transaction date's.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from ..kit.changes import bump_version, write_pending_versions
from ..ledger.journal import JournalBatch, LedgerHistory
from ..receivables.models import Customer
from .journal import plan_journal
from .purchases import plan_purchases
from .sales import plan_sales
from .timeline import DEMO_YEAR, Timeline, moment


def seed_activity(session: Session, company_id: int) -> None:
    # The set-up's versions are written first, so the documents below find the VAT set-up and the subaccount
    # rules in their caches instead of building them for every document from what this transaction changed.
    write_pending_versions(session)
    first_batch = session.scalar(select(JournalBatch.id).order_by(JournalBatch.id.desc()).limit(1)) or 0
    customers = session.scalars(
        select(Customer.number)
        .where(Customer.company_id == company_id, Customer.status == "Active", Customer.currency_id == "NOK")
        .order_by(Customer.number)
    ).all()
    timeline = Timeline()
    plan_sales(timeline, list(customers))
    plan_purchases(timeline)
    plan_journal(timeline)
    timeline.run(session, company_id)
    _stamp(session, company_id, timeline, first_batch)


def _stamp(session: Session, company_id: int, timeline: Timeline, first_batch: int) -> None:
    session.flush()
    for row, created, modified in timeline.stamps.values():
        row.created_at, row.last_modified_at = moment(created), moment(modified)
    batches = session.scalars(
        select(JournalBatch).where(JournalBatch.company_id == company_id, JournalBatch.id > first_batch)
    )
    for batch in batches:
        batch.created_at = batch.last_modified_at = batch.posted_at = moment(batch.transaction_date)
    session.execute(
        update(LedgerHistory)
        .where(LedgerHistory.company_id == company_id, LedgerHistory.period_id.like(f"{DEMO_YEAR}%"))
        .values(last_modified_at=moment(date(DEMO_YEAR, 12, 31)))
    )
    session.flush()
    for resource in ("journalTransaction", "generalLedgerBalance"):
        bump_version(session, company_id=company_id, resource=resource)


def stamp_later_postings(session: Session, company_id: int) -> None:
    """The batches and balances the seed's later steps posted (shipments, contract billing, ...) through use cases
    that stamp the clock's time get their dates' moments too, so two seeds render the same bytes."""
    session.flush()
    cutoff = moment(date(DEMO_YEAR + 1, 12, 31))
    for batch in session.scalars(
        select(JournalBatch).where(JournalBatch.company_id == company_id, JournalBatch.last_modified_at > cutoff)
    ):
        batch.created_at = batch.last_modified_at = batch.posted_at = moment(batch.transaction_date)
    session.execute(
        update(LedgerHistory)
        .where(LedgerHistory.company_id == company_id, LedgerHistory.last_modified_at > cutoff)
        .values(last_modified_at=moment(date(DEMO_YEAR, 12, 31)))
    )
    session.flush()
