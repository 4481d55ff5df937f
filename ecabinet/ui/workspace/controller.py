"""The workspace's link to the server: one draft, its revision, and edits sent in order.

Every edit of the draft (facts, participants, agenda) and publishing go through one queue and
run one at a time on the task runner, each with the revision the previous one left, so two
edits of this window never conflict with each other.  Several agenda edits made while one is
on its way are sent as one (the newest tree).  When the server refuses an edit because someone
else changed the draft, the queue is dropped, the message is shown and the draft reloaded; the
meeting form keeps what was typed (see :mod:`ecabinet.ui.workspace.meetingform`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QObject, Signal

from ecabinet.client.api import ApiError, ClientError
from ecabinet.client.workspace import Draft, DraftConflict, Workspace
from ecabinet.ui.session import AppSession


@dataclass
class _Edit:
    kind: str  # "create", "facts", "agenda", "publish", "reload", "preview"
    work: Callable[[int], Any]  # called off the GUI thread with the revision to edit
    done: Callable[[Any], None]
    failed: Callable[[BaseException], None] | None = None  # a read: the queue goes on


def describe(error: BaseException) -> str:
    """A sentence for the person: the server's own words when it answered (an ApiError's
    text is its message)."""
    if isinstance(error, ClientError):
        return str(error)
    return repr(error)


class DraftController(QObject):
    """Signals:
    meetings_loaded: the secretary's meetings (list of dicts, as ``GET /meetings``).
    directory_loaded: every user (list of dicts), for the participants picker.
    draft_loaded: a :class:`Draft` read from the server (a full reload of the window).
    draft_saved: a :class:`Draft` the server answered to this window's own edit.
    conflict: someone else changed the draft; the message names who and what.
    published: the server's answer to publishing (dict).
    notice: a polite remark (e.g. nothing changed since the last version).
    failed: a sentence for the person when a call was refused or could not be made.
    busy_changed: whether an edit is on its way.
    """

    meetings_loaded = Signal(list)
    directory_loaded = Signal(list)
    draft_loaded = Signal(object)
    draft_saved = Signal(object)
    conflict = Signal(str)
    published = Signal(dict)
    notice = Signal(str)
    failed = Signal(str)
    busy_changed = Signal(bool)
    reloading = Signal(bool)

    def __init__(self, session: AppSession, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.workspace = Workspace(session.api)
        self.meeting_id: str | None = None
        self.draft: Draft | None = None
        self._queue: list[_Edit] = []
        self._busy = False
        self._current = ""

    # --- reading ------------------------------------------------------------------------------

    def load_meetings(self) -> None:
        self.session.runner.run(self.workspace.meetings, self.meetings_loaded.emit, self._failed)

    def load_directory(self) -> None:
        self.session.runner.run(self.workspace.directory, self.directory_loaded.emit, self._failed)

    def open(self, meeting_id: str | None) -> None:
        """Show a meeting's draft (``None``: a new meeting, not on the server yet)."""
        self._queue.clear()
        self.meeting_id = meeting_id
        self.draft = None
        if meeting_id is None:
            self.draft_loaded.emit(None)
            return
        self.reload()

    def reload(self) -> None:
        """Read the draft again, after the edits on their way (never alongside one: an
        answer read before an edit landed would show, and base the next edit on, a draft
        that is already gone)."""
        meeting_id = self.meeting_id
        if meeting_id is None:
            return

        def loaded(draft: Draft) -> None:
            self.draft = draft
            self.draft_loaded.emit(draft)

        self._queue = [e for e in self._queue if e.kind != "reload"]
        self._enqueue(_Edit("reload", lambda _rev: self.workspace.draft(meeting_id), loaded))
        self.reloading.emit(True)

    @property
    def reload_pending(self) -> bool:
        return any(e.kind == "reload" for e in self._queue) or self._current == "reload"

    # --- editing ------------------------------------------------------------------------------

    @property
    def busy(self) -> bool:
        return self._busy

    def save_facts(self, facts: dict[str, Any]) -> None:
        """Create the meeting (when new) or change its facts and participants."""
        if self.meeting_id is None:

            def created(draft: Draft) -> None:
                self.meeting_id = str(draft.detail["id"])
                self.draft = draft
                self.draft_saved.emit(draft)
                self.load_meetings()

            if not any(e.kind == "create" for e in self._queue) and self._current != "create":
                self._enqueue(
                    _Edit("create", lambda _rev: self.workspace.create_meeting(facts), created)
                )
            return
        meeting_id = self.meeting_id
        self._enqueue(
            _Edit(
                "facts",
                lambda revision: self.workspace.update_meeting(meeting_id, facts, revision),
                self._saved,
            )
        )

    def save_agenda(self, items: list[dict[str, Any]]) -> None:
        meeting_id = self.meeting_id
        if meeting_id is None:
            return
        self._enqueue(
            _Edit(
                "agenda",
                lambda revision: self.workspace.set_agenda(meeting_id, items, revision),
                self._saved,
            )
        )

    def publish(self, note: str) -> None:
        """Publish once the edits before it have been sent."""
        meeting_id = self.meeting_id
        if meeting_id is None:
            return

        def done(result: dict[str, Any]) -> None:
            self.published.emit(result)
            self.reload()
            self.load_meetings()

        self._enqueue(_Edit("publish", lambda _rev: self.workspace.publish(meeting_id, note), done))

    def preview(
        self,
        user_id: str,
        on_done: Callable[[dict[str, Any]], None],
        on_error: Callable[[BaseException], None],
    ) -> None:
        """The draft as ``user_id`` will receive it, read after the edits on their way (so
        the preview shows the change just made)."""
        meeting_id = self.meeting_id
        if meeting_id is None:
            return
        self._enqueue(
            _Edit(
                "preview",
                lambda _rev: self.workspace.preview(meeting_id, user_id),
                on_done,
                on_error,
            )
        )

    def _enqueue(self, edit: _Edit) -> None:
        if edit.kind in ("agenda", "facts"):
            # The newest tree (or form) replaces one still waiting: it holds that one's change.
            self._queue = [e for e in self._queue if e.kind != edit.kind]
        self._queue.append(edit)
        self._next()

    def _next(self) -> None:
        if self._busy or not self._queue:
            return
        if self.draft is None and self._queue[0].kind not in ("reload", "create"):
            return  # edits wait for the draft they change
        edit = self._queue.pop(0)
        revision = self.draft.revision if self.draft is not None else 0
        meeting_id = self.meeting_id
        self._current = edit.kind
        self._set_busy(True)

        def done(result: Any) -> None:
            self._current = ""
            self._set_busy(False)
            if meeting_id == self.meeting_id:  # else another meeting was opened meanwhile
                edit.done(result)
                if edit.kind == "reload" and not self.reload_pending:
                    self.reloading.emit(False)
            self._next()

        def failed(error: BaseException) -> None:
            self._current = ""
            self._set_busy(False)
            if meeting_id != self.meeting_id:
                pass
            elif edit.failed is not None:
                edit.failed(error)
            else:
                self._edit_failed(error, edit.kind)
            self._next()

        self.session.runner.run(lambda: edit.work(revision), done, failed)

    def _saved(self, draft: Draft) -> None:
        self.draft = draft
        self.draft_saved.emit(draft)

    def _edit_failed(self, error: BaseException, kind: str = "") -> None:
        self._set_busy(False)
        self._queue.clear()  # what waited was built on the draft the server refused
        if kind == "reload":
            self.reloading.emit(False)
            self.failed.emit(describe(error))
        elif isinstance(error, DraftConflict):
            self.conflict.emit(error.message)
            self.reload()
        elif isinstance(error, ApiError) and error.code == "unchanged":
            self.notice.emit(error.message)
        else:
            self.failed.emit(describe(error))
            self.reload()  # show what the server holds: the edit did not happen

    def _failed(self, error: BaseException) -> None:
        self.failed.emit(describe(error))

    def _set_busy(self, busy: bool) -> None:
        if busy != self._busy:
            self._busy = busy
            self.busy_changed.emit(busy)
