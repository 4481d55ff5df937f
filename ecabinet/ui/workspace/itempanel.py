"""The selected agenda item's facts: title, presenter, minutes, confidentiality and who is
cleared to see it.  Each change is applied to the model as soon as a field is left, and the
model sends the draft."""

from __future__ import annotations

import html
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ecabinet.ui.workspace.agendaedit import AgendaEditModel, Node


class ItemPanel(QWidget):
    def __init__(self, model: AgendaEditModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = model
        self.node: Node | None = None
        self.participants: list[dict[str, Any]] = []
        self._filling = False
        self.heading = QLabel()
        self.heading.setWordWrap(True)
        self.title = QLineEdit()
        self.presenter = QLineEdit()
        self.minutes = QSpinBox()
        self.minutes.setRange(0, 24 * 60)
        self.confidential = QCheckBox()
        self.cleared_label = QLabel()
        self.cleared_label.setWordWrap(True)
        self.cleared = QListWidget()
        self.labels = [QLabel() for _ in range(3)]
        form = QFormLayout()
        form.addRow(self.labels[0], self.title)
        form.addRow(self.labels[1], self.presenter)
        form.addRow(self.labels[2], self.minutes)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.heading)
        layout.addLayout(form)
        layout.addWidget(self.confidential)
        layout.addWidget(self.cleared_label)
        layout.addWidget(self.cleared, 1)
        self.title.editingFinished.connect(self._apply)
        self.presenter.editingFinished.connect(self._apply)
        self.minutes.editingFinished.connect(self._apply)
        self.confidential.toggled.connect(self._apply)
        self.cleared.itemChanged.connect(lambda _item: self._apply())
        self.retranslate()
        self.show_node(None)

    def retranslate(self) -> None:
        for label, text in zip(
            self.labels, (self.tr("Title"), self.tr("Presenter"), self.tr("Minutes")), strict=True
        ):
            label.setText(text)
        self.confidential.setText(self.tr("Confidential: only cleared participants receive it"))
        self.cleared_label.setText(self.tr("Cleared participants"))
        self._heading()

    def set_participants(self, participants: list[dict[str, Any]]) -> None:
        self.participants = participants
        self.show_node(self.node)

    def show_node(self, node: Node | None) -> None:
        """Show an item (a document shows its item's facts; ``None`` an empty panel)."""
        if node is not None and node.is_document:
            node = node.parent
        if node is not None and node.parent is None:
            node = None
        self.node = node
        self._filling = True
        for widget in (self.title, self.presenter, self.minutes, self.confidential, self.cleared):
            widget.setEnabled(node is not None)
        self.title.setText(node.title if node else "")
        self.presenter.setText(node.presenter if node else "")
        self.minutes.setValue(node.duration_min if node else 0)
        self.confidential.setChecked(bool(node and node.confidential))
        self.cleared.clear()
        for person in self.participants:
            item = QListWidgetItem(str(person.get("full_name") or person.get("username")))
            item.setData(Qt.ItemDataRole.UserRole, str(person["user_id"]))
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            checked = node is not None and str(person["user_id"]) in node.cleared
            item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
            self.cleared.addItem(item)
        self.cleared.setEnabled(bool(node and node.confidential))
        self._filling = False
        self._heading()

    def _heading(self) -> None:
        node = self.node
        if node is None:
            self.heading.setText(self.tr("Choose an item to edit its details."))
        else:
            text = self.tr("Item %1: %2").replace("%1", self.model.number(node))
            self.heading.setText(f"<b>{html.escape(text.replace('%2', node.title))}</b>")

    def _apply(self) -> None:
        node = self.node
        if self._filling or node is None or node.parent is None:
            return
        if node.parent is not self.model.root and self.model.find_item(node.id) is None:
            return  # the agenda was reloaded under us
        cleared = [
            str(self.cleared.item(i).data(Qt.ItemDataRole.UserRole))
            for i in range(self.cleared.count())
            if self.cleared.item(i).checkState() == Qt.CheckState.Checked
        ]
        self.cleared.setEnabled(self.confidential.isChecked())
        title = self.title.text().strip() or node.title
        self.model.update_item(
            node,
            title=title[:500],
            presenter=self.presenter.text().strip()[:200],
            duration_min=self.minutes.value(),
            confidential=self.confidential.isChecked(),
            cleared=cleared,
        )
        self._heading()
