"""The main window's side panel: the vote panel, and the chair's panel for chairs.

It owns the :class:`LiveSession` of the meeting on screen, starting a new one when another
meeting is chosen and stopping it (and its event stream) when the meeting or the window goes.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, Signal
from PySide6.QtWidgets import QTabWidget, QWidget

from ecabinet.ui.chairpanel import ChairPanel
from ecabinet.ui.livesession import LiveSession
from ecabinet.ui.session import AppSession, MeetingEntry
from ecabinet.ui.votepanel import VotePanel


def agenda_items(manifest: dict[str, Any] | None) -> list[tuple[str, str]]:
    """Every agenda item of a manifest as (id, "number title"), in agenda order."""
    items: list[tuple[str, str]] = []

    def walk(nodes: list[dict[str, Any]]) -> None:
        for node in nodes:
            items.append((str(node["id"]), f"{node.get('number', '')} {node['title']}".strip()))
            walk(node.get("children", []))

    walk(list((manifest or {}).get("agenda", [])))
    return items


class LivePanels(QTabWidget):
    """Signals: follow(meeting_id, sha256, page) when "follow the chair" should turn a page."""

    follow = Signal(str, str, int)

    def __init__(self, session: AppSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.live: LiveSession | None = None
        self.vote_panel: VotePanel | None = None
        self.chair_panel: ChairPanel | None = None
        self.meeting_id: str | None = None
        self.setDocumentMode(True)

    def show_meeting(self, entry: MeetingEntry | None) -> None:
        """Follow the live session of ``entry`` (nothing for an unpublished meeting)."""
        meeting_id = entry.id if entry is not None and entry.manifest is not None else None
        if meeting_id == self.meeting_id:
            return
        self.stop()
        self.meeting_id = meeting_id
        if entry is None or meeting_id is None:
            return
        live = LiveSession(self.session, meeting_id, self)
        self.live = live
        self.vote_panel = VotePanel(live)
        self.chair_panel = ChairPanel(live)
        self.chair_panel.set_agenda(agenda_items(entry.manifest))
        self.addTab(self.vote_panel, "")
        live.state_changed.connect(self._role)
        live.presented.connect(self._presented)
        self.retranslate()
        live.start()

    def _role(self, state: dict[str, Any]) -> None:
        me = next(
            (p for p in state.get("attendance", []) if p["user_id"] == state.get("user_id")), None
        )
        chair = bool(me and me.get("role") == "chair")
        if self.chair_panel is None:
            return
        shown = self.indexOf(self.chair_panel) >= 0
        if chair and not shown:
            self.addTab(self.chair_panel, self.tr("Session"))
        elif not chair and shown:
            self.removeTab(self.indexOf(self.chair_panel))

    def _presented(self, sha256: str, page: int) -> None:
        if self.vote_panel is not None and self.vote_panel.follow.isChecked() and self.meeting_id:
            self.follow.emit(self.meeting_id, sha256, page)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        if self.vote_panel is not None:
            self.setTabText(self.indexOf(self.vote_panel), self.tr("Vote"))
        if self.chair_panel is not None and self.indexOf(self.chair_panel) >= 0:
            self.setTabText(self.indexOf(self.chair_panel), self.tr("Session"))

    def stop(self) -> None:
        """Stop following the current meeting and drop its panels."""
        if self.live is not None:
            self.live.stop()
            self.live.deleteLater()
        self.clear()
        for panel in (self.vote_panel, self.chair_panel):
            if panel is not None:
                panel.deleteLater()
        self.live = self.vote_panel = self.chair_panel = None
        self.meeting_id = None
