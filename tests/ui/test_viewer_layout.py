"""The reader's Qt-free parts: page layout, zoom steps, text selection and search hits."""

from __future__ import annotations

import pytest

from ecabinet.client.render import Word
from ecabinet.ui.viewer.layout import (
    FIT_PAGE,
    FIT_WIDTH,
    MAX_ZOOM,
    MIN_ZOOM,
    PageLayout,
    parse_zoom,
    step_zoom,
)
from ecabinet.ui.viewer.selection import (
    HitList,
    Selection,
    WordRef,
    line_boxes,
    selected_text,
    word_at,
)

A4 = (595.0, 842.0)
LANDSCAPE = (842.0, 595.0)
A5 = (420.0, 595.0)


def test_pages_are_stacked_centred_with_margins_and_gaps() -> None:
    layout = PageLayout([A4, LANDSCAPE, A5], margin=10, gap=6)
    layout.arrange(0.5, 600)

    sizes = [(r.width, r.height) for r in layout.rects]
    assert sizes == [(298, 421), (421, 298), (210, 298)]
    assert [r.y for r in layout.rects] == [10, 10 + 421 + 6, 10 + 421 + 6 + 298 + 6]
    assert layout.width == 600  # the viewport is wider than the widest page
    assert [r.x + r.width / 2 for r in layout.rects] == pytest.approx([300, 300.5, 300], abs=1)
    assert layout.height == layout.rects[-1].bottom + 10


def test_a_column_wider_than_the_viewport_scrolls_sideways() -> None:
    layout = PageLayout([A4, LANDSCAPE], margin=10)
    layout.arrange(2.0, 800)
    assert layout.width == 1684 + 20
    assert layout.rects[1].x == 10


def test_fit_width_fits_the_widest_page_and_fit_page_the_tallest_too() -> None:
    layout = PageLayout([A4, LANDSCAPE], margin=12)
    assert layout.zoom_for(FIT_WIDTH, 866, 500) == pytest.approx((866 - 24) / 842)
    fit_page = layout.zoom_for(FIT_PAGE, 866, 500)
    assert fit_page == pytest.approx((500 - 24) / 842)
    layout.arrange(fit_page, 866)
    assert all(r.height <= 500 - 24 and r.width <= 866 - 24 for r in layout.rects)
    assert layout.zoom_for(1.7, 10, 10) == 1.7
    assert layout.zoom_for(99.0, 10, 10) == MAX_ZOOM


def test_visible_pages_and_the_page_at_a_row() -> None:
    layout = PageLayout([A4] * 5, margin=10, gap=10)
    layout.arrange(1.0, 700)  # 842 rows a page, one every 852 rows from row 10
    assert list(layout.visible(0, 500)) == [0]
    assert list(layout.visible(800, 900)) == [0, 1]
    assert list(layout.visible(852, 862)) == []  # the gap belongs to no page
    assert list(layout.visible(852, 863)) == [1]
    assert list(layout.visible(4000, 9000)) == [4]
    assert layout.page_at(5) == 0
    assert layout.page_at(855) == 1  # in the gap after page 0: the next page
    assert layout.page_at(99_999) == 4


def test_the_current_page_is_the_first_showing_half_of_what_it_can() -> None:
    layout = PageLayout([A4] * 4, margin=10, gap=10)
    layout.arrange(1.0, 700)
    assert layout.current_page(0, 600) == 0
    assert layout.current_page(layout.page_top(2), 600) == 2
    # Page 0 keeps 250 of 600 rows on screen: less than half, page 1 is current.
    assert layout.current_page(852 - 250, 600) == 1
    assert layout.current_page(852 - 350, 600) == 0
    # Zoomed far out, the page at the top is current although others show whole too.
    layout.arrange(0.1, 700)
    assert layout.current_page(layout.page_top(1), 600) == 1
    assert layout.current_page(layout.page_top(1), 600, at_end=True) == 3


def test_points_and_rows_convert_both_ways() -> None:
    layout = PageLayout([A4, LANDSCAPE], margin=10, gap=10)
    layout.arrange(1.5, 1400)
    x, y = layout.from_page(1, 100.0, 50.0)
    assert layout.to_page(x, y) == (1, pytest.approx(100.0), pytest.approx(50.0))
    rect = layout.box_rect(1, (100.0, 50.0, 110.0, 60.0))
    assert (rect.width, rect.height) in ((15, 15), (16, 16))


def test_zoom_steps_and_parsing() -> None:
    assert step_zoom(1.0, 1) == 1.25
    assert step_zoom(1.0, -1) == 0.75
    assert step_zoom(1.1, 1) == 1.25  # between two steps: the next one up
    assert step_zoom(1.1, -1) == 1.0
    assert step_zoom(MAX_ZOOM, 3) == MAX_ZOOM
    assert step_zoom(0.1, -1) == MIN_ZOOM
    assert parse_zoom("fit-width") == FIT_WIDTH
    assert parse_zoom("fit-page") == FIT_PAGE
    assert parse_zoom("150%") == 1.5
    assert parse_zoom("150") == 1.5
    assert parse_zoom(0.8) == 0.8
    assert parse_zoom("12,5 %") == MIN_ZOOM
    for bad in ("", "abc", None, True, -1, float("nan"), [1.0]):
        assert parse_zoom(bad) is None


WORDS: list[Word] = [
    (72, 90, 110, 104, "Alpha"),
    (115, 90, 160, 104, "Bravo"),
    (165, 90, 215, 104, "Charlie"),
    (72, 114, 100, 128, "Echo"),
    (105, 114, 150, 128, "Foxtrot"),
]


def test_the_word_under_a_point_or_the_nearest_on_its_line() -> None:
    assert word_at(WORDS, 120, 95) == 1
    assert word_at(WORDS, 300, 95) == 2  # right of the line: its last word
    assert word_at(WORDS, 10, 120) == 3  # left of the second line: its first word
    assert word_at([], 1, 1) is None


def test_selected_text_keeps_lines_and_runs_across_pages() -> None:
    words = {0: WORDS, 1: [(72, 90, 110, 104, "Golf"), (115, 90, 140, 104, "Hotel")]}
    selection = Selection.between(WordRef(1, 0), WordRef(0, 1))
    assert selection == Selection(WordRef(0, 1), WordRef(1, 0))
    assert selected_text(words, selection) == "Bravo Charlie\nEcho Foxtrot\nGolf"
    boxes = line_boxes(WORDS, range(0, 3))
    # Joined up to the next word on the line: no gaps in the highlight.
    assert [b[2] for b in boxes] == [115, 165, 215]


def test_hits_stay_in_page_order_and_the_current_one_stays_put() -> None:
    hits = HitList()
    hits.add(4, [(10, 500, 40, 510)])
    assert hits.select_first_from(2) == (4, (10, 500, 40, 510))
    hits.add(1, [(10, 300, 40, 310), (10, 100, 40, 110)])
    assert len(hits) == 3
    assert hits.index == 2  # the same hit, now behind two others
    assert hits.step(1, 0) == (1, (10, 100, 40, 110))  # wraps to the first
    assert hits.step(-1, 0) == (4, (10, 500, 40, 510))
    assert hits.on_page(1) == [(10, 300, 40, 310), (10, 100, 40, 110)]
    empty = HitList()
    assert empty.step(1, 0) is None
    assert empty.current is None
