"""The notes panel's model: one row a note (under its document, for a whole meeting), and
a filter by kind and by colour.

Each row is rich text — the kind and page, the quoted words, the note's text — with an
icon of its kind in its colour, and says so plainly when the note failed its signature
check ("changed outside ecabinet") or could not be placed on a new version of its document
(orphaned).
"""

from __future__ import annotations

import html
from dataclasses import dataclass

from PySide6.QtCore import (
    QAbstractItemModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QPointF,
    QRectF,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QColor, QImage, QPainter, QPen, QPolygonF

from ecabinet.client.notelist import ListedNote

__all__ = ["KINDS", "IconRole", "NoteRole", "NotesFilter", "NotesModel", "kind_image"]

NoteRole = Qt.ItemDataRole.UserRole + 1
IconRole = Qt.ItemDataRole.UserRole + 2
# The kinds in the order the filter offers them.
KINDS = ("highlight", "underline", "strikeout", "note", "ink", "bookmark")
_GREY = "#787878"
_ICON = 20
_Index = QModelIndex | QPersistentModelIndex


def _polygon(*points: tuple[float, float]) -> QPolygonF:
    return QPolygonF([QPointF(x, y) for x, y in points])


def kind_image(kind: str, colour: str, trusted: bool = True) -> QImage:
    """A small picture of a kind of note in its colour (grey and dashed when untrusted)."""
    image = QImage(_ICON, _ICON, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    tone = QColor(colour if trusted else _GREY)
    style = Qt.PenStyle.SolidLine if trusted else Qt.PenStyle.DashLine
    ink = QColor(60, 60, 60)
    if kind == "highlight":
        fill = QColor(tone)
        fill.setAlpha(170)
        painter.fillRect(QRectF(2, 5, 16, 10), fill)
        painter.setPen(QPen(ink, 1.2))
        painter.drawLine(QPointF(5, 10), QPointF(15, 10))
    elif kind in ("underline", "strikeout"):
        painter.setPen(QPen(ink, 1.2))
        painter.drawLine(QPointF(4, 9), QPointF(16, 9))
        painter.setPen(QPen(tone, 2.5, style))
        y = 15.0 if kind == "underline" else 9.0
        painter.drawLine(QPointF(2, y), QPointF(18, y))
    elif kind == "note":
        painter.setPen(QPen(tone.darker(160), 1, style))
        painter.setBrush(tone)
        painter.drawPolygon(_polygon((3, 3), (13, 3), (17, 7), (17, 17), (3, 17)))
    elif kind == "ink":
        pen = QPen(tone, 2.5, style)
        pen.setCapStyle(Qt.PenCapStyle.RoundCap)
        painter.setPen(pen)
        painter.drawPolyline(_polygon((2, 14), (6, 5), (10, 14), (14, 5), (18, 11)))
    else:  # bookmark
        painter.setPen(QPen(tone.darker(150), 1, style))
        painter.setBrush(tone)
        painter.drawPolygon(_polygon((5, 2), (15, 2), (15, 18), (10, 13), (5, 18)))
    painter.end()
    return image


@dataclass(frozen=True)
class _Group:
    """The notes of one document (one version of it)."""

    title: str
    current: bool
    notes: list[ListedNote]


class NotesModel(QAbstractItemModel):
    """The listed notes; ``grouped`` (a whole meeting) puts them under their documents.

    Group rows have internal id 0; a note's internal id is its group's row + 1.
    """

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.rows: list[ListedNote] = []
        self.groups: list[_Group] = []
        self.grouped = False

    def set_rows(self, rows: list[ListedNote], *, grouped: bool) -> None:
        self.beginResetModel()
        self.rows = rows
        self.grouped = grouped
        self.groups = []
        for row in rows:  # listed document by document
            last = self.groups[-1] if self.groups else None
            if last is None or last.notes[0].loaded.note.document != row.loaded.note.document:
                self.groups.append(_Group(row.title, row.current, [row]))
            else:
                last.notes.append(row)
        if not grouped:
            self.groups = [_Group("", True, list(rows))]
        self.endResetModel()

    def index(self, row: int, column: int, parent: _Index = QModelIndex()) -> QModelIndex:  # noqa: B008
        if column != 0 or row < 0:
            return QModelIndex()
        if not parent.isValid():
            if self.grouped:
                return self.createIndex(row, 0, 0) if row < len(self.groups) else QModelIndex()
            notes = self.groups[0].notes if self.groups else []
            return self.createIndex(row, 0, 1) if row < len(notes) else QModelIndex()
        if parent.internalId() == 0 and row < len(self.groups[parent.row()].notes):
            return self.createIndex(row, 0, parent.row() + 1)
        return QModelIndex()

    def parent(self, index: _Index = QModelIndex()) -> QModelIndex:  # type: ignore[override]  # noqa: B008
        if not index.isValid() or index.internalId() == 0 or not self.grouped:
            return QModelIndex()
        return self.createIndex(index.internalId() - 1, 0, 0)

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        if not parent.isValid():
            if self.grouped:
                return len(self.groups)
            return len(self.groups[0].notes) if self.groups else 0
        if self.grouped and parent.internalId() == 0:
            return len(self.groups[parent.row()].notes)
        return 0

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 1

    def note_at(self, index: _Index) -> ListedNote | None:
        """The note of a row (None for a document's row)."""
        if not index.isValid() or (self.grouped and index.internalId() == 0):
            return None
        return self.groups[index.internalId() - 1].notes[index.row()]

    def kind_name(self, kind: str) -> str:
        names = {
            "highlight": self.tr("Highlight"),
            "underline": self.tr("Underline"),
            "strikeout": self.tr("Strike-through"),
            "note": self.tr("Note"),
            "ink": self.tr("Drawing"),
            "bookmark": self.tr("Bookmark"),
        }
        return names.get(kind, kind)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        row = self.note_at(index)
        if row is None:
            group = self.groups[index.row()]
            if role == Qt.ItemDataRole.DisplayRole:
                return self._group_html(group)
            return None
        note = row.loaded.note
        if role == NoteRole:
            return row
        if role == IconRole:
            return kind_image(note.kind, note.colour, row.loaded.trusted)
        if role == Qt.ItemDataRole.DisplayRole:
            return self._html(row)
        if role == Qt.ItemDataRole.ToolTipRole:
            if not row.loaded.trusted:
                return self.tr("Changed outside ecabinet: %1").replace(
                    "%1", row.loaded.problem or ""
                )
            return self.tr("Go to this note")
        return None

    def _html(self, row: ListedNote) -> str:
        note = row.loaded.note
        head = self.tr("%1 · p. %2").replace("%1", self.kind_name(note.kind))
        head = head.replace("%2", str(note.page + 1))
        parts = ['<img src="note:icon" width="20" height="20"> ', f"<b>{html.escape(head)}</b>"]
        if note.quote is not None and note.quote.text and note.kind != "ink":
            quoted = note.quote.text if len(note.quote.text) <= 220 else note.quote.text[:217] + "…"
            parts.append(f"<br><i>“{html.escape(quoted)}”</i>")
        if note.body:
            parts.append("<br>" + html.escape(note.body).replace("\n", "<br>"))
        if not row.loaded.trusted:
            warning = self.tr("Changed outside ecabinet — not trusted")
            parts.append(f'<br><span style="color:#b00020"><b>⚠ {html.escape(warning)}</b></span>')
        if row.loaded.orphaned_by:
            orphan = self.tr(
                "Could not be placed on the new version: kept here, on the older version"
            )
            parts.append(f'<br><span style="color:#8a5300">{html.escape(orphan)}</span>')
        return "".join(parts)

    def _group_html(self, group: _Group) -> str:
        title = group.title or group.notes[0].loaded.note.document[:12]
        if not group.current:
            title = self.tr("%1 (older version)").replace("%1", title)
        count = self.tr("%n note(s)", "", len(group.notes))
        colour = "#333" if group.current else "#8a5300"
        return f'<b style="color:{colour}">{html.escape(title)}</b> — {html.escape(count)}'


class NotesFilter(QSortFilterProxyModel):
    """Keeps the notes of one kind and one colour (None: any), and the documents they are on."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.kind: str | None = None
        self.colour: str | None = None
        self.setRecursiveFilteringEnabled(True)

    def set_filter(self, kind: str | None, colour: str | None) -> None:
        self.beginFilterChange()
        self.kind, self.colour = kind, colour
        self.endFilterChange()

    def filterAcceptsRow(self, source_row: int, source_parent: _Index) -> bool:
        model = self.sourceModel()
        assert isinstance(model, NotesModel)
        row = model.note_at(model.index(source_row, 0, source_parent))
        if row is None:
            return False  # a document: shown while one of its notes is
        note = row.loaded.note
        return (self.kind is None or note.kind == self.kind) and (
            self.colour is None or note.colour == self.colour
        )
