"""The keyed-row engine on its own (kit/keyed_lines.py), on plain objects: the rules every collection whose rows
are named by a key follows. The inventory item's warehouse details and cross-references replay them through
the API in test_inventory_api.py."""

from __future__ import annotations

from dataclasses import dataclass, field

from nettfin.server.kit.keyed_lines import KeyedBook, apply_keyed_operations, document_key, payment_line_book
from nettfin.server.kit.wire import LineOperation

INSERT, UPDATE, DELETE = LineOperation.Insert, LineOperation.Update, LineOperation.Delete
KNOWN = {"A", "B", "C"}


@dataclass
class Row:
    code: str
    text: str = ""


@dataclass
class Owner:
    rows: list[Row] = field(default_factory=list)
    locked: set[str] = field(default_factory=set)
    reused: list[Row] = field(default_factory=list)

    def book(self) -> KeyedBook[Row, str]:
        def create(code: str, replacing: Row | None) -> tuple[Row | None, list[str]]:
            if code not in KNOWN:
                return None, [f"Group '{code}' cannot be found in the system."]
            if replacing is not None:
                self.reused.append(replacing)
                replacing.text = ""
            row = replacing or Row(code)
            self.rows.append(row)
            return row, []

        def remove(row: Row) -> list[str]:
            if row.code in self.locked:
                return [f"Group '{row.code}' is locked."]
            self.rows.remove(row)
            return []

        def apply(row: Row, change: dict, inserting: bool) -> list[str]:
            text = change.get("text", row.text)
            if text == "bad":
                return ["'Text' is bad."]
            row.text = text
            return []

        return KeyedBook(
            collection="groups",
            where="among the owner's groups",
            key=lambda change: (change.get("code") or "").strip() or None,
            no_key="'Group' cannot be empty.",
            row_key=lambda row: row.code,
            name=lambda code: f"Group '{code}'",
            create=create,
            remove=remove,
            apply=apply,
        )

    def apply(self, changes: list[dict]) -> list[str]:
        return apply_keyed_operations(self.book(), list(self.rows), changes)

    def state(self) -> list[tuple[str, str]]:
        return [(row.code, row.text) for row in self.rows]


def test_insert_update_and_delete_by_key_in_body_order():
    owner = Owner([Row("A", "a"), Row("B", "b")])
    changes = [
        {"operation": UPDATE, "code": "A", "text": "A!"},
        {"operation": DELETE, "code": "B"},
        {"operation": INSERT, "code": "C", "text": "c"},
    ]
    assert owner.apply(changes) == []
    assert owner.state() == [("A", "A!"), ("C", "c")]


def test_without_an_operation_a_change_updates_the_row_it_names_or_inserts_it():
    owner = Owner([Row("A", "a")])
    assert owner.apply([{"code": "A", "text": "A!"}, {"code": " B ", "text": "b"}]) == []
    assert owner.state() == [("A", "A!"), ("B", "b")]


def test_every_problem_is_reported_with_its_place_in_the_body():
    owner = Owner([Row("A", "a")])
    changes = [
        {"operation": INSERT, "code": "A"},
        {"operation": UPDATE, "code": "B"},
        {"operation": DELETE, "code": "C"},
        {"operation": INSERT, "code": "  "},
        {"operation": INSERT, "code": "Z"},
        {"code": "A", "text": "bad"},
    ]
    assert owner.apply(changes) == [
        "groups[0]: Group 'A' is already among the owner's groups.",
        "groups[1]: Group 'B' is not among the owner's groups.",
        "groups[2]: Group 'C' is not among the owner's groups.",
        "groups[3]: 'Group' cannot be empty.",
        "groups[4]: Group 'Z' cannot be found in the system.",
        "groups[5]: 'Text' is bad.",
    ]


def test_a_row_inserted_earlier_in_the_body_is_there_for_the_changes_after_it():
    owner = Owner()
    changes = [{"operation": INSERT, "code": "A"}, {"operation": UPDATE, "code": "A", "text": "a"}]
    assert owner.apply(changes) == []
    assert owner.state() == [("A", "a")]
    assert owner.apply([{"operation": INSERT, "code": "B"}, {"operation": INSERT, "code": "B"}]) == [
        "groups[1]: Group 'B' is already among the owner's groups."
    ]


