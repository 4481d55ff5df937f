"""The scrolling page canvas: pages in one continuous column, hits and selected words on them.

It paints only what the :class:`PageLoader` already holds (placeholders meanwhile), and after
each scroll, zoom or resize tells the loader what it wants: the visible pages first (a quick
low-resolution pass, then sharp), their neighbours next, and the words of the visible pages
for selection.  The loader cancels whatever dropped out of that list.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QEvent, QPoint, QPointF, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import (
    QAction,
    QColor,
    QContextMenuEvent,
    QGuiApplication,
    QHelpEvent,
    QKeyEvent,
    QKeySequence,
    QMouseEvent,
    QPainter,
    QPainterPath,
    QPaintEvent,
    QPen,
    QPolygonF,
    QWheelEvent,
)
from PySide6.QtWidgets import QApplication, QMenu, QToolTip, QWidget

from ecabinet.client.render import MAX_SCALE, Box
from ecabinet.ui.viewer.layout import FIT_WIDTH, PageLayout, Rect, ZoomMode, step_zoom
from ecabinet.ui.viewer.loader import PageLoader, Want
from ecabinet.ui.viewer.marks import InkPen, NoteMark, mark_areas, mark_at, paint_marks
from ecabinet.ui.viewer.painting import draw_page
from ecabinet.ui.viewer.scroller import PageScroller
from ecabinet.ui.viewer.selection import (
    HitList,
    Selection,
    WordRef,
    line_boxes,
    selected_text,
    word_at,
)

__all__ = ["LOW_ZOOM", "PageCanvas"]

LOW_ZOOM = 0.2
"""Zoom of the quick first pass (and of the thumbnails, which then serve as that pass)."""
_HIT = QColor(255, 205, 0, 110)
_CURRENT_HIT = QColor(255, 110, 0, 150)
_FLASH = QColor(255, 90, 0)
# Pixels the pen must travel before the stroke takes another point.
_MIN_STEP = 2.0


class PageCanvas(PageScroller):
    """The pages of one document, scrolled vertically, at one zoom.

    Signals:
        current_page_changed: the page the reader is on (0-based) changed.
        zoom_changed: the zoom mode or the effective zoom changed.
        page_painted: a page was painted sharp for the first time (0-based); a test hook.
        selection_changed: words were selected or the selection was cleared.
        mark_requested: highlight, underline or strike out the selection (the kind).
        note_requested: pin a sticky note at a page point (page, x, y in points).
        bookmark_requested: bookmark a page.
        delete_requested: delete the note with this id.
        edit_requested: change the text and colour of the note with this id.
        ink_drawn: a freehand stroke was drawn with the pen (page, list of (x, y) in points).
        pen_put_down: Escape while drawing: the reader wants to select text again.
    """

    zoom_changed = Signal()
    page_painted = Signal(int)
    selection_changed = Signal()
    mark_requested = Signal(str)
    note_requested = Signal(int, float, float)
    bookmark_requested = Signal(int)
    delete_requested = Signal(str)
    edit_requested = Signal(str)
    ink_drawn = Signal(int, list)
    pen_put_down = Signal()

    def __init__(self, loader: PageLoader, parent: QWidget | None = None) -> None:
        super().__init__(loader, "main", parent)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
        self.viewport().setCursor(Qt.CursorShape.IBeamCursor)
        self._mode: ZoomMode = FIT_WIDTH
        self._hits: HitList | None = None
        self._painted: set[int] = set()
        self._wheel = 0
        self._pressed_at: QPoint | None = None
        self._dragging = False
        self._anchor: tuple[int, float, float] | None = None
        self._focus: tuple[int, float, float] | None = None
        self._selection: Selection | None = None
        self.copy_action = QAction(self.tr("Copy"), self)
        self.copy_action.setShortcuts(QKeySequence.StandardKey.Copy)
        self.copy_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.copy_action.setEnabled(False)
        self.copy_action.triggered.connect(self.copy)
        self.addAction(self.copy_action)
        self._marks: dict[int, list[NoteMark]] = {}
        self.annotations_enabled = False
        self.colour_menu: QMenu | None = None
        self._pen: InkPen | None = None
        self._stroke: list[tuple[float, float]] = []
        self._stroke_page = -1
        self._flash: str | None = None
        self._flash_timer = QTimer(self)
        self._flash_timer.setObjectName("note-flash")
        self._flash_timer.setInterval(180)
        self._flash_timer.timeout.connect(self._flash_step)
        self._flash_left = 0

    # Zoom.

    @property
    def zoom_mode(self) -> ZoomMode:
        """What the reader chose: a fixed zoom or a fitting mode."""
        return self._mode

    @property
    def zoom(self) -> float:
        """The zoom in effect, in logical pixels per point."""
        return self.page_layout.zoom if self.page_layout is not None else 1.0

    def set_zoom(self, mode: ZoomMode, anchor: QPoint | None = None) -> None:
        """Zoom, keeping the point of the page under ``anchor`` (viewport) where it is."""
        self._mode = mode
        self.relayout(anchor)
        self.zoom_changed.emit()

    def zoom_by(self, steps: int, anchor: QPoint | None = None) -> None:
        """Zoom in (positive) or out by ``steps`` of the zoom ladder."""
        self.set_zoom(step_zoom(self.zoom, steps), anchor)

    def make_layout(self, sizes: list[tuple[float, float]]) -> PageLayout:
        return PageLayout(sizes)

    def layout_zoom(self, layout: PageLayout) -> float:
        return layout.zoom_for(self._mode, self.viewport().width(), self.viewport().height())

    # Search hits and selection.

    def set_hits(self, hits: HitList | None) -> None:
        """Highlight these search hits (None: none)."""
        self._hits = hits
        self.viewport().update()

    def show_box(self, page: int, box: Box) -> None:
        """Scroll so that ``box`` on ``page`` is in view, centred if it was not."""
        layout = self.page_layout
        if layout is None:
            return
        rect = layout.box_rect(page, box)
        x, y = self.horizontalScrollBar().value(), self.verticalScrollBar().value()
        width, height = self.viewport().width(), self.viewport().height()
        if not (y <= rect.y and rect.bottom <= y + height):
            y = rect.y + rect.height // 2 - height // 2
        if not (x <= rect.x and rect.right <= x + width):
            x = rect.x + rect.width // 2 - width // 2
        self.scroll_to(x, y, page)
        self.viewport().update()

    @property
    def selection(self) -> Selection | None:
        """The selected words, if any."""
        return self._selection

    def selected_text(self) -> str:
        """The selected words as text (lines kept)."""
        if self._selection is None:
            return ""
        return selected_text(self.loader.words, self._selection)

    def copy(self) -> bool:
        """Put the selected text on the clipboard; False when nothing is selected."""
        text = self.selected_text()
        if not text:
            return False
        QGuiApplication.clipboard().setText(text)
        return True

    def clear_selection(self) -> None:
        """Forget the selection."""
        self._anchor = self._focus = None
        self._set_selection(None)

    def painted_pages(self) -> set[int]:
        """The pages painted sharp at least once (a test hook)."""
        return set(self._painted)

    # What to render.

    def wants(self, layout: PageLayout, visible: range) -> list[Want]:
        dpr = self.devicePixelRatioF()
        low = round(LOW_ZOOM * dpr, 3)
        quick: list[Want] = []
        wants: list[Want] = []
        used = 0.0
        for page in visible:
            scale = self.scale_for(page)
            if scale > low and not self.loader.has_pixels(page):
                quick.append(Want("render", page, low, 0))
            wants.append(Want("render", page, scale, 0))
            wants.append(Want("text", page, 0.0, 2))
            used += self._bytes(page, scale)
        if visible:
            budget = self.loader.memo_limit
            for distance in (1, 2):
                for page in (visible.start - distance, visible.stop - 1 + distance):
                    if 0 <= page < layout.page_count:
                        scale = self.scale_for(page)
                        used += self._bytes(page, scale)
                        if used <= budget:
                            wants.append(Want("render", page, scale, distance))
        if self._selection is not None:
            for page in self._selection.pages:
                wants.append(Want("text", page, 0.0, 1))
        for point in (self._anchor, self._focus):
            if point is not None:
                wants.append(Want("text", point[0], 0.0, 1))
        # Asked for first, so that every visible page shows something soon.
        return quick + wants

    def scale_for(self, page: int) -> float:
        """Pixels per point to render ``page`` at: zoom × device pixel ratio, within limits."""
        width, height = self.page_layout.sizes[page] if self.page_layout else (1.0, 1.0)
        most = math.sqrt(self.loader.hub.max_pixels * 0.95 / (width * height))
        scale = min(self.zoom * self.devicePixelRatioF(), most, MAX_SCALE)
        return round(scale, 3)

    def _bytes(self, page: int, scale: float) -> float:
        width, height = self.page_layout.sizes[page] if self.page_layout else (1.0, 1.0)
        return width * height * scale * scale * 4

    # Painting.

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self.viewport())
        painter.fillRect(event.rect(), self.palette().color(self.palette().ColorRole.Mid))
        layout = self.page_layout
        if layout is None:
            self.paint_message(painter)
            return
        dx, dy = self.horizontalScrollBar().value(), self.verticalScrollBar().value()
        selection_color = self.palette().color(self.palette().ColorRole.Highlight)
        selection_color.setAlpha(90)
        current = self._hits.current if self._hits is not None else None
        for page in layout.visible(dy, dy + self.viewport().height()):
            rect = layout.rects[page]
            placed = Rect(rect.x - dx, rect.y - dy, rect.width, rect.height)
            failure = self.loader.failures.get(page)
            scale = self.scale_for(page)
            sharp = draw_page(
                painter,
                placed,
                None if failure else self.loader.pixmap(page, scale),
                scale,
                note=self.failure_note(failure) if failure else self.tr("Loading…"),
                failed=failure is not None,
            )
            if sharp and page not in self._painted:
                self._painted.add(page)
                self.page_painted.emit(page)
            painter.translate(-dx, -dy)
            for box in self._hits.on_page(page) if self._hits is not None else ():
                is_current = current is not None and current == (page, box)
                painter.fillRect(self._qrect(page, box), _CURRENT_HIT if is_current else _HIT)
            if self._marks.get(page):
                paint_marks(
                    painter,
                    self._marks[page],
                    lambda box, page=page: self._qrect(page, box),  # type: ignore[misc]
                    lambda x, y, page=page: QPointF(*layout.from_page(page, x, y)),  # type: ignore[misc]
                    QRectF(rect.x, rect.y, rect.width, rect.height),
                )
            if self._flash is not None and self._flash_left % 2:
                self._paint_flash(painter, page)
            if self._stroke and page == self._stroke_page and self._pen is not None:
                pen = QPen(QColor(self._pen.colour), max(1.0, self._pen.width * layout.zoom))
                pen.setCapStyle(Qt.PenCapStyle.RoundCap)
                pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
                painter.setPen(pen)
                painter.drawPolyline(
                    QPolygonF([QPointF(*layout.from_page(page, x, y)) for x, y in self._stroke])
                )
            if self._selection is not None:
                words = self.loader.words.get(page, [])
                indices = self._selection.on_page(page, len(words))
                # One shape, so that where two padded boxes overlap is not painted twice.
                shape = QPainterPath()
                shape.setFillRule(Qt.FillRule.WindingFill)
                for box in line_boxes(words, indices):
                    shape.addRect(self._qrect(page, box))
                painter.fillPath(shape.simplified(), selection_color)
            painter.translate(dx, dy)

    def _qrect(self, page: int, box: Box) -> QRectF:
        assert self.page_layout is not None
        x0, y0 = self.page_layout.from_page(page, box[0], box[1])
        x1, y1 = self.page_layout.from_page(page, box[2], box[3])
        return QRectF(x0 - 1, y0 - 1, x1 - x0 + 2, y1 - y0 + 2)

    # Notes.

    def set_marks(self, marks: list[NoteMark]) -> None:
        """The notes to draw over the pages."""
        self._marks = {}
        for mark in marks:
            self._marks.setdefault(mark.page, []).append(mark)
        self.viewport().update()

    def marks(self) -> list[NoteMark]:
        return [mark for marks in self._marks.values() for mark in marks]

    def set_pen(self, pen: InkPen | None) -> None:
        """Draw freehand with ``pen`` (dragging no longer selects), or stop (None)."""
        self._pen = pen
        self._stroke = []
        self.viewport().setCursor(
            Qt.CursorShape.CrossCursor if pen is not None else Qt.CursorShape.IBeamCursor
        )
        self.viewport().update()

    @property
    def pen(self) -> InkPen | None:
        return self._pen

    def flash_note(self, note_id: str) -> None:
        """Make a note blink a few times, so the eye finds it after a jump."""
        self._flash = note_id
        self._flash_left = 7
        self._flash_timer.start()
        self.viewport().update()

    @property
    def flashing(self) -> str | None:
        """The note blinking now, if any."""
        return self._flash

    def _flash_step(self) -> None:
        self._flash_left -= 1
        if self._flash_left <= 0:
            self._flash_timer.stop()
            self._flash = None
        self.viewport().update()

    def _paint_flash(self, painter: QPainter, page: int) -> None:
        for mark in self._marks.get(page, []):
            if mark.id != self._flash:
                continue
            layout = self.page_layout
            assert layout is not None
            areas = mark_areas(mark, lambda box: self._qrect(page, box))
            boxes = [area.adjusted(-4, -4, 4, 4) for area in areas]
            if not boxes:  # a bookmark: the whole page
                rect = layout.rects[page]
                boxes = [QRectF(rect.x + 2, rect.y + 2, rect.width - 4, rect.height - 4)]
            around = boxes[0]
            for box in boxes[1:]:  # one frame around the whole note, however many lines
                around = around.united(box)
            painter.setPen(QPen(_FLASH, 3))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRoundedRect(around, 3, 3)

    def stop(self) -> None:
        self._flash_timer.stop()
        super().stop()

    def mark_under(self, position: QPointF) -> NoteMark | None:
        """The note under a viewport position, if any."""
        point = self._page_point(position)
        if point is None:
            return None
        absolute = QPointF(
            position.x() + self.horizontalScrollBar().value(),
            position.y() + self.verticalScrollBar().value(),
        )
        page, layout = point[0], self.page_layout
        assert layout is not None
        return mark_at(
            self._marks.get(page, []),
            absolute,
            lambda box: self._qrect(page, box),
            lambda x, y: QPointF(*layout.from_page(page, x, y)),
        )

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        menu = QMenu(self)
        menu.addAction(self.copy_action)
        point = self._page_point(QPointF(event.pos()))
        if self.annotations_enabled and point is not None:
            page, x, y = point
            menu.addSeparator()
            for kind, label in (
                ("highlight", self.tr("Highlight")),
                ("underline", self.tr("Underline")),
                ("strikeout", self.tr("Strike through")),
            ):
                action = menu.addAction(label)
                action.setEnabled(self._selection is not None)
                action.triggered.connect(lambda _c=False, k=kind: self.mark_requested.emit(k))
            if self.colour_menu is not None:
                self.colour_menu.setTitle(self.tr("Colour"))
                menu.addMenu(self.colour_menu)
            menu.addAction(self.tr("Add a note here…")).triggered.connect(
                lambda: self.note_requested.emit(page, x, y)
            )
            menu.addAction(self.tr("Bookmark this page")).triggered.connect(
                lambda: self.bookmark_requested.emit(page)
            )
            under = self.mark_under(QPointF(event.pos()))
            if under is not None:
                menu.addSeparator()
                if under.trusted:
                    menu.addAction(self.tr("Edit this note…")).triggered.connect(
                        lambda: self.edit_requested.emit(under.id)
                    )
                menu.addAction(self.tr("Delete this note")).triggered.connect(
                    lambda: self.delete_requested.emit(under.id)
                )
        menu.exec(event.globalPos())

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip:
            assert isinstance(event, QHelpEvent)
            mark = self.mark_under(QPointF(self.viewport().mapFrom(self, event.pos())))
            if mark is not None and (mark.body or not mark.trusted):
                text = (
                    mark.body
                    if mark.trusted
                    else self.tr("This note was changed outside ecabinet and is not trusted.")
                )
                QToolTip.showText(event.globalPos(), text, self)
            else:
                QToolTip.hideText()
            return True
        return super().event(event)

    # Mouse and keyboard.

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if (
            event.button() == Qt.MouseButton.LeftButton
            and self._pen is not None
            and self.page_layout is not None
        ):
            point = self._page_point(event.position())
            if point is not None:
                self._stroke_page = point[0]
                self._stroke = [self._on_stroke_page(event.position())]
            return
        if event.button() == Qt.MouseButton.LeftButton and self.page_layout is not None:
            self._pressed_at = event.position().toPoint()
            self._dragging = False
            self._anchor = self._focus = self._page_point(event.position())
            self._set_selection(None)
            self.schedule()  # the words of the page, if they have not come yet
            return
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if self._stroke and event.buttons() & Qt.MouseButton.LeftButton:
            x, y = self._on_stroke_page(event.position())
            last = self._stroke[-1]
            if abs(x - last[0]) + abs(y - last[1]) >= _MIN_STEP / self.zoom:
                self._stroke.append((x, y))
                self.viewport().update()
            return
        if self._pressed_at is None or not event.buttons() & Qt.MouseButton.LeftButton:
            super().mouseMoveEvent(event)
            return
        position = event.position()
        moved = (position.toPoint() - self._pressed_at).manhattanLength()
        if not self._dragging and moved < QApplication.startDragDistance():
            return
        self._dragging = True
        # Dragging past the edge scrolls, so a selection can run on to the next page.
        bar = self.verticalScrollBar()
        if position.y() < 0:
            bar.setValue(bar.value() + int(position.y()))
        elif position.y() > self.viewport().height():
            bar.setValue(bar.value() + int(position.y()) - self.viewport().height())
        self._focus = self._page_point(position)
        self.update_selection()
        self.schedule()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton and self._stroke:
            stroke, self._stroke = self._stroke, []
            self.viewport().update()
            if len(stroke) >= 2:
                self.ink_drawn.emit(self._stroke_page, stroke)
            return
        if event.button() == Qt.MouseButton.LeftButton and self._pressed_at is not None:
            if not self._dragging:
                self.clear_selection()  # a click, not a drag
            self._pressed_at = None
            self._dragging = False
            return
        super().mouseReleaseEvent(event)

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton and self.page_layout is not None:
            # The word under the pointer: a selection whose two ends are the same point.
            self._anchor = self._focus = self._page_point(event.position())
            self._pressed_at = event.position().toPoint()
            self._dragging = True
            self.update_selection()
            return
        super().mouseDoubleClickEvent(event)

    def wheelEvent(self, event: QWheelEvent) -> None:
        if not event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            super().wheelEvent(event)
            return
        # 120 units a notch; touchpads send many small ones, summed here.
        self._wheel += event.angleDelta().y()
        steps = int(self._wheel / 120)
        self._wheel -= steps * 120
        if steps:
            self.zoom_by(steps, event.position().toPoint())
        event.accept()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.matches(QKeySequence.StandardKey.Copy):
            self.copy()
            return
        if event.key() == Qt.Key.Key_Escape and self._pen is not None:
            self.pen_put_down.emit()
            return
        if event.key() == Qt.Key.Key_Escape and self._selection is not None:
            self.clear_selection()
            return
        if not self.navigate(event):
            super().keyPressEvent(event)

    def _on_stroke_page(self, position: QPointF) -> tuple[float, float]:
        """A viewport position in points of the page the stroke began on, kept on it."""
        layout = self.page_layout
        assert layout is not None
        rect = layout.rects[self._stroke_page]
        width, height = layout.sizes[self._stroke_page]
        x = (position.x() + self.horizontalScrollBar().value() - rect.x) / layout.zoom
        y = (position.y() + self.verticalScrollBar().value() - rect.y) / layout.zoom
        return (round(min(max(x, 0.0), width), 2), round(min(max(y, 0.0), height), 2))

    def _page_point(self, position: QPointF) -> tuple[int, float, float] | None:
        layout = self.page_layout
        if layout is None or not layout.page_count:
            return None
        x = position.x() + self.horizontalScrollBar().value()
        y = position.y() + self.verticalScrollBar().value()
        return layout.to_page(x, y)

    def update_selection(self) -> None:
        """Work out the selected words again (the words of a page may just have arrived)."""
        if self._anchor is None or self._focus is None:
            return
        ends: list[WordRef] = []
        for page, x, y in (self._anchor, self._focus):
            index = word_at(self.loader.words.get(page, []), x, y)
            if index is None:
                return  # its words have not arrived yet; asked for by `wants`
            ends.append(WordRef(page, index))
        self._set_selection(Selection.between(ends[0], ends[1]))

    def _set_selection(self, selection: Selection | None) -> None:
        if selection != self._selection:
            self._selection = selection
            self.copy_action.setEnabled(selection is not None)
            self.selection_changed.emit()
        self.viewport().update()

    def page_arrived(self, page: int) -> None:
        super().page_arrived(page)
        if self._anchor is not None and page in (self._anchor[0], self._focus_page):
            self.update_selection()

    @property
    def _focus_page(self) -> int | None:
        return self._focus[0] if self._focus is not None else None
