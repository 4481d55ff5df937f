"""The app's side of annotations: the profile's annotation book, off the GUI thread.

Signing a revision and writing it to the profile database happen on the task runner; the
views hear about changes through :attr:`NotesService.changed` and reload the notes of their
document.  After each sync, notes on documents the secretary replaced follow the new
version (:func:`ecabinet.client.carryover.carry_over_pending`), and the summary is sent.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Signal

from ecabinet.client.annotations import AnnotationBook, LoadedNote
from ecabinet.client.backup import NoteBackup
from ecabinet.client.carryover import CarryReport, carry_over_pending
from ecabinet.core.annotations import Note
from ecabinet.ui.bridge import TaskRunner

__all__ = ["NotesService"]


class NotesService(QObject):
    """Signals:
    changed: the SHA-256 of a document whose notes changed ("" for any document).
    followed: a list of :class:`CarryReport` after notes followed new versions.
    failed: a sentence saying what could not be done.
    """

    changed = Signal(str)
    followed = Signal(list)
    failed = Signal(str)

    def __init__(self, book: AnnotationBook, runner: TaskRunner, parent: QObject | None = None):
        super().__init__(parent)
        self.book = book
        self.backup = NoteBackup(book)
        self.runner = runner

    def load(self, document: str, on_done: Callable[[list[LoadedNote]], None]) -> None:
        self.runner.run(lambda: self.book.notes(document), on_done, self._failed)

    def add(self, note: Note, on_done: Callable[[str], None] | None = None) -> None:
        def done(note_id: str) -> None:
            self.changed.emit(note.document)
            if on_done is not None:
                on_done(note_id)

        def work() -> str:
            note_id = self.book.add(note)
            self.backup.queue_pending()  # the next sync carries it to the backup, if it is on
            return note_id

        self.runner.run(work, done, self._failed)

    def edit(self, note_id: str, note: Note) -> None:
        def work() -> None:
            self.book.edit(note_id, note)
            self.backup.queue_pending()

        self.runner.run(work, lambda _none: self.changed.emit(note.document), self._failed)

    def delete(self, note_id: str, document: str) -> None:
        def work() -> None:
            self.book.delete(note_id)
            self.backup.queue_pending()

        self.runner.run(work, lambda _none: self.changed.emit(document), self._failed)

    def follow_revisions(self) -> None:
        """Let notes follow replaced documents (after a sync)."""

        def done(reports: list[CarryReport]) -> None:
            if reports:
                self.followed.emit(reports)
                self.changed.emit("")  # notes moved between documents: every view reloads

        self.runner.run(
            lambda: carry_over_pending(self.book.profile, self.book), done, self._failed
        )

    def _failed(self, error: BaseException) -> None:
        self.failed.emit(str(error))
