"""Attachments (reference section 3.17), replaying the knowledge base's "Attachments" article: its `WebClient`
and `HttpClient` samples upload to `{endpoint}/{objectID}/Attachment`, byte for byte, and the files read back.

Also: every upload path nettfin serves, revisions, line-level attachments, the documents' `attachments` lists,
`PUT /attachment/{id}`, company isolation, and the failures that must leave nothing behind (unknown record,
oversized file, malformed or interrupted body)."""

from __future__ import annotations

import hashlib
import re
import uuid

import anyio
import pytest
from starlette.testclient import TestClient

from nettfin.server.app import LEGACY_PREFIX, create_app
from nettfin.server.settings import Settings
from tests.attachment_factories import (
    PDF,
    attachment_id,
    blob_files,
    httpclient_upload,
    seed_headers,
    stored,
    upload,
    webclient_upload,
)
from tests.conftest import make_tenant
from tests.factories import new_number
from tests.party_factories import assert_real
from tests.sales_factories import add_trading_company
from tests.sales_factories import invoice_body as customer_invoice_body
from tests.supplier_ledger_factories import books, invoice_body, invoice_line, journal_body, journal_line

GUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")


@pytest.fixture
def company(database, client):
    """The demo company's set-up: supplier 50000, item `test*test`, the chart and periods."""
    return books(make_tenant(database, client))


@pytest.fixture
def sales(database, client):
    tenant = make_tenant(database, client)
    add_trading_company(tenant)
    return tenant


@pytest.fixture
def blobs(client):
    return client.app.state.blobs


def _supplier_invoice(tenant, lines: int = 1) -> str:
    return new_number(tenant.post("/supplierInvoice", invoice_body(*[invoice_line() for _ in range(lines)])))


def _unique(text: str = "") -> bytes:
    return PDF + f"% {text} {uuid.uuid4()}\n".encode()


# --- the article's two clients ------------------------------------------------------------------------------


def test_the_webclient_sample_uploads_to_the_capitalised_attachment_path_and_the_file_reads_back(company, blobs):
    number = _supplier_invoice(company)
    content = _unique("webclient")
    shape, body = webclient_upload("Faktura 2019-11.pdf", content)
    response = company.client.post(
        f"{LEGACY_PREFIX}/v1/supplierInvoice/{number}/Attachment",
        content=body,
        headers={**seed_headers(company), **shape},
    )
    assert response.status_code == 201, response.text
    assert response.content == b""
    location = response.headers["Location"]
    assert location.startswith(f"http://testserver{LEGACY_PREFIX}/v1/attachment/")
    guid = location.rsplit("/", 1)[-1]
    assert GUID.match(guid)

    read = company.get(f"/attachment/{guid}")
    assert read.status_code == 200
    assert read.content == content
    assert read.headers["content-type"] == "application/pdf"
    assert 'filename="Faktura 2019-11.pdf"' in read.headers["content-disposition"]
    # Content-addressed: the bytes are stored once, under their SHA-256.
    assert blobs.path(hashlib.sha256(content).hexdigest()).read_bytes() == content


def test_the_httpclient_sample_with_a_quoted_guid_boundary_attaches_to_a_customer_invoice(sales):
    number = new_number(sales.post("/customerinvoice", customer_invoice_body()))
    content = _unique("httpclient")
    shape, body = httpclient_upload("kvittering.png", content)
    response = sales.client.post(
        f"/v1/customerinvoice/{number}/Attachment", content=body, headers={**seed_headers(sales), **shape}
    )
    guid = attachment_id(response)
    read = sales.get(f"/attachment/{guid}")
    assert (read.content, read.headers["content-type"]) == (content, "image/png")
    assert sales.get(f"/customerinvoice/{number}").json()["attachments"] == [
        {"name": "kvittering.png", "id": guid, "revision": 1}
    ]


