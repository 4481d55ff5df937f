"""Settings: for now, the end-to-end encrypted backup of the reader's notes.

Turning the backup on shows the recovery key once, and the dialog closes only after the
person confirms they wrote it down.  The state shows when the backup last went out, what
waits for the next sync, and any refusal from the server in its own words (uploads go
through the outbox, which would otherwise keep a refusal to itself).  "Restore from
backup…" asks for the recovery key; a wrong key changes nothing and says so.  Everything
that talks to the server runs on the task runner.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QGuiApplication
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ecabinet.client.backup import BackupStatus, RestoreReport
from ecabinet.ui.meetingsmodel import format_time
from ecabinet.ui.session import AppSession

__all__ = ["BackupSection", "RecoveryKeyDialog", "RestoreDialog", "SettingsDialog"]


class RecoveryKeyDialog(QDialog):
    """The recovery key, shown this once; closes only once the person confirms."""

    def __init__(self, key: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Your recovery key"))
        self.setModal(True)
        self.setMinimumWidth(480)
        intro = QLabel(
            self.tr(
                "Write this key down on paper and keep it somewhere safe. It is shown only "
                "this once. Without it, nobody — not you, not the administrator — can restore "
                "your notes on another computer."
            )
        )
        intro.setWordWrap(True)
        groups = key.split("-")
        # Four groups a line: easy to copy by hand, and never broken inside a group.
        self.key = QLabel("\n".join("-".join(groups[i : i + 4]) for i in range(0, len(groups), 4)))
        font = QFont("monospace")
        font.setStyleHint(QFont.StyleHint.Monospace)
        font.setPointSize(font.pointSize() + 3)
        font.setBold(True)
        self.key.setFont(font)
        self.key.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.key.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.key.setStyleSheet("QLabel { background: #fff8d6; padding: 10px; }")
        copy = QPushButton(self.tr("Copy"))
        copy.clicked.connect(lambda: QGuiApplication.clipboard().setText(key))
        self.confirm = QCheckBox(self.tr("I have written the recovery key down"))
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok, self)
        self.done_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.done_button.setText(self.tr("Done"))
        self.done_button.setEnabled(False)
        self.confirm.toggled.connect(self.done_button.setEnabled)
        self.buttons.accepted.connect(self.accept)
        column = QVBoxLayout(self)
        column.addWidget(intro)
        column.addWidget(self.key)
        column.addWidget(copy, 0, Qt.AlignmentFlag.AlignRight)
        column.addWidget(self.confirm)
        column.addWidget(self.buttons)

    def reject(self) -> None:
        if self.confirm.isChecked():  # Escape or the close box only once it is written down
            super().reject()


class RestoreDialog(QDialog):
    """Asks for the recovery key of the backup to restore."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Restore notes from the backup"))
        intro = QLabel(
            self.tr(
                "Type the recovery key you wrote down when the backup was turned on. Case, "
                "spaces and dashes do not matter."
            )
        )
        intro.setWordWrap(True)
        self.field = QLineEdit()
        self.field.setPlaceholderText("ABCD-EFGH-…")
        self.field.setAccessibleName(self.tr("Recovery key"))
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Restore"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        column = QVBoxLayout(self)
        column.addWidget(intro)
        column.addWidget(self.field)
        column.addWidget(buttons)


