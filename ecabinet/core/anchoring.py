"""Finding an annotation's text again in a revised document.

Board portals lose their users' notes when a document is replaced.  Here a note holds on to
the words it quotes, with a few words of context on each side, not only to page coordinates;
when a new version of the document arrives, each note is placed again in three steps:

1. **exact** — the quote with its context, both unchanged, anywhere in the document (pages
   inserted or removed before it only move it);
2. **moved** — the quote alone, its context changed, near where the note is expected: the
   page it was on, shifted by what the exact placements show of inserted or removed pages;
3. **edited** — a tolerant match of the quote (RapidFuzz's best partial alignment, at least
   :data:`MIN_SIMILARITY` %) on the pages around the expected one, for small edits inside it.

A note that none of them places is *orphaned*: the caller keeps it on the old version and
says so; nothing is dropped.  Geometry is recomputed from the boxes of the words found, one
box per line.  Notes that do not quote text (a sticky note on a point, freehand ink, a
bookmark) hold on to the words nearest to them and move with those words.

Pure computation: the caller extracts the words of each page (in a worker process).
"""

from __future__ import annotations

import bisect
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from rapidfuzz import fuzz

__all__ = [
    "CONTEXT_WORDS",
    "MIN_SIMILARITY",
    "Box",
    "DocumentText",
    "Placement",
    "Quote",
    "Word",
    "line_boxes",
    "reanchor",
]

Box = tuple[float, float, float, float]
# Words of context kept on each side of a quote.
CONTEXT_WORDS = 8
# How similar (0–100) an edited quote must still be to its new text, and its context to the
# text around it (a paragraph that is gone must not be "found" in similar words elsewhere).
MIN_SIMILARITY = 75.0
MIN_CONTEXT_SIMILARITY = 60.0
# Quotes shorter than this are too easily found by chance to be matched tolerantly.
_MIN_TOLERANT_CHARS = 20
# A quote of fewer words than this is "moved" only if some of its context came along.
_DISTINCT_WORDS = 4
# How far (in pages) from the expected page a quote without its context, or an edited one,
# is looked for.
_NEAR_PAGES = 3

Method = Literal["exact", "moved", "edited"]


@dataclass(frozen=True, slots=True)
class Word:
    """A word of a page as MuPDF gives it: its text, its box, the line it is on."""

    text: str
    box: Box
    line: tuple[int, int]  # block and line numbers: boxes on one line are merged


@dataclass(frozen=True, slots=True)
class Quote:
    """The words a note holds on to, and where they were (0-based page)."""

    page: int
    text: str
    before: str = ""
    after: str = ""


@dataclass(frozen=True, slots=True)
class Placement:
    """Where a note's words are in the new version: words ``first``–``last`` of ``page``."""

    page: int
    first: int
    last: int
    boxes: tuple[Box, ...]
    method: Method


def _clean(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).split())


def line_boxes(words: Sequence[Word]) -> tuple[Box, ...]:
    """One box per line around ``words`` (in their order)."""
    merged: dict[tuple[int, int], Box] = {}
    for word in words:
        x0, y0, x1, y1 = word.box
        have = merged.get(word.line)
        if have is None:
            merged[word.line] = word.box
        else:
            merged[word.line] = (
                min(have[0], x0),
                min(have[1], y0),
                max(have[2], x1),
                max(have[3], y1),
            )
    return tuple(merged.values())


