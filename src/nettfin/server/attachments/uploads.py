"""Reading an attachment upload: a multipart/form-data body streamed into a pending blob.

Clients differ in everything but the essentials: .NET's `WebClient.UploadFile` names the part `file`, ON-IT
names it `v`, `HttpClient` quotes the boundary and adds `filename*=utf-8''...`. So the one part that carries a
file name is the file, whatever its name; a part named `metadata` is JSON settings (the customer invoice's
`includeAttachmentInvoiceEmail`); other form fields are ignored. The file goes to disk as it arrives, never
whole into memory, and stops at the size limit.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from email.message import Message
from email.utils import collapse_rfc2231_value

import orjson
from python_multipart.exceptions import MultipartParseError
from python_multipart.multipart import MultipartParser, parse_options_header

from ..kit.errors import BusinessError, PayloadTooLarge, UnsupportedMediaType
from .blobs import BlobStore, PendingBlob

# Room for the multipart envelope (boundaries, part headers, a metadata part) beyond the file itself.
ENVELOPE_ALLOWANCE = 1024 * 1024
_FIELD_LIMIT = 64 * 1024
FILE_NAME_LIMIT = 255  # the attachment's name column
_MEGABYTE = 1024 * 1024


@dataclass
class Upload:
    """A received file: its name and declared type, its bytes as a pending blob, and the metadata part."""

    file_name: str
    content_type: str | None
    blob: PendingBlob
    metadata: dict = field(default_factory=dict)


def too_large(limit: int) -> PayloadTooLarge:
    size = f"{limit // _MEGABYTE} MB" if limit % _MEGABYTE == 0 else f"{limit} bytes"
    return PayloadTooLarge(
        f"The file is too large. An attachment may be at most {size} ({limit} bytes); nothing was saved."
    )


def multipart_boundary(content_type: str | None) -> bytes:
    """The boundary of a multipart/form-data request, or a clear 415/400."""
    media_type, options = parse_options_header(content_type or "")
    if media_type.lower() != b"multipart/form-data":
        shown = media_type.decode("latin-1") or "(none)"
        raise UnsupportedMediaType(
            f"The request entity's media type '{shown}' is not supported for this resource. "
            "Upload the file as multipart/form-data with one file part."
        )
    boundary = options.get(b"boundary")
    if not boundary:
        raise BusinessError("The multipart/form-data Content-Type has no boundary parameter.")
    return boundary


def check_declared_length(content_length: str | None, limit: int) -> None:
    """413 before reading anything when Content-Length already says the body cannot fit."""
    if content_length and content_length.isdigit() and int(content_length) > limit + ENVELOPE_ALLOWANCE:
        raise too_large(limit)


class _Parts:
    """python-multipart callbacks that route each part: the file to a pending blob, small fields to memory."""

    def __init__(self, store: BlobStore, limit: int) -> None:
        self.store = store
        self.limit = limit
        self.upload: Upload | None = None
        self.fields: dict[str, bytearray] = {}
        self.finished = False
        self._headers: list[tuple[bytes, bytes]] = []
        self._field = bytearray()
        self._value = bytearray()
        self._target: PendingBlob | bytearray | None = None
        self._field_name = ""

    def callbacks(self) -> dict:
        return {
            "on_part_begin": self._part_begin,
            "on_header_field": lambda data, start, end: self._field.extend(data[start:end]),
            "on_header_value": lambda data, start, end: self._value.extend(data[start:end]),
            "on_header_end": self._header_end,
            "on_headers_finished": self._headers_finished,
            "on_part_data": self._part_data,
            "on_end": self._end,
        }

    def _part_begin(self) -> None:
        self._headers = []
        self._target = None

    def _header_end(self) -> None:
        self._headers.append((bytes(self._field).strip().lower(), bytes(self._value).strip()))
        self._field.clear()
        self._value.clear()

    def _headers_finished(self) -> None:
        headers = dict(self._headers)
        name, file_name = _disposition(_text(headers.get(b"content-disposition", b"")))
        if file_name is not None:
            if self.upload is not None:
                raise BusinessError(
                    "The request has more than one file part. Upload one file per request "
                    "(a part whose Content-Disposition has a filename)."
                )
            if not file_name:
                raise BusinessError("The file part's Content-Disposition has an empty filename.")
            if len(file_name.casefold()) > FILE_NAME_LIMIT:
                raise BusinessError(
                    f"The file name is {len(file_name)} characters long; at most {FILE_NAME_LIMIT} are accepted."
                )
            content_type = _text(headers.get(b"content-type", b"")).split(";", 1)[0].strip().lower() or None
            self.upload = Upload(file_name=file_name, content_type=content_type, blob=self.store.begin())
            self._target = self.upload.blob
        else:
            self._field_name = name.casefold()
            self._target = self.fields.setdefault(self._field_name, bytearray())

    def _part_data(self, data: bytes, start: int, end: int) -> None:
        target = self._target
        if isinstance(target, PendingBlob):
            if target.size + (end - start) > self.limit:
                raise too_large(self.limit)
            target.write(data[start:end])
        elif target is not None:
            if len(target) + (end - start) > _FIELD_LIMIT:
                raise BusinessError(f"The form field '{self._field_name}' is longer than {_FIELD_LIMIT} bytes.")
            target.extend(data[start:end])

    def _end(self) -> None:
        self.finished = True


async def receive_upload(chunks: AsyncIterator[bytes], *, boundary: bytes, store: BlobStore, limit: int) -> Upload:
    """Streams a multipart body into the store's pending area; on any failure nothing is left behind."""
    parts = _Parts(store, limit)
    parser = MultipartParser(boundary, parts.callbacks())
    received = 0
    try:
        async for chunk in chunks:
            received += len(chunk)
            if received > limit + ENVELOPE_ALLOWANCE:
                raise too_large(limit)
            parser.write(chunk)
        parser.finalize()
        if not parts.finished:
            raise BusinessError("The multipart body ended before its closing boundary: the upload is incomplete.")
        if parts.upload is None:
            raise BusinessError(
                "The request has no file part. Send one part with a filename in its Content-Disposition, e.g. "
                '\'Content-Disposition: form-data; name="file"; filename="invoice.pdf"\'.'
            )
        parts.upload.metadata = _metadata(parts.fields.get("metadata"))
        return parts.upload
    except MultipartParseError as error:
        _discard(store, parts)
        raise BusinessError(f"The multipart/form-data body is malformed: {error}.") from None
    except BaseException:
        # A client error, the size limit, or the client going away mid-body (ClientDisconnect).
        _discard(store, parts)
        raise


