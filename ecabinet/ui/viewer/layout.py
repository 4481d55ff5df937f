"""Page layout of the reader: a continuous vertical column of pages, in logical pixels.

Qt-free so that the arithmetic can be tested alone.  Pages keep their own sizes (already
rotated by the render service's ``PageInfo``); one zoom applies to every page, so text reads
at the same size throughout, and each page is centred horizontally in the column.

Zoom is in logical pixels per PDF point: 1.0 (100 %) draws a 595 × 842 pt A4 page as
595 × 842 logical pixels.  A render request multiplies it by the screen's device pixel
ratio.
"""

from __future__ import annotations

import bisect
import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal, TypeAlias

__all__ = [
    "FIT_PAGE",
    "FIT_WIDTH",
    "MAX_ZOOM",
    "MIN_ZOOM",
    "ZOOM_STEPS",
    "PageLayout",
    "Rect",
    "ZoomMode",
    "parse_zoom",
    "step_zoom",
]

FIT_WIDTH: Literal["fit-width"] = "fit-width"
FIT_PAGE: Literal["fit-page"] = "fit-page"
ZoomMode: TypeAlias = float | Literal["fit-width", "fit-page"]
"""A fixed zoom (logical pixels per point) or one of the two fitting modes."""

MIN_ZOOM = 0.25
MAX_ZOOM = 4.0
# A fitted zoom may go below MIN_ZOOM (a tiny window): the page must still fit.
_MIN_FIT = 0.05
ZOOM_STEPS: tuple[float, ...] = (0.25, 0.33, 0.5, 0.67, 0.75, 1.0, 1.25, 1.5, 2.0, 3.0, 4.0)
"""What Ctrl+plus / Ctrl+minus and Ctrl+wheel step through."""


@dataclass(frozen=True, slots=True)
class Rect:
    """An axis-aligned rectangle in whole logical pixels."""

    x: int
    y: int
    width: int
    height: int

    @property
    def bottom(self) -> int:
        """The first row below the rectangle."""
        return self.y + self.height

    @property
    def right(self) -> int:
        """The first column right of the rectangle."""
        return self.x + self.width


def step_zoom(zoom: float, steps: int) -> float:
    """The zoom ``steps`` entries of :data:`ZOOM_STEPS` away (negative: smaller).

    A zoom between two entries goes to the next entry in the asked direction first.
    """
    if steps == 0:
        return zoom
    if steps > 0:
        index = bisect.bisect_right(ZOOM_STEPS, zoom + 1e-6) + steps - 1
    else:
        index = bisect.bisect_left(ZOOM_STEPS, zoom - 1e-6) + steps
    return ZOOM_STEPS[max(0, min(len(ZOOM_STEPS) - 1, index))]


def parse_zoom(value: object) -> ZoomMode | None:
    """A zoom mode from saved state or typed text ("fit-width", 1.5, "150%", "150"); or None.

    Numbers above 10 are read as percentages.  Fixed zooms are clamped to the allowed range.
    """
    if value in (FIT_WIDTH, FIT_PAGE):
        return FIT_WIDTH if value == FIT_WIDTH else FIT_PAGE
    if isinstance(value, bool):
        return None
    if isinstance(value, str):
        text = value.strip().rstrip("%").strip().replace(",", ".")
        try:
            number = float(text)
        except ValueError:
            return None
    elif isinstance(value, int | float):
        number = float(value)
    else:
        return None
    if not math.isfinite(number) or number <= 0:
        return None
    if number > 10:
        number /= 100
    return max(MIN_ZOOM, min(MAX_ZOOM, number))


