"""The line-operation engine on its own (kit/lines.py), on plain objects: the rules every document's lines
follow. Each document's own tests replay them through the API."""

from __future__ import annotations

from dataclasses import dataclass, field

from nettfin.server.kit.lines import LineBook, apply_line_operations
from nettfin.server.kit.wire import LineOperation


@dataclass
class Line:
    number: int
    text: str = ""


@dataclass
class Document:
    lines: list[Line] = field(default_factory=list)

    def book(self) -> LineBook[Line]:
        def create(number: int) -> Line:
            line = Line(number)
            self.lines.append(line)
            return line

        def apply(line: Line, change: dict, place: str, inserting: bool) -> list[str]:
            text = change.get("text", line.text)
            if text == "bad":
                return ["'Text' is bad."]
            line.text = text
            return []

        return LineBook(
            collection="lines",
            noun="order",
            number=lambda line: line.number,
            renumber=lambda line, number: setattr(line, "number", number),
            create=create,
            remove=self.lines.remove,
            apply=apply,
        )

    def numbers(self) -> list[tuple[int, str]]:
        return sorted((line.number, line.text) for line in self.lines)


INSERT, UPDATE, DELETE = LineOperation.Insert, LineOperation.Update, LineOperation.Delete


def document(*texts: str) -> Document:
    return Document([Line(number, text) for number, text in enumerate(texts, start=1)])


def test_update_insert_and_delete_by_line_number_in_body_order():
    doc = document("a", "b")
    changes = [
        {"operation": UPDATE, "lineNumber": 1, "text": "A"},
        {"operation": DELETE, "lineNumber": 2},
        {"operation": INSERT, "text": "c"},
    ]
    assert apply_line_operations(doc.book(), doc.lines, changes) == []
    # The new line does not take deleted line 2's number: it did not ask for it.
    assert doc.numbers() == [(1, "A"), (3, "c")]


def test_a_line_deleted_in_the_body_may_be_inserted_again_under_its_number():
    doc = document("a", "b")
    changes = [{"operation": DELETE, "lineNumber": 2}, {"operation": INSERT, "lineNumber": 2, "text": "new"}]
    assert apply_line_operations(doc.book(), doc.lines, changes) == []
    assert doc.numbers() == [(1, "a"), (2, "new")]


def test_a_change_without_an_operation_updates_the_line_it_names_or_inserts_one():
    doc = document("a")
    problems = apply_line_operations(
        doc.book(), doc.lines, [{"lineNumber": 1, "text": "A"}, {"lineNumber": 5, "text": "e"}, {"text": "f"}]
    )
    assert problems == []
    assert doc.numbers() == [(1, "A"), (5, "e"), (6, "f")]


def test_every_problem_is_reported_with_its_place_in_the_body():
    doc = document("a")
    changes = [
        {"operation": DELETE, "lineNumber": 7},
        {"operation": INSERT, "lineNumber": 1},
        {"operation": UPDATE},
        {"operation": INSERT, "lineNumber": 0},
        {"lineNumber": 1, "text": "bad"},
    ]
    assert apply_line_operations(doc.book(), doc.lines, changes) == [
        "lines[0]: Line 7 is not on the order.",
        "lines[1]: Line 1 is already on the order.",
        "lines[2]: 'Line number' cannot be empty.",
        "lines[3]: 'Line number' must be 1 or more.",
        "lines[4]: 'Text' is bad.",
    ]


def test_a_line_deleted_twice_is_not_on_the_document_the_second_time():
    doc = document("a")
    problems = apply_line_operations(
        doc.book(), doc.lines, [{"operation": DELETE, "lineNumber": 1}, {"operation": DELETE, "lineNumber": 1}]
    )
    assert problems == ["lines[1]: Line 1 is not on the order."]
