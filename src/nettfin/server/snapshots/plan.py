"""What copying a company's records means, table by table, worked out once from the ORM metadata.

A company's records are every row of a table with a `company_id`, and the rows of the few tables without one
that hang off such a row by a foreign key (a budget article's period amounts, an attachment's revisions). Each
is copied with one `INSERT ... SELECT` (copy.py): the integer primary key shifted by that table's offset (the
copy's ids follow the table's highest id), every foreign key shifted by its target's offset, `company_id` set to
the new company, everything else as it is. Three kinds of reference need more than the metadata says:

- *polymorphic* references (`kind` + row id, no foreign key): an attachment's owner, a location's or contact's
  business account, shifted by the offset of the table their kind names;
- *global identifiers* (a GUID that must be unique in the whole database): re-made for the copy by putting the
  new company's id, in hex, in the GUID's last twelve digits (its version and variant digits stay as they were);
- references to *users* (an employee's login, a work group's member): mapped to the copy's users.

Tables that hold a company's access (its users' roles, its Connect approvals), its traffic (background calls,
webhook deliveries, the request log) or its own test settings are not copied: `NOT_COPIED`, or a model's table
`info={"copied": False}`. `plan()` refuses a table it cannot place, so a new model gets a decision, not a
silent wrong copy (tests/server/snapshots/test_plan.py reads every table).
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field

from sqlalchemy import Integer, String, Table

from ..attachments.models import OwnerKind
from ..db.base import Base
from ..parties.models import CUSTOMER, SUPPLIER

COMPANY = "company"
USERS = "app_user"

NOT_COPIED = frozenset(
    {
        # identity: the copy gets users, roles and approvals of its own (service.py)
        "company_role",
        "connect_grant",
        "connect_code",
        "connect_refresh_token",
        # cache keys: a new company's id was never seen, so its versions start again from nothing
        "data_version",
        # traffic and work in flight: a copy starts with none
        "background_request",
        "webhook_subscription",
        "webhook_delivery",
        "request_log",
        # a company's test settings: faults and the throttle switch are set for the company they are meant for
        "fault_rule",
        "throttle_switch",
    }
)

POLYMORPHIC: dict[tuple[str, str], tuple[str, dict[str, str]]] = {
    ("attachment", "owner_id"): (
        "owner_kind",
        {
            OwnerKind.CUSTOMER_INVOICE: "customer_invoice",
            OwnerKind.SUPPLIER_DOCUMENT: "supplier_document",
            OwnerKind.INVENTORY_ITEM: "inventory_item",
            OwnerKind.JOURNAL_BATCH: "journal_batch",
            OwnerKind.EXPENSE_RECEIPT: "expense_detail",
            OwnerKind.CASH_TRANSACTION: "cash_transaction",
            OwnerKind.SALES_ORDER: "sales_order",
        },
    ),
    ("party_location", "party_id"): ("party_kind", {CUSTOMER: "customer", SUPPLIER: "supplier"}),
    ("contact", "party_id"): ("party_kind", {CUSTOMER: "customer", SUPPLIER: "supplier"}),
}

# GUIDs unique in the whole database (a primary key, or a column the API shows as a record's global id).
GLOBAL_IDS = frozenset(
    {
        ("attachment", "id"),
        ("ui_extension", "internal_id"),
        ("direct_debit_mandate", "public_id"),
        ("department", "public_id"),
        ("dimension_segment", "public_id"),
        ("dimension_segment_value", "public_id"),
        ("project", "public_id"),
    }
)

# Integer columns named like references that are numbers within the company (on the wire as they are), not row ids.
COMPANY_NUMBERS = frozenset(
    {
        ("contact", "contact_id"),
        ("customer_invoice", "contact_id"),
        ("sales_order", "contact_id"),
        ("ledger", "internal_id"),
        ("customer_sales_price", "record_id"),
        ("sales_category", "category_id"),
        ("vat_report_note", "revision_id"),
        ("dimension_segment", "segment_id"),
    }
)


class PlanError(Exception):
    """The metadata has a table or column the copy cannot place: a decision to make in this module."""


@dataclass(frozen=True)
class Column:
    """How one column of the copy is made: `kind` is one of
    "company", "id" (shifted by the table's own offset), "ref" (shifted by `target`'s offset), "poly"
    (shifted by the offset of the table `kinds[row's kind]`), "guid", "user", "same"."""

    name: str
    kind: str
    target: str | None = None
    kind_column: str | None = None
    kinds: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class TablePlan:
    table: Table
    columns: tuple[Column, ...]
    # None: the table's own `company_id`; else (column, parent table): rows whose parent is the company's.
    parent: tuple[str, str] | None
    shifted: bool  # its primary key is an integer `id` that the copy shifts

    @property
    def name(self) -> str:
        return self.table.name


def _is_company_table(table: Table) -> bool:
    return "company_id" in table.columns and table.name != COMPANY


def _copied(table: Table) -> bool:
    return table.name not in NOT_COPIED and table.info.get("copied", True)


@functools.cache
def plan() -> tuple[TablePlan, ...]:
    """Every copied table in foreign-key order (parents first)."""
    plans: list[TablePlan] = []
    placed: dict[str, TablePlan] = {}
    for table in Base.metadata.sorted_tables:
        if not _copied(table):
            continue
        parent = None
        if not _is_company_table(table):
            parent = _parent(table, placed)
            if parent is None:
                continue  # a table of the installation (tenants, users, jobs, keys): not a company's
        table_plan = TablePlan(
            table, tuple(_column(table, column, placed) for column in table.columns), parent, _shifted(table)
        )
        plans.append(table_plan)
        placed[table.name] = table_plan
    return tuple(plans)


def _parent(table: Table, placed: dict[str, TablePlan]) -> tuple[str, str] | None:
    for fk in sorted(table.foreign_keys, key=lambda fk: fk.parent.name):
        if fk.column.table.name in placed and not fk.parent.nullable:
            return fk.parent.name, fk.column.table.name
    return None


def _shifted(table: Table) -> bool:
    keys = list(table.primary_key.columns)
    return len(keys) == 1 and keys[0].name == "id" and isinstance(keys[0].type, Integer)


def _column(table: Table, column, placed: dict[str, TablePlan]) -> Column:
    name, key = column.name, (table.name, column.name)
    if name == "company_id" and _is_company_table(table):
        return Column(name, "company")
    if key in GLOBAL_IDS:
        if not isinstance(column.type, String):
            raise PlanError(f"{table.name}.{name} is listed as a GUID but is not a string column")
        return Column(name, "guid")
    if key in POLYMORPHIC:
        kind_column, kinds = POLYMORPHIC[key]
        return Column(name, "poly", kind_column=kind_column, kinds=kinds)
    if column.foreign_keys:
        (fk,) = column.foreign_keys
        target = fk.column.table.name
        if target == USERS:
            return Column(name, "user")
        if target == COMPANY:
            raise PlanError(f"{table.name}.{name} refers to a company but is not its company_id")
        if target == table.name and column.primary_key:
            return Column(name, "id")
        if target in placed or target == table.name:
            target_plan = placed.get(target)
            if target_plan is not None and not target_plan.shifted:
                guid = next((c for c in target_plan.columns if c.name == fk.column.name), None)
                if guid is not None and guid.kind == "guid":
                    return Column(name, "guid")
                raise PlanError(f"{table.name}.{name} refers to {target}, whose key the copy does not shift")
            if fk.column.name != "id":
                raise PlanError(f"{table.name}.{name} refers to {target}.{fk.column.name}, not to its id")
            return Column(name, "ref", target=target)
        raise PlanError(
            f"{table.name}.{name} refers to {target}, which is not copied: list one of them in NOT_COPIED or "
            "make the reference nullable and decide what the copy holds"
        )
    if column.primary_key and name == "id" and isinstance(column.type, Integer):
        return Column(name, "id")
    if isinstance(column.type, Integer) and name.endswith("_id") and key not in COMPANY_NUMBERS:
        raise PlanError(
            f"{table.name}.{name} looks like a row id without a foreign key: declare it in POLYMORPHIC or "
            "COMPANY_NUMBERS (snapshots/plan.py)"
        )
    return Column(name, "same")
