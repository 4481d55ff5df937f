"""A non-blocking message strip: errors say what happened and what to do, then step aside."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QToolButton, QWidget

STYLES = {
    "error": "background: #fdecea; color: #611a15; border: 1px solid #f5c2c0;",
    "info": "background: #e8f4fd; color: #0d3c61; border: 1px solid #b6dcf5;",
}


class MessageBar(QFrame):
    """Shows one message at a time; errors stay until closed, notices fade after a while."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.label = QLabel()
        self.label.setWordWrap(True)
        close = QToolButton()
        close.setText("×")
        close.setAutoRaise(True)
        close.setToolTip(self.tr("Close this message"))
        close.clicked.connect(self.hide)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 6, 6, 6)
        self.action_button = QPushButton()
        self.action_button.hide()
        self.action_button.clicked.connect(self._act)
        self._action: Callable[[], object] | None = None
        layout.addWidget(self.label, 1)
        layout.addWidget(self.action_button)
        layout.addWidget(close)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.hide)
        self.hide()

    def show_message(
        self,
        text: str,
        kind: str = "error",
        seconds: int = 0,
        action: tuple[str, Callable[[], object]] | None = None,
    ) -> None:
        """Show ``text``; ``action`` adds a button (its label, what it does) that also closes
        the message."""
        self._action = action[1] if action else None
        self.action_button.setText(action[0] if action else "")
        self.action_button.setVisible(action is not None)
        self.setStyleSheet(
            f"MessageBar {{ {STYLES.get(kind, STYLES['info'])} border-radius: 4px; }}"
        )
        self.label.setText(text)
        self.show()
        self._timer.stop()
        if seconds:
            self._timer.start(seconds * 1000)

    def _act(self) -> None:
        action, self._action = self._action, None
        self.hide()
        if action is not None:
            action()

    def text(self) -> str:
        return self.label.text() if self.isVisible() else ""
