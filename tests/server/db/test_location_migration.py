"""Migration 0025 on both databases: every supplier that existed gets its default location, MAIN, whose address
and contact are the supplier's main ones; no contact exists."""

from __future__ import annotations

import pytest
from sqlalchemy import create_engine, text

from nettfin.server.db.engine import normalise_url
from nettfin.server.db.migrate import upgrade
from nettfin.server.identity.models import Company, Tenant
from nettfin.server.payables.models import Supplier
from tests.conftest import new_postgres_database


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_existing_suppliers_get_their_default_location(backend, tmp_path, request):
    if backend == "postgresql":
        request.getfixturevalue("postgres_available")
        with new_postgres_database() as url:
            _migrate(url)
    else:
        _migrate(f"sqlite:///{tmp_path / 'old.db'}")


def _migrate(url: str) -> None:
    upgrade(url, "0024")
    engine = create_engine(normalise_url(url))
    with engine.begin() as connection:
        # Core inserts: the tables' Python defaults fill the rest, and no ORM event runs before the migration.
        connection.execute(Tenant.__table__.insert().values(id=1, name="T"))
        connection.execute(
            Company.__table__.insert().values(id=1, tenant_id=1, name="Fjord AS", base_currency="NOK", tenant_guid="a")
        )
        for number in ("50000", "50001"):
            connection.execute(
                Supplier.__table__.insert().values(company_id=1, number=number, name=number, currency_id="NOK")
            )
    upgrade(url)
    with engine.connect() as connection:
        locations = connection.execute(
            text(
                "SELECT s.number, l.party_kind, l.location_id, l.name, l.active, l.address_same_as_main "
                "FROM party_location l JOIN supplier s ON s.id = l.party_id ORDER BY s.number"
            )
        ).all()
        contacts = connection.execute(text("SELECT count(*) FROM contact")).scalar_one()
    engine.dispose()
    assert [tuple(row) for row in locations] == [
        ("50000", "Supplier", "MAIN", "Primary location", True, True),
        ("50001", "Supplier", "MAIN", "Primary location", True, True),
    ]
    assert contacts == 0
