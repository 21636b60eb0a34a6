"""Attachments through the SDK and the CLI, against the real app on both databases: upload (streamed, to a
document, a line, a composite key), download (streamed to a file or a path), the AutoInvoice flag."""

from __future__ import annotations

import asyncio
import io

import pytest
from typer.testing import CliRunner

from nettfin.cli.main import app as cli
from nettfin.client import NotFound
from nettfin.server.attachments.models import Attachment
from tests.conftest import make_tenant
from tests.factories import new_number
from tests.sdk_helpers import BASE_URL, app_transport, async_sdk_client, sdk_client
from tests.supplier_ledger_factories import books, invoice_body, invoice_line, journal_body, journal_line


@pytest.fixture
def company(database, client):
    return books(make_tenant(database, client))


def test_an_upload_through_the_sdk_is_read_back_and_listed_on_its_line(company, tmp_path):
    number = new_number(company.post("/supplierInvoice", invoice_body(invoice_line(), invoice_line())))
    scan = tmp_path / "skann 1.pdf"
    scan.write_bytes(b"%PDF-1.7 line two")
    with sdk_client(company) as client:
        guid = client.supplier_invoices.upload_attachment(("Invoice", number), scan, line_number=2)
        saved = io.BytesIO()
        downloaded = client.download_attachment(guid, saved)
        invoice = client.supplier_invoices.get(number)

    assert saved.getvalue() == b"%PDF-1.7 line two"
    assert (downloaded.name, downloaded.content_type, downloaded.size) == ("skann 1.pdf", "application/pdf", 17)
    assert invoice.attachments == []
    assert [(a.name, a.id, a.revision) for a in invoice.invoice_lines[1].attachments] == [("skann 1.pdf", guid, 1)]


def test_journal_transactions_take_attachments_by_module_and_number(company):
    body = journal_body(journal_line("6800", debit="5"), journal_line("1920", credit="5"))
    number = new_number(company.post("/journaltransaction", body))
    with sdk_client(company) as client:
        guid = client.journal_transactions.upload_attachment(("GL", number), io.BytesIO(b"bilag"), filename="bilag.txt")
        assert client.journal_transactions.get(number).attachments[0].id == guid


def test_the_autoinvoice_flag_is_set_and_an_unknown_attachment_is_not_found(company):
    with sdk_client(company) as client:
        guid = client.inventory_items.upload_attachment("test*test", io.BytesIO(b"photo"), filename="bilde.jpg")
        client.update_attachment(guid, send_to_autoinvoice=True)
        with pytest.raises(NotFound):
            client.download_attachment("00000000-0000-4000-8000-000000000000", io.BytesIO())
    with company.database.reading() as session:
        assert session.get(Attachment, guid).send_to_autoinvoice is True


def test_the_async_client_uploads_and_downloads_to_a_path(company, client, tmp_path):
    number = new_number(company.post("/supplierInvoice", invoice_body()))
    target = tmp_path / "back.bin"

    async def run():
        async with async_sdk_client(company, client.app) as sdk:
            guid = await sdk.supplier_invoices.upload_attachment(number, io.BytesIO(b"async bytes"), filename="a.bin")
            return await sdk.download_attachment(guid, target)

    downloaded = asyncio.run(run())
    assert target.read_bytes() == b"async bytes" and downloaded.size == 11


def test_the_cli_attaches_a_file_and_downloads_it_under_its_own_name(company, tmp_path, monkeypatch):
    number = new_number(company.post("/supplierInvoice", invoice_body()))
    receipt = tmp_path / "kvittering.pdf"
    receipt.write_bytes(b"%PDF receipt")
    runner = CliRunner()
    options = ["--base-url", BASE_URL, "--token", company.token, "--company", str(company.company_id)]
    obj = {"transport": app_transport(company.client)}
    env = {"XDG_CONFIG_HOME": str(tmp_path / "config"), "NETTFIN_TOKEN": None, "NETTFIN_BASE_URL": None}

    attached = runner.invoke(cli, ["attach", "supplierInvoice", number, str(receipt), *options], obj=obj, env=env)
    assert attached.exit_code == 0, attached.stderr
    guid = attached.stdout.strip()

    out = tmp_path / "downloads"
    out.mkdir()
    monkeypatch.chdir(out)
    fetched = runner.invoke(cli, ["download", guid, *options], obj=obj, env=env)
    assert fetched.exit_code == 0, fetched.stderr
    assert fetched.stdout.strip() == "kvittering.pdf"
    assert (out / "kvittering.pdf").read_bytes() == b"%PDF receipt"
    assert list(out.iterdir()) == [out / "kvittering.pdf"]

    missing = runner.invoke(cli, ["download", "00000000-0000-4000-8000-000000000000", *options], obj=obj, env=env)
    assert missing.exit_code != 0 and "not found" in missing.stderr
    assert list(out.iterdir()) == [out / "kvittering.pdf"]
