"""Caches keyed by data versions (kit/changes.py): exact per database, company and version."""

from __future__ import annotations

from nettfin.server.db.engine import Database
from nettfin.server.db.migrate import upgrade
from nettfin.server.identity.service import create_company
from nettfin.server.kit.changes import bump_version
from nettfin.server.tax.models import VatZone
from nettfin.server.tax.service import load_vat_setup


def _database_with_zone(path, zone_id: str) -> tuple[Database, int]:
    url = f"sqlite:///{path}"
    upgrade(url)
    database = Database(url)
    with database.writing() as session:
        company = create_company(session, name=f"Company {zone_id}")
        session.add(VatZone(company_id=company.id, zone_id=zone_id, description=zone_id))
        bump_version(session, company_id=company.id, resource="vatZone")
    return database, company.id


def test_two_databases_with_the_same_company_id_and_versions_do_not_share_cached_set_ups(tmp_path):
    first, first_company = _database_with_zone(tmp_path / "first.db", "A")
    second, second_company = _database_with_zone(tmp_path / "second.db", "B")
    assert first_company == second_company  # the premise: ids and versions repeat across databases
    try:
        with first.reading() as session:
            assert set(load_vat_setup(session, first_company).zones) == {"A"}
        with second.reading() as session:
            assert set(load_vat_setup(session, second_company).zones) == {"B"}
    finally:
        first.dispose()
        second.dispose()


def test_a_write_that_bumps_the_version_is_seen_by_the_next_read(tmp_path):
    database, company_id = _database_with_zone(tmp_path / "one.db", "A")
    try:
        with database.reading() as session:
            assert set(load_vat_setup(session, company_id).zones) == {"A"}
        with database.writing() as session:
            session.add(VatZone(company_id=company_id, zone_id="B", description="B"))
            bump_version(session, company_id=company_id, resource="vatZone")
        with database.reading() as session:
            assert set(load_vat_setup(session, company_id).zones) == {"A", "B"}
    finally:
        database.dispose()
