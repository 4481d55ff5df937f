"""Notes follow a replaced document: moved, kept, orphaned — nothing dropped."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from ecabinet.client.annotations import AnnotationBook
from ecabinet.client.carryover import Orphan, carry_over_pending, replacements
from ecabinet.client.profile import Profile
from ecabinet.client.search.extract import extract_words
from ecabinet.client.secrets import MemorySecrets
from ecabinet.core.anchoring import DocumentText, Word
from ecabinet.core.annotations import Note
from tests.support import add_local_meeting, make_text_pdf

BUDGET = (
    "Hội đồng nhân dân tỉnh thông qua nghị quyết về dự toán ngân sách nhà nước năm 2027 với "
    "tổng thu nội địa dự kiến tăng mười phần trăm so với ước thực hiện năm trước."
)
FLOOD = (
    "Ủy ban nhân dân huyện báo cáo tình hình phòng chống thiên tai lũ lụt trong mùa mưa bão "
    "và đề xuất bổ sung kinh phí khắc phục hậu quả cho các xã bị ảnh hưởng nặng nề."
)
SCHOOLS = (
    "Sở Giáo dục và Đào tạo trình đề án sắp xếp mạng lưới trường học giai đoạn 2027 đến "
    "2030 bảo đảm mỗi xã có ít nhất một trường đạt chuẩn quốc gia."
)
OLD = make_text_pdf([BUDGET, FLOOD + "\n\n" + SCHOOLS])
# A page inserted in front, the budget paragraph edited, the flood paragraph deleted.
NEW = make_text_pdf(
    [
        "Phụ lục mới: danh mục công trình trọng điểm.",
        BUDGET.replace("mười phần trăm", "mười hai phần trăm"),
        SCHOOLS,
    ]
)
UNCHANGED = make_text_pdf(["Chương trình phiên họp."])


def text_of(pdf: bytes) -> DocumentText:
    return DocumentText(
        [[Word(t, box, (b, line)) for t, box, b, line in page] for page in extract_words(pdf)]
    )


def find(text: DocumentText, page: int, phrase: str) -> tuple[int, int]:
    words = [w.text for w in text.pages[page]]
    first = phrase.split()
    for i in range(len(words)):
        if words[i : i + len(first)] == first:
            return i, i + len(first) - 1
    raise AssertionError(f"{phrase!r} is not on page {page}")


@pytest.fixture
def profile(tmp_path: Path) -> Iterator[Profile]:
    opened = Profile(tmp_path / "profile", secrets=MemorySecrets())
    yield opened
    opened.close()


def test_notes_follow_a_revision_and_the_unplaceable_are_kept_as_orphans(
    profile: Profile,
) -> None:
    shas = add_local_meeting(profile, "m1", "Kỳ họp", {"Báo cáo": OLD, "Chương trình": UNCHANGED})
    book = AnnotationBook(profile)
    old = text_of(OLD)

    def text_note(kind: str, page: int, phrase: str) -> Note:
        first, last = find(old, page, phrase)
        boxes = tuple(w.box for w in old.pages[page][first : last + 1])
        return Note(shas["Báo cáo"], kind, page, rects=boxes, quote=old.quote(page, first, last))

    exact = book.add(text_note("highlight", 1, "sắp xếp mạng lưới trường học"))
    edited = book.add(text_note("underline", 0, "tổng thu nội địa dự kiến tăng mười phần trăm"))
    gone = book.add(text_note("strikeout", 1, "khắc phục hậu quả"))
    school_box = old.pages[1][find(old, 1, "đạt chuẩn")[0]].box
    pinned = book.add(
        Note(
            shas["Báo cáo"],
            "note",
            1,
            rects=(school_box,),
            quote=old.nearest_quote(1, school_box),
            body="Cần bao nhiêu trường?",
        )
    )
    book.add(Note(shas["Chương trình"], "bookmark", 0))

    # Version 2: the report is replaced in the same agenda item; the programme is not.
    add_local_meeting(
        profile, "m1", "Kỳ họp", {"Báo cáo": NEW, "Chương trình": UNCHANGED}, version=2
    )
    (report,) = carry_over_pending(profile, book)
    assert (report.moved, report.orphaned, report.kept) == (3, 1, 1)
    assert carry_over_pending(profile, book) == []  # done once, not again

    new = text_of(NEW)
    notes = {
        n.id: n for n in book.notes(include_deleted=True) if n.id in {exact, edited, gone, pinned}
    }
    moved_exact = notes[exact]
    assert moved_exact.note.page == 2 and moved_exact.revisions == 2 and moved_exact.trusted
    first, _ = find(new, 2, "sắp xếp mạng lưới trường học")
    assert moved_exact.note.quote is not None
    assert moved_exact.note.quote.text == "sắp xếp mạng lưới trường học"
    assert moved_exact.note.rects[0][0] == pytest.approx(new.pages[2][first].box[0])
    assert notes[edited].note.page == 1
    assert "mười hai" in notes[edited].note.quote.text  # type: ignore[union-attr]
    pinned_now = notes[pinned]
    assert pinned_now.note.page == 2
    new_box = new.pages[2][find(new, 2, "đạt chuẩn")[0]].box
    assert pinned_now.note.rects[0][1] == pytest.approx(new_box[1], abs=1.0)
    orphan = notes[gone]
    assert orphan.orphaned_by is not None and orphan.note.page == 1
    assert orphan.revisions == 1  # left as it was, on the old version, with a banner
    assert orphan.note.document == shas["Báo cáo"]
    # The report names it, for the summary to open the older version where it stayed.
    assert report.orphans == [Orphan(gone, shas["Báo cáo"], orphan.orphaned_by, "Báo cáo")]


def test_replacements_pair_documents_by_item_and_title() -> None:
    def manifest(docs: dict[str, str], items: dict[str, list[str]]) -> dict[str, object]:
        return {
            "documents": {sha: {"title": title} for sha, title in docs.items()},
            "agenda": [{"id": i, "documents": d, "children": []} for i, d in items.items()],
        }

    old = manifest({"a": "Báo cáo", "b": "Phụ lục", "c": "Tờ trình"}, {"1": ["a", "b"], "2": ["c"]})
    new = manifest(
        {"x": "Phụ lục", "y": "Báo cáo (sửa)", "c": "Tờ trình"}, {"1": ["y", "x"], "2": ["c"]}
    )
    assert replacements(old, new) == {"b": "x", "a": "y"}


def test_a_drawing_moves_with_the_words_nearest_to_it(profile: Profile) -> None:
    shas = add_local_meeting(profile, "m1", "Kỳ họp", {"Báo cáo": OLD})
    book = AnnotationBook(profile)
    old = text_of(OLD)
    x0, _, x1, y1 = old.pages[1][find(old, 1, "đạt chuẩn")[0]].box
    stroke = ((x0, y1 + 2), ((x0 + x1) / 2, y1 + 6), (x1, y1 + 2))  # a tick under the word
    box = (x0, y1 + 2, x1, y1 + 6)
    drawing = book.add(
        Note(
            shas["Báo cáo"],
            "ink",
            1,
            rects=(box,),
            strokes=(stroke,),
            quote=old.nearest_quote(1, box),
            colour="#e53935",
            width=2.5,
        )
    )
    add_local_meeting(profile, "m1", "Kỳ họp", {"Báo cáo": NEW}, version=2)
    (report,) = carry_over_pending(profile, book)
    assert (report.moved, report.orphaned) == (1, 0)
    (moved,) = book.notes(note_ids=[drawing])
    new = text_of(NEW)
    nx0, _, _, ny1 = new.pages[2][find(new, 2, "đạt chuẩn")[0]].box
    assert moved.trusted and moved.note.page == 2 and moved.note.width == 2.5
    (points,) = moved.note.strokes
    assert points[0] == pytest.approx((nx0, ny1 + 2), abs=1.0)  # still under the same word
    assert moved.note.rects[0][0] == pytest.approx(nx0, abs=1.0)
