"""The render service: the app's one handle on page rendering, text extraction and search.

See the package docstring for the whole picture; this module keeps the app-side state: the
documents (their bytes, so that a restarted worker can open them again), the requests waiting
for an answer, the page cache, and the worker link of the moment.
"""

from __future__ import annotations

import itertools
import logging
import math
import multiprocessing
import threading
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from types import TracebackType
from typing import Self

from ecabinet.client.render.cache import PageCache
from ecabinet.client.render.link import FromWorker, WorkerLink
from ecabinet.client.render.protocol import (
    Busy,
    Cancel,
    CloseDocument,
    Job,
    OpenDocument,
    Opened,
    RenderRequest,
    SearchRequest,
    TextRequest,
)
from ecabinet.client.render.results import (
    FailureReason,
    PageText,
    RenderedPage,
    RequestFailed,
    Result,
    SearchHits,
)
from ecabinet.core.textfold import Query

__all__ = ["RenderService"]

_log = logging.getLogger(__name__)

MAX_SCALE = 64.0
"""Pixels per point above which ``render`` refuses outright (6400 % on a 1x screen)."""
# A job that was running when the worker died this many times is not tried again.
_STRIKES = 2


@dataclass
class _Document:
    data: bytes
    open_id: int = 0
    announced: bool = False  # its DocumentInfo reached on_result
    # Crashes while working on a page (None: while opening), and the pages refused since.
    strikes: Counter[int | None] = field(default_factory=Counter)
    bad_pages: set[int] = field(default_factory=set)


@dataclass(frozen=True)
class _Pending:
    doc_id: str
    page: int | None


