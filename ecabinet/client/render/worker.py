"""The worker process: opens PDFs, renders pages, extracts words and searches, in MuPDF.

It runs in a process of its own because MuPDF keeps Python's GIL for the whole of a render or
a text extraction: in the app process, a dense page would freeze the GUI thread.  Only the
worker processes (this one and the search indexer's) import ``pymupdf``; the app process never
loads it.

The loop: take every message waiting on the pipe (opening and closing documents at once,
queueing jobs, applying cancellations), then run the most urgent queued job (lowest priority
number, first come first served among equals), and again.  A job cannot be interrupted once
started, so a search runs one page per step and is queued again after each page, behind the
work of its priority that arrived meanwhile.
"""

from __future__ import annotations

import heapq
import itertools
import math
import signal
import time
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from multiprocessing.connection import Connection

import pymupdf

from ecabinet.client.render.protocol import (
    Busy,
    Cancel,
    CloseDocument,
    Job,
    OpenDocument,
    Opened,
    PixelsFollow,
    RenderRequest,
    SearchRequest,
    Stop,
    TextRequest,
    ToWorker,
    send_raw,
)
from ecabinet.client.render.results import (
    Box,
    DocumentInfo,
    FailureReason,
    PageInfo,
    PageText,
    RequestFailed,
    SearchHits,
    Word,
)
from ecabinet.core.textfold import Query, tokens

__all__ = ["serve"]

# Stands in for the size of a page whose description cannot be read.
_A4 = PageInfo(width=595.0, height=842.0, rotation=0)
# MuPDF raises these for broken files; anything else is a bug here and says so.
_MUPDF_ERRORS = (RuntimeError, pymupdf.mupdf.FzErrorBase)

# (priority, arrival, job, step): step counts the pages a search has done.
_Entry = tuple[int, int, Job, int]


def serve(requests: Connection, results: Connection, max_pixels: int) -> None:
    """Run the worker until told to stop or until the app goes away.

    Args:
        requests: the pipe end the app writes to.
        results: the pipe end the app reads from.
        max_pixels: renders above this many pixels are refused (TOO_LARGE).
    """
    # Ctrl-C in a terminal reaches the whole process group; the app decides when this stops.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    # Errors come back as exceptions and reach the app in RequestFailed; no stderr noise.
    pymupdf.TOOLS.mupdf_display_errors(False)
    pymupdf.TOOLS.mupdf_display_warnings(False)
    worker = _Worker(requests, results, max_pixels)
    try:
        worker.run()
    except (EOFError, BrokenPipeError, ConnectionResetError):
        pass  # the app closed its end: it is shutting down or gone
    finally:
        worker.close_all()
        requests.close()
        results.close()


class _Refused(Exception):
    """A job that cannot be done; becomes a RequestFailed."""

    def __init__(self, reason: FailureReason, message: str) -> None:
        super().__init__(message)
        self.reason = reason
        self.message = message


@dataclass
class _Document:
    doc: pymupdf.Document
    bad_pages: frozenset[int]
    damaged_pages: frozenset[int]


