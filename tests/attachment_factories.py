"""Multipart bodies exactly as the knowledge base's two .NET clients send them, and helpers to inspect what an
upload left in the database and the blob store."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import func, select

from nettfin.server.attachments.models import Attachment, AttachmentRevision
from tests.conftest import Tenant

PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"


def webclient_upload(file_name: str, content: bytes, ticks: int = 0x8DC3F1A2B4C5D6E) -> tuple[dict, bytes]:
    """`WebClient.UploadFile(address, "POST", path)`: a `-----...<ticks in hex>` boundary, the part named `file`,
    and `application/octet-stream` (the .NET reference source's UploadFile)."""
    boundary = "---------------------" + format(ticks, "x")
    head = (
        f"--{boundary}\r\n"
        f'Content-Disposition: form-data; name="file"; filename="{file_name}"\r\n'
        "Content-Type: application/octet-stream\r\n"
        "\r\n"
    ).encode()
    tail = f"\r\n--{boundary}--\r\n".encode()
    return {"Content-Type": f"multipart/form-data; boundary={boundary}"}, head + content + tail


def httpclient_upload(
    file_name: str, content: bytes, boundary: str = "6c4a2e9b-1f0d-4c3e-9a57-0b8d2f3e4a61", *, disposition: str = ""
) -> tuple[dict, bytes]:
    """`HttpClient` with `MultipartFormDataContent`: a quoted GUID boundary; the part's headers in the order the
    seed adds them (Content-Type, then its own Content-Disposition, which `content.Add(sc, "file", name)` keeps)."""
    disposition = disposition or f'form-data; name="file"; filename="{file_name}"'
    head = (
        f"--{boundary}\r\nContent-Type: application/octet-stream\r\nContent-Disposition: {disposition}\r\n\r\n"
    ).encode()
    tail = f"\r\n--{boundary}--\r\n".encode()
    return {"Content-Type": f'multipart/form-data; boundary="{boundary}"'}, head + content + tail


def seed_headers(tenant: Tenant) -> dict:
    """The headers both seed clients add. The samples add `" Financials"`; .NET trims the leading space of a
    header value before it goes on the wire (and HTTP parsers refuse it), so the wire says `Financials`."""
    return {
        "ipp-company-id": str(tenant.company_id),
        "ipp-application-type": "Financials",
        "Authorization": f"bearer {tenant.token}",
    }


def upload(tenant: Tenant, path: str, file_name: str = "invoice.pdf", content: bytes = PDF, **headers):
    """POSTs a WebClient-shaped upload to `path` (under the legacy prefix)."""
    shape, body = webclient_upload(file_name, content)
    return tenant.client.post(tenant.url(path), content=body, headers={**seed_headers(tenant), **shape, **headers})


def attachment_id(response) -> str:
    assert response.status_code == 201, response.text
    return response.headers["Location"].rsplit("/", 1)[-1]


def stored(tenant: Tenant) -> tuple[int, int]:
    """(attachments, revisions) of the tenant's company."""
    with tenant.database.reading() as session:
        attachments = session.scalar(
            select(func.count()).select_from(Attachment).where(Attachment.company_id == tenant.company_id)
        )
        revisions = session.scalar(
            select(func.count())
            .select_from(AttachmentRevision)
            .join(Attachment)
            .where(Attachment.company_id == tenant.company_id)
        )
    return attachments, revisions


def blob_files(root: Path) -> list[Path]:
    """Every file under the blob store's root, temporaries included."""
    return sorted(p for p in root.rglob("*") if p.is_file())