def _discard(store: BlobStore, parts: _Parts) -> None:
    if parts.upload is not None:
        store.discard(parts.upload.blob)


def _metadata(raw: bytearray | None) -> dict:
    if not raw or not raw.strip():
        return {}
    try:
        value = orjson.loads(raw)
    except orjson.JSONDecodeError as error:
        raise BusinessError(f"The 'metadata' part is not valid JSON: {error}.") from None
    if not isinstance(value, dict):
        raise BusinessError(
            "The 'metadata' part must be a JSON object, e.g. {\"includeAttachmentInvoiceEmail\": true}."
        )
    return value


def _text(raw: bytes) -> str:
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("latin-1")


def _disposition(header: str) -> tuple[str, str | None]:
    """(field name, file name or None) from a part's Content-Disposition; `filename*` (RFC 5987) wins."""
    message = Message()
    message["content-disposition"] = header
    name, plain, extended = "", None, None
    for key, value in message.get_params(header="content-disposition", failobj=[])[1:]:
        key = key.lower()
        if key == "name":
            name = collapse_rfc2231_value(value)
        elif key == "filename" and isinstance(value, tuple):
            extended = collapse_rfc2231_value(value)
        elif key == "filename":
            plain = value
    file_name = extended if extended is not None else plain
    if file_name is None:
        return name, None
    # Old browsers send the client's full path; keep the last segment.
    return name, file_name.replace("\\", "/").rsplit("/", 1)[-1].strip()
