"""The agenda tree of a meeting's current packet, with its documents as leaves.

Items and documents new or changed since the version the user last opened are marked, so a
revision is never missed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont

from ecabinet.ui.icons import document_icon, lock_icon, new_icon

Index = QModelIndex | QPersistentModelIndex
NodeRole = Qt.ItemDataRole.UserRole + 1
ChangedRole = Qt.ItemDataRole.UserRole + 2


@dataclass
class AgendaRow:
    """An agenda item (``sha256`` empty) or a document attached to one."""

    title: str
    number: str = ""
    presenter: str = ""
    duration_min: int = 0
    confidential: bool = False
    sha256: str = ""
    pages: int = 0
    changed: bool = False
    parent: AgendaRow | None = None
    children: list[AgendaRow] = field(default_factory=list)

    @property
    def is_document(self) -> bool:
        return bool(self.sha256)


def _item_signature(item: dict[str, Any]) -> tuple[Any, ...]:
    return (
        item.get("title"),
        item.get("presenter"),
        item.get("duration_min"),
        tuple(item.get("documents", ())),
    )


def _index_items(items: list[dict[str, Any]], out: dict[str, dict[str, Any]]) -> None:
    for item in items:
        out[str(item["id"])] = item
        _index_items(item.get("children", []), out)


def build_rows(manifest: dict[str, Any], previous: dict[str, Any] | None) -> AgendaRow:
    """The tree under an invisible root; ``previous`` is the manifest last opened."""
    root = AgendaRow(title="")
    old_items: dict[str, dict[str, Any]] = {}
    if previous is not None:
        _index_items(previous.get("agenda", []), old_items)
    old_docs = set(previous.get("documents", {})) if previous is not None else None
    documents = manifest.get("documents", {})

    def add(items: list[dict[str, Any]], parent: AgendaRow) -> None:
        for item in items:
            before = old_items.get(str(item["id"]))
            row = AgendaRow(
                title=str(item["title"]),
                number=str(item.get("number", "")),
                presenter=str(item.get("presenter", "")),
                duration_min=int(item.get("duration_min", 0)),
                confidential=bool(item.get("confidential", False)),
                changed=previous is not None
                and (before is None or _item_signature(before) != _item_signature(item)),
                parent=parent,
            )
            parent.children.append(row)
            for sha in item.get("documents", []):
                info = documents.get(sha, {})
                row.children.append(
                    AgendaRow(
                        title=str(info.get("title", sha[:12])),
                        sha256=sha,
                        pages=int(info.get("pages", 0)),
                        changed=old_docs is not None and sha not in old_docs,
                        parent=row,
                    )
                )
            add(item.get("children", []), row)

    add(manifest.get("agenda", []), root)
    return root


class AgendaModel(QAbstractItemModel):
    """One column: "number. title" with presenter and duration on a second line; documents as
    leaves.  A single wrapping column reads well in the narrow side panel in both languages."""

    COLUMNS = 1

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._root = AgendaRow(title="")

    def set_manifest(
        self, manifest: dict[str, Any] | None, previous: dict[str, Any] | None = None
    ) -> None:
        self.beginResetModel()
        self._root = build_rows(manifest, previous) if manifest else AgendaRow(title="")
        self.endResetModel()

    def row_at(self, index: Index) -> AgendaRow:
        if index.isValid():
            row = index.internalPointer()
            assert isinstance(row, AgendaRow)
            return row
        return self._root

    def index(self, row: int, column: int, parent: Index = QModelIndex()) -> QModelIndex:  # noqa: B008
        node = self.row_at(parent)
        if 0 <= row < len(node.children) and 0 <= column < self.COLUMNS:
            return self.createIndex(row, column, node.children[row])
        return QModelIndex()

    def parent(self, index: Index = QModelIndex()) -> QModelIndex:  # type: ignore[override]  # noqa: B008
        if not index.isValid():
            return QModelIndex()
        node = self.row_at(index).parent
        if node is None or node is self._root or node.parent is None:
            return QModelIndex()
        return self.createIndex(node.parent.children.index(node), 0, node)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        if parent.isValid() and parent.column() != 0:
            return 0
        return len(self.row_at(parent).children)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return self.COLUMNS

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.tr("Agenda")
        return None

    def details(self, row: AgendaRow) -> str:
        """The second line of an item: presenter and duration."""
        parts = [row.presenter] if row.presenter else []
        if row.duration_min:
            parts.append(self.tr("%n min", "", row.duration_min))
        return " · ".join(parts)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self.row_at(index)
        if role == Qt.ItemDataRole.DisplayRole:
            if row.is_document:
                return self.tr("%1 (%n page(s))", "", row.pages).replace("%1", row.title)
            title = f"{row.number}. {row.title}" if row.number else row.title
            details = self.details(row)
            return f"{title}\n{details}" if details else title
        if role == Qt.ItemDataRole.DecorationRole:
            if row.changed:
                return new_icon()
            if row.confidential:
                return lock_icon()
            return document_icon() if row.is_document else None
        if role == Qt.ItemDataRole.ToolTipRole:
            notes = [row.title]
            if row.confidential:
                notes.append(self.tr("Confidential: only cleared participants see this item."))
            if row.changed:
                notes.append(self.tr("New or changed since you last opened this meeting."))
            if row.is_document:
                notes.append(self.tr("Double-click to read."))
            return "\n".join(notes)
        if role == Qt.ItemDataRole.FontRole and row.changed:
            font = QFont()
            font.setBold(True)
            return font
        if role == NodeRole:
            return row
        if role == ChangedRole:
            return row.changed
        return None
