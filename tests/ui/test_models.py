"""The meetings list and agenda tree models, and the GUI bridge."""

from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta
from typing import Any

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from ecabinet.client.profile import LocalMeeting
from ecabinet.ui.agendamodel import AgendaModel, ChangedRole, NodeRole
from ecabinet.ui.bridge import GuiBridge, TaskRunner
from ecabinet.ui.meetingsmodel import MeetingsModel, NewVersionRole, UpcomingRole
from ecabinet.ui.session import MeetingEntry

NOW = datetime(2026, 12, 1, tzinfo=UTC)


def entry(meeting_id: str, days: int, version: int | None = 1) -> MeetingEntry:
    starts = (NOW + timedelta(days=days)).isoformat()
    meeting = LocalMeeting(meeting_id, f"Họp {meeting_id}", starts, version, None, None, None, None)
    return MeetingEntry(meeting, "Phòng họp 1", "", None)


def test_upcoming_meetings_first_soonest_first_then_past_latest_first(qtbot: QtBot) -> None:
    model = MeetingsModel()
    model.set_entries(
        [entry("past-old", -30), entry("soon", 2), entry("later", 20), entry("past-recent", -1)],
        now=NOW,
    )
    order = [model.entry(r).id for r in range(model.rowCount())]  # type: ignore[union-attr]
    assert order == ["soon", "later", "past-recent", "past-old"]
    assert model.data(model.index(0), Qt.ItemDataRole.DisplayRole).startswith("Họp soon\n")


def test_new_version_badge_until_seen(qtbot: QtBot) -> None:
    model = MeetingsModel()
    model.set_entries([entry("m", 1, version=3)], now=NOW)
    index = model.index(0)
    assert model.data(index, NewVersionRole) is True
    model.mark_seen("m", 3)
    assert model.data(index, NewVersionRole) is False
    assert model.data(index, UpcomingRole) in (True, False)


def manifest(titles: list[str], docs: dict[str, str], item_docs: list[list[str]]) -> dict[str, Any]:
    return {
        "agenda": [
            {
                "id": f"i{n}",
                "number": str(n + 1),
                "title": title,
                "presenter": "Sở",
                "duration_min": 15,
                "documents": item_docs[n],
                "confidential": n == 1,
                "children": [],
            }
            for n, title in enumerate(titles)
        ],
        "documents": {sha: {"title": title, "pages": 3, "size": 1} for sha, title in docs.items()},
    }


def test_agenda_tree_shows_items_and_documents_and_marks_changes(qtbot: QtBot) -> None:
    old = manifest(["Khai mạc", "Nhân sự"], {"a" * 64: "Chương trình"}, [["a" * 64], []])
    new = manifest(
        ["Khai mạc", "Nhân sự (sửa)"],
        {"a" * 64: "Chương trình", "b" * 64: "Phụ lục"},
        [["a" * 64, "b" * 64], []],
    )
    model = AgendaModel()
    model.set_manifest(new, old)
    assert model.rowCount() == 2
    first = model.index(0, 0)
    assert model.data(first) == "1. Khai mạc\nSở · 15 min"
    assert model.rowCount(first) == 2
    docs = [model.index(r, 0, first) for r in range(2)]
    assert [model.data(d, NodeRole).title for d in docs] == ["Chương trình", "Phụ lục"]
    assert [model.data(d, ChangedRole) for d in docs] == [False, True]
    assert model.parent(docs[1]) == first
    second = model.index(1, 0)
    assert model.data(second, ChangedRole) is True
    assert model.data(second, NodeRole).confidential is True
    assert "Confidential" in model.data(second, Qt.ItemDataRole.ToolTipRole)
    model.set_manifest(new, None)
    assert model.data(model.index(1, 0), ChangedRole) is False


def test_task_results_arrive_on_the_gui_thread(qtbot: QtBot) -> None:
    bridge = GuiBridge()
    runner = TaskRunner(bridge)
    seen: list[tuple[str, object]] = []
    gui = threading.current_thread()
    try:
        runner.run(
            lambda: threading.current_thread().name,
            lambda name: seen.append(("done", (name, threading.current_thread() is gui))),
        )
        runner.run(lambda: 1 / 0, None, lambda error: seen.append(("error", type(error).__name__)))
        qtbot.waitUntil(lambda: len(seen) == 2, timeout=5000)
    finally:
        runner.shutdown()
    results = dict(seen)
    name, on_gui = results["done"]  # type: ignore[misc]
    assert name.startswith("ecabinet-task") and on_gui is True
    assert results["error"] == "ZeroDivisionError"
    # Work asked for while the app closes is dropped, not an error in a Qt callback.
    late = runner.run(lambda: seen.append(("late", 1)), lambda _r: seen.append(("late", 2)))
    assert late.cancelled()
    qtbot.wait(50)
    assert "late" not in dict(seen)
