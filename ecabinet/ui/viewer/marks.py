"""Painting notes on pages, and finding the note under the pointer.

Marks are drawn over the rendered page, in page points turned to view pixels by the caller:
a highlight as translucent colour over the words, an underline or a strike-through as a
line, a sticky note as a small folded square, freehand ink as its strokes, a bookmark as a
ribbon at the page's top right.  A note that failed its signature check is drawn dashed in
grey: shown, never passed off as the reader's.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPen, QPolygonF

from ecabinet.client.annotations import LoadedNote
from ecabinet.client.render import Box

__all__ = [
    "DEFAULT_INK_WIDTH",
    "NOTE_ICON",
    "InkPen",
    "NoteMark",
    "mark_areas",
    "mark_at",
    "paint_marks",
]

NOTE_ICON = 16.0  # pixels: a sticky note's square, whatever the zoom
DEFAULT_INK_WIDTH = 2.0  # points: ink drawn before pens had a width
_UNTRUSTED = QColor(120, 120, 120)


@dataclass(frozen=True)
class InkPen:
    """The pen freehand ink is drawn with: a colour and a width in points."""

    colour: str
    width: float


@dataclass(frozen=True)
class NoteMark:
    """A note as the canvas draws it."""

    id: str
    kind: str
    page: int
    rects: tuple[Box, ...]
    strokes: tuple[tuple[tuple[float, float], ...], ...]
    colour: str
    body: str
    trusted: bool
    width: float = DEFAULT_INK_WIDTH

    @classmethod
    def of(cls, loaded: LoadedNote) -> NoteMark:
        note = loaded.note
        return cls(
            loaded.id,
            note.kind,
            note.page,
            note.rects,
            note.strokes,
            note.colour,
            note.body,
            loaded.trusted,
            note.width or DEFAULT_INK_WIDTH,
        )


def paint_marks(
    painter: QPainter,
    marks: list[NoteMark],
    to_rect: Callable[[Box], QRectF],
    to_point: Callable[[float, float], QPointF],
    page_rect: QRectF,
) -> None:
    """Draw ``marks`` (all on one page) with ``painter``."""
    for mark in marks:
        colour = QColor(mark.colour) if mark.trusted else _UNTRUSTED
        style = Qt.PenStyle.SolidLine if mark.trusted else Qt.PenStyle.DashLine
        boxes = [to_rect(box) for box in mark.rects]
        if mark.kind == "highlight":
            fill = QColor(colour)
            fill.setAlpha(95)
            shape = QPainterPath()
            shape.setFillRule(Qt.FillRule.WindingFill)
            for box in boxes:
                shape.addRect(box)
            painter.fillPath(shape.simplified(), fill)
        elif mark.kind in ("underline", "strikeout"):
            painter.setPen(QPen(colour, 2, style))
            for box in boxes:
                y = box.bottom() - 1 if mark.kind == "underline" else box.center().y()
                painter.drawLine(QPointF(box.left(), y), QPointF(box.right(), y))
        elif mark.kind == "note" and boxes:
            corner = boxes[0].topLeft()
            square = QRectF(corner.x(), corner.y(), NOTE_ICON, NOTE_ICON)
            painter.setPen(QPen(colour.darker(160), 1, style))
            painter.setBrush(colour)
            fold = QPolygonF(
                [
                    square.topLeft(),
                    square.topRight() - QPointF(5, 0),
                    square.topRight() + QPointF(0, 5),
                    square.bottomRight(),
                    square.bottomLeft(),
                ]
            )
            painter.drawPolygon(fold)
            painter.setBrush(Qt.BrushStyle.NoBrush)
        elif mark.kind == "ink":
            pen = QPen(colour, max(1.0, mark.width * _scale(to_point)), style)
            pen.setCapStyle(Qt.PenCapStyle.RoundCap)
            pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
            painter.setPen(pen)
            for stroke in mark.strokes:
                painter.drawPolyline(QPolygonF([to_point(x, y) for x, y in stroke]))
        elif mark.kind == "bookmark":
            right, top = page_rect.right() - 14, page_rect.top()
            ribbon = QPolygonF(
                [
                    QPointF(right - 12, top),
                    QPointF(right, top),
                    QPointF(right, top + 26),
                    QPointF(right - 6, top + 20),
                    QPointF(right - 12, top + 26),
                ]
            )
            painter.setPen(QPen(colour.darker(150), 1, style))
            painter.setBrush(colour)
            painter.drawPolygon(ribbon)
            painter.setBrush(Qt.BrushStyle.NoBrush)


def _scale(to_point: Callable[[float, float], QPointF]) -> float:
    """Pixels per point of the page being drawn."""
    return to_point(1.0, 0.0).x() - to_point(0.0, 0.0).x()


def _near_strokes(
    mark: NoteMark, point: QPointF, to_point: Callable[[float, float], QPointF]
) -> bool:
    """Whether ``point`` is on (or within a few pixels of) one of the drawing's strokes."""
    reach = max(4.0, mark.width * _scale(to_point) / 2 + 2)
    for stroke in mark.strokes:
        points = [to_point(x, y) for x, y in stroke]
        for a, b in itertools.pairwise(points):
            dx, dy = b.x() - a.x(), b.y() - a.y()
            length = dx * dx + dy * dy
            t = 0.0
            if length:
                t = ((point.x() - a.x()) * dx + (point.y() - a.y()) * dy) / length
                t = min(1.0, max(0.0, t))
            nx, ny = a.x() + t * dx - point.x(), a.y() + t * dy - point.y()
            if nx * nx + ny * ny <= reach * reach:
                return True
    return False


def mark_at(
    marks: list[NoteMark],
    point: QPointF,
    to_rect: Callable[[Box], QRectF],
    to_point: Callable[[float, float], QPointF] | None = None,
) -> NoteMark | None:
    """The note under ``point`` (view pixels), the last drawn first.

    A drawing is found along its strokes (with ``to_point``), not anywhere in its box.
    """
    for mark in reversed(marks):
        if mark.kind == "ink" and to_point is not None:
            if _near_strokes(mark, point, to_point):
                return mark
            continue
        areas = mark_areas(mark, to_rect)
        if mark.kind != "note":
            areas = [area.adjusted(-2, -2, 2, 2) for area in areas]
        if any(area.contains(point) for area in areas):
            return mark
    return None


def mark_areas(mark: NoteMark, to_rect: Callable[[Box], QRectF]) -> list[QRectF]:
    """Where a note is drawn, in view pixels: a sticky note's square, else its boxes."""
    if mark.kind == "note" and mark.rects:
        corner = to_rect(mark.rects[0]).topLeft()
        return [QRectF(corner.x(), corner.y(), NOTE_ICON, NOTE_ICON)]
    return [to_rect(box) for box in mark.rects]
