"""The requests of one open document: what to render, what to cancel, and pixmaps to paint.

The page canvas and the thumbnail strip each say what they want now (:meth:`PageLoader.want`:
pages, scales, priorities).  The loader asks the render service for what is neither cached
nor already asked for, cancels what nobody wants any more (pages scrolled away), and turns
rendered pixels into pixmaps for painting, from the service's bounded cache.  It never
waits: painting uses what has arrived, and ``changed`` says when more did.
"""

from __future__ import annotations

import logging
from collections import Counter, OrderedDict
from dataclasses import dataclass
from typing import Literal

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QImage, QPixmap

from ecabinet.client.render import (
    MAX_SCALE,
    FailureReason,
    PageText,
    RenderedPage,
    RequestFailed,
    Word,
)
from ecabinet.ui.viewer.hub import RenderHub

__all__ = ["PageLoader", "Want", "to_pixmap"]

_log = logging.getLogger(__name__)

# A request interrupted this many times (the worker keeps dying) is not asked again.
_MAX_INTERRUPTIONS = 3


@dataclass(frozen=True, slots=True)
class Want:
    """One thing a view wants: the pixels of a page at a scale, or the words of a page.

    ``priority``: lower is sooner (0 visible pages, 1–2 neighbours, 3 thumbnails).
    """

    kind: Literal["render", "text"]
    page: int
    scale: float
    priority: int

    @property
    def key(self) -> tuple[str, int, float]:
        """What identifies the request, whatever its priority."""
        return (self.kind, self.page, self.scale)


def to_pixmap(rendered: RenderedPage, device_pixel_ratio: float) -> QPixmap:
    """A pixmap of the rendered pixels (RGB888 rows of ``stride`` bytes), copied."""
    image = QImage(
        rendered.samples,
        rendered.width,
        rendered.height,
        rendered.stride,
        QImage.Format.Format_RGB888,
    )
    image.setDevicePixelRatio(device_pixel_ratio)
    # fromImage copies the pixels, so the pixmap does not depend on ``samples`` living on.
    pixmap = QPixmap.fromImage(image)
    pixmap.setDevicePixelRatio(device_pixel_ratio)
    return pixmap


