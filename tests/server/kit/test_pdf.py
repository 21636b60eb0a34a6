"""Printouts (kit/pdf.py): the PDF every print route sends is a file a reader opens: the cross-reference table
points at each object, long documents go on to more pages, and text that would end a PDF string is escaped."""

from __future__ import annotations

import re

from nettfin.server.kit.pdf import ROWS_PER_PAGE, pdf_response, render_pdf


def _objects_at_their_offsets(pdf: bytes) -> int:
    start = int(re.search(rb"startxref\n(\d+)\n%%EOF\n$", pdf).group(1))
    assert pdf[start:].startswith(b"xref\n0 ")
    count = int(re.match(rb"xref\n0 (\d+)\n", pdf[start:]).group(1))
    entries = re.findall(rb"(\d{10}) 00000 n \n", pdf[start:])
    assert len(entries) == count - 1
    for number, offset in enumerate(entries, start=1):
        assert pdf[int(offset) :].startswith(f"{number} 0 obj\n".encode()), number
    return count - 1


def test_a_short_printout_is_one_page_with_every_row():
    pdf = render_pdf("Sales order SO 000001", ["Customer: 10001 Nordisk Kaffe AS", "Total: 125.00 NOK"])
    assert pdf.startswith(b"%PDF-1.4\n")
    assert _objects_at_their_offsets(pdf) == 5
    assert b"/Count 1" in pdf
    assert b"(Sales order SO 000001) '" in pdf and b"(Total: 125.00 NOK) '" in pdf


def test_a_long_printout_goes_on_to_more_pages():
    rows = [f"line {n}" for n in range(2 * ROWS_PER_PAGE)]
    pdf = render_pdf("Shipment 000001", rows)
    assert b"/Count 3" in pdf  # the title and a blank row push the last two rows to a third page
    assert _objects_at_their_offsets(pdf) == 1 + 1 + 3 * 2 + 1
    assert pdf.count(b"/Type /Page ") == 3
    assert b"(line 107) '" in pdf


def test_text_that_would_end_the_string_is_escaped_and_letters_keep_their_encoding():
    pdf = render_pdf("Faktura (kopi)", ["Back\\slash", "Blåbær € ✓", "two\nrows"])
    assert b"(Faktura \\(kopi\\)) '" in pdf
    assert b"(Back\\\\slash) '" in pdf
    assert "(Blåbær € ?) '".encode("cp1252") in pdf
    assert b"(two rows) '" in pdf
    _objects_at_their_offsets(pdf)


def test_the_response_is_a_pdf_shown_inline_under_a_safe_name():
    response = pdf_response(b"%PDF-1.4\n", 'invoice "1"/2.pdf')
    assert response.media_type == "application/pdf"
    assert response.headers["content-disposition"] == 'inline; filename="invoice--1--2.pdf"'
