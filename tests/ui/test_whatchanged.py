"""The "What changed" dialog and its entry points, on a real profile, index and task runner."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QUrl
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from ecabinet.client.changes import DocumentChange, PageDiff, page_diffs, summarize
from ecabinet.client.profile import Profile
from ecabinet.client.search import Indexer
from ecabinet.client.secrets import MemorySecrets
from ecabinet.ui.bridge import GuiBridge, TaskRunner
from ecabinet.ui.changesdialog import ChangesDialog, highlight_phrase
from ecabinet.ui.messagebar import MessageBar
from ecabinet.ui.session import AppSession, MeetingEntry, load_entries
from ecabinet.ui.whatchanged import WhatChanged
from tests.support import add_local_meeting, make_text_pdf

WAIT_MS = 15_000
OLD_PAGES = [
    "Chương trình kỳ họp thứ chín",
    "Tổng thu nội địa dự kiến tăng mười phần trăm so với năm trước",
    "Bế mạc kỳ họp",
]
NEW_PAGES = [
    OLD_PAGES[0],
    "Tổng thu nội địa dự kiến tăng mười hai phần trăm so với năm trước",
    OLD_PAGES[2],
]


def test_dialog_shows_items_documents_note_and_marked_pages(qtbot: QtBot) -> None:
    old = {
        "meeting": {"id": "m1"},
        "packet_version": 1,
        "documents": {"a" * 64: {"title": "Dự toán"}},
        "agenda": [
            {"id": "i1", "number": "1", "title": "Ngân sách", "documents": ["a" * 64]},
            {"id": "i2", "number": "2", "title": "Bế mạc", "documents": []},
        ],
    }
    new = {
        "meeting": {"id": "m1"},
        "packet_version": 2,
        "note": "Sửa tỷ lệ tăng thu",
        "documents": {"b" * 64: {"title": "Dự toán"}},
        "agenda": [
            {"id": "i1", "number": "1", "title": "Ngân sách", "documents": ["b" * 64]},
            {"id": "i3", "number": "2", "title": "Thủy lợi", "documents": []},
        ],
    }
    asked: list[DocumentChange] = []

    def load(
        change: DocumentChange,
        done: Callable[[list[PageDiff]], None],
        failed: Callable[[BaseException], None],
    ) -> None:
        asked.append(change)
        done(page_diffs(OLD_PAGES, NEW_PAGES))

    dialog = ChangesDialog(summarize(old, new), "Kỳ họp thứ chín", load)
    qtbot.addWidget(dialog)
    chosen: list[tuple[DocumentChange, PageDiff]] = []
    dialog.page_chosen.connect(lambda change, diff: chosen.append((change, diff)))
    summary = dialog.summary_view.toPlainText()
    assert "Replaced: Dự toán\nagenda item: Ngân sách\nShow the changed pages" in summary
    assert "Added: 2. Thủy lợi" in summary and "Removed: 2. Bế mạc" in summary
    assert "Sửa tỷ lệ tăng thu" in dialog.note_label.text()
    # The only replaced document's pages are compared at once.
    assert [c.new_sha256 for c in asked] == ["b" * 64]
    pages = dialog.pages_view.toHtml()
    assert "Page 2" in dialog.pages_view.toPlainText()
    assert "line-through" not in pages.split("hai")[0].split("mười")[-1]  # nothing removed
    assert "#0b6b2b" in pages  # the inserted word's colour
    assert dialog.page_links() == [0]
    dialog.pages_view.anchorClicked.emit(QUrl("page:0"))
    [(change, diff)] = chosen
    assert (change.title, diff.new_page, diff.inserted) == ("Dự toán", 1, ["hai"])
    assert highlight_phrase(diff) == '"hai"'


def test_removed_words_are_struck_in_red(qtbot: QtBot) -> None:
    [diff] = page_diffs(["một hai ba bốn năm"], ["một ba bốn năm sáu"])
    assert highlight_phrase(diff) == '"sáu"'
    change = DocumentChange("replaced", "Tờ trình", "Mục 1", "a" * 64, "b" * 64)
    summary = summarize(
        {"meeting": {"id": "m"}, "packet_version": 1, "documents": {}, "agenda": []},
        {"meeting": {"id": "m"}, "packet_version": 2, "documents": {}, "agenda": []},
    )
    dialog = ChangesDialog(summary, "Họp", lambda *_: None)
    qtbot.addWidget(dialog)
    dialog.set_pages(change, [diff])
    html = dialog.pages_view.toHtml()
    struck = html[html.index("line-through") :]
    assert struck.index("hai") < struck.index("</span>")
    assert "did not change" in dialog.summary_view.toPlainText()


@pytest.fixture
def world(qtbot: QtBot, tmp_path: Path) -> Iterator[dict[str, Any]]:
    profile = Profile(tmp_path / "profile", secrets=MemorySecrets())
    runner = TaskRunner(GuiBridge())
    session = AppSession(profile, "http://127.0.0.1:9", runner)  # never contacted here
    window = QWidget()
    bar = MessageBar(window)
    qtbot.addWidget(window)
    window.show()
    opened: list[tuple[Any, ...]] = []

    def open_document(*args: Any) -> None:
        opened.append(args)

    changes = WhatChanged(session, bar, open_document, window)
    yield {"profile": profile, "changes": changes, "bar": bar, "opened": opened}
    if changes.dialog is not None:
        changes.dialog.close()
    session.close()
    runner.shutdown()
    profile.close()


def entry(profile: Profile) -> MeetingEntry:
    [found] = load_entries(profile)
    return found


def test_a_newer_version_is_offered_then_seen(qtbot: QtBot, world: dict[str, Any]) -> None:
    profile: Profile = world["profile"]
    changes: WhatChanged = world["changes"]
    bar: MessageBar = world["bar"]
    add_local_meeting(profile, "m1", "Kỳ họp thứ chín", {"Dự toán": make_text_pdf(OLD_PAGES)})
    changes.meeting_shown(entry(profile))
    qtbot.waitUntil(lambda: profile.meetings()[0].seen_version == 1, timeout=WAIT_MS)
    assert not changes.action.isVisible() and bar.text() == ""

    new = add_local_meeting(
        profile, "m1", "Kỳ họp thứ chín", {"Dự toán": make_text_pdf(NEW_PAGES)}, version=2
    )
    Indexer(profile, workers=1).run()
    changes.meeting_shown(entry(profile))
    qtbot.waitUntil(lambda: "version 1 → 2" in bar.text(), timeout=WAIT_MS)
    assert changes.action.isVisible()
    bar.action_button.click()
    dialog = changes.dialog
    assert dialog is not None and dialog.isVisible()
    qtbot.waitUntil(lambda: dialog.page_links() == [0], timeout=WAIT_MS)
    dialog.pages_view.anchorClicked.emit(QUrl("page:0"))
    [(meeting_id, sha, title, state, hit)] = world["opened"]
    assert (meeting_id, sha, title, state) == ("m1", new["Dự toán"], "Dự toán", {"page": 1})
    assert (hit.query, hit.hit.page, hit.exact) == ('"hai"', 1, True)

    dialog.close()
    qtbot.waitUntil(lambda: profile.meetings()[0].seen_version == 2, timeout=WAIT_MS)
    assert not changes.action.isVisible()
    assert profile.change_summary("m1") is None


def test_pages_that_cannot_be_compared_say_why(qtbot: QtBot, world: dict[str, Any]) -> None:
    profile: Profile = world["profile"]
    changes: WhatChanged = world["changes"]
    old = add_local_meeting(profile, "m1", "Kỳ họp", {"Dự toán": make_text_pdf(OLD_PAGES)})
    changes.meeting_shown(entry(profile))
    qtbot.waitUntil(lambda: profile.meetings()[0].seen_version == 1, timeout=WAIT_MS)
    add_local_meeting(profile, "m1", "Kỳ họp", {"Dự toán": make_text_pdf(NEW_PAGES)}, version=2)
    profile.vault.remove(old["Dự toán"])  # lost from the disk, and never indexed
    changes.meeting_shown(entry(profile))
    qtbot.waitUntil(changes.action.isVisible, timeout=WAIT_MS)
    changes.action.trigger()
    dialog = changes.dialog
    assert dialog is not None
    qtbot.waitUntil(
        lambda: "no longer on this device" in dialog.pages_view.toPlainText(), timeout=WAIT_MS
    )
    assert dialog.page_links() == []
