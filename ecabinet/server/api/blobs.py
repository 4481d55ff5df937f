"""Document bytes by hash, with ETag and a single Range, streamed from disk."""

from __future__ import annotations

import mmap
import os
from collections.abc import AsyncIterator

from fastapi import APIRouter, Request, Response
from fastapi.responses import StreamingResponse
from starlette.concurrency import run_in_threadpool

from ecabinet.server import accounts, meetings, publishing
from ecabinet.server.deps import BearerDep, PathSha256, StateDep, bearer_token
from ecabinet.server.errors import ApiError, error_response
from ecabinet.server.ranges import RangeNotSatisfiable, parse_range

router = APIRouter(tags=["blobs"])
CHUNK = 1024 * 1024


async def _stream(fd: int, first: int, length: int) -> AsyncIterator[memoryview]:
    """Hand the socket slices of a memory map: no copy in Python and no thread hop per chunk
    (reading each chunk with ``pread`` on a worker thread cost a quarter of the server's CPU
    in benchmarks/publish_fetch.py).  ``MADV_WILLNEED`` asks the kernel to read ahead, so the
    pages are usually in memory before the event loop touches them.  The descriptor is
    closed at once (the map keeps the file); the map goes when its last slice is sent."""
    try:
        mapped = mmap.mmap(fd, 0, access=mmap.ACCESS_READ)
    finally:
        os.close(fd)
    view = memoryview(mapped)
    offset, end = first, first + length
    while offset < end:
        size = min(CHUNK, end - offset)
        ahead = min(2 * CHUNK, end - offset)
        aligned = offset - offset % mmap.PAGESIZE
        mapped.madvise(mmap.MADV_WILLNEED, aligned, ahead + offset - aligned)
        yield view[offset : offset + size]
        offset += size


@router.get(
    "/blobs/{sha256}",
    responses={
        200: {"content": {"application/pdf": {}}, "description": "the bytes"},
        206: {"description": "the requested range"},
        304: {},
        401: {},
        404: {},
        416: {},
    },
)
async def get_blob(
    sha256: PathSha256, request: Request, credentials: BearerDep, state: StateDep
) -> Response:
    """The document with this SHA-256, if the caller may see it (404 otherwise)."""
    token = bearer_token(credentials)
    path = state.blobs.path_for(sha256)

    def open_if_allowed() -> tuple[int, int] | None:
        # One thread hop and one short session for the token and the permission: this runs
        # for every download and every resumed range.
        with state.db.sessions() as session:
            user_id = accounts.token_owner(session=session, token=token)
            if not publishing.may_fetch_blob(
                session=session, cache=state.packets, sha256=sha256, user_id=user_id
            ):
                if publishing.former_participant_blob(
                    session=session, sha256=sha256, user_id=user_id
                ):
                    raise meetings.not_participant()
                return None
        try:
            fd = os.open(path, os.O_RDONLY)
        except FileNotFoundError:
            return None
        return fd, os.fstat(fd).st_size

    opened = await run_in_threadpool(open_if_allowed)
    if opened is None:
        raise ApiError(404, "blob_not_found", "There is no such document, or not for you.")
    fd, size = opened
    try:
        return _respond(request, fd, size, sha256)
    except BaseException:
        os.close(fd)
        raise


def _respond(request: Request, fd: int, size: int, sha256: str) -> Response:
    """The 200, 206, 304 or 416 answer; owns ``fd`` once it returns a streaming response."""
    etag = f'"{sha256}"'
    headers = {
        "ETag": etag,
        "Accept-Ranges": "bytes",
        "Cache-Control": "private, max-age=31536000, immutable",
    }
    if etag in (tag.strip() for tag in request.headers.get("if-none-match", "").split(",")):
        os.close(fd)
        return Response(status_code=304, headers=headers)
    wanted = request.headers.get("range")
    if_range = request.headers.get("if-range")
    if if_range is not None and if_range.strip() != etag:
        wanted = None  # the client's partial copy is of other bytes: send them all
    try:
        span = parse_range(wanted, size)
    except RangeNotSatisfiable:
        os.close(fd)
        return error_response(
            416,
            "range_not_satisfiable",
            f"The document has {size} bytes; that range lies outside it.",
            headers={"Content-Range": f"bytes */{size}"},
        )
    if span is None:
        headers["Content-Length"] = str(size)
        return StreamingResponse(
            _stream(fd, 0, size), media_type="application/pdf", headers=headers
        )
    first, last = span
    headers["Content-Length"] = str(last - first + 1)
    headers["Content-Range"] = f"bytes {first}-{last}/{size}"
    return StreamingResponse(
        _stream(fd, first, last - first + 1),
        status_code=206,
        media_type="application/pdf",
        headers=headers,
    )
