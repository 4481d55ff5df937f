"""Actions that need the server, queued while offline and replayed in order, each once.

Each entry carries a random idempotency key that is sent along, so a server that saw an action
whose answer was lost can recognise the replay.  An entry is marked done as soon as the server
has answered it (success, or a refusal that retrying cannot change); a network failure stops
the replay, keeping order, until the next sync.
"""

from __future__ import annotations

import json
import uuid
from typing import Any

from sqlalchemy import select

from ecabinet.client.api import ApiClient, ApiError, DeviceRevoked, ServerUnreachable
from ecabinet.client.store import OutboxEntry, Store, utcnow


def enqueue(store: Store, method: str, path: str, body: Any = None) -> str:
    """Queue an action; returns its idempotency key."""
    key = uuid.uuid4().hex
    with store.session() as session:
        session.add(
            OutboxEntry(
                key=key,
                method=method.upper(),
                path=path,
                body=json.dumps(body if body is not None else {}),
            )
        )
    return key


def pending(store: Store) -> list[OutboxEntry]:
    with store.session() as session:
        return list(
            session.scalars(
                select(OutboxEntry).where(OutboxEntry.done_at.is_(None)).order_by(OutboxEntry.id)
            )
        )


def replay_outbox(store: Store, api: ApiClient) -> int:
    """Send pending actions in order; returns how many the server answered.

    Raises:
        DeviceRevoked: the device was revoked (the caller wipes the profile).
    """
    sent = 0
    for entry in pending(store):
        try:
            answer = api.send(entry.method, entry.path, json.loads(entry.body), entry.key)
            outcome = json.dumps({"ok": True, "answer": answer})
        except DeviceRevoked:
            raise
        except ServerUnreachable:
            _note_attempt(store, entry.id)
            break
        except ApiError as exc:
            # Worth retrying later: server trouble, throttling, a lost login, or the first
            # delivery of this very action still being handled.
            if exc.status >= 500 or exc.status in (401, 429) or exc.code == "request_in_progress":
                _note_attempt(store, entry.id)
                break
            outcome = json.dumps({"ok": False, "code": exc.code, "message": exc.message})
        with store.session() as session:
            row = session.get(OutboxEntry, entry.id)
            if row is not None:
                row.attempts += 1
                row.done_at = utcnow()
                row.result = outcome
        sent += 1
    return sent


def _note_attempt(store: Store, entry_id: int) -> None:
    with store.session() as session:
        row = session.get(OutboxEntry, entry_id)
        if row is not None:
            row.attempts += 1
