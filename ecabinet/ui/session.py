"""The app's link to the client services: every call off the GUI thread, results as signals."""

from __future__ import annotations

import contextlib
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from PySide6.QtCore import QObject, Signal

from ecabinet.client.annotations import AnnotationBook
from ecabinet.client.api import ApiClient, ClientError, DeviceRevoked, ServerUnreachable
from ecabinet.client.profile import LocalMeeting, Profile
from ecabinet.client.search import Indexer, IndexProgress, IndexReport, SearchIndex, SearchResult
from ecabinet.client.sync import LoginResult, Progress, SyncEngine, SyncError, SyncReport
from ecabinet.ui.bridge import GuiBridge, TaskRunner
from ecabinet.ui.notes import NotesService


@dataclass(frozen=True)
class MeetingEntry:
    """A meeting as the list shows it: local facts plus those of its current manifest."""

    meeting: LocalMeeting
    location: str
    video_url: str
    manifest: dict[str, Any] | None

    @property
    def id(self) -> str:
        return self.meeting.id

    @property
    def starts_at(self) -> datetime | None:
        text = self.meeting.starts_at
        try:
            return datetime.fromisoformat(text.replace("Z", "+00:00")) if text else None
        except ValueError:
            return None


def load_entries(profile: Profile) -> list[MeetingEntry]:
    """Meetings with their current manifests (runs on a worker thread)."""
    entries = []
    for meeting in profile.meetings():
        manifest = profile.manifest(meeting.id, first_arriving=True)
        facts = manifest["meeting"] if manifest else {}
        entries.append(
            MeetingEntry(
                meeting, str(facts.get("location", "")), str(facts.get("video_url", "")), manifest
            )
        )
    return entries


class AppSession(QObject):
    """One logged-in profile.

    Signals:
        meetings_loaded: list of :class:`MeetingEntry`, after start and after each sync.
        sync_started: a background sync began.
        sync_progress: a :class:`Progress` snapshot (at most ten a second).
        sync_finished: the :class:`SyncReport`.
        sync_failed: a sentence for the person, and whether the server was reachable.
        device_revoked: the profile was wiped; the message says why.
        index_progress: an :class:`IndexProgress`, after each document added to the index.
        index_finished: the :class:`IndexReport` of an indexing run.
        index_failed: why an indexing run could not be done (disk full, …).
    """

    meetings_loaded = Signal(list)
    sync_started = Signal()
    sync_progress = Signal(object)
    sync_finished = Signal(object)
    sync_failed = Signal(str, bool)
    device_revoked = Signal(str)
    index_progress = Signal(object)
    index_finished = Signal(object)
    index_failed = Signal(str)

    def __init__(
        self, profile: Profile, server_url: str, runner: TaskRunner, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.profile = profile
        self.runner = runner
        self.bridge: GuiBridge = runner.bridge
        self.api = ApiClient(server_url, token=profile.token())
        self.engine = SyncEngine(profile, self.api, progress=self._on_progress)
        self.syncing = False
        self.online: bool | None = None
        self.last_sync: datetime | None = None
        self._last_progress = 0.0
        self.search_index = SearchIndex(profile)
        self.notes = NotesService(AnnotationBook(profile), runner, self)
        self.indexing = False
        self._index_again = False
        self._stop_indexing = threading.Event()

    def close(self) -> None:
        self._stop_indexing.set()  # the indexer stops after the document it is storing
        self.api.close()

    # --- login ----------------------------------------------------------------------------------

    def login(
        self,
        username: str,
        password: str,
        on_done: Callable[[LoginResult], object],
        on_error: Callable[[BaseException], None],
    ) -> None:
        self.runner.run(lambda: self.engine.login(username, password), on_done, on_error)

    # --- reading ------------------------------------------------------------------------------

    def load_meetings(self) -> None:
        self.runner.run(lambda: load_entries(self.profile), self.meetings_loaded.emit)

    def read_document(
        self,
        meeting_id: str,
        sha256: str,
        on_done: Callable[[bytes], None],
        on_error: Callable[[BaseException], None],
    ) -> None:
        """Decrypt and verify a document on a worker thread."""
        self.runner.run(lambda: self.profile.read_document(meeting_id, sha256), on_done, on_error)

    def manifest(
        self, meeting_id: str, version: int | None, on_done: Callable[[dict[str, Any] | None], None]
    ) -> None:
        self.runner.run(lambda: self.profile.manifest(meeting_id, version), on_done)

    # --- search --------------------------------------------------------------------------------

    def search(
        self,
        text: str,
        meeting_id: str | None,
        exact: bool,
        on_done: Callable[[SearchResult], None],
        on_error: Callable[[BaseException], None],
    ) -> None:
        """Query the offline index on a worker thread."""
        self.runner.run(
            lambda: self.search_index.search(text, meeting_id=meeting_id, exact=exact),
            on_done,
            on_error,
        )

    def update_index(self) -> None:
        """Index the documents that arrived, in the background (after start and each sync)."""
        if self.indexing:
            self._index_again = True  # more may have arrived since the run began
            return
        self.indexing = True
        # Niced: a packet being indexed must never slow the reader down.
        indexer = Indexer(self.profile, nice=10)

        def progress(state: IndexProgress) -> None:
            self.bridge.post(lambda: self.index_progress.emit(state))

        self.runner.run(
            lambda: indexer.run(progress=progress, stop=self._stop_indexing),
            self._indexed,
            self._index_failed,
        )

    def _indexed(self, report: IndexReport) -> None:
        self.indexing = False
        self.index_finished.emit(report)
        if self._index_again and not self._stop_indexing.is_set():
            self._index_again = False
            self.update_index()

    def _index_failed(self, error: BaseException) -> None:
        # The index only lags behind (search says how many documents it has not seen); the
        # next sync tries again.  A full disk or a broken worker start lands here.
        self.indexing = False
        self.index_failed.emit(str(error))

    # --- syncing -------------------------------------------------------------------------------

    def _on_progress(self, progress: Progress) -> None:
        # Called on the sync thread, once per chunk: pass on a copy, ten times a second.
        now = time.monotonic()
        if now - self._last_progress < 0.1 and progress.bytes_done < progress.bytes_total:
            return
        self._last_progress = now
        snapshot = Progress(**vars(progress))
        self.bridge.post(lambda: self.sync_progress.emit(snapshot))

    def sync(self) -> bool:
        """Start a background sync unless one runs; returns whether one was started."""
        if self.syncing:
            return False
        self.syncing = True
        self.sync_started.emit()
        self.runner.run(self.engine.sync, self._synced, self._sync_error)
        return True

    def _synced(self, report: SyncReport) -> None:
        self.syncing = False
        self.online = True
        self.last_sync = datetime.now().astimezone()
        self.sync_finished.emit(report)
        self.load_meetings()
        self.update_index()
        self.notes.follow_revisions()

    def _sync_error(self, error: BaseException) -> None:
        self.syncing = False
        if isinstance(error, DeviceRevoked):
            self.online = True
            self.device_revoked.emit(str(error))
            return
        reachable = not isinstance(error, ServerUnreachable)
        self.online = reachable
        message = str(error) if isinstance(error, ClientError | SyncError) else repr(error)
        self.sync_failed.emit(message, reachable)
        with contextlib.suppress(RuntimeError):
            self.load_meetings()