def test_the_rfc_5987_file_name_dotnet_writes_wins_over_the_plain_one(sales):
    number = new_number(sales.post("/customerinvoice", customer_invoice_body()))
    disposition = "form-data; name=file; filename=Kvittering_bla.pdf; filename*=utf-8''Kvittering%20bl%C3%A5.pdf"
    shape, body = httpclient_upload("ignored", _unique(), disposition=disposition)
    guid = attachment_id(
        sales.client.post(
            sales.url(f"/customerinvoice/{number}/attachment"), content=body, headers={**seed_headers(sales), **shape}
        )
    )
    assert (
        "filename*=utf-8''Kvittering%20bl%C3%A5.pdf" in sales.get(f"/attachment/{guid}").headers["content-disposition"]
    )
    assert sales.get(f"/customerinvoice/{number}").json()["attachments"][0]["name"] == "Kvittering blå.pdf"


def test_any_part_name_is_the_file_as_long_as_it_has_a_file_name(company):
    """ON-IT names the part `v`; a browser's full path (`C:\\...`) is cut to the file name."""
    boundary = "onit"
    body = (
        (
            f"--{boundary}\r\n"
            'Content-Disposition: form-data; name="v"; filename="C:\\Users\\kari\\vare.jpg"\r\n'
            "Content-Type: image/jpeg\r\n\r\n"
        ).encode()
        + b"\xff\xd8\xff\xe0JFIF"
        + f"\r\n--{boundary}--\r\n".encode()
    )
    response = company.client.post(
        company.url("/inventory/test*test/attachment"),
        content=body,
        headers={**company.headers, "Content-Type": f"multipart/form-data; boundary={boundary}"},
    )
    guid = attachment_id(response)
    read = company.get(f"/attachment/{guid}")
    assert (read.content, read.headers["content-type"]) == (b"\xff\xd8\xff\xe0JFIF", "image/jpeg")
    assert company.get("/inventory/test*test").json()["attachments"] == [
        {"name": "vare.jpg", "id": guid, "revision": 1}
    ]


# --- revisions and where attachments show -------------------------------------------------------------------


def test_the_same_file_name_again_is_a_new_revision_of_the_same_attachment(company):
    number = _supplier_invoice(company)
    first = attachment_id(upload(company, f"/supplierInvoice/{number}/attachment", "scan.pdf", _unique("one")))
    latest = _unique("two")
    # The name matches case-insensitively, as file names do on the service's Windows side.
    second = attachment_id(upload(company, f"/supplierInvoice/{number}/attachment", "SCAN.pdf", latest))
    other = attachment_id(upload(company, f"/supplierInvoice/{number}/attachment", "other.pdf", _unique()))

    assert second == first and other != first
    assert company.get(f"/attachment/{first}").content == latest
    attachments = company.get(f"/supplierInvoice/{number}").json()["attachments"]
    assert attachments == [
        {"name": "other.pdf", "id": other, "revision": 1},
        {"name": "SCAN.pdf", "id": first, "revision": 2},
    ]
    assert stored(company) == (2, 3)


def test_line_attachments_show_on_their_line_and_not_on_the_header(company):
    number = _supplier_invoice(company, lines=2)
    guid = attachment_id(upload(company, f"/supplierInvoice/{number}/2/attachment", "line2.pdf"))
    document = company.get(f"/supplierInvoice/{number}").json()
    assert document["attachments"] == []
    assert [line["attachments"] for line in document["invoiceLines"]] == [
        [],
        [{"name": "line2.pdf", "id": guid, "revision": 1}],
    ]


@pytest.mark.parametrize("line", [None, 1])
def test_the_document_type_paths_attach_to_that_type_of_document(company, line):
    number = _supplier_invoice(company)
    suffix = "" if line is None else f"/{line}"
    guid = attachment_id(upload(company, f"/supplierInvoice/documentType/Invoice/{number}{suffix}/attachment"))
    document = company.get(f"/supplierInvoice/Invoice/{number}").json()
    where = document["attachments"] if line is None else document["invoiceLines"][0]["attachments"]
    assert [a["id"] for a in where] == [guid]
    wrong_type = upload(company, f"/supplierInvoice/documentType/CreditAdj/{number}/attachment")
    assert wrong_type.status_code == 404


