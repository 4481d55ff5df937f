"""Motions on a confidential agenda item against the real server.

A participant not cleared for the item must not see such a motion, vote on it or learn its
title through any door: ``GET /live``, ``GET /motions/{id}``, the motions list, ballots, or
the bytes of the meeting's one event stream.  Only the cleared members are entitled, so
they alone make the quorum and the "of members" majorities.
"""

from __future__ import annotations

import contextlib
import json
import socket
import threading
import uuid
from collections.abc import Iterator
from typing import Any

import pytest
import requests

from ecabinet.core.signing import public_key_from_b64, verify_record
from tests.e2e.livesupport import DATABASES, Demo, EventReader, demo_server

pytestmark = pytest.mark.slow

EVERYONE = ("chair", "delegate1", "delegate2", "delegate3", "delegate4", "delegate5")
CLEARED = ("chair", "delegate1", "delegate2", "delegate3")


@pytest.fixture(scope="module", params=DATABASES)
def demo(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Demo]:
    yield from demo_server(request, tmp_path_factory)


class RawStream:
    """The bytes of a meeting's event stream, exactly as the server wrote them."""

    def __init__(self, session: requests.Session, url: str, last_event_id: int) -> None:
        self.response = session.get(
            url, stream=True, timeout=30, headers={"Last-Event-ID": str(last_event_id)}
        )
        assert self.response.status_code == 200, self.response.text
        self.data = bytearray()
        self.arrived = threading.Condition()
        self._thread = threading.Thread(target=self._read, daemon=True)
        self._thread.start()

    def _read(self) -> None:
        try:
            for chunk in self.response.iter_content(chunk_size=None):
                with self.arrived:
                    self.data.extend(chunk)
                    self.arrived.notify_all()
        except (requests.RequestException, AttributeError, ValueError, OSError):
            return  # closed by the test

    def wait_for(self, needle: bytes, timeout: float = 10.0) -> bytes:
        with self.arrived:
            assert self.arrived.wait_for(lambda: needle in self.data, timeout), needle
            return bytes(self.data)

    def close(self) -> None:
        sock = getattr(getattr(self.response.raw, "_connection", None), "sock", None)
        if isinstance(sock, socket.socket):
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)
        self.response.close()
        self._thread.join(timeout=5)


def confidential_meeting(
    demo: Demo, cleared: tuple[str, ...] = CLEARED, publish: bool = True
) -> tuple[str, str, str]:
    """A meeting of the six voters with a public item and a confidential one.

    Returns:
        The meeting id, the public item's id and the confidential item's id.
    """
    meeting_id, _item = demo.new_meeting(EVERYONE)
    agenda = demo.as_("secretary").put(
        f"{demo.api}/meetings/{meeting_id}/agenda",
        json={
            "items": [
                {"title": "Biểu quyết công khai — Public vote"},
                {
                    "title": "Nhân sự (MẬT) — Personnel (confidential)",
                    "confidential": True,
                    "cleared": [demo.ids[u] for u in cleared],
                },
            ]
        },
        timeout=30,
    )
    assert agenda.status_code == 200, agenda.text
    public, secret = (str(item["id"]) for item in agenda.json())
    if publish:
        published = demo.post("secretary", f"/meetings/{meeting_id}/publish", {"note": "v1"})
        assert published.status_code == 200, published.text
    return meeting_id, public, secret


def marked_motion(demo: Demo, meeting_id: str, item_id: str, **fields: Any) -> tuple[str, str]:
    """A motion whose title and text carry a marker to look for; returns its id and marker."""
    marker = "Bổ nhiệm Giám đốc Sở " + uuid.uuid4().hex[:8]
    motion_id = demo.motion(
        meeting_id, item_id, title=marker, text=f"Điều 1. {marker} — văn bản", **fields
    )
    return motion_id, marker


def error_of(response: requests.Response) -> tuple[int, dict[str, Any]]:
    return response.status_code, response.json()


