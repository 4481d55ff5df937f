"""The ballot and event-stream routes answered ahead of FastAPI: same checks, same errors.

The happy paths (ballots counted, receipts verified, streams replayed) run against the real
server in tests/e2e/test_votes_e2e.py and test_live_e2e.py; here, every refusal the plain
ASGI layer makes itself, and that it changes nothing.
"""

from __future__ import annotations

import asyncio
import threading
import time
from collections.abc import Callable
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import func, select, text
from starlette.types import Message, Receive, Scope, Send

from ecabinet.server import ballots, hotpath
from ecabinet.server.app import create_app
from ecabinet.server.ballots import _Pending
from ecabinet.server.errors import ApiError
from ecabinet.server.hotpath import HotPaths
from ecabinet.server.models import AuditEntry, MotionVoter
from ecabinet.server.settings import ServerSettings
from ecabinet.server.state import ServerState
from ecabinet.server.voteschemas import BallotIn
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
        (None, "?after=3", 404, "meeting_not_found"),
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


# --- the same answers as the FastAPI routes it stands in front of -------------------------


def _token(person: Person) -> str:
    return person.headers["Authorization"].split(" ", 1)[1]


@pytest.fixture
def vote(client: TestClient, make_user: Callable[..., Person]) -> dict[str, Any]:
    """An open motion with a chair and three checked-in delegates."""
    secretary = make_user("sec", "secretary")
    chair = make_user("chair", "chair", "delegate")
    voters = [make_user(f"d{i}") for i in range(3)]
    participants = [{"user_id": chair.id, "role": "chair"}] + [
        {"user_id": v.id, "role": "delegate"} for v in voters
    ]
    made = client.post(
        "/api/v1/meetings",
        headers=secretary.headers,
        json={
            "title": "Votes",
            "starts_at": "2026-12-03T08:00:00+07:00",
            "participants": participants,
        },
    )
    assert made.status_code == 201, made.text
    meeting = made.json()["id"]
    agenda = client.put(
        f"/api/v1/meetings/{meeting}/agenda",
        headers=secretary.headers,
        json={"items": [{"title": "Votes"}]},
    )
    assert agenda.status_code == 200, agenda.text
    for person in [chair, *voters]:
        checked_in = client.post(
            f"/api/v1/meetings/{meeting}/attendance", headers=person.headers, json={}
        )
        assert checked_in.status_code == 200, checked_in.text
    motion = client.post(
        f"/api/v1/meetings/{meeting}/motions",
        headers=chair.headers,
        json={"agenda_item_id": agenda.json()[0]["id"], "title": "T", "text": "X"},
    ).json()["id"]
    assert client.post(f"/api/v1/motions/{motion}/open", headers=chair.headers).status_code == 200
    return {"meeting": meeting, "motion": motion, "voters": voters, "chair": chair}


def _fastapi_only(settings: ServerSettings, state: ServerState) -> TestClient:
    """The same application without the hot paths: what the FastAPI routes answer."""
    app = create_app(settings, state=state)

    async def fastapi_only(scope: Scope, receive: Receive, send: Send) -> None:
        await FastAPI.__call__(app, scope, receive, send)  # past _Application.__call__

    return TestClient(fastapi_only, raise_server_exceptions=False)


@pytest.mark.parametrize(
    ("content_type", "body"),
    [
        ("text/plain", b'{"choice": "for"}'),
        ("application/json", b""),
        ("application/json", b'["for"]'),
        ("application/json", b"{}"),
        ("application/json", b'{"choice": 5}'),
        ("application/json", b"null"),
        ("application/json", b'"for"'),
        ("application/json", b'{"choice": "for", "on_behalf_of": "x"}'),
        ("application/json", b'{"choice": '),
    ],
)
def test_odd_ballots_are_answered_as_fastapi_answers_them(
    client: TestClient,
    settings: ServerSettings,
    state: ServerState,
    vote: dict[str, Any],
    content_type: str,
    body: bytes,
) -> None:
    url = f"/api/v1/motions/{vote['motion']}/ballots"
    headers = {**vote["voters"][0].headers, "Content-Type": content_type}
    before = _unchanged(state)
    expected = _fastapi_only(settings, state).post(url, content=body, headers=headers)
    answered = client.post(url, content=body, headers=headers)
    assert (answered.status_code, answered.json()) == (expected.status_code, expected.json())
    assert answered.status_code >= 400
    assert _unchanged(state) == before


