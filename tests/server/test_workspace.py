"""The secretary workspace's server side: draft revisions, publish checks, preview, delivery.

On SQLite and PostgreSQL (the ``database_url`` fixture behind ``client``).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select

from ecabinet.server.models import AuditEntry, LiveEvent, Meeting, User
from ecabinet.server.state import ServerState
from tests.server.conftest import Person, error_code
from tests.server.test_publishing import create_meeting, upload
from tests.support import make_pdf

API = "/api/v1"


@pytest.fixture
def people(make_user: Callable[..., Person], state: ServerState) -> dict[str, Person]:
    found = {
        "sec": make_user("secretary", "secretary"),
        "sec2": make_user("secretary2", "secretary"),
        "chair": make_user("chair", "chair", "delegate"),
        "d1": make_user("delegate1"),
        "d2": make_user("delegate2"),
        "outsider": make_user("outsider"),
    }
    with state.db.session() as session:
        user = session.get(User, found["sec2"].id)
        assert user is not None
        user.full_name = "Trần Văn B"
    return found


@pytest.fixture
def meeting(client: TestClient, people: dict[str, Person]) -> str:
    """A draft meeting with both secretaries (and chair, d1, d2) and no agenda yet."""
    meeting_id = create_meeting(client, people)
    body = _facts(client, people["sec"], meeting_id)
    body["participants"].append({"user_id": people["sec2"].id, "role": "secretary"})
    response = client.put(f"{API}/meetings/{meeting_id}", headers=people["sec"].headers, json=body)
    assert response.status_code == 200, response.text
    return meeting_id


def _facts(client: TestClient, who: Person, meeting_id: str) -> dict[str, Any]:
    data = client.get(f"{API}/meetings/{meeting_id}", headers=who.headers).json()
    return {
        "title": data["title"],
        "starts_at": data["starts_at"],
        "location": data["location"],
        "video_url": data["video_url"] or None,
        "participants": [
            {"user_id": p["user_id"], "role": p["role"]} for p in data["participants"]
        ],
    }


def _draft(client: TestClient, who: Person, meeting_id: str) -> tuple[dict[str, Any], str]:
    response = client.get(f"{API}/meetings/{meeting_id}", headers=who.headers)
    assert response.status_code == 200, response.text
    return response.json(), response.headers["ETag"]


def _audit_count(state: ServerState) -> int:
    with state.db.session() as session:
        return int(session.scalar(select(func.count()).select_from(AuditEntry)) or 0)


def _put_agenda(
    client: TestClient, who: Person, meeting_id: str, items: list[dict[str, Any]], etag: str | None
) -> Any:
    headers = dict(who.headers)
    if etag is not None:
        headers["If-Match"] = etag
    return client.put(f"{API}/meetings/{meeting_id}/agenda", headers=headers, json={"items": items})


def test_a_stale_agenda_edit_is_refused_naming_who_changed_what_and_nothing_is_written(
    client: TestClient, state: ServerState, people: dict[str, Person], meeting: str
) -> None:
    draft, etag = _draft(client, people["sec"], meeting)
    assert etag == f'"{draft["draft_revision"]}"'
    # The second secretary adds an item on the same revision: accepted, revision moves on.
    theirs = _put_agenda(client, people["sec2"], meeting, [{"title": "Ngân sách 2027"}], etag)
    assert theirs.status_code == 200, theirs.text
    assert theirs.headers["ETag"] == f'"{draft["draft_revision"] + 1}"'
    after_theirs, _ = _draft(client, people["sec"], meeting)
    assert after_theirs["draft_changed_by"] == "Trần Văn B"
    assert after_theirs["draft_change"] == "agenda: added “Ngân sách 2027”"
    audit_before = _audit_count(state)
    # The first secretary's edit was based on the old revision: refused, nothing written.
    mine = _put_agenda(client, people["sec"], meeting, [{"title": "Báo cáo"}], etag)
    assert (mine.status_code, error_code(mine)) == (409, "draft_conflict")
    message = mine.json()["error"]["message"]
    assert "Trần Văn B changed the draft at " in message
    assert "(agenda: added “Ngân sách 2027”)" in message
    assert "reload and apply your change again" in message
    assert mine.headers["ETag"] == theirs.headers["ETag"]
    now, etag_now = _draft(client, people["sec"], meeting)
    assert [i["title"] for i in now["agenda"]] == ["Ngân sách 2027"]
    assert etag_now == theirs.headers["ETag"]
    assert _audit_count(state) == audit_before
    # Based on the new revision, the same edit goes through.
    again = _put_agenda(client, people["sec"], meeting, [{"title": "Báo cáo"}], etag_now)
    assert again.status_code == 200, again.text


def test_a_stale_facts_edit_is_refused_and_edits_without_if_match_still_work(
    client: TestClient, state: ServerState, people: dict[str, Person], meeting: str
) -> None:
    _, etag = _draft(client, people["sec"], meeting)
    body = _facts(client, people["sec"], meeting)
    body["location"] = "Hội trường B"
    headers = {**people["sec2"].headers, "If-Match": etag}
    moved = client.put(f"{API}/meetings/{meeting}", headers=headers, json=body)
    assert moved.status_code == 200, moved.text
    assert moved.json()["draft_change"] == "meeting: changed the place"
    stale = {**people["sec"].headers, "If-Match": etag}
    body["title"] = "Tiêu đề khác"
    refused = client.put(f"{API}/meetings/{meeting}", headers=stale, json=body)
    assert (refused.status_code, error_code(refused)) == (409, "draft_conflict")
    assert "(meeting: changed the place)" in refused.json()["error"]["message"]
    assert _draft(client, people["sec"], meeting)[0]["title"] != "Tiêu đề khác"
    # An old script sends no If-Match: accepted as before.
    plain = client.put(f"{API}/meetings/{meeting}", headers=people["sec"].headers, json=body)
    assert plain.status_code == 200, plain.text
    assert plain.json()["title"] == "Tiêu đề khác"
    assert plain.json()["draft_change"] == "meeting: retitled it “Tiêu đề khác”"


def test_draft_change_sentences_name_moves_renames_and_removals(
    client: TestClient, people: dict[str, Person], meeting: str
) -> None:
    sec = people["sec"]
    first = _put_agenda(
        client, sec, meeting, [{"title": "A"}, {"title": "B"}, {"title": "C"}], None
    )
    ids = [i["id"] for i in first.json()]
    response = _put_agenda(
        client,
        sec,
        meeting,
        [{"id": ids[2], "title": "C"}, {"id": ids[0], "title": "A mới"}, {"title": "D"}],
        first.headers["ETag"],
    )
    assert response.status_code == 200, response.text
    change = _draft(client, sec, meeting)[0]["draft_change"]
    assert change.startswith("agenda: ")
    for phrase in ("added “D”", "removed “B”", "moved “C”", "renamed “A” to “A mới”"):
        assert phrase in change, change
    # Saving the same agenda again changes nothing: the revision stays.
    same = _put_agenda(
        client, sec, meeting, [{"id": i["id"], "title": i["title"]} for i in response.json()], None
    )
    assert same.headers["ETag"] == response.headers["ETag"]


@pytest.mark.parametrize("header", ["3x", '"abc"', "*", '"' + "9" * 20 + '"'])
def test_a_malformed_if_match_is_refused_and_changes_nothing(
    client: TestClient, people: dict[str, Person], meeting: str, header: str
) -> None:
    before, etag = _draft(client, people["sec"], meeting)
    response = _put_agenda(client, people["sec"], meeting, [{"title": "x"}], header)
    assert (response.status_code, error_code(response)) == (400, "invalid_if_match")
    after, etag_after = _draft(client, people["sec"], meeting)
    assert (after["agenda"], etag_after) == (before["agenda"], etag)


def test_only_the_meetings_secretaries_edit_preview_and_see_delivery(
    client: TestClient, people: dict[str, Person], meeting: str
) -> None:
    _, etag = _draft(client, people["sec"], meeting)
    d1 = people["d1"]
    assert _put_agenda(client, d1, meeting, [{"title": "x"}], etag).status_code == 403
    assert _put_agenda(client, people["outsider"], meeting, [], etag).status_code == 404
    url = f"{API}/meetings/{meeting}"
    assert client.get(f"{url}/preview?user_id={d1.id}", headers=d1.headers).status_code == 403
    assert client.get(f"{url}/delivery", headers=d1.headers).status_code == 403
    sec = people["sec"].headers
    unknown = client.get(f"{url}/preview?user_id={people['outsider'].id}", headers=sec)
    assert (unknown.status_code, error_code(unknown)) == (404, "not_participant")
    assert client.get(f"{url}/preview?user_id=nobody", headers=sec).status_code == 422
    assert client.get(f"{url}/preview", headers=sec).status_code == 422


def _build(client: TestClient, people: dict[str, Person], meeting: str) -> dict[str, str]:
    """An open item and a confidential one cleared for d1 only."""
    sec = people["sec"]
    public = upload(client, sec, meeting, make_pdf(2, "Công khai")).json()["sha256"]
    secret = upload(client, sec, meeting, make_pdf(1, "Mật")).json()["sha256"]
    items = [
        {"title": "Ngân sách", "documents": [public]},
        {
            "title": "Nhân sự",
            "confidential": True,
            "cleared": [people["d1"].id],
            "documents": [secret],
            "children": [{"title": "Phụ lục"}],
        },
    ]
    response = _put_agenda(client, sec, meeting, items, None)
    assert response.status_code == 200, response.text
    return {"public": public, "secret": secret}


def _publish(client: TestClient, who: Person, meeting: str, note: str) -> Any:
    return client.post(
        f"{API}/meetings/{meeting}/publish", headers=who.headers, json={"note": note}
    )


def test_preview_as_equals_what_each_participant_receives_after_publishing(
    client: TestClient, people: dict[str, Person], meeting: str
) -> None:
    docs = _build(client, people, meeting)
    url = f"{API}/meetings/{meeting}"
    previews = {}
    for name in ("d1", "d2", "sec2", "chair"):
        response = client.get(
            f"{url}/preview?user_id={people[name].id}", headers=people["sec"].headers
        )
        assert response.status_code == 200, response.text
        previews[name] = response.json()["manifest"]
    assert previews["d2"]["packet_version"] == 1
    assert previews["d2"]["published_at"] is None
    assert [i["title"] for i in previews["d2"]["agenda"]] == ["Ngân sách"]
    assert set(previews["d2"]["documents"]) == {docs["public"]}
    assert set(previews["d1"]["documents"]) == {docs["public"], docs["secret"]}
    published = _publish(client, people["sec"], meeting, "Phát hành")
    assert published.status_code == 200, published.text
    for name, preview in previews.items():
        real = client.get(f"{url}/manifest", headers=people[name].headers).json()["manifest"]
        for key in ("published_at", "note"):
            preview.pop(key)
            real.pop(key)
        assert preview == real, name


def test_publishing_an_unchanged_draft_is_refused_politely(
    client: TestClient, state: ServerState, people: dict[str, Person], meeting: str
) -> None:
    _build(client, people, meeting)
    assert _publish(client, people["sec"], meeting, "lần 1").status_code == 200
    again = _publish(client, people["sec"], meeting, "lần 2 (giống hệt)")
    assert (again.status_code, error_code(again)) == (409, "unchanged")
    assert "same as the published version 1" in again.json()["error"]["message"]
    with state.db.session() as session:
        found = session.get(Meeting, meeting)
        assert found is not None
        assert found.packet_version == 1
    # A clearance change alone is a change.
    draft, etag = _draft(client, people["sec"], meeting)
    items = draft["agenda"]
    items[1]["cleared"].append(people["d2"].id)
    response = _put_agenda(client, people["sec"], meeting, _inputs(items), etag)
    assert response.status_code == 200, response.text
    assert _publish(client, people["sec"], meeting, "mở cho d2").json()["packet_version"] == 2


def _inputs(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [
        {k: (_inputs(v) if k == "children" else v) for k, v in item.items() if k != "number"}
        for item in items
    ]


def test_a_confidential_item_cleared_for_nobody_is_refused_naming_it(
    client: TestClient, people: dict[str, Person], meeting: str
) -> None:
    _put_agenda(client, people["sec"], meeting, [{"title": "Mở"}], None)
    items = [{"title": "Mở"}, {"title": "Kỷ luật", "confidential": True, "cleared": []}]
    assert _put_agenda(client, people["sec"], meeting, items, None).status_code == 200
    refused = _publish(client, people["sec"], meeting, "x")
    assert (refused.status_code, error_code(refused)) == (409, "cleared_for_nobody")
    assert "Item 2 “Kỷ luật”" in refused.json()["error"]["message"]
    # Cleared for someone who has since left the meeting counts as nobody too.
    items[1]["cleared"] = [people["d2"].id]
    assert _put_agenda(client, people["sec"], meeting, items, None).status_code == 200
    body = _facts(client, people["sec"], meeting)
    body["participants"] = [p for p in body["participants"] if p["user_id"] != people["d2"].id]
    headers = people["sec"].headers
    assert client.put(f"{API}/meetings/{meeting}", headers=headers, json=body).status_code == 200
    refused = _publish(client, people["sec"], meeting, "x")
    assert (refused.status_code, error_code(refused)) == (409, "cleared_for_nobody")


def test_delivery_acknowledgements_status_and_live_event(
    client: TestClient, state: ServerState, people: dict[str, Person], meeting: str
) -> None:
    url = f"{API}/meetings/{meeting}/delivery"
    d1, d2 = people["d1"], people["d2"]
    nothing = client.post(url, headers=d1.headers, json={"packet_version": 1})
    assert (nothing.status_code, error_code(nothing)) == (409, "unknown_version")
    docs = _build(client, people, meeting)
    assert _publish(client, people["sec"], meeting, "v1").status_code == 200
    ack = client.post(url, headers=d1.headers, json={"packet_version": 1})
    assert ack.status_code == 204, ack.text
    status = client.get(url, headers=people["sec"].headers).json()
    assert status["packet_version"] == 1
    rows = {p["username"]: p for p in status["participants"]}
    assert rows["delegate1"]["current"] is True
    assert rows["delegate1"]["delivered_version"] == 1
    assert rows["delegate1"]["devices"][0]["name"] == "test laptop"
    assert rows["delegate1"]["devices"][0]["packet_version"] == 1
    assert rows["delegate2"] == {
        **rows["delegate2"],
        "current": False,
        "delivered_version": None,
        "delivered_at": None,
        "devices": [],
    }
    with state.db.session() as session:
        events = session.scalars(
            select(LiveEvent).where(LiveEvent.meeting_id == meeting, LiveEvent.kind == "delivery")
        ).all()
        assert [json.loads(e.data) for e in events] == [{"user_id": d1.id, "packet_version": 1}]
        audited = session.scalars(
            select(AuditEntry.action).where(AuditEntry.action == "packet_delivered")
        ).all()
        assert len(audited) == 1
    # A repeat changes nothing and emits nothing.
    audit_before = _audit_count(state)
    assert client.post(url, headers=d1.headers, json={"packet_version": 1}).status_code == 204
    assert _audit_count(state) == audit_before
    # A new version: d1 is no longer current until their device acknowledges it.
    _put_agenda(
        client,
        people["sec"],
        meeting,
        [{"title": "Ngân sách (sửa)", "documents": [docs["public"]]}],
        None,
    )
    assert _publish(client, people["sec"], meeting, "v2").status_code == 200
    rows = {
        p["username"]: p
        for p in client.get(url, headers=people["sec"].headers).json()["participants"]
    }
    assert (rows["delegate1"]["current"], rows["delegate1"]["delivered_version"]) == (False, 1)
    assert client.post(url, headers=d1.headers, json={"packet_version": 2}).status_code == 204
    # An old version arriving late does not make the device look as if it went back.
    assert client.post(url, headers=d1.headers, json={"packet_version": 1}).status_code == 204
    rows = {
        p["username"]: p
        for p in client.get(url, headers=people["sec"].headers).json()["participants"]
    }
    assert (rows["delegate1"]["current"], rows["delegate1"]["delivered_version"]) == (True, 2)
    # Bad input: 4xx, nothing recorded.
    for body in ({"packet_version": 3}, {"packet_version": 0}, {}, {"packet_version": "x"}):
        response = client.post(url, headers=d2.headers, json=body)
        assert 400 <= response.status_code < 500, (body, response.text)
    assert (
        client.post(url, headers=people["outsider"].headers, json={"packet_version": 1}).status_code
        == 404
    )
    rows = {
        p["username"]: p
        for p in client.get(url, headers=people["sec"].headers).json()["participants"]
    }
    assert rows["delegate2"]["devices"] == []


def test_a_participant_removed_after_publishing_is_told_so_plainly(
    client: TestClient, people: dict[str, Person], meeting: str
) -> None:
    docs = _build(client, people, meeting)
    assert _publish(client, people["sec"], meeting, "v1").status_code == 200
    d1 = people["d1"]
    assert client.get(f"{API}/meetings/{meeting}/manifest", headers=d1.headers).status_code == 200
    body = _facts(client, people["sec"], meeting)
    body["participants"] = [p for p in body["participants"] if p["user_id"] != d1.id]
    response = client.put(f"{API}/meetings/{meeting}", headers=people["sec"].headers, json=body)
    assert response.status_code == 200, response.text
    assert "removed delegate1" in response.json()["draft_change"]
    for path in (f"/meetings/{meeting}/manifest", f"/blobs/{docs['public']}"):
        refused = client.get(API + path, headers=d1.headers)
        assert (refused.status_code, error_code(refused)) == (403, "not_participant"), path
        assert refused.json()["error"]["message"] == (
            "You are no longer a participant of this meeting."
        )
    ack = client.post(
        f"{API}/meetings/{meeting}/delivery", headers=d1.headers, json={"packet_version": 1}
    )
    assert ack.status_code == 403
    # Someone who never was in it still hears that there is no such meeting.
    outsider = client.get(f"{API}/meetings/{meeting}/manifest", headers=people["outsider"].headers)
    assert outsider.status_code == 404
    # Added back, they get the packet again.
    body["participants"].append({"user_id": d1.id, "role": "delegate"})
    assert (
        client.put(
            f"{API}/meetings/{meeting}", headers=people["sec"].headers, json=body
        ).status_code
        == 200
    )
    assert client.get(f"{API}/meetings/{meeting}/manifest", headers=d1.headers).status_code == 200
