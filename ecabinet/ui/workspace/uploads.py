"""Turning dropped files into documents of the draft, off the GUI thread.

A file is converted (office formats, with LibreOffice) and streamed to the server on the task
runner; the window hears of progress at most ten times a second and may cancel at any point.
Only once the server has accepted the PDF does the agenda refer to it, so a refused, failed or
cancelled file leaves the draft as it was.
"""

from __future__ import annotations

import shutil
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Signal

from ecabinet.client.api import ApiError, ClientError
from ecabinet.client.convert import ConversionError, ConversionUnavailable, prepare_for_upload
from ecabinet.client.workspace import UploadCancelled, Workspace
from ecabinet.ui.bridge import TaskRunner


class _Cancelled(Exception):
    """Cancelled between converting and sending."""


@dataclass(frozen=True)
class Accepted:
    """A file the server took: what to put in the agenda."""

    source: Path
    sha256: str
    title: str
    pages: int


class UploadQueue(QObject):
    """Uploads one file after another for one meeting.

    Signals:
        started: the file name now being converted or sent.
        progress: bytes sent and bytes in all (0, 0 while converting).
        accepted: an :class:`Accepted` upload, with the target it was asked for.
        refused: the file name and a sentence saying why nothing was attached.
        finished: the queue is empty again.
    """

    started = Signal(str)
    progress = Signal(int, int)
    accepted = Signal(object, object)
    refused = Signal(str, str)
    finished = Signal()

    def __init__(self, runner: TaskRunner, workspace: Workspace, parent: QObject | None = None):
        super().__init__(parent)
        self.runner = runner
        self.workspace = workspace
        self._waiting: list[tuple[str, Path, Any]] = []
        self._cancel = threading.Event()
        self.running = False

    def add(self, meeting_id: str, paths: list[Path], target: Any) -> None:
        """Queue ``paths``; ``target`` (an agenda node) comes back with each accepted file."""
        self._waiting.extend((meeting_id, path, target) for path in paths)
        self._next()

    def cancel(self) -> None:
        """Stop the file on its way (and drop the ones waiting)."""
        self._waiting.clear()
        self._cancel.set()

    def _next(self) -> None:
        if self.running:
            return
        if not self._waiting:
            self.finished.emit()
            return
        meeting_id, path, target = self._waiting.pop(0)
        self.running = True
        self._cancel.clear()
        self.started.emit(path.name)
        self.runner.run(
            lambda: self._work(meeting_id, path),
            lambda result: self._done(result, target),
            lambda error: self._failed(path, error),
        )

    def _work(self, meeting_id: str, path: Path) -> Accepted:
        workdir = Path(tempfile.mkdtemp(prefix="ecabinet-upload-"))
        last = [0.0]
        post = self.runner.bridge.post

        def progress(done: int, total: int) -> None:
            now = time.monotonic()
            if now - last[0] >= 0.1 or done >= total:
                last[0] = now
                post(lambda: self.progress.emit(done, total))

        try:
            pdf = prepare_for_upload(path, workdir, cancelled=self._cancel.is_set)
            if self._cancel.is_set():
                raise _Cancelled
            result = self.workspace.upload(
                meeting_id,
                pdf,
                title=path.stem,
                progress=progress,
                cancelled=self._cancel.is_set,
            )
        finally:
            shutil.rmtree(workdir, ignore_errors=True)
        return Accepted(path, str(result["sha256"]), str(result["title"]), int(result["pages"]))

    def _done(self, result: Accepted, target: Any) -> None:
        self.running = False
        self.accepted.emit(result, target)
        self._next()

    def _failed(self, path: Path, error: BaseException) -> None:
        self.running = False
        self.refused.emit(path.name, self.reason(path, error))
        self._next()

    def reason(self, path: Path, error: BaseException) -> str:
        name = f"“{path.name}”"
        if isinstance(error, UploadCancelled | _Cancelled) or self._cancel.is_set():
            return self.tr("The upload of %1 was cancelled; nothing was attached.").replace(
                "%1", name
            )
        if isinstance(error, ConversionUnavailable):
            return self.tr(
                "%1 was not attached: LibreOffice is not installed on this computer, so Word, "
                "Excel and PowerPoint files cannot be converted to PDF. Install LibreOffice, or "
                "save the file as PDF and attach the PDF."
            ).replace("%1", name)
        if isinstance(error, ConversionError):
            return (
                self.tr("%1 could not be converted to PDF, so nothing was attached:").replace(
                    "%1", name
                )
                + f" {error}"
            )
        if isinstance(error, ApiError):
            return (
                self.tr("The server refused %1, so nothing was attached:").replace("%1", name)
                + f" {error.message}"
            )
        if isinstance(error, ClientError):
            return str(error)
        if isinstance(error, OSError):
            return (
                self.tr("%1 could not be read, so nothing was attached:").replace("%1", name)
                + f" {error.strerror or error}"
            )
        return repr(error)