def _nbytes(pixmap: QPixmap) -> int:
    return pixmap.width() * pixmap.height() * max(pixmap.depth() // 8, 1)


class PageLoader(QObject):
    """Requests, cancellations and pixmaps for one document opened under ``key``.

    Signals:
        changed: a page (its number) has new pixels, words or a failure.
        retry: requests were interrupted; the views should say what they want again.

    Args:
        hub: the app's render hub.
        key: the service-side document id (see :meth:`RenderHub.new_key`).
    """

    changed = Signal(int)
    retry = Signal()

    def __init__(self, hub: RenderHub, key: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.hub = hub
        self.key = key
        self.words: dict[int, list[Word]] = {}
        self.failures: dict[int, FailureReason] = {}
        self._text_failures: set[int] = set()
        self._wants: dict[str, list[Want]] = {}
        self._requests: dict[tuple[str, int, float], tuple[int, int]] = {}  # key → (id, prio)
        self._by_id: dict[int, tuple[str, int, float]] = {}
        self._interruptions: Counter[tuple[str, int, float]] = Counter()
        self._memo: OrderedDict[tuple[int, float], tuple[int, QPixmap]] = OrderedDict()
        self._memo_bytes = 0
        self.memo_limit = max(hub.cache_bytes_limit // 3, 24 * 1024 * 1024)
        self._closed = False
        hub.rendered.connect(self._on_rendered)
        hub.text_ready.connect(self._on_text)
        hub.failed.connect(self._on_failed)

    @property
    def pending(self) -> dict[tuple[str, int, float], int]:
        """The request id of each thing asked for and not yet answered."""
        return {key: rid for key, (rid, _) in self._requests.items()}

    def owns(self, request_id: int | None) -> bool:
        """Whether ``request_id`` is one of this loader's pending requests."""
        return request_id is not None and request_id in self._by_id

    # What the views want.

    def want(self, owner: str, wants: list[Want]) -> None:
        """Replace what ``owner`` wants; ask for what is missing, cancel what nobody wants."""
        if self._closed or self.hub.closed:
            return
        self._wants[owner] = wants
        merged: dict[tuple[str, int, float], int] = {}
        for items in self._wants.values():
            for item in items:
                merged[item.key] = min(item.priority, merged.get(item.key, item.priority))
        service = self.hub.service
        for key, (rid, priority) in list(self._requests.items()):
            if key not in merged or merged[key] < priority:
                service.cancel(rid)
                del self._requests[key], self._by_id[rid]
        for key, priority in sorted(merged.items(), key=lambda item: item[1]):
            if key in self._requests or not self._missing(key):
                continue
            kind, page, scale = key
            if kind == "render":
                rid = service.render(self.key, page, scale, priority=priority)
            else:
                rid = service.extract_text(self.key, page, priority=priority)
            self._requests[key] = (rid, priority)
            self._by_id[rid] = key

    def has_pixels(self, page: int) -> bool:
        """Whether anything at all of ``page`` can be painted now."""
        if any(memo_page == page for memo_page, _ in self._memo):
            return True
        return self.hub.service.cached_best(self.key, page, MAX_SCALE) is not None

    def pixmap(self, page: int, scale: float) -> tuple[QPixmap, float] | None:
        """The best pixmap of ``page`` for painting at ``scale``, and its scale; or None.

        Exactly ``scale`` if it has arrived, else the sharpest smaller one, else a larger one
        (drawn scaled while the right one is on its way).
        """
        if self._closed or self.hub.closed:
            return None
        exact = self._memo.get((page, scale))
        if exact is not None:
            self._memo.move_to_end((page, scale))
            return exact[1], scale
        service = self.hub.service
        rendered = service.cached_best(self.key, page, scale) or service.cached_best(
            self.key, page, MAX_SCALE
        )
        if rendered is not None:
            return self._remember(rendered), rendered.scale
        scales = [memo_scale for memo_page, memo_scale in self._memo if memo_page == page]
        if not scales:
            return None
        best = max(scales)
        return self._memo[(page, best)][1], best

    def close(self) -> None:
        """Cancel every request and close the document in the worker."""
        if self._closed:
            return
        self._closed = True
        for signal, slot in (
            (self.hub.rendered, self._on_rendered),
            (self.hub.text_ready, self._on_text),
            (self.hub.failed, self._on_failed),
        ):
            signal.disconnect(slot)
        if not self.hub.closed:
            self.hub.service.cancel_all(self.key)
            self.hub.service.close_document(self.key)
        self._requests.clear()
        self._by_id.clear()
        self._memo.clear()
        self._memo_bytes = 0

    # Inside.

    def _missing(self, key: tuple[str, int, float]) -> bool:
        kind, page, scale = key
        if self._interruptions[key] >= _MAX_INTERRUPTIONS:
            return False
        if kind == "text":
            return page not in self.words and page not in self._text_failures
        if page in self.failures or (page, scale) in self._memo:
            return False
        return self.hub.service.cached(self.key, page, scale) is None

    def _remember(self, rendered: RenderedPage) -> QPixmap:
        key = (rendered.page, rendered.scale)
        known = self._memo.get(key)
        if known is not None and known[0] == rendered.request_id:
            self._memo.move_to_end(key)
            return known[1]
        self._forget(key)
        # The device pixel ratio is set by the painter; 1.0 keeps the pixmap's size plain.
        pixmap = to_pixmap(rendered, 1.0)
        self._memo[key] = (rendered.request_id, pixmap)
        self._memo_bytes += _nbytes(pixmap)
        while self._memo_bytes > self.memo_limit and len(self._memo) > 1:
            self._forget(next(iter(self._memo)))
        return pixmap

    def _forget(self, key: tuple[int, float]) -> None:
        known = self._memo.pop(key, None)
        if known is not None:
            self._memo_bytes -= _nbytes(known[1])

    def _on_rendered(self, rendered: RenderedPage) -> None:
        if rendered.doc_id != self.key or self._closed:
            return
        key = self._by_id.pop(rendered.request_id, None)
        if key is None:
            return
        self._requests.pop(key, None)
        self._interruptions.pop(key, None)
        # Kept here too: if the service's cache drops it before it is painted, it is not
        # asked for again and again.
        self._remember(rendered)
        self.changed.emit(rendered.page)

    def _on_text(self, text: PageText) -> None:
        if text.doc_id != self.key or self._closed:
            return
        key = self._by_id.pop(text.request_id, None)
        if key is not None:
            self._requests.pop(key, None)
        self.words[text.page] = list(text.words)
        self.changed.emit(text.page)

    def _on_failed(self, failure: RequestFailed) -> None:
        if failure.doc_id != self.key or self._closed or failure.request_id is None:
            return
        key = self._by_id.pop(failure.request_id, None)
        if key is None:
            return
        self._requests.pop(key, None)
        kind, page, _ = key
        if failure.reason == FailureReason.INTERRUPTED:
            self._interruptions[key] += 1
            if self._interruptions[key] < _MAX_INTERRUPTIONS:
                self.retry.emit()
                return
        _log.info("page %s of %s: %s", page + 1, self.key, failure.message)
        if kind == "text":
            self._text_failures.add(page)
        else:
            self.failures[page] = failure.reason
        self.changed.emit(page)
