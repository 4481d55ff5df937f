"""Streaming multipart uploads straight into the blob store.

The request body is parsed chunk by chunk as it arrives: the ``file`` part goes into an
:class:`IncomingBlob` (hashed and size-checked on the way), small text fields into memory.
A 200 MB document is thus never held in memory, nor written twice, and an upload over the
limit is refused as soon as it passes it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from python_multipart.exceptions import FormParserError
from python_multipart.multipart import MultipartParser, parse_options_header
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.types import Scope

from ecabinet.server.blobstore import BlobStore, BlobTooLarge, IncomingBlob
from ecabinet.server.errors import ApiError

MAX_FIELD_BYTES = 4096
UPLOAD_SUFFIX = "/documents"
MAX_HEADER_BYTES = 8192
MAX_PARTS = 16
# File data is handed to a worker thread in batches this large: hashing and writing stay off
# the event loop without paying a thread hop per network chunk.
WRITE_BATCH = 1024 * 1024


@dataclass
class _PartState:
    headers: dict[bytes, bytes] = field(default_factory=dict)
    header_field: bytes = b""
    header_value: bytes = b""
    name: str = ""
    filename: str = ""
    text: bytearray = field(default_factory=bytearray)


@dataclass
class ReceivedUpload:
    """The ``file`` part as a finished (not yet committed) blob, plus the text fields."""

    blob: IncomingBlob
    sha256: str
    filename: str
    fields: dict[str, str]


def _boundary(request: Request) -> bytes:
    content_type, params = parse_options_header(request.headers.get("content-type", ""))
    boundary = params.get(b"boundary")
    if content_type != b"multipart/form-data" or not boundary:
        raise ApiError(
            415,
            "unsupported_media_type",
            "Send the document as multipart/form-data with a field named 'file'.",
        )
    return boundary


def _bounded(part: _PartState) -> None:
    if len(part.header_field) + len(part.header_value) > MAX_HEADER_BYTES:
        raise ApiError(400, "malformed_upload", "A part of the upload has oversized headers.")


def is_upload(scope: Scope) -> bool:
    """Whether an ASGI request is a document upload (it streams; its size limit is its own)."""
    return (
        scope["type"] == "http"
        and scope["method"] == "POST"
        and (str(scope["path"]).endswith(UPLOAD_SUFFIX))
    )


async def _flush(blob: IncomingBlob, pending: bytearray) -> None:
    if pending:
        data = bytes(pending)
        pending.clear()
        await run_in_threadpool(blob.write, data)


async def receive_upload(request: Request, store: BlobStore, max_bytes: int) -> ReceivedUpload:
    """Read the multipart body of ``request``; the caller owns (and must close) the blob.

    Raises:
        ApiError: 415 not multipart, 400 malformed or no ``file`` part or cut short,
            413 over ``max_bytes``.
    """
    boundary = _boundary(request)
    blob = store.incoming(max_bytes)
    part = _PartState()
    fields: dict[str, str] = {}
    pending = bytearray()
    state: dict[str, object] = {"file_seen": False, "in_file": False, "filename": ""}

    parts = 0

    def on_part_begin() -> None:
        nonlocal part, parts
        parts += 1
        if parts > MAX_PARTS:
            raise ApiError(400, "malformed_upload", "The upload has too many parts.")
        part = _PartState()

    def on_header_field(data: bytes, start: int, end: int) -> None:
        part.header_field += data[start:end]
        _bounded(part)

    def on_header_value(data: bytes, start: int, end: int) -> None:
        part.header_value += data[start:end]
        _bounded(part)

    def on_header_end() -> None:
        part.headers[part.header_field.lower()] = part.header_value
        part.header_field, part.header_value = b"", b""

    def on_headers_finished() -> None:
        _, params = parse_options_header(part.headers.get(b"content-disposition", b""))
        part.name = params.get(b"name", b"").decode("utf-8", "replace")
        part.filename = params.get(b"filename", b"").decode("utf-8", "replace")
        if part.name == "file":
            if state["file_seen"]:
                raise ApiError(400, "bad_request", "Send one file per upload.")
            state["file_seen"] = state["in_file"] = True
            state["filename"] = part.filename

    def on_part_data(data: bytes, start: int, end: int) -> None:
        if state["in_file"]:
            pending.extend(data[start:end])
        else:
            part.text += data[start:end]
            if len(part.text) > MAX_FIELD_BYTES:
                raise ApiError(413, "too_large", f"Form field {part.name!r} is too long.")

    def on_part_end() -> None:
        if state["in_file"]:
            state["in_file"] = False
        elif part.name:
            fields[part.name] = part.text.decode("utf-8", "replace")

    parser = MultipartParser(
        boundary,
        {
            "on_part_begin": on_part_begin,
            "on_header_field": on_header_field,
            "on_header_value": on_header_value,
            "on_header_end": on_header_end,
            "on_headers_finished": on_headers_finished,
            "on_part_data": on_part_data,
            "on_part_end": on_part_end,
        },
    )
    try:
        async for chunk in request.stream():
            parser.write(chunk)
            if len(pending) >= WRITE_BATCH:
                await _flush(blob, pending)
        parser.finalize()
        if not state["file_seen"]:
            raise ApiError(400, "no_file", "The upload has no field named 'file'.")
        if state["in_file"]:
            raise ApiError(400, "upload_incomplete", "The upload ended before the file did.")
        await _flush(blob, pending)
        sha256 = await run_in_threadpool(blob.finish)
    except BlobTooLarge as exc:
        blob.discard()
        limit_mb = max_bytes // (1024 * 1024)
        raise ApiError(413, "too_large", f"The document is larger than {limit_mb} MB.") from exc
    except FormParserError as exc:
        blob.discard()
        raise ApiError(400, "malformed_upload", "The multipart body is malformed.") from exc
    except BaseException:  # a cut connection (ClientDisconnect) or cancellation included
        blob.discard()
        raise
    return ReceivedUpload(blob=blob, sha256=sha256, filename=str(state["filename"]), fields=fields)
