"""What changed between two packet versions: agenda items, documents, and a document's pages."""

from __future__ import annotations

import copy
import random
import time
from typing import Any

from ecabinet.client.changes import (
    DocumentChange,
    ItemChange,
    PageDiff,
    page_diffs,
    summarize,
)

A, B, C, D, E = ("a" * 64, "b" * 64, "c" * 64, "d" * 64, "e" * 64)


def item(
    key: str, number: str, title: str, docs: list[str] | None = None, children: Any = ()
) -> dict[str, Any]:
    return {
        "id": key,
        "number": number,
        "title": title,
        "presenter": "",
        "duration_min": 10,
        "documents": docs or [],
        "children": list(children),
    }


def manifest(
    version: int, agenda: list[dict[str, Any]], docs: dict[str, str], note: str = ""
) -> dict[str, Any]:
    return {
        "format": 1,
        "meeting": {"id": "m1", "title": "Kỳ họp thứ 9"},
        "packet_version": version,
        "note": note,
        "agenda": agenda,
        "documents": {sha: {"title": t, "size": 1, "pages": 1} for sha, t in docs.items()},
    }


OLD = manifest(
    3,
    [
        item("opening", "1", "Khai mạc", [A]),
        item(
            "budget",
            "2",
            "Ngân sách",
            [B],
            [item("b1", "2.1", "Thu"), item("b2", "2.2", "Chi")],
        ),
        item("schools", "3", "Trường học", [C]),
        item("misc", "4", "Các vấn đề khác"),
    ],
    {A: "Chương trình", B: "Dự toán 2027", C: "Đề án trường học"},
)


def test_unchanged_packet_has_nothing_to_say() -> None:
    new = copy.deepcopy(OLD)
    new["packet_version"] = 4
    summary = summarize(OLD, new)
    assert summary.empty
    assert (summary.meeting_id, summary.old_version, summary.new_version) == ("m1", 3, 4)


def test_items_added_removed_moved_renamed_and_documents_replaced() -> None:
    new = manifest(
        5,
        [
            item("opening", "1", "Khai mạc kỳ họp", [A]),  # renamed
            item("flood", "2", "Phòng chống lũ", [E]),  # added, with a new document
            item(
                "budget",
                "3",  # renumbered by the item before it: not a move
                "Ngân sách",
                [D],  # the budget estimate replaced
                [item("b2", "3.1", "Chi"), item("b1", "3.2", "Thu")],  # swapped: Chi moved up
            ),
            item("schools", "4", "Trường học", [], [item("misc", "4.1", "Các vấn đề khác")]),
        ],
        {A: "Chương trình", D: "Dự toán 2027", E: "Báo cáo lũ"},
        note="Thay dự toán; thêm mục lũ",
    )
    summary = summarize(OLD, new)
    assert summary.note == "Thay dự toán; thêm mục lũ"
    assert sorted(summary.items, key=lambda c: (c.kind, c.item_id)) == [
        ItemChange("added", "flood", "Phòng chống lũ", "2", None),
        ItemChange("moved", "b2", "Chi", "3.1", "2.2"),
        ItemChange("moved", "misc", "Các vấn đề khác", "4.1", "4"),  # another parent
        ItemChange("renamed", "opening", "Khai mạc kỳ họp", "1", "1", "Khai mạc"),
    ]
    assert sorted(summary.documents, key=lambda c: c.kind) == [
        DocumentChange("added", "Báo cáo lũ", "Phòng chống lũ", None, E),
        DocumentChange("removed", "Đề án trường học", "Trường học", C, None),
        DocumentChange("replaced", "Dự toán 2027", "Ngân sách", B, D),
    ]


def test_removed_item_and_moved_to_the_top() -> None:
    new = manifest(
        4,
        [
            item("schools", "1", "Trường học", [C]),
            item("opening", "2", "Khai mạc", [A]),
            item("budget", "3", "Ngân sách", [B], [item("b1", "3.1", "Thu")]),
        ],
        {A: "Chương trình", B: "Dự toán 2027", C: "Đề án trường học"},
    )
    summary = summarize(OLD, new)
    assert summary.items == [
        ItemChange("moved", "schools", "Trường học", "1", "3"),
        ItemChange("removed", "b2", "Chi", "2.2", "2.2"),
        ItemChange("removed", "misc", "Các vấn đề khác", "4", "4"),
    ]
    assert summary.documents == []


def test_a_document_moved_to_another_item_is_not_replaced() -> None:
    new = copy.deepcopy(OLD)
    new["agenda"][0]["documents"] = []
    new["agenda"][3]["documents"] = [A]
    assert summarize(OLD, new).documents == []


# --- pages -------------------------------------------------------------------------------