def test_journal_transactions_take_attachments_on_the_v2_module_path(company):
    number = new_number(
        company.post(
            "/journaltransaction", journal_body(journal_line("6800", debit="5"), journal_line("1920", credit="5"))
        )
    )
    v2 = f"{LEGACY_PREFIX}/v2/journaltransaction/module/GL/{number}"
    shape, body = webclient_upload("bilag.pdf", _unique())
    response = company.client.post(f"{v2}/attachment", content=body, headers={**seed_headers(company), **shape})
    header = attachment_id(response)
    # Location names the attachment under v1, where it is read.
    assert f"{LEGACY_PREFIX}/v1/attachment/{header}" in response.headers["Location"]
    response = company.client.post(f"{v2}/2/attachment", content=body, headers={**seed_headers(company), **shape})
    line = attachment_id(response)
    batch = company.get(f"/journaltransaction/{number}").json()
    assert [a["id"] for a in batch["attachments"]] == [header]
    assert [[a["id"] for a in x["attachments"]] for x in batch["journalTransactionLines"]] == [[], [line]]

    wrong_module = company.client.post(
        f"{LEGACY_PREFIX}/v2/journaltransaction/module/AP/{number}/attachment",
        content=body,
        headers={**seed_headers(company), **shape},
    )
    assert wrong_module.status_code == 404


def test_lists_show_attachments_when_asked_and_leave_them_out_otherwise(sales):
    number = new_number(sales.post("/customerinvoice", customer_invoice_body()))
    guid = attachment_id(upload(sales, f"/customerinvoice/{number}/1/attachment", "linje.pdf"))

    plain = sales.get("/customerinvoice").json()[0]
    assert "attachments" not in plain and "attachments" not in plain["invoiceLines"][0]
    expanded = sales.get("/customerinvoice", params={"expandAttachments": "true"}).json()[0]
    assert expanded["attachments"] == []
    assert expanded["invoiceLines"][0]["attachments"] == [{"name": "linje.pdf", "id": guid, "revision": 1}]


def test_supplier_invoice_and_journal_lists_expand_attachments_on_request(company):
    number = _supplier_invoice(company)
    guid = attachment_id(upload(company, f"/supplierInvoice/{number}/attachment"))
    assert "attachments" not in company.get("/supplierInvoice").json()[0]
    listed = company.get("/supplierInvoice", params={"expandAttachment": "true"}).json()
    assert [a["id"] for d in listed for a in d["attachments"]] == [guid]

    batch = new_number(
        company.post(
            "/journaltransaction", journal_body(journal_line("6800", debit="5"), journal_line("1920", credit="5"))
        )
    )
    shape, body = webclient_upload("bilag.pdf", _unique())
    url = f"{LEGACY_PREFIX}/v2/journaltransaction/module/GL/{batch}/attachment"
    guid = attachment_id(company.client.post(url, content=body, headers={**seed_headers(company), **shape}))
    rows = company.get("/journaltransaction", params={"expandAttachments": "true"}).json()
    assert guid in [a["id"] for row in rows for a in row["attachments"] or []]
    assert all("attachments" not in row for row in company.get("/journaltransaction").json())


def test_an_upload_changes_the_records_etag_and_a_stale_if_match_stores_nothing(company):
    number = _supplier_invoice(company)
    before = company.get(f"/supplierInvoice/{number}").headers["ETag"]
    response = upload(company, f"/supplierInvoice/{number}/attachment")
    attachment_id(response)
    assert response.headers["ETag"] != before
    assert company.get(f"/supplierInvoice/{number}").headers["ETag"] == response.headers["ETag"]

    stale = upload(company, f"/supplierInvoice/{number}/attachment", "two.pdf", _unique(), **{"If-Match": before})
    assert stale.status_code == 412
    assert stored(company) == (1, 1)


def test_items_filter_on_when_their_attachments_changed(company):
    attachment_id(upload(company, "/inventory/test*test/attachment"))
    since = {"attachmentLastModifiedDateTime": "2020-01-01", "attachmentLastModifiedDateTimeCondition": ">"}
    assert [i["inventoryNumber"] for i in company.get("/inventory", params=since).json()] == ["test*test"]
    future = {**since, "attachmentLastModifiedDateTime": "2999-01-01"}
    assert company.get("/inventory", params=future).json() == []


