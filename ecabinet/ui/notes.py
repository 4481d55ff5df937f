"""The app's side of annotations: the profile's annotation book, off the GUI thread.

Signing a revision and writing it to the profile database happen on the task runner; the
views hear about changes through :attr:`NotesService.changed` and reload the notes of their
document.  After each sync, notes on documents the secretary replaced follow the new
version (:func:`ecabinet.client.carryover.carry_over_pending`), and the summary is sent.
Exports (MuPDF in a worker process) and the encrypted backup (the network) run on the task
runner too; their results come back to the callbacks on the GUI thread.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, Signal

from ecabinet.client.annotations import AnnotationBook, LoadedNote
from ecabinet.client.api import ApiClient
from ecabinet.client.backup import BackupStatus, NoteBackup, RestoreReport
from ecabinet.client.carryover import CarryReport, carry_over_pending
from ecabinet.client.exports import ExportResult, export_annotated_pdf, export_bundle
from ecabinet.client.notelist import ListedNote, list_notes
from ecabinet.core.annotations import Note
from ecabinet.ui.bridge import TaskRunner

Failed = Callable[[BaseException], object]

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

    # --- the notes panel, older versions ---------------------------------------------------------

    def list_notes(
        self,
        meeting_id: str,
        document: str | None,
        on_done: Callable[[list[ListedNote]], None],
        on_error: Failed | None = None,
    ) -> None:
        """The notes of a document, or of every version of a meeting's documents."""
        profile = self.book.profile
        self.runner.run(
            lambda: list_notes(profile, self.book, meeting_id, document),
            on_done,
            on_error or self._failed,
        )

    def read_older(
        self,
        meeting_id: str,
        sha256: str,
        on_done: Callable[[tuple[bytes, list[LoadedNote]]], None],
        on_error: Failed,
    ) -> None:
        """An older version of a document (read-only), and the notes that stayed on it."""

        def work() -> tuple[bytes, list[LoadedNote]]:
            data = self.book.profile.read_kept_document(meeting_id, sha256)
            return data, [n for n in self.book.notes(sha256) if n.orphaned_by]

        self.runner.run(work, on_done, on_error)

    # --- exports --------------------------------------------------------------------------------

    def export_pdf(
        self,
        meeting_id: str,
        sha256: str,
        path: Path,
        on_done: Callable[[ExportResult], None],
        on_error: Failed,
    ) -> None:
        """Write a copy of the document with its notes as PDF annotations (a worker process)."""
        profile = self.book.profile
        self.runner.run(
            lambda: export_annotated_pdf(profile, self.book, meeting_id, sha256, path),
            on_done,
            on_error,
        )

    def export_bundle(
        self,
        meeting_id: str,
        document: str | None,
        path: Path,
        on_done: Callable[[ExportResult], None],
        on_error: Failed,
    ) -> None:
        """Write the signed bundle of the notes of a document (None: of the whole meeting)."""

        def work() -> ExportResult:
            listed = list_notes(self.book.profile, self.book, meeting_id, document)
            return export_bundle(self.book, [n.loaded for n in listed], path)

        self.runner.run(work, on_done, on_error)

    # --- the encrypted backup -------------------------------------------------------------------

    def backup_status(self, on_done: Callable[[BackupStatus], None]) -> None:
        self.runner.run(self.backup.status, on_done, self._failed)

    def enable_backup(
        self, api: ApiClient, on_done: Callable[[str], None], on_error: Failed
    ) -> None:
        """Start the backup; ``on_done`` gets the recovery key, to be shown once."""
        self.runner.run(lambda: self.backup.enable(api), on_done, on_error)

    def restore_backup(
        self,
        api: ApiClient,
        recovery_key: str,
        on_done: Callable[[RestoreReport], None],
        on_error: Failed,
    ) -> None:
        """Bring back the notes of the backup; every view reloads afterwards."""

        def done(report: RestoreReport) -> None:
            self.changed.emit("")
            on_done(report)

        self.runner.run(lambda: self.backup.restore(api, recovery_key), done, on_error)

    def _failed(self, error: BaseException) -> None:
        self.failed.emit(str(error))
