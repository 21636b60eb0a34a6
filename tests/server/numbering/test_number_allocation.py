"""How numbers are given (numbering/service.py), in one writing transaction on either database: a document series
is made by its first number, a series the session holds stays in step with the numbers given, and numbers a record
already has (given by hand) are skipped, as the record's key is written (padded or not) and within its scope."""

from __future__ import annotations

from sqlalchemy import func, select

from nettfin.server.ledger.journal import JournalBatch
from nettfin.server.numbering.models import NumberSeries
from nettfin.server.numbering.service import (
    CUSTOMER,
    allocate_number,
    create_series,
    next_document_number,
    number_unless_client_gives,
)
from nettfin.server.receivables.models import Customer


def _customer(tenant, number: str, status: str = "Active") -> Customer:
    return Customer(company_id=tenant.company_id, number=number, name=f"Has {number}", currency_id="NOK", status=status)


def test_a_document_series_is_made_by_its_first_number_and_counts_on(database, tenant):
    def count() -> int:
        with database.reading() as session:
            statement = select(func.count()).where(
                NumberSeries.company_id == tenant.company_id, NumberSeries.series_id == "TESTDOC"
            )
            return session.scalar(statement)

    assert count() == 0
    with database.writing() as session:
        numbers = [
            next_document_number(
                session,
                company_id=tenant.company_id,
                series_id="TESTDOC",
                description="Tests",
                column=JournalBatch.batch_number,
            )
            for _ in range(3)
        ]
    assert numbers == ["000001", "000002", "000003"]
    assert count() == 1


def test_a_series_the_session_holds_stays_in_step_and_numbers_taken_are_skipped(database, tenant):
    with database.writing() as session:
        before = session.get(NumberSeries, (tenant.company_id, CUSTOMER)).last_number
        session.add(_customer(tenant, str(before + 1)))
    with database.writing() as session:
        series = session.get(NumberSeries, (tenant.company_id, CUSTOMER))
        session.add(_customer(tenant, str(before + 2)))  # in the session only: a query through it would see it
        number = allocate_number(session, company_id=tenant.company_id, series_id=CUSTOMER, column=Customer.number)
        assert number == str(before + 3)
        assert series.last_number == before + 3  # the object the session holds, without a refresh
        assert series not in session.dirty  # kept in step, not changed: the flush writes nothing for it
    with database.reading() as session:
        assert session.get(NumberSeries, (tenant.company_id, CUSTOMER)).last_number == before + 3


def test_a_padded_number_is_skipped_only_when_taken_within_its_scope(database, tenant):
    """`000001` is taken by a record of the scope asked about; `000002` only by one of another (a supplier debit
    adjustment may share an invoice's number), so it is free; and 999999's successor is 1000000, unpadded."""
    with database.writing() as session:
        create_series(session, company_id=tenant.company_id, series_id="TESTPAD", description="Tests")
        session.add_all([_customer(tenant, "000001"), _customer(tenant, "000002", status="Inactive")])
    with database.writing() as session:

        def allocate() -> str:
            return allocate_number(
                session,
                company_id=tenant.company_id,
                series_id="TESTPAD",
                column=Customer.number,
                scope={Customer.status: "Active"},
                padded=True,
            )

        assert allocate() == "000002"
        session.get(NumberSeries, (tenant.company_id, "TESTPAD")).last_number = 999_998
        session.add(_customer(tenant, "999999"))
        assert allocate() == "1000000"


def test_a_series_leaves_the_number_to_the_client_when_manual_or_keeping_an_import_number_and_counts_not(
    database, tenant
):
    """`number_unless_client_gives` asks whether the series gives the number in the statement that takes it: a
    manual series gives none; one that keeps numbers sent on imports gives none when one was sent and the next when
    none was; a series the company does not have gives none. Only a number given moves the counter."""

    def ask(series_id: str, *, given: bool) -> str | None:
        with database.writing() as session:
            return number_unless_client_gives(
                session,
                company_id=tenant.company_id,
                series_id=series_id,
                column=JournalBatch.batch_number,
                given=given,
            )

    def last(series_id: str) -> int:
        with database.reading() as session:
            return session.get(NumberSeries, (tenant.company_id, series_id)).last_number

    with database.writing() as session:
        create_series(session, company_id=tenant.company_id, series_id="BYHAND", description="Manual", manual=True)
        create_series(
            session, company_id=tenant.company_id, series_id="IMPORTS", description="Imports", manual_on_import=True
        )
    assert ask("BYHAND", given=False) is None
    assert ask("BYHAND", given=True) is None
    assert last("BYHAND") == 0
    assert ask("IMPORTS", given=True) is None
    assert last("IMPORTS") == 0
    assert ask("IMPORTS", given=False) == "1"
    assert last("IMPORTS") == 1
    assert ask("NOSUCH", given=False) is None