PAGES = [
    "Kỳ họp thứ chín Hội đồng nhân dân tỉnh khóa mười bảy",
    "Dự toán ngân sách năm 2027 tổng thu nội địa tăng mười phần trăm so với năm trước",
    "Đề án sắp xếp trường học giai đoạn 2027 đến 2030",
    "Các vấn đề khác và bế mạc kỳ họp",
]


def test_unchanged_document_has_no_changed_pages() -> None:
    assert page_diffs(PAGES, list(PAGES)) == []


def test_inserted_page_shifts_nothing() -> None:
    new = [PAGES[0], "Phụ lục danh mục công trình trọng điểm", *PAGES[1:]]
    assert page_diffs(PAGES, new) == [
        PageDiff(
            1,
            None,
            "inserted",
            [],
            ["Phụ", "lục", "danh", "mục", "công", "trình", "trọng", "điểm"],
            [("inserted", "Phụ lục danh mục công trình trọng điểm")],
        )
    ]


def test_deleted_page_is_reported_where_it_was() -> None:
    [diff] = page_diffs(PAGES, [PAGES[0], PAGES[1], PAGES[3]])
    assert (diff.kind, diff.old_page, diff.new_page) == ("removed", 2, None)
    assert diff.removed == PAGES[2].split() and diff.inserted == []


def test_edited_paragraph_gives_the_changed_words_in_place() -> None:
    new = list(PAGES)
    new[1] = PAGES[1].replace("mười phần trăm", "mười hai phần trăm")
    new[1] = new[1].replace(" so với năm trước", "")
    [diff] = page_diffs(PAGES, new)
    assert (diff.kind, diff.old_page, diff.new_page) == ("changed", 1, 1)
    assert diff.inserted == ["hai"]
    assert diff.removed == ["so", "với", "năm", "trước"]
    assert diff.runs == [
        ("same", "… năm 2027 tổng thu nội địa tăng mười"),
        ("inserted", "hai"),
        ("same", "phần trăm"),
        ("removed", "so với năm trước"),
    ]


def test_text_pushed_onto_the_next_page_is_not_a_change() -> None:
    words = " ".join(PAGES).split()
    added = [*words[:5], "bất", "thường", *words[5:]]
    # The same text set again: two words more on the first page push the rest along.
    size = len(PAGES[0].split())
    new = [" ".join(added[i : i + size]) for i in range(0, len(added), size)]
    [diff] = page_diffs(PAGES, new)
    assert (diff.kind, diff.new_page, diff.old_page, diff.inserted, diff.removed) == (
        "changed",
        0,
        0,
        ["bất", "thường"],
        [],
    )


def test_page_rewritten_through_and_blank_pages() -> None:
    new = [PAGES[0], "", "Hoàn toàn khác hẳn", PAGES[2], PAGES[3]]
    diffs = page_diffs(PAGES, new)
    kinds = [(d.kind, d.new_page, d.old_page) for d in diffs]
    assert ("inserted", 2, None) in kinds and ("removed", None, 1) in kinds
    assert all(d.new_page != 3 and d.new_page != 4 for d in diffs)


def _document(rng: random.Random, pages: int, words: int) -> list[str]:
    vocabulary = [f"từ{n}" for n in range(4000)] + ["và", "của", "ngân", "sách"] * 60
    return [" ".join(rng.choice(vocabulary) for _ in range(words)) for _ in range(pages)]


def test_a_500_page_revision_takes_well_under_a_second() -> None:
    rng = random.Random(7)
    old = _document(rng, 500, 400)
    new = list(old)
    for page in range(3, 500, 40):  # a word changed on thirteen pages
        words = new[page].split()
        words[200] = "SỬA"
        new[page] = " ".join(words)
    new.insert(100, "Trang mới chèn vào")
    del new[300]  # old page 299
    started = time.perf_counter()
    diffs = page_diffs(old, new)
    elapsed = time.perf_counter() - started
    assert elapsed < 1.0, elapsed
    assert [d.new_page for d in diffs if d.kind == "inserted"] == [100]
    assert [d.old_page for d in diffs if d.kind == "removed"] == [299]
    changed = [d for d in diffs if d.kind == "changed"]
    assert len(changed) == 13 and all(d.inserted == ["SỬA"] for d in changed)


def test_a_500_page_document_set_again_after_an_insertion_is_quick_too() -> None:
    rng = random.Random(8)
    old = _document(rng, 500, 400)
    words = " ".join(old).split()
    words[1000:1000] = ["đoạn", "mới", "thêm", "vào"]
    new = [" ".join(words[i : i + 400]) for i in range(0, len(words), 400)]
    started = time.perf_counter()
    diffs = page_diffs(old, new)
    assert time.perf_counter() - started < 1.0
    assert [(d.new_page, d.inserted) for d in diffs] == [(2, ["đoạn", "mới", "thêm", "vào"])]
