"""The line operations of a write body (`invoiceLines`, `lines`, `journalTransactionLines`, ...), one engine for
every document, so every document follows the same rules, in body order:

- `Update` and `Delete` name a line on the document by `lineNumber` (`Line 7 is not on the order.`; without a
  number, `'Line number' cannot be empty.`);
- `Insert` may not name a line on the document (`Line 1 is already on the order.`), but may take the number of a
  line deleted earlier in the same body: deleting line 2 and inserting a new line 2 in one request replaces it;
- without an operation, a change updates the line it names, or inserts one;
- a new line without a number takes the one after every number seen in this body, deleted ones included (a
  deleted line's number is not given to a line that did not ask for it); a number below 1 is refused;
- every problem is prefixed with the change's place in the body (`lines[2]: `), and all are reported.

A line that takes the number of a line deleted in the same body is inserted under a stand-in number (its
number, negated) by the flush that deletes the line it replaces, since a document's line numbers are unique in
the table and a flush inserts before it deletes; right after that flush it takes its number back (the commit
flushes that). Everywhere else, in totals, VAT and messages, it has its own number.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from sqlalchemy import event
from sqlalchemy.orm import Session

from .wire import LineOperation

L = TypeVar("L")
NO_NUMBER = "'Line number' cannot be empty."


@dataclass(frozen=True)
class LineBook(Generic[L]):
    """A document's lines as the engine handles them.

    `collection` is the body's name for them (problems say `invoiceLines[0]: ...`); `noun` what holds them (`Line
    7 is not on the document.`); `number` and `renumber` read and set a line's number; `create(number)` makes a
    line with its defaults and attaches it to the document; `remove(line)` takes one off; `apply(line, change,
    place, inserting)` applies a change's members to a line and returns every problem with them (`place` is the
    change's place in the body, `lines[2]`, for what the document names besides problems); `session` is the one
    the lines are rows of, if they are."""

    collection: str
    noun: str
    number: Callable[[L], int]
    renumber: Callable[[L, int], None]
    create: Callable[[int], L]
    remove: Callable[[L], None]
    apply: Callable[[L, dict, str, bool], list[str]]
    session: Session | None = None


def apply_line_operations(book: LineBook[L], lines: Sequence[L], changes: Sequence[dict]) -> list[str]:
    """Apply a body's line changes to the document's `lines` (see the module's docstring); every problem."""
    problems: list[str] = []
    present: dict[int, L] = {book.number(line): line for line in lines}
    deleted: set[int] = set()
    highest = max(present, default=0)
    for index, change in enumerate(changes):
        place = f"{book.collection}[{index}]"
        where = f"{place}: "
        number = change.get("lineNumber")
        operation = change.get("operation")
        line = present.get(number) if number is not None else None
        if operation in (LineOperation.Update, LineOperation.Delete) and line is None:
            problems.append(where + (f"Line {number} is not on the {book.noun}." if number is not None else NO_NUMBER))
            continue
        if operation == LineOperation.Insert and line is not None:
            problems.append(f"{where}Line {number} is already on the {book.noun}.")
            continue
        if operation == LineOperation.Delete:
            book.remove(present.pop(number))
            deleted.add(number)
            continue
        inserting = line is None
        if inserting:
            if number is not None and number < 1:
                problems.append(f"{where}'Line number' must be 1 or more.")
                continue
            number = number if number is not None else highest + 1
            highest = max(highest, number)
            line = _new_line(book, number, replacing=number in deleted)
            present[number] = line
        problems += [where + problem for problem in book.apply(line, change, place, inserting)]
    return problems


def _new_line(book: LineBook[L], number: int, *, replacing: bool) -> L:
    line = book.create(number)
    if replacing and book.session is not None:
        book.session.info.setdefault(_STAND_INS, []).append((line, number, book.renumber))
    return line


_STAND_INS = "nettfin.line_stand_ins"


@event.listens_for(Session, "before_flush")
def _stand_in(session: Session, _flush_context: Any, _instances: Any) -> None:
    for line, number, renumber in session.info.get(_STAND_INS, ()):
        renumber(line, -number)


@event.listens_for(Session, "after_flush_postexec")
def _settle(session: Session, _flush_context: Any) -> None:
    """The flush deleted the lines the stand-ins replace: they take their numbers (flushed next)."""
    for line, number, renumber in session.info.pop(_STAND_INS, ()):
        renumber(line, number)
