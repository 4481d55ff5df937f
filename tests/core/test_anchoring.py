"""Notes find their words again in a revised document: exact, moved, edited, or orphaned."""

from __future__ import annotations

from ecabinet.core.anchoring import DocumentText, Quote, Word, line_boxes, reanchor

_LOREM = (
    "Hội đồng nhân dân tỉnh thông qua nghị quyết về dự toán ngân sách nhà nước năm 2027 "
    "với tổng thu nội địa dự kiến tăng mười phần trăm so với ước thực hiện năm trước và "
    "chi đầu tư phát triển tập trung cho hạ tầng giao thông kết nối các huyện miền núi"
)
_OTHER = (
    "Ủy ban nhân dân huyện báo cáo tình hình phòng chống thiên tai lũ lụt trong mùa mưa bão "
    "và đề xuất bổ sung kinh phí khắc phục hậu quả cho các xã bị ảnh hưởng nặng nề nhất"
)
LOREM, OTHER = _LOREM.split(), _OTHER.split()


def page(words: list[str], per_line: int = 8) -> list[Word]:
    """Words laid out ``per_line`` to a line, 10 points wide each, 12 points a line."""
    return [
        Word(
            text,
            (
                10.0 * (i % per_line),
                12.0 * (i // per_line),
                10.0 * (i % per_line) + 9,
                12.0 * (i // per_line) + 10,
            ),
            (0, i // per_line),
        )
        for i, text in enumerate(words)
    ]


def quote_of(pages: list[list[Word]], number: int, first: int, last: int) -> Quote:
    return DocumentText(pages).quote(number, first, last)


def test_a_quote_keeps_its_context_across_pages() -> None:
    pages = [page(OTHER), page(LOREM)]
    quote = quote_of(pages, 1, 0, 3)
    assert quote.text == "Hội đồng nhân dân"
    assert quote.before.endswith("nặng nề nhất")  # the end of the previous page
    assert quote.after.startswith("tỉnh thông qua")


def test_inserted_pages_only_move_a_note() -> None:
    old = [page(OTHER), page(LOREM)]
    quote = quote_of(old, 1, 6, 11)  # "qua nghị quyết về dự toán"
    new = [page(OTHER), page(OTHER[::-1]), page(OTHER[5:]), page(LOREM)]
    (placed,) = reanchor([quote], DocumentText(new))
    assert placed is not None
    assert (placed.page, placed.first, placed.last, placed.method) == (3, 6, 11, "exact")
    assert placed.boxes == line_boxes(new[3][6:12])
    assert len(placed.boxes) == 2  # words 6-11 run over two lines of eight


def test_changed_context_still_places_the_quote_near_its_page() -> None:
    old = [page(LOREM)]
    quote = quote_of(old, 0, 10, 15)
    changed = ["Sau", "khi", "thảo", "luận,", *LOREM[4:10], *LOREM[10:16], "được", "biểu", "quyết"]
    (placed,) = reanchor([quote], DocumentText([page(changed)]))
    assert placed is not None and placed.method == "moved"
    assert " ".join(w.text for w in page(changed)[placed.first : placed.last + 1]) == quote.text


def test_a_small_edit_inside_the_quote_is_tolerated() -> None:
    old = [page(LOREM)]
    quote = quote_of(old, 0, 8, 20)
    edited = list(LOREM)
    edited[14] = "nước,"  # punctuation added
    edited[17] = "2028"  # a figure changed
    (placed,) = reanchor([quote], DocumentText([page(edited)]))
    assert placed is not None and placed.method == "edited"
    assert placed.page == 0 and placed.first <= 9 and placed.last >= 19


def test_a_deleted_paragraph_orphans_its_note_instead_of_guessing() -> None:
    old = [page(LOREM), page(OTHER)]
    quotes = [quote_of(old, 0, 10, 15), quote_of(old, 0, 3, 4), quote_of(old, 1, 0, 5)]
    new = [page(OTHER)]
    placed = reanchor(quotes, DocumentText(new))
    assert placed[0] is None and placed[1] is None
    # The page before it went: its context changed, the quote itself did not.
    assert placed[2] is not None and (placed[2].page, placed[2].method) == (0, "moved")


def test_common_words_without_context_are_not_moved_by_chance() -> None:
    old = [page(["a", "b", "nhân", "dân", "c", "d"])]
    quote = quote_of(old, 0, 2, 3)
    (placed,) = reanchor([quote], DocumentText([page(OTHER)]))  # "nhân dân" is there too
    assert placed is None


def test_notes_without_a_quote_follow_the_nearest_words() -> None:
    pages = [page(LOREM)]
    text = DocumentText(pages)
    target = pages[0][20].box
    quote = text.nearest_quote(0, (target[0] + 2, target[1] + 2, target[0] + 3, target[1] + 3))
    assert quote is not None
    assert LOREM[20] in quote.text.split() and len(quote.text.split()) == 4
    moved = [page(OTHER), page(LOREM)]
    (placed,) = reanchor([quote], DocumentText(moved))
    assert placed is not None and placed.page == 1
    assert text.nearest_quote(5, target) is None


def test_empty_quotes_are_left_to_the_caller() -> None:
    assert reanchor([Quote(0, "")], DocumentText([page(LOREM)])) == [None]
