"""The app's one render service, with its results re-emitted as signals on the GUI thread."""

from __future__ import annotations

import itertools
import logging

from PySide6.QtCore import QObject, Qt, Signal, Slot

from ecabinet.client.render import (
    DocumentInfo,
    PageText,
    RenderedPage,
    RenderService,
    RequestFailed,
    Result,
    SearchHits,
)

__all__ = ["RenderHub"]

_log = logging.getLogger(__name__)


class RenderHub(QObject):
    """Owns the :class:`RenderService` and hands its results to the GUI thread as signals.

    One per application.  The service calls back on a thread of its own; the hub emits a
    private signal there, which Qt delivers queued to the hub's thread (the GUI thread), and
    re-emits each result on the public signal for its kind.  Every document view listens to
    all of them and keeps the results for its own key (see :meth:`new_key`).

    Signals:
        rendered: a :class:`RenderedPage`.
        text_ready: a :class:`PageText`.
        hits: a :class:`SearchHits`.
        failed: a :class:`RequestFailed` (``request_id`` None: a document did not open).
        document_ready: a :class:`DocumentInfo`.

    Args:
        cache_mb: the bound of the service's page cache, in MiB.
        max_pixels: the largest rendering asked for; views lower the scale of huge pages.
        parent: the owning QObject.
    """

    rendered = Signal(object)
    text_ready = Signal(object)
    hits = Signal(object)
    failed = Signal(object)
    document_ready = Signal(object)
    _arrived = Signal(object)

    def __init__(
        self,
        *,
        cache_mb: float = 96.0,
        max_pixels: int = 48_000_000,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._closed = False
        self._keys = itertools.count(1)
        self.cache_bytes_limit = int(cache_mb * 1024 * 1024)
        self.max_pixels = max_pixels
        self._arrived.connect(self._dispatch, Qt.ConnectionType.QueuedConnection)
        self._service = RenderService(self._arrived.emit, cache_mb=cache_mb, max_pixels=max_pixels)

    @property
    def service(self) -> RenderService:
        """The render service; its methods return at once and may be called from here."""
        return self._service

    @property
    def closed(self) -> bool:
        """True once :meth:`close` was called; the service then refuses every request."""
        return self._closed

    def new_key(self, doc_id: str) -> str:
        """A service-side document id for one view of ``doc_id``.

        Two tabs showing the same document each open it under a key of their own, so that
        closing one cannot close the other's.
        """
        return f"{doc_id}#{next(self._keys)}"

    def start(self) -> None:
        """Start the worker process ahead of the first document (it takes a moment)."""
        if not self._closed:
            self._service.start()

    def close(self) -> None:
        """Stop the worker process; results still queued for the GUI thread are dropped."""
        if self._closed:
            return
        self._closed = True
        self._service.close()

    @Slot(object)
    def _dispatch(self, result: Result) -> None:
        if self._closed:
            return
        match result:
            case RenderedPage():
                self.rendered.emit(result)
            case PageText():
                self.text_ready.emit(result)
            case SearchHits():
                self.hits.emit(result)
            case RequestFailed():
                self.failed.emit(result)
            case DocumentInfo():
                self.document_ready.emit(result)
            case _:
                _log.warning("unexpected render result %r", type(result).__name__)
