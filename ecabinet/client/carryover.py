"""Carrying notes over when the secretary replaces a document.

After a sync switches a meeting to a new packet version, each document that gave way to
another in the same agenda item has its notes placed again on the new one
(:func:`ecabinet.core.anchoring.reanchor`); each note that finds its words gets a new signed
revision on the new document, with geometry from the new words' boxes.  A note that cannot
be placed stays on the old version, marked *orphaned*: nothing is dropped.  The words of both
versions are extracted in a worker process, as MuPDF holds the GIL.

The work is idempotent and resumable: a meeting remembers the version its notes were carried
to, and only notes still on a replaced document are looked at.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Callable, Mapping
from concurrent.futures import ProcessPoolExecutor
from contextlib import ExitStack
from dataclasses import dataclass, field
from typing import Any

from ecabinet.client.annotations import AnnotationBook, LoadedNote
from ecabinet.client.changes import replacements
from ecabinet.client.profile import Profile
from ecabinet.client.search.extract import extract_words
from ecabinet.client.vault import VaultDamaged
from ecabinet.core.anchoring import Box, DocumentText, Placement, Word, reanchor
from ecabinet.core.annotations import TEXT_KINDS, Note

__all__ = ["CarryReport", "Orphan", "carry_over", "carry_over_pending", "replacements"]

WordsOf = Callable[[bytes], list[list[tuple[str, Box, int, int]]]]


@dataclass(frozen=True)
class Orphan:
    """A note that could not be placed on the new version: it stays on ``document``."""

    note_id: str
    document: str  # the older version, where the note stays
    replaced_by: str  # the document that took its place
    title: str  # the (new) document's title


@dataclass
class CarryReport:
    """What happened to a meeting's notes when it moved to ``version``."""

    meeting_id: str
    title: str
    version: int
    moved: int = 0  # placed on the new version of their document
    kept: int = 0  # on documents that did not change: nothing to do
    orphaned: int = 0  # could not be placed: left on the old version
    problems: list[str] = field(default_factory=list)
    orphans: list[Orphan] = field(default_factory=list)  # one per orphaned note

    @property
    def changed(self) -> bool:
        return bool(self.moved or self.orphaned or self.problems)


def carry_over_pending(
    profile: Profile, book: AnnotationBook, *, words_of: WordsOf | None = None
) -> list[CarryReport]:
    """Carry notes over for every meeting whose current version they have not followed yet."""
    reports = []
    for meeting in profile.meetings():
        current, previous = meeting.current_version, meeting.previous_version
        if current is None:
            continue
        setting = f"notes_follow:{meeting.id}"
        done = profile.setting(setting)
        if previous is not None and (done is None or int(done) < current):
            old = profile.manifest(meeting.id, previous)
            new = profile.manifest(meeting.id, current)
            if old is not None and new is not None:
                report = carry_over(profile, book, old, new, words_of=words_of)
                if report.changed:
                    reports.append(report)
                if report.problems:
                    continue  # tried again after the next sync (e.g. a damaged document)
        profile.store.set_setting(setting, str(current))
    return reports


def carry_over(
    profile: Profile,
    book: AnnotationBook,
    old: Mapping[str, Any],
    new: Mapping[str, Any],
    *,
    words_of: WordsOf | None = None,
) -> CarryReport:
    """Place again the notes on documents of ``old`` that ``new`` replaced."""
    meeting = new["meeting"]
    report = CarryReport(
        str(meeting["id"]), str(meeting.get("title", "")), int(new["packet_version"])
    )
    pairs = replacements(old, new)
    work = [(o, n, book.notes(o)) for o, n in pairs.items()]
    work = [(o, n, notes) for o, n, notes in work if notes]
    if not work:
        return report  # nothing moves: the notes kept are not worth counting
    for sha in new["documents"]:
        report.kept += len(book.notes(sha))
    with ExitStack() as stack:
        pool: ProcessPoolExecutor | None = None

        def extract(sha: str) -> DocumentText:
            nonlocal pool
            data = profile.vault.read_bytes(sha)
            if words_of is not None:
                return _text(words_of(data))
            if pool is None:  # MuPDF holds the GIL: the words are read in a worker process
                context = multiprocessing.get_context("spawn")
                pool = stack.enter_context(ProcessPoolExecutor(1, mp_context=context))
            return _text(pool.submit(extract_words, data).result())

        for old_sha, new_sha, notes in work:
            title = str(new["documents"][new_sha].get("title", new_sha[:12]))
            try:
                old_text, new_text = extract(old_sha), extract(new_sha)
            except (FileNotFoundError, VaultDamaged, ValueError) as exc:
                report.problems.append(f"The notes on “{title}” could not follow it: {exc}")
                continue
            _follow(book, notes, old_text, new_text, new_sha, report, title)
    return report


def _follow(
    book: AnnotationBook,
    notes: list[LoadedNote],
    old_text: DocumentText,
    new_text: DocumentText,
    new_sha: str,
    report: CarryReport,
    title: str,
) -> None:
    movable = [n for n in notes if n.trusted and n.note.quote is not None]
    placed = reanchor([n.note.quote for n in movable if n.note.quote], new_text)
    anchors_then = reanchor(
        [n.note.quote for n in movable if n.note.kind not in TEXT_KINDS and n.note.quote],
        old_text,
    )
    then = iter(anchors_then)
    for loaded, placement in zip(movable, placed, strict=True):
        before = next(then) if loaded.note.kind not in TEXT_KINDS else None
        if placement is None:
            _orphan(book, loaded, new_sha, report, title)
            continue
        book.edit(loaded.id, _moved_note(loaded.note, placement, before, new_text, new_sha))
        report.moved += 1
    followed = {n.id for n in movable}
    for loaded in notes:
        if loaded.id in followed:
            continue
        # Changed outside ecabinet (never re-signed), or holding on to no words at all.
        _orphan(book, loaded, new_sha, report, title)


def _orphan(
    book: AnnotationBook, loaded: LoadedNote, new_sha: str, report: CarryReport, title: str
) -> None:
    book.set_orphaned(loaded.id, new_sha)
    report.orphaned += 1
    report.orphans.append(Orphan(loaded.id, loaded.note.document, new_sha, title))


def _moved_note(
    note: Note,
    placement: Placement,
    before: Placement | None,
    new_text: DocumentText,
    new_sha: str,
) -> Note:
    quote = new_text.quote(placement.page, placement.first, placement.last)
    if note.kind in TEXT_KINDS:
        return Note(
            **{
                **note.__dict__,
                "document": new_sha,
                "page": placement.page,
                "rects": placement.boxes,
                "quote": quote,
            }
        )
    # A point, a drawing or a bookmark moves with the words it held on to.
    dx = dy = 0.0
    if before is not None and before.boxes and placement.boxes:
        dx = placement.boxes[0][0] - before.boxes[0][0]
        dy = placement.boxes[0][1] - before.boxes[0][1]
    rects = tuple((x0 + dx, y0 + dy, x1 + dx, y1 + dy) for x0, y0, x1, y1 in note.rects)
    strokes = tuple(tuple((x + dx, y + dy) for x, y in stroke) for stroke in note.strokes)
    return Note(
        **{
            **note.__dict__,
            "document": new_sha,
            "page": placement.page,
            "rects": rects,
            "strokes": strokes,
            "quote": quote,
        }
    )


def _text(pages: list[list[tuple[str, Box, int, int]]]) -> DocumentText:
    return DocumentText(
        [[Word(text, box, (block, line)) for text, box, block, line in page] for page in pages]
    )
