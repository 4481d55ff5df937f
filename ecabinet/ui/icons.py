"""Small icons drawn at run time, so they follow the palette and stay sharp at any DPI."""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPainterPath, QPen, QPixmap


def _canvas(size: int = 32) -> tuple[QPixmap, QPainter]:
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    return pixmap, painter


@cache
def lock_icon() -> QIcon:
    """A padlock: the item is confidential."""
    pixmap, painter = _canvas()
    painter.setPen(QPen(QColor("#8a5a00"), 3))
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.drawArc(QRectF(9, 3, 14, 16), 0, 180 * 16)
    painter.drawLine(QPointF(9, 11), QPointF(9, 15))
    painter.drawLine(QPointF(23, 11), QPointF(23, 15))
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor("#c98a00"))
    painter.drawRoundedRect(QRectF(5, 14, 22, 16), 3, 3)
    painter.end()
    return QIcon(pixmap)


@cache
def document_icon() -> QIcon:
    """A page with a folded corner: a document to open."""
    pixmap, painter = _canvas()
    path = QPainterPath()
    path.moveTo(7, 3)
    path.lineTo(19, 3)
    path.lineTo(26, 10)
    path.lineTo(26, 29)
    path.lineTo(7, 29)
    path.closeSubpath()
    painter.setPen(QPen(QColor("#3b6ea5"), 2))
    painter.setBrush(QColor("#eef4fb"))
    painter.drawPath(path)
    painter.drawLine(QPointF(19, 3), QPointF(19, 10))
    painter.drawLine(QPointF(19, 10), QPointF(26, 10))
    for y in (15, 19, 23):
        painter.drawLine(QPointF(11, y), QPointF(22, y))
    painter.end()
    return QIcon(pixmap)


@cache
def new_icon() -> QIcon:
    """A filled dot: new or changed since last opened."""
    pixmap, painter = _canvas()
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor("#1a73e8"))
    painter.drawEllipse(QRectF(8, 8, 16, 16))
    painter.end()
    return QIcon(pixmap)