# --- PUT /attachment/{id} -----------------------------------------------------------------------------------


def test_put_sets_send_to_autoinvoice_with_204(sales):
    from nettfin.server.attachments.models import Attachment

    number = new_number(sales.post("/customerinvoice", customer_invoice_body()))
    guid = attachment_id(upload(sales, f"/customerinvoice/{number}/attachment"))
    response = sales.put(f"/attachment/{guid}", {"sendToAutoinvoice": {"value": True}})
    assert (response.status_code, response.content) == (204, b"")
    with sales.database.reading() as session:
        assert session.get(Attachment, guid).send_to_autoinvoice is True


def test_an_unknown_or_malformed_attachment_id_is_a_clear_404_or_400(company):
    missing = company.get(f"/attachment/{uuid.uuid4()}")
    assert missing.status_code == 404 and "not found" in missing.json()["message"]
    malformed = company.put("/attachment/not-a-guid", {"sendToAutoinvoice": {"value": True}})
    assert malformed.status_code == 400
    assert "is not an attachment id" in malformed.json()["message"]


def test_attachments_of_another_company_are_not_found(company, database, client):
    number = _supplier_invoice(company)
    guid = attachment_id(upload(company, f"/supplierInvoice/{number}/attachment"))
    stranger = make_tenant(database, client)
    assert stranger.get(f"/attachment/{guid}").status_code == 404
    assert stranger.put(f"/attachment/{guid}", {"sendToAutoinvoice": {"value": True}}).status_code == 404
    # Nor can a stranger attach to the document by its number.
    assert upload(stranger, f"/supplierInvoice/{number}/attachment").status_code == 404


# --- failures leave nothing behind --------------------------------------------------------------------------


def test_an_unknown_document_or_line_is_404_and_leaves_no_blob(company, blobs):
    number = _supplier_invoice(company)
    before = blob_files(blobs.root)
    unknown = upload(company, "/supplierInvoice/999999/attachment")
    assert unknown.status_code == 404 and "999999" in unknown.json()["message"]
    no_line = upload(company, f"/supplierInvoice/{number}/7/attachment")
    assert no_line.status_code == 404
    assert no_line.json()["message"].endswith(f"Supplier Invoice '{number}' has no line 7.")
    assert blob_files(blobs.root) == before
    assert stored(company) == (0, 0)


def test_a_body_that_is_not_multipart_is_415(company):
    number = _supplier_invoice(company)
    response = company.post(f"/supplierInvoice/{number}/attachment", {"file": "x"})
    assert response.status_code == 415
    assert "multipart/form-data" in response.json()["message"]


@pytest.mark.parametrize(
    ("body", "problem"),
    [
        (b'--b\r\nContent-Disposition: form-data; name="note"\r\n\r\nhello\r\n--b--\r\n', "no file part"),
        (
            b'--b\r\nContent-Disposition: form-data; name="a"; filename="a.txt"\r\n\r\nA\r\n'
            b'--b\r\nContent-Disposition: form-data; name="b"; filename="b.txt"\r\n\r\nB\r\n--b--\r\n',
            "more than one file part",
        ),
        (b'--b\r\nContent-Disposition: form-data; name="f"; filename="a.txt"\r\n\r\nhalf a fi', "incomplete"),
        (
            b'--b\r\nContent-Disposition: form-data; name="f"; filename="'
            + b"x" * 300
            + b'.pdf"\r\n\r\nA\r\n--b--\r\n',
            "The file name is 304 characters long; at most 255 are accepted.",
        ),
        (
            b'--b\r\nContent-Disposition: form-data; name="f"; filename="a.txt"\r\n\r\nA\r\n'
            b'--b\r\nContent-Disposition: form-data; name="metadata"\r\n\r\n{not json\r\n--b--\r\n',
            "'metadata' part is not valid JSON",
        ),
    ],
)
def test_a_malformed_upload_is_400_naming_the_problem_and_keeps_nothing(company, blobs, body, problem):
    number = _supplier_invoice(company)
    before = blob_files(blobs.root)
    response = company.client.post(
        company.url(f"/supplierInvoice/{number}/attachment"),
        content=body,
        headers={**company.headers, "Content-Type": "multipart/form-data; boundary=b"},
    )
    assert response.status_code == 400
    assert problem in response.json()["message"]
    assert blob_files(blobs.root) == before
    assert stored(company) == (0, 0)


