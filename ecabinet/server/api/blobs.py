"""Document bytes by hash, with ETag and a single Range, streamed from disk."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import anyio
from fastapi import APIRouter, Request, Response
from fastapi.responses import StreamingResponse
from starlette.concurrency import run_in_threadpool

from ecabinet.server import publishing
from ecabinet.server.deps import CallerDep, PathSha256, StateDep
from ecabinet.server.errors import ApiError, error_response
from ecabinet.server.ranges import RangeNotSatisfiable, parse_range

router = APIRouter(tags=["blobs"])
CHUNK = 1024 * 1024


async def _stream(path: Path, first: int, length: int) -> AsyncIterator[bytes]:
    async with await anyio.open_file(path, "rb") as handle:
        await handle.seek(first)
        left = length
        while left > 0:
            chunk = await handle.read(min(CHUNK, left))
            if not chunk:
                return
            left -= len(chunk)
            yield chunk


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
    sha256: PathSha256, request: Request, caller: CallerDep, state: StateDep
) -> Response:
    """The document with this SHA-256, if the caller may see it (404 otherwise)."""

    def allowed() -> bool:
        with state.db.sessions() as session:
            return publishing.may_fetch_blob(
                session=session, cache=state.packets, sha256=sha256, user_id=caller.id
            )

    path = state.blobs.path_for(sha256)
    if not await run_in_threadpool(allowed) or not path.is_file():
        raise ApiError(404, "blob_not_found", "There is no such document, or not for you.")
    size = path.stat().st_size
    etag = f'"{sha256}"'
    headers = {
        "ETag": etag,
        "Accept-Ranges": "bytes",
        "Cache-Control": "private, max-age=31536000, immutable",
    }
    if etag in (tag.strip() for tag in request.headers.get("if-none-match", "").split(",")):
        return Response(status_code=304, headers=headers)
    wanted = request.headers.get("range")
    if_range = request.headers.get("if-range")
    if if_range is not None and if_range.strip() != etag:
        wanted = None  # the client's partial copy is of other bytes: send them all
    try:
        span = parse_range(wanted, size)
    except RangeNotSatisfiable:
        return error_response(
            416,
            "range_not_satisfiable",
            f"The document has {size} bytes; that range lies outside it.",
            headers={"Content-Range": f"bytes */{size}"},
        )
    if span is None:
        headers["Content-Length"] = str(size)
        return StreamingResponse(
            _stream(path, 0, size), media_type="application/pdf", headers=headers
        )
    first, last = span
    headers["Content-Length"] = str(last - first + 1)
    headers["Content-Range"] = f"bytes {first}-{last}/{size}"
    return StreamingResponse(
        _stream(path, first, last - first + 1),
        status_code=206,
        media_type="application/pdf",
        headers=headers,
    )
