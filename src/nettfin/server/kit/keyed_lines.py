"""The operations of a write body's collection whose rows are named by a key rather than a line number (an
item's `warehouseDetails` by warehouse, its `crossReferences` by alternate type and ID, an employee's work
groups by `workGroupID`, a segment's `segmentValues` by value id, a payment's `paymentLines` by document type
and number), one engine for every such collection, in body order:

- every change names a row by its key (`book.key`); one that names none is refused (`book.no_key`);
- `Update` and `Delete` name a row that is there (`Warehouse '2' is not on the item.`), `Insert` one that is not
  (`Warehouse '1' is already on the item.`); without an operation, a change updates the row it names, or
  inserts it;
- a row deleted earlier in the same body may be inserted again: the book gets the deleted row back to reuse
  (a table whose rows are unique by key must, since a flush inserts before it deletes);
- every problem is prefixed with the change's place in the body (`warehouseDetails[2]: `), and all are
  reported.

What a row is (an ORM row, a dict in a JSON column) and what its key is (a code, a pair) is the book's.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from .wire import LineOperation

R = TypeVar("R")
K = TypeVar("K", bound=Hashable)


@dataclass(frozen=True)
class KeyedBook(Generic[R, K]):
    """A collection of keyed rows as the engine handles them.

    `collection` is the body's name for them (problems say `crossReferences[0]: ...`); `where` says where the
    rows are (`Warehouse '2' is not on the item.`, `... is not among the employee's work groups.`); `key(change)`
    is the key a change names, None when it names none, and `no_key` the problem then; `row_key(row)` is a
    row's key and `name(key)` how messages name it (`Warehouse '2'`).

    `create(key, replacing)` makes the row a new key names and attaches it, or returns the problems that stop
    it (`Warehouse '9' cannot be found in the system.`); `replacing` is the row with that key deleted earlier in
    the same body, None otherwise. `remove(row)` takes a row off, or returns why it may not. `apply(row,
    change, inserting)` applies a change's members to a row and returns every problem with them."""

    collection: str
    where: str
    key: Callable[[dict], K | None]
    no_key: str
    row_key: Callable[[R], K]
    name: Callable[[K], str]
    create: Callable[[K, R | None], tuple[R | None, list[str]]]
    remove: Callable[[R], list[str]]
    apply: Callable[[R, dict, bool], list[str]]


def apply_keyed_operations(book: KeyedBook[R, K], rows: Sequence[R], changes: Sequence[dict]) -> list[str]:
    """Apply a body's changes to the keyed `rows` (see the module's docstring); every problem."""
    problems: list[str] = []
    present: dict[K, R] = {book.row_key(row): row for row in rows}
    deleted: dict[K, R] = {}
    for index, change in enumerate(changes):
        place = f"{book.collection}[{index}]: "
        key = book.key(change)
        if key is None:
            problems.append(place + book.no_key)
            continue
        row = present.get(key)
        operation = change.get("operation")
        if operation in (LineOperation.Update, LineOperation.Delete) and row is None:
            problems.append(f"{place}{book.name(key)} is not {book.where}.")
            continue
        if operation == LineOperation.Insert and row is not None:
            problems.append(f"{place}{book.name(key)} is already {book.where}.")
            continue
        if operation == LineOperation.Delete:
            refused = book.remove(row)
            if refused:
                problems += [place + problem for problem in refused]
            else:
                deleted[key] = present.pop(key)
            continue
        inserting = row is None
        if inserting:
            row, refused = book.create(key, deleted.pop(key, None))
            if row is None:
                problems += [place + problem for problem in refused]
                continue
            present[key] = row
        problems += [place + problem for problem in book.apply(row, change, inserting)]
    return problems


def list_book(
    rows: list[R],
    *,
    collection: str,
    where: str,
    key: Callable[[dict], K | None],
    no_key: str,
    row_key: Callable[[R], K],
    name: Callable[[K], str],
    make: Callable[[K], tuple[R | None, list[str]]],
    apply: Callable[[R, dict, bool], list[str]],
) -> KeyedBook[R, K]:
    """A book over a plain list of rows (an ORM collection such as a payment's lines): `make(key)` makes the row a
    new key names (or returns the problems that stop it) and the book appends it; a row deleted earlier in the same
    body is appended back; removing a row takes it out of the list."""

    def create(new_key: K, replacing: R | None) -> tuple[R | None, list[str]]:
        row, problems = (replacing, []) if replacing is not None else make(new_key)
        if row is not None:
            rows.append(row)
        return row, problems

    def remove(row: R) -> list[str]:
        rows.remove(row)
        return []

    return KeyedBook(collection, where, key, no_key, row_key, name, create, remove, apply)


def document_key(change: dict) -> tuple[str, str] | None:
    """The document a payment line names: (`documentType`, default Invoice; `refNbr`); None without a number."""
    number = (change.get("refNbr") or "").strip()
    kind = change.get("documentType")
    return (getattr(kind, "value", kind) or "Invoice", number) if number else None


def payment_line_book(
    rows: list[R],
    *,
    document_of: Callable[[R], Any],
    name: Callable[[tuple[str, str]], str],
    make: Callable[[tuple[str, str]], tuple[R | None, list[str]]],
    apply: Callable[[R, dict, bool], list[str]],
) -> KeyedBook[R, tuple[str, str]]:
    """A payment's `paymentLines`, each naming the document it applies (`document_of(line)`) by type and number."""
    return list_book(
        rows,
        collection="paymentLines",
        where="on the payment",
        key=document_key,
        no_key="'Reference number' cannot be empty.",
        row_key=lambda line: (document_of(line).document_type, document_of(line).reference_number),
        name=name,
        make=make,
        apply=apply,
    )