class _Worker:
    def __init__(self, requests: Connection, results: Connection, max_pixels: int) -> None:
        self._requests = requests
        self._results = results
        self._max_pixels = max_pixels
        self._docs: dict[str, _Document] = {}
        self._queue: list[_Entry] = []
        self._arrival = itertools.count()
        self._unsearched: dict[int, list[int]] = {}

    def run(self) -> None:
        while self._receive(block=not self._queue):
            if self._queue:
                self._step(heapq.heappop(self._queue))
                # MuPDF keeps every warning until asked; a long session would grow it forever.
                pymupdf.TOOLS.reset_mupdf_warnings()

    def close_all(self) -> None:
        for entry in self._docs.values():
            entry.doc.close()
        self._docs.clear()

    # Messages.

    def _receive(self, *, block: bool) -> bool:
        """Handle every waiting message, first waiting for one if ``block``; False on Stop."""
        cancelled: set[int] = set()
        if block and not self._handle(self._requests.recv(), cancelled):
            return False
        while self._requests.poll():
            if not self._handle(self._requests.recv(), cancelled):
                return False
        if cancelled:
            self._drop(lambda job: job.request_id in cancelled)
        return True

    def _handle(self, message: ToWorker, cancelled: set[int]) -> bool:
        match message:
            case OpenDocument():
                self._open(message, self._requests.recv_bytes())
            case CloseDocument(doc_id=doc_id):
                self._close(doc_id)
            case Cancel(request_ids=request_ids):
                cancelled.update(request_ids)
            case Stop():
                return False
            case _:
                self._push(message, 0)
        return True

    def _push(self, job: Job, step: int) -> None:
        heapq.heappush(self._queue, (job.priority, next(self._arrival), job, step))

    def _drop(self, unwanted: Callable[[Job], bool]) -> None:
        kept = [entry for entry in self._queue if not unwanted(entry[2])]
        for _, _, job, _ in self._queue:
            if unwanted(job):
                self._unsearched.pop(job.request_id, None)
        heapq.heapify(kept)
        self._queue = kept

    def _send(self, message: object) -> None:
        self._results.send(message)

    # Documents.

    def _open(self, message: OpenDocument, data: bytes) -> None:
        self._close(message.doc_id)
        self._send(Busy(None, message.doc_id, None))
        self._send(Opened(message.open_id, self._load(message, data)))

    def _load(self, message: OpenDocument, data: bytes) -> DocumentInfo | RequestFailed:
        doc_id = message.doc_id

        def failed(reason: FailureReason, text: str) -> RequestFailed:
            return RequestFailed(None, doc_id, None, reason, text)

        try:
            # filetype="pdf": bytes that are not a PDF must not reach MuPDF's other parsers.
            doc = pymupdf.open(stream=data, filetype="pdf")
        except Exception as exc:
            return failed(FailureReason.DAMAGED, f"The file cannot be read as a PDF ({exc}).")
        if doc.needs_pass:
            doc.close()
            return failed(FailureReason.ENCRYPTED, "The PDF is protected by a password.")
        if doc.page_count == 0:
            doc.close()
            return failed(FailureReason.DAMAGED, "The PDF has no readable page.")
        pages: list[PageInfo] = []
        damaged: list[int] = []
        for number in range(doc.page_count):
            try:
                page = doc.load_page(number)
                rect = page.rect
                pages.append(PageInfo(float(rect.width), float(rect.height), int(page.rotation)))
            except _MUPDF_ERRORS:
                damaged.append(number)
                pages.append(_A4)
        self._docs[doc_id] = _Document(doc, message.bad_pages, frozenset(damaged))
        return DocumentInfo(doc_id, tuple(pages), bool(doc.is_repaired), tuple(damaged))

    def _close(self, doc_id: str) -> None:
        entry = self._docs.pop(doc_id, None)
        if entry is not None:
            entry.doc.close()
        self._drop(lambda job: job.doc_id == doc_id)

    def _page(self, doc_id: str, number: int) -> pymupdf.Page:
        entry = self._docs.get(doc_id)
        if entry is None:
            raise _Refused(FailureReason.NOT_OPEN, f"No document {doc_id!r} is open.")
        if number >= entry.doc.page_count:
            raise _Refused(
                FailureReason.NO_SUCH_PAGE,
                f"Page {number + 1} asked for; the document has {entry.doc.page_count} pages.",
            )
        if number in entry.bad_pages:
            raise _Refused(
                FailureReason.CRASHED,
                f"Page {number + 1} crashed the renderer twice; it is not tried again until "
                "the document is opened anew.",
            )
        if number in entry.damaged_pages:
            raise _Refused(FailureReason.DAMAGED, f"Page {number + 1} cannot be read.")
        return entry.doc.load_page(number)  # type: ignore[no-any-return]

    # Jobs.

    def _step(self, entry: _Entry) -> None:
        _, _, job, step = entry
        if isinstance(job, SearchRequest):
            self._search_step(job, step)
            return
        self._send(Busy(job.request_id, job.doc_id, job.page))
        try:
            if isinstance(job, RenderRequest):
                self._render(job)
            else:
                self._send(self._text(job))
        except _Refused as refusal:
            self._fail(job.request_id, job.doc_id, job.page, refusal.reason, refusal.message)
        except _MUPDF_ERRORS as exc:
            what = "rendered" if isinstance(job, RenderRequest) else "read"
            message = f"Page {job.page + 1} cannot be {what} ({exc})."
            self._fail(job.request_id, job.doc_id, job.page, FailureReason.DAMAGED, message)
        except Exception as exc:
            message = f"Unexpected {type(exc).__name__} on page {job.page + 1}: {exc}"
            self._fail(job.request_id, job.doc_id, job.page, FailureReason.FAILED, message)

    def _fail(
        self, request_id: int, doc_id: str, page: int | None, reason: FailureReason, text: str
    ) -> None:
        self._send(RequestFailed(request_id, doc_id, page, reason, text))

    def _render(self, job: RenderRequest) -> None:
        page = self._page(job.doc_id, job.page)
        rect = page.rect
        pixels = math.ceil(rect.width * job.scale) * math.ceil(rect.height * job.scale)
        if pixels > self._max_pixels:
            raise _Refused(
                FailureReason.TOO_LARGE,
                f"Page {job.page + 1} at scale {job.scale:g} needs {pixels:,} pixels; "
                f"the limit is {self._max_pixels:,}.",
            )
        started = time.perf_counter()
        pixmap = page.get_pixmap(matrix=pymupdf.Matrix(job.scale, job.scale), alpha=False)
        elapsed_ms = (time.perf_counter() - started) * 1000
        header = PixelsFollow(
            job.request_id,
            job.doc_id,
            job.page,
            job.scale,
            pixmap.width,
            pixmap.height,
            pixmap.stride,
            elapsed_ms,
        )
        self._send(header)
        # Straight from MuPDF's buffer into the pipe: no copy in this process.
        send_raw(self._results, pixmap.samples_mv)

    def _text(self, job: TextRequest) -> PageText:
        page = self._page(job.doc_id, job.page)
        to_display = _displayed(page)
        words: list[Word] = [
            (*to_display(item[:4]), str(item[4])) for item in page.get_text("words")
        ]
        return PageText(job.request_id, job.doc_id, job.page, words)

    def _search_step(self, job: SearchRequest, step: int) -> None:
        entry = self._docs.get(job.doc_id)
        if entry is None:
            message = f"No document {job.doc_id!r} is open."
            self._fail(job.request_id, job.doc_id, None, FailureReason.NOT_OPEN, message)
            return
        count = entry.doc.page_count
        number = (job.from_page + step) % count
        unsearched = self._unsearched.setdefault(job.request_id, [])
        rects: list[Box] = []
        self._send(Busy(job.request_id, job.doc_id, number))
        try:
            page = self._page(job.doc_id, number)
            rects = _find(page, job.query, job.exact)
        except (_Refused, *_MUPDF_ERRORS):
            unsearched.append(number)
        done = step + 1 >= count
        if done:
            del self._unsearched[job.request_id]
            skipped = tuple(sorted(unsearched))
            self._send(SearchHits(job.request_id, job.doc_id, number, rects, True, skipped))
            return
        if rects:
            self._send(SearchHits(job.request_id, job.doc_id, number, rects, False))
        # A fresh arrival: a long search takes turns with work of its priority.
        self._push(job, step + 1)


