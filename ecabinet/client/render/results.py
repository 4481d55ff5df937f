"""What the render service hands back: document facts, pixels, words, search hits, failures.

All of them are immutable and picklable: the worker process builds most of them and sends them
over a pipe as they are.

Coordinates: every box (words, search hits) is in PDF points of the page *as displayed*, that
is after the page's ``/Rotate`` and relative to the top-left corner of its crop box, y
downwards.  A box ``(x0, y0, x1, y1)`` covers the pixels ``x0 * scale … x1 * scale`` and
``y0 * scale … y1 * scale`` of a :class:`RenderedPage` rendered at ``scale``, whatever the
rotation, and the displayed page is ``PageInfo.width`` × ``PageInfo.height`` points.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from typing import ClassVar, TypeAlias

__all__ = [
    "Box",
    "DocumentInfo",
    "FailureReason",
    "PageInfo",
    "PageText",
    "RenderedPage",
    "RequestFailed",
    "Result",
    "SearchHits",
    "Word",
]

Box: TypeAlias = tuple[float, float, float, float]
"""``(x0, y0, x1, y1)`` in points of the displayed page, ``x0 <= x1`` and ``y0 <= y1``."""

Word: TypeAlias = tuple[float, float, float, float, str]
"""``(x0, y0, x1, y1, text)``: one word and its box, as :data:`Box`."""


@dataclass(frozen=True, slots=True)
class PageInfo:
    """The size of one page as it is displayed.

    Attributes:
        width: in points, after rotation (a landscape page turned by 90° is narrower).
        height: in points, after rotation.
        rotation: the page's ``/Rotate``, one of 0, 90, 180, 270 (already applied to
            ``width`` and ``height``, to the pixels and to every box).
    """

    width: float
    height: float
    rotation: int


@dataclass(frozen=True, slots=True)
class DocumentInfo:
    """The answer to ``open_document``: enough to lay out a continuous scroll at once.

    Attributes:
        doc_id: the caller's id of the document.
        pages: one entry per page, in order.
        repaired: MuPDF had to repair a broken cross-reference table to read the file; the
            pages shown may be incomplete, so the viewer may warn the reader.
        damaged_pages: pages whose description could not be read; they are listed with an A4
            portrait size and rendering them fails with ``FailureReason.DAMAGED``.
    """

    doc_id: str
    pages: tuple[PageInfo, ...]
    repaired: bool = False
    damaged_pages: tuple[int, ...] = ()

    @property
    def page_count(self) -> int:
        """The number of pages."""
        return len(self.pages)


@dataclass(frozen=True, slots=True, eq=False)
class RenderedPage:
    """One page rendered into pixels.

    Pixel layout: ``samples`` holds ``height`` rows of ``stride`` bytes, top row first; each
    row is ``width`` pixels of 3 bytes, red, green, blue (8 bits each, sRGB, no alpha, no
    padding: ``stride == 3 * width``).  That is Qt's ``QImage.Format.Format_RGB888``:
    ``QImage(samples, width, height, stride, QImage.Format.Format_RGB888)`` (then
    ``QPixmap.fromImage``, which copies the bytes and converts them once to the screen's
    format).

    Equality is identity: comparing megabytes is never what is meant.

    Attributes:
        request_id: the id ``render`` returned.
        doc_id: the document.
        page: 0-based page number.
        scale: pixels per point, as requested.
        width: in pixels.
        height: in pixels.
        stride: bytes per row.
        samples: the pixels, ``stride * height`` bytes.
        elapsed_ms: time the worker spent rendering (transfer not included).
    """

    PIXEL_FORMAT: ClassVar[str] = "RGB888"
    BYTES_PER_PIXEL: ClassVar[int] = 3

    request_id: int
    doc_id: str
    page: int
    scale: float
    width: int
    height: int
    stride: int
    samples: bytes = field(repr=False)
    elapsed_ms: float


@dataclass(frozen=True, slots=True)
class PageText:
    """The words of one page, for text selection and copy.

    Attributes:
        request_id: the id ``extract_text`` returned.
        doc_id: the document.
        page: 0-based page number.
        words: in the order the page's content draws them (usually reading order for
            documents made by word processors), boxes in displayed-page points.
    """

    request_id: int
    doc_id: str
    page: int
    words: list[Word]


@dataclass(frozen=True, slots=True)
class SearchHits:
    """The hits of a search on one page; a search streams one of these per page with hits.

    The last message of a search has ``done=True``; its ``rects`` may be empty, and then
    ``page`` is simply the last page searched.  Pages are searched from ``from_page`` to the
    end, then from the first page, so the first hits arrive quickly.

    Attributes:
        request_id: the id ``search`` returned.
        doc_id: the document.
        page: 0-based page number.
        rects: one box per hit (a hit broken across lines gives a box per line), in
            displayed-page points.  Matching ignores case.
        done: no more messages follow for this search.
        unsearched_pages: only on the last message: pages that could not be searched
            (damaged, or known to crash the renderer).
    """

    request_id: int
    doc_id: str
    page: int
    rects: list[Box]
    done: bool
    unsearched_pages: tuple[int, ...] = ()


class FailureReason(enum.StrEnum):
    """Why a request failed; the UI picks its translated message by this."""

    DAMAGED = "damaged"
    """The file or the page cannot be read; another copy of the document is needed."""
    ENCRYPTED = "encrypted"
    """The PDF needs a password; the secretary must attach an unprotected copy."""
    NOT_OPEN = "not-open"
    """No document by that id is open (never opened, closed, or its opening failed)."""
    NO_SUCH_PAGE = "no-such-page"
    """The page number is past the end of the document."""
    TOO_LARGE = "too-large"
    """The rendering would exceed the pixel limit; ask for a smaller scale."""
    INTERRUPTED = "interrupted"
    """The worker process stopped while the request was pending; asking again restarts it."""
    CRASHED = "crashed"
    """This page (or document) crashed the worker twice; it is not tried again until the
    document is opened anew."""
    FAILED = "failed"
    """An unexpected error in the worker; the message says which."""


@dataclass(frozen=True, slots=True)
class RequestFailed:
    """A request, or the opening of a document, that produced no result.

    Attributes:
        request_id: the failed request, or None when opening ``doc_id`` failed.
        doc_id: the document.
        page: the page concerned, if any.
        reason: what kind of failure, for the UI.
        message: what happened, in English, for logs and bug reports.
    """

    request_id: int | None
    doc_id: str
    page: int | None
    reason: FailureReason
    message: str


Result: TypeAlias = DocumentInfo | RenderedPage | PageText | SearchHits | RequestFailed
"""Everything ``on_result`` can receive."""
