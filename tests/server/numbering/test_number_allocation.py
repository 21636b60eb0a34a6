"""How numbers are given (numbering/service.py), in one writing transaction on either database: a document series
is made by its first number, a series the session holds stays in step with the numbers given, and numbers taken
by hand are skipped."""

from __future__ import annotations

from sqlalchemy import func, select

from nettfin.server.numbering.models import NumberSeries
from nettfin.server.numbering.service import (
    CUSTOMER,
    allocate_number,
    next_document_number,
)


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
                session, company_id=tenant.company_id, series_id="TESTDOC", description="Tests", taken=lambda n: False
            )
            for _ in range(3)
        ]
    assert numbers == ["000001", "000002", "000003"]
    assert count() == 1


def test_a_series_the_session_holds_stays_in_step_and_numbers_taken_are_skipped(database, tenant):
    with database.writing() as session:
        series = session.get(NumberSeries, (tenant.company_id, CUSTOMER))
        before = series.last_number
        taken = {str(before + 1), str(before + 2)}
        number = allocate_number(session, company_id=tenant.company_id, series_id=CUSTOMER, taken=lambda n: n in taken)
        assert number == str(before + 3)
        assert series.last_number == before + 3  # the object the session holds, without a refresh
        assert series not in session.dirty  # kept in step, not changed: the flush writes nothing for it
    with database.reading() as session:
        assert session.get(NumberSeries, (tenant.company_id, CUSTOMER)).last_number == before + 3
