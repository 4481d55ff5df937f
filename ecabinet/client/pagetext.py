"""The text of a document's pages, for showing which pages of a replacement changed.

The search index already holds every synced document's page text (and sync keeps the
documents of the version a delegate last opened, so their text stays too).  A document the
indexer has not reached yet is read in a worker process, as MuPDF holds the GIL.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor

from sqlalchemy import select

from ecabinet.client.changes import DocumentChange, PageDiff, page_diffs
from ecabinet.client.profile import Profile, ProfileError
from ecabinet.client.search.extract import Extracted, extract_pages, prepare_worker
from ecabinet.client.store import SearchDocument, SearchPage
from ecabinet.client.vault import VaultDamaged

__all__ = ["Extract", "document_diffs", "indexed_pages", "page_texts"]

Extract = Callable[[bytes], Extracted]


def indexed_pages(profile: Profile, sha256: str) -> list[str] | None:
    """The pages' text as the search index holds it; None if the document is not in it.

    Raises:
        ProfileError: the index found no text in it (the reason is given).
    """
    with profile.store.session() as session:
        document = session.get(SearchDocument, sha256)
        if document is None:
            return None
        if document.error:
            raise ProfileError(f"The text of this document cannot be read: {document.error}.")
        pages = [""] * document.pages  # pages without text (scans) are not stored
        for number, text in session.execute(
            select(SearchPage.page, SearchPage.text).where(SearchPage.sha256 == sha256)
        ):
            if 0 <= number < len(pages):
                pages[number] = text
        return pages


class _Worker:
    """One extraction process, started when first needed and ended with the ``with``."""

    def __init__(self) -> None:
        self._pool: ProcessPoolExecutor | None = None

    def __call__(self, data: bytes) -> Extracted:
        if self._pool is None:
            self._pool = ProcessPoolExecutor(
                1,
                mp_context=multiprocessing.get_context("spawn"),
                initializer=prepare_worker,
                initargs=(0,),
            )
        return self._pool.submit(extract_pages, data).result()

    def __enter__(self) -> _Worker:
        return self

    def __exit__(self, *exc: object) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)


def page_texts(profile: Profile, sha256: str, *, extract: Extract | None = None) -> list[str]:
    """Every page's text of a document on this device (index first, else a worker process).

    Args:
        extract: reads the bytes in this process instead (tests).

    Raises:
        ProfileError: the document is not on this device, is damaged or has no readable text.
    """
    pages = indexed_pages(profile, sha256)
    if pages is not None:
        return pages
    try:
        data = profile.vault.read_bytes(sha256)
    except FileNotFoundError as exc:
        raise ProfileError("This version of the document is no longer on this device.") from exc
    except VaultDamaged as exc:
        profile.mark_damaged(sha256)
        raise ProfileError("This document is damaged on this device.") from exc
    if extract is None:
        with _Worker() as worker:
            extracted = worker(data)
    else:
        extracted = extract(data)
    if extracted.error:
        raise ProfileError(f"The text of this document cannot be read: {extracted.error}.")
    return list(extracted.pages)


def document_diffs(
    profile: Profile, meeting_id: str, change: DocumentChange, *, extract: Extract | None = None
) -> list[PageDiff]:
    """The pages of a replaced document whose words changed (blocking: run it off the GUI).

    Raises:
        MeetingLocked: past the meeting's offline period.
        ProfileError: a version's text is not available.
    """
    if change.old_sha256 is None or change.new_sha256 is None:
        raise ValueError("only a replaced document has pages to compare")
    profile.check_open(meeting_id)
    with _Worker() as worker:
        old = page_texts(profile, change.old_sha256, extract=extract or worker)
        new = page_texts(profile, change.new_sha256, extract=extract or worker)
    return page_diffs(old, new)