class PageLayout:
    """Where each page goes in the scrolling column, for one zoom and viewport width.

    Args:
        sizes: ``(width, height)`` of each page in points, as displayed.
        margin: space around the column, in logical pixels.
        gap: space between two pages (and below the last one's label), in logical pixels.
        label_height: room under each page for its number (thumbnails), in logical pixels.
    """

    def __init__(
        self,
        sizes: Sequence[tuple[float, float]],
        *,
        margin: int = 12,
        gap: int = 12,
        label_height: int = 0,
    ) -> None:
        self.sizes = [(max(float(w), 1.0), max(float(h), 1.0)) for w, h in sizes]
        self.margin = margin
        self.gap = gap
        self.label_height = label_height
        self.zoom = 1.0
        self.width = 0
        self.height = 0
        self.rects: list[Rect] = []
        self._tops: list[int] = []
        self._max_width = max((w for w, _ in self.sizes), default=1.0)
        self._max_height = max((h for _, h in self.sizes), default=1.0)

    @property
    def page_count(self) -> int:
        """The number of pages."""
        return len(self.sizes)

    def zoom_for(self, mode: ZoomMode, viewport_width: int, viewport_height: int) -> float:
        """The zoom that ``mode`` means in a viewport of this size."""
        if not isinstance(mode, str):
            return max(MIN_ZOOM, min(MAX_ZOOM, mode))
        fit_width = (viewport_width - 2 * self.margin) / self._max_width
        if mode == FIT_WIDTH:
            zoom = fit_width
        else:
            room = viewport_height - 2 * self.margin - self.label_height
            zoom = min(fit_width, room / self._max_height)
        return max(_MIN_FIT, min(MAX_ZOOM, zoom))

    def arrange(self, zoom: float, viewport_width: int) -> None:
        """Place every page at ``zoom``; the column is at least ``viewport_width`` wide."""
        self.zoom = zoom
        widths = [max(1, round(w * zoom)) for w, _ in self.sizes]
        self.width = max(max(widths, default=0) + 2 * self.margin, viewport_width)
        self.rects = []
        y = self.margin
        for (_, h), width in zip(self.sizes, widths, strict=True):
            height = max(1, round(h * zoom))
            self.rects.append(Rect((self.width - width) // 2, y, width, height))
            y += height + self.label_height + self.gap
        self._tops = [rect.y for rect in self.rects]
        self.height = y - self.gap + self.margin if self.rects else 2 * self.margin

    def visible(self, top: int, bottom: int) -> range:
        """The pages that intersect the rows ``top`` (included) to ``bottom`` (excluded)."""
        if not self.rects:
            return range(0)
        first = max(0, bisect.bisect_right(self._tops, top) - 1)
        if self.rects[first].bottom + self.label_height <= top:
            first += 1
        last = bisect.bisect_left(self._tops, bottom)
        return range(min(first, last), last)

    def page_at(self, y: float) -> int:
        """The page at row ``y``; in a gap, the page below it (the last page past the end)."""
        if not self.rects:
            raise IndexError("no pages")
        index = bisect.bisect_right(self._tops, y) - 1
        if index < 0:
            return 0
        if y >= self.rects[index].bottom + self.label_height and index + 1 < len(self.rects):
            return index + 1
        return index

    def current_page(self, top: int, viewport_height: int, *, at_end: bool = False) -> int:
        """The page a reader is on: the first one showing at least half of what it can.

        ``at_end``: scrolled to the very end, where the last page is current if it shows
        whole (it can never reach the top of the viewport).
        """
        bottom = top + viewport_height
        pages = self.visible(top, bottom)
        if at_end and pages and self.rects[pages[-1]].y >= top:
            return pages[-1]
        for page in pages:
            rect = self.rects[page]
            shown = min(rect.bottom, bottom) - max(rect.y, top)
            if shown * 2 >= min(rect.height, viewport_height):
                return page
        return pages[0] if pages else self.page_at(top)

    def page_top(self, page: int) -> int:
        """The scroll position that shows ``page`` at the top, with a margin above it."""
        return max(0, self.rects[page].y - self.margin)

    def to_page(self, x: float, y: float) -> tuple[int, float, float]:
        """``(page, x, y)`` in points of the page nearest to the logical point ``(x, y)``."""
        page = self.page_at(y)
        rect = self.rects[page]
        return page, (x - rect.x) / self.zoom, (y - rect.y) / self.zoom

    def from_page(self, page: int, x: float, y: float) -> tuple[float, float]:
        """The logical point of ``(x, y)`` points on ``page``."""
        rect = self.rects[page]
        return rect.x + x * self.zoom, rect.y + y * self.zoom

    def box_rect(self, page: int, box: tuple[float, float, float, float]) -> Rect:
        """The whole pixels covering ``box`` (points of ``page``)."""
        x0, y0 = self.from_page(page, box[0], box[1])
        x1, y1 = self.from_page(page, box[2], box[3])
        left, top = math.floor(x0), math.floor(y0)
        return Rect(left, top, max(1, math.ceil(x1) - left), max(1, math.ceil(y1) - top))
