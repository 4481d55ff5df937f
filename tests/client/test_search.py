"""The search index on a real profile: extraction in a worker process, FTS5, ranking, scope."""

from __future__ import annotations

import multiprocessing
import threading
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import delete, func, select, text

from ecabinet.client.profile import Profile, ProfileError
from ecabinet.client.search import Indexer, SearchIndex
from ecabinet.client.search.indexer import CRASHED
from ecabinet.client.secrets import MemorySecrets
from ecabinet.client.store import DocumentRow, MeetingRow, SearchDocument, SearchPage, utcnow
from tests.support import (
    add_local_meeting,
    extract_or_crash,
    extract_slowly,
    make_pdf,
    make_text_pdf,
)

REPORT = make_text_pdf(
    [
        "Họp không giấy tại Đà Nẵng. Kiểm tra NGÂN SÁCH nhà nước năm 2027.",
        "Thế giới số; the digital budget; ĐỒNG NAI và Đắk Lắk.",
        "Những người lữ khách đến từ Cần Thơ.",
    ]
)
RULES = make_text_pdf(["Thể lệ bầu cử và thể thức biểu quyết.", "Phụ lục: không có chữ thể."])


@pytest.fixture
def profile(tmp_path: Path) -> Iterator[Profile]:
    opened = Profile(tmp_path / "profile", secrets=MemorySecrets())
    yield opened
    opened.close()


@pytest.fixture
def index(profile: Profile) -> SearchIndex:
    add_local_meeting(profile, "m1", "Kỳ họp thứ 12", {"Báo cáo": REPORT, "Quy chế": RULES})
    report = Indexer(profile).run()
    assert report.documents == 2 and report.pages == 5 and not report.failed
    return SearchIndex(profile)


def pages(index: SearchIndex, query: str, **options: object) -> list[tuple[str, int]]:
    result = index.search(query, **options)  # type: ignore[arg-type]
    return [(hit.document_title, hit.page) for hit in result.hits]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("hop khong giay", [("Báo cáo", 0)]),
        ("HỌP KHÔNG GIẤY", [("Báo cáo", 0)]),
        ("da nang", [("Báo cáo", 0)]),  # Đà: đ folded by hand
        ("dong nai", [("Báo cáo", 1)]),  # ĐỒNG: capital Đ and two marks
        ("dak lak", [("Báo cáo", 1)]),
        ("lu khach", [("Báo cáo", 2)]),  # ữ
        ("can tho", [("Báo cáo", 2)]),
        ("ngan sach nha nuoc", [("Báo cáo", 0)]),
        ("budget", [("Báo cáo", 1)]),
    ],
)
def test_folded_queries_find_vietnamese_text(
    index: SearchIndex, query: str, expected: list[tuple[str, int]]
) -> None:
    assert pages(index, query) == expected


def test_the_snippet_keeps_the_pages_marks(index: SearchIndex) -> None:
    (hit,) = index.search("da nang").hits
    assert hit.snippet.marked() == (
        "Họp không giấy tại [Đà] [Nẵng]. Kiểm tra NGÂN SÁCH nhà nước năm 2027."
    )
    assert (hit.meeting_id, hit.meeting_title, hit.page) == ("m1", "Kỳ họp thứ 12", 0)


def test_phrases_must_be_adjacent(index: SearchIndex) -> None:
    assert pages(index, '"kiem tra ngan sach"') == [("Báo cáo", 0)]
    assert pages(index, '"ngan sach kiem tra"') == []
    assert pages(index, "sach kiem") == [("Báo cáo", 0)]  # bare words: anywhere on the page


def test_the_last_word_is_a_prefix_while_typing(index: SearchIndex) -> None:
    assert pages(index, "ngân sá") == [("Báo cáo", 0)]
    assert pages(index, '"kiem tra ng') == [("Báo cáo", 0)]
    assert pages(index, '"kiem tra ng"') == []  # a closed phrase is taken as typed


def test_exact_matches_rank_first_and_exact_mode_keeps_only_them(index: SearchIndex) -> None:
    # "thể" folds to "the", like "Thế" (page 1 of the report) and English "the".
    folded = index.search("thể")
    assert [(h.document_title, h.page, h.exact) for h in folded.hits] == [
        ("Quy chế", 0, True),
        ("Quy chế", 1, True),
        ("Báo cáo", 1, False),
    ]
    assert pages(index, "thể", exact=True) == [("Quy chế", 0), ("Quy chế", 1)]
    assert pages(index, "thế", exact=True) == [("Báo cáo", 1)]
    assert pages(index, "THẾ", exact=True) == [("Báo cáo", 1)]  # exact means marks, not case


def test_exact_mode_snippets_mark_exact_words_only(index: SearchIndex) -> None:
    first = index.search("thể", exact=True).hits[0]
    assert first.snippet.marked() == "[Thể] lệ bầu cử và [thể] thức biểu quyết."


def test_empty_and_syntax_like_queries_find_nothing_quietly(index: SearchIndex) -> None:
    assert index.search("  ").hits == []
    assert index.search('") OR NEAR(*').hits == []
    assert pages(index, "budget AND") == []  # "and" is a word here, and not on that page


def test_limit_and_more(index: SearchIndex) -> None:
    result = index.search("thể", limit=2)
    assert len(result.hits) == 2 and result.more


