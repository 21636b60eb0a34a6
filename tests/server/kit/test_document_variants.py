"""kit.document_variants: a variant's DTOs are the base's renamed and trimmed, in the base's order, under the
real names; its bodies are rendered from the base's and its write changes mapped back to the base's names."""

from __future__ import annotations

from pydantic import BaseModel

from nettfin.server.kit.document_variants import variant, variant_model
from nettfin.server.kit.wire import Value, WireModel


class Line(BaseModel):
    lineNumber: int
    description: str | None = None
    startDate: str | None = None


class LineUpdate(WireModel):
    lineNumber: Value[int] | None = None
    startDate: Value[str] | None = None


class Document(BaseModel):
    number: str
    invoiceLines: list[Line]
    endDate: str | None = None
    note: str | None = None


class DocumentUpdate(WireModel):
    note: Value[str] | None = None
    billingAddress: Value[str] | None = None
    invoiceLines: list[LineUpdate] | None = None
    endDate: Value[str] | None = None


NOTE = variant(
    Document,
    DocumentUpdate,
    names=("NoteDto", "NoteUpdateDto"),
    renamed={"invoiceLines": "lines"},
    write_renamed={"billingAddress": "invoiceAddress"},
    dropped=frozenset({"endDate"}),
    write_dropped=frozenset({"endDate"}),
    lines=("lines", Line, LineUpdate),
    line_names=("NoteLineDto", "NoteLineUpdateDto"),
    line_dropped=frozenset({"startDate"}),
    line_write_dropped=frozenset({"startDate"}),
)


def test_the_variant_dtos_keep_the_base_order_under_the_new_names():
    assert list(NOTE.read_dto.model_fields) == ["number", "lines", "note"]
    assert list(NOTE.write_dto.model_fields) == ["note", "invoiceAddress", "lines"]
    assert NOTE.read_dto.__name__ == "NoteDto" and issubclass(NOTE.write_dto, WireModel)
    schema = NOTE.read_dto.model_json_schema()
    assert set(schema["$defs"]) == {"NoteLineDto"}
    assert list(schema["$defs"]["NoteLineDto"]["properties"]) == ["lineNumber", "description"]
    assert schema["required"] == ["number", "lines"]


def test_a_body_is_rendered_renamed_and_trimmed_to_the_line():
    base = {"number": "7", "invoiceLines": [{"lineNumber": 1, "startDate": "x"}], "endDate": "y", "note": "n"}
    assert NOTE.render(base) == {"number": "7", "lines": [{"lineNumber": 1}], "note": "n"}


def test_write_changes_come_back_under_the_base_names():
    body = NOTE.write_dto.model_validate(
        {"invoiceAddress": {"value": "Street 1"}, "lines": [{"lineNumber": {"value": 2}}], "endDate": {"value": "z"}}
    )
    changes = NOTE.base_changes(body.changes())
    assert changes["billingAddress"] == "Street 1"
    assert changes["invoiceLines"][0]["lineNumber"] == 2
    # A member the variant does not have is not written: the client is told it was ignored.
    assert "endDate" not in changes and body.ignored_fields() == ["endDate"]


def test_a_model_can_be_copied_under_another_name_alone():
    copied = variant_model(Line, "OtherLine", dropped=frozenset({"description"}))
    assert list(copied.model_fields) == ["lineNumber", "startDate"]
    assert copied(lineNumber=3).lineNumber == 3
