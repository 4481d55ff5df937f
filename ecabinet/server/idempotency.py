"""Replaying answers to repeated requests that carry an ``Idempotency-Key``.

The client's outbox sends every queued action with a random key.  If the server handled an
action but the answer was lost (a cut connection), the client sends it again; this middleware
recognises the key and answers with the stored response instead of acting twice.

The key is claimed before the request runs (a unique insert is the lock), so a repeat sent
while the first is still running gets 409 and retries later instead of acting in parallel.
A replay is only given to a caller whose token is still valid now, for the same method, path
and body; keys belong to a user, so one user never sees another's stored answer.

What is left: a crash between the action's commit and the storing of its answer leaves the
claim without an answer; a repeat then gets 409 until the claim expires.
"""

from __future__ import annotations

import contextlib
import hashlib
import re
from collections.abc import Callable
from datetime import timedelta

from sqlalchemy import delete
from sqlalchemy.exc import IntegrityError
from starlette.concurrency import run_in_threadpool
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from ecabinet.server import accounts
from ecabinet.server.errors import ApiError, error_response
from ecabinet.server.models import IdempotentRequest
from ecabinet.server.state import ServerState
from ecabinet.server.uploads import is_upload
from ecabinet.sqlkit import utcnow

MUTATING = {"POST", "PUT", "PATCH", "DELETE"}
_BALLOT_PATH = re.compile(r"^/api/v1/motions/[^/]+/ballots/?$")


def is_ballot(scope: Scope) -> bool:
    return bool(_BALLOT_PATH.match(str(scope.get("path", ""))))


KEEP_FOR = timedelta(days=30)
CLAIM_EXPIRES = timedelta(minutes=10)
MAX_STORED_BODY = 256 * 1024
MAX_HASHED_BODY = 4 * 1024 * 1024


class IdempotencyKeys:
    """ASGI middleware; ``state`` is looked up per request so tests can swap it."""

    def __init__(self, app: ASGIApp, state: Callable[[], ServerState]) -> None:
        self.app = app
        self.state = state

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        # Uploads stream megabytes and are idempotent by content (a blob is named by its hash).
        # Ballots are never stored: the hash of a body as small as {"choice": "for"} names
        # the choice, which a secret ballot must not leave next to the voter; one ballot per
        # voter is the database's rule anyway, so a repeat gets 409.
        if (
            scope["type"] != "http"
            or scope["method"] not in MUTATING
            or is_upload(scope)
            or is_ballot(scope)
        ):
            await self.app(scope, receive, send)
            return
        headers = dict(scope.get("headers") or [])
        key = headers.get(b"idempotency-key", b"").decode("latin-1").strip()
        auth = headers.get(b"authorization", b"").decode("latin-1")
        if not key or not auth.lower().startswith("bearer "):
            await self.app(scope, receive, send)
            return
        if len(key) > 100:
            await error_response(422, "invalid_request", "The Idempotency-Key is too long.")(
                scope, receive, send
            )
            return
        state = self.state()
        # Read the body first (bounded: the JSON limit sits outside this middleware) so that
        # it can be hashed, then hand it on unchanged.
        try:
            body = await _read_body(receive)
        except ApiError as exc:
            await error_response(exc.status, exc.code, exc.message)(scope, receive, send)
            return
        digest = hashlib.sha256(body).hexdigest()
        method, path = scope["method"], scope["path"]
        try:
            verdict = await run_in_threadpool(
                _claim, state, auth[7:].strip(), key, method, path, digest
            )
        except ApiError as exc:
            await error_response(exc.status, exc.code, exc.message, exc.headers)(
                scope, receive, send
            )
            return
        if isinstance(verdict, IdempotentRequest):
            await _replay(verdict, send)
            return
        user_id = verdict
        replayed = False

        async def replay_body() -> Message:
            nonlocal replayed
            if replayed:
                return await receive()
            replayed = True
            return {"type": "http.request", "body": body, "more_body": False}

        status = 0
        answer = bytearray()

        async def capture(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = int(message["status"])
            elif message["type"] == "http.response.body":
                answer.extend(message.get("body", b""))
            await send(message)

        try:
            await self.app(scope, replay_body, capture)
        finally:
            keep = 0 < status < 500 and status not in (401, 409, 429)
            await run_in_threadpool(
                _settle, state, user_id, key, status if keep else None, bytes(answer)
            )


async def _read_body(receive: Receive) -> bytes:
    chunks: list[bytes] = []
    size = 0
    while True:
        message = await receive()
        if message["type"] != "http.request":
            return b"".join(chunks)
        chunk = message.get("body", b"")
        size += len(chunk)
        if size > MAX_HASHED_BODY:
            raise ApiError(413, "too_large", "Requests with an Idempotency-Key must be small.")
        chunks.append(chunk)
        if not message.get("more_body", False):
            return b"".join(chunks)


def _claim(
    state: ServerState, token: str, key: str, method: str, path: str, digest: str
) -> str | IdempotentRequest:
    """Authenticate, then claim the key or return the stored answer to replay.

    Raises:
        ApiError: 401 for a token that is no longer valid (a replay is no way around a
            logout or a revoked device), 409 while the first request runs, 422 for a key
            used with another request.
    """
    with state.db.session() as session:
        user, _device, _hash = accounts.authenticate(session=session, token=token)
        user_id = user.id
        stored = session.get(IdempotentRequest, (user_id, key))
        if (
            stored is not None
            and stored.status == 0
            and stored.created_at < utcnow() - CLAIM_EXPIRES
        ):
            session.delete(stored)
            session.flush()
            stored = None
        if stored is None:
            session.execute(
                delete(IdempotentRequest).where(IdempotentRequest.created_at < utcnow() - KEEP_FOR)
            )
            session.add(
                IdempotentRequest(
                    user_id=user_id,
                    key=key,
                    method=method,
                    path=path,
                    request_hash=digest,
                    status=0,
                    body="",
                )
            )
            try:
                session.flush()
            except IntegrityError:
                session.rollback()
                raise ApiError(
                    409,
                    "request_in_progress",
                    "The same request is being handled already; try again in a moment.",
                ) from None
            return user_id
    if stored.status == 0:
        raise ApiError(
            409,
            "request_in_progress",
            "The same request is being handled already; try again in a moment.",
        )
    if (stored.method, stored.path, stored.request_hash) != (method, path, digest):
        raise ApiError(
            422,
            "idempotency_key_reused",
            "This Idempotency-Key was already used for another request.",
        )
    return stored


def _settle(state: ServerState, user_id: str, key: str, status: int | None, body: bytes) -> None:
    """Store the answer to replay, or release the claim when there is nothing worth keeping."""
    with contextlib.suppress(IntegrityError), state.db.session() as session:
        row = session.get(IdempotentRequest, (user_id, key))
        if row is None:
            return
        if status is None or len(body) > MAX_STORED_BODY:
            session.delete(row)
        else:
            row.status = status
            row.body = body.decode("utf-8", "replace")


async def _replay(stored: IdempotentRequest, send: Send) -> None:
    body = stored.body.encode("utf-8")
    headers = [
        (b"content-type", b"application/json"),
        (b"idempotent-replayed", b"true"),
        (b"content-length", str(len(body)).encode()),
    ]
    await send({"type": "http.response.start", "status": stored.status, "headers": headers})
    await send({"type": "http.response.body", "body": body})
