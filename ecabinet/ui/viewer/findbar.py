"""The find bar (Ctrl+F): a text field, previous and next, and a "3 of 12" counter."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QToolButton, QWidget

__all__ = ["FindBar"]

# Milliseconds of quiet typing before the search starts by itself.
_TYPING_DELAY = 300


class FindBar(QWidget):
    """Asks for the text to find and steps through the hits; the document view searches.

    Typing searches after a short pause; Enter goes to the next hit (or searches at once if
    the text changed), Shift+Enter to the previous one, Escape closes the bar.

    Signals:
        search_changed: the text to search for now (empty: no search, clear the hits).
        next_requested: go to the next hit.
        previous_requested: go to the previous hit.
        closed: the bar was closed.
    """

    search_changed = Signal(str)
    next_requested = Signal()
    previous_requested = Signal()
    closed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._searched = ""
        self._count = 0
        self.field = QLineEdit(self)
        self.field.setPlaceholderText(self.tr("Find in document"))
        self.field.setAccessibleName(self.tr("Text to find"))
        self.field.setClearButtonEnabled(True)
        self.field.installEventFilter(self)
        self.previous_button = self._button(
            self.tr("Previous"), self.tr("Previous hit (Shift+Enter)")
        )
        self.next_button = self._button(self.tr("Next"), self.tr("Next hit (Enter)"))
        self.counter = QLabel(self)
        self.counter.setAccessibleName(self.tr("Search results"))
        self.counter.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        self.close_button = self._button(self.tr("Close"), self.tr("Close the find bar (Esc)"))
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(_TYPING_DELAY)
        self._timer.timeout.connect(self._search_now)
        self.field.textEdited.connect(lambda _text: self._timer.start())
        self.field.textChanged.connect(self._enable_buttons)
        self.previous_button.clicked.connect(self._previous)
        self.next_button.clicked.connect(self._next)
        self.close_button.clicked.connect(self.close_bar)

        row = QHBoxLayout(self)
        row.setContentsMargins(6, 3, 6, 3)
        # Room for a long phrase, without running across a wide window.
        self.field.setMaximumWidth(self.field.fontMetrics().averageCharWidth() * 48)
        row.addWidget(self.field, 3)
        row.addWidget(self.previous_button)
        row.addWidget(self.next_button)
        row.addWidget(self.counter)
        row.addStretch(1)
        row.addWidget(self.close_button)
        self.set_status(None, 0, searching=False)

    def _button(self, text: str, tip: str) -> QToolButton:
        button = QToolButton(self)
        button.setText(text)
        button.setToolTip(tip)
        button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        return button

    @property
    def text(self) -> str:
        """The text in the field."""
        return self.field.text()

    @property
    def searched(self) -> str:
        """The text of the search under way or done (the field may have moved on)."""
        return self._searched

    def open(self) -> None:
        """Show the bar, focus the field and select its text."""
        self.show()
        self.field.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.field.selectAll()

    def show_search(self, text: str) -> None:
        """Show the bar with ``text`` as the search under way, started by someone else.

        The view searches; the bar only shows the text and, later, the hits.
        """
        self._timer.stop()
        self.field.setText(text)
        self._searched = text.strip()
        self.show()

    def close_bar(self) -> None:
        """Hide the bar, stop a pending search and say so."""
        self._timer.stop()
        self._searched = ""
        self.hide()
        self.closed.emit()

    def stop(self) -> None:
        """Stop the typing timer (the document is closing)."""
        self._timer.stop()

    def set_status(
        self, index: int | None, count: int, *, searching: bool, unsearched: int = 0
    ) -> None:
        """Show where the reader is among the hits.

        Args:
            index: the current hit (0-based), if any.
            count: the hits found so far.
            searching: more hits may still come.
            unsearched: pages that could not be searched (damaged).
        """
        if not self._searched:
            text = ""
        elif count == 0:
            text = self.tr("Searching…") if searching else self.tr("No results")
        elif index is None:
            text = self.tr("%n result(s)", "", count)
        else:
            text = self.tr("%1 of %2").replace("%1", str(index + 1)).replace("%2", str(count))
        if unsearched:
            note = self.tr("%n page(s) could not be searched.", "", unsearched)
            text = f"{text} — {note}" if text else note
        self.counter.setText(text)
        self._count = count
        self._enable_buttons()

    def _enable_buttons(self) -> None:
        # With new text, either button starts the search.
        enabled = self._count > 0 or self.field.text().strip() != self._searched
        self.previous_button.setEnabled(enabled)
        self.next_button.setEnabled(enabled)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.field and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            key = event.key()
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                if event.modifiers() & Qt.KeyboardModifier.ShiftModifier:
                    self._previous()
                else:
                    self._next()
                return True
            if key == Qt.Key.Key_Escape:
                self.close_bar()
                return True
        return super().eventFilter(watched, event)

    def _next(self) -> None:
        if self.field.text().strip() != self._searched:
            self._search_now()
        else:
            self.next_requested.emit()

    def _previous(self) -> None:
        if self.field.text().strip() != self._searched:
            self._search_now()
        else:
            self.previous_requested.emit()

    def _search_now(self) -> None:
        self._timer.stop()
        text = self.field.text().strip()
        if text != self._searched:
            self._searched = text
            self.search_changed.emit(text)

    def retranslate(self) -> None:
        """Set the visible strings again (the language was switched)."""
        self.field.setPlaceholderText(self.tr("Find in document"))
        self.field.setAccessibleName(self.tr("Text to find"))
        for button, text, tip in (
            (self.previous_button, self.tr("Previous"), self.tr("Previous hit (Shift+Enter)")),
            (self.next_button, self.tr("Next"), self.tr("Next hit (Enter)")),
            (self.close_button, self.tr("Close"), self.tr("Close the find bar (Esc)")),
        ):
            button.setText(text)
            button.setToolTip(tip)
        self.counter.setAccessibleName(self.tr("Search results"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