def not_visible(demo: Demo, user: str, meeting_id: str, motion_id: str) -> None:
    """``user`` learns nothing of the motion: it answers as a motion that does not exist."""
    unknown = uuid.uuid4().hex
    session = demo.as_(user)
    live = demo.get(user, f"/meetings/{meeting_id}/live")
    assert motion_id not in json.dumps(live)
    listed = demo.get(user, f"/meetings/{meeting_id}/motions")
    assert motion_id not in json.dumps(listed)
    hidden = error_of(session.get(f"{demo.api}/motions/{motion_id}", timeout=30))
    assert hidden[0] == 404 and hidden[1]["error"]["code"] == "motion_not_found"
    assert hidden == error_of(session.get(f"{demo.api}/motions/{unknown}", timeout=30))
    ballot = error_of(demo.vote(motion_id, user, "for"))
    assert ballot == error_of(demo.vote(unknown, user, "for"))
    assert ballot[0] == 404


def server_key(demo: Demo) -> Any:
    info = requests.get(f"{demo.api}/server-key", timeout=10).json()
    return public_key_from_b64(info["public_key"])


@pytest.mark.parametrize("publish", [True, False], ids=["published", "draft"])
def test_uncleared_delegate_cannot_see_vote_on_or_hear_of_a_confidential_motion(
    demo: Demo, publish: bool
) -> None:
    meeting_id, public, secret = confidential_meeting(demo, publish=publish)
    url = f"{demo.api}/meetings/{meeting_id}/events"
    start = demo.get("delegate5", f"/meetings/{meeting_id}/live")["last_seq"]
    raw = RawStream(demo.as_("delegate5"), url, start)
    outsider = EventReader(demo.as_("delegate5"), url, start)
    insider = EventReader(demo.as_("delegate1"), url, start)
    try:
        # delegate3 (cleared) stays away; delegate4 and delegate5 (not cleared) come.
        demo.check_in(meeting_id, "chair", "delegate1", "delegate2", "delegate4", "delegate5")
        # Three of the six members are not an absolute majority of the meeting; three of the
        # four cleared members are.
        motion_id, marker = marked_motion(demo, meeting_id, secret, majority="absolute")
        assert demo.post("chair", f"/motions/{motion_id}/open").status_code == 200
        not_visible(demo, "delegate5", meeting_id, motion_id)
        # delegate4 is not cleared either, and is refused the same way.
        assert error_of(demo.vote(motion_id, "delegate4", "for"))[0] == 404

        seen = demo.get("delegate1", f"/motions/{motion_id}")
        assert (seen["title"], seen["entitled"], seen["may_vote"]) == (marker, 4, True)
        listed = demo.get("delegate1", f"/meetings/{meeting_id}/live")["motions"]
        assert [m["id"] for m in listed] == [motion_id]
        # The secretary sees every item (as in the manifest), but votes on none.
        assert demo.get("secretary", f"/motions/{motion_id}")["title"] == marker
        for user in ("chair", "delegate1", "delegate2"):
            response = demo.vote(motion_id, user, "for")
            assert response.status_code == 200, response.text
        counted = insider.wait_for("ballots_cast", motion_id=motion_id, ballots_cast=3)
        assert counted["data"]["entitled"] == 4
        closed = demo.post("chair", f"/motions/{motion_id}/close")
        assert closed.status_code == 200, closed.text

        # The one stream tells everyone only that the motion was made and has a result.
        for reader in (outsider, insider):
            assert reader.wait_for("motion_created", motion_id=motion_id)["data"] == {
                "motion_id": motion_id
            }
            assert reader.wait_for("result", motion_id=motion_id)["data"] == {
                "motion_id": motion_id
            }
        # The cleared delegate reads the record from the motion itself.
        fetched = demo.get("delegate1", f"/motions/{motion_id}")
        record = verify_record(fetched["result"], "result", server_key(demo))
        assert record["title"] == marker
        assert record["entitled"] == {"members": 4, "weight": 4}
        assert record["present"] == {"members": 3, "weight": 3}
        assert record["cast"] == {"ballots": 3, "weight": 3}
        assert (record["quorum_met"], record["outcome"]) == (True, "adopted")
        assert fetched["counts"] == {"for": 3, "against": 0, "abstain": 0}
        not_visible(demo, "delegate5", meeting_id, motion_id)

        # A public motion after it is as before: everyone sees it, votes, hears the result.
        public_id, public_marker = marked_motion(demo, meeting_id, public, majority="absolute")
        assert demo.post("chair", f"/motions/{public_id}/open").status_code == 200
        assert demo.get("delegate5", f"/motions/{public_id}")["entitled"] == 6
        for user in ("chair", "delegate1", "delegate5"):
            assert demo.vote(public_id, user, "for").status_code == 200
        assert demo.post("chair", f"/motions/{public_id}/close").status_code == 200
        heard = outsider.wait_for("result", motion_id=public_id)["data"]
        assert heard["outcome"] == "rejected"  # three of six are no absolute majority
        assert heard["result"]["result"]["entitled"]["members"] == 6
        assert heard["result"]["result"]["present"]["members"] == 5
        live = demo.get("delegate5", f"/meetings/{meeting_id}/live")
        assert [m["id"] for m in live["motions"]] == [public_id]

        # Nothing of the confidential motion's wording, item or record crossed delegate5's
        # stream, though the public motion's did.
        data = raw.wait_for(public_marker.encode())
        for needle in (marker, json.dumps(marker)[1:-1], record["text_sha256"], secret):
            assert needle.encode() not in data
        assert fetched["result"]["signature"].encode() not in data
    finally:
        for stream in (raw, outsider, insider):
            stream.close()