def test_scope_is_the_current_packet_of_each_meeting(profile: Profile) -> None:
    add_local_meeting(profile, "m1", "Kỳ họp 1", {"Báo cáo": REPORT})
    add_local_meeting(profile, "m2", "Kỳ họp 2", {"Quy chế": RULES, "Báo cáo chung": REPORT})
    Indexer(profile).run()
    index = SearchIndex(profile)
    both = index.search("da nang")
    assert {(h.meeting_title, h.document_title) for h in both.hits} == {
        ("Kỳ họp 1", "Báo cáo"),
        ("Kỳ họp 2", "Báo cáo chung"),
    }
    assert pages(index, "da nang", meeting_id="m2") == [("Báo cáo chung", 0)]
    assert pages(index, "bieu quyet", meeting_id="m1") == []
    with pytest.raises(ProfileError, match="no meeting"):
        index.search("da nang", meeting_id="nope")


def test_a_replaced_document_leaves_the_index_with_its_document(profile: Profile) -> None:
    first = add_local_meeting(profile, "m1", "Kỳ họp", {"Báo cáo": REPORT})
    Indexer(profile).run()
    add_local_meeting(profile, "m1", "Kỳ họp", {"Báo cáo": RULES}, version=2)
    index = SearchIndex(profile)
    assert pages(index, "da nang") == []  # only the current version is searched
    assert index.search("bieu quyet").unindexed == 1
    Indexer(profile).run()
    assert pages(index, "bieu quyet") == [("Báo cáo", 0)]
    # The sync's clean-up removes a document that left every kept version; its text goes too.
    with profile.store.session() as session:
        session.execute(delete(DocumentRow).where(DocumentRow.sha256 == first["Báo cáo"]))
    with profile.store.session() as session:
        left = session.scalar(select(func.count()).where(SearchPage.sha256 == first["Báo cáo"]))
        assert left == 0
        assert session.get(SearchDocument, first["Báo cáo"]) is None
        hits = session.execute(
            text("SELECT count(*) FROM search_folded WHERE search_folded MATCH 'nang'")
        ).scalar()
        assert hits == 0
        session.execute(text("INSERT INTO search_folded(search_folded) VALUES('integrity-check')"))
        session.execute(text("INSERT INTO search_exact(search_exact) VALUES('integrity-check')"))


def test_a_meeting_past_its_offline_period_is_not_searched(index: SearchIndex) -> None:
    with index.profile.store.session() as session:
        meeting = session.get(MeetingRow, "m1")
        assert meeting is not None
        meeting.offline_until = utcnow() - timedelta(hours=1)
        meeting.last_synced_at = utcnow() - timedelta(days=1)
    result = index.search("da nang")
    assert result.hits == [] and result.locked == ["Kỳ họp thứ 12"]


def test_unreadable_documents_are_recorded_not_retried(profile: Profile) -> None:
    shas = add_local_meeting(
        profile, "m1", "Kỳ họp", {"Hỏng": b"%PDF-1.7 not really", "Tốt": REPORT}
    )
    report = Indexer(profile).run()
    assert report.documents == 1
    assert "cannot be read as a PDF" in report.failed[shas["Hỏng"]]
    assert Indexer(profile).pending() == []
    result = SearchIndex(profile).search("da nang")
    assert len(result.hits) == 1 and result.unreadable == 1 and result.unindexed == 0


def test_a_document_without_text_is_indexed_with_no_pages(profile: Profile) -> None:
    add_local_meeting(profile, "m1", "Kỳ họp", {"Trống": make_pdf(pages=1, text="")})
    report = Indexer(profile).run()
    assert report.documents == 1 and not report.failed


def test_a_stopped_run_resumes_where_it_ended(profile: Profile) -> None:
    add_local_meeting(profile, "m1", "Kỳ họp", {"A": REPORT, "B": RULES})
    stop = threading.Event()
    seen: list[int] = []

    def progress(state: object) -> None:
        seen.append(1)
        stop.set()

    first = Indexer(profile).run(progress=progress, stop=stop)
    assert first.stopped and first.documents == 1
    assert multiprocessing.active_children() == []  # no worker outlives a stopped run
    assert len(Indexer(profile).pending()) == 1
    second = Indexer(profile).run()
    assert second.documents == 1 and Indexer(profile).pending() == []


def test_wiping_the_profile_empties_the_index(index: SearchIndex) -> None:
    index.profile.wipe()
    with index.profile.store.session() as session:
        assert session.scalar(select(func.count()).select_from(SearchPage)) == 0
        assert session.scalar(select(func.count()).select_from(SearchDocument)) == 0


@pytest.mark.parametrize("workers", [1, 2])
def test_a_document_that_crashes_the_extractor_fails_alone(profile: Profile, workers: int) -> None:
    crasher = make_pdf(pages=1) + b"\n%CRASH\n"  # a comment after the end: still a PDF
    shas = add_local_meeting(
        profile, "m1", "Kỳ họp", {"A": REPORT, "Độc hại": crasher, "B": RULES, "C": make_pdf()}
    )
    report = Indexer(profile, workers=workers, extract=extract_or_crash).run()
    assert report.failed == {shas["Độc hại"]: CRASHED}
    assert report.documents == 3
    assert Indexer(profile).pending() == []
    assert pages(SearchIndex(profile), "da nang") == [("A", 0)]


def test_stopping_does_not_wait_for_a_large_document(profile: Profile) -> None:
    import time

    add_local_meeting(profile, "m1", "Kỳ họp", {"Lớn": REPORT})
    stop = threading.Event()
    threading.Timer(1.0, stop.set).start()
    started = time.monotonic()
    report = Indexer(profile, workers=1, extract=extract_slowly).run(stop=stop)
    assert report.stopped and report.documents == 0
    assert time.monotonic() - started < 10  # not the minute the document would take
    assert multiprocessing.active_children() == []
    assert Indexer(profile).pending() != []  # indexed next time
