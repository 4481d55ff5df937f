"""The page cache: least recently used out first, bounded by the bytes of the pixels."""

from __future__ import annotations

import pytest

from ecabinet.client.render import RenderedPage
from ecabinet.client.render.cache import PageCache


def _page(doc_id: str, page: int, scale: float, size: int) -> RenderedPage:
    return RenderedPage(
        request_id=1,
        doc_id=doc_id,
        page=page,
        scale=scale,
        width=size // 3,
        height=1,
        stride=size,
        samples=bytes(size),
        elapsed_ms=1.0,
    )


def _scale(rendered: RenderedPage | None) -> float | None:
    return None if rendered is None else rendered.scale


def test_least_recently_used_pages_go_first_and_the_bound_holds() -> None:
    cache = PageCache(max_bytes=1000)
    for number in range(3):
        cache.put(_page("d", number, 1.0, 300))
    assert cache.get("d", 0, 1.0) is not None  # now the most recently used
    cache.put(_page("d", 3, 1.0, 300))

    assert cache.nbytes == 900
    assert cache.get("d", 1, 1.0) is None
    assert [cache.get("d", n, 1.0) is not None for n in (0, 2, 3)] == [True, True, True]

    cache.put(_page("d", 4, 1.0, 700))
    assert cache.nbytes <= 1000
    assert cache.get("d", 4, 1.0) is not None
    assert len(cache) == 2


def test_a_page_larger_than_the_bound_is_not_kept() -> None:
    cache = PageCache(max_bytes=1000)
    cache.put(_page("d", 0, 1.0, 600))
    cache.put(_page("d", 1, 1.0, 1200))
    assert cache.get("d", 1, 1.0) is None
    assert cache.nbytes == 600


def test_putting_the_same_rendering_again_replaces_it() -> None:
    cache = PageCache(max_bytes=1000)
    cache.put(_page("d", 0, 1.0, 600))
    cache.put(_page("d", 0, 1.0, 600))
    assert (len(cache), cache.nbytes) == (1, 600)


def test_best_is_the_sharpest_rendering_not_above_the_scale() -> None:
    cache = PageCache(max_bytes=10_000)
    for scale in (0.5, 1.0, 2.0):
        cache.put(_page("d", 0, scale, 30))
    cache.put(_page("d", 1, 4.0, 30))

    assert _scale(cache.best("d", 0, 1.5)) == 1.0
    assert _scale(cache.best("d", 0, 2.0)) == 2.0
    assert cache.best("d", 0, 0.4) is None
    assert cache.best("d", 1, 3.0) is None
    assert cache.best("other", 0, 9.0) is None


def test_discard_document_and_clear() -> None:
    cache = PageCache(max_bytes=10_000)
    cache.put(_page("a", 0, 1.0, 30))
    cache.put(_page("b", 0, 1.0, 30))
    cache.put(_page("b", 0, 2.0, 30))
    cache.discard_document("b")
    assert (len(cache), cache.nbytes) == (1, 30)
    assert cache.best("b", 0, 9.0) is None
    cache.clear()
    assert (len(cache), cache.nbytes) == (0, 0)


def test_negative_bound_is_refused() -> None:
    with pytest.raises(ValueError, match="negative"):
        PageCache(max_bytes=-1)