@pytest.mark.parametrize(
    ("query", "headers"),
    [
        ("?after=%C2%B2", {}),
        ("?after=" + "1" * 5000, {}),
        ("?after=", {}),
        ("?after=abc", {}),
        ("?after=-1", {}),
        (f"?after={10**16}", {}),
        ("", {"Last-Event-ID": "yesterday"}),
        ("", {"Last-Event-ID": "\u00b2"}),
        ("", {"Last-Event-ID": "9" * 40}),
    ],
)
def test_odd_stream_positions_are_answered_as_fastapi_answers_them(
    settings: ServerSettings,
    state: ServerState,
    client: TestClient,
    vote: dict[str, Any],
    query: str,
    headers: dict[str, str],
) -> None:
    url = f"/api/v1/meetings/{vote['meeting']}/events{query}"
    sent = {**vote["voters"][0].headers, **{k: v.encode("latin-1") for k, v in headers.items()}}
    expected = _fastapi_only(settings, state).get(url, headers=sent)
    answered = client.get(url, headers=sent)
    assert expected.status_code == 422, expected.text
    assert (answered.status_code, answered.json()) == (expected.status_code, expected.json())


def test_a_failing_participant_check_answers_the_api_error_shape(
    client: TestClient, vote: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*_args: object, **_kwargs: object) -> None:
        raise RuntimeError("the pool is exhausted")

    monkeypatch.setattr(hotpath, "participant_role", broken)
    answered = TestClient(client.app, raise_server_exceptions=False).get(
        f"/api/v1/meetings/{vote['meeting']}/events", headers=vote["voters"][0].headers
    )
    assert (answered.status_code, error_code(answered)) == (500, "internal_error")


# --- the ballot writer ----------------------------------------------------------------------


def _one_batch(
    state: ServerState, motion: str, ballots: list[tuple[str, bool]]
) -> list[dict[str, Any] | BaseException | None]:
    """Cast ``(token, given up)`` ballots as one batch of the writer, run in a thread as in the
    server; each one's answer (``None`` for a request that gave up before the batch)."""

    async def main() -> list[dict[str, Any] | BaseException | None]:
        loop = asyncio.get_running_loop()
        pending = [
            _Pending(motion, token, BallotIn(choice="for"), loop.create_future())
            for token, _given_up in ballots
        ]
        for item, (_token, given_up) in zip(pending, ballots, strict=True):
            if given_up:
                item.done.cancel()  # what a request's task does when the server stops
        writer = state.ballots
        for item in pending:
            writer._queue.put(item)
        writer._queue.put(None)
        await asyncio.to_thread(writer._run)  # one batch, then the stop marker
        answers: list[dict[str, Any] | BaseException | None] = []
        for item in pending:
            if item.done.cancelled():
                answers.append(None)
                continue
            try:
                answers.append(await asyncio.wait_for(asyncio.shield(item.done), 5))
            except ApiError as exc:
                answers.append(exc)
        return answers

    return asyncio.run(main())


def _ballots(state: ServerState) -> int:
    return _unchanged(state)[0]


def test_a_ballot_whose_request_gave_up_is_not_written_and_costs_the_others_nothing(
    state: ServerState, vote: dict[str, Any]
) -> None:
    a, b, c = vote["voters"]
    answers = _one_batch(
        state, vote["motion"], [(_token(a), False), (_token(b), True), (_token(c), False)]
    )
    assert _ballots(state) == 2
    assert [_voter(answer) for answer in answers] == [a.id, None, c.id]


def _voter(answer: dict[str, Any] | BaseException | None) -> str | None:
    assert not isinstance(answer, BaseException), answer
    return None if answer is None else str(answer["receipt"]["voter_id"])


@pytest.mark.parametrize("bad", ["bogus", "x\x00y", "ệ" * 5000, ""])
def test_a_bad_token_in_a_batch_touches_only_its_own_ballot(
    state: ServerState, vote: dict[str, Any], bad: str
) -> None:
    a, _b, c = vote["voters"]
    # A cancelled one beside a refused one, when the token is empty.
    answers = _one_batch(
        state, vote["motion"], [(_token(a), False), (bad, False), (_token(c), bad == "")]
    )
    assert _ballots(state) == (1 if bad == "" else 2)
    assert _voter(answers[0]) == a.id
    assert isinstance(answers[1], ApiError) and answers[1].code == "not_authenticated"
    assert _voter(answers[2]) == (None if bad == "" else c.id)


def test_an_unanswered_ballot_is_answered_busy_in_time(
    monkeypatch: pytest.MonkeyPatch, state: ServerState, vote: dict[str, Any]
) -> None:
    """A writer held up (a stuck database) does not hold the request forever: 503 busy."""
    monkeypatch.setattr(ballots, "WAIT_SECONDS", 0.2)
    release = threading.Event()
    write = ballots.BallotWriter._write

    def stuck(self: ballots.BallotWriter, batch: list[_Pending]) -> None:
        release.wait(10)
        write(self, batch)

    monkeypatch.setattr(ballots.BallotWriter, "_write", stuck)
    a = vote["voters"][0]

    async def main() -> None:
        try:
            with pytest.raises(ApiError) as refused:
                await hotpath.cast_ballot(state, vote["motion"], _token(a), BallotIn(choice="for"))
        finally:
            release.set()
        assert (refused.value.status, refused.value.code) == (503, "busy")

    asyncio.run(main())


