"""Text selection over the words the render service extracts, and search hits; Qt-free.

A selection runs from the word under the point where the drag started to the word under the
pointer, in the order the page draws its words (reading order for documents made by word
processors), across pages.  Boxes are in points of the displayed page (see
``ecabinet.client.render.results``).
"""

from __future__ import annotations

import bisect
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from ecabinet.client.render import Box, Word

__all__ = ["HitList", "Selection", "WordRef", "line_boxes", "selected_text", "word_at"]

# Points of slack around a word's box that still count as "on" the word.
_SLACK = 2.0


@dataclass(frozen=True, order=True, slots=True)
class WordRef:
    """One word: its page and its index in that page's word list."""

    page: int
    index: int


def word_at(words: Sequence[Word], x: float, y: float) -> int | None:
    """The index of the word at ``(x, y)``, else the nearest one on that line, else overall.

    Returns None only when ``words`` is empty.
    """
    if not words:
        return None
    best: tuple[float, int] | None = None
    for index, (x0, y0, x1, y1, _) in enumerate(words):
        dx = max(x0 - x, 0.0, x - x1)
        dy = max(y0 - y, 0.0, y - y1)
        if dx <= _SLACK and dy <= _SLACK:
            return index
        # A word on the pointer's line beats a nearer word on another line.
        distance = dx + (dy + 1000.0 if dy > _SLACK else 0.0)
        if best is None or distance < best[0]:
            best = (distance, index)
    assert best is not None
    return best[1]


@dataclass(frozen=True, slots=True)
class Selection:
    """The words from ``start`` to ``end``, both included, ``start <= end``."""

    start: WordRef
    end: WordRef

    @classmethod
    def between(cls, a: WordRef, b: WordRef) -> Selection:
        """The selection of the words between two ends given in any order."""
        return cls(min(a, b), max(a, b))

    def on_page(self, page: int, count: int) -> range:
        """The indices selected among the ``count`` words of ``page``."""
        if page < self.start.page or page > self.end.page:
            return range(0)
        first = self.start.index if page == self.start.page else 0
        last = self.end.index if page == self.end.page else count - 1
        return range(first, min(last, count - 1) + 1)

    @property
    def pages(self) -> range:
        """The pages the selection touches."""
        return range(self.start.page, self.end.page + 1)


def _same_line(a: Word, b: Word) -> bool:
    middle = (b[1] + b[3]) / 2
    return a[1] <= middle <= a[3] and b[0] >= a[0] - _SLACK


def line_boxes(words: Sequence[Word], indices: range) -> list[Box]:
    """Boxes to paint for the selected words: neighbours on a line joined, without gaps."""
    boxes: list[Box] = []
    for index in indices:
        x0, y0, x1, y1, _ = words[index]
        following = words[index + 1] if index + 1 in indices else None
        if following is not None and _same_line(words[index], following):
            x1 = max(x1, following[0])
        boxes.append((x0, y0, x1, y1))
    return boxes


def selected_text(words_by_page: Mapping[int, Sequence[Word]], selection: Selection) -> str:
    """The selected words as text: spaces within a line, a line break between lines."""
    lines: list[str] = []
    for page in selection.pages:
        words = words_by_page.get(page, ())
        current: list[str] = []
        previous: Word | None = None
        for index in selection.on_page(page, len(words)):
            word = words[index]
            if previous is not None and not _same_line(previous, word):
                lines.append(" ".join(current))
                current = []
            current.append(word[4])
            previous = word
        if current:
            lines.append(" ".join(current))
    return "\n".join(lines)


class HitList:
    """The hits of one search, in page order, and which one is current.

    Hits stream in page by page (the search starts at the reader's page and wraps); the
    current hit stays the same hit while others arrive.
    """

    def __init__(self) -> None:
        self._keys: list[tuple[int, float, float]] = []
        self._hits: list[tuple[int, Box]] = []
        self._by_page: dict[int, list[Box]] = {}
        self._current: tuple[int, float, float] | None = None

    def __len__(self) -> int:
        return len(self._hits)

    def add(self, page: int, rects: Sequence[Box]) -> None:
        """Add the hits of one page."""
        for box in rects:
            key = (page, box[1], box[0])
            index = bisect.bisect(self._keys, key)
            self._keys.insert(index, key)
            self._hits.insert(index, (page, box))
            self._by_page.setdefault(page, []).append(box)

    def on_page(self, page: int) -> list[Box]:
        """The hits on ``page``."""
        return self._by_page.get(page, [])

    @property
    def index(self) -> int | None:
        """The 0-based position of the current hit, if there is one."""
        if self._current is None:
            return None
        return bisect.bisect_left(self._keys, self._current)

    @property
    def current(self) -> tuple[int, Box] | None:
        """``(page, box)`` of the current hit."""
        index = self.index
        return None if index is None else self._hits[index]

    def select_first_from(self, page: int) -> tuple[int, Box] | None:
        """Make the first hit on or after ``page`` (wrapping) current, and return it."""
        if not self._hits:
            return None
        index = bisect.bisect_left(self._keys, (page, float("-inf"), float("-inf")))
        return self._select(index % len(self._hits))

    def step(self, delta: int, page: int) -> tuple[int, Box] | None:
        """Move ``delta`` hits from the current one (or start at ``page``), wrapping."""
        if not self._hits:
            return None
        index = self.index
        if index is None:
            first = self.select_first_from(page)
            return first if delta > 0 else self._select((self.index or 0) - 1)
        return self._select((index + delta) % len(self._hits))

    def _select(self, index: int) -> tuple[int, Box]:
        index %= len(self._hits)
        self._current = self._keys[index]
        return self._hits[index]
