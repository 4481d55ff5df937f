"""The live event stream against real servers: order, replay after reconnect, and events
crossing server processes through PostgreSQL ``LISTEN/NOTIFY``."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest

from ecabinet.server.demo import DEMO_MEETING_ID
from tests.e2e.conftest import RunningServer, http_login
from tests.e2e.livesupport import DATABASES, VOTERS, Demo, EventReader, demo_server

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module", params=DATABASES)
def demo(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Demo]:
    yield from demo_server(request, tmp_path_factory)


def test_reconnect_with_last_event_id_replays_what_was_missed(demo: Demo) -> None:
    meeting_id, item_id = demo.new_meeting()
    url = f"{demo.api}/meetings/{meeting_id}/events"
    start = demo.get("delegate1", f"/meetings/{meeting_id}/live")["last_seq"]
    first = EventReader(demo.as_("delegate1"), url, start)
    demo.check_in(meeting_id, "chair")
    seen = first.wait_for("attendance", user_id=demo.ids["chair"])
    first.close()

    # While the delegate is away: the chair moves on, people arrive, a vote opens.
    assert (
        demo.post(
            "chair", f"/meetings/{meeting_id}/current-item", {"agenda_item_id": item_id}
        ).status_code
        == 200
    )
    demo.check_in(meeting_id, "delegate2", "delegate3")
    motion_id = demo.motion(meeting_id, item_id)
    demo.post("chair", f"/motions/{motion_id}/open")

    again = EventReader(demo.as_("delegate1"), url, seen["seq"])
    opened = again.wait_for("motion_opened", motion_id=motion_id)
    missed = [e for e in again.events if e["seq"] <= opened["seq"]]
    assert [e["seq"] for e in missed] == list(range(seen["seq"] + 1, opened["seq"] + 1))
    assert [e["type"] for e in missed] == [
        "current_item",
        "attendance",
        "attendance",
        "motion_created",
        "motion_opened",
    ]
    assert missed[0]["data"] == {"agenda_item_id": item_id}
    # Then it goes on live: ballot counts, and the result at the close.
    demo.check_in(meeting_id, "delegate1")
    demo.vote(motion_id, "delegate1", "for")
    assert again.wait_for("ballots_cast", motion_id=motion_id)["data"]["ballots_cast"] == 1
    demo.post("chair", f"/motions/{motion_id}/close")
    result = again.wait_for("result", motion_id=motion_id)
    assert result["data"]["outcome"] == "adopted"
    assert result["data"]["result"]["signature"]
    again.close()
    # A stream from the beginning replays every event once, in order.
    everything = EventReader(demo.as_("delegate2"), url, 0)
    last = everything.wait_for("result", motion_id=motion_id)
    everything.close()
    assert [e["seq"] for e in everything.events][: last["seq"]] == list(range(1, last["seq"] + 1))


def test_stream_refuses_strangers_and_bad_ids(demo: Demo) -> None:
    meeting_id, _item = demo.new_meeting(voters=("chair", "delegate1"))
    url = f"{demo.api}/meetings/{meeting_id}/events"
    outsider = demo.as_("delegate2").get(url, timeout=10)
    assert outsider.status_code == 404
    bad = demo.as_("delegate1").get(url, headers={"Last-Event-ID": "yesterday"}, timeout=10)
    assert (bad.status_code, bad.json()["error"]["code"]) == (422, "invalid_last_event_id")


# Several server processes need PostgreSQL: SQLite serves one.
@pytest.mark.parametrize(
    "database_url", [pytest.param("postgresql", marks=pytest.mark.postgres)], indirect=True
)
def test_events_cross_server_processes(run_server: Callable[..., RunningServer]) -> None:
    """Two worker processes: every stream hears of every change, whichever process made it."""
    server = run_server("--demo", "--workers", "2")
    url = f"{server.api}/meetings/{DEMO_MEETING_ID}/events"
    chair = http_login(server, "chair")
    start = chair.get(f"{server.api}/meetings/{DEMO_MEETING_ID}/live", timeout=30).json()
    # New connections land on either process; eight streams make one-sided odds tiny.
    readers = [
        EventReader(http_login(server, VOTERS[i % 6]), url, start["last_seq"]) for i in range(8)
    ]
    try:
        for user in VOTERS:
            # A fresh connection each time, so the changes come from both processes too.
            response = http_login(server, user).post(
                f"{server.api}/meetings/{DEMO_MEETING_ID}/attendance", json={}, timeout=30
            )
            assert response.status_code == 200, response.text
        for reader in readers:
            last = reader.wait_for("attendance", timeout=10, present=6)
            seqs = [e["seq"] for e in reader.events]
            assert seqs[: len(VOTERS)] == list(
                range(start["last_seq"] + 1, start["last_seq"] + 1 + len(VOTERS))
            )
            assert last["seq"] == start["last_seq"] + len(VOTERS)
    finally:
        for reader in readers:
            reader.close()
