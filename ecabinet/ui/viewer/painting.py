"""Drawing one page, shared by the page canvas and the thumbnail strip."""

from __future__ import annotations

import math

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPen, QPixmap

from ecabinet.ui.viewer.layout import Rect

__all__ = ["PAPER", "device_aligned", "draw_page", "zoom_icon"]

PAPER = QColor(255, 255, 255)
# Opaque: a translucent pen makes Qt's raster engine hand the outline to its thread pool and
# wait for it, which showed up as GUI stalls while scrolling (benchmarks/viewer.py).
_EDGE = QColor(176, 176, 176)
_FAILED_PAPER = QColor(236, 236, 236)
_NOTE = QColor(110, 110, 110)


def device_aligned(value: float, device_pixel_ratio: float) -> float:
    """``value`` (logical) moved to the nearest whole device pixel."""
    return round(value * device_pixel_ratio) / device_pixel_ratio


def draw_page(
    painter: QPainter,
    rect: Rect,
    image: tuple[QPixmap, float] | None,
    scale: float,
    *,
    note: str = "",
    failed: bool = False,
) -> bool:
    """Draw a page into ``rect`` (logical pixels, already offset by the scroll position).

    Args:
        painter: painting the viewport.
        rect: where the page goes.
        image: the pixmap to show and its scale (pixels per point), or None while none has
            arrived.
        scale: the scale that would be sharp here (zoom × device pixel ratio).
        note: a short text shown on a page without pixels ("Loading…", or why it failed).
        failed: the page cannot be shown; it is drawn grey, with ``note``.

    Returns:
        True when the page was drawn sharp: pixels at ``scale``, one to one with the device.
    """
    target = QRectF(rect.x, rect.y, rect.width, rect.height)
    painter.setPen(_EDGE)
    painter.drawRect(target.adjusted(-1, -1, 0, 0))
    if failed or image is None:
        painter.fillRect(target, _FAILED_PAPER if failed else PAPER)
        if note:
            painter.setPen(_NOTE)
            inner = target.adjusted(8, 8, -8, -8)
            flags = Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap
            painter.drawText(inner, int(flags), note)
        return False
    pixmap, got = image
    dpr = painter.device().devicePixelRatioF()
    if math.isclose(got, scale, rel_tol=1e-6):
        # One pixmap pixel per device pixel, from a whole device pixel: no resampling blur.
        x, y = device_aligned(rect.x, dpr), device_aligned(rect.y, dpr)
        size = QRectF(x, y, pixmap.width() / dpr, pixmap.height() / dpr)
        painter.fillRect(target, PAPER)
        painter.drawPixmap(size, pixmap, QRectF(pixmap.rect()))
        return True
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, True)
    painter.drawPixmap(target, pixmap, QRectF(pixmap.rect()))
    painter.restore()
    return False


def zoom_icon(color: QColor, *, plus: bool) -> QIcon:
    """A magnifying glass with a plus or a minus, drawn here (the app ships no icon set)."""
    icon = QIcon()
    for ratio in (1, 2):
        pixmap = QPixmap(22 * ratio, 22 * ratio)
        pixmap.setDevicePixelRatio(ratio)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        pen = QPen(color, 2.0)
        pen.setCapStyle(Qt.PenCapStyle.RoundCap)
        painter.setPen(pen)
        painter.drawEllipse(QRectF(3, 3, 12, 12))
        painter.drawLine(QPointF(13.5, 13.5), QPointF(19, 19))
        painter.drawLine(QPointF(6.5, 9), QPointF(11.5, 9))
        if plus:
            painter.drawLine(QPointF(9, 6.5), QPointF(9, 11.5))
        painter.end()
        icon.addPixmap(pixmap)
    return icon