class RenderService:
    """Renders PDF pages, extracts their words and searches them in a worker process.

    Every method but :meth:`close` may be called from any thread and returns at once: it
    only queues a message (under a lock held for microseconds), so the GUI thread may call it
    freely.  The worker process is started by :meth:`start` or by the first request, from a
    background thread.

    Results reach ``on_result`` on a background thread of the service, one at a time, in the
    order the worker produced them, and never after :meth:`close` has returned.  ``on_result``
    should only hand the result on (e.g. emit a Qt signal); it may call the service's methods,
    and an exception it raises is logged and otherwise ignored.

    A request cancelled before its result was delivered never produces one.  If the worker
    dies (a malicious PDF crashing MuPDF, or the system killing it), every pending request
    fails with ``INTERRUPTED``; the next request starts a new worker, which opens the documents
    again from the bytes the service keeps.  A page that was being worked on when the worker
    died twice is refused from then on (``CRASHED``), so one bad page cannot crash the worker
    over and over.

    Args:
        on_result: receives every :data:`Result`.
        cache_mb: the bound on the pixels kept by the page cache, in MiB.
        max_pixels: renders above this many pixels fail with ``TOO_LARGE`` (the default,
            64 million, is 192 MB of RGB: A4 at scale 11, 560 % zoom on a 2x screen).
    """

    def __init__(
        self,
        on_result: Callable[[Result], None],
        *,
        cache_mb: float = 256.0,
        max_pixels: int = 64_000_000,
    ) -> None:
        self._ctx = multiprocessing.get_context("spawn")
        self._on_result = on_result
        self._max_pixels = max_pixels
        self._lock = threading.Lock()
        self._deliver_lock = threading.RLock()
        self._closed = False
        self._silenced = False
        self._cache = PageCache(int(cache_mb * 1024 * 1024))
        self._docs: dict[str, _Document] = {}
        self._pending: dict[int, _Pending] = {}
        self._ids = itertools.count(1)
        self._link: WorkerLink | None = None
        self._links: set[WorkerLink] = set()  # started and not yet reaped

    # Lifetime.

    def start(self) -> None:
        """Start the worker process now rather than at the first request."""
        with self._lock:
            self._check_open()
            self._live_link()

    def close(self, timeout: float = 3.0) -> None:
        """Stop the worker: ask, wait ``timeout`` seconds, then terminate it.

        Pending requests are dropped without results.  Idempotent.
        """
        with self._lock:
            if self._closed:
                return
            self._closed = True
            self._link = None
            links = list(self._links)
            self._pending.clear()
            self._docs.clear()
            self._cache.clear()
        with self._deliver_lock:
            self._silenced = True
        for link in links:
            link.request_stop()
        for link in links:
            link.wait(timeout)

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

    @property
    def worker_pid(self) -> int | None:
        """The process id of the current worker, once it has started; for diagnostics."""
        with self._lock:
            return self._link.pid if self._link is not None else None

    # Documents.

    def open_document(self, doc_id: str, data: bytes) -> None:
        """Open a PDF from its bytes; answered by a DocumentInfo or a RequestFailed.

        Opening an id again replaces the document: its pending requests are dropped without
        results and its cached pages forgotten.  The service keeps ``data`` until
        :meth:`close_document`, to open it again in a restarted worker.
        """
        with self._lock:
            self._check_open()
            self._forget(doc_id)
            link = self._live_link()
            doc = _Document(bytes(data))
            self._docs[doc_id] = doc
            self._send_open(link, doc_id, doc)

    def close_document(self, doc_id: str) -> None:
        """Forget the document: its pending requests are dropped, its cached pages too."""
        with self._lock:
            if self._forget(doc_id) and self._link is not None:
                self._link.post(CloseDocument(doc_id))

    # Requests.

    def render(
        self, doc_id: str, page: int, scale: float, *, priority: int, request_id: int | None = None
    ) -> int:
        """Render a page; answered by a RenderedPage (RGB888, see there) or a RequestFailed.

        Args:
            doc_id: an open document.
            page: 0-based.
            scale: pixels per point (zoom × the screen's device pixel ratio).
            priority: lower is sooner (visible pages, then neighbours, then thumbnails).
            request_id: an id of the caller's choosing, not one that is still pending.

        Returns:
            The request id, for :meth:`cancel` and to match the result.
        """
        _check_page(page)
        if not (0 < scale <= MAX_SCALE and math.isfinite(scale)):
            raise ValueError(f"scale must be in (0, {MAX_SCALE:g}], not {scale!r}")
        return self._request(
            request_id, doc_id, page, lambda rid: RenderRequest(rid, doc_id, page, scale, priority)
        )

    def extract_text(
        self, doc_id: str, page: int, *, priority: int = 0, request_id: int | None = None
    ) -> int:
        """Extract the words of a page with their boxes; answered by a PageText.

        Boxes are in points of the displayed page (after rotation), like the pixels of a
        RenderedPage divided by its scale.
        """
        _check_page(page)
        return self._request(
            request_id, doc_id, page, lambda rid: TextRequest(rid, doc_id, page, priority)
        )

    def search(
        self,
        doc_id: str,
        query: Query,
        *,
        exact: bool = False,
        from_page: int = 0,
        priority: int = 0,
        request_id: int | None = None,
    ) -> int:
        """Find ``query`` in the whole document, streaming SearchHits.

        Words match as search matches them (:mod:`ecabinet.core.textfold`): case and
        diacritics folded (``da nang`` finds *Đà Nẵng*) unless ``exact``.  Pages are searched
        from ``from_page`` to the end, then from the start; a SearchHits comes for each page
        with hits and a last one with ``done=True``.  Each page is one step of the worker, so
        renders are not held up behind a long search.
        """
        if query.empty:
            raise ValueError("the query has no words")
        _check_page(from_page)
        return self._request(
            request_id,
            doc_id,
            None,
            lambda rid: SearchRequest(rid, doc_id, query, exact, from_page, priority),
        )

    def cancel(self, request_id: int) -> None:
        """Drop the request: no result will come for it (a render under way is discarded)."""
        with self._lock:
            if self._pending.pop(request_id, None) is not None and self._link is not None:
                self._link.post(Cancel((request_id,)))

    def cancel_all(self, doc_id: str | None = None) -> None:
        """Cancel every pending request, or those for ``doc_id``."""
        with self._lock:
            self._cancel_where(lambda pending: doc_id is None or pending.doc_id == doc_id)

    # Cache.

    def cached(self, doc_id: str, page: int, scale: float) -> RenderedPage | None:
        """The page rendered at exactly ``scale``, if cached."""
        with self._lock:
            return self._cache.get(doc_id, page, scale)

    def cached_best(self, doc_id: str, page: int, max_scale: float) -> RenderedPage | None:
        """The sharpest cached rendering of the page at a scale up to ``max_scale``, if any.

        For a quick, low-resolution pass, request a small scale at an urgent priority and the
        wanted scale at a later one; meanwhile show what this returns, scaled up.
        """
        with self._lock:
            return self._cache.best(doc_id, page, max_scale)

    @property
    def cache_bytes(self) -> int:
        """The bytes of pixels the cache holds now."""
        with self._lock:
            return self._cache.nbytes

    # Inside, with the lock held.

    def _check_open(self) -> None:
        if self._closed:
            raise RuntimeError("the render service is closed")

    def _live_link(self) -> WorkerLink:
        if self._link is None:
            link = WorkerLink(
                self._ctx,
                max_pixels=self._max_pixels,
                on_message=self._on_message,
                on_exit=self._on_exit,
            )
            self._link = link
            self._links.add(link)
            for doc_id, doc in self._docs.items():
                self._send_open(link, doc_id, doc)
            link.start()
        return self._link

    def _send_open(self, link: WorkerLink, doc_id: str, doc: _Document) -> None:
        doc.open_id = next(self._ids)
        link.post(OpenDocument(doc.open_id, doc_id, frozenset(doc.bad_pages)), doc.data)

    def _forget(self, doc_id: str) -> bool:
        self._cancel_where(lambda pending: pending.doc_id == doc_id, tell_worker=False)
        self._cache.discard_document(doc_id)
        return self._docs.pop(doc_id, None) is not None

    def _cancel_where(
        self, unwanted: Callable[[_Pending], bool], *, tell_worker: bool = True
    ) -> None:
        ids = tuple(rid for rid, pending in self._pending.items() if unwanted(pending))
        for rid in ids:
            del self._pending[rid]
        if ids and tell_worker and self._link is not None:
            self._link.post(Cancel(ids))

    def _request(
        self,
        request_id: int | None,
        doc_id: str,
        page: int | None,
        make: Callable[[int], Job],
    ) -> int:
        with self._lock:
            self._check_open()
            if request_id is None:
                request_id = next(self._ids)
                while request_id in self._pending:
                    request_id = next(self._ids)
            elif request_id in self._pending:
                raise ValueError(f"request {request_id} is still pending")
            link = self._live_link()
            self._pending[request_id] = _Pending(doc_id, page)
            link.post(make(request_id))
        return request_id

    # On a listener thread.

    def _on_message(self, link: WorkerLink, message: FromWorker) -> None:
        results: list[Result] = []
        with self._lock:
            if link is not self._link:
                return
            match message:
                case Busy():
                    link.busy = message
                case Opened():
                    self._opened(link, message, results)
                case SearchHits(done=False):
                    if message.request_id in self._pending:
                        results.append(message)
                case RenderedPage() | PageText() | SearchHits() | RequestFailed():
                    rid = message.request_id
                    if link.busy is not None and link.busy.request_id == rid:
                        link.busy = None
                    if rid is not None and self._pending.pop(rid, None) is not None:
                        if isinstance(message, RenderedPage):
                            self._cache.put(message)
                        results.append(message)
        self._deliver(results)

    def _opened(self, link: WorkerLink, message: Opened, results: list[Result]) -> None:
        doc_id = message.result.doc_id
        if link.busy is not None and link.busy.request_id is None:
            link.busy = None
        doc = self._docs.get(doc_id)
        if doc is None or doc.open_id != message.open_id:
            return  # closed or replaced since
        if isinstance(message.result, RequestFailed):
            del self._docs[doc_id]
            results.append(message.result)
        elif not doc.announced:
            doc.announced = True
            results.append(message.result)

    def _on_exit(self, link: WorkerLink) -> None:
        results: list[Result] = []
        with self._lock:
            self._links.discard(link)
            if link is not self._link:
                return  # closed
            self._link = None
            if link.start_error is not None:
                why = f"The renderer could not be started ({link.start_error})."
            else:
                why = f"The renderer stopped (exit code {link.exitcode})."
            crashed = self._blame(link.busy, results)
            for rid, pending in self._pending.items():
                if rid == crashed:
                    reason, text = FailureReason.CRASHED, "This page crashed the renderer twice."
                else:
                    reason, text = FailureReason.INTERRUPTED, f"{why} Ask again."
                results.append(RequestFailed(rid, pending.doc_id, pending.page, reason, text))
            self._pending.clear()
            waiting = [doc_id for doc_id, doc in self._docs.items() if not doc.announced]
            if not link.answered:
                # It died before saying anything: another would likely do the same, and
                # starting one here would loop.  The next request tries again.
                for doc_id in waiting:
                    del self._docs[doc_id]
                    results.append(
                        RequestFailed(None, doc_id, None, FailureReason.INTERRUPTED, why)
                    )
            elif waiting:
                # Someone waits for a DocumentInfo: carry on at once.
                self._live_link()
        self._deliver(results)

    def _blame(self, busy: Busy | None, results: list[Result]) -> int | None:
        """Count a strike against the job that was running; the request id if now refused."""
        doc = self._docs.get(busy.doc_id) if busy is not None else None
        if busy is None or doc is None:
            return None
        doc.strikes[busy.page] += 1
        if doc.strikes[busy.page] < _STRIKES:
            return None
        _log.warning("page %s of %r crashed the render worker twice", busy.page, busy.doc_id)
        if busy.page is None:
            del self._docs[busy.doc_id]
            text = "Opening this document crashed the renderer twice."
            results.append(RequestFailed(None, busy.doc_id, None, FailureReason.CRASHED, text))
            return None
        doc.bad_pages.add(busy.page)
        return busy.request_id

    def _deliver(self, results: list[Result]) -> None:
        if not results:
            return
        with self._deliver_lock:
            for result in results:
                if self._silenced:
                    return
                try:
                    self._on_result(result)
                except Exception:
                    _log.exception("on_result failed on %s", type(result).__name__)


def _check_page(page: int) -> None:
    if page < 0:
        raise ValueError(f"page numbers start at 0, not {page}")
