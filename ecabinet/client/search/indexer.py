"""Putting the text of arrived documents into the search index.

Extraction runs in a worker process (MuPDF holds the GIL for a whole page, and a hostile PDF
may crash it); this process decrypts the next document and stores the text of the previous
one meanwhile, so the two overlap.  Each document goes in with one transaction: a document
is either fully searchable or not at all, and an interrupted run resumes where it stopped.

The indexer catches up on whatever is missing, whoever synced: the app after each sync,
``ecabinet sync`` after its sync and ``ecabinet search`` before it searches.
"""

from __future__ import annotations

import logging
import multiprocessing
import threading
from collections import deque
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
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

# Documents handed to the worker ahead of the one being stored: enough to keep it busy,
# few enough that their bytes do not pile up in memory.
_LOOKAHEAD = 2
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


class Indexer:
    """Indexes the documents of a profile that are stored but not yet searchable.

    Args:
        profile: the opened profile.
        nice: how much the worker process yields to others (the app uses it so a packet
            being indexed never slows the reader); 0 for scripts and benchmarks.
    """

    def __init__(self, profile: Profile, *, nice: int = 0) -> None:
        self.profile = profile
        self.nice = nice

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
        source = iter(todo)
        pool = self._pool()
        inflight: deque[tuple[str, Future[Extracted]]] = deque()
        try:
            self._fill(pool, source, inflight, report)
            while inflight:
                if stop is not None and stop.is_set():
                    report.stopped = True
                    break
                sha256, future = inflight.popleft()
                try:
                    extracted = future.result()
                except BrokenProcessPool:
                    # The worker died on the document it was reading: that one is recorded as
                    # failed, the others are handed to a new worker.
                    _log.warning("text extractor crashed on %s", sha256)
                    extracted = Extracted((), error=CRASHED)
                    pool.shutdown(wait=False, cancel_futures=True)
                    pool = self._pool()
                    again = [sha for sha, _ in inflight]
                    inflight.clear()
                    self._fill(pool, iter(again), inflight, report)
                self._fill(pool, source, inflight, report)
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
            pool.shutdown(wait=not report.stopped, cancel_futures=True)
        return report

    def _pool(self) -> ProcessPoolExecutor:
        return ProcessPoolExecutor(
            max_workers=1,
            mp_context=multiprocessing.get_context("spawn"),
            initializer=prepare_worker,
            initargs=(self.nice,),
        )

    def _fill(
        self,
        pool: ProcessPoolExecutor,
        source: Iterator[str],
        inflight: deque[tuple[str, Future[Extracted]]],
        report: IndexReport,
    ) -> None:
        """Hand documents to the worker until it has enough to do."""
        while len(inflight) < _LOOKAHEAD:
            sha256 = next(source, None)
            if sha256 is None:
                return
            try:
                data = self.profile.vault.read_bytes(sha256)
            except FileNotFoundError:
                continue  # removed by a sync meanwhile
            except VaultDamaged:
                self.profile.mark_damaged(sha256)  # fetched again by the next sync
                report.failed[sha256] = "the document is damaged on this device"
                continue
            inflight.append((sha256, pool.submit(extract_pages, data)))

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
