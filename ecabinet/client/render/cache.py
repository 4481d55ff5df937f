"""A least-recently-used cache of rendered pages, bounded by the bytes of their pixels."""

from __future__ import annotations

from collections import OrderedDict

from ecabinet.client.render.results import RenderedPage

__all__ = ["PageCache"]

_Key = tuple[str, int, float]


class PageCache:
    """Rendered pages by ``(doc_id, page, scale)``, the least recently used evicted first.

    A page is charged the length of its samples (the rest is a few hundred bytes).  A page
    larger than the whole bound is not kept.  Not thread-safe: the render service guards it
    with its lock.

    Args:
        max_bytes: the bound on the sum of the cached samples.
    """

    def __init__(self, max_bytes: int) -> None:
        if max_bytes < 0:
            raise ValueError(f"max_bytes must not be negative, not {max_bytes}")
        self.max_bytes = max_bytes
        self._pages: OrderedDict[_Key, RenderedPage] = OrderedDict()
        # Scales cached per page, so that `best` does not scan the whole cache.
        self._scales: dict[tuple[str, int], set[float]] = {}
        self._nbytes = 0

    @property
    def nbytes(self) -> int:
        """The bytes of samples held now; never more than ``max_bytes``."""
        return self._nbytes

    def __len__(self) -> int:
        return len(self._pages)

    def put(self, rendered: RenderedPage) -> None:
        """Keep ``rendered`` as the most recently used, evicting as needed."""
        key = (rendered.doc_id, rendered.page, rendered.scale)
        self._remove(key)
        size = len(rendered.samples)
        if size > self.max_bytes:
            return
        while self._nbytes + size > self.max_bytes:
            self._remove(next(iter(self._pages)))
        self._pages[key] = rendered
        self._scales.setdefault(key[:2], set()).add(rendered.scale)
        self._nbytes += size

    def get(self, doc_id: str, page: int, scale: float) -> RenderedPage | None:
        """The page rendered at exactly ``scale``, marked as recently used; or None."""
        rendered = self._pages.get((doc_id, page, scale))
        if rendered is not None:
            self._pages.move_to_end((doc_id, page, scale))
        return rendered

    def best(self, doc_id: str, page: int, max_scale: float) -> RenderedPage | None:
        """The sharpest rendering of the page at a scale up to ``max_scale``; or None."""
        scales = [s for s in self._scales.get((doc_id, page), ()) if s <= max_scale]
        return self.get(doc_id, page, max(scales)) if scales else None

    def discard_document(self, doc_id: str) -> None:
        """Forget every page of ``doc_id``."""
        for key in [key for key in self._pages if key[0] == doc_id]:
            self._remove(key)

    def clear(self) -> None:
        """Forget everything."""
        self._pages.clear()
        self._scales.clear()
        self._nbytes = 0

    def _remove(self, key: _Key) -> None:
        rendered = self._pages.pop(key, None)
        if rendered is None:
            return
        self._nbytes -= len(rendered.samples)
        scales = self._scales[key[:2]]
        scales.discard(key[2])
        if not scales:
            del self._scales[key[:2]]
