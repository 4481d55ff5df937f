"""One meeting's live session for the panels: state, event stream and actions, off the GUI.

The event stream is read by a plain thread (it blocks for hours); each event is handed to
the GUI thread through the bridge.  The panels never call the network themselves: every
action runs on the task pool and comes back as a signal.  Nothing is ever queued for later:
a vote cast after the chair closed the motion is not a vote, so offline the action fails at
once and the panels say that voting needs a connection.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Signal

from ecabinet.client.api import ApiError, ClientError, ServerUnreachable
from ecabinet.client.liveapi import LiveApi
from ecabinet.client.livestream import EventStream, LiveEvent
from ecabinet.client.receipts import save_receipt
from ecabinet.ui.session import AppSession

# Events after which the whole state is read again (cheap, and always right).  The state
# read is also how a result reaches the panels: the ``result`` event of a motion on a
# confidential item names only the motion (the stream is the same for everyone), and the
# server includes the motion and its signed record in the state only for those cleared.
_REFRESH_ON = {
    "attendance",
    "proxy",
    "current_item",
    "presented_page",
    "motion_created",
    "motion_opened",
    "motion_closed",
    "result",
}


class LiveSession(QObject):
    """The live state of one meeting.

    Signals:
        state_changed: the state as ``GET /meetings/{id}/live`` gives it, plus ``user_id``.
        online_changed: whether the server can be reached (the stream is up).
        receipt_saved: a ballot's signed receipt, once kept in the profile.
        failed: a sentence for the person when an action was refused or could not be sent.
        presented: document SHA-256 and 1-based page the chair shows.
    """

    state_changed = Signal(dict)
    online_changed = Signal(bool)
    receipt_saved = Signal(dict)
    failed = Signal(str)
    presented = Signal(str, int)

    def __init__(self, session: AppSession, meeting_id: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.meeting_id = meeting_id
        self.api = LiveApi(session.api)
        self.user_id = session.profile.setting("user_id") or ""
        self.state: dict[str, Any] = {}
        self.online = False
        self._stream: EventStream | None = None
        self._refreshing = False
        self._again = False
        self._closed = False

    # --- life cycle ---------------------------------------------------------------------------

    def start(self) -> None:
        """Read the state, then follow the event stream from that point."""
        self.session.runner.run(self._load, self._loaded, self._offline)

    def _load(self) -> dict[str, Any]:
        return self.api.live(self.meeting_id)

    def _loaded(self, state: dict[str, Any]) -> None:
        if self._closed:
            return
        self._apply_state(state)
        if self._stream is None:
            post = self.session.bridge.post
            self._stream = EventStream(
                self.session.api,
                self.meeting_id,
                int(state.get("last_seq", 0)),
                on_event=lambda event: post(lambda: self._event(event)),
                on_state=lambda up: post(lambda: self._set_online(up)),
            )
            threading.Thread(target=self._follow, name="ecabinet-events", daemon=True).start()

    def _follow(self) -> None:
        stream = self._stream
        if stream is None:
            return
        try:
            stream.run()
        except ClientError as exc:
            message = str(exc)
            self.session.bridge.post(lambda: self.failed.emit(message))

    def stop(self) -> None:
        self._closed = True
        if self._stream is not None:
            self._stream.close()

    # --- events -------------------------------------------------------------------------------

    def _set_online(self, up: bool) -> None:
        if self._closed or up == self.online:
            return
        self.online = up
        self.online_changed.emit(up)
        if up:
            self.refresh()

    def _event(self, event: LiveEvent) -> None:
        if self._closed:
            return
        if event.kind == "ballots_cast":
            for motion in self.state.get("motions", []):
                if motion["id"] == event.data.get("motion_id"):
                    motion["ballots_cast"] = int(event.data.get("ballots_cast", 0))
            self.state_changed.emit(self._with_user(self.state))
        if event.kind == "presented_page" and event.data.get("document"):
            self.presented.emit(str(event.data["document"]), int(event.data.get("page") or 1))
        if event.kind in _REFRESH_ON:
            self.refresh()

    def refresh(self) -> None:
        """Read the state again; bursts of events cause one read in flight and one after."""
        if self._refreshing:
            self._again = True
            return
        self._refreshing = True

        def done(state: dict[str, Any]) -> None:
            self._refreshing = False
            self._apply_state(state)
            if self._again:
                self._again = False
                self.refresh()

        def failed(error: BaseException) -> None:
            self._refreshing = False
            self._offline(error)

        self.session.runner.run(self._load, done, failed)

    def _with_user(self, state: dict[str, Any]) -> dict[str, Any]:
        return {**state, "user_id": self.user_id}

    def _apply_state(self, state: dict[str, Any]) -> None:
        self.state = state
        self.state_changed.emit(self._with_user(state))

    def _offline(self, error: BaseException) -> None:
        if isinstance(error, ServerUnreachable):
            self._set_online(False)
            self.failed.emit(
                self.tr("Voting needs a connection to the server. Nothing was saved to send later.")
            )
        elif isinstance(error, ApiError):
            self.failed.emit(error.message)
        else:
            self.failed.emit(str(error))

    # --- actions (each runs off the GUI thread) -----------------------------------------------

    def _act(self, work: Callable[[], Any], then: Callable[[Any], None] | None = None) -> None:
        def done(result: Any) -> None:
            if then is not None:
                then(result)
            self.refresh()

        self.session.runner.run(work, done, self._offline)

    def check_in(self) -> None:
        self._act(lambda: self.api.check_in(self.meeting_id))

    def vote(self, motion_id: str, choice: str, on_behalf_of: str | None = None) -> None:
        """Cast a ballot; its receipt is kept in the profile before the panel hears of it."""

        def work() -> dict[str, Any]:
            receipt = self.api.cast_ballot(motion_id, choice, on_behalf_of)
            save_receipt(self.session.profile.store, receipt)
            return receipt

        self._act(work, self.receipt_saved.emit)

    def create_motion(self, motion: dict[str, Any]) -> None:
        self._act(lambda: self.api.create_motion(self.meeting_id, motion))

    def open_motion(self, motion_id: str) -> None:
        self._act(lambda: self.api.open_motion(motion_id))

    def close_motion(self, motion_id: str) -> None:
        self._act(lambda: self.api.close_motion(motion_id))

    def set_current_item(self, item_id: str) -> None:
        self._act(lambda: self.api.set_current_item(self.meeting_id, item_id))
