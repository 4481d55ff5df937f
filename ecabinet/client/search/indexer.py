"""Putting the text of arrived documents into the search index.

Extraction runs in worker processes (MuPDF holds the GIL for a whole page, and a hostile PDF
may crash it); this process decrypts the next documents and stores the text of the previous
one meanwhile, so the two overlap.  Each document goes in with one transaction: a document
is either fully searchable or not at all, and an interrupted run resumes where it stopped.

The indexer catches up on whatever is missing, whoever synced: the app after each sync,
``ecabinet sync`` after its sync and ``ecabinet search`` before it searches.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import threading
from collections import deque
from collections.abc import Callable
from concurrent.futures import Future, ProcessPoolExecutor, TimeoutError
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field

from sqlalchemy import insert, select
from sqlalchemy.exc import IntegrityError

from ecabinet.client.profile import Profile
from ecabinet.client.search.extract import Extracted, extract_pages, prepare_worker
from ecabinet.client.store import DocumentRow, SearchDocument, SearchPage, utcnow
from ecabinet.client.vault import VaultDamaged

__all__ = ["IndexProgress", "IndexReport", "Indexer"]

_log = logging.getLogger(__name__)

CRASHED = "reading its text stopped the text extractor (the file may be damaged or hostile)"


@dataclass(frozen=True)
class IndexProgress:
    """Where an indexing run stands, after each document."""

    documents_done: int
    documents_total: int
    pages_done: int


@dataclass
class IndexReport:
    """What an indexing run did."""

    documents: int = 0  # indexed with their text
    pages: int = 0
    failed: dict[str, str] = field(default_factory=dict)  # sha256 → why it has no text
    stopped: bool = False


class _Stopped(Exception):
    """The run was asked to stop while a document was being read."""


def _terminate(pool: ProcessPoolExecutor) -> None:
    """End the pool's workers now, mid-document (the document is indexed next time).

    ``ProcessPoolExecutor`` has no public way to do this before Python 3.14
    (``terminate_workers``); its ``_processes`` map has been stable since 3.3.
    """
    for process in list(getattr(pool, "_processes", {}).values()):
        process.terminate()


class Indexer:
    """Indexes the documents of a profile that are stored but not yet searchable.

    Args:
        profile: the opened profile.
        nice: how much the worker processes yield to others (the app uses it so a packet
            being indexed never slows the reader); 0 for scripts and benchmarks.
        workers: extraction processes (default: two where there are two cores or more).
        extract: the function the workers run on each document's bytes (a module-level
            function, as the workers import it by name); tests give one that crashes.
    """

    def __init__(
        self,
        profile: Profile,
        *,
        nice: int = 0,
        workers: int | None = None,
        extract: Callable[[bytes], Extracted] = extract_pages,
    ) -> None:
        self.profile = profile
        self.nice = nice
        self.workers = workers or min(2, os.cpu_count() or 1)
        self.extract = extract

    def pending(self) -> list[str]:
        """Documents on this device (intact) whose text is not in the index yet."""
        with self.profile.store.session() as session:
            indexed = select(SearchDocument.sha256)
            rows = session.scalars(
                select(DocumentRow.sha256)
                .where(DocumentRow.damaged.is_(False), DocumentRow.sha256.not_in(indexed))
                .order_by(DocumentRow.stored_at, DocumentRow.sha256)
            )
            return list(rows)

    def run(
        self,
        *,
        progress: Callable[[IndexProgress], None] | None = None,
        stop: threading.Event | None = None,
    ) -> IndexReport:
        """Index everything pending; ``stop`` ends the run between two documents."""
        todo = self.pending()
        report = IndexReport()
        if not todo:
            return report
        waiting = deque(todo)
        workers = self.workers
        pool = self._pool(workers)
        inflight: deque[tuple[str, Future[Extracted]]] = deque()
        try:
            self._fill(pool, workers, waiting, inflight, report)
            while inflight:
                if stop is not None and stop.is_set():
                    report.stopped = True
                    break
                sha256, future = inflight.popleft()
                try:
                    extracted = self._wait(future, stop)
                except _Stopped:
                    report.stopped = True
                    _terminate(pool)
                    break
                except BrokenProcessPool:
                    # A worker died, and took the pool with it.  With one worker, the document
                    # at the head was the one being read: it is recorded as failed.  With
                    # several, the culprit is unknown: all are tried again, one at a time.
                    pool.shutdown(wait=False, cancel_futures=True)
                    again = [sha for sha, _ in inflight]
                    inflight.clear()
                    if workers > 1:
                        again.insert(0, sha256)
                    waiting.extendleft(reversed(again))
                    pool = self._pool(workers := 1)
                    self._fill(pool, workers, waiting, inflight, report)
                    if sha256 in again:
                        continue
                    _log.warning("text extractor crashed on %s", sha256)
                    extracted = Extracted((), error=CRASHED)
                self._fill(pool, workers, waiting, inflight, report)
                if self._store(sha256, extracted):
                    if extracted.error:
                        report.failed[sha256] = extracted.error
                    else:
                        report.documents += 1
                        report.pages += len(extracted.pages)
                if progress is not None:
                    done = report.documents + len(report.failed)
                    progress(IndexProgress(done, len(todo), report.pages))
        finally:
            # Queued documents are dropped; a stopped run has ended its workers already, so
            # no worker process outlives the run, and the app's shutdown does not wait.
            if report.stopped:
                _terminate(pool)
            pool.shutdown(wait=True, cancel_futures=True)
        return report

    @staticmethod
    def _wait(future: Future[Extracted], stop: threading.Event | None) -> Extracted:
        """The document's text, looking at ``stop`` while a large one is being read."""
        while True:
            try:
                return future.result(timeout=0.2)
            except TimeoutError:
                if stop is not None and stop.is_set():
                    raise _Stopped from None

    def _pool(self, workers: int) -> ProcessPoolExecutor:
        return ProcessPoolExecutor(
            max_workers=workers,
            mp_context=multiprocessing.get_context("spawn"),
            initializer=prepare_worker,
            initargs=(self.nice,),
        )

    def _fill(
        self,
        pool: ProcessPoolExecutor,
        workers: int,
        waiting: deque[str],
        inflight: deque[tuple[str, Future[Extracted]]],
        report: IndexReport,
    ) -> None:
        """Hand documents to the workers until each has one and one more is ready."""
        while len(inflight) < workers + 1 and waiting:
            sha256 = waiting.popleft()
            try:
                data = self.profile.vault.read_bytes(sha256)
            except FileNotFoundError:
                continue  # removed by a sync meanwhile
            except VaultDamaged:
                self.profile.mark_damaged(sha256)  # fetched again by the next sync
                report.failed[sha256] = "the document is damaged on this device"
                continue
            inflight.append((sha256, pool.submit(self.extract, data)))

    def _store(self, sha256: str, extracted: Extracted) -> bool:
        """Store one document's text in one transaction; False if it is gone or done."""
        try:
            with self.profile.store.session() as session:
                if session.get(DocumentRow, sha256) is None:
                    return False  # left every kept version while it was being read
                if session.get(SearchDocument, sha256) is not None:
                    return False  # another indexer (the app, a script) was quicker
                session.add(
                    SearchDocument(
                        sha256=sha256,
                        pages=len(extracted.pages),
                        error=extracted.error,
                        indexed_at=utcnow(),
                    )
                )
                session.flush()
                rows = [
                    {"sha256": sha256, "page": number, "text": text}
                    for number, text in enumerate(extracted.pages)
                    if text  # a page without text (a scan) has nothing to find
                ]
                if rows:
                    session.execute(insert(SearchPage), rows)
        except IntegrityError:
            return False  # the document was removed, or indexed, between our check and commit
        return True
