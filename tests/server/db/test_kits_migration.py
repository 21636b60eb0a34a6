"""Migration 0029 on both databases: the kit tables come and go with it, and a database with stock already on it
upgrades without change to what it held."""

from __future__ import annotations

from sqlalchemy import text

from .scaffold import round_trip

# The kits migration (renumbered at merge: change it here); the one before it comes from its down_revision.
KITS = "0029"
KIT_TABLES = {"kit_specification", "kit_specification_component", "kit_assembly", "kit_assembly_component"}


def test_the_kit_tables_come_and_go_with_the_migration(old_database):
    def check(connection):
        assert connection.execute(text("SELECT name FROM company")).scalar_one() == "Kontor AS"

    round_trip(old_database, KITS, KIT_TABLES, check)
