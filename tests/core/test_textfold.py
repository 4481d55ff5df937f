"""Folding, query parsing, matching and snippets: the rules search and the reader's find share."""

from __future__ import annotations

import sqlite3

import pytest

from ecabinet.core.textfold import (
    MAX_TERMS,
    Query,
    exact_form,
    fold,
    make_snippet,
    parse_query,
    phrase_query,
)


@pytest.mark.parametrize(
    ("word", "folded"),
    [
        ("họp", "hop"),
        ("không", "khong"),
        ("giấy", "giay"),
        ("đồng", "dong"),  # đ has no decomposition: folded by hand
        ("ĐÀ", "da"),
        ("Nẵng", "nang"),
        ("Kiểm", "kiem"),
        ("lệ", "le"),  # two marks: circumflex and dot below
        ("ấy", "ay"),
        ("ở", "o"),
        ("lữ", "lu"),
        ("NGHIỆP", "nghiep"),
        ("budget", "budget"),
    ],
)
def test_fold_removes_every_mark_and_folds_d_and_case(word: str, folded: str) -> None:
    assert fold(word) == folded


def test_fold_treats_decomposed_input_like_composed() -> None:
    decomposed = "le\u0323\u0302"  # e + dot below + circumflex, as some keyboards send it
    assert fold(decomposed) == "le"
    assert exact_form(decomposed) == exact_form("lệ") == "lệ"


def test_exact_form_keeps_marks_and_folds_case() -> None:
    assert exact_form("THỂ") == "thể"
    assert exact_form("thế") != exact_form("thể")
    assert exact_form("Đà") == "đà"


def test_words_become_groups_and_the_last_one_a_prefix() -> None:
    query = parse_query("  hop, khong giay ")
    assert query.groups == (("hop",), ("khong",), ("giay",))
    assert query.prefix
    assert query.fts(exact=False) == '"hop" "khong" "giay" *'


def test_quotes_make_a_phrase_and_a_closed_quote_is_not_a_prefix() -> None:
    closed = parse_query('ngân sách "kiểm tra"')
    assert closed.groups == (("ngân",), ("sách",), ("kiểm", "tra"))
    assert not closed.prefix
    assert closed.fts(exact=False) == '"ngan" "sach" "kiem tra"'
    assert closed.fts(exact=True) == '"ngân" "sách" "kiểm tra"'


def test_an_unclosed_quote_is_a_phrase_being_typed() -> None:
    typing = parse_query('"kiem tra ngan')
    assert typing.groups == (("kiem", "tra", "ngan"),)
    assert typing.prefix
    assert typing.fts(exact=False) == '"kiem tra ngan" *'


@pytest.mark.parametrize(
    "typed",
    ['a" OR "b', "NEAR(a b)", "x AND y NOT z", "col:thing", "*", '"', "-x +y ^z", "'; DROP"],
)
def test_nothing_typed_is_read_as_fts5_syntax(typed: str) -> None:
    connection = sqlite3.connect(":memory:")
    connection.execute("CREATE VIRTUAL TABLE t USING fts5(text)")
    connection.execute("INSERT INTO t VALUES ('a b x y z col thing')")
    query = parse_query(typed)
    if not query.empty:
        connection.execute("SELECT * FROM t WHERE t MATCH ?", (query.fts(exact=False),))


def test_a_single_letter_is_not_a_prefix() -> None:
    assert not parse_query("ngân s").prefix
    assert parse_query("ngân sá").prefix
    assert not phrase_query("a").prefix


def test_punctuation_only_is_an_empty_query() -> None:
    assert parse_query(" ,.;- ").empty
    assert parse_query('""').empty
    assert phrase_query("  ").empty


def test_long_queries_are_cut() -> None:
    query = parse_query(" ".join(f"w{n}" for n in range(100)))
    assert sum(len(group) for group in query.groups) == MAX_TERMS


def test_spans_find_phrases_folded_or_exact() -> None:
    words = ["Thể", "lệ", "thế", "giới", "the", "THỂ", "LỆ"]
    folded = Query((("the", "le"),), prefix=False)
    assert folded.spans(words, exact=False) == [(0, 2), (5, 7)]
    exact = Query((("thể",),), prefix=False)
    assert exact.spans(words, exact=True) == [(0, 1), (5, 6)]
    assert exact.spans(words, exact=False) == [(0, 1), (2, 3), (4, 5), (5, 6)]


def test_the_last_word_matches_as_a_prefix() -> None:
    assert phrase_query("ngân sá").spans(["Ngân", "SÁCH", "ngân", "hàng"], exact=False) == [(0, 2)]
    assert parse_query("kinh te").spans(["kinh", "tế", "xã"], exact=False) == [(0, 1), (1, 2)]


def test_snippet_marks_hits_around_the_first_one() -> None:
    text = ("Mở đầu. " * 30) + "Kết quả thu ngân sách nhà nước trên địa bàn " + ("kết thúc " * 40)
    snippet = make_snippet(text.strip(), parse_query("ngan sach"), exact=False)
    assert snippet.text.startswith("…") and snippet.text.endswith("…")
    assert [snippet.text[a:b] for a, b in snippet.marks] == ["ngân", "sách"]
    assert "[ngân] [sách]" in snippet.marked()
    assert len(snippet.text) <= 230


def test_snippet_folds_d_marks_and_case_but_respects_word_starts() -> None:
    text = "ĐỒNG NAI, Đồng Tháp; đồng tiền; cánh đồng; vàng-đồng; cộng đồng; ađồng"
    snippet = make_snippet(text, parse_query('"dong"'), exact=False)
    assert snippet.marked() == (
        "[ĐỒNG] NAI, [Đồng] Tháp; [đồng] tiền; cánh [đồng]; vàng-[đồng]; cộng [đồng]; ađồng"
    )


def test_snippet_phrases_span_punctuation_and_prefixes_stay_open() -> None:
    snippet = make_snippet("Kinh tế - xã hội năm 2027", parse_query('"te xa ho'), exact=False)
    assert snippet.marked() == "Kinh [tế - xã hội] năm 2027"


def test_snippet_in_exact_mode_marks_only_exact_words() -> None:
    assert make_snippet("thế giới và Thể lệ", parse_query("thể"), exact=True).marked() == (
        "thế giới và [Thể] lệ"
    )
    assert make_snippet("thế giới và thể lệ", parse_query("thể"), exact=False).marked() == (
        "[thế] giới và [thể] lệ"
    )


def test_snippet_without_a_match_shows_the_start() -> None:
    snippet = make_snippet("một hai ba", parse_query("bốn"), exact=False)
    assert snippet.text == "một hai ba" and snippet.marks == ()


def test_only_latin_letters_lose_their_marks_as_in_the_index() -> None:
    assert fold("Йод") == "йод"  # й is a letter of its own in Cyrillic, as FTS5 keeps it
    assert fold("Ελλάδα") == "ελλάδα"
    assert fold("café") == "cafe"
