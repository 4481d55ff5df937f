"""Who holds the current packet version, refreshed as clients acknowledge it.

The meeting's event stream brings a ``delivery`` event whenever a participant's device
reports a complete version; the table is read again then.  While the stream is down a timer
reads it every half minute, so the table is never stale for long.
"""

from __future__ import annotations

import contextlib
import threading
from datetime import datetime
from typing import Any

from PySide6.QtCore import QTimer
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ecabinet.client.api import ClientError
from ecabinet.client.livestream import EventStream, LiveEvent
from ecabinet.ui.session import AppSession
from ecabinet.ui.workspace.controller import describe
from ecabinet.ui.workspace.meetingform import role_label

FALLBACK_SECONDS = 30


def local_time(text: str | None, pattern: str = "%d/%m/%Y %H:%M") -> str:
    """An ISO time from the server in this computer's time zone (as given when unreadable)."""
    if not text:
        return ""
    try:
        moment = datetime.fromisoformat(text.replace("Z", "+00:00")).astimezone()
    except ValueError:
        return text
    return moment.strftime(pattern)


class DeliveryPanel(QWidget):
    def __init__(self, session: AppSession, workspace: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.workspace = workspace
        self.meeting_id: str | None = None
        self.status: dict[str, Any] | None = None
        self._stream: EventStream | None = None
        self._reading = False
        self._again = False
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.table = QTableWidget(0, 4)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().hide()
        self.table.setAlternatingRowColors(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in (1, 2, 3):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        self.timer = QTimer(self)
        self.timer.setInterval(FALLBACK_SECONDS * 1000)
        self.timer.timeout.connect(self.refresh)
        self.retranslate()

    def retranslate(self) -> None:
        self.table.setHorizontalHeaderLabels(
            [self.tr("Participant"), self.tr("Role"), self.tr("Current version"), self.tr("When")]
        )
        if self.status is not None:
            self._show(self.status)

    # --- following a meeting ------------------------------------------------------------------

    def follow(self, meeting_id: str | None, published: bool) -> None:
        """Show (and follow live) the delivery of ``meeting_id``'s current version."""
        if meeting_id == self.meeting_id and (self._stream is not None or not published):
            if published:
                self.refresh()
            return
        self.stop()
        self.meeting_id = meeting_id
        self.status = None
        self.table.setRowCount(0)
        if meeting_id is None or not published:
            self.summary.setText(self.tr("Nothing published yet: publish to see who has it."))
            return
        self.refresh()
        self.timer.start()
        post = self.session.bridge.post
        stream = EventStream(
            self.session.api,
            meeting_id,
            None,
            on_event=lambda event: post(lambda: self._event(meeting_id, event)),
        )
        self._stream = stream
        threading.Thread(
            target=self._run, args=(stream,), name="ecabinet-delivery", daemon=True
        ).start()

    def _run(self, stream: EventStream) -> None:
        with contextlib.suppress(ClientError):  # the timer keeps the table fresh
            stream.run()

    def _event(self, meeting_id: str, event: LiveEvent) -> None:
        if meeting_id == self.meeting_id and event.kind == "delivery":
            self.refresh()

    def stop(self) -> None:
        self.timer.stop()
        if self._stream is not None:
            self._stream.close()
            self._stream = None

    def refresh(self) -> None:
        """Read the status again (one read in flight, one more after it at most)."""
        meeting_id = self.meeting_id
        if meeting_id is None:
            return
        if self._reading:
            self._again = True
            return
        self._reading = True

        def done(status: dict[str, Any]) -> None:
            self._reading = False
            if meeting_id == self.meeting_id:
                self._show(status)
            if self._again:
                self._again = False
                self.refresh()

        def failed(error: BaseException) -> None:
            self._reading = False
            self.summary.setText(describe(error))

        self.session.runner.run(lambda: self.workspace.delivery(meeting_id), done, failed)

    def _show(self, status: dict[str, Any]) -> None:
        self.status = status
        people = list(status.get("participants", []))
        have = sum(1 for p in people if p.get("current"))
        self.summary.setText(
            self.tr("Version %1: %2 of %3 participants have it on a device.")
            .replace("%1", str(status.get("packet_version", "")))
            .replace("%2", str(have))
            .replace("%3", str(len(people)))
        )
        self.table.setRowCount(len(people))
        for row, person in enumerate(people):
            current = bool(person.get("current"))
            name = QTableWidgetItem(str(person.get("full_name") or person.get("username")))
            name.setToolTip(
                "\n".join(
                    f"{d.get('name', '')}: v{d.get('packet_version')} · {local_time(d.get('at'))}"
                    for d in person.get("devices", [])
                )
            )
            has = QTableWidgetItem(self.tr("Has it") if current else self.tr("Not yet"))
            has.setForeground(QColor("#1b5e20") if current else QColor("#b00020"))
            delivered = person.get("delivered_version")
            if not current and delivered:
                has.setText(self.tr("Not yet (has version %1)").replace("%1", str(delivered)))
            cells = [
                name,
                QTableWidgetItem(role_label(str(person.get("role", "")))),
                has,
                QTableWidgetItem(local_time(person.get("delivered_at")) if delivered else ""),
            ]
            for column, cell in enumerate(cells):
                self.table.setItem(row, column, cell)

    def has_current(self, user_id: str) -> bool:
        """Whether the table shows ``user_id`` holding the current version (for tests)."""
        people = (self.status or {}).get("participants", [])
        return any(p.get("user_id") == user_id and p.get("current") for p in people)
