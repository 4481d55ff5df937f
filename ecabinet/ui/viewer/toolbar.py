"""The reader's toolbar: thumbnails on/off, zoom out/in, the zoom box, "Page N / M", Find."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QAction, QIntValidator, QKeySequence
from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QSizePolicy, QToolBar, QWidget

from ecabinet.ui.viewer.layout import FIT_PAGE, FIT_WIDTH, ZoomMode, parse_zoom
from ecabinet.ui.viewer.painting import zoom_icon

__all__ = ["ReaderToolbar"]

_ZOOM_CHOICES = (0.5, 0.75, 1.0, 1.25, 1.5, 2.0, 3.0, 4.0)


class ReaderToolbar(QToolBar):
    """The controls above the pages; it only reports what the reader asks for.

    Every width comes from the texts and the fonts, so longer (Vietnamese) strings widen
    the controls; what does not fit goes to the toolbar's overflow menu, never clipped.

    Signals:
        zoom_requested: a :data:`ZoomMode` chosen or typed in the zoom box.
        zoom_step: +1 (zoom in) or -1 (zoom out).
        page_requested: a page number typed in the page box (0-based).
        find_requested: the Find button.
        thumbnails_toggled: whether to show the thumbnails.
    """

    zoom_requested = Signal(object)
    zoom_step = Signal(int)
    page_requested = Signal(int)
    find_requested = Signal()
    thumbnails_toggled = Signal(bool)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self._page = 0
        self._count = 0
        text = self.palette().color(self.palette().ColorRole.ButtonText)

        self.thumbnails_action = QAction(self.tr("Pages"), self)
        self.thumbnails_action.setCheckable(True)
        self.thumbnails_action.setChecked(True)
        self.thumbnails_action.setToolTip(self.tr("Show or hide the page thumbnails"))
        self.thumbnails_action.toggled.connect(self.thumbnails_toggled)

        self.zoom_out_action = QAction(zoom_icon(text, plus=False), self.tr("Zoom out"), self)
        self.zoom_out_action.setShortcuts(QKeySequence.StandardKey.ZoomOut)
        self.zoom_out_action.triggered.connect(lambda: self.zoom_step.emit(-1))
        self.zoom_in_action = QAction(zoom_icon(text, plus=True), self.tr("Zoom in"), self)
        zoom_in_keys = QKeySequence.keyBindings(QKeySequence.StandardKey.ZoomIn)
        # Ctrl+= too: on most layouts "+" needs Shift, and people press Ctrl and the = key.
        self.zoom_in_action.setShortcuts([*zoom_in_keys, QKeySequence("Ctrl+=")])
        self.zoom_in_action.triggered.connect(lambda: self.zoom_step.emit(1))
        for action in (self.zoom_out_action, self.zoom_in_action):
            keys = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
            action.setToolTip(f"{action.text()} ({keys})")

        self.zoom_box = QComboBox(self)
        self.zoom_box.setEditable(True)
        self.zoom_box.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.zoom_box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.zoom_box.setAccessibleName(self.tr("Zoom"))
        self.zoom_box.addItem(self.tr("Fit width"), FIT_WIDTH)
        self.zoom_box.addItem(self.tr("Fit page"), FIT_PAGE)
        for zoom in _ZOOM_CHOICES:
            self.zoom_box.addItem(self.percent(zoom), zoom)
        self.zoom_box.activated.connect(self._zoom_chosen)
        line = self.zoom_box.lineEdit()
        assert line is not None
        line.editingFinished.connect(self._zoom_typed)
        self._zoom_shown: ZoomMode = FIT_WIDTH
        self._zoom_value = 1.0

        self.page_label = page_label = QLabel(self.tr("Page"), self)
        self.page_box = QLineEdit(self)
        self.page_box.setAccessibleName(self.tr("Page number"))
        self.page_box.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.page_box.editingFinished.connect(self._page_typed)
        page_label.setBuddy(self.page_box)
        self.page_count_label = QLabel(self)
        self._fit_page_box(0)

        self.find_action = QAction(self.tr("Find"), self)
        self.find_action.setShortcuts(QKeySequence.StandardKey.Find)
        keys = self.find_action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
        self.find_action.setToolTip(self.tr("Find in the document (%1)").replace("%1", keys))
        self.find_action.triggered.connect(self.find_requested)

        self.addAction(self.thumbnails_action)
        self.addSeparator()
        self.addAction(self.zoom_out_action)
        self.addWidget(self.zoom_box)
        self.addAction(self.zoom_in_action)
        self.addSeparator()
        for widget in (page_label, self.page_box, self.page_count_label):
            widget.setContentsMargins(4, 0, 4, 0)
            self.addWidget(widget)
        spacer = QWidget(self)
        spacer.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.addWidget(spacer)
        self.addAction(self.find_action)
        self.set_document_enabled(False)

    def percent(self, zoom: float) -> str:
        """A zoom as the reader reads it: "125%"."""
        return self.tr("%1%").replace("%1", f"{zoom * 100:.0f}")

    def set_document_enabled(self, enabled: bool) -> None:
        """Enable the controls once a document is open (disabled while opening or failed)."""
        for action in (self.zoom_in_action, self.zoom_out_action, self.find_action):
            action.setEnabled(enabled)
        self.zoom_box.setEnabled(enabled)
        self.page_box.setEnabled(enabled)

    def set_page_count(self, count: int) -> None:
        """Show "/ M" and size the page box for M's digits."""
        self._count = count
        self.page_box.setValidator(QIntValidator(1, max(count, 1), self.page_box))
        self._fit_page_box(count)
        self.page_count_label.setText(self.tr("/ %1").replace("%1", str(count)))

    def _fit_page_box(self, count: int) -> None:
        digits = self.page_box.fontMetrics().horizontalAdvance("0" * (len(str(count)) + 1))
        self.page_box.setFixedWidth(digits + 16)

    def show_page(self, page: int) -> None:
        """Show the current page (0-based) in the page box."""
        self._page = page
        self.page_box.setText(str(page + 1))

    def show_zoom(self, mode: ZoomMode, zoom: float) -> None:
        """Show the zoom mode in effect, and the zoom it means in the tooltip."""
        self._zoom_shown = mode
        self._zoom_value = zoom
        index = self.zoom_box.findData(mode)
        text = self.zoom_box.itemText(index) if index >= 0 else self.percent(float(mode))
        self.zoom_box.setCurrentIndex(index)
        self.zoom_box.setEditText(text)
        self.zoom_box.setToolTip(self.tr("Zoom: %1").replace("%1", self.percent(zoom)))

    def _zoom_chosen(self, index: int) -> None:
        mode = parse_zoom(self.zoom_box.itemData(index))
        if mode is not None:
            self.zoom_requested.emit(mode)

    def _zoom_typed(self) -> None:
        text = self.zoom_box.currentText()
        index = self.zoom_box.findText(text)
        mode = parse_zoom(self.zoom_box.itemData(index) if index >= 0 else text)
        if mode is None:
            # Not a zoom: show the one in effect again.
            self.show_zoom(self._zoom_shown, self._zoom_value)
        elif mode != self._zoom_shown:
            self.zoom_requested.emit(mode)

    def _page_typed(self) -> None:
        text = self.page_box.text().strip()
        if text.isdigit() and self._count:
            self.page_requested.emit(int(text) - 1)
        self.show_page(self._page)

    def retranslate(self) -> None:
        """Set the visible strings again (the language was switched)."""
        self.thumbnails_action.setText(self.tr("Pages"))
        self.thumbnails_action.setToolTip(self.tr("Show or hide the page thumbnails"))
        self.zoom_out_action.setText(self.tr("Zoom out"))
        self.zoom_in_action.setText(self.tr("Zoom in"))
        for action in (self.zoom_out_action, self.zoom_in_action):
            keys = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
            action.setToolTip(f"{action.text()} ({keys})")
        self.zoom_box.setAccessibleName(self.tr("Zoom"))
        self.zoom_box.setItemText(0, self.tr("Fit width"))
        self.zoom_box.setItemText(1, self.tr("Fit page"))
        self.page_label.setText(self.tr("Page"))
        self.page_box.setAccessibleName(self.tr("Page number"))
        self.find_action.setText(self.tr("Find"))
        keys = self.find_action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
        self.find_action.setToolTip(self.tr("Find in the document (%1)").replace("%1", keys))
        self.set_page_count(self._count)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
