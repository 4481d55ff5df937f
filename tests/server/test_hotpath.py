"""The ballot and event-stream routes answered ahead of FastAPI: same checks, same errors.

The happy paths (ballots counted, receipts verified, streams replayed) run against the real
server in tests/e2e/test_votes_e2e.py and test_live_e2e.py; here, every refusal the plain
ASGI layer makes itself, and that it changes nothing.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select

from ecabinet.server.models import AuditEntry, MotionVoter
from ecabinet.server.settings import ServerSettings
from ecabinet.server.state import ServerState
from tests.server.conftest import Person, error_code

MOTION = "0" * 32
BALLOT = f"/api/v1/motions/{MOTION}/ballots"
EVENTS = f"/api/v1/meetings/{'1' * 32}/events"


def _unchanged(state: ServerState) -> tuple[int, int]:
    with state.db.session() as session:
        return (
            session.scalar(select(func.count()).select_from(MotionVoter)) or 0,
            session.scalar(select(func.count()).select_from(AuditEntry)) or 0,
        )


@pytest.mark.parametrize(
    ("headers", "body", "status", "code"),
    [
        ({}, b'{"choice": "for"}', 401, "not_authenticated"),
        ({"Authorization": "Basic abc"}, b'{"choice": "for"}', 401, "not_authenticated"),
        ({"Authorization": "Bearer not-a-token"}, b'{"choice": "for"}', 401, "not_authenticated"),
        (None, b'{"choice": ', 400, "malformed_json"),
        (None, b'{"choice": "for", "extra": 1}', 422, "invalid_request"),
        (None, b'{"choice": ""}', 422, "invalid_request"),
        (None, b'{"choice": "f\\u0000r"}', 422, "invalid_request"),
        (None, b'["for"]', 422, "invalid_request"),
        (None, b'{"choice": "for"}', 404, "motion_not_found"),
    ],
)
def test_bad_ballots_are_refused_with_the_api_error_shape(
    client: TestClient,
    state: ServerState,
    make_user: Callable[..., Person],
    headers: dict[str, str] | None,
    body: bytes,
    status: int,
    code: str,
) -> None:
    voter = make_user("voter")
    before = _unchanged(state)
    response = client.post(
        BALLOT,
        content=body,
        headers={
            "Content-Type": "application/json",
            **(voter.headers if headers is None else headers),
        },
    )
    assert response.status_code == status, response.text
    assert error_code(response) == code
    assert response.headers["content-type"] == "application/json"
    if status == 401:
        assert response.headers["www-authenticate"] == "Bearer"
    assert _unchanged(state) == before


def test_an_oversized_ballot_is_refused_before_it_is_read(
    client: TestClient, settings: ServerSettings, make_user: Callable[..., Person]
) -> None:
    voter = make_user("voter")
    big = b'{"choice": "' + b"x" * (settings.max_json_bytes + 10) + b'"}'
    response = client.post(BALLOT, content=big, headers=voter.headers)
    assert (response.status_code, error_code(response)) == (413, "too_large")

    def chunked() -> object:  # no Content-Length: cut off once past the limit
        yield big[:100]
        yield big[100:]

    response = client.post(BALLOT, content=chunked(), headers=voter.headers)
    assert (response.status_code, error_code(response)) == (413, "too_large")


@pytest.mark.parametrize(
    ("headers", "query", "status", "code"),
    [
        ({}, "", 401, "not_authenticated"),
        (None, "", 404, "meeting_not_found"),
        (None, "?after=abc", 422, "invalid_request"),
        (None, "?after=-1", 422, "invalid_request"),
        (None, f"?after={10**16}", 422, "invalid_request"),
        ({"Last-Event-ID": "yesterday"}, "", 422, "invalid_last_event_id"),
    ],
)
def test_bad_stream_requests_are_refused(
    client: TestClient,
    make_user: Callable[..., Person],
    headers: dict[str, str] | None,
    query: str,
    status: int,
    code: str,
) -> None:
    reader = make_user("reader")
    sent = {} if headers == {} else {**reader.headers, **(headers or {})}
    response = client.get(EVENTS + query, headers=sent)
    assert response.status_code == status, response.text
    assert error_code(response) == code


def test_the_openapi_document_still_describes_both_routes(client: TestClient) -> None:
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    assert "post" in paths["/api/v1/motions/{motion_id}/ballots"]
    assert "get" in paths["/api/v1/meetings/{meeting_id}/events"]


def test_other_methods_and_malformed_ids_go_on_to_fastapi(
    client: TestClient, make_user: Callable[..., Person]
) -> None:
    voter = make_user("voter")
    not_hex = client.post(
        "/api/v1/motions/NOT-AN-ID/ballots", json={"choice": "for"}, headers=voter.headers
    )
    assert (not_hex.status_code, error_code(not_hex)) == (422, "invalid_request")
    wrong_method = client.get(BALLOT, headers=voter.headers)
    assert (wrong_method.status_code, error_code(wrong_method)) == (405, "method_not_allowed")
