"""The login dialog: server address, user name, password; the work happens off the GUI."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

LoginAction = Callable[[str, str, str, Callable[[str | None], None]], None]


class LoginDialog(QDialog):
    """Asks for the server and credentials, calls ``attempt`` and waits for its verdict.

    ``attempt(server, user, password, done)`` runs the login in the background and calls
    ``done(None)`` on success or ``done(message)`` with what went wrong.
    """

    def __init__(
        self, server: str, username: str, attempt: LoginAction, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._attempt = attempt
        self.setWindowTitle(self.tr("ecabinet — Log in"))
        self.setMinimumWidth(460)
        self.server = QLineEdit(server)
        self.server.setPlaceholderText("https://ecabinet.example.gov.vn")
        self.username = QLineEdit(username)
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #b00020")
        self.message.hide()
        form = QFormLayout()
        form.addRow(self.tr("Server address"), self.server)
        form.addRow(self.tr("User name"), self.username)
        form.addRow(self.tr("Password"), self.password)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(self.tr("Log in"))
        self.buttons.accepted.connect(self._submit)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        (self.password if username else self.username).setFocus(Qt.FocusReason.OtherFocusReason)

    def _submit(self) -> None:
        server, user = self.server.text().strip(), self.username.text().strip()
        if not server or not user or not self.password.text():
            self._show(self.tr("Fill in the server address, your user name and password."))
            return
        self.buttons.setEnabled(False)
        self.message.setText(self.tr("Logging in…"))
        self.message.setStyleSheet("")
        self.message.show()
        self._attempt(server, user, self.password.text(), self._finished)

    def _finished(self, error: str | None) -> None:
        self.buttons.setEnabled(True)
        if error is None:
            self.accept()
        else:
            self.password.clear()
            self._show(error)

    def _show(self, text: str) -> None:
        self.message.setStyleSheet("color: #b00020")
        self.message.setText(text)
        self.message.show()
