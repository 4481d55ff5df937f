"""The meetings list: upcoming first, then past; badges for new packet versions."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont

from ecabinet.ui.icons import new_icon
from ecabinet.ui.session import MeetingEntry

Index = QModelIndex | QPersistentModelIndex

EntryRole = Qt.ItemDataRole.UserRole + 1
NewVersionRole = Qt.ItemDataRole.UserRole + 2
UpcomingRole = Qt.ItemDataRole.UserRole + 3


def format_time(value: datetime | None) -> str:
    return value.astimezone().strftime("%d/%m/%Y %H:%M") if value else ""


class MeetingsModel(QAbstractListModel):
    """Rows of :class:`MeetingEntry`; ``seen`` maps meeting id to the version last opened."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._entries: list[MeetingEntry] = []
        self.seen: dict[str, int] = {}

    def set_entries(self, entries: list[MeetingEntry], now: datetime | None = None) -> None:
        now = now or datetime.now(UTC)
        far = datetime.max.replace(tzinfo=UTC)

        def order(entry: MeetingEntry) -> tuple[int, float]:
            starts = entry.starts_at or far
            upcoming = starts >= now
            # Upcoming meetings soonest first, then past ones latest first.
            return (0, starts.timestamp()) if upcoming else (1, -starts.timestamp())

        self.beginResetModel()
        self._entries = sorted(entries, key=order)
        self.endResetModel()

    def entry(self, row: int) -> MeetingEntry | None:
        return self._entries[row] if 0 <= row < len(self._entries) else None

    def row_of(self, meeting_id: str) -> int:
        return next((i for i, e in enumerate(self._entries) if e.id == meeting_id), -1)

    def mark_seen(self, meeting_id: str, version: int) -> None:
        self.seen[meeting_id] = version
        row = self.row_of(meeting_id)
        if row >= 0:
            self.dataChanged.emit(self.index(row), self.index(row))

    def has_new_version(self, entry: MeetingEntry) -> bool:
        current = entry.meeting.current_version
        return current is not None and current > self.seen.get(entry.id, 0)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._entries)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        entry = self.entry(index.row()) if index.isValid() else None
        if entry is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            when = format_time(entry.starts_at)
            return f"{entry.meeting.title}\n{when}" if when else entry.meeting.title
        if role == Qt.ItemDataRole.DecorationRole and self.has_new_version(entry):
            return new_icon()
        if role == Qt.ItemDataRole.FontRole and self.has_new_version(entry):
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.ToolTipRole:
            parts = [entry.meeting.title, format_time(entry.starts_at), entry.location]
            return "\n".join(p for p in parts if p)
        if role == EntryRole:
            return entry
        if role == NewVersionRole:
            return self.has_new_version(entry)
        if role == UpcomingRole:
            starts = entry.starts_at
            return starts is None or starts >= datetime.now(UTC)
        return None
