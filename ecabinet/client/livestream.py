"""Reading a meeting's Server-Sent Events stream, resuming with ``Last-Event-ID``.

Blocking, for a worker thread: :meth:`EventStream.run` reads until :meth:`close` is called
from another thread, reconnecting with the last sequence number it saw whenever the
connection drops, so the server replays whatever happened in between.
"""

from __future__ import annotations

import contextlib
import json
import socket
import threading
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

import requests

from ecabinet.client.api import ApiClient, ApiError, ServerUnreachable


@dataclass(frozen=True)
class LiveEvent:
    seq: int
    kind: str
    at: str
    data: dict[str, Any]


def parse_events(chunks: Iterable[bytes]) -> Iterator[LiveEvent]:
    """Server-Sent Events framing to events; comments (keep-alives) are skipped."""
    buffer = b""
    for chunk in chunks:
        buffer += chunk
        while b"\n\n" in buffer:
            block, buffer = buffer.split(b"\n\n", 1)
            data = [line[5:].lstrip() for line in block.split(b"\n") if line.startswith(b"data:")]
            if not data:
                continue
            try:
                body = json.loads(b"\n".join(data))
                yield LiveEvent(int(body["seq"]), str(body["type"]), str(body["at"]), body["data"])
            except (ValueError, KeyError, TypeError):
                continue  # not one of ours; a newer server's extra kind still parses above


class EventStream:
    """One meeting's stream.

    Args:
        api: the logged-in client (its base URL, token and TLS settings are used).
        meeting_id: the meeting to follow.
        after: the sequence number already known (from ``GET …/live``); ``None`` for "now".
        on_event: called in the reading thread for each event.
        on_state: called with ``True`` when connected and ``False`` when the connection is
            lost (and being retried).
    """

    def __init__(
        self,
        api: ApiClient,
        meeting_id: str,
        after: int | None,
        on_event: Callable[[LiveEvent], None],
        on_state: Callable[[bool], None] = lambda _up: None,
        retry_seconds: float = 2.0,
    ) -> None:
        self.api = api
        self.meeting_id = meeting_id
        self.last_seq = after
        self.on_event = on_event
        self.on_state = on_state
        self.retry_seconds = retry_seconds
        self._stop = threading.Event()
        self._response: requests.Response | None = None
        self._lock = threading.Lock()

    def run(self) -> None:
        """Read (and reconnect) until :meth:`close`."""
        while not self._stop.is_set():
            try:
                self._read_once()
            except (ServerUnreachable, requests.RequestException, OSError, AttributeError):
                pass  # the network: try again
            except ApiError:  # an answer (e.g. 401): the caller decides what next
                self.on_state(False)
                raise
            if self._stop.is_set():
                break
            self.on_state(False)
            self._stop.wait(self.retry_seconds)

    def _read_once(self) -> None:
        headers = {"Accept": "text/event-stream"}
        if self.last_seq is not None:
            headers["Last-Event-ID"] = str(self.last_seq)
        response = self.api.request(
            "GET",
            f"/meetings/{self.meeting_id}/events",
            headers=headers,
            stream=True,
            # Longer than the server's keep-alive interval: a silent stream is a dead one.
            timeout=40,
        )
        with self._lock:
            if self._stop.is_set():
                response.close()
                return
            self._response = response
        try:
            self.on_state(True)
            for event in parse_events(response.iter_content(chunk_size=None)):
                self.last_seq = event.seq
                self.on_event(event)
        finally:
            with self._lock:
                self._response = None
            response.close()

    def close(self) -> None:
        """Stop reading; safe from any thread, returns at once."""
        self._stop.set()
        with self._lock:
            response = self._response
        if response is None:
            return
        # Closing a response does not wake a thread blocked reading it; shutting the socket
        # down does.
        connection = getattr(response.raw, "_connection", None)
        sock = getattr(connection, "sock", None)
        if isinstance(sock, socket.socket):
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)
