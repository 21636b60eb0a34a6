"""Migration 0027 on both databases: existing warehouses become active, validate their locations and take the
average cost for returns; existing locations are not costed separately; existing lot/serial classes do not number
automatically; the landed cost code table is there."""

from __future__ import annotations

from sqlalchemy import create_engine, text

from nettfin.server.db.engine import normalise_url
from nettfin.server.db.migrate import upgrade

from .scaffold import add_companies


def test_existing_warehouses_locations_and_classes_take_the_defaults(old_database):
    _migrate(old_database)


def _migrate(url: str) -> None:
    upgrade(url, "0026")
    engine = create_engine(normalise_url(url))
    with engine.begin() as connection:
        add_companies(connection, ("Fjord Kraft AS", "NOK"))
        connection.execute(
            text("INSERT INTO warehouse (id, company_id, warehouse_id, description) VALUES (1, 1, 'W', 'x')")
        )
        connection.execute(
            text(
                "INSERT INTO warehouse_location (id, company_id, warehouse_id, location_cd, description, active, "
                "include_in_available, receipts_allowed, sales_allowed, transfers_allowed, assembly_allowed, "
                "pick_priority, last_modified_at) VALUES (1, 1, 1, 'A1', '', true, true, true, true, true, true, 1, "
                "'2020-01-01')"
            )
        )
        connection.execute(
            text(
                "INSERT INTO lot_serial_class (id, company_id, class_cd, description, tracking_method, "
                "track_expiration, assignment_method, issue_method, last_modified_at) VALUES "
                "(1, 1, 'LOT', '', 'LotNumbered', false, 'WhenReceived', 'FIFO', '2020-01-01')"
            )
        )
    upgrade(url)
    with engine.connect() as connection:
        warehouse = connection.execute(
            text("SELECT active, location_entry, avg_default_cost, fifo_default_cost, row_version FROM warehouse")
        ).one()
        location = connection.execute(
            text("SELECT is_costed, primary_item_valid, primary_item_id FROM warehouse_location")
        ).one()
        lots = connection.execute(
            text("SELECT auto_generate_next_number, required_for_drop_ship, segments FROM lot_serial_class")
        ).one()
        codes = connection.execute(text("SELECT count(*) FROM landed_cost_code")).scalar()
    engine.dispose()
    assert tuple(warehouse) == (True, "Validate", "AverageCost", "AverageCost", 1)
    assert tuple(location) == (False, "PrimaryNothing", None)
    assert (lots[0], lots[1]) == (False, False) and lots[2] in ([], "[]")
    assert codes == 0
