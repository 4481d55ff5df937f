"""Offering "What changed" when a meeting the delegate had opened has a newer version.

Never in the way: a button in the message strip after a sync (or when the meeting is shown)
and a toolbar action while the shown meeting has changes to tell; the dialog opens only when
asked.  Closing the dialog counts as having seen the changes, and the profile may then let
the older version's documents go.  Every profile call runs on the session's task runner.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Protocol

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QWidget

from ecabinet.client.changes import ChangeSummary, DocumentChange, PageDiff
from ecabinet.client.pagetext import document_diffs
from ecabinet.client.search import SearchHit
from ecabinet.client.sync import SyncReport
from ecabinet.core.textfold import Snippet
from ecabinet.ui.changesdialog import ChangesDialog, highlight_phrase
from ecabinet.ui.messagebar import MessageBar
from ecabinet.ui.searchpanel import HitChoice
from ecabinet.ui.session import AppSession, MeetingEntry

__all__ = ["OpenDocument", "WhatChanged"]


class OpenDocument(Protocol):
    """The main window's way to open a document tab (at a page, with words marked)."""

    def __call__(
        self,
        meeting_id: str,
        sha256: str,
        title: str,
        state: dict[str, Any] | None = None,
        hit: HitChoice | None = None,
    ) -> None: ...


class WhatChanged(QObject):
    """The "What changed" entry points and dialog, for the main window."""

    def __init__(
        self,
        session: AppSession,
        message_bar: MessageBar,
        open_document: OpenDocument,
        parent: QWidget,
    ) -> None:
        super().__init__(parent)
        self.session = session
        self.message_bar = message_bar
        self.open_document = open_document
        self.window = parent
        self.action = QAction(parent)
        self.action.setVisible(False)
        self.action.triggered.connect(self.show_dialog)
        self.shown_meeting: str | None = None
        self.summary: ChangeSummary | None = None  # of the shown meeting
        self.titles: dict[str, str] = {}
        self.dialog: ChangesDialog | None = None
        self._offered: set[tuple[str, int]] = set()
        self.retranslate()

    def retranslate(self) -> None:
        self.action.setText(self.tr("What changed"))
        self.action.setToolTip(
            self.tr("What changed in this meeting's packet since you last opened it")
        )

    # --- entry points -------------------------------------------------------------------------

    def meeting_shown(self, entry: MeetingEntry | None) -> None:
        """The delegate chose a meeting (its agenda is shown): remember the version opened,
        and offer what changed since the one opened before, if anything did."""
        self.shown_meeting, self.summary = (entry.id if entry else None), None
        self.action.setVisible(False)
        if entry is None or entry.meeting.current_version is None:
            return
        meeting_id, version = entry.id, entry.meeting.current_version
        self.titles[meeting_id] = entry.meeting.title
        profile = self.session.profile

        def work() -> ChangeSummary | None:
            profile.mark_opened(meeting_id, version)
            return profile.change_summary(meeting_id)

        def done(summary: ChangeSummary | None) -> None:
            if self.shown_meeting != meeting_id:
                return
            self.summary = summary
            self.action.setVisible(summary is not None)
            if summary is not None:
                self._offer(summary)

        self.session.runner.run(work, done, self._failed)

    def sync_finished(self, report: SyncReport) -> None:
        """After a sync: offer what changed in an updated meeting other than the shown one
        (the shown one is offered when its agenda is shown again)."""
        updated = [
            m
            for m in report.meetings
            if m.status == "updated" and m.meeting_id != self.shown_meeting
        ]
        if not updated:
            return
        for result in updated:
            self.titles[result.meeting_id] = result.title
        profile = self.session.profile

        def work() -> ChangeSummary | None:
            for result in updated:
                summary = profile.change_summary(result.meeting_id)
                if summary is not None:
                    return summary
            return None

        def done(summary: ChangeSummary | None) -> None:
            if summary is not None:
                self._offer(summary)

        self.session.runner.run(work, done, self._failed)

    def _offer(self, summary: ChangeSummary) -> None:
        """Say so in the message strip, once per new version (the toolbar action stays)."""
        key = (summary.meeting_id, summary.new_version)
        if key in self._offered or (self.dialog is not None and self.dialog.isVisible()):
            return
        self._offered.add(key)
        title = self.titles.get(summary.meeting_id, "")
        text = (
            self.tr("“%1” has changed since you last opened it (version %2 → %3).")
            .replace("%1", title)
            .replace("%2", str(summary.old_version))
            .replace("%3", str(summary.new_version))
        )
        self.message_bar.show_message(
            text, kind="info", action=(self.tr("What changed"), lambda: self.show_dialog(summary))
        )

    # --- the dialog ---------------------------------------------------------------------------

    def show_dialog(self, summary: ChangeSummary | None = None) -> None:
        """Open the dialog for ``summary`` (default: the shown meeting's)."""
        summary = summary if isinstance(summary, ChangeSummary) else self.summary
        if summary is None:
            return
        if self.dialog is not None:
            self.dialog.close()
        meeting_id = summary.meeting_id
        profile = self.session.profile

        def load(
            change: DocumentChange,
            done: Callable[[list[PageDiff]], None],
            failed: Callable[[BaseException], None],
        ) -> None:
            self.session.runner.run(
                lambda: document_diffs(profile, meeting_id, change), done, failed
            )

        dialog = ChangesDialog(summary, self.titles.get(meeting_id, ""), load, self.window)
        dialog.page_chosen.connect(lambda change, diff: self._open_page(meeting_id, change, diff))
        dialog.finished.connect(lambda _result: self._seen(summary))
        self.dialog = dialog
        dialog.show()
        dialog.raise_()

    def _seen(self, summary: ChangeSummary) -> None:
        meeting_id, version = summary.meeting_id, summary.new_version
        if self.shown_meeting == meeting_id:
            self.summary = None
            self.action.setVisible(False)
        profile = self.session.profile
        self.session.runner.run(lambda: profile.mark_seen(meeting_id, version), None, self._failed)

    def _open_page(self, meeting_id: str, change: DocumentChange, diff: PageDiff) -> None:
        if change.new_sha256 is None or diff.new_page is None:
            return
        phrase = highlight_phrase(diff)
        hit = None
        if phrase:
            found = SearchHit(
                meeting_id,
                self.titles.get(meeting_id, ""),
                change.new_sha256,
                change.title,
                diff.new_page,
                Snippet(phrase, ()),
                exact=True,
            )
            hit = HitChoice(found, phrase, exact=True)
        self.open_document(
            meeting_id, change.new_sha256, change.title, {"page": diff.new_page}, hit
        )

    def _failed(self, error: BaseException) -> None:
        self.message_bar.show_message(str(error))
