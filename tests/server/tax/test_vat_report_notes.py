"""VAT report notes through the app on both databases: `PUT /v1/vat/{vendorCd}/{taxPeriodId}/{revisionId}` (the
header's note) and `.../{lineNumber}` (a line's), named by a VAT agency (a supplier), a tax period (a financial
period) and a revision; checked against the real vat document's `UpdateNoteDto`."""

from __future__ import annotations

from sqlalchemy import select

from nettfin.server.tax.models import VatReportNote
from tests.ledger_factories import real_properties
from tests.supplier_ledger_factories import books

HEADER = "/vat/50000/201911/1"


def notes(tenant) -> list[tuple[str, str, int, int, str | None, int]]:
    with tenant.database.reading() as session:
        rows = session.scalars(
            select(VatReportNote).where(VatReportNote.company_id == tenant.company_id).order_by(VatReportNote.id)
        )
        return [(n.agency, n.tax_period_id, n.revision_id, n.line_number, n.note, n.row_version) for n in rows]


def note(text) -> dict:
    return {"note": {"value": text}}


def test_the_body_is_the_real_update_note_dto():
    assert real_properties("vat", "UpdateNoteDto") == set(note("x"))


def test_a_header_note_and_a_line_note_are_kept_and_written_again_in_place(tenant):
    books(tenant)
    response = tenant.put(HEADER, note("Checked against the bank"))
    assert response.status_code == 204, response.text
    assert response.headers["ETag"]
    assert tenant.put(f"{HEADER}/3", note("Line three: reverse charge")).status_code == 204
    assert tenant.put(HEADER, note("Checked twice")).status_code == 204
    assert notes(tenant) == [
        ("50000", "201911", 1, 0, "Checked twice", 2),
        ("50000", "201911", 1, 3, "Line three: reverse charge", 1),
    ]
    # A revision is a report of its own; an empty or null note clears it.
    assert tenant.put("/vat/50000/201911/2", note("Second revision")).status_code == 204
    assert tenant.put(HEADER, note("")).status_code == 204
    assert tenant.put(f"{HEADER}/3", note(None)).status_code == 204
    assert [(n[2], n[3], n[4]) for n in notes(tenant)] == [(1, 0, None), (1, 3, None), (2, 0, "Second revision")]


def test_a_report_or_line_that_cannot_be_is_404_and_a_bad_body_400_with_nothing_written(tenant):
    books(tenant)
    for path, part in (
        ("/vat/99999/201911/1", "VAT agency '99999'"),
        ("/vat/50000/209913/1", "Tax period '209913'"),
        ("/vat/50000/201911/0", "Revision '0'"),
        ("/vat/50000/201911/x", "Revision 'x'"),
        ("/vat/50000/201911/1/0", "Line '0'"),
        ("/vat/50000/201911/1/99999999999", "Line '99999999999'"),
    ):
        response = tenant.put(path, note("x"))
        assert response.status_code == 404, path
        report = path.removeprefix("/vat/")
        assert f"VAT report '{report}' not found. {part} does not exist." in response.json()["message"]
    response = tenant.put(HEADER, {})
    assert response.status_code == 400
    assert "'Note' cannot be empty." in response.json()["message"]
    too_long = tenant.put(HEADER, note("x" * 4001))
    assert too_long.status_code == 400
    assert "'Note' is too long: at most 4000 characters" in too_long.json()["message"]
    assert tenant.put(HEADER, {"note": {"value": 7}}).status_code == 400
    assert notes(tenant) == []


def test_one_company_never_writes_another_companys_notes(tenant, other_tenant):
    books(tenant)
    assert tenant.put(HEADER, note("Ours")).status_code == 204
    assert other_tenant.put(HEADER, note("Theirs")).status_code == 404
    assert [n[4] for n in notes(tenant)] == ["Ours"]
