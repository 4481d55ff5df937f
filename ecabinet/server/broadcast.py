"""One broadcaster per server process: meeting events fanned out to every open stream.

A thousand delegates hold a stream each.  Rather than each stream polling the database, the
hub reads new events of a meeting once, keeps a window of recent ones in memory, and wakes
every stream of that meeting; a stream then copies what it has not sent yet from memory.  A
stream that reconnects with an older ``Last-Event-ID`` than the window reads the gap from the
database first (the events table is the source of truth, shared by all processes).

What wakes the hub: the after-commit hook of a session that wrote events (this process), a
PostgreSQL ``LISTEN`` connection (other processes), and, as a safety net for a lost
notification, a poll of watched meetings every second.

Ballots do not write an event each: a thousand ballots in a second would be a million
messages.  The hub counts them instead, at most once a second per open motion, and emits
one ``ballots_cast`` event with the total (each event costs a write to every stream).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import threading
from collections.abc import Awaitable, Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from functools import partial
from typing import Any, TypeVar

from sqlalchemy import event
from sqlalchemy.orm import Session

from ecabinet.server.db import Database
from ecabinet.server.events import NOTIFY_CHANNEL, PENDING_KEY, EventOut, events_since, last_seq

log = logging.getLogger(__name__)
T = TypeVar("T")

WINDOW = 2000
POLL_SECONDS = 1.0
COUNT_SECONDS = 1.0
KEEPALIVE_SECONDS = 15.0
# Streams are woken a group at a time, the loop polling its sockets between groups: writing
# one event to a thousand sockets in one go held up every ballot arriving meanwhile.
GROUPS = 32
KEEP_ALIVE = b": keep-alive\n\n"
# Writes one chunk of a stream's body.
Write = Callable[[bytes], Awaitable[None]]


@dataclass
class _Channel:
    """What the hub knows of one meeting's stream."""

    meeting_id: str
    # events holds every event numbered floor+1 .. latest, oldest first.
    floor: int
    latest: int
    events: list[EventOut] = field(default_factory=list)
    # One wake-up per group of streams (see _wake_all); a stream joins group streams % GROUPS.
    changed: list[asyncio.Event] = field(
        default_factory=lambda: [asyncio.Event() for _ in range(GROUPS)]
    )
    joined: int = 0
    streams: int = 0
    dirty: bool = False
    task: asyncio.Task[None] | None = None