def _find(page: pymupdf.Page, query: Query, exact: bool) -> list[Box]:
    """Boxes around the query's occurrences: one per occurrence and line it runs on.

    Matching is the search index's (:meth:`Query.spans`): by words, folded unless ``exact``,
    so what search finds is what the reader highlights.  MuPDF's own search folds case for
    ASCII only and knows nothing of diacritics.
    """
    words = page.get_text("words")
    pieces: list[str] = []
    owners: list[int] = []  # the MuPDF word each piece comes from ("kinh-tế" gives two)
    for number, item in enumerate(words):
        # NFC as the index has it: a PDF typed with decomposed marks ("Unicode tổ hợp") would
        # otherwise split its words at every mark.
        text = unicodedata.normalize("NFC", str(item[4]))
        for start, end in tokens(text):
            pieces.append(text[start:end])
            owners.append(number)
    to_display = _displayed(page)
    rects: list[Box] = []
    for first, last in query.spans(pieces, exact=exact):
        lines: dict[tuple[int, int], pymupdf.Rect] = {}
        for number in sorted(set(owners[first:last])):
            item = words[number]
            key = (int(item[5]), int(item[6]))  # block, line
            box = pymupdf.Rect(item[:4])
            lines[key] = lines[key] | box if key in lines else box
        rects.extend(to_display(box) for box in lines.values())
    return rects


def _displayed(page: pymupdf.Page) -> Callable[[object], Box]:
    """A function taking a box in MuPDF's unrotated page space to displayed-page points."""
    matrix = page.rotation_matrix if page.rotation else None

    def convert(box: object) -> Box:
        rect = pymupdf.Rect(box)
        if matrix is not None:
            rect = rect * matrix  # the bounding box of the turned rectangle: normalised
        return (float(rect.x0), float(rect.y0), float(rect.x1), float(rect.y1))

    return convert