def test_proxies_on_a_confidential_motion(demo: Demo) -> None:
    meeting_id, public, secret = confidential_meeting(demo)
    # Cleared to uncleared, uncleared to cleared, cleared to cleared.
    for delegator, holder in (
        ("delegate3", "delegate5"),
        ("delegate4", "delegate1"),
        ("delegate2", "chair"),
    ):
        response = demo.post(
            delegator, f"/meetings/{meeting_id}/proxy", {"holder_id": demo.ids[holder]}
        )
        assert response.status_code == 200, response.text
    demo.check_in(meeting_id, "chair", "delegate1", "delegate3", "delegate5")
    motion_id, _marker = marked_motion(demo, meeting_id, secret)
    public_id = demo.motion(meeting_id, public)

    # The uncleared holder cannot see the motion, so cannot cast for anyone on it.
    on_behalf = {"on_behalf_of": demo.ids["delegate3"]}
    assert demo.post("chair", f"/motions/{motion_id}/open").status_code == 200
    assert error_of(demo.vote(motion_id, "delegate5", "for", **on_behalf))[0] == 404
    # So the cleared member who handed the vote to them votes in person on this motion.
    view = demo.get("delegate3", f"/motions/{motion_id}")
    assert view["may_vote"] is True
    assert demo.vote(motion_id, "delegate3", "against").status_code == 200
    # A cleared holder cannot cast for a member who is not cleared.
    refused = demo.vote(motion_id, "delegate1", "for", on_behalf_of=demo.ids["delegate4"])
    assert refused.status_code == 403
    assert refused.json()["error"]["code"] == "not_cleared"
    assert demo.get("delegate1", f"/motions/{motion_id}")["proxies"] == []
    # Between two cleared members the proxy stands as always.
    assert demo.get("chair", f"/motions/{motion_id}")["proxies"] == [
        {"user_id": demo.ids["delegate2"], "voted": False}
    ]
    stands = error_of(demo.vote(motion_id, "delegate2", "for"))
    assert (stands[0], stands[1]["error"]["code"]) == (409, "proxy_stands")
    for extra in ({}, {"on_behalf_of": demo.ids["delegate2"]}):
        assert demo.vote(motion_id, "chair", "for", **extra).status_code == 200
    assert demo.vote(motion_id, "delegate1", "for").status_code == 200
    closed = demo.post("chair", f"/motions/{motion_id}/close").json()
    record = closed["result"]["result"]
    # Entitled: the four cleared.  Present: chair, delegate1, delegate3 in the room and
    # delegate2 through the chair.
    assert (record["entitled"]["members"], record["present"]["members"]) == (4, 4)
    assert closed["counts"] == {"for": 3, "against": 1, "abstain": 0}
    cast_by = {
        row["voter_id"]: row["cast_by"]
        for row in demo.rows("motion_voters")
        if row["motion_id"] == motion_id
    }
    assert cast_by == {
        demo.ids["chair"]: demo.ids["chair"],
        demo.ids["delegate1"]: demo.ids["delegate1"],
        demo.ids["delegate2"]: demo.ids["chair"],
        demo.ids["delegate3"]: demo.ids["delegate3"],
    }

    # On a public motion the same proxies are unchanged: delegate5 votes for delegate3.
    assert demo.post("chair", f"/motions/{public_id}/open").status_code == 200
    assert demo.get("delegate3", f"/motions/{public_id}")["may_vote"] is False
    stands = error_of(demo.vote(public_id, "delegate3", "for"))
    assert (stands[0], stands[1]["error"]["code"]) == (409, "proxy_stands")
    assert demo.vote(public_id, "delegate5", "for", **on_behalf).status_code == 200
    assert demo.vote(public_id, "delegate1", "for", on_behalf_of=demo.ids["delegate4"]).ok


