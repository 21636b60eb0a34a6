"""The copy plan covers every table: a new model cannot be copied wrongly in silence (snapshots/plan.py)."""

from __future__ import annotations

from sqlalchemy import UniqueConstraint

from nettfin.server import models  # noqa: F401 - every table in the metadata
from nettfin.server.db.base import Base
from nettfin.server.snapshots.plan import NOT_COPIED, plan


def test_every_company_table_is_copied_or_named_as_not_copied():
    copied = {p.name for p in plan()}
    for table in Base.metadata.sorted_tables:
        if "company_id" in table.columns and table.name != "company":
            assert (table.name in copied) != (table.name in NOT_COPIED or not table.info.get("copied", True)), table


def test_parents_are_copied_before_their_children():
    order = [p.name for p in plan()]
    for position, table_plan in enumerate(plan()):
        for column in table_plan.columns:
            if column.kind == "ref" and column.target != table_plan.name:
                assert order.index(column.target) < position, (table_plan.name, column.name)


def test_every_global_unique_key_of_a_copied_table_changes_in_a_copy():
    """A unique constraint without company_id must hold a column the copy rewrites, or two companies collide."""
    rewritten = {"id", "ref", "poly", "guid", "company"}
    for table_plan in plan():
        kinds = {c.name: c.kind for c in table_plan.columns}
        keys = [[c.name for c in table_plan.table.primary_key.columns]]
        keys += [[c.name for c in u.columns] for u in table_plan.table.constraints if isinstance(u, UniqueConstraint)]
        keys += [[c.name for c in i.columns] for i in table_plan.table.indexes if i.unique]
        keys += [[c.name] for c in table_plan.table.columns if c.unique]
        for key in keys:
            assert any(kinds[name] in rewritten for name in key), (table_plan.name, key)
