"""Meetings, uploads, publishing, manifests and blobs — on SQLite and PostgreSQL."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from typing import Any

import pytest
from fastapi.testclient import TestClient

from ecabinet.core.signing import SignatureError, public_key_from_b64, verify_record
from ecabinet.server.state import ServerState
from tests.server.conftest import Person, error_code
from tests.support import make_pdf

API = "/api/v1"


@pytest.fixture
def people(make_user: Callable[..., Person]) -> dict[str, Person]:
    return {
        "sec": make_user("secretary", "secretary"),
        "chair": make_user("chair", "chair", "delegate"),
        "d1": make_user("delegate1"),
        "d2": make_user("delegate2"),
        "outsider": make_user("outsider"),
    }


def create_meeting(client: TestClient, people: dict[str, Person]) -> str:
    response = client.post(
        f"{API}/meetings",
        headers=people["sec"].headers,
        json={
            "title": "Phiên họp thường kỳ tháng 12",
            "starts_at": "2026-12-03T08:00:00+07:00",
            "location": "Phòng họp 1",
            "video_url": "https://meet.example.org/abc",
            "participants": [
                {"user_id": people["chair"].id, "role": "chair"},
                {"user_id": people["d1"].id},
                {"user_id": people["d2"].id},
            ],
        },
    )
    assert response.status_code == 201, response.text
    return str(response.json()["id"])


def upload(
    client: TestClient, who: Person, meeting_id: str, data: bytes, title: str = "Báo cáo"
) -> Any:
    return client.post(
        f"{API}/meetings/{meeting_id}/documents",
        headers=who.headers,
        files={"file": ("bao-cao.pdf", data, "application/pdf")},
        data={"title": title},
    )


@pytest.fixture
def published(client: TestClient, people: dict[str, Person]) -> dict[str, Any]:
    """A meeting with an open item and a confidential one cleared for d1 only."""
    meeting_id = create_meeting(client, people)
    public = upload(client, people["sec"], meeting_id, make_pdf(3, "Công khai")).json()
    secret = upload(client, people["sec"], meeting_id, make_pdf(2, "Mật")).json()
    response = client.put(
        f"{API}/meetings/{meeting_id}/agenda",
        headers=people["sec"].headers,
        json={
            "items": [
                {
                    "title": "Ngân sách",
                    "presenter": "Sở Tài chính",
                    "duration_min": 30,
                    "documents": [public["sha256"]],
                },
                {
                    "title": "Nhân sự",
                    "confidential": True,
                    "cleared": [people["d1"].id],
                    "documents": [secret["sha256"]],
                },
            ]
        },
    )
    assert response.status_code == 200, response.text
    response = client.post(
        f"{API}/meetings/{meeting_id}/publish",
        headers=people["sec"].headers,
        json={"note": "Phát hành lần đầu"},
    )
    assert response.status_code == 200, response.text
    assert response.json()["packet_version"] == 1
    return {"meeting": meeting_id, "public": public["sha256"], "secret": secret["sha256"]}


def revise(client: TestClient, who: Person, meeting_id: str, title: str) -> None:
    """Rename the first agenda item: a draft that differs from what was published."""
    url = f"{API}/meetings/{meeting_id}"
    items = client.get(url, headers=who.headers).json()["agenda"]
    for item in items:
        del item["number"]
        for child in item["children"]:
            del child["number"]
    items[0]["title"] = title
    response = client.put(f"{url}/agenda", headers=who.headers, json={"items": items})
    assert response.status_code == 200, response.text


def manifest_of(client: TestClient, who: Person, meeting_id: str) -> dict[str, Any]:
    response = client.get(f"{API}/meetings/{meeting_id}/manifest", headers=who.headers)
    assert response.status_code == 200, response.text
    return dict(response.json())


def test_manifest_verifies_with_server_key_and_a_changed_byte_fails(
    client: TestClient, people: dict[str, Person], published: dict[str, Any]
) -> None:
    key = public_key_from_b64(client.get(f"{API}/server-key").json()["public_key"])
    record = manifest_of(client, people["d1"], published["meeting"])
    manifest = verify_record(record, "manifest", key)
    assert manifest["packet_version"] == 1
    assert manifest["recipient"] == people["d1"].id
    assert manifest["note"] == "Phát hành lần đầu"
    assert [i["number"] for i in manifest["agenda"]] == ["1", "2"]
    assert manifest["documents"][published["public"]]["pages"] == 3

    record["manifest"]["note"] = "Phát hành lần đầv"
    with pytest.raises(SignatureError):
        verify_record(record, "manifest", key)


def test_non_cleared_delegate_never_sees_confidential_item_or_document(
    client: TestClient, people: dict[str, Person], published: dict[str, Any]
) -> None:
    manifest = manifest_of(client, people["d2"], published["meeting"])["manifest"]
    assert [i["title"] for i in manifest["agenda"]] == ["Ngân sách"]
    assert published["secret"] not in manifest["documents"]
    assert "Nhân sự" not in str(manifest)
    blob = client.get(f"{API}/blobs/{published['secret']}", headers=people["d2"].headers)
    assert blob.status_code == 404
    assert error_code(blob) == "blob_not_found"
    # The cleared delegate and the secretary do get it.
    for who in (people["d1"], people["sec"]):
        assert (
            client.get(f"{API}/blobs/{published['secret']}", headers=who.headers).status_code == 200
        )
    # Someone outside the meeting gets nothing at all.
    assert (
        client.get(
            f"{API}/meetings/{published['meeting']}/manifest", headers=people["outsider"].headers
        ).status_code
        == 404
    )
    assert (
        client.get(
            f"{API}/blobs/{published['public']}", headers=people["outsider"].headers
        ).status_code
        == 404
    )


def test_confidential_bytes_also_attached_to_an_open_item_are_served(
    client: TestClient, people: dict[str, Person], published: dict[str, Any]
) -> None:
    meeting_id, sec = published["meeting"], people["sec"]
    client.put(
        f"{API}/meetings/{meeting_id}/agenda",
        headers=sec.headers,
        json={
            "items": [
                {"title": "Ngân sách", "documents": [published["public"], published["secret"]]},
                {
                    "title": "Nhân sự",
                    "confidential": True,
                    "cleared": [people["d1"].id],
                    "documents": [published["secret"]],
                },
            ]
        },
    )
    client.post(f"{API}/meetings/{meeting_id}/publish", headers=sec.headers, json={})
    assert (
        client.get(f"{API}/blobs/{published['secret']}", headers=people["d2"].headers).status_code
        == 200
    )


def test_second_publish_bumps_version_and_keeps_unchanged_hashes(
    client: TestClient, people: dict[str, Person], published: dict[str, Any]
) -> None:
    meeting_id, sec = published["meeting"], people["sec"]
    revised = upload(client, sec, meeting_id, make_pdf(4, "Công khai, bản sửa")).json()
    before = manifest_of(client, people["d1"], meeting_id)["manifest"]
    response = client.put(
        f"{API}/meetings/{meeting_id}/agenda",
        headers=sec.headers,
        json={
            "items": [
                {
                    "id": item["id"],
                    "title": item["title"],
                    "documents": [published["public"], revised["sha256"]],
                }
                for item in before["agenda"][:1]
            ]
        },
    )
    assert response.status_code == 200, response.text
    response = client.post(
        f"{API}/meetings/{meeting_id}/publish",
        headers=sec.headers,
        json={"note": "Bổ sung tài liệu"},
    )
    assert response.json()["packet_version"] == 2
    after = manifest_of(client, people["d1"], meeting_id)["manifest"]
    assert after["packet_version"] == 2
    assert after["agenda"][0]["id"] == before["agenda"][0]["id"]
    assert after["documents"][published["public"]] == before["documents"][published["public"]]
    assert revised["sha256"] in after["documents"]
    listing = client.get(f"{API}/meetings", headers=people["d1"].headers).json()
    assert [(m["id"], m["packet_version"]) for m in listing] == [(meeting_id, 2)]


def test_manifest_etag_answers_304_when_unchanged(
    client: TestClient, people: dict[str, Person], published: dict[str, Any]
) -> None:
    url = f"{API}/meetings/{published['meeting']}/manifest"
    first = client.get(url, headers=people["d1"].headers)
    etag = first.headers["etag"]
    again = client.get(url, headers={**people["d1"].headers, "If-None-Match": etag})
    assert again.status_code == 304
    assert again.content == b""


def test_blob_range_etag_and_bytes(
    client: TestClient, people: dict[str, Person], published: dict[str, Any]
) -> None:
    url = f"{API}/blobs/{published['public']}"
    headers = people["d1"].headers
    whole = client.get(url, headers=headers)
    assert whole.status_code == 200
    assert hashlib.sha256(whole.content).hexdigest() == published["public"]
    assert whole.headers["etag"] == f'"{published["public"]}"'
    size = len(whole.content)
    part = client.get(url, headers={**headers, "Range": "bytes=10-99"})
    assert part.status_code == 206
    assert part.content == whole.content[10:100]
    assert part.headers["content-range"] == f"bytes 10-99/{size}"
    tail = client.get(url, headers={**headers, "Range": "bytes=-50"})
    assert tail.content == whole.content[-50:]
    rest = client.get(url, headers={**headers, "Range": f"bytes={size - 7}-"})
    assert rest.content == whole.content[-7:]
    outside = client.get(url, headers={**headers, "Range": f"bytes={size}-"})
    assert outside.status_code == 416
    assert outside.headers["content-range"] == f"bytes */{size}"
    assert error_code(outside) == "range_not_satisfiable"
    cached = client.get(url, headers={**headers, "If-None-Match": whole.headers["etag"]})
    assert cached.status_code == 304
    stale = client.get(url, headers={**headers, "Range": "bytes=0-9", "If-Range": '"other"'})
    assert stale.status_code == 200
    assert len(stale.content) == size


def test_unknown_blob_and_unpublished_meeting(
    client: TestClient, people: dict[str, Person]
) -> None:
    meeting_id = create_meeting(client, people)
    response = client.get(f"{API}/meetings/{meeting_id}/manifest", headers=people["d1"].headers)
    assert response.status_code == 404
    assert error_code(response) == "not_published"
    response = client.get(f"{API}/blobs/{'0' * 64}", headers=people["d1"].headers)
    assert response.status_code == 404


def test_secretary_sees_draft_and_delegate_does_not(
    client: TestClient, people: dict[str, Person], published: dict[str, Any]
) -> None:
    url = f"{API}/meetings/{published['meeting']}"
    as_sec = client.get(url, headers=people["sec"].headers).json()
    assert [i["number"] for i in as_sec["agenda"]] == ["1", "2"]
    assert len(as_sec["documents"]) == 2
    as_delegate = client.get(url, headers=people["d2"].headers).json()
    assert as_delegate["agenda"] is None
    assert as_delegate["documents"] is None
    assert as_delegate["status"] == "published"


def test_blob_files_are_stored_by_hash(state: ServerState, published: dict[str, Any]) -> None:
    path = state.blobs.path_for(published["public"])
    assert hashlib.sha256(path.read_bytes()).hexdigest() == published["public"]
    assert list(state.blobs.tmp_dir.iterdir()) == []


def test_a_repeated_idempotency_key_replays_the_answer_instead_of_acting_again(
    client: TestClient, people: dict[str, Person], published: dict[str, Any]
) -> None:
    url = f"{API}/meetings/{published['meeting']}/publish"
    headers = {**people["sec"].headers, "Idempotency-Key": "outbox-entry-1"}
    revise(client, people["sec"], published["meeting"], "Ngân sách (sửa lần 2)")
    first = client.post(url, headers=headers, json={"note": "lần 2"})
    again = client.post(url, headers=headers, json={"note": "lần 2"})
    assert first.status_code == again.status_code == 200
    assert again.json() == first.json()
    assert again.headers["idempotent-replayed"] == "true"
    assert first.json()["packet_version"] == 2
    revise(client, people["sec"], published["meeting"], "Ngân sách (sửa lần 3)")
    fresh = client.post(
        url, headers={**people["sec"].headers, "Idempotency-Key": "entry-2"}, json={"note": "lần 3"}
    )
    assert fresh.json()["packet_version"] == 3
    elsewhere = client.put(
        f"{API}/meetings/{published['meeting']}/agenda",
        headers=headers,
        json={"items": [{"title": "x"}]},
    )
    assert (elsewhere.status_code, error_code(elsewhere)) == (422, "idempotency_key_reused")
    # Keys are per user: another secretary's identical key is a different request.
    other = client.post(
        url, headers={**people["d1"].headers, "Idempotency-Key": "outbox-entry-1"}, json={}
    )
    assert other.status_code == 403


def test_making_an_item_confidential_later_closes_the_earlier_copy(
    client: TestClient, people: dict[str, Person], published: dict[str, Any]
) -> None:
    meeting_id, sec, d2 = published["meeting"], people["sec"], people["d2"]
    url = f"{API}/blobs/{published['public']}"
    assert client.get(url, headers=d2.headers).status_code == 200
    client.put(
        f"{API}/meetings/{meeting_id}/agenda",
        headers=sec.headers,
        json={
            "items": [
                {
                    "title": "Ngân sách",
                    "confidential": True,
                    "cleared": [people["d1"].id],
                    "documents": [published["public"]],
                }
            ]
        },
    )
    client.post(f"{API}/meetings/{meeting_id}/publish", headers=sec.headers, json={})
    assert client.get(url, headers=d2.headers).status_code == 404
    assert client.get(url, headers=people["d1"].headers).status_code == 200


def test_a_meeting_secretary_whose_account_lost_the_role_acts_as_a_delegate(
    client: TestClient, state: ServerState, people: dict[str, Person], published: dict[str, Any]
) -> None:
    from ecabinet.server import accounts

    with state.db.session() as session:
        accounts.set_roles(session=session, username="secretary", roles=["delegate"], actor=None)
    sec, meeting_id = people["sec"], published["meeting"]
    refused = client.post(f"{API}/meetings/{meeting_id}/publish", headers=sec.headers, json={})
    assert (refused.status_code, error_code(refused)) == (403, "forbidden")
    manifest = manifest_of(client, sec, meeting_id)["manifest"]
    assert published["secret"] not in manifest["documents"]
    assert client.get(f"{API}/blobs/{published['secret']}", headers=sec.headers).status_code == 404


def test_a_replay_needs_a_valid_token_and_the_same_body(
    client: TestClient, state: ServerState, people: dict[str, Person], published: dict[str, Any]
) -> None:
    from ecabinet.server.models import IdempotentRequest

    url = f"{API}/meetings/{published['meeting']}/publish"
    headers = {**people["sec"].headers, "Idempotency-Key": "k-1"}
    revise(client, people["sec"], published["meeting"], "Ngân sách (sửa)")
    assert client.post(url, headers=headers, json={"note": "a"}).status_code == 200
    other_body = client.post(url, headers=headers, json={"note": "b"})
    assert (other_body.status_code, error_code(other_body)) == (422, "idempotency_key_reused")
    # A claim still being handled: the repeat waits instead of acting in parallel.
    with state.db.session() as session:
        session.add(
            IdempotentRequest(
                user_id=people["sec"].id,
                key="k-2",
                method="POST",
                path=url,
                request_hash="0" * 64,
                status=0,
                body="",
            )
        )
    busy = client.post(url, headers={**people["sec"].headers, "Idempotency-Key": "k-2"}, json={})
    assert (busy.status_code, error_code(busy)) == (409, "request_in_progress")
    client.post(f"{API}/auth/logout", headers=people["sec"].headers)
    after = client.post(url, headers=headers, json={"note": "a"})
    assert (after.status_code, error_code(after)) == (401, "not_authenticated")
