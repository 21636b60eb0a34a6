"""Attachments against a real server (two worker processes, both databases): a 200 MB upload streams to disk
with the workers' memory staying flat and reads back byte for byte, and parallel uploads to one document keep
their revisions and ids straight."""

from __future__ import annotations

import hashlib
import socket
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import urlsplit

import httpx2
import pytest

from tests.attachment_factories import blob_files, httpclient_upload, seed_headers, stored, webclient_upload
from tests.conftest import make_tenant
from tests.factories import new_number
from tests.servers import start_server, stop_server
from tests.supplier_ledger_factories import books, invoice_body

MEGABYTE = 1024 * 1024
LARGE = 200 * MEGABYTE
# A worker may grow by this much while a 200 MB file passes through it: buffers, not the file.
MEMORY_ALLOWANCE = 40 * MEGABYTE
PARALLEL = 12


@pytest.fixture(scope="module")
def server(database_url, tmp_path_factory):
    data_dir = tmp_path_factory.mktemp("attachment-server")
    process, base = start_server(database_url, data_dir, NETTFIN_ATTACHMENT_MAX_BYTES=str(300 * MEGABYTE))
    yield process, base, data_dir
    stop_server(process)


@pytest.fixture
def company(database, client):
    return books(make_tenant(database, client))


def _workers(pid: int) -> list[int]:
    """The server's child processes."""
    children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    return [int(child) for child in children]


def _peak_resident(pid: int) -> int:
    """VmHWM: the most memory the process has ever held resident, in bytes."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) * 1024
    raise AssertionError(f"no VmHWM for process {pid}")


def _generated(size: int, digest) -> bytes:
    """`size` bytes generated block by block (every block different), fed to `digest` as they go."""
    block = hashlib.sha256(b"seed").digest() * (MEGABYTE // 32)
    for index in range(size // MEGABYTE):
        chunk = index.to_bytes(8, "big") + block[8:]
        digest.update(chunk)
        yield chunk


def test_a_200_mb_upload_streams_through_with_flat_memory_and_reads_back_intact(server, company):
    process, base, _ = server
    api = f"{base}/API/controller/api/v1"
    with httpx2.Client(timeout=600) as http:
        number = new_number(http.post(f"{api}/supplierInvoice", json=invoice_body(), headers=company.headers))
        workers = _workers(process.pid)  # the two workers (and multiprocessing's resource tracker)
        assert workers
        peaks_before = {pid: _peak_resident(pid) for pid in workers}

        shape, envelope = webclient_upload("stor.bin", b"\0")
        head, tail = envelope.split(b"\0")
        sent = hashlib.sha256()

        def body():
            yield head
            yield from _generated(LARGE, sent)
            yield tail

        headers = {**seed_headers(company), **shape, "Content-Length": str(len(head) + LARGE + len(tail))}
        response = http.post(f"{api}/supplierInvoice/{number}/attachment", content=body(), headers=headers)
        assert response.status_code == 201, response.text
        guid = response.headers["Location"].rsplit("/", 1)[-1]

        received = hashlib.sha256()
        size = 0
        with http.stream("GET", f"{api}/attachment/{guid}", headers=company.headers) as download:
            assert download.status_code == 200
            assert download.headers["content-length"] == str(LARGE)
            for chunk in download.iter_bytes():
                received.update(chunk)
                size += len(chunk)
        assert (size, received.hexdigest()) == (LARGE, sent.hexdigest())

        growth = {pid: _peak_resident(pid) - peaks_before[pid] for pid in workers}
        assert max(growth.values()) < MEMORY_ALLOWANCE, {pid: g // MEGABYTE for pid, g in growth.items()}


def test_parallel_uploads_to_one_document_keep_revisions_and_ids_straight(server, company):
    _, base, _ = server
    api = f"{base}/API/controller/api/v1"
    with httpx2.Client(timeout=120) as http:
        number = new_number(http.post(f"{api}/supplierInvoice", json=invoice_body(), headers=company.headers))
        url = f"{api}/supplierInvoice/{number}/Attachment"
        # Half upload one name (revisions of one attachment), half a name each (attachments of their own).
        uploads = [httpclient_upload("felles.pdf", f"revision {i}".encode()) for i in range(PARALLEL // 2)]
        uploads += [webclient_upload(f"egen-{i}.pdf", f"own {i}".encode()) for i in range(PARALLEL // 2)]

        def post(shape_and_body):
            shape, body = shape_and_body
            return http.post(url, content=body, headers={**seed_headers(company), **shape})

        with ThreadPoolExecutor(max_workers=PARALLEL) as pool:
            responses = list(pool.map(post, uploads))
        assert [r.status_code for r in responses] == [201] * PARALLEL, [r.text for r in responses]
        ids = [r.headers["Location"].rsplit("/", 1)[-1] for r in responses]
        shared, own = ids[: PARALLEL // 2], ids[PARALLEL // 2 :]
        assert len(set(shared)) == 1 and len(set(own)) == PARALLEL // 2 and shared[0] not in own

        document = http.get(f"{api}/supplierInvoice/{number}", headers=company.headers).json()
        listed = {a["name"]: (a["id"], a["revision"]) for a in document["attachments"]}
        assert listed.pop("felles.pdf") == (shared[0], PARALLEL // 2)
        assert listed == {f"egen-{i}.pdf": (own[i], 1) for i in range(PARALLEL // 2)}
        latest = http.get(f"{api}/attachment/{shared[0]}", headers=company.headers).content
        assert latest in {f"revision {i}".encode() for i in range(PARALLEL // 2)}


def test_a_client_that_hangs_up_mid_upload_leaves_nothing_on_the_server(server, company):
    """Half a body over a real socket, then the connection closes: no attachment, no blob, no temporary."""
    _, base, data_dir = server
    with httpx2.Client(timeout=60) as http:
        number = new_number(
            http.post(f"{base}/API/controller/api/v1/supplierInvoice", json=invoice_body(), headers=company.headers)
        )
    before = blob_files(data_dir / "attachments")
    shape, body = webclient_upload("cut.bin", b"z" * (8 * MEGABYTE))
    head = [
        f"POST /API/controller/api/v1/supplierInvoice/{number}/attachment HTTP/1.1",
        f"Host: {urlsplit(base).netloc}",
    ]
    head += [f"{name}: {value}" for name, value in {**seed_headers(company), **shape}.items()]
    head += [f"Content-Length: {len(body)}", "", ""]
    temporaries = data_dir / "attachments" / "tmp"
    with socket.create_connection((urlsplit(base).hostname, urlsplit(base).port)) as connection:
        connection.sendall("\r\n".join(head).encode() + body[: 3 * MEGABYTE])
        # Hang up only once the worker is writing the file part (a condition, waited for, not a timing).
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline and not any(temporaries.iterdir()):
            time.sleep(0.05)
        assert any(temporaries.iterdir()), "the upload never reached the blob store"

    # The worker notices the hang-up and cleans up.
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and any(temporaries.iterdir()):
        time.sleep(0.2)
    assert not any(temporaries.iterdir())
    assert blob_files(data_dir / "attachments") == before
    assert stored(company) == (0, 0)
