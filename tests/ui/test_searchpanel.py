"""The search panel on a real profile and index: typing, scope, exact mode, stale answers."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from ecabinet.client.profile import Profile
from ecabinet.client.search import Indexer
from ecabinet.client.secrets import MemorySecrets
from ecabinet.core.textfold import Snippet
from ecabinet.ui.bridge import GuiBridge, TaskRunner
from ecabinet.ui.i18n import Translations
from ecabinet.ui.searchpanel import HitChoice, HitRole, SearchPanel, snippet_html
from ecabinet.ui.session import AppSession
from tests.support import add_local_meeting, make_text_pdf

WAIT_MS = 15_000


@pytest.fixture
def panel(qtbot: QtBot, tmp_path: Path) -> Iterator[SearchPanel]:
    profile = Profile(tmp_path / "profile", secrets=MemorySecrets())
    add_local_meeting(
        profile,
        "m1",
        "Kỳ họp thứ 12",
        {"Báo cáo": make_text_pdf(["Kiểm tra ngân sách tại Đà Nẵng.", "Thể lệ bầu cử."])},
    )
    plan = make_text_pdf(["Đà Lạt và Thế giới."])
    add_local_meeting(profile, "m2", "Kỳ họp thứ 13", {"Kế hoạch": plan})
    Indexer(profile, workers=1).run()
    # Version 2 adds a document that has arrived but is not indexed yet.
    later = {"Kế hoạch": plan, "Chưa lập chỉ mục": make_text_pdf(["x"])}
    add_local_meeting(profile, "m2", "Kỳ họp thứ 13", later, version=2)
    translations = Translations()
    translations.install("en")  # plural forms ("1 page", "2 pages") come from the catalogue
    runner = TaskRunner(GuiBridge())
    session = AppSession(profile, "http://127.0.0.1:9", runner)  # never contacted here
    widget = SearchPanel(session)
    qtbot.addWidget(widget)
    widget.resize(500, 600)
    yield widget
    session.close()
    runner.shutdown()
    profile.close()
    translations.uninstall()


def hits(panel: SearchPanel) -> list[tuple[str, int]]:
    found = []
    for m in range(panel.model.rowCount()):
        meeting = panel.model.item(m)
        for d in range(meeting.rowCount()):
            document = meeting.child(d)
            for h in range(document.rowCount()):
                choice = document.child(h).data(HitRole)
                assert isinstance(choice, HitChoice)
                found.append((choice.hit.document_title, choice.hit.page))
    return found


def test_typing_searches_after_a_pause_and_shows_the_last_answer_only(
    panel: SearchPanel, qtbot: QtBot
) -> None:
    qtbot.keyClicks(panel.field, "d")
    qtbot.keyClicks(panel.field, "a ")
    qtbot.keyClicks(panel.field, "nang")
    qtbot.waitUntil(lambda: hits(panel) == [("Báo cáo", 0)], timeout=WAIT_MS)
    assert "1 page in 1 document" in panel.status.text()
    assert "1 document not searchable yet" in panel.status.text()
    # An answer that arrives after the text changed is not shown: answers come back through
    # the event loop, so the edit below always happens before the first answer is handled.
    panel.field.setText("the")
    panel.run_query()  # two pages match "the"; its answer is queued for the event loop
    shown: list[int] = []
    panel.model.rowsInserted.connect(lambda *_args: shown.append(1))
    qtbot.keyClicks(panel.field, " x")  # typed before that answer is handled
    qtbot.waitUntil(lambda: "Nothing found" in panel.status.text(), timeout=WAIT_MS)
    assert shown == []  # the answer for "the" was never shown


def test_scope_this_meeting_and_exact_mode(panel: SearchPanel, qtbot: QtBot) -> None:
    panel.set_meeting("m2", "Kỳ họp thứ 13")
    assert panel.scope.count() == 2 and "Kỳ họp thứ 13" in panel.scope.itemText(1)
    panel.field.setText("da")
    panel.run_query()
    qtbot.waitUntil(
        lambda: len(hits(panel)) == 2,
        timeout=WAIT_MS,
    )
    panel.scope.setCurrentIndex(1)
    qtbot.waitUntil(lambda: hits(panel) == [("Kế hoạch", 0)], timeout=WAIT_MS)
    panel.scope.setCurrentIndex(0)
    panel.field.setText("thể")
    panel.exact.setChecked(True)
    qtbot.waitUntil(lambda: hits(panel) == [("Báo cáo", 1)], timeout=WAIT_MS)
    panel.field.setText("the")
    panel.run_query()
    qtbot.waitUntil(lambda: "Nothing found" in panel.status.text(), timeout=WAIT_MS)


def test_choosing_a_hit_says_where_to_go(panel: SearchPanel, qtbot: QtBot) -> None:
    panel.field.setText("ngan sach")
    panel.run_query()
    qtbot.waitUntil(lambda: len(hits(panel)) == 1, timeout=WAIT_MS)
    hit = panel.model.item(0).child(0).child(0)
    with qtbot.waitSignal(panel.hit_chosen, timeout=WAIT_MS) as chosen:
        panel.tree.clicked.emit(hit.index())
    choice = chosen.args[0]
    assert isinstance(choice, HitChoice)
    assert (choice.hit.meeting_id, choice.hit.page, choice.query) == ("m1", 0, "ngan sach")


def test_snippets_are_escaped_and_marked() -> None:
    snippet = Snippet("a <b> & ngân sách", ((8, 12), (13, 17)))
    html_text = snippet_html(snippet)
    assert html_text.startswith("a &lt;b&gt; &amp; <span")
    assert html_text.count("<span") == 2 and ">ngân</span>" in html_text
