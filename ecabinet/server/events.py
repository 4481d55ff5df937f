"""A meeting's event stream in the database: numbering, storing and reading events.

An event is written in the same transaction as the change it reports, so a client never hears
of a change that was rolled back, and a change never commits without its event.  After the
commit the process's :class:`~ecabinet.server.broadcast.LiveHub` is woken (a session hook
below); on PostgreSQL ``pg_notify`` — delivered only at commit — also wakes the other server
processes.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC
from functools import cached_property
from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from ecabinet.core.canonical import canonical_json
from ecabinet.server.models import LiveEvent, MeetingLive
from ecabinet.sqlkit import utcnow

NOTIFY_CHANNEL = "ecabinet_events"
# Meetings whose events this session wrote, for the after-commit hook.
PENDING_KEY = "ecabinet_live_meetings"


@dataclass(frozen=True)
class EventOut:
    """One event as a client receives it."""

    meeting_id: str
    seq: int
    kind: str
    at: str
    data: dict[str, Any]

    @cached_property
    def framed(self) -> bytes:
        """The event in Server-Sent Events framing; ``id`` is what ``Last-Event-ID`` echoes.

        Made once per event, not once per stream: a thousand streams send the same bytes.
        """
        body = json.dumps(
            {"seq": self.seq, "type": self.kind, "at": self.at, "data": self.data},
            ensure_ascii=False,
            separators=(",", ":"),
        )
        return f"id: {self.seq}\nevent: {self.kind}\ndata: {body}\n\n".encode()


def live_row(session: Session, meeting_id: str) -> MeetingLive:
    """The meeting's live row (made with the meeting, or by migration 0003 for older ones)."""
    row = session.get(MeetingLive, meeting_id)
    if row is None:
        row = MeetingLive(meeting_id=meeting_id, last_seq=0)
        session.add(row)
        session.flush()
    return row


def emit(*, session: Session, meeting_id: str, kind: str, data: dict[str, Any]) -> int:
    """Add an event to the caller's transaction; returns its sequence number.

    The counter is bumped with an UPDATE before anything is read: that row lock (PostgreSQL)
    or write lock (SQLite) makes concurrent writers of one meeting number their events in
    commit order, with no gaps.
    """
    live_row(session, meeting_id)
    seq = session.execute(
        update(MeetingLive)
        .where(MeetingLive.meeting_id == meeting_id)
        .values(last_seq=MeetingLive.last_seq + 1)
        .returning(MeetingLive.last_seq)
    ).scalar_one()
    session.add(
        LiveEvent(
            meeting_id=meeting_id,
            seq=seq,
            kind=kind,
            data=canonical_json(data).decode("utf-8"),
            at=utcnow(),
        )
    )
    if session.get_bind().dialect.name == "postgresql":
        session.execute(select(func.pg_notify(NOTIFY_CHANNEL, meeting_id)))
    session.info.setdefault(PENDING_KEY, set()).add(meeting_id)
    return int(seq)


def _out(row: LiveEvent) -> EventOut:
    at = row.at.astimezone(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")
    return EventOut(row.meeting_id, row.seq, row.kind, at, json.loads(row.data))


def events_since(
    *, session: Session, meeting_id: str, after: int, upto: int | None = None, limit: int = 5000
) -> list[EventOut]:
    """Events of a meeting numbered above ``after`` (and at most ``upto``), oldest first."""
    query = select(LiveEvent).where(LiveEvent.meeting_id == meeting_id, LiveEvent.seq > after)
    if upto is not None:
        query = query.where(LiveEvent.seq <= upto)
    return [_out(r) for r in session.scalars(query.order_by(LiveEvent.seq).limit(limit))]


def last_seq(*, session: Session, meeting_id: str) -> int:
    """The number of the newest event of a meeting (0 before the first)."""
    value = session.scalar(select(MeetingLive.last_seq).where(MeetingLive.meeting_id == meeting_id))
    return int(value or 0)
