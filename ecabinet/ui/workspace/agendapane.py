"""The agenda builder: the tree, its editing buttons, the item's details, uploads."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QSplitter,
    QToolButton,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from ecabinet.ui.workspace.agendaedit import AgendaEditModel, Node
from ecabinet.ui.workspace.itempanel import ItemPanel
from ecabinet.ui.wrapdelegate import WrappingDelegate


class AgendaPane(QWidget):
    def __init__(self, model: AgendaEditModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = model
        self.tree = QTreeView()
        self.tree.setModel(model)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.setDragDropMode(QAbstractItemView.DragDropMode.DragDrop)
        self.tree.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.tree.setDragEnabled(True)
        self.tree.setAcceptDrops(True)
        self.tree.setDropIndicatorShown(True)
        self.tree.setAlternatingRowColors(True)
        # Long bilingual titles wrap instead of being cut off, as in the reader's agenda.
        self.tree.setWordWrap(True)
        self.tree.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.tree.setItemDelegate(WrappingDelegate(self.tree))
        self.tree.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
        )
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        header.resizeSection(1, 180)
        self.details = ItemPanel(model)
        self.commands: dict[str, QAction] = {}
        buttons = QHBoxLayout()
        for name, keys in (
            ("add", "Ctrl+N"),
            ("remove", "Del"),
            ("up", "Ctrl+Up"),
            ("down", "Ctrl+Down"),
            ("indent", "Ctrl+Right"),
            ("outdent", "Ctrl+Left"),
            ("attach", "Ctrl+O"),
        ):
            action = QAction(self)
            action.setShortcut(QKeySequence(keys))
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            self.tree.addAction(action)
            self.commands[name] = action
            button = QToolButton()
            button.setDefaultAction(action)
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
            buttons.addWidget(button)
        buttons.addStretch(1)
        self.total = QLabel()
        buttons.addWidget(self.total)
        self.upload_label = QLabel()
        self.upload_bar = QProgressBar()
        self.upload_bar.setMaximumWidth(280)
        self.cancel_button = QPushButton()
        upload_row = QHBoxLayout()
        upload_row.addWidget(self.upload_label, 1)
        upload_row.addWidget(self.upload_bar)
        upload_row.addWidget(self.cancel_button)
        self.upload_holder = QWidget()
        self.upload_holder.setLayout(upload_row)
        upload_row.setContentsMargins(0, 0, 0, 0)
        self.upload_holder.hide()
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        self.hint.setStyleSheet("color: palette(mid);")
        splitter = QSplitter(Qt.Orientation.Horizontal)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addLayout(buttons)
        left_layout.addWidget(self.tree, 1)
        left_layout.addWidget(self.hint)
        left_layout.addWidget(self.upload_holder)
        splitter.addWidget(left)
        splitter.addWidget(self.details)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([700, 360])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter)

        self.commands["add"].triggered.connect(self.add_item)
        self.commands["remove"].triggered.connect(self.remove_current)
        self.commands["up"].triggered.connect(lambda: self._with_node(self.model.move_up))
        self.commands["down"].triggered.connect(lambda: self._with_node(self.model.move_down))
        self.commands["indent"].triggered.connect(lambda: self._with_node(self.model.indent))
        self.commands["outdent"].triggered.connect(lambda: self._with_node(self.model.outdent))
        self.tree.selectionModel().currentChanged.connect(self._current_changed)
        model.edited.connect(self.update_total)
        model.modelReset.connect(self.update_total)
        self.retranslate()

    def retranslate(self) -> None:
        texts = {
            "add": (self.tr("Add item"), self.tr("Add an item after the selected one (Ctrl+N)")),
            "remove": (self.tr("Remove"), self.tr("Remove the item or detach the document (Del)")),
            "up": (self.tr("Up"), self.tr("Move up (Ctrl+Up)")),
            "down": (self.tr("Down"), self.tr("Move down (Ctrl+Down)")),
            "indent": (
                self.tr("Indent"),
                self.tr("Make it a sub-item of the item above (Ctrl+Right)"),
            ),
            "outdent": (self.tr("Outdent"), self.tr("Move it one level up (Ctrl+Left)")),
            "attach": (self.tr("Attach files…"), self.tr("Attach PDF or office files (Ctrl+O)")),
        }
        for name, (text, tip) in texts.items():
            self.commands[name].setText(text)
            self.commands[name].setToolTip(tip)
        self.cancel_button.setText(self.tr("Cancel"))
        self.hint.setText(
            self.tr(
                "Drag items to reorder them; drop one onto another to make it a sub-item. "
                "Drop files on an item to attach them, or on a document to replace it."
            )
        )
        self.details.retranslate()
        self.update_total()

    def current_node(self) -> Node | None:
        index = self.tree.currentIndex()
        return self.model.node(index) if index.isValid() else None

    def _with_node(self, action: Callable[[Node], bool]) -> None:
        """Move the current item (documents do not move); it stays current."""
        node = self.current_node()
        if node is None or node.is_document:
            return
        if self.tree.state() == QAbstractItemView.State.EditingState:
            return  # Ctrl+arrows belong to the text being typed
        if action(node):
            self.select(node)

    def remove_current(self) -> None:
        """Remove the current item (or detach the document); the next row becomes current."""
        node = self.current_node()
        if node is None or node.parent is None:
            return
        parent = node.parent
        row = parent.children.index(node)
        self.model.remove(node)
        if parent.children:
            self.select(parent.children[min(row, len(parent.children) - 1)])
        elif parent is not self.model.root:
            self.select(parent)

    def add_item(self) -> Node:
        current = self.current_node()
        if current is not None and current.is_document:
            current = current.parent
        node = self.model.add_item(self.tr("New item"), after=current)
        self.select(node)
        self.tree.edit(self.model.index_of(node))
        return node

    def select(self, node: Node) -> None:
        index = self.model.index_of(node)
        if not index.isValid():
            return
        parent = index.parent()
        while parent.isValid():
            self.tree.expand(parent)
            parent = parent.parent()
        self.tree.selectionModel().setCurrentIndex(
            index,
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )

    def select_item_id(self, item_id: str | None) -> None:
        node = self.model.find_item(item_id) if item_id else None
        if node is not None:
            self.select(node)
        else:
            self.details.show_node(None)

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self.details.show_node(self.model.node(current) if current.isValid() else None)

    def update_total(self) -> None:
        minutes = self.model.total_minutes()
        hours, rest = divmod(minutes, 60)
        if hours:
            text = self.tr("%1 h %2 min").replace("%1", str(hours)).replace("%2", f"{rest:02d}")
        else:
            text = self.tr("%1 min").replace("%1", str(rest))
        self.total.setText(self.tr("Total duration: %1").replace("%1", text))
