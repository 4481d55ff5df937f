"""The chair's session panel: current item, attendance and quorum, motions and results.

Like the vote panel it only shows what :class:`~ecabinet.ui.livesession.LiveSession`
reports and asks it to act; the motions list is a model fed from the live state.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ecabinet.ui.livesession import LiveSession
from ecabinet.ui.livetext import LiveText

MotionRole = Qt.ItemDataRole.UserRole + 1
RULES = ("simple", "absolute", "two_thirds_cast", "two_thirds_members")


class MotionsModel(QAbstractListModel):
    """The meeting's motions, newest last; ``MotionRole`` gives the motion's dict."""

    def __init__(self, text: LiveText, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.text = text
        self.motions: list[dict[str, Any]] = []

    def set_motions(self, motions: list[dict[str, Any]]) -> None:
        self.beginResetModel()
        self.motions = list(motions)
        self.endResetModel()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.motions)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = 0) -> Any:
        if not index.isValid() or index.row() >= len(self.motions):
            return None
        motion = self.motions[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            line = f"{motion['title']} — {self.text.state(motion['state'])}"
            if motion["state"] == "closed":
                line += f" — {self.text.outcome(motion.get('outcome'))}"
            elif motion["state"] == "open":
                line += f" — {motion['ballots_cast']}/{motion['entitled']}"
            return line
        if role == MotionRole:
            return motion
        return None


class ChairPanel(QWidget):
    """The side panel the chair runs the session from."""

    def __init__(self, live: LiveSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.live = live
        self.text = LiveText(self)
        self.state: dict[str, Any] = {}
        self.items: list[tuple[str, str]] = []
        self._shown_item: str | None = None
        self.model = MotionsModel(self.text, self)
        self._build()
        live.state_changed.connect(self.show_state)
        live.failed.connect(self._say)
        self.retranslate()

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #a33;")
        self.message.hide()
        self.attendance = QLabel()
        self.attendance.setWordWrap(True)
        bold = QFont(self.font())
        bold.setBold(True)
        self.attendance.setFont(bold)
        self.item_box = QComboBox()
        self.item_box.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.item_box.setMinimumContentsLength(12)
        self.item_button = QPushButton()
        self.item_button.clicked.connect(self._set_item)
        item_row = QHBoxLayout()
        item_row.addWidget(self.item_box, 1)
        item_row.addWidget(self.item_button)
        self.current_item = QLabel()
        self.current_item.setWordWrap(True)

        self.new_group = QGroupBox()
        form = QFormLayout(self.new_group)
        self.motion_title = QLineEdit()
        self.motion_text = QPlainTextEdit()
        self.motion_text.setFixedHeight(60)
        self.motion_options = QLineEdit()
        self.secret = QCheckBox()
        self.majority = QComboBox()
        self.create_button = QPushButton()
        self.create_button.clicked.connect(self._create)
        self.title_label, self.text_label = QLabel(), QLabel()
        self.options_label, self.rule_label = QLabel(), QLabel()
        form.addRow(self.title_label, self.motion_title)
        form.addRow(self.text_label, self.motion_text)
        form.addRow(self.options_label, self.motion_options)
        form.addRow(self.rule_label, self.majority)
        form.addRow(self.secret)
        form.addRow(self.create_button)

        self.motion_list = QListView()
        self.motion_list.setModel(self.model)
        self.motion_list.setWordWrap(True)
        self.motion_list.selectionModel().currentChanged.connect(lambda *_: self._show_selected())
        self.open_button = QPushButton()
        self.open_button.clicked.connect(lambda: self._act(self.live.open_motion))
        self.close_button = QPushButton()
        self.close_button.clicked.connect(lambda: self._act(self.live.close_motion))
        buttons = QHBoxLayout()
        buttons.addWidget(self.open_button)
        buttons.addWidget(self.close_button)
        self.count = QLabel()
        self.count.setFont(bold)
        self.result = QLabel()
        self.result.setWordWrap(True)
        self.result.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        layout.addWidget(self.message)
        layout.addWidget(self.attendance)
        layout.addWidget(self.current_item)
        layout.addLayout(item_row)
        layout.addWidget(self.new_group)
        self.motions_label = QLabel()
        layout.addWidget(self.motions_label)
        layout.addWidget(self.motion_list, 1)
        layout.addLayout(buttons)
        layout.addWidget(self.count)
        layout.addWidget(self.result)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.item_button.setText(self.tr("Make current"))
        self.new_group.setTitle(self.tr("New motion"))
        self.title_label.setText(self.tr("Title"))
        self.text_label.setText(self.tr("Text"))
        self.options_label.setText(self.tr("Options"))
        self.motion_options.setPlaceholderText(
            self.tr("For, against, abstain — or your own, separated by commas")
        )
        self.rule_label.setText(self.tr("Majority"))
        self.secret.setText(self.tr("Secret ballot"))
        self.create_button.setText(self.tr("Create motion"))
        self.motions_label.setText(self.tr("Motions"))
        self.open_button.setText(self.tr("Open voting"))
        self.close_button.setText(self.tr("Close voting"))
        selected = self.majority.currentIndex()
        self.majority.clear()
        for rule in RULES:
            self.majority.addItem(self.text.rule(rule), rule)
        self.majority.setCurrentIndex(max(selected, 0))
        self.show_state(self.state)

    def set_agenda(self, items: list[tuple[str, str]]) -> None:
        """The agenda items (id, "number title") the chair can move to."""
        self.items = items
        self.item_box.clear()
        for item_id, label in items:
            self.item_box.addItem(label, item_id)

    def show_state(self, state: dict[str, Any]) -> None:
        self.state = state
        self.attendance.setText(self.text.attendance(state) if state else "")
        current = state.get("current_item_id")
        label = next((lbl for iid, lbl in self.items if iid == current), None)
        self.current_item.setText(
            self.tr("Current item: %1").replace("%1", label)
            if label
            else self.tr("No current item")
        )
        if current and current != self._shown_item:
            self._shown_item = current
            self.item_box.setCurrentIndex(max(0, self.item_box.findData(current)))
        selected = self._selected()
        self.model.set_motions(state.get("motions", []))
        ids = [m["id"] for m in self.model.motions]
        if selected is not None and selected["id"] in ids:
            row = ids.index(selected["id"])
        else:
            open_rows = [i for i, m in enumerate(self.model.motions) if m["state"] == "open"]
            row = open_rows[0] if open_rows else len(ids) - 1
        if row >= 0:
            self.motion_list.setCurrentIndex(self.model.index(row))
        self._show_selected()

    def _selected(self) -> dict[str, Any] | None:
        index = self.motion_list.currentIndex()
        motion: dict[str, Any] | None = index.data(MotionRole) if index.isValid() else None
        return motion

    def _show_selected(self) -> None:
        motion = self._selected()
        self.open_button.setEnabled(motion is not None and motion["state"] == "draft")
        self.close_button.setEnabled(motion is not None and motion["state"] == "open")
        if motion is None:
            self.count.setText("")
            self.result.setText("")
            return
        self.count.setText(self.text.cast(motion))
        if motion["state"] == "closed":
            result = (motion.get("result") or {}).get("result", {})
            details = self.tr("%1; quorum %2; %3 present").replace(
                "%1", self.text.rule(motion["majority"])
            )
            details = details.replace(
                "%2", self.tr("met") if result.get("quorum_met") else self.tr("not met")
            ).replace("%3", str((result.get("present") or {}).get("members", "?")))
            self.result.setText(self.text.result(motion) + "\n" + details)
        else:
            self.result.setText(self.text.rule(motion["majority"]))

    def _say(self, text: str) -> None:
        self.message.setText(text)
        self.message.setVisible(bool(text))

    # --- acting -------------------------------------------------------------------------------

    def _set_item(self) -> None:
        item_id = self.item_box.currentData()
        if item_id:
            self.live.set_current_item(str(item_id))

    def _create(self) -> None:
        title = self.motion_title.text().strip()
        item_id = self.state.get("current_item_id") or self.item_box.currentData()
        if not title or not item_id:
            self._say(self.tr("Give the motion a title and choose its agenda item."))
            return
        options = [o.strip() for o in self.motion_options.text().split(",") if o.strip()]
        motion: dict[str, Any] = {
            "agenda_item_id": item_id,
            "title": title,
            "text": self.motion_text.toPlainText().strip(),
            "secret": self.secret.isChecked(),
            "majority": self.majority.currentData() or "simple",
        }
        if options:
            motion["options"] = options
        self._say("")
        self.live.create_motion(motion)
        self.motion_title.clear()
        self.motion_text.clear()

    def _act(self, action: Any) -> None:
        motion = self._selected()
        if motion is not None:
            self._say("")
            action(motion["id"])
