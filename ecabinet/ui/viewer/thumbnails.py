"""The thumbnail strip: small images of the pages beside the reader; a click jumps there.

Thumbnails are rendered at the zoom of the canvas's quick first pass, so each one the strip
asks for also serves as the canvas's blurry placeholder for that page, and the other way
round.  They are the least urgent renders (priority 3) and, like the canvas's, cancelled when
scrolled away or when the strip is hidden.
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt, Signal
from PySide6.QtGui import QKeyEvent, QMouseEvent, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QWidget

from ecabinet.ui.viewer.layout import PageLayout, Rect
from ecabinet.ui.viewer.loader import PageLoader, Want
from ecabinet.ui.viewer.pageview import LOW_ZOOM
from ecabinet.ui.viewer.painting import draw_page
from ecabinet.ui.viewer.scroller import PageScroller

__all__ = ["ThumbnailStrip"]

_MARGIN = 10
_WIDEST = 170  # logical pixels: the strip does not grow past this for posters and plans
_FRAME = 3  # width of the frame around the current page


class ThumbnailStrip(PageScroller):
    """A narrow column of page thumbnails, the current page framed.

    Signals:
        page_activated: the reader clicked a thumbnail (0-based page).
        current_page_changed: (inherited, unused: the canvas decides the current page).
    """

    page_activated = Signal(int)
    tracks_current = False

    def __init__(self, loader: PageLoader, parent: QWidget | None = None) -> None:
        super().__init__(loader, "thumbnails", parent)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        self.setAccessibleName(self.tr("Page thumbnails"))
        self._width = 140
        self._zoom = LOW_ZOOM

    def sizeHint(self) -> QSize:
        return QSize(self._width, 400)

    def minimumSizeHint(self) -> QSize:
        return QSize(self._width, 100)

    def make_layout(self, sizes: list[tuple[float, float]]) -> PageLayout:
        label = self.fontMetrics().height() + 4
        layout = PageLayout(sizes, margin=_MARGIN, gap=_MARGIN, label_height=label)
        widest = max((w for w, _ in sizes), default=595.0)
        # The canvas's quick pass zoom, so that one rendering serves both; smaller if the
        # pages are very wide.
        self._zoom = min(LOW_ZOOM, _WIDEST / widest)
        widest *= self._zoom
        # Room for the widest page, its frame, and a scroll bar that may come and go.
        scrollbar = self.style().pixelMetric(self.style().PixelMetric.PM_ScrollBarExtent)
        self._width = int(widest + 2 * _MARGIN + 2 * _FRAME + scrollbar + 2 * self.frameWidth())
        self.setFixedWidth(self._width)
        return layout

    def layout_zoom(self, layout: PageLayout) -> float:
        return self._zoom

    def wants(self, layout: PageLayout, visible: range) -> list[Want]:
        scale = self.thumbnail_scale()
        return [Want("render", page, scale, 3) for page in visible]

    def thumbnail_scale(self) -> float:
        """Pixels per point of the thumbnails' renderings."""
        return round(self._zoom * self.devicePixelRatioF(), 3)

    def show_current(self, page: int) -> None:
        """Frame ``page`` as the current one and scroll it into view."""
        self.set_current(page)
        layout = self.page_layout
        if layout is None or not 0 <= page < layout.page_count:
            return
        rect = layout.rects[page]
        bar = self.verticalScrollBar()
        top, height = bar.value(), self.viewport().height()
        bottom = rect.bottom + layout.label_height
        if rect.y < top or bottom > top + height:
            self.scroll_to(0, rect.y - max(0, (height - rect.height) // 2), page)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self.viewport())
        palette = self.palette()
        painter.fillRect(event.rect(), palette.color(palette.ColorRole.Window))
        layout = self.page_layout
        if layout is None:
            return
        dy = self.verticalScrollBar().value()
        scale = self.thumbnail_scale()
        text = palette.color(palette.ColorRole.WindowText)
        for page in self.visible_pages():
            rect = layout.rects[page]
            placed = Rect(rect.x, rect.y - dy, rect.width, rect.height)
            failure = self.loader.failures.get(page)
            image = None if failure else self.loader.pixmap(page, scale)
            draw_page(painter, placed, image, scale, failed=failure is not None)
            if page == self.current_page:
                pen = QPen(palette.color(palette.ColorRole.Highlight), _FRAME)
                pen.setJoinStyle(Qt.PenJoinStyle.MiterJoin)
                painter.setPen(pen)
                frame = QRectF(placed.x, placed.y, placed.width, placed.height)
                half = _FRAME / 2 + 1
                painter.drawRect(frame.adjusted(-half, -half, half, half))
            painter.setPen(text)
            label = QRectF(0, placed.bottom + 2, layout.width, layout.label_height)
            painter.drawText(label, int(Qt.AlignmentFlag.AlignCenter), str(page + 1))

    def mousePressEvent(self, event: QMouseEvent) -> None:
        layout = self.page_layout
        if event.button() != Qt.MouseButton.LeftButton or layout is None or not layout.rects:
            super().mousePressEvent(event)
            return
        y = event.position().y() + self.verticalScrollBar().value()
        page = layout.page_at(y)
        rect = layout.rects[page]
        if rect.y <= y < rect.bottom + layout.label_height:
            self.show_current(page)
            self.page_activated.emit(page)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        layout = self.page_layout
        steps = {Qt.Key.Key_Up: -1, Qt.Key.Key_Down: 1, Qt.Key.Key_Home: -(10**9)}
        steps.update({Qt.Key.Key_End: 10**9, Qt.Key.Key_PageUp: -5, Qt.Key.Key_PageDown: 5})
        step = steps.get(Qt.Key(event.key()))
        if layout is None or step is None:
            super().keyPressEvent(event)
            return
        page = max(0, min(layout.page_count - 1, self.current_page + step))
        self.show_current(page)
        self.page_activated.emit(page)
