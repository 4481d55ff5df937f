"""Tree rows as tall as their wrapped text, so long Vietnamese titles are never cut off."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt
from PySide6.QtWidgets import QStyledItemDelegate, QStyleOptionViewItem, QTreeView

MARGIN = 6


class WrappingDelegate(QStyledItemDelegate):
    """Measures each row's text wrapped to the width it really has in the tree."""

    def __init__(self, view: QTreeView) -> None:
        super().__init__(view)
        self.view = view
        # Widths change with the splitter: heights must be measured again.
        view.header().sectionResized.connect(lambda *_: view.doItemsLayout())

    def _depth(self, index: QModelIndex | QPersistentModelIndex) -> int:
        depth = 0
        parent = index.parent()
        while parent.isValid():
            depth += 1
            parent = parent.parent()
        return depth

    def sizeHint(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        base = super().sizeHint(option, index)
        text = str(index.data(Qt.ItemDataRole.DisplayRole) or "")
        icon = self.view.iconSize().width() or option.decorationSize.width()
        width = (
            self.view.columnWidth(index.column())
            - self.view.indentation() * (self._depth(index) + 1)
            - icon
            - 5 * MARGIN
        )
        if width <= 40 or not text:
            return base
        bounds = option.fontMetrics.boundingRect(
            QRect(0, 0, width, 100_000), int(Qt.TextFlag.TextWordWrap), text
        )
        return QSize(base.width(), max(base.height(), bounds.height() + MARGIN))
