"""The messages between the app and the worker process; internal to the render package.

Each message is one pickled object on a pipe.  The two large payloads go as raw bytes right
after their header, never inside a pickle (which would add a copy on each side, made while
holding the GIL): the PDF after :class:`OpenDocument` (``Connection.send_bytes``), the pixels
after :class:`PixelsFollow` (:func:`send_raw`).

The pixels are what the app process receives, and receiving must not hold the GIL:
``Connection.recv_bytes`` does, about 10 ms for a 13 MB page (it allocates, copies chunk by
chunk into a ``BytesIO``, and copies again), and so would zero-filling a ``bytearray`` to read
into.  :class:`RawReader` has the kernel write straight into the final ``bytes``.
"""

from __future__ import annotations

import os
import socket
import sys
from dataclasses import dataclass
from multiprocessing.connection import Connection
from typing import TypeAlias

from ecabinet.client.render.results import DocumentInfo, RequestFailed
from ecabinet.core.textfold import Query

# App → worker.


@dataclass(frozen=True, slots=True)
class OpenDocument:
    """Open (or replace) ``doc_id``; the PDF's bytes follow as a raw message.

    ``open_id`` tells the answers to two openings of the same id apart.  ``bad_pages`` are
    pages that crashed earlier workers: they are refused instead of rendered.
    """

    open_id: int
    doc_id: str
    bad_pages: frozenset[int]


@dataclass(frozen=True, slots=True)
class CloseDocument:
    """Forget ``doc_id`` and drop its queued jobs."""

    doc_id: str


@dataclass(frozen=True, slots=True)
class RenderRequest:
    request_id: int
    doc_id: str
    page: int
    scale: float
    priority: int


@dataclass(frozen=True, slots=True)
class TextRequest:
    request_id: int
    doc_id: str
    page: int
    priority: int


@dataclass(frozen=True, slots=True)
class SearchRequest:
    """Find ``query``'s words on every page, folded as search folds them unless ``exact``."""

    request_id: int
    doc_id: str
    query: Query
    exact: bool
    from_page: int
    priority: int


@dataclass(frozen=True, slots=True)
class Cancel:
    """Drop these requests if they have not started."""

    request_ids: tuple[int, ...]


@dataclass(frozen=True, slots=True)
class Stop:
    """Exit now, without running the queued jobs."""


Job: TypeAlias = RenderRequest | TextRequest | SearchRequest
ToWorker: TypeAlias = OpenDocument | CloseDocument | Job | Cancel | Stop

# Worker → app.


@dataclass(frozen=True, slots=True)
class Busy:
    """The worker starts on this request (or, with ``request_id`` None, opens ``doc_id``).

    If the worker dies, the last ``Busy`` names the likely culprit.
    """

    request_id: int | None
    doc_id: str
    page: int | None


@dataclass(frozen=True, slots=True)
class Opened:
    """The outcome of :class:`OpenDocument` number ``open_id``."""

    open_id: int
    result: DocumentInfo | RequestFailed


@dataclass(frozen=True, slots=True)
class PixelsFollow:
    """A rendered page; its samples follow as a raw message."""

    request_id: int
    doc_id: str
    page: int
    scale: float
    width: int
    height: int
    stride: int
    elapsed_ms: float

    @property
    def nbytes(self) -> int:
        """The length of the samples that follow."""
        return self.stride * self.height


# Windows pipes are not sockets: there, the ordinary framed messages.
_SOCKETS = sys.platform != "win32"


def send_raw(conn: Connection, data: memoryview) -> None:
    """Send exactly ``len(data)`` bytes, to be read by :class:`RawReader` with that length."""
    if not _SOCKETS:
        conn.send_bytes(data)
        return
    fd = conn.fileno()
    view = data.cast("B")
    while view:
        view = view[os.write(fd, view) :]


class RawReader:
    """Reads what :func:`send_raw` wrote on the other end of ``conn``, GIL released.

    ``recv(size, MSG_WAITALL)`` on the socket under the connection allocates the final
    ``bytes`` without touching it and has the kernel fill it in one call, the GIL released
    throughout: the only copy is the kernel's.
    """

    def __init__(self, conn: Connection) -> None:
        self._conn = conn
        self._socket = (
            socket.fromfd(conn.fileno(), socket.AF_UNIX, socket.SOCK_STREAM) if _SOCKETS else None
        )

    def read(self, size: int) -> bytes:
        if self._socket is None:
            return self._conn.recv_bytes()
        data = self._socket.recv(size, socket.MSG_WAITALL)
        if len(data) == size:
            return data
        # Cut short by a signal, or the end of the pipe.
        parts = [data]
        received = len(data)
        while received < size:
            chunk = self._socket.recv(size - received, socket.MSG_WAITALL)
            if not chunk:
                raise EOFError("the worker closed the pipe within a message")
            parts.append(chunk)
            received += len(chunk)
        return b"".join(parts)

    def close(self) -> None:
        if self._socket is not None:
            self._socket.close()
