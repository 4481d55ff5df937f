"""What the page canvas and the thumbnail strip share: a scrolled column of pages.

A :class:`PageScroller` keeps a :class:`PageLayout` in step with its viewport, follows the
page the reader is on, and after every scroll, zoom or resize tells its :class:`PageLoader`
what it wants now (through a short single-shot timer, so that a fast scroll sends one list,
not hundreds).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QPoint, Qt, QTimer, Signal
from PySide6.QtGui import QHideEvent, QKeyEvent, QPainter, QShowEvent
from PySide6.QtWidgets import QAbstractScrollArea, QAbstractSlider, QWidget

from ecabinet.client.render import FailureReason
from ecabinet.ui.viewer.layout import PageLayout
from ecabinet.ui.viewer.loader import PageLoader, Want

__all__ = ["PageScroller"]

# Milliseconds between a change and the wants it causes: coalesces bursts of scroll events.
_SCHEDULE_DELAY = 15
# Rows of the previous screen still shown after Page Down.
_OVERLAP = 40


class PageScroller(QAbstractScrollArea):
    """A scrolled column of one document's pages; subclasses lay out, paint and want.

    Signals:
        current_page_changed: the page the reader is on (0-based) changed.

    Args:
        loader: the document's loader.
        owner: the name this view's wants go under in the loader.
        parent: the parent widget.
    """

    current_page_changed = Signal(int)
    tracks_current = True
    """Whether scrolling decides the current page (the thumbnails only show it)."""

    def __init__(self, loader: PageLoader, owner: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.loader = loader
        self.page_layout: PageLayout | None = None
        self._owner = owner
        self._current = 0
        self._pending_page: int | None = None
        self._pinning = False
        self._message = ""
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(_SCHEDULE_DELAY)
        self._timer.timeout.connect(self._send_wants)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        loader.changed.connect(self.page_arrived)
        loader.retry.connect(self.schedule)

    # For subclasses.

    def make_layout(self, sizes: list[tuple[float, float]]) -> PageLayout:
        """A layout for pages of these sizes (points)."""
        raise NotImplementedError

    def layout_zoom(self, layout: PageLayout) -> float:
        """The zoom to lay ``layout`` out at in the current viewport."""
        raise NotImplementedError

    def wants(self, layout: PageLayout, visible: range) -> list[Want]:
        """What to ask the loader for while ``visible`` pages are on screen."""
        raise NotImplementedError

    # The document.

    def set_pages(self, sizes: list[tuple[float, float]]) -> None:
        """Show a document whose pages have these sizes (points, as displayed)."""
        self._message = ""
        self.page_layout = self.make_layout(sizes)
        self.relayout(None)
        if self._pending_page is not None:
            self.go_to_page(self._pending_page)
            self._pending_page = None

    def set_message(self, text: str) -> None:
        """Show ``text`` instead of pages (while opening, or why the document cannot open)."""
        self._message = text
        self.page_layout = None
        self.relayout(None)
        self.viewport().update()

    @property
    def message(self) -> str:
        """The text shown instead of pages, if any."""
        return self._message

    def paint_message(self, painter: QPainter) -> None:
        """Draw the message in the middle of the viewport."""
        painter.setPen(self.palette().color(self.palette().ColorRole.WindowText))
        area = self.viewport().rect().adjusted(24, 24, -24, -24)
        # Lines of a readable length, however wide the window.
        width = min(area.width(), 36 * self.fontMetrics().averageCharWidth() * 2)
        area.adjust((area.width() - width) // 2, 0, -((area.width() - width + 1) // 2), 0)
        flags = Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap
        painter.drawText(area, int(flags), self._message)

    def failure_note(self, reason: FailureReason) -> str:
        """What to write on a page that cannot be shown."""
        if reason in (FailureReason.DAMAGED, FailureReason.CRASHED):
            return self.tr("This page is damaged and cannot be shown.")
        if reason == FailureReason.TOO_LARGE:
            return self.tr("This page is too large to show at this zoom. Zoom out.")
        return self.tr("This page could not be shown. Close the document and open it again.")

    # Position.

    @property
    def current_page(self) -> int:
        """The page the reader is on, 0-based."""
        return self._current

    def visible_pages(self) -> range:
        """The pages at least partly on screen."""
        if self.page_layout is None:
            return range(0)
        top = self.verticalScrollBar().value()
        return self.page_layout.visible(top, top + self.viewport().height())

    def go_to_page(self, page: int) -> None:
        """Scroll so that ``page`` is at the top (as far as the end of the document allows)."""
        layout = self.page_layout
        if layout is None:
            self._pending_page = page
            return
        if not layout.page_count:
            return
        page = max(0, min(layout.page_count - 1, page))
        self.scroll_to(self.horizontalScrollBar().value(), layout.page_top(page), page)

    def scroll_to(self, x: int, y: int, page: int) -> None:
        """Scroll to ``(x, y)`` and make ``page`` the current page, whatever else is shown."""
        self._pinning = True
        try:
            self.horizontalScrollBar().setValue(x)
            self.verticalScrollBar().setValue(y)
        finally:
            self._pinning = False
        self.set_current(page)
        self.viewport().update()
        self.schedule()

    def set_current(self, page: int) -> None:
        """Make ``page`` the current page (emitting ``current_page_changed`` if it changed)."""
        if page != self._current:
            self._current = page
            self.current_page_changed.emit(page)
            self.viewport().update()

    def relayout(self, anchor: QPoint | None) -> None:
        """Lay the pages out again, keeping the page point at ``anchor`` (default top-left)."""
        layout = self.page_layout
        viewport = self.viewport()
        vbar, hbar = self.verticalScrollBar(), self.horizontalScrollBar()
        point = anchor if anchor is not None else QPoint(0, 0)
        keep = None
        if layout is not None and layout.rects:
            keep = layout.to_page(point.x() + hbar.value(), point.y() + vbar.value())
        self._pinning = True
        try:
            if layout is None:
                vbar.setRange(0, 0)
                hbar.setRange(0, 0)
                return
            layout.arrange(self.layout_zoom(layout), viewport.width())
            vbar.setRange(0, max(0, layout.height - viewport.height()))
            vbar.setPageStep(max(1, viewport.height() - _OVERLAP))
            vbar.setSingleStep(40)
            hbar.setRange(0, max(0, layout.width - viewport.width()))
            hbar.setPageStep(max(1, viewport.width()))
            hbar.setSingleStep(40)
            if keep is not None:
                x, y = layout.from_page(*keep)
                hbar.setValue(round(x - point.x()))
                vbar.setValue(round(y - point.y()))
        finally:
            self._pinning = False
        viewport.update()
        self.schedule()

    # Scheduling.

    def schedule(self) -> None:
        """Tell the loader what this view wants, shortly."""
        if not self._timer.isActive():
            self._timer.start()

    def stop(self) -> None:
        """Want nothing more and stop the timer (the document is closing)."""
        self._timer.stop()
        self.loader.want(self._owner, [])

    def _send_wants(self) -> None:
        layout = self.page_layout
        if layout is None or not self.isVisible():
            self.loader.want(self._owner, [])
            return
        self.loader.want(self._owner, self.wants(layout, self.visible_pages()))

    def page_arrived(self, page: int) -> None:
        """New pixels, words or a failure for ``page``: repaint if shown, want again."""
        if page in self.visible_pages():
            self.viewport().update()
        self.schedule()

    # Events.

    def scrollContentsBy(self, dx: int, dy: int) -> None:
        layout = self.page_layout
        if layout is not None and layout.page_count and self.tracks_current and not self._pinning:
            vbar = self.verticalScrollBar()
            top, height = vbar.value(), self.viewport().height()
            at_end = vbar.maximum() > 0 and top >= vbar.maximum()
            self.set_current(layout.current_page(top, height, at_end=at_end))
        self.viewport().update()
        self.schedule()

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.DevicePixelRatioChange:
            # Moved to a screen of another density: render at its scale.
            self.viewport().update()
            self.schedule()
        return super().event(event)

    def viewportEvent(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize:
            self.relayout(None)
        return super().viewportEvent(event)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.schedule()

    def hideEvent(self, event: QHideEvent) -> None:
        super().hideEvent(event)
        # A hidden view (a background tab, the thumbnails switched off) asks for nothing.
        self._timer.stop()
        self.loader.want(self._owner, [])

    def navigate(self, event: QKeyEvent) -> bool:
        """Page Up/Down, Space, Home/End and the arrows; True if ``event`` was one of them."""
        key = event.key()
        shift = bool(event.modifiers() & Qt.KeyboardModifier.ShiftModifier)
        vbar, hbar = self.verticalScrollBar(), self.horizontalScrollBar()
        action = QAbstractSlider.SliderAction
        layout = self.page_layout
        if layout is None or not layout.page_count:
            return False
        if key == Qt.Key.Key_PageDown or (key == Qt.Key.Key_Space and not shift):
            vbar.triggerAction(action.SliderPageStepAdd)
        elif key == Qt.Key.Key_PageUp or key == Qt.Key.Key_Space:
            vbar.triggerAction(action.SliderPageStepSub)
        elif key == Qt.Key.Key_Down:
            vbar.triggerAction(action.SliderSingleStepAdd)
        elif key == Qt.Key.Key_Up:
            vbar.triggerAction(action.SliderSingleStepSub)
        elif key == Qt.Key.Key_Home:
            self.go_to_page(0)
        elif key == Qt.Key.Key_End:
            self.scroll_to(hbar.value(), vbar.maximum(), layout.page_count - 1)
        elif key in (Qt.Key.Key_Left, Qt.Key.Key_Right):
            forward = key == Qt.Key.Key_Right
            if hbar.maximum() > 0:
                hbar.triggerAction(
                    action.SliderSingleStepAdd if forward else action.SliderSingleStepSub
                )
            else:
                self.go_to_page(self._current + (1 if forward else -1))
        else:
            return False
        return True
