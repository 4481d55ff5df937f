"""The vote panel and the chair's panel, alone, fed live states as the server sends them."""

from __future__ import annotations

import copy
from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QPushButton
from pytestqt.qtbot import QtBot

from ecabinet.ui.chairpanel import ChairPanel
from ecabinet.ui.sidepanel import agenda_items
from ecabinet.ui.votepanel import VotePanel, current_motion

ME, OTHER = "a" * 32, "b" * 32


class FakeLive(QObject):
    """Stands in for LiveSession: same signals, and it notes what the panels ask for."""

    state_changed = Signal(dict)
    online_changed = Signal(bool)
    receipt_saved = Signal(dict)
    failed = Signal(str)
    presented = Signal(str, int)

    def __init__(self) -> None:
        super().__init__()
        self.calls: list[tuple[Any, ...]] = []

    def check_in(self) -> None:
        self.calls.append(("check_in",))

    def vote(self, motion_id: str, choice: str, on_behalf_of: str | None = None) -> None:
        self.calls.append(("vote", motion_id, choice, on_behalf_of))

    def create_motion(self, motion: dict[str, Any]) -> None:
        self.calls.append(("create_motion", motion))

    def open_motion(self, motion_id: str) -> None:
        self.calls.append(("open_motion", motion_id))

    def close_motion(self, motion_id: str) -> None:
        self.calls.append(("close_motion", motion_id))

    def set_current_item(self, item_id: str) -> None:
        self.calls.append(("set_current_item", item_id))


def person(
    user_id: str, name: str, *, present: bool, role: str = "delegate", proxy: str | None = None
) -> dict[str, Any]:
    return {
        "user_id": user_id,
        "username": name,
        "full_name": name,
        "role": role,
        "entitled": role in ("chair", "delegate"),
        "present": present,
        "site": "room" if present else None,
        "proxy_holder": proxy,
    }


def motion(state: str = "open", **extra: Any) -> dict[str, Any]:
    return {
        "id": "m" * 32,
        "meeting_id": "e" * 32,
        "agenda_item_id": "i" * 32,
        "title": "Thông qua kế hoạch 2027",
        "text": "Điều 1. Thông qua kế hoạch.",
        "options": ["for", "against", "abstain"],
        "secret": False,
        "majority": "simple",
        "quorum": {"numerator": 1, "denominator": 2},
        "state": state,
        "ballots_cast": 2,
        "entitled": 6,
        "created_at": "2026-12-03T01:00:00Z",
        "opened_at": "2026-12-03T01:01:00Z" if state != "draft" else None,
        "closed_at": "2026-12-03T01:05:00Z" if state == "closed" else None,
        "voted": False,
        "proxies": [],
        "counts": None,
        "outcome": None,
        "result": None,
    } | extra


def live_state(
    *motions: dict[str, Any], present: bool = True, proxy: str | None = None
) -> dict[str, Any]:
    return {
        "meeting_id": "e" * 32,
        "last_seq": 12,
        "current_item_id": "i" * 32,
        "presented": None,
        "present": 4,
        "entitled": 6,
        "quorum_share": {"numerator": 1, "denominator": 2},
        "quorum_met": True,
        "attendance": [
            person(ME, "Lê Quốc Bảo", present=present, proxy=proxy),
            person(OTHER, "Phạm Thị Ngọc Ánh", present=False),
        ],
        "motions": list(motions),
        "user_id": ME,
    }


def option_buttons(panel: VotePanel) -> dict[str, QPushButton]:
    return {b.text(): b for b in panel.option_buttons}


