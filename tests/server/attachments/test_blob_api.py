"""Blobs (`/v1/blob`): an attachment's latest revision by blob id (its attachment id), its metadata, and nettfin's
presigned links (HMAC-signed, expiring, no bearer token), through the app on both databases, validated against the
real blob document."""

from __future__ import annotations

import base64
import hashlib
import time
from urllib.parse import parse_qs, urlsplit

from nettfin.server.attachments import blob_links
from nettfin.server.identity.sessions import blob_link_key
from tests.attachment_factories import PDF, attachment_id, upload
from tests.party_factories import assert_real, insert_items


def attached(tenant, content: bytes = PDF, name: str = "spec.pdf", number: str | None = None) -> str:
    number = number or insert_items(tenant, 1)[0]
    return attachment_id(upload(tenant, f"/inventory/{number}/attachment", name, content))


def test_a_blob_downloads_and_its_metadata_is_the_real_shape(tenant):
    blob_id = attached(tenant)
    downloaded = tenant.get(f"/blob/download/{blob_id}")
    assert downloaded.status_code == 200, downloaded.text
    assert downloaded.content == PDF
    assert downloaded.headers["content-type"] == "application/pdf"

    metadata = tenant.get(f"/blob/metadata/{blob_id}")
    assert metadata.status_code == 200
    body = metadata.json()
    assert_real(body, "blob", "BlobMetadata")
    assert body["blobId"] == blob_id
    assert body["blobName"] == "spec.pdf"
    assert body["contentType"] == "application/pdf"
    assert body["size"] == len(PDF)
    assert body["fileChecksum"] == hashlib.sha256(PDF).hexdigest()
    assert body["mD5Hash"] == base64.b64encode(hashlib.md5(PDF).digest()).decode()  # noqa: S324
    assert "createdDateTimeUtc" in body


def test_a_presigned_url_downloads_its_revision_without_a_token_until_it_expires(tenant):
    blob_id = attached(tenant)
    answer = tenant.get(f"/blob/presignedurl?blobId={blob_id}&includeMetadata=true")
    assert answer.status_code == 200, answer.text
    assert_real(answer.json(), "blob", "PresignedUrlResponse")
    assert answer.json()["metadata"]["blobId"] == blob_id
    url = answer.json()["preSignedUrl"]
    assert "metadata" not in tenant.get(f"/blob/presignedurl?blobId={blob_id}").json()

    # A new revision: the link still gives the bytes it was made for, the download the new ones.
    assert attached(tenant, PDF + b"% two\n", number="I00001") == blob_id
    assert tenant.get(f"/blob/download/{blob_id}").content == PDF + b"% two\n"
    linked = tenant.client.get(url)
    assert linked.status_code == 200, linked.text
    assert linked.content == PDF

    parts = urlsplit(url)
    query = {k: v[0] for k, v in parse_qs(parts.query).items()}
    forged = tenant.client.get(f"{parts.path}?expires={int(query['expires']) + 60}&signature={query['signature']}")
    assert forged.status_code == 403
    assert "signature is not valid" in forged.json()["message"]

    key = blob_links_key(tenant)
    past = int(time.time()) - 1
    revision = parts.path.rsplit("/", 1)[-1]
    expired = blob_links.sign(key, blob_id, int(revision), past)
    stale = tenant.client.get(f"{parts.path}?expires={past}&signature={expired}")
    assert stale.status_code == 403
    assert "expired" in stale.json()["message"]


def blob_links_key(tenant) -> bytes:
    return blob_link_key(tenant.database).encode()


def test_unknown_bad_and_other_companies_blobs_are_refused(tenant, other_tenant):
    blob_id = attached(tenant)
    assert other_tenant.get(f"/blob/download/{blob_id}").status_code == 404
    assert other_tenant.get(f"/blob/metadata/{blob_id}").status_code == 404
    missing = tenant.get("/blob/metadata/3fa85f64-5717-4562-b3fc-2c963f66afa6")
    assert missing.status_code == 404
    assert "Blob '3fa85f64-5717-4562-b3fc-2c963f66afa6' not found." in missing.json()["message"]
    bad = tenant.get("/blob/presignedurl?blobId=nope")
    assert bad.status_code == 400
    assert "'nope' is not a blob id" in bad.json()["message"]
    no_id = tenant.get("/blob/presignedurl")
    assert no_id.status_code == 400
    assert "blobId" in no_id.json()["message"]
