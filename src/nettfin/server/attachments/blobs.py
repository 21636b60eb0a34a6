"""Where attachment bytes live: a blob store, content-addressed by SHA-256.

A blob is written to a temporary file first and renamed into place only when it is complete and wanted, so a
crash or an interrupted upload never leaves a half file where a reader could find it. Equal contents are stored
once. The database keeps the metadata (names, revisions, which document) and refers to blobs by digest.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO, Protocol

_STALE_TEMPORARY_SECONDS = 24 * 3600


@dataclass
class PendingBlob:
    """Bytes being received: a temporary file, its running digest and size."""

    path: Path
    handle: BinaryIO
    digest: hashlib._Hash = field(default_factory=hashlib.sha256)
    size: int = 0

    def write(self, chunk: bytes) -> None:
        self.handle.write(chunk)
        self.digest.update(chunk)
        self.size += len(chunk)

    @property
    def sha256(self) -> str:
        return self.digest.hexdigest()


class BlobStore(Protocol):
    def begin(self) -> PendingBlob: ...

    def seal(self, pending: PendingBlob) -> None:
        """Makes a received blob durable (flushed and synced); slow for a large one, so done before the
        transaction that records it begins."""

    def keep(self, pending: PendingBlob) -> str:
        """Makes a sealed blob readable under its digest (a rename); returns the digest."""

    def discard(self, pending: PendingBlob) -> None: ...

    def path(self, sha256: str) -> Path: ...

    def sweep(self, referenced: set[str], *, older_than: float) -> tuple[int, int]:
        """Removes blobs no revision refers to and temporaries, both older than `older_than` seconds; returns
        (files, bytes) removed."""


class FileBlobStore:
    """Blobs as files under `root`: `ab/cd/abcd...` by digest, temporaries in `root/tmp`."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.temporary = root / "tmp"
        self.temporary.mkdir(parents=True, exist_ok=True)
        self._sweep_stale_temporaries()

    def begin(self) -> PendingBlob:
        handle = tempfile.NamedTemporaryFile(dir=self.temporary, prefix="upload-", delete=False)  # noqa: SIM115
        return PendingBlob(path=Path(handle.name), handle=handle)

    def seal(self, pending: PendingBlob) -> None:
        pending.handle.flush()
        os.fsync(pending.handle.fileno())
        pending.handle.close()

    def keep(self, pending: PendingBlob) -> str:
        sha256 = pending.sha256
        final = self.path(sha256)
        final.parent.mkdir(parents=True, exist_ok=True)
        # Atomic on one file system; when the same content is already stored this replaces it by equal bytes.
        os.replace(pending.path, final)
        return sha256

    def discard(self, pending: PendingBlob) -> None:
        pending.handle.close()
        pending.path.unlink(missing_ok=True)

    def path(self, sha256: str) -> Path:
        return self.root / sha256[:2] / sha256[2:4] / sha256

    def temporaries(self) -> list[Path]:
        return sorted(self.temporary.iterdir())

    def sweep(self, referenced: set[str], *, older_than: float) -> tuple[int, int]:
        """Only old files: a recent blob may be one an upload renamed into place in a transaction that has not
        committed yet, a recent temporary an upload in progress."""
        cutoff = time.time() - older_than
        blobs = (p for d in self.root.iterdir() if d.is_dir() and d != self.temporary for p in d.glob("*/*"))
        candidates = [*(blob for blob in blobs if blob.name not in referenced), *self.temporary.iterdir()]
        removed = [size for size in (_remove_if_older(path, cutoff) for path in candidates) if size is not None]
        return len(removed), sum(removed)

    def _sweep_stale_temporaries(self) -> None:
        """Temporaries a crashed process left; recent ones may belong to another worker's upload in progress."""
        cutoff = time.time() - _STALE_TEMPORARY_SECONDS
        for leftover in self.temporary.iterdir():
            _remove_if_older(leftover, cutoff)


def _remove_if_older(path: Path, cutoff: float) -> int | None:
    """Removes the file if it was last written before `cutoff`: its size, or None when it is kept."""
    try:
        status = path.stat()
        if status.st_mtime >= cutoff:
            return None
        path.unlink()
        return status.st_size
    except FileNotFoundError:
        return None