class DocumentText:
    """The words of a whole document, joined into one string that quotes are looked up in."""

    def __init__(self, pages: Sequence[Sequence[Word]]) -> None:
        self.pages = pages
        self._places: list[tuple[int, int]] = []  # page, index on the page, per word
        self._starts: list[int] = []  # offset of each word in self.text
        self._page_first: list[int] = []  # the first word (document-wide) of each page
        parts: list[str] = []
        offset = 0
        for number, words in enumerate(pages):
            self._page_first.append(len(self._places))
            for index, word in enumerate(words):
                text = _clean(word.text).replace(" ", "\u00a0") or "\u00a0"
                self._places.append((number, index))
                self._starts.append(offset)
                parts.append(text)
                offset += len(text) + 1
        self._page_first.append(len(self._places))
        self.text = " ".join(parts)

    def quote(self, page: int, first: int, last: int) -> Quote:
        """The quote of words ``first``–``last`` of ``page``, with its context."""
        start = self._page_first[page] + first
        end = self._page_first[page] + last + 1
        return Quote(
            page,
            self._join(start, end),
            self._join(max(0, start - CONTEXT_WORDS), start),
            self._join(end, min(len(self._places), end + CONTEXT_WORDS)),
        )

    def nearest_quote(self, page: int, box: Box, size: int = 4) -> Quote | None:
        """The ``size`` words nearest to ``box`` on ``page``, for notes that quote nothing."""
        words = self.pages[page] if 0 <= page < len(self.pages) else ()
        if not words:
            return None
        cx, cy = (box[0] + box[2]) / 2, (box[1] + box[3]) / 2

        def distance(index: int) -> float:
            x0, y0, x1, y1 = words[index].box
            dx = max(x0 - cx, 0.0, cx - x1)
            dy = max(y0 - cy, 0.0, cy - y1)
            return dx * dx + dy * dy

        nearest = min(range(len(words)), key=distance)
        first = max(0, min(nearest - size // 2, len(words) - size))
        return self.quote(page, first, min(len(words), first + size) - 1)

    def _join(self, start: int, end: int) -> str:
        if start >= end:
            return ""
        last = self._starts[end - 1] + self._word_length(end - 1)
        return self.text[self._starts[start] : last]

    def _word_length(self, index: int) -> int:
        following = self._starts[index + 1] if index + 1 < len(self._starts) else len(self.text) + 1
        return following - 1 - self._starts[index]

    def page_of_offset(self, offset: int) -> int:
        return self._places[self._word_at(offset)][0]

    def _word_at(self, offset: int) -> int:
        return max(0, bisect.bisect_right(self._starts, offset) - 1)

    def occurrences(self, needle: str) -> list[int]:
        """Offsets where ``needle`` occurs as whole words."""
        found = []
        text = self.text
        at = text.find(needle)
        while at >= 0:
            end = at + len(needle)
            if (at == 0 or text[at - 1] == " ") and (end == len(text) or text[end] == " "):
                found.append(at)
            at = text.find(needle, at + 1)
        return found

    def placement(self, start: int, end: int, method: Method) -> Placement:
        """The placement of the words covering offsets ``start``–``end``.

        A quote now running over a page break is placed on the page holding most of it.
        """
        first = self._word_at(start)
        last = max(first, self._word_at(max(start, end - 1)))
        page = max(
            range(self._places[first][0], self._places[last][0] + 1),
            key=lambda p: min(last + 1, self._page_first[p + 1]) - max(first, self._page_first[p]),
        )
        first = max(first, self._page_first[page])
        last = min(last, self._page_first[page + 1] - 1)
        first_index, last_index = self._places[first][1], self._places[last][1]
        words = self.pages[page][first_index : last_index + 1]
        return Placement(page, first_index, last_index, line_boxes(words), method)

    def page_range(self, first_page: int, last_page: int) -> tuple[int, int]:
        """The offsets of the text of pages ``first_page``–``last_page`` (clamped)."""
        first_page = max(0, first_page)
        last_page = min(len(self.pages) - 1, last_page)
        if first_page > last_page:
            return (0, 0)
        start_word = self._page_first[first_page]
        end_word = self._page_first[last_page + 1]
        if start_word >= end_word:
            return (0, 0)
        start = self._starts[start_word]
        end = self._starts[end_word - 1] + self._word_length(end_word - 1)
        return (start, end)

    def context_score(self, at: int, quote: Quote) -> int:
        """How many characters of the quote's context are unchanged around offset ``at``."""
        text = self.text
        score = 0
        if quote.before:
            have = text[max(0, at - 1 - len(quote.before)) : max(0, at - 1)]
            score += _common_suffix(have, quote.before)
        if quote.after:
            end = at + len(quote.text) + 1
            score += _common_prefix(text[end : end + len(quote.after)], quote.after)
        return score


def _common_prefix(a: str, b: str) -> int:
    n = min(len(a), len(b))
    i = 0
    while i < n and a[i] == b[i]:
        i += 1
    return i


def _common_suffix(a: str, b: str) -> int:
    n = min(len(a), len(b))
    i = 0
    while i < n and a[-1 - i] == b[-1 - i]:
        i += 1
    return i


def reanchor(quotes: Sequence[Quote], new: DocumentText) -> list[Placement | None]:
    """Place each quote in the new version; ``None`` for an orphan.

    Quotes whose context is intact are placed first, wherever they are; what they show of
    pages moving tells where the others are to be expected.
    """
    placed: list[Placement | None] = [None] * len(quotes)
    needles = [_clean(q.text) for q in quotes]
    shifts: list[tuple[int, int]] = []  # old page, new page − old page
    for number, quote in enumerate(quotes):
        needle = needles[number]
        if not needle:
            continue
        full = len(_clean(quote.before)) + len(_clean(quote.after))
        best: tuple[int, int] | None = None
        for at in new.occurrences(needle):
            if new.context_score(at, _cleaned(quote, needle)) == full:
                distance = abs(new.page_of_offset(at) - quote.page)
                if best is None or distance < best[0]:
                    best = (distance, at)
        if best is not None:
            placement = new.placement(best[1], best[1] + len(needle), "exact")
            placed[number] = placement
            shifts.append((quote.page, placement.page - quote.page))
    shifts.sort()
    for number, quote in enumerate(quotes):
        needle = needles[number]
        if placed[number] is not None or not needle:
            continue
        expected = quote.page + _shift(shifts, quote.page)
        cleaned = _cleaned(quote, needle)
        placed[number] = _moved(new, cleaned, expected) or _edited(new, cleaned, expected)
    return placed


def _cleaned(quote: Quote, needle: str) -> Quote:
    return Quote(quote.page, needle, _clean(quote.before), _clean(quote.after))


def _shift(shifts: list[tuple[int, int]], page: int) -> int:
    """The page shift of the nearest exactly placed note at or before ``page`` (else after)."""
    if not shifts:
        return 0
    at = bisect.bisect_right(shifts, (page, 1 << 30))
    return shifts[at - 1][1] if at > 0 else shifts[0][1]


def _moved(new: DocumentText, quote: Quote, expected: int) -> Placement | None:
    """The quote alone near the expected page: most context kept first, then nearest."""
    best: tuple[int, int, int] | None = None
    distinct = quote.text.count(" ") + 1 >= _DISTINCT_WORDS
    for at in new.occurrences(quote.text):
        distance = abs(new.page_of_offset(at) - expected)
        if distance > _NEAR_PAGES:
            continue
        key = (-new.context_score(at, quote), distance, at)
        if best is None or key < best:
            best = key
    if best is None or (not distinct and -best[0] < 3):
        return None  # a few common words, all context gone: more likely chance than the quote
    return new.placement(best[2], best[2] + len(quote.text), "moved")


def _edited(new: DocumentText, quote: Quote, expected: int) -> Placement | None:
    """A tolerant match of the quote on the pages around the expected one, in its context."""
    needle = quote.text
    if len(needle) < _MIN_TOLERANT_CHARS:
        return None
    start, end = new.page_range(expected - _NEAR_PAGES, expected + _NEAR_PAGES)
    if end <= start:
        return None
    window = new.text[start:end]
    found = fuzz.partial_ratio_alignment(needle, window, score_cutoff=MIN_SIMILARITY)
    if found is None:
        return None
    at, until = start + found.dest_start, start + found.dest_end
    text = new.text
    before = text[max(0, at - len(quote.before) - 1) : at]
    after = text[until : until + len(quote.after) + 1]
    context = max(
        fuzz.ratio(quote.before, before) if quote.before else 0.0,
        fuzz.ratio(quote.after, after) if quote.after else 0.0,
    )
    if (quote.before or quote.after) and context < MIN_CONTEXT_SIMILARITY:
        return None
    return new.placement(at, until, "edited")