@pytest.fixture
def small_limit(database, tmp_path):
    app = create_app(Settings(data_dir=tmp_path, attachment_max_bytes=1000), database=database)
    with TestClient(app, raise_server_exceptions=False) as test_client:
        yield test_client


def test_a_file_over_the_limit_is_413_and_nothing_is_kept(database, small_limit):
    tenant = books(make_tenant(database, small_limit))
    number = _supplier_invoice(tenant)
    blobs = small_limit.app.state.blobs
    fits = upload(tenant, f"/supplierInvoice/{number}/attachment", "small.pdf", b"x" * 1000)
    attachment_id(fits)

    too_big = upload(tenant, f"/supplierInvoice/{number}/attachment", "big.pdf", b"x" * 1001)
    assert too_big.status_code == 413
    assert too_big.json()["message"].endswith(
        "The file is too large. An attachment may be at most 1000 bytes (1000 bytes); nothing was saved."
    )
    assert stored(tenant) == (1, 1)
    assert blobs.temporaries() == []
    assert len(blob_files(blobs.root)) == 1


def test_a_declared_length_over_the_limit_is_refused_before_the_body_is_read(database, small_limit):
    tenant = books(make_tenant(database, small_limit))
    number = _supplier_invoice(tenant)
    shape, body = webclient_upload("big.pdf", b"x" * 2_000_000)
    response = small_limit.post(
        tenant.url(f"/supplierInvoice/{number}/attachment"), content=body, headers={**seed_headers(tenant), **shape}
    )
    assert response.status_code == 413
    assert stored(tenant) == (0, 0)


def test_an_upload_interrupted_mid_body_leaves_nothing(company, client, blobs):
    """The client goes away half way: no attachment, no blob, no temporary file."""
    number = _supplier_invoice(company)
    before = blob_files(blobs.root)
    shape, body = webclient_upload("cut.pdf", b"y" * 300_000)
    messages = [
        {"type": "http.request", "body": body[:100_000], "more_body": True},
        {"type": "http.request", "body": body[100_000:200_000], "more_body": True},
        {"type": "http.disconnect"},
    ]
    headers = {**seed_headers(company), **shape, "Content-Length": str(len(body))}
    scope = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": "POST",
        "scheme": "http",
        "path": f"{LEGACY_PREFIX}/v1/supplierInvoice/{number}/attachment",
        "raw_path": b"",
        "query_string": b"",
        "root_path": "",
        "headers": [(k.lower().encode(), v.encode()) for k, v in headers.items()],
        "client": ("127.0.0.1", 50000),
        "server": ("testserver", 80),
    }
    sent = []

    async def receive():
        return messages.pop(0) if messages else {"type": "http.disconnect"}

    async def send(message):
        sent.append(message)

    anyio.run(client.app, scope, receive, send)
    assert stored(company) == (0, 0)
    assert blob_files(blobs.root) == before
    assert blobs.temporaries() == []


# --- the real documents -------------------------------------------------------------------------------------


