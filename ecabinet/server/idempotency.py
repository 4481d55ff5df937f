"""Replaying answers to repeated requests that carry an ``Idempotency-Key``.

The client's outbox sends every queued action with a random key.  If the server handled an
action but the answer was lost (a cut connection), the client sends it again; this middleware
recognises the key and answers with the stored response instead of acting twice.  Keys belong
to a user, so one user can never see another's stored answer.

What is left: a crash between the action's commit and the storing of its answer would let a
replay act again.  Endpoints whose effect must never repeat (ballots) are protected by
database constraints as well.
"""

from __future__ import annotations

import contextlib
import hashlib
from collections.abc import Callable
from datetime import timedelta

from sqlalchemy import delete
from sqlalchemy.exc import IntegrityError
from starlette.concurrency import run_in_threadpool
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from ecabinet.server.errors import error_response
from ecabinet.server.models import IdempotentRequest, Token, utcnow
from ecabinet.server.state import ServerState

MUTATING = {b"POST", b"PUT", b"PATCH", b"DELETE"}
KEEP_FOR = timedelta(days=30)
MAX_STORED_BODY = 256 * 1024


class IdempotencyKeys:
    """ASGI middleware; ``state`` is looked up per request so tests can swap it."""

    def __init__(self, app: ASGIApp, state: Callable[[], ServerState]) -> None:
        self.app = app
        self.state = state

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"].encode() not in MUTATING:
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
        token_hash = hashlib.sha256(auth[7:].strip().encode("utf-8")).hexdigest()
        method, path = scope["method"], scope["path"]
        user_id, stored = await run_in_threadpool(_lookup, state, token_hash, key)
        if user_id is None:
            await self.app(scope, receive, send)  # not logged in: the endpoint says so
            return
        if stored is not None:
            if (stored.method, stored.path) != (method, path):
                await error_response(
                    422,
                    "idempotency_key_reused",
                    "This Idempotency-Key was already used for another request.",
                )(scope, receive, send)
                return
            await _replay(stored, send)
            return
        status = 0
        body = bytearray()

        async def capture(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = int(message["status"])
            elif message["type"] == "http.response.body":
                body.extend(message.get("body", b""))
            await send(message)

        await self.app(scope, receive, capture)
        if status < 500 and status not in (401, 429) and len(body) <= MAX_STORED_BODY:
            await run_in_threadpool(_store, state, user_id, key, method, path, status, bytes(body))


def _lookup(
    state: ServerState, token_hash: str, key: str
) -> tuple[str | None, IdempotentRequest | None]:
    with state.db.session() as session:
        token = session.get(Token, token_hash)
        if token is None:
            return None, None
        return token.user_id, session.get(IdempotentRequest, (token.user_id, key))


def _store(
    state: ServerState, user_id: str, key: str, method: str, path: str, status: int, body: bytes
) -> None:
    # A concurrent repeat may have stored the same answer first: that is fine.
    with contextlib.suppress(IntegrityError), state.db.session() as session:
        session.execute(
            delete(IdempotentRequest).where(IdempotentRequest.created_at < utcnow() - KEEP_FOR)
        )
        session.add(
            IdempotentRequest(
                user_id=user_id,
                key=key,
                method=method,
                path=path,
                status=status,
                body=body.decode("utf-8", "replace"),
            )
        )


async def _replay(stored: IdempotentRequest, send: Send) -> None:
    body = stored.body.encode("utf-8")
    headers = [
        (b"content-type", b"application/json"),
        (b"idempotent-replayed", b"true"),
        (b"content-length", str(len(body)).encode()),
    ]
    await send({"type": "http.response.start", "status": stored.status, "headers": headers})
    await send({"type": "http.response.body", "body": body})
