"""The meeting's facts and participants, as the secretary edits them.

The form never loses what was typed: a draft reloaded from the server (after someone else's
edit, say) fills the fields only while they hold no unsaved change; otherwise the typed text
stays, marked as unsaved, until it is saved or thrown away on purpose.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from PySide6.QtCore import QCoreApplication, QDateTime, Qt, QUrl, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateTimeEdit,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

MEETING_ROLES = ("chair", "secretary", "delegate", "guest")


def role_label(role: str) -> str:
    """A meeting role as people read it."""
    labels = {
        "chair": QCoreApplication.translate("Workspace", "Chair"),
        "secretary": QCoreApplication.translate("Workspace", "Secretary"),
        "delegate": QCoreApplication.translate("Workspace", "Delegate"),
        "guest": QCoreApplication.translate("Workspace", "Guest"),
    }
    return labels.get(role, role)


def valid_link(text: str) -> bool:
    """A full http(s) address with a host: any conference service will do."""
    url = QUrl(text.strip(), QUrl.ParsingMode.StrictMode)
    return url.isValid() and url.scheme() in ("http", "https") and bool(url.host())


class MeetingForm(QWidget):
    """Signals:
    save_requested: the facts as ``POST``/``PUT /meetings`` take them (dict).
    dirty_changed: whether the form holds changes not sent yet.
    """

    save_requested = Signal(dict)
    dirty_changed = Signal(bool)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.directory: list[dict[str, Any]] = []
        self.me = ""  # the user's id: a new meeting starts with them as its secretary
        self.dirty = False
        self._loading = False
        self.title = QLineEdit()
        self.starts_at = QDateTimeEdit()
        self.starts_at.setCalendarPopup(True)
        self.starts_at.setDisplayFormat("dd/MM/yyyy HH:mm")
        self.location = QLineEdit()
        self.video_url = QLineEdit()
        self.video_url.setPlaceholderText("https://…")
        self.link_problem = QLabel()
        self.link_problem.setStyleSheet("color: #b00020;")
        self.link_problem.hide()
        self.bridge_sites = QPlainTextEdit()
        self.bridge_sites.setMaximumHeight(80)
        self.participants = QTableWidget(0, 2)
        self.participants.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.participants.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.participants.verticalHeader().hide()
        header = self.participants.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        # Sized to its drop-downs in _append: ResizeToContents sees the header, not them.
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Interactive)
        self.picker = QComboBox()
        self.picker.setMinimumWidth(260)
        self.add_button = QPushButton()
        self.remove_button = QPushButton()
        self.state = QLabel()
        self.state.setWordWrap(True)
        self.save_button = QPushButton()
        self.save_button.setDefault(True)
        self.revert_button = QPushButton()

        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        self.labels = [QLabel() for _ in range(5)]
        self.form.addRow(self.labels[0], self.title)
        self.form.addRow(self.labels[1], self.starts_at)
        self.form.addRow(self.labels[2], self.location)
        link = QVBoxLayout()
        link.setContentsMargins(0, 0, 0, 0)
        link.addWidget(self.video_url)
        link.addWidget(self.link_problem)
        self.form.addRow(self.labels[3], link)
        self.form.addRow(self.labels[4], self.bridge_sites)
        self.participants_label = QLabel()
        picker_row = QHBoxLayout()
        picker_row.addWidget(self.picker, 1)
        picker_row.addWidget(self.add_button)
        picker_row.addWidget(self.remove_button)
        buttons = QHBoxLayout()
        buttons.addWidget(self.state, 1)
        buttons.addWidget(self.revert_button)
        buttons.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.participants_label)
        layout.addWidget(self.participants, 1)
        layout.addLayout(picker_row)
        layout.addLayout(buttons)

        for line in (self.title, self.location, self.video_url):
            line.textEdited.connect(self._touched)
        self.video_url.textChanged.connect(self._check_link)
        self.starts_at.dateTimeChanged.connect(self._touched)
        self.bridge_sites.textChanged.connect(self._touched)
        self.add_button.clicked.connect(self._add_participant)
        self.remove_button.clicked.connect(self._remove_participant)
        self.save_button.clicked.connect(self.save)
        self.revert_button.clicked.connect(self.revert)
        self._detail: dict[str, Any] | None = None
        self.retranslate()
        self.clear()

    def retranslate(self) -> None:
        for label, text in zip(
            self.labels,
            (
                self.tr("Title"),
                self.tr("Starts at"),
                self.tr("Place"),
                self.tr("Video conference"),
                self.tr("Bridge sites\n(one a line)"),
            ),
            strict=True,
        ):
            label.setText(text)
        self.participants_label.setText(self.tr("Participants and their role in the meeting"))
        self.participants.setHorizontalHeaderLabels([self.tr("Participant"), self.tr("Role")])
        self.add_button.setText(self.tr("Add"))
        self.remove_button.setText(self.tr("Remove"))
        self.save_button.setText(self.tr("Save"))
        self.revert_button.setText(self.tr("Discard changes"))
        self.video_url.setToolTip(
            self.tr("Any meeting link: Zoom, TrueConf, Webex, Meet … (https://…)")
        )
        self.link_problem.setText(
            self.tr("Enter a full address starting with https:// (or leave the field empty).")
        )
        self._show_state()

    # --- filling -------------------------------------------------------------------------------

    def set_directory(self, users: list[dict[str, Any]]) -> None:
        self.directory = users
        self._add_me()
        self._fill_picker()

    def _add_me(self) -> None:
        """A new meeting's first participant: its creator, as secretary (as the server does)."""
        if self._detail is not None or self.participants.rowCount():
            return
        me = next((u for u in self.directory if str(u["id"]) == self.me), None)
        if me is not None:
            self._loading = True
            self._append({**me, "user_id": me["id"]}, "secretary")
            self._loading = False

    def clear(self) -> None:
        """An empty form for a new meeting (tomorrow at 08:00)."""
        self._detail = None
        self._loading = True
        self.title.clear()
        self.location.clear()
        self.video_url.clear()
        self.bridge_sites.clear()
        tomorrow = QDateTime.currentDateTime().addDays(1)
        tomorrow.setTime(tomorrow.time().fromString("08:00", "HH:mm"))
        self.starts_at.setDateTime(tomorrow)
        self.participants.setRowCount(0)
        self._loading = False
        self._add_me()
        self._set_dirty(False)
        self._fill_picker()

    def load(self, detail: dict[str, Any]) -> None:
        """Show the server's draft; typed, unsaved changes are kept (and stay marked)."""
        self._detail = detail
        if self.dirty:
            self._show_state()
            return
        self._fill(detail)

    def revert(self) -> None:
        """Throw the unsaved changes away: back to the server's draft."""
        self._set_dirty(False)
        if self._detail is None:
            self.clear()
        else:
            self._fill(self._detail)

    def _fill(self, detail: dict[str, Any]) -> None:
        self._loading = True
        self.title.setText(str(detail.get("title", "")))
        self.location.setText(str(detail.get("location", "")))
        self.video_url.setText(str(detail.get("video_url") or ""))
        self.bridge_sites.setPlainText("\n".join(detail.get("bridge_sites") or []))
        starts = str(detail.get("starts_at", ""))
        try:
            when = datetime.fromisoformat(starts.replace("Z", "+00:00")).astimezone()
            self.starts_at.setDateTime(
                QDateTime.fromSecsSinceEpoch(int(when.timestamp()))  # shown in local time
            )
        except ValueError:
            pass
        self.participants.setRowCount(0)
        for person in detail.get("participants", []):
            self._append(person, str(person.get("role", "delegate")))
        self._loading = False
        self._set_dirty(False)
        self._fill_picker()

    def _append(self, person: dict[str, Any], role: str) -> None:
        row = self.participants.rowCount()
        self.participants.insertRow(row)
        name = QTableWidgetItem(f"{person.get('full_name') or person['username']}")
        name.setData(Qt.ItemDataRole.UserRole, str(person.get("user_id") or person.get("id")))
        name.setToolTip(str(person.get("username", "")))
        self.participants.setItem(row, 0, name)
        combo = QComboBox()
        for value in MEETING_ROLES:
            combo.addItem(role_label(value), value)
        combo.setCurrentIndex(max(0, combo.findData(role)))
        combo.currentIndexChanged.connect(self._touched)
        self.participants.setCellWidget(row, 1, combo)
        header = self.participants.horizontalHeader()
        header.resizeSection(1, max(header.sectionSize(1), combo.sizeHint().width() + 8))

    def _fill_picker(self) -> None:
        taken = set(self.participant_ids())
        self.picker.clear()
        for user in self.directory:
            if str(user["id"]) not in taken:
                label = f"{user.get('full_name') or user['username']} ({user['username']})"
                self.picker.addItem(label, user)
        self.add_button.setEnabled(self.picker.count() > 0)

    # --- editing -------------------------------------------------------------------------------

    def participant_ids(self) -> list[str]:
        ids = []
        for row in range(self.participants.rowCount()):
            item = self.participants.item(row, 0)
            if item is not None:
                ids.append(str(item.data(Qt.ItemDataRole.UserRole)))
        return ids

    def add_participant(self, user: dict[str, Any], role: str = "delegate") -> None:
        if str(user["id"]) in self.participant_ids():
            return
        self._append({**user, "user_id": user["id"]}, role)
        self._fill_picker()
        self._touched()

    def _add_participant(self) -> None:
        user = self.picker.currentData()
        if isinstance(user, dict):
            self.add_participant(user)

    def _remove_participant(self) -> None:
        rows = sorted({i.row() for i in self.participants.selectedIndexes()}, reverse=True)
        for row in rows:
            self.participants.removeRow(row)
        if rows:
            self._fill_picker()
            self._touched()

    def _touched(self, *_args: object) -> None:
        if not self._loading:
            self._set_dirty(True)

    def _set_dirty(self, dirty: bool) -> None:
        changed = dirty != self.dirty
        self.dirty = dirty
        self._show_state()
        if changed:
            self.dirty_changed.emit(dirty)

    def _show_state(self) -> None:
        if self.dirty and self._detail is not None:
            self.state.setText(
                self.tr(
                    "Unsaved changes. They are kept here even when the draft is reloaded: "
                    "press Save to send them, or Discard changes."
                )
            )
        elif self.dirty:
            self.state.setText(self.tr("Unsaved changes: press Save to send them."))
        else:
            self.state.setText("")
        self.revert_button.setEnabled(self.dirty)

    def _check_link(self) -> None:
        text = self.video_url.text().strip()
        self.link_problem.setVisible(bool(text) and not valid_link(text))

    def facts(self) -> dict[str, Any] | None:
        """The form as the API takes it, or ``None`` (with the problem shown) when invalid."""
        title = self.title.text().strip()
        link = self.video_url.text().strip()
        if not title:
            self.title.setFocus()
            self.state.setText(self.tr("A meeting needs a title."))
            return None
        if link and not valid_link(link):
            self.video_url.setFocus()
            self._check_link()
            return None
        when = self.starts_at.dateTime().toPython()
        assert isinstance(when, datetime)
        participants = []
        for row in range(self.participants.rowCount()):
            item = self.participants.item(row, 0)
            combo = self.participants.cellWidget(row, 1)
            if item is not None and isinstance(combo, QComboBox):
                participants.append(
                    {
                        "user_id": str(item.data(Qt.ItemDataRole.UserRole)),
                        "role": combo.currentData(),
                    }
                )
        sites = [s.strip() for s in self.bridge_sites.toPlainText().splitlines() if s.strip()]
        return {
            "title": title,
            "starts_at": when.astimezone().isoformat(),
            "location": self.location.text().strip(),
            "video_url": link or None,
            "bridge_sites": sites,
            "participants": participants,
        }

    def save(self) -> None:
        facts = self.facts()
        if facts is not None:
            self.save_requested.emit(facts)

    def saved(self, detail: dict[str, Any], sent: dict[str, Any]) -> None:
        """The server took ``sent``: clean again, unless more was typed meanwhile."""
        self._detail = detail
        if self.facts() == sent:
            self._set_dirty(False)
            self._fill(detail)
        else:
            self._show_state()