def test_a_row_deleted_earlier_in_the_body_is_given_back_to_be_reused_when_its_key_is_inserted_again():
    old = Row("A", "old")
    owner = Owner([old])
    changes = [{"operation": DELETE, "code": "A"}, {"operation": INSERT, "code": "A", "text": "new"}]
    assert owner.apply(changes) == []
    assert owner.state() == [("A", "new")] and owner.rows[0] is old and owner.reused == [old]
    assert owner.apply([{"operation": DELETE, "code": "A"}, {"operation": UPDATE, "code": "A"}]) == [
        "groups[1]: Group 'A' is not among the owner's groups."
    ]


def test_a_row_the_book_refuses_to_remove_stays():
    owner = Owner([Row("A", "a")], locked={"A"})
    assert owner.apply([{"operation": DELETE, "code": "A"}, {"operation": UPDATE, "code": "A", "text": "b"}]) == [
        "groups[0]: Group 'A' is locked."
    ]
    assert owner.state() == [("A", "b")]


def test_keys_may_be_pairs():
    rows = [("Barcode", "1"), ("VPN", "1")]

    def create(key: tuple[str, str], replacing: tuple | None) -> tuple[tuple, list[str]]:
        rows.append(key)
        return key, []

    book = KeyedBook(
        collection="crossReferences",
        where="on the item",
        key=lambda change: (change["type"], change["id"]) if change.get("type") and change.get("id") else None,
        no_key="'Alternate type' and 'Alternate ID' cannot be empty.",
        row_key=lambda row: row,
        name=lambda key: f"Cross-reference {key[0]} '{key[1]}'",
        create=create,
        remove=lambda row: rows.remove(row) or [],
        apply=lambda row, change, inserting: [],
    )
    changes = [{"operation": DELETE, "type": "VPN", "id": "1"}, {"operation": UPDATE, "type": "Global", "id": "1"}]
    assert apply_keyed_operations(book, list(rows), changes) == [
        "crossReferences[1]: Cross-reference Global '1' is not on the item."
    ]
    assert rows == [("Barcode", "1")]


@dataclass
class Document:
    document_type: str
    reference_number: str


@dataclass
class PaymentLine:
    document: Document
    amount: int = 0


def payment_book(lines: list[PaymentLine], made: list[PaymentLine]):
    def make(key: tuple[str, str]):
        if key[1] == "NOPE":
            return None, [f"{key[0]} '{key[1]}' cannot be found in the system."]
        line = PaymentLine(Document(*key))
        made.append(line)
        return line, []

    def apply(line: PaymentLine, change: dict, inserting: bool) -> list[str]:
        line.amount = change.get("amountPaid", line.amount)
        return []

    return payment_line_book(
        lines, document_of=lambda line: line.document, name=lambda key: f"{key[0]} '{key[1]}'", make=make, apply=apply
    )


def test_payment_lines_are_keyed_by_document_type_and_number_over_a_plain_list():
    lines: list[PaymentLine] = [PaymentLine(Document("Invoice", "1"), 10)]
    made: list[PaymentLine] = []
    changes = [
        {"operation": INSERT, "documentType": INSERT, "refNbr": " 1 "},
        {"operation": DELETE, "refNbr": "1"},
        {"operation": INSERT, "refNbr": "1", "amountPaid": 5},
        {"operation": UPDATE, "documentType": "CreditNote", "refNbr": "1"},
        {"refNbr": "2", "amountPaid": 7},
        {"refNbr": "NOPE"},
        {"refNbr": "  "},
    ]
    problems = apply_keyed_operations(payment_book(lines, made), list(lines), changes)
    assert problems == [
        "paymentLines[3]: CreditNote '1' is not on the payment.",
        "paymentLines[5]: Invoice 'NOPE' cannot be found in the system.",
        "paymentLines[6]: 'Reference number' cannot be empty.",
    ]
    # The first change names ("Insert", "1"), a document the payment does not have: a new line. The deleted invoice
    # line is appended back when inserted again, with its row kept.
    assert [(x.document.document_type, x.document.reference_number, x.amount) for x in lines] == [
        ("Insert", "1", 0),
        ("Invoice", "1", 5),
        ("Invoice", "2", 7),
    ]
    assert [x.document.reference_number for x in made] == ["1", "2"]


def test_a_document_key_defaults_to_an_invoice_and_reads_an_enum_or_a_text():
    assert document_key({"refNbr": "7"}) == ("Invoice", "7")
    assert document_key({"refNbr": "7", "documentType": INSERT}) == ("Insert", "7")
    assert document_key({"refNbr": "7", "documentType": "CreditNote"}) == ("CreditNote", "7")
    assert document_key({"refNbr": " "}) is None
