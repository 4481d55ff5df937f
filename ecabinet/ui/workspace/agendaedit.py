"""The editable agenda of a draft: a tree of items with their documents as leaves.

Items move by internal drag and drop (dropping onto an item makes it a sub-item) or by the
editing methods the buttons call; numbers (1, 1.1 …) follow from the places in the tree, so
they never need editing.  Files dropped from outside are not attached here: the model only
reports them (``files_dropped``), because a file becomes a document only once the server has
accepted it.  Every change of the tree emits ``edited``, which is what sends the draft.
"""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QMimeData,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)

from ecabinet.ui.icons import document_icon, lock_icon

Index = QModelIndex | QPersistentModelIndex
NodeRole = Qt.ItemDataRole.UserRole + 1
ITEM_MIME = "application/x-ecabinet-agenda-items"
MAX_DEPTH = 4  # as the server allows; a deeper agenda is refused there
TITLE, PRESENTER, MINUTES = range(3)


@dataclass(eq=False)
class Node:
    """An agenda item, or (``sha256`` set) a document attached to the item above it.

    An item's children hold its documents first, then its sub-items, as the reader shows them.
    """

    title: str
    id: str = ""
    presenter: str = ""
    duration_min: int = 0
    confidential: bool = False
    cleared: list[str] = field(default_factory=list)
    sha256: str = ""
    pages: int = 0
    parent: Node | None = None
    children: list[Node] = field(default_factory=list)

    @property
    def is_document(self) -> bool:
        return bool(self.sha256)

    @property
    def items(self) -> list[Node]:
        return [c for c in self.children if not c.is_document]

    @property
    def documents(self) -> list[Node]:
        return [c for c in self.children if c.is_document]

    def depth(self) -> int:
        """1 for a top-level item."""
        depth, node = 0, self.parent
        while node is not None:
            depth, node = depth + 1, node.parent
        return depth

    def height(self) -> int:
        """Levels of items from this one down (1 without sub-items)."""
        return 1 + max((c.height() for c in self.items), default=0)

    def contains(self, other: Node) -> bool:
        node: Node | None = other
        while node is not None:
            if node is self:
                return True
            node = node.parent
        return False


def new_item_id() -> str:
    """Ids are made here, not by the server: edits sent while another is in flight keep them."""
    return uuid.uuid4().hex


def _from_items(items: list[dict[str, Any]], parent: Node, docs: dict[str, dict[str, Any]]) -> None:
    for item in items:
        node = Node(
            title=str(item.get("title", "")),
            id=str(item.get("id") or new_item_id()),
            presenter=str(item.get("presenter", "")),
            duration_min=int(item.get("duration_min", 0)),
            confidential=bool(item.get("confidential", False)),
            cleared=[str(c) for c in item.get("cleared", [])],
            parent=parent,
        )
        parent.children.append(node)
        for sha in item.get("documents", []):
            info = docs.get(sha, {})
            node.children.append(
                Node(
                    title=str(info.get("title") or sha[:12]),
                    sha256=str(sha),
                    pages=int(info.get("pages", 0)),
                    parent=node,
                )
            )
        _from_items(list(item.get("children", [])), node, docs)


def _to_items(node: Node) -> list[dict[str, Any]]:
    return [
        {
            "id": item.id,
            "title": item.title,
            "presenter": item.presenter,
            "duration_min": item.duration_min,
            "documents": [d.sha256 for d in item.documents],
            "confidential": item.confidential,
            "cleared": list(item.cleared) if item.confidential else [],
            "children": _to_items(item),
        }
        for item in node.items
    ]