class LiveHub:
    """Fans a meeting's events out to its streams in this process.

    Args:
        db: the process's database.
        count_ballots: called off the event loop with a motion id every time ballots on it
            need counting; it writes the ``ballots_cast`` event (see :mod:`motions`), or
            answers False to be asked again at the next tick.
    """

    def __init__(self, db: Database, count_ballots: Callable[[str], bool] | None = None) -> None:
        self.db = db
        self.count_ballots = count_ballots
        self._loop: asyncio.AbstractEventLoop | None = None
        self._channels: dict[str, _Channel] = {}
        self._executor: ThreadPoolExecutor | None = None
        self._tasks: list[asyncio.Task[None]] = []
        self._stop = threading.Event()
        self._listener: threading.Thread | None = None
        self._ballots_lock = threading.Lock()
        self._ballots: set[str] = set()
        self._closing = False
        event.listen(db.sessions, "after_commit", self._after_commit)
        event.listen(db.sessions, "after_rollback", self._after_rollback)

    # -- life cycle ---------------------------------------------------------------------

    async def start(self) -> None:
        """Bind to the running event loop; start the poll, the counter and the listener."""
        self._loop = asyncio.get_running_loop()
        self._closing = False
        self._executor = ThreadPoolExecutor(max_workers=2, thread_name_prefix="live")
        self._channels.clear()
        self._stop.clear()
        self._tasks = [
            self._loop.create_task(self._every(POLL_SECONDS, self._poll)),
            self._loop.create_task(self._every(COUNT_SECONDS, self._count)),
            self._loop.create_task(self._every(KEEPALIVE_SECONDS, self._beat)),
        ]
        if self.db.is_postgres:
            self._listener = threading.Thread(target=self._listen, name="pg-listen", daemon=True)
            self._listener.start()

    async def stop(self) -> None:
        self._stop.set()
        for task in self._tasks:
            task.cancel()
        for task in self._tasks:
            with contextlib.suppress(asyncio.CancelledError):
                await task
        for channel in self._channels.values():
            if channel.task is not None:
                channel.task.cancel()
        self._loop = None
        if self._listener is not None:
            self._listener.join(timeout=5)
        if self._executor is not None:
            self._executor.shutdown(wait=False, cancel_futures=True)
            self._executor = None

    def end_streams(self) -> None:
        """The server is stopping: every open stream ends (clients reconnect elsewhere).

        Streams never end by themselves, and the HTTP server waits for open responses
        before it stops; safe from a signal handler or any thread.
        """
        loop = self._loop
        if loop is not None and not loop.is_closed():
            with contextlib.suppress(RuntimeError):  # the loop is closing
                loop.call_soon_threadsafe(self._end_streams)

    def _end_streams(self) -> None:
        self._closing = True
        for channel in self._channels.values():
            for group, woken in enumerate(channel.changed):
                channel.changed[group] = asyncio.Event()
                woken.set()

    async def _beat(self) -> None:
        """Wake every stream: one with nothing new writes a keep-alive (see :meth:`pump`)."""
        for channel in list(self._channels.values()):
            await self._wake_all(channel)

    # -- being woken (any thread) -------------------------------------------------------

    def wake(self, meeting_id: str) -> None:
        """New events of ``meeting_id`` may be in the database; safe from any thread."""
        loop = self._loop
        if loop is not None and not loop.is_closed():
            with contextlib.suppress(RuntimeError):  # the loop is closing
                loop.call_soon_threadsafe(self._kick, meeting_id)

    def ballot_cast(self, motion_id: str) -> None:
        """A ballot on ``motion_id`` was accepted; its count goes out at the next tick."""
        with self._ballots_lock:
            self._ballots.add(motion_id)

    def _after_commit(self, session: Session) -> None:
        for meeting_id in session.info.pop(PENDING_KEY, ()):
            self.wake(meeting_id)

    def _after_rollback(self, session: Session) -> None:
        session.info.pop(PENDING_KEY, None)

    def _listen(self) -> None:
        """PostgreSQL ``LISTEN`` in a thread: other processes' commits wake this hub."""
        import psycopg

        url = self.db.engine.url.set(drivername="postgresql").render_as_string(hide_password=False)
        while not self._stop.is_set():
            try:
                with psycopg.connect(url, autocommit=True) as conn:
                    conn.execute(f"LISTEN {NOTIFY_CHANNEL}")
                    while not self._stop.is_set():
                        for note in conn.notifies(timeout=0.5):
                            self.wake(note.payload)
            except Exception:  # the poll covers the gap; try again shortly
                log.warning("LISTEN connection lost; reconnecting", exc_info=True)
                self._stop.wait(1.0)

    # -- on the event loop --------------------------------------------------------------

    async def _run(self, function: Callable[[], T]) -> T:
        if self._loop is None or self._executor is None:
            raise RuntimeError("the live hub is not running")
        return await self._loop.run_in_executor(self._executor, function)

    async def _every(self, seconds: float, action: Callable[[], Any]) -> None:
        while True:
            await asyncio.sleep(seconds)
            try:
                await action()
            except Exception:
                log.exception("live events: %s failed", getattr(action, "__name__", action))

    async def _poll(self) -> None:
        for channel in list(self._channels.values()):
            if channel.streams:
                self._kick(channel.meeting_id)

    async def _count(self) -> None:
        with self._ballots_lock:
            motions, self._ballots = self._ballots, set()
        count = self.count_ballots
        if count is None:
            return
        for motion_id in motions:
            if not await self._run(partial(count, motion_id)):
                self.ballot_cast(motion_id)  # another process just counted: next tick

    def _kick(self, meeting_id: str) -> None:
        channel = self._channels.get(meeting_id)
        if channel is None or self._loop is None:
            return
        channel.dirty = True
        if channel.task is None or channel.task.done():
            channel.task = self._loop.create_task(self._refresh(channel))

    async def _refresh(self, channel: _Channel) -> None:
        while channel.dirty:
            channel.dirty = False
            try:
                fresh = await self._run(partial(self._read, channel.meeting_id, channel.latest))
            except Exception:
                log.exception("reading events of meeting %s failed", channel.meeting_id)
                return
            fresh = [e for e in fresh if e.seq > channel.latest]
            if not fresh:
                continue
            channel.events.extend(fresh)
            channel.latest = fresh[-1].seq
            if len(channel.events) > WINDOW:
                dropped = len(channel.events) - WINDOW
                channel.floor = channel.events[dropped - 1].seq
                del channel.events[:dropped]
            await self._wake_all(channel)

    @staticmethod
    async def _wake_all(channel: _Channel) -> None:
        """Wake the channel's streams group by group, yielding to the loop in between.

        Each group's streams write their events in the loop's next round, after it has
        polled its sockets; a ballot that arrives meanwhile waits for one group's writes,
        not for a thousand.
        """
        for group, woken in enumerate(channel.changed):
            channel.changed[group] = asyncio.Event()
            woken.set()
            await asyncio.sleep(0)

    def _read(self, meeting_id: str, after: int, upto: int | None = None) -> list[EventOut]:
        with self.db.sessions() as session:
            return events_since(session=session, meeting_id=meeting_id, after=after, upto=upto)

    def _latest(self, meeting_id: str) -> int:
        with self.db.sessions() as session:
            return last_seq(session=session, meeting_id=meeting_id)

    async def _channel(self, meeting_id: str) -> _Channel:
        channel = self._channels.get(meeting_id)
        if channel is None:
            latest = await self._run(partial(self._latest, meeting_id))
            channel = self._channels.get(meeting_id)
            if channel is None:
                channel = _Channel(meeting_id, floor=latest, latest=latest)
                self._channels[meeting_id] = channel
        return channel

    async def pump(self, meeting_id: str, after: int | None, write: Write) -> None:
        """Write a meeting's events to one stream as they commit, until the hub stops.

        Events numbered above ``after`` come first (``after=None``: from the next one).  Each
        wake-up is one ``write`` of every event the stream has not had yet, framed once for all
        streams; a wake-up with nothing new (the hub's beat, every ``KEEPALIVE_SECONDS``)
        writes a keep-alive, so that proxies and clients can tell a live stream from a dead
        one.  A woken stream costs a task step and a socket write, no more: a thousand are
        woken for each event.
        """
        channel = await self._channel(meeting_id)
        channel.streams += 1
        group = channel.joined % GROUPS
        channel.joined += 1
        try:
            sent = channel.latest if after is None else max(0, min(after, channel.latest))
            while not self._closing:
                if sent < channel.floor:  # behind the window: the gap from the database
                    upto = channel.floor
                    missed = await self._run(partial(self._read, meeting_id, sent, upto))
                    if missed:
                        await write(b"".join(item.framed for item in missed))
                    sent = upto
                    continue
                if channel.latest > sent:
                    new = channel.events[sent - channel.floor :]
                    sent = channel.latest
                    await write(new[0].framed if len(new) == 1 else b"".join(e.framed for e in new))
                    continue
                await channel.changed[group].wait()
                if channel.latest == sent and not self._closing:
                    await write(KEEP_ALIVE)
        finally:
            channel.streams -= 1