def test_documents_with_attachments_are_valid_real_dtos(company, sales):
    number = _supplier_invoice(company)
    attachment_id(upload(company, f"/supplierInvoice/{number}/attachment"))
    attachment_id(upload(company, f"/supplierInvoice/{number}/1/attachment"))
    attachment_id(upload(company, "/inventory/test*test/attachment"))
    invoice = new_number(sales.post("/customerinvoice", customer_invoice_body()))
    attachment_id(upload(sales, f"/customerinvoice/{invoice}/attachment"))
    attachment_id(upload(sales, f"/customerinvoice/{invoice}/2/attachment"))

    assert_real(company.get(f"/supplierInvoice/{number}").json(), "supplierinvoice", "SupplierInvoiceDto")
    assert_real(company.get("/inventory/test*test").json(), "inventory", "InventoryDto")
    assert_real(sales.get(f"/customerinvoice/{invoice}").json(), "customerinvoice", "CustomerInvoiceDto")
    for listed in sales.get("/customerinvoice", params={"expandAttachments": "false"}).json():
        assert_real(listed, "customerinvoice", "CustomerInvoiceDto")

    body = journal_body(journal_line("6800", debit="5"), journal_line("1920", credit="5"))
    batch = new_number(company.post("/journaltransaction", body))
    shape, content = webclient_upload("bilag.pdf", _unique())
    url = f"{LEGACY_PREFIX}/v2/journaltransaction/module/GL/{batch}/1/attachment"
    attachment_id(company.client.post(url, content=content, headers={**seed_headers(company), **shape}))
    assert_real(company.get(f"/journaltransaction/{batch}").json(), "journaltransactionv2", "JournalTransactionDto")


# --- attachments go with their records ----------------------------------------------------------------------


def test_deleting_a_document_or_a_line_deletes_their_attachments(company):
    number = _supplier_invoice(company, lines=2)
    header = attachment_id(upload(company, f"/supplierInvoice/{number}/attachment", "header.pdf"))
    line = attachment_id(upload(company, f"/supplierInvoice/{number}/2/attachment", "line.pdf"))

    # Line 2 goes, and a new line takes number 2 again: it must not inherit the old line's attachment.
    body = {"invoiceLines": [{"operation": "Delete", "lineNumber": {"value": 2}}]}
    assert company.put(f"/supplierInvoice/{number}", body).status_code == 204
    body = {"invoiceLines": [invoice_line()]}
    assert company.put(f"/supplierInvoice/{number}", body).status_code == 204
    document = company.get(f"/supplierInvoice/{number}").json()
    assert [x["lineNumber"] for x in document["invoiceLines"]] == [1, 2]
    assert [x["attachments"] for x in document["invoiceLines"]] == [[], []]
    assert company.get(f"/attachment/{line}").status_code == 404
    assert stored(company) == (1, 1)

    assert company.client.delete(company.url(f"/supplierInvoice/{number}"), headers=company.headers).status_code == 204
    assert company.get(f"/attachment/{header}").status_code == 404
    assert stored(company) == (0, 0)


def test_the_sweep_removes_old_unreferenced_bytes_and_keeps_what_revisions_or_uploads_in_flight_need(
    company, client, blobs, database_url
):
    """`nettfin db sweep-attachments`: bytes a failed commit left behind go; referenced bytes stay, and so does
    anything younger than the cut-off (an upload whose transaction has not committed yet)."""
    import os
    import time

    from typer.testing import CliRunner

    from nettfin.cli.main import app as cli

    number = _supplier_invoice(company)
    kept = _unique("referenced")
    attachment_id(upload(company, f"/supplierInvoice/{number}/attachment", "kept.pdf", kept))
    two_hours_ago = time.time() - 7200
    orphan = blobs.path(hashlib.sha256(b"orphan " + uuid.uuid4().bytes).hexdigest())
    young = blobs.path(hashlib.sha256(b"young " + uuid.uuid4().bytes).hexdigest())
    leftover = blobs.temporary / f"upload-{uuid.uuid4().hex}"
    for path in (orphan, young, leftover):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(b"12345")
    for path in (orphan, leftover, blobs.path(hashlib.sha256(kept).hexdigest())):
        os.utime(path, (two_hours_ago, two_hours_ago))

    data_dir = client.app.state.settings.data_dir
    arguments = ["db", "sweep-attachments", "--older-than", "1", "--database-url", database_url]
    result = CliRunner().invoke(cli, [*arguments, "--data-dir", str(data_dir)])
    assert result.exit_code == 0, result.output
    assert "removed 2 file(s), 10 bytes" in result.output
    assert not orphan.exists() and not leftover.exists()
    assert young.exists() and blobs.path(hashlib.sha256(kept).hexdigest()).read_bytes() == kept
    young.unlink()