class AgendaEditModel(QAbstractItemModel):
    """Three columns: number and title, presenter, minutes (the last two editable in place).

    Signals:
        edited: the tree changed by the user's hand; the draft should be sent.
        files_dropped: local files dropped on an item (the item node, the paths).
        replacement_dropped: one local file dropped on a document (the document node, path).
    """

    edited = Signal()
    files_dropped = Signal(object, list)
    replacement_dropped = Signal(object, object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.root = Node(title="")

    # --- loading and sending ------------------------------------------------------------------

    def load(self, agenda: list[dict[str, Any]], documents: list[dict[str, Any]]) -> None:
        """Show a draft's agenda; ``documents`` are the draft's uploads (for titles, pages)."""
        info = {str(d["sha256"]): d for d in documents}
        self.beginResetModel()
        self.root = Node(title="")
        _from_items(agenda, self.root, info)
        self.endResetModel()

    def to_payload(self) -> list[dict[str, Any]]:
        """The tree as ``PUT /meetings/{id}/agenda`` takes it."""
        return _to_items(self.root)

    # --- reading ------------------------------------------------------------------------------

    def node(self, index: Index) -> Node:
        if index.isValid():
            node = index.internalPointer()
            assert isinstance(node, Node)
            return node
        return self.root

    def index_of(self, node: Node, column: int = 0) -> QModelIndex:
        if node.parent is None:
            return QModelIndex()
        return self.createIndex(node.parent.children.index(node), column, node)

    def number(self, node: Node) -> str:
        """ "1", "2.1" …: places among sibling items, documents not counted."""
        parts: list[str] = []
        current: Node | None = node
        while current is not None and current.parent is not None:
            parts.append(str(current.parent.items.index(current) + 1))
            current = current.parent
        return ".".join(reversed(parts))

    def all_items(self) -> list[Node]:
        found: list[Node] = []

        def walk(node: Node) -> None:
            for item in node.items:
                found.append(item)
                walk(item)

        walk(self.root)
        return found

    def total_minutes(self) -> int:
        """The meeting's length: the top-level items' spans added up.

        An item's span is its own time or, when its sub-items take longer, theirs: a parent
        given 90 minutes for two 45-minute sub-items takes 90, not 180, and a parent given
        no time takes as long as its sub-items.
        """

        def span(node: Node) -> int:
            return max(node.duration_min, sum(span(child) for child in node.items))

        return sum(span(item) for item in self.root.items)

    def find_item(self, item_id: str) -> Node | None:
        return next((n for n in self.all_items() if n.id == item_id), None)

    # --- the Qt model -------------------------------------------------------------------------

    def index(self, row: int, column: int, parent: Index = QModelIndex()) -> QModelIndex:  # noqa: B008
        node = self.node(parent)
        if 0 <= row < len(node.children) and 0 <= column < 3:
            return self.createIndex(row, column, node.children[row])
        return QModelIndex()

    def parent(self, index: Index = QModelIndex()) -> QModelIndex:  # type: ignore[override]  # noqa: B008
        if not index.isValid():
            return QModelIndex()
        parent = self.node(index).parent
        if parent is None or parent is self.root:
            return QModelIndex()
        return self.index_of(parent)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        if parent.isValid() and parent.column() != 0:
            return 0
        return len(self.node(parent).children)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 3

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return [self.tr("Item"), self.tr("Presenter"), self.tr("Minutes")][section]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        node = self.node(index)
        column = index.column()
        if role == NodeRole:
            return node
        if node.is_document:
            if column == TITLE and role == Qt.ItemDataRole.DisplayRole:
                return self.tr("%1 (%n page(s))", "", node.pages).replace("%1", node.title)
            if column == TITLE and role == Qt.ItemDataRole.DecorationRole:
                return document_icon()
            if column == TITLE and role == Qt.ItemDataRole.ToolTipRole:
                return self.tr("Drop a file here to replace this document.")
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            if column == TITLE:
                return f"{self.number(node)}. {node.title}"
            if column == PRESENTER:
                return node.presenter
            return str(node.duration_min) if node.duration_min else ""
        if role == Qt.ItemDataRole.EditRole:
            return [node.title, node.presenter, node.duration_min][column]
        if role == Qt.ItemDataRole.DecorationRole and column == TITLE and node.confidential:
            return lock_icon()
        if role == Qt.ItemDataRole.ToolTipRole and column == TITLE:
            tip = [node.title]
            if node.confidential:
                tip.append(self.tr("Confidential: cleared participants only."))
            tip.append(self.tr("Drop files here to attach them."))
            return "\n".join(tip)
        if role == Qt.ItemDataRole.TextAlignmentRole and column == MINUTES:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.ItemIsDropEnabled
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if self.node(index).is_document:
            return flags | Qt.ItemFlag.ItemIsDropEnabled  # for a replacement file
        return (
            flags
            | Qt.ItemFlag.ItemIsEditable
            | Qt.ItemFlag.ItemIsDragEnabled
            | Qt.ItemFlag.ItemIsDropEnabled
        )

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or role != Qt.ItemDataRole.EditRole:
            return False
        node = self.node(index)
        if node.is_document:
            return False
        column = index.column()
        if column == TITLE:
            text = str(value).strip()
            if not text or text == node.title:
                return False
            node.title = text[:500]
        elif column == PRESENTER:
            text = str(value).strip()[:200]
            if text == node.presenter:
                return False
            node.presenter = text
        else:
            try:
                minutes = max(0, min(24 * 60, int(value or 0)))
            except (TypeError, ValueError):
                return False
            if minutes == node.duration_min:
                return False
            node.duration_min = minutes
        self.dataChanged.emit(self.index_of(node, 0), self.index_of(node, 2))
        self.edited.emit()
        return True

    def update_item(self, node: Node, **facts: Any) -> None:
        """Change an item's facts from the detail panel (title, presenter, confidential …)."""
        changed = False
        for name, value in facts.items():
            if getattr(node, name) != value:
                setattr(node, name, value)
                changed = True
        if changed:
            self.dataChanged.emit(self.index_of(node, 0), self.index_of(node, 2))
            self.edited.emit()

    # --- drag and drop ------------------------------------------------------------------------

    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction | Qt.DropAction.CopyAction

    def supportedDragActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def mimeTypes(self) -> list[str]:
        return [ITEM_MIME, "text/uri-list"]

    def mimeData(self, indexes: list[QModelIndex]) -> QMimeData:  # type: ignore[override]
        ids = []
        for index in indexes:
            node = self.node(index)
            if index.column() == 0 and not node.is_document and node.id not in ids:
                ids.append(node.id)
        data = QMimeData()
        data.setData(ITEM_MIME, json.dumps(ids).encode())
        return data

    def canDropMimeData(
        self, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: Index
    ) -> bool:
        target = self.node(parent)
        if data.hasFormat(ITEM_MIME):
            return not target.is_document
        return data.hasUrls() and any(u.isLocalFile() for u in data.urls())

    def dropMimeData(
        self, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: Index
    ) -> bool:
        target = self.node(parent)
        if data.hasFormat(ITEM_MIME):
            if target.is_document or action == Qt.DropAction.IgnoreAction:
                return False
            try:
                ids = [str(i) for i in json.loads(bytes(data.data(ITEM_MIME).data()).decode())]
            except (ValueError, TypeError):
                return False
            nodes = [n for n in (self.find_item(i) for i in ids) if n is not None]
            if len(nodes) != 1:
                return False  # the view drags one item (single selection)
            # ``row`` counts the target's rows (documents first); -1 means "onto it": last.
            place = len(target.children) if row < 0 else row
            return self.move(nodes[0], target, place)
        paths = [Path(u.toLocalFile()) for u in data.urls() if u.isLocalFile()]
        if not paths:
            return False
        if target.is_document:
            self.replacement_dropped.emit(target, paths[0])
        elif target is self.root:
            self.files_dropped.emit(None, paths)
        else:
            self.files_dropped.emit(target, paths)
        # Nothing changes here yet: the documents appear once the server has accepted them.
        return False

    def removeRows(self, row: int, count: int, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        # The view asks this after a drag that ended in a move; dropMimeData already moved
        # the item, so there is nothing left to remove.  Removing is :meth:`remove`'s job.
        return False

    # --- editing ------------------------------------------------------------------------------

    def move(self, node: Node, target: Node, place: int) -> bool:
        """Put ``node`` under ``target`` at child position ``place`` (after its documents).

        Refused (False, nothing changes) for a move into the item itself or one that would
        nest items deeper than the server allows.
        """
        if node.is_document or target.is_document or node.contains(target):
            return False
        if target.depth() + node.height() > MAX_DEPTH:
            return False
        place = max(len(target.documents), min(place, len(target.children)))
        source = node.parent
        assert source is not None
        old = source.children.index(node)
        if source is target and place in (old, old + 1):
            return False  # dropped where it was
        self.beginMoveRows(self.index_of(source), old, old, self.index_of(target), place)
        source.children.pop(old)
        if source is target and place > old:
            place -= 1
        target.children.insert(place, node)
        node.parent = target
        self.endMoveRows()
        self._renumbered()
        self.edited.emit()
        return True

    def add_item(self, title: str, after: Node | None = None) -> Node:
        """A new item after ``after`` (at the end of the agenda without one)."""
        parent = after.parent if after is not None and after.parent is not None else self.root
        place = parent.children.index(after) + 1 if after is not None else len(parent.children)
        node = Node(title=title, id=new_item_id(), parent=parent)
        self.beginInsertRows(self.index_of(parent), place, place)
        parent.children.insert(place, node)
        self.endInsertRows()
        self._renumbered()
        self.edited.emit()
        return node

    def remove(self, node: Node) -> None:
        """Remove an item (with its sub-items) or detach a document from its item."""
        parent = node.parent
        if parent is None:
            return
        row = parent.children.index(node)
        self.beginRemoveRows(self.index_of(parent), row, row)
        parent.children.pop(row)
        node.parent = None
        self.endRemoveRows()
        self._renumbered()
        self.edited.emit()

    @staticmethod
    def _among_siblings(node: Node) -> tuple[Node, list[Node], int] | None:
        """An item's parent, the items beside it (documents left out) and its place there."""
        parent = node.parent
        if parent is None or node.is_document:
            return None
        siblings = parent.items
        return parent, siblings, siblings.index(node)

    def move_up(self, node: Node) -> bool:
        place = self._among_siblings(node)
        if place is None or place[2] == 0:
            return False
        parent, siblings, at = place
        return self.move(node, parent, parent.children.index(siblings[at - 1]))

    def move_down(self, node: Node) -> bool:
        place = self._among_siblings(node)
        if place is None or place[2] == len(place[1]) - 1:
            return False
        parent, siblings, at = place
        return self.move(node, parent, parent.children.index(siblings[at + 1]) + 1)

    def indent(self, node: Node) -> bool:
        """Make the item the last sub-item of the item above it."""
        place = self._among_siblings(node)
        if place is None or place[2] == 0:
            return False
        _parent, siblings, at = place
        above = siblings[at - 1]
        return self.move(node, above, len(above.children))

    def outdent(self, node: Node) -> bool:
        """Make the item follow its parent item, one level up."""
        parent = node.parent
        if parent is None or parent.parent is None or node.is_document:
            return False
        grand = parent.parent
        return self.move(node, grand, grand.children.index(parent) + 1)

    def attach(self, item: Node, sha256: str, title: str, pages: int) -> None:
        """Attach an accepted upload to an item (after its other documents)."""
        if any(d.sha256 == sha256 for d in item.documents):
            return
        place = len(item.documents)
        self.beginInsertRows(self.index_of(item), place, place)
        item.children.insert(place, Node(title=title, sha256=sha256, pages=pages, parent=item))
        self.endInsertRows()
        self.edited.emit()

    def replace(self, document: Node, sha256: str, title: str, pages: int) -> None:
        """Put an accepted upload in the place of a document (a revision)."""
        if document.sha256 == sha256:
            return
        document.sha256, document.title, document.pages = sha256, title, pages
        index = self.index_of(document)
        self.dataChanged.emit(index, index.siblingAtColumn(2))
        self.edited.emit()

    def _renumbered(self) -> None:
        # Numbers depend on places: a move or insertion renumbers rows all over the tree.
        def walk(parent: QModelIndex) -> None:
            rows = self.rowCount(parent)
            if rows:
                self.dataChanged.emit(
                    self.index(0, 0, parent),
                    self.index(rows - 1, 0, parent),
                    [Qt.ItemDataRole.DisplayRole],
                )
                for row in range(rows):
                    walk(self.index(row, 0, parent))

        walk(QModelIndex())
