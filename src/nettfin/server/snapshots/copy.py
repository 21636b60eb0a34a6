"""Copying and deleting a company's records in bulk: one `INSERT ... SELECT` (or `DELETE`) per table, in SQL.

No record passes through Python: the statements are made from `plan()`, with only integers the server chose
(company ids, offsets, user ids) and names from the metadata in them. On PostgreSQL the copy is two round trips:
the tables locked against concurrent inserts (readers go on) and the offsets read; every table copied and the id
sequences moved past the copy. On SQLite the writing transaction (BEGIN IMMEDIATE) already keeps every
other writer out.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from sqlalchemy import Connection

from ..kit.changes import Lru
from .plan import Column, TablePlan, plan


@dataclass(frozen=True)
class Shape:
    """Which tables hold rows of a company, and the range of its ids in each shifted one."""

    tables: frozenset[str]
    ids: Mapping[str, tuple[int, int]]  # table -> (lowest, highest) id of the company's rows


class Copy:
    """The statements of one copy from company `source` into company `target`."""

    def __init__(self, connection: Connection, *, source: int, target: int, users: Mapping[int, int]) -> None:
        self.connection = connection
        self.postgres = connection.dialect.name == "postgresql"
        self.quote = connection.dialect.identifier_preparer.quote
        self.source, self.target, self.users = source, target, dict(users)
        self.plans = {table_plan.name: table_plan for table_plan in plan()}
        self._shift: dict[str, int] = {}

    def shape(self) -> Shape:
        """The source's shape, in one query."""
        parts = []
        for p in self.plans.values():
            ids = "min(s.id), max(s.id)" if p.shifted else "NULL, NULL"
            parts.append(f"SELECT '{p.name}', count(*), {ids} FROM {self.quote(p.name)} s WHERE {self.scope(p, 's')}")
        rows = [row for row in self.connection.exec_driver_sql(" UNION ALL ".join(parts)) if row[1]]
        return Shape(
            frozenset(row[0] for row in rows), {row[0]: (row[2], row[3]) for row in rows if row[2] is not None}
        )

    def run(self, shape: Shape | None = None) -> Shape:
        """Copy every table that has rows of the source, and answer which those were. `shape` may come from a
        cache when the source cannot change (a template's company)."""
        shape = shape or self.shape()
        shifted = sorted(shape.ids)
        unchecked = self.postgres and _may_skip_reference_checks(self.connection)
        first = []  # PostgreSQL only: SQLite's writing transaction already keeps other writers out
        if self.postgres and shifted:
            names = ", ".join(self.quote(name) for name in shifted)
            first.append(f"LOCK TABLE {names} IN SHARE ROW EXCLUSIVE MODE")
        if unchecked:
            # Every reference of the copy is made from a consistent source by the plan (tested: every foreign
            # key of a clone resolves, to a row of the clone); checking each row's foreign keys again costs
            # more than half of the copy. Only in this transaction, where the role may (a superuser).
            first.append("SET LOCAL session_replication_role = replica")
        self._read_offsets(shape, first)
        statements = self._inserts(shape)
        if self.postgres:
            # Past the copy's highest id (the lock keeps other inserts out until COMMIT).
            moves = [
                f"setval(pg_get_serial_sequence('{name}', 'id'), {shape.ids[name][1] + self._shift[name]})"
                for name in shifted
            ]
            if moves:
                statements.append(f"SELECT {', '.join(moves)}")
            if unchecked:
                statements.append("SET LOCAL session_replication_role = DEFAULT")
            self.connection.exec_driver_sql(";\n".join(statements))
        else:
            raw = self.connection.connection.driver_connection
            for statement in statements:
                raw.execute(statement)
        return shape

    def _read_offsets(self, shape: Shape, first: list[str]) -> None:
        """Run the `first` statements (PostgreSQL's lock and setting), then read each shifted table's offset, so
        the copy's ids follow every id the table holds: the highest + 1 - the source's lowest. One round trip.

        On PostgreSQL the highest is the id sequence's last value, which no row's id passes (rows get their ids
        from it, and a copy moves it past its own): `max(id)` would walk the index entries of deleted rows, which
        a test suite's clones, deleted as they go, leave at the top of every index until a vacuum."""
        if self.postgres:
            names = sorted(shape.ids)
            reads = ", ".join(f"pg_sequence_last_value(pg_get_serial_sequence('{name}', 'id'))" for name in names)
            statements = [*first, f"SELECT {reads}"] if names else first
            if not statements:
                return
            cursor = self.connection.connection.driver_connection.execute(";\n".join(statements))
            while cursor.description is None and cursor.nextset():
                pass  # past the results of the lock and the setting, to the offsets'
            rows = list(zip(names, cursor.fetchone(), strict=True)) if names else []
        else:
            assert not first, first
            parts = [f"SELECT '{name}', max(id) FROM {self.quote(name)}" for name in sorted(shape.ids)]
            rows = self.connection.exec_driver_sql(" UNION ALL ".join(parts)).all() if parts else []
        for name, highest in rows:
            self._shift[name] = (highest or 0) + 1 - shape.ids[name][0]

    def scope(self, p: TablePlan, alias: str) -> str:
        """The condition that picks the source company's rows of a table."""
        if p.parent is None:
            return f"{alias}.company_id = {self.source}"
        column, parent_name = p.parent
        parent = self.plans[parent_name]
        key = next(fk.column.name for fk in p.table.c[column].foreign_keys)
        inner = f"{alias}_p"
        return (
            f"{alias}.{self.quote(column)} IN (SELECT {inner}.{self.quote(key)} FROM {self.quote(parent_name)} {inner} "
            f"WHERE {self.scope(parent, inner)})"
        )

    def _inserts(self, shape: Shape) -> list[str]:
        """The copy's statements: made once per (dialect, source, shape, source users) as format strings, with a
        field for each number that differs from one copy to the next (the target, the offsets, the new users)."""
        key = (self.connection.dialect.name, self.source, shape.tables, tuple(self.users))
        forms = _FORMS.get(key)
        if forms is None:
            forms = tuple(self._insert(p) for p in self.plans.values() if p.name in shape.tables)
            _FORMS.put(key, forms)
        numbers = {f"shift_{name}": self._shift.get(name, 0) for name in self.plans}
        numbers.update({f"user_{old}": new for old, new in self.users.items()})
        numbers.update(target=self.target, target_hex=f"{self.target:012x}")
        return [form.format_map(numbers) for form in forms]

    def _insert(self, p: TablePlan) -> str:
        """A format string (names in the metadata and the poly kinds hold no braces)."""
        names = ", ".join(self.quote(c.name) for c in p.columns)
        values = ", ".join(self._value(p, c) for c in p.columns)
        where = self.scope(p, "s")
        for c in p.columns:
            if c.kind == "user" and not p.table.c[c.name].nullable:
                where += f" AND s.{self.quote(c.name)} IN ({', '.join(map(str, self.users)) or 'NULL'})"
        return f"INSERT INTO {self.quote(p.name)} ({names}) SELECT {values} FROM {self.quote(p.name)} s WHERE {where}"

    def _value(self, p: TablePlan, c: Column) -> str:
        column = f"s.{self.quote(c.name)}"
        if c.kind == "company":
            return "{target}"
        if c.kind == "id":
            return f"{column} + {{shift_{p.name}}}"
        if c.kind == "ref":
            return f"{column} + {{shift_{c.target}}}"
        if c.kind == "poly":
            kind = f"s.{self.quote(c.kind_column)}"
            cases = " ".join(f"WHEN '{value}' THEN {column} + {{shift_{table}}}" for value, table in c.kinds.items())
            return f"CASE {kind} {cases} ELSE {column} END"
        if c.kind == "guid":
            return f"substr({column}, 1, 24) || '{{target_hex}}'"
        if c.kind == "user":
            if not self.users:
                return "NULL"
            cases = " ".join(f"WHEN {old} THEN {{user_{old}}}" for old in self.users)
            return f"CASE {column} {cases} ELSE NULL END"
        return column


# Format strings of the copies' statements (Copy._inserts): a few per template, and one per snapshot taken.
_FORMS = Lru(64)


_SUPERUSER: dict[str, bool] = {}


def _may_skip_reference_checks(connection: Connection) -> bool:
    key = str(connection.engine.url)
    if key not in _SUPERUSER:
        _SUPERUSER[key] = connection.exec_driver_sql("SELECT current_setting('is_superuser')").scalar() == "on"
    return _SUPERUSER[key]


def delete_rows(connection: Connection, company_id: int) -> None:
    """Delete every copied table's rows of the company, children first."""
    eraser = Copy(connection, source=company_id, target=company_id, users={})
    # Table names are plain lower-case identifiers: each is its own alias in the condition.
    statements = [f"DELETE FROM {p.name} WHERE {eraser.scope(p, p.name)}" for p in reversed(eraser.plans.values())]
    if eraser.postgres:
        connection.exec_driver_sql(";\n".join(statements))
    else:
        raw = connection.connection.driver_connection
        for statement in statements:
            raw.execute(statement)