def test_vote_with_a_confirmation_step_then_recorded(qtbot: QtBot) -> None:
    live = FakeLive()
    panel = VotePanel(live)  # type: ignore[arg-type]
    qtbot.addWidget(panel)
    live.state_changed.emit(live_state(motion()))
    buttons = option_buttons(panel)
    assert set(buttons) == {"For", "Against", "Abstain"}
    assert all(b.isEnabled() and b.minimumHeight() >= 56 for b in buttons.values())
    buttons["Against"].click()
    assert panel.confirm_frame.isVisibleTo(panel)
    assert "Against" in panel.confirm_text.text()
    assert live.calls == []  # nothing is sent before the confirmation
    panel.change_button.click()
    assert not panel.confirm_frame.isVisibleTo(panel)
    option_buttons(panel)["For"].click()
    panel.confirm_button.click()
    assert live.calls == [("vote", "m" * 32, "for", None)]
    receipt = {
        "receipt": {"motion_id": "m" * 32, "voter_id": ME, "accepted_at": "2026-12-03T01:02:00Z"},
        "key_id": "5aec5195975dbb60",
        "signature": "x",
    }
    live.receipt_saved.emit(receipt)
    live.state_changed.emit(live_state(motion(voted=True, ballots_cast=3)))
    assert "Your vote is recorded." in panel.status.text()
    assert "5aec5195975dbb60" in panel.status.text()
    assert "Ballots cast: 3 of 6" in panel.status.text()
    assert not any(b.isEnabled() for b in panel.option_buttons)


def test_check_in_first(qtbot: QtBot) -> None:
    live = FakeLive()
    panel = VotePanel(live)  # type: ignore[arg-type]
    qtbot.addWidget(panel)
    live.state_changed.emit(live_state(motion(), present=False))
    assert panel.check_in_button.isEnabled()
    assert not any(b.isEnabled() for b in panel.option_buttons)
    assert "Check in to vote." in panel.status.text()
    panel.check_in_button.click()
    assert live.calls == [("check_in",)]
    live.state_changed.emit(live_state(motion()))
    assert not panel.check_in_button.isEnabled()
    assert panel.check_in_button.text() == "You are checked in"


def test_offline_says_voting_needs_a_connection(qtbot: QtBot) -> None:
    live = FakeLive()
    panel = VotePanel(live)  # type: ignore[arg-type]
    qtbot.addWidget(panel)
    live.state_changed.emit(live_state(motion()))
    live.online_changed.emit(False)
    assert panel.connection.isVisibleTo(panel)
    assert "voting needs a connection" in panel.connection.text()
    assert "Nothing is saved to send later" in panel.connection.text()
    assert not any(b.isEnabled() for b in panel.option_buttons)
    live.failed.emit("Voting needs a connection to the server. Nothing was saved to send later.")
    assert "Nothing was saved" in panel.status.text()
    live.online_changed.emit(True)
    assert not panel.connection.isVisibleTo(panel)
    assert all(b.isEnabled() for b in panel.option_buttons)


def test_proxy_holder_votes_for_the_member_too(qtbot: QtBot) -> None:
    live = FakeLive()
    panel = VotePanel(live)  # type: ignore[arg-type]
    qtbot.addWidget(panel)
    live.state_changed.emit(live_state(motion(proxies=[{"user_id": OTHER, "voted": False}])))
    assert panel.on_behalf.isVisibleTo(panel)
    assert [panel.on_behalf.itemData(i) for i in range(panel.on_behalf.count())] == ["", OTHER]
    panel.on_behalf.setCurrentIndex(1)
    option_buttons(panel)["Abstain"].click()
    panel.confirm_button.click()
    assert live.calls == [("vote", "m" * 32, "abstain", OTHER)]


def test_delegator_sees_that_the_proxy_votes(qtbot: QtBot) -> None:
    live = FakeLive()
    panel = VotePanel(live)  # type: ignore[arg-type]
    qtbot.addWidget(panel)
    live.state_changed.emit(live_state(motion(), proxy=OTHER))
    assert not any(b.isEnabled() for b in panel.option_buttons)


def test_result_after_close(qtbot: QtBot) -> None:
    live = FakeLive()
    panel = VotePanel(live)  # type: ignore[arg-type]
    qtbot.addWidget(panel)
    closed = motion("closed", counts={"for": 4, "against": 1, "abstain": 1}, outcome="adopted")
    live.state_changed.emit(live_state(closed))
    assert panel.option_buttons == []
    assert "Result: Adopted — For 4 · Against 1 · Abstain 1" in panel.status.text()
    live.state_changed.emit(live_state())
    assert panel.title.text() == "No vote is open."