def test_a_made_up_token_does_not_wait_for_the_write_lock(
    client: TestClient, state: ServerState, vote: dict[str, Any]
) -> None:
    lock = state.db.writing()
    lock.__enter__()  # a close, a publish or a big batch is writing
    releaser = threading.Timer(3.0, lambda: lock.__exit__(None, None, None))
    releaser.start()
    try:
        started = time.monotonic()
        answered = client.post(
            f"/api/v1/motions/{vote['motion']}/ballots",
            json={"choice": "for"},
            headers={"Authorization": "Bearer made-up"},
        )
        waited = time.monotonic() - started
    finally:
        releaser.join()
    assert (answered.status_code, error_code(answered)) == (401, "not_authenticated")
    assert waited < 2.0


def test_the_writer_recovers_from_a_lost_database_connection(
    client: TestClient, state: ServerState, vote: dict[str, Any]
) -> None:
    """On PostgreSQL the writer keeps its own connection (no ping per batch): when the
    database drops it (a restart, an administrator), the next batch is written on a new one."""
    if not state.db.is_postgres:
        pytest.skip("the writer takes SQLite connections from the pool per batch")
    a, b, _c = vote["voters"]
    cast = f"/api/v1/motions/{vote['motion']}/ballots"
    assert client.post(cast, headers=a.headers, json={"choice": "for"}).status_code == 200
    with state.db.engine.connect() as admin:
        ended = admin.execute(
            text(
                "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
                "WHERE datname = current_database() AND pid <> pg_backend_pid()"
            )
        ).scalar_one()
    assert ended >= 1  # the writer's connection among them
    answered = client.post(cast, headers=b.headers, json={"choice": "against"})
    assert answered.status_code == 200, answered.text
    assert answered.json()["receipt"]["receipt"]["voter_id"] == b.id
    assert _ballots(state) == 2


# --- an event stream's life at the ASGI level -----------------------------------------------


@pytest.mark.parametrize("ending", ["client_disconnects", "server_cancels"])
def test_a_stream_that_ends_leaves_nothing_behind(
    settings: ServerSettings,
    state: ServerState,
    client: TestClient,
    vote: dict[str, Any],
    ending: str,
) -> None:
    token = _token(vote["voters"][0])
    client.__exit__(None, None, None)  # stop the test client's hub: run one on our own loop

    async def main() -> None:
        await state.live.start()
        try:
            layer = HotPaths(_no_app, state=lambda: state, body_limit=settings.max_json_bytes)
            inbox: asyncio.Queue[Message] = asyncio.Queue()
            sent: list[Message] = []

            async def send(message: Message) -> None:
                sent.append(message)

            scope = {
                "type": "http",
                "method": "GET",
                "path": f"/api/v1/meetings/{vote['meeting']}/events",
                "query_string": b"",
                "headers": [(b"authorization", f"Bearer {token}".encode())],
            }
            task = asyncio.create_task(layer(scope, inbox.get, send))
            for _ in range(500):  # the stream joins its channel after its opening is sent
                await asyncio.sleep(0.02)
                channel = state.live._channels.get(vote["meeting"])
                if len(sent) >= 2 and channel is not None and channel.streams:
                    break
            assert sent[0]["status"] == 200
            assert channel is not None
            assert channel.streams == 1
            assert len(_stream_tasks()) == 2
            if ending == "client_disconnects":
                await inbox.put({"type": "http.disconnect"})
                await asyncio.wait_for(task, 5)
                assert sent[-1].get("more_body") is True  # nothing sent after the disconnect
            else:
                task.cancel()  # the server's graceful shutdown running out
                with pytest.raises(asyncio.CancelledError):
                    await task
            for _ in range(250):  # the hub's own poll may run a task meanwhile: wait it out
                if channel.streams == 0 and not _stream_tasks():
                    break
                await asyncio.sleep(0.02)
            assert channel.streams == 0
            assert _stream_tasks() == []
        finally:
            await state.live.stop()

    asyncio.run(main())


def _stream_tasks() -> list[asyncio.Task[Any]]:
    """The tasks a stream runs (its pump and its disconnect watch), still alive."""
    names = ("_pump", "_until_disconnect")
    return [t for t in asyncio.all_tasks() if t.get_coro().__qualname__ in names]


async def _no_app(scope: Scope, receive: Receive, send: Send) -> None:
    raise AssertionError("the stream should have been answered by the hot path")