class BackupSection(QGroupBox):
    """The backup's state and its two actions."""

    def __init__(self, session: AppSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.service = session.notes
        self.status: BackupStatus | None = None
        self.key_dialog: RecoveryKeyDialog | None = None
        self.restore_dialog: RestoreDialog | None = None
        self.state = QLabel()
        self.state.setWordWrap(True)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.hide()
        self.turn_on = QPushButton()
        self.turn_on.clicked.connect(self.enable)
        self.restore = QPushButton()
        self.restore.clicked.connect(self.ask_restore)
        buttons = QHBoxLayout()
        buttons.addWidget(self.turn_on)
        buttons.addWidget(self.restore)
        buttons.addStretch(1)
        column = QVBoxLayout(self)
        column.addWidget(self.state)
        column.addWidget(self.message)
        column.addLayout(buttons)
        self.setTitle(self.tr("Backup of your notes"))
        self.turn_on.setText(self.tr("Turn on backup…"))
        self.restore.setText(self.tr("Restore from backup…"))
        self.state.setText(self.tr("Reading the state of the backup…"))
        self.refresh()

    def refresh(self) -> None:
        self.service.backup_status(self._show)

    def _show(self, status: BackupStatus) -> None:
        self.status = status
        self.turn_on.setEnabled(not status.enabled)
        self.state.setText(self._describe(status))
        self._fit()

    def _fit(self) -> None:
        """Grow the dialog with its wrapped text (Qt sizes it for the first, short text)."""
        self.state.updateGeometry()
        window = self.window()
        if window is not self:
            window.adjustSize()

    def _describe(self, status: BackupStatus) -> str:
        if not status.enabled:
            return self.tr(
                "Backup is off: your notes are kept on this computer only. Turned on, "
                "they are also kept on the server, encrypted with a key only you hold."
            )
        lines = [
            self.tr(
                "Backup is on: your notes are encrypted on this computer before they go to "
                "the server."
            ),
            self.tr("Last backup: %1").replace("%1", format_time(status.last_sent_at))
            if status.last_sent_at
            else self.tr("Nothing has been sent yet."),
        ]
        if status.pending:
            lines.append(self.tr("%n change(s) wait for the next sync.", "", status.pending))
        if status.refusal:
            when = format_time(status.refused_at)
            lines.append(
                self.tr("The server refused part of the backup (%1): %2")
                .replace("%1", when)
                .replace("%2", status.refusal)
            )
        return "\n".join(lines)

    def _say(self, text: str, *, error: bool) -> None:
        self.message.setStyleSheet(f"QLabel {{ color: {'#b00020' if error else '#1b5e20'}; }}")
        self.message.setText(text)
        self.message.show()
        self._fit()

    def enable(self) -> None:
        """Turn the backup on; the recovery key comes back and is shown once."""
        self.turn_on.setEnabled(False)
        self._say(self.tr("Turning the backup on…"), error=False)
        self.service.enable_backup(self.session.api, self._enabled, self._enable_failed)

    def _enabled(self, key: str) -> None:
        self.message.hide()
        self.key_dialog = RecoveryKeyDialog(key, self)
        self.key_dialog.accepted.connect(self._key_written)
        self.key_dialog.open()
        self.refresh()

    def _key_written(self) -> None:
        self.session.sync()  # the outbox carries the backup with the next sync: now
        self._say(self.tr("Backup is on. Your notes go to the server with each sync."), error=False)

    def _enable_failed(self, error: BaseException) -> None:
        self._say(str(error), error=True)
        self.refresh()

    def ask_restore(self) -> None:
        self.restore_dialog = RestoreDialog(self)
        self.restore_dialog.accepted.connect(self._restore_asked)
        self.restore_dialog.open()

    def _restore_asked(self) -> None:
        assert self.restore_dialog is not None
        key = self.restore_dialog.field.text()
        self.restore.setEnabled(False)
        self._say(self.tr("Restoring your notes…"), error=False)
        self.service.restore_backup(self.session.api, key, self._restored, self._restore_failed)

    def _restored(self, report: RestoreReport) -> None:
        self.restore.setEnabled(True)
        text = self.tr("%n note(s) restored from the backup.", "", report.notes)
        if report.problems:
            text += " " + self.tr(
                "%n could not be verified and were not kept: %1", "", len(report.problems)
            ).replace("%1", report.problems[0])
        self._say(text, error=bool(report.problems))
        self.refresh()

    def _restore_failed(self, error: BaseException) -> None:
        self.restore.setEnabled(True)
        self._say(str(error), error=True)


class SettingsDialog(QDialog):
    """The app's settings (one section so far)."""

    def __init__(self, session: AppSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Settings"))
        self.setMinimumWidth(520)
        self.backup = BackupSection(session, self)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.close)
        column = QVBoxLayout(self)
        column.addWidget(self.backup)
        column.addStretch(1)
        column.addWidget(buttons)