def test_chair_not_cleared_cannot_put_a_motion_on_the_item(demo: Demo) -> None:
    meeting_id, _public, secret = confidential_meeting(demo, cleared=("delegate1",))
    body = {"agenda_item_id": secret, "title": "Bổ nhiệm", "text": "Điều 1."}
    refused = demo.post("chair", f"/meetings/{meeting_id}/motions", body)
    unknown = demo.post(
        "chair", f"/meetings/{meeting_id}/motions", body | {"agenda_item_id": uuid.uuid4().hex}
    )
    assert error_of(refused) == error_of(unknown)
    assert refused.status_code == 422


def test_weights_name_only_cleared_members(demo: Demo) -> None:
    meeting_id, _public, secret = confidential_meeting(demo)

    def body(user: str) -> dict[str, Any]:
        return {"agenda_item_id": secret, "title": "Bổ nhiệm", "weights": {demo.ids[user]: 2}}

    refused = demo.post("chair", f"/meetings/{meeting_id}/motions", body("delegate5"))
    assert (refused.status_code, refused.json()["error"]["code"]) == (422, "unknown_voter")
    assert demo.post("chair", f"/meetings/{meeting_id}/motions", body("delegate1")).ok


def test_motion_whose_item_left_the_agenda_is_shown_to_secretaries_only(demo: Demo) -> None:
    """Its item's clearance is no longer known, so nothing that might be confidential shows."""
    meeting_id, public, _secret = confidential_meeting(demo, publish=False)
    motion_id = demo.motion(meeting_id, public)
    assert demo.get("delegate1", f"/motions/{motion_id}")["id"] == motion_id
    replaced = demo.as_("secretary").put(
        f"{demo.api}/meetings/{meeting_id}/agenda",
        json={"items": [{"title": "Chương trình mới — New programme"}]},
        timeout=30,
    )
    assert replaced.status_code == 200, replaced.text
    for user in ("chair", "delegate1"):
        hidden = demo.as_(user).get(f"{demo.api}/motions/{motion_id}", timeout=30)
        assert (hidden.status_code, hidden.json()["error"]["code"]) == (404, "motion_not_found")
    assert demo.get("secretary", f"/motions/{motion_id}")["id"] == motion_id
    # Put back with its id, the item shows the motion again.
    restored = demo.as_("secretary").put(
        f"{demo.api}/meetings/{meeting_id}/agenda",
        json={"items": [{"id": public, "title": "Biểu quyết công khai — Public vote"}]},
        timeout=30,
    )
    assert restored.status_code == 200, restored.text
    assert demo.get("delegate1", f"/motions/{motion_id}")["id"] == motion_id
