"""The workspace's meeting form: link validation, typed text kept over reloads, facts."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pytestqt.qtbot import QtBot

from ecabinet.ui.workspace.meetingform import MeetingForm, valid_link

USERS = [
    {"id": "1" * 32, "username": "chair", "full_name": "Trần Văn Minh", "roles": ["chair"]},
    {"id": "2" * 32, "username": "delegate1", "full_name": "Lê Quốc Bảo", "roles": ["delegate"]},
]


def detail(**changes: Any) -> dict[str, Any]:
    return {
        "id": "9" * 32,
        "title": "Kỳ họp thứ 12",
        "starts_at": "2026-12-03T01:00:00Z",
        "location": "Hội trường A",
        "video_url": "https://zoom.us/j/123",
        "bridge_sites": ["Huế"],
        "participants": [
            {
                "user_id": "1" * 32,
                "username": "chair",
                "full_name": "Trần Văn Minh",
                "role": "chair",
            }
        ],
        **changes,
    }


def test_links_of_any_service_pass_and_others_are_refused() -> None:
    for good in (
        "https://zoom.us/j/123?pwd=x",
        "https://meet.google.com/abc-defg-hij",
        "http://trueconf.local:8080/c/1",
        "https://hop.example.gov.vn/webex/room",
    ):
        assert valid_link(good), good
    for bad in ("zoom 123", "meet.google.com/abc", "ftp://x.org/a", "https://", "javascript:x"):
        assert not valid_link(bad), bad


def test_form_gives_the_facts_the_api_takes(qtbot: QtBot) -> None:
    form = MeetingForm()
    qtbot.addWidget(form)
    form.set_directory(USERS)
    form.load(detail())
    assert not form.dirty and form.picker.count() == 1  # the chair is taken already
    form.add_participant(USERS[1])
    assert form.dirty
    facts = form.facts()
    assert facts is not None
    assert facts["participants"] == [
        {"user_id": "1" * 32, "role": "chair"},
        {"user_id": "2" * 32, "role": "delegate"},
    ]
    assert datetime.fromisoformat(facts["starts_at"]) == datetime.fromisoformat(
        "2026-12-03T01:00:00+00:00"
    )
    assert facts["bridge_sites"] == ["Huế"] and facts["video_url"] == "https://zoom.us/j/123"
    form.video_url.setText("zoom 123")
    assert form.facts() is None and form.link_problem.isVisibleTo(form)
    form.video_url.clear()
    assert form.facts()["video_url"] is None  # type: ignore[index]
    form.title.clear()
    assert form.facts() is None


def test_typed_text_survives_a_reload_until_saved_or_discarded(qtbot: QtBot) -> None:
    form = MeetingForm()
    qtbot.addWidget(form)
    form.load(detail())
    form.location.setText("Phòng 204")
    form.location.textEdited.emit("Phòng 204")
    assert form.dirty
    form.load(detail(title="Kỳ họp thứ 12 (đổi giờ)", location="Hội trường B"))
    assert form.location.text() == "Phòng 204" and form.title.text() == "Kỳ họp thứ 12"
    assert "Unsaved changes" in form.state.text()
    sent = form.facts()
    assert sent is not None
    form.saved(detail(location="Phòng 204"), sent)
    assert not form.dirty and form.location.text() == "Phòng 204"
    form.location.setText("Phòng 305")
    form.location.textEdited.emit("Phòng 305")
    form.revert()
    assert not form.dirty and form.location.text() == "Phòng 204"


def test_a_new_meeting_starts_with_its_creator_as_secretary(qtbot: QtBot) -> None:
    form = MeetingForm()
    qtbot.addWidget(form)
    form.me = "2" * 32
    form.set_directory(USERS)
    form.clear()
    form.title.setText("Họp mới")
    facts = form.facts()
    assert facts is not None
    assert facts["participants"] == [{"user_id": "2" * 32, "role": "secretary"}]
    assert not form.dirty
