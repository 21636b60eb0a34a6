"""Printouts: a document's print report as the PDF the service sends (`.../print`, `printOrder`,
`printPickList`, ...). Plain rows of text in Courier on A4 pages, as many pages as the rows need; no layout
engine, no dependency. Text is written in WinAnsiEncoding (cp1252: Norwegian, Swedish, Danish and Finnish
letters, the euro sign); a character it lacks prints as `?`."""

from __future__ import annotations

from starlette.responses import Response

ROWS_PER_PAGE = 54
_TOP = 800
_LEADING = 14


def render_pdf(title: str, rows: list[str]) -> bytes:
    """A valid PDF 1.4 file: the title, a blank row and the rows, split over pages of ROWS_PER_PAGE rows."""
    every = [title, "", *rows]
    pages = [every[i : i + ROWS_PER_PAGE] for i in range(0, len(every), ROWS_PER_PAGE)]
    font = 3 + 2 * len(pages)  # catalog 1, pages 2, then a page and its content per page, then the font
    kids = " ".join(f"{3 + 2 * i} 0 R" for i in range(len(pages)))
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        f"<< /Type /Pages /Kids [{kids}] /Count {len(pages)} >>".encode(),
    ]
    for i, page in enumerate(pages):
        content = 4 + 2 * i
        objects.append(
            f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents {content} 0 R "
            f"/Resources << /Font << /F1 {font} 0 R >> >> >>".encode()
        )
        text = [f"BT /F1 10 Tf 40 {_TOP} Td {_LEADING} TL"] + [f"({_escape(row)}) '" for row in page] + ["ET"]
        stream = "\n".join(text).encode("cp1252")
        objects.append(b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream + b"\nendstream")
    objects.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Courier /Encoding /WinAnsiEncoding >>")
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{offset:010d} 00000 n \n".encode() for offset in offsets)
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


def pdf_response(pdf: bytes, filename: str) -> Response:
    """The printout as the response: application/pdf, shown inline under the file name given."""
    safe = "".join(c if c.isalnum() or c in "-_." else "-" for c in filename)
    return Response(pdf, media_type="application/pdf", headers={"Content-Disposition": f'inline; filename="{safe}"'})


# The OpenAPI `responses` of a print route.
PDF_RESPONSES = {200: {"content": {"application/pdf": {}}, "description": "The document as a PDF."}}


def _escape(row: str) -> str:
    row = row.encode("cp1252", "replace").decode("cp1252")
    return row.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)").replace("\r", " ").replace("\n", " ")
