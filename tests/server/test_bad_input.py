"""Every bad input gets a 4xx in the API's error shape and changes nothing."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select

from ecabinet.server.models import AuditEntry, Meeting, MeetingDocument, PacketRow
from ecabinet.server.state import ServerState
from tests.server.conftest import Person, error_code
from tests.server.test_publishing import create_meeting, upload
from tests.support import make_pdf

API = "/api/v1"


@pytest.fixture
def people(make_user: Callable[..., Person]) -> dict[str, Person]:
    return {
        "sec": make_user("secretary", "secretary"),
        "sec2": make_user("other-secretary", "secretary"),
        "chair": make_user("chair", "chair"),
        "d1": make_user("delegate1"),
        "d2": make_user("delegate2"),
    }


def counts(state: ServerState) -> dict[str, int]:
    with state.db.session() as session:
        return {
            model.__tablename__: session.scalar(select(func.count()).select_from(model)) or 0
            for model in (Meeting, MeetingDocument, PacketRow)
        }


def stored_files(state: ServerState) -> list[Path]:
    return sorted(p for p in state.blobs.root.rglob("*") if p.is_file())


@pytest.mark.parametrize(
    ("data", "code"),
    [
        (b"%PDF-1.7\nthis is not really a pdf", "not_a_pdf"),
        (b"PK\x03\x04 a zip file pretending", "not_a_pdf"),
        (b"", "not_a_pdf"),
        (make_pdf(2, password="bi-mat"), "pdf_encrypted"),
    ],
)
def test_invalid_documents_are_refused_and_leave_no_file(
    client: TestClient, state: ServerState, people: dict[str, Person], data: bytes, code: str
) -> None:
    meeting_id = create_meeting(client, people)
    before = stored_files(state)
    response = upload(client, people["sec"], meeting_id, data)
    assert response.status_code == 422, response.text
    assert error_code(response) == code
    assert stored_files(state) == before
    assert counts(state)["meeting_documents"] == 0


def test_oversized_upload_is_refused_and_leaves_no_file(
    client: TestClient, state: ServerState, people: dict[str, Person]
) -> None:
    meeting_id = create_meeting(client, people)
    big = make_pdf(1) + b"\n%" + b"x" * (state.settings.max_upload_bytes + 10)
    response = upload(client, people["sec"], meeting_id, big)
    assert response.status_code == 413
    assert error_code(response) == "too_large"
    assert stored_files(state) == []


def test_upload_without_a_file_part_or_not_multipart(
    client: TestClient, state: ServerState, people: dict[str, Person]
) -> None:
    meeting_id = create_meeting(client, people)
    url = f"{API}/meetings/{meeting_id}/documents"
    no_file = client.post(url, headers=people["sec"].headers, files={"other": ("x", b"y")})
    assert (no_file.status_code, error_code(no_file)) == (400, "no_file")
    as_json = client.post(url, headers=people["sec"].headers, json={"file": "x"})
    assert (as_json.status_code, error_code(as_json)) == (415, "unsupported_media_type")
    broken = client.post(
        url,
        headers={**people["sec"].headers, "Content-Type": "multipart/form-data; boundary=zz"},
        content=b'--zz\r\nContent-Disposition: form-data; name="file"\r\n\r\nab',
    )
    assert broken.status_code == 400
    assert stored_files(state) == []


@pytest.mark.parametrize("role", ["d1", "chair", "sec2"])
def test_only_the_meetings_secretary_may_upload_agenda_or_publish(
    client: TestClient, state: ServerState, people: dict[str, Person], role: str
) -> None:
    meeting_id = create_meeting(client, people)
    who = people[role]
    expected = 404 if role == "sec2" else 403  # sec2 is not in the meeting at all
    assert upload(client, who, meeting_id, make_pdf()).status_code == expected
    assert (
        client.put(
            f"{API}/meetings/{meeting_id}/agenda",
            headers=who.headers,
            json={"items": [{"title": "x"}]},
        ).status_code
        == expected
    )
    assert (
        client.post(
            f"{API}/meetings/{meeting_id}/publish", headers=who.headers, json={}
        ).status_code
        == expected
    )
    assert counts(state) == {"meetings": 1, "meeting_documents": 0, "packets": 0}


def test_delegates_cannot_create_meetings(client: TestClient, people: dict[str, Person]) -> None:
    response = client.post(
        f"{API}/meetings",
        headers=people["d1"].headers,
        json={"title": "x", "starts_at": "2026-12-03T08:00:00+07:00"},
    )
    assert (response.status_code, error_code(response)) == (403, "forbidden")


@pytest.mark.parametrize(
    ("body", "status", "code"),
    [
        (b"{not json", 400, "malformed_json"),
        (b'{"title": 5, "starts_at": "2026-12-03T08:00:00+07:00"}', 422, "invalid_request"),
        (b'{"title": "x", "starts_at": "yesterday"}', 422, "invalid_request"),
        (b'{"title": "x", "starts_at": "2026-12-03T08:00:00"}', 422, "invalid_request"),
        (
            b'{"title": "x", "starts_at": "2026-12-03T08:00:00Z", "video_url": "javascript:x"}',
            422,
            "invalid_request",
        ),
        (
            b'{"title": "x", "starts_at": "2026-12-03T08:00:00Z", "participants": '
            b'[{"user_id": "../../etc/passwd"}]}',
            422,
            "invalid_request",
        ),
        (
            b'{"title": "x", "starts_at": "2026-12-03T08:00:00Z", "participants": '
            b'[{"user_id": "0123456789abcdef0123456789abcdef"}]}',
            422,
            "unknown_user",
        ),
        (
            b'{"title": "x", "starts_at": "2026-12-03T08:00:00Z", "surprise": 1}',
            422,
            "invalid_request",
        ),
        (b"[]", 422, "invalid_request"),
    ],
)
def test_malformed_meeting_bodies(
    client: TestClient,
    state: ServerState,
    people: dict[str, Person],
    body: bytes,
    status: int,
    code: str,
) -> None:
    response = client.post(
        f"{API}/meetings",
        content=body,
        headers={**people["sec"].headers, "Content-Type": "application/json"},
    )
    assert response.status_code == status, response.text
    assert error_code(response) == code
    assert counts(state)["meetings"] == 0


def test_oversized_json_body(
    client: TestClient, state: ServerState, people: dict[str, Person]
) -> None:
    body = b'{"title": "' + b"x" * (state.settings.max_json_bytes + 1) + b'"}'
    response = client.post(
        f"{API}/meetings",
        content=body,
        headers={**people["sec"].headers, "Content-Type": "application/json"},
    )
    assert (response.status_code, error_code(response)) == (413, "too_large")


@pytest.mark.parametrize(
    "path",
    [
        "/meetings/..%2F..%2Fetc/manifest",
        "/meetings/not-an-id",
        "/blobs/..%2Fkey",
        "/blobs/" + "A" * 64,
        "/blobs/xyz",
        "/meetings/" + "f" * 32,
    ],
)
def test_path_tricks_and_unknown_ids(
    client: TestClient, people: dict[str, Person], path: str
) -> None:
    response = client.get(API + path, headers=people["sec"].headers)
    assert response.status_code in (404, 422), response.text
    error_code(response)


@pytest.mark.parametrize(
    ("items", "code"),
    [
        ([{"title": "x", "documents": ["e" * 64]}], "unknown_document"),
        ([{"title": "x", "confidential": True, "cleared": ["e" * 32]}], "unknown_participant"),
        ([{"id": "a" * 32, "title": "x"}, {"id": "a" * 32, "title": "y"}], "duplicate_item"),
        (
            [
                {
                    "title": "1",
                    "children": [
                        {
                            "title": "2",
                            "children": [
                                {
                                    "title": "3",
                                    "children": [{"title": "4", "children": [{"title": "5"}]}],
                                }
                            ],
                        }
                    ],
                }
            ],
            "agenda_too_deep",
        ),
        ([{"title": ""}], "invalid_request"),
        ([{"title": "x", "duration_min": -5}], "invalid_request"),
    ],
)
def test_bad_agendas_change_nothing(
    client: TestClient, people: dict[str, Person], items: list[Any], code: str
) -> None:
    meeting_id = create_meeting(client, people)
    url = f"{API}/meetings/{meeting_id}/agenda"
    assert (
        client.put(
            url, headers=people["sec"].headers, json={"items": [{"title": "kept"}]}
        ).status_code
        == 200
    )
    response = client.put(url, headers=people["sec"].headers, json={"items": items})
    assert response.status_code == 422, response.text
    assert error_code(response) == code
    detail = client.get(f"{API}/meetings/{meeting_id}", headers=people["sec"].headers).json()
    assert [i["title"] for i in detail["agenda"]] == ["kept"]


def test_publishing_an_empty_agenda_is_refused(
    client: TestClient, state: ServerState, people: dict[str, Person]
) -> None:
    meeting_id = create_meeting(client, people)
    response = client.post(
        f"{API}/meetings/{meeting_id}/publish", headers=people["sec"].headers, json={"note": "x"}
    )
    assert (response.status_code, error_code(response)) == (409, "empty_agenda")
    assert counts(state)["packets"] == 0


def test_refused_requests_leave_no_audit_entry(
    client: TestClient, state: ServerState, people: dict[str, Person]
) -> None:
    meeting_id = create_meeting(client, people)
    with state.db.session() as session:
        before = session.scalar(select(func.count()).select_from(AuditEntry))
    client.put(
        f"{API}/meetings/{meeting_id}/agenda",
        headers=people["sec"].headers,
        json={"items": [{"title": "x", "documents": ["e" * 64]}]},
    )
    upload(client, people["sec"], meeting_id, b"not a pdf")
    with state.db.session() as session:
        assert session.scalar(select(func.count()).select_from(AuditEntry)) == before


def test_nul_characters_are_refused_on_every_database(
    client: TestClient, state: ServerState, people: dict[str, Person]
) -> None:
    login = client.post(
        f"{API}/auth/login",
        json={
            "username": "a\u0000",
            "password": "x",
            "device_name": "d",
            "device_public_key": "A" * 43 + "=",
        },
    )
    assert (login.status_code, error_code(login)) == (422, "invalid_request")
    created = client.post(
        f"{API}/meetings",
        headers=people["sec"].headers,
        json={"title": "a\u0000b", "starts_at": "2026-12-03T08:00:00+07:00"},
    )
    assert created.status_code == 422
    meeting_id = create_meeting(client, people)
    agenda = client.put(
        f"{API}/meetings/{meeting_id}/agenda",
        headers=people["sec"].headers,
        json={"items": [{"title": "x", "children": [{"title": "y\u0000"}]}]},
    )
    assert agenda.status_code == 422
    titled = upload(client, people["sec"], meeting_id, make_pdf(), title="t\x00")
    assert titled.status_code == 422
    assert counts(state) == {"meetings": 1, "meeting_documents": 0, "packets": 0}
    assert stored_files(state) == []


def test_a_huge_range_number_is_ignored_not_a_500(
    client: TestClient, people: dict[str, Person]
) -> None:
    meeting_id = create_meeting(client, people)
    sha = upload(client, people["sec"], meeting_id, make_pdf()).json()["sha256"]
    response = client.get(
        f"{API}/blobs/{sha}",
        headers={**people["sec"].headers, "Range": "bytes=" + "9" * 5000 + "-"},
    )
    assert response.status_code == 200


def test_an_upload_with_endless_part_headers_is_refused(
    client: TestClient, state: ServerState, people: dict[str, Person]
) -> None:
    meeting_id = create_meeting(client, people)
    body = (
        b'--b\r\nContent-Disposition: form-data; name="file"\r\nX-Pad: '
        + b"a" * 20_000
        + b"\r\n\r\n%PDF\r\n--b--\r\n"
    )
    response = client.post(
        f"{API}/meetings/{meeting_id}/documents",
        content=body,
        headers={**people["sec"].headers, "Content-Type": "multipart/form-data; boundary=b"},
    )
    assert (response.status_code, error_code(response)) == (400, "malformed_upload")
    assert stored_files(state) == []