def test_current_motion_prefers_the_open_one() -> None:
    older = motion("closed", id="1" * 32, closed_at="2026-12-03T01:00:00Z")
    newer = motion("closed", id="2" * 32, closed_at="2026-12-03T02:00:00Z")
    assert current_motion(live_state(older, newer))["id"] == "2" * 32  # type: ignore[index]
    assert current_motion(live_state(older, motion(id="3" * 32)))["id"] == "3" * 32  # type: ignore[index]
    assert current_motion(live_state()) is None


def chair_panel(qtbot: QtBot, live: FakeLive) -> ChairPanel:
    panel = ChairPanel(live)  # type: ignore[arg-type]
    qtbot.addWidget(panel)
    manifest = {
        "agenda": [
            {"id": "i" * 32, "number": "1", "title": "Khai mạc", "children": []},
            {
                "id": "j" * 32,
                "number": "2",
                "title": "Ngân sách",
                "children": [{"id": "k" * 32, "number": "2.1", "title": "Dự toán", "children": []}],
            },
        ]
    }
    items = agenda_items(manifest)
    assert [label for _id, label in items] == ["1 Khai mạc", "2 Ngân sách", "2.1 Dự toán"]
    panel.set_agenda(items)
    return panel


def test_chair_moves_the_agenda_and_creates_a_motion(qtbot: QtBot) -> None:
    live = FakeLive()
    panel = chair_panel(qtbot, live)
    live.state_changed.emit(live_state())
    assert panel.attendance.text() == "Present: 4 of 6 entitled — quorum met"
    assert panel.current_item.text() == "Current item: 1 Khai mạc"
    panel.item_box.setCurrentIndex(2)
    panel.item_button.click()
    panel.create_button.click()
    assert "title" in panel.message.text()  # nothing sent without a title
    panel.motion_title.setText("Bầu Trưởng ban")
    panel.motion_options.setText("Ông A, Bà B")
    panel.secret.setChecked(True)
    panel.majority.setCurrentIndex(3)
    panel.create_button.click()
    assert live.calls == [
        ("set_current_item", "k" * 32),
        (
            "create_motion",
            {
                "agenda_item_id": "i" * 32,
                "title": "Bầu Trưởng ban",
                "text": "",
                "secret": True,
                "majority": "two_thirds_members",
                "options": ["Ông A", "Bà B"],
            },
        ),
    ]


def test_chair_opens_watches_and_closes(qtbot: QtBot) -> None:
    live = FakeLive()
    panel = chair_panel(qtbot, live)
    draft = motion("draft", ballots_cast=0)
    live.state_changed.emit(live_state(draft))
    assert panel.open_button.isEnabled() and not panel.close_button.isEnabled()
    panel.open_button.click()
    assert live.calls[-1] == ("open_motion", "m" * 32)
    live.state_changed.emit(live_state(motion(ballots_cast=5)))
    assert panel.count.text() == "Ballots cast: 5 of 6 entitled"
    assert panel.close_button.isEnabled() and not panel.open_button.isEnabled()
    panel.close_button.click()
    assert live.calls[-1] == ("close_motion", "m" * 32)
    result = {"result": {"quorum_met": True, "present": {"members": 5}}}
    closed = motion(
        "closed",
        ballots_cast=5,
        counts={"for": 3, "against": 2, "abstain": 0},
        outcome="adopted",
        result=result,
    )
    live.state_changed.emit(live_state(copy.deepcopy(closed)))
    assert "Result: Adopted — For 3 · Against 2 · Abstain 0" in panel.result.text()
    assert "quorum met; 5 present" in panel.result.text()
    assert not panel.open_button.isEnabled() and not panel.close_button.isEnabled()
    index = panel.model.index(0)
    assert "closed" in index.data() and "Adopted" in index.data()
