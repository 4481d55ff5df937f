"""The two requests a thousand delegates make at once, answered in plain ASGI.

When the chair opens a vote, every delegate's app casts a ballot within a second or so while
each holds the meeting's event stream, and every ``ballots_cast`` count goes to every stream.
``benchmarks/vote_load.py`` (1,000 delegates, two cores) showed the event loop saturated:
FastAPI's machinery for each request (routing, dependency solving, the middleware layers that
each wrap ``send``) cost more than the ballot itself, and every event written to a stream
passed through the same wrappers, a thousand streams at a time.

So these two routes are answered here, ahead of FastAPI and its middleware, with the same
checks, the same answers and the same error shape:

- ``POST /api/v1/motions/{id}/ballots``: the body is read and validated here; the token is
  checked by the ballot writer in the batch's transaction (no trip to the thread pool).
- ``GET /api/v1/meetings/{id}/events``: the caller is checked on a worker thread, then the
  stream's events are written straight to the connection, each event framed once for all.

FastAPI still declares both routes (``api/motions.py``, ``api/live.py``): they give the
OpenAPI document its entries and answer anything this layer passes on.  Ballots are never
stored for idempotency (see :mod:`idempotency`), so skipping that middleware changes nothing.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import re
from collections.abc import Callable
from typing import Any
from urllib.parse import parse_qs

import orjson
from pydantic import ValidationError
from sqlalchemy.orm import Session
from starlette.concurrency import run_in_threadpool
from starlette.responses import Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from ecabinet.server import accounts
from ecabinet.server.deps import login_first
from ecabinet.server.errors import INTERNAL_ERROR, ApiError, body_too_large, error_body
from ecabinet.server.roles import participant_role
from ecabinet.server.state import ServerState
from ecabinet.server.voteschemas import BallotIn

log = logging.getLogger(__name__)
# A JSON answer: status, body, extra headers.
_Answer = tuple[int, dict[str, Any], dict[str, str] | None]
_BALLOT = re.compile(r"^/api/v1/motions/([0-9a-f]{32})/ballots$")
_EVENTS = re.compile(r"^/api/v1/meetings/([0-9a-f]{32})/events$")
MAX_AFTER = 10**15
# Besides its content type: no caching, and no buffering by a proxy (nginx) in front.
STREAM_HEADERS = {"Cache-Control": "no-cache", "X-Accel-Buffering": "no"}
_STREAM_HEADERS = [(b"content-type", b"text/event-stream; charset=utf-8")] + [
    (name.lower().encode(), value.encode()) for name, value in STREAM_HEADERS.items()
]
STREAM_OPENING = b"retry: 2000\n: connected\n\n"


class HotPaths:
    """ASGI middleware answering ballots and event streams (see the module's docstring).

    Args:
        app: the application everything else goes to.
        state: the server state, looked up per request (tests swap it).
        body_limit: the largest request body accepted, as :class:`app.JsonBodyLimit`.
    """

    def __init__(self, app: ASGIApp, state: Callable[[], ServerState], body_limit: int) -> None:
        self.app = app
        self.state = state
        self.body_limit = body_limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            method, path = scope["method"], _route_path(scope)
            if method == "POST" and (match := _BALLOT.match(path)) and _json_body(scope):
                await self._ballot(scope, receive, send, match[1])
                return
            if method == "GET" and (match := _EVENTS.match(path)):
                plain, start = _stream_position(scope)
                if plain:
                    await self._events(scope, receive, send, match[1], start)
                    return
        # Everything else, and anything odd about these two (another content type, a
        # position that is not a plain number), goes to FastAPI, which answers as it always did.
        await self.app(scope, receive, send)

    # -- ballots ------------------------------------------------------------------------

    async def _ballot(self, scope: Scope, receive: Receive, send: Send, motion_id: str) -> None:
        try:
            body = await self._body(scope, receive)
        except ApiError as exc:
            await _answer(send, _error_answer(exc))
            return
        try:
            ballot = BallotIn.model_validate_json(body)
        except ValidationError:
            # FastAPI words its validation errors its own way: let it answer those.
            await self.app(scope, _replay(body, receive), send)
            return
        answer: _Answer
        try:
            answer = 200, await cast_ballot(self.state(), motion_id, _bearer(scope), ballot), None
        except ApiError as exc:
            answer = _error_answer(exc)
        except Exception:  # in front of the error middleware: answer as it would
            log.exception("casting a ballot failed")
            answer = 500, error_body("internal_error", INTERNAL_ERROR), None
        await _answer(send, answer)

    async def _body(self, scope: Scope, receive: Receive) -> bytes:
        declared = _header(scope, b"content-length")
        if declared.isdigit() and int(declared) > self.body_limit:
            raise body_too_large(self.body_limit)
        chunks: list[bytes] = []
        seen = 0
        while True:
            message = await receive()
            if message["type"] == "http.disconnect":
                raise ApiError(400, "bad_request", "The connection closed before the body ended.")
            chunk = message.get("body", b"")
            seen += len(chunk)
            if seen > self.body_limit:
                raise body_too_large(self.body_limit)
            chunks.append(chunk)
            if not message.get("more_body", False):
                return b"".join(chunks)

    # -- event streams ------------------------------------------------------------------

    async def _events(
        self, scope: Scope, receive: Receive, send: Send, meeting_id: str, start: int | None
    ) -> None:
        try:
            token = _bearer(scope)
            state = self.state()
            await run_in_threadpool(_check_participant, state, token, meeting_id)
        except ApiError as exc:
            await _answer(send, _error_answer(exc))
            return
        except Exception:  # in front of the error middleware: answer as it would
            log.exception("opening an event stream failed")
            await _answer(send, (500, error_body("internal_error", INTERNAL_ERROR), None))
            return
        await serve_stream(state, meeting_id, start, receive, send)


async def serve_stream(
    state: ServerState, meeting_id: str, start: int | None, receive: Receive, send: Send
) -> None:
    """Answer a checked caller's event stream: the meeting's events until either side ends.

    Both routes end here: this layer's and FastAPI's (:class:`EventStreamResponse`).
    """
    await send({"type": "http.response.start", "status": 200, "headers": _STREAM_HEADERS})
    await send({"type": "http.response.body", "body": STREAM_OPENING, "more_body": True})
    pump = asyncio.ensure_future(_pump(state, meeting_id, start, send))
    watch = asyncio.ensure_future(_until_disconnect(receive))
    try:
        await asyncio.wait({pump, watch}, return_when=asyncio.FIRST_COMPLETED)
    finally:
        for task in (pump, watch):
            task.cancel()
        for task in (pump, watch):
            with contextlib.suppress(asyncio.CancelledError, OSError):
                await task
    if pump.done() and not pump.cancelled() and pump.exception() is None:
        await send({"type": "http.response.body", "body": b"", "more_body": False})


class EventStreamResponse(Response):
    """FastAPI's answer to a stream request this layer passed on: the same stream."""

    media_type = "text/event-stream"

    def __init__(self, state: ServerState, meeting_id: str, start: int | None) -> None:
        # As StreamingResponse: no body, so no Content-Length; the headers are sent by
        # serve_stream.
        self.status_code = 200
        self.background = None
        self.init_headers(STREAM_HEADERS)
        self._stream = (state, meeting_id, start)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        await serve_stream(*self._stream, receive, send)


async def cast_ballot(
    state: ServerState, motion_id: str, token: str, body: BallotIn
) -> dict[str, Any]:
    """Hand a ballot to the process's ballot writer and await its signed receipt.

    The request holds no thread while it waits: a burst of ballots fills few large batches
    instead of queueing for threads.  The writer checks the token with the rest of its batch,
    and the ballot is answered 503 ``busy`` if it cannot be recorded in time.
    """
    return {"receipt": await state.ballots.submit(motion_id=motion_id, token=token, body=body)}


async def _pump(state: ServerState, meeting_id: str, start: int | None, send: Send) -> None:
    async def write(chunk: bytes) -> None:
        await send({"type": "http.response.body", "body": chunk, "more_body": True})

    await state.live.pump(meeting_id, start, write)


async def _until_disconnect(receive: Receive) -> None:
    while (await receive())["type"] != "http.disconnect":
        pass


def _check_participant(state: ServerState, token: str, meeting_id: str) -> None:
    with state.db.sessions() as session:
        user, _device, _hash = accounts.authenticate(session=session, token=token)
        require_participant(session, meeting_id, user.id)


def require_participant(session: Session, meeting_id: str, user_id: str) -> None:
    """A stream is for the meeting's participants; one row read, not the whole roster:
    everyone connects at once."""
    if participant_role(session, meeting_id, user_id) is None:
        raise ApiError(404, "meeting_not_found", "There is no such meeting, or you are not in it.")


def _event_number(text: str, digits: int) -> bool:
    # str.isdigit alone lets "²" and other Unicode digits through, which int() refuses.
    return text.isascii() and text.isdigit() and len(text) <= digits


def stream_start(last_event_id: str | None, after: int | None) -> int | None:
    """Where a stream starts: ``after`` if given, else ``Last-Event-ID``, else the next event.

    Raises:
        ApiError: 422 for a ``Last-Event-ID`` that is not an event number.
    """
    if after is not None:
        return after
    if last_event_id is None or not last_event_id.strip():
        return None
    text = last_event_id.strip()
    if not _event_number(text, 18):
        raise ApiError(422, "invalid_last_event_id", "Last-Event-ID is an event number.")
    return int(text)


def _stream_position(scope: Scope) -> tuple[bool, int | None]:
    """``(True, start)`` for a stream asked for plainly; ``(False, None)`` for FastAPI to
    refuse (a position that is not an event number), in its own order and words."""
    query = parse_qs(scope.get("query_string", b"").decode("latin-1"), keep_blank_values=True)
    after = None
    if "after" in query:
        text = query["after"][-1]
        if not _event_number(text, 16) or int(text) > MAX_AFTER:
            return False, None
        after = int(text)
    try:
        return True, stream_start(_header(scope, b"last-event-id") or None, after)
    except ApiError:
        return False, None


# -- plumbing ---------------------------------------------------------------------------


def _route_path(scope: Scope) -> str:
    """The path the routes see: uvicorn's ``--root-path`` prefixes it (as Starlette strips)."""
    path = str(scope["path"])
    root = str(scope.get("root_path", ""))
    return path[len(root) :] if root and path.startswith(root) else path


def _json_body(scope: Scope) -> bool:
    """A body FastAPI would read as JSON: no Content-Type, or a JSON one; not declared empty."""
    kind = _header(scope, b"content-type").split(";", 1)[0].strip().lower()
    json_kind = not kind or kind == "application/json" or kind.endswith("+json")
    return json_kind and _header(scope, b"content-length").strip() != "0"


def _replay(body: bytes, receive: Receive) -> Receive:
    """A ``receive`` that gives ``body`` again, then whatever the connection says next."""
    given = False

    async def replayed() -> Message:
        nonlocal given
        if not given:
            given = True
            return {"type": "http.request", "body": body, "more_body": False}
        return await receive()

    return replayed


def _header(scope: Scope, name: bytes) -> str:
    for key, value in scope.get("headers") or ():
        if key == name:
            return bytes(value).decode("latin-1")
    return ""


def _bearer(scope: Scope) -> str:
    scheme, _, token = _header(scope, b"authorization").strip().partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise login_first()
    return token.strip()


def _error_answer(exc: ApiError) -> _Answer:
    return exc.status, error_body(exc.code, exc.message), exc.headers


async def _answer(send: Send, answer: _Answer) -> None:
    """Send ``(status, JSON body, extra headers)``."""
    status, payload, extra = answer
    body = orjson.dumps(payload)
    headers = [
        (b"content-type", b"application/json"),
        (b"content-length", str(len(body)).encode()),
    ]
    for name, value in (extra or {}).items():
        headers.append((name.lower().encode("latin-1"), value.encode("latin-1")))
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})
