"""Helpers for the live-session tests: one real demo server per module and database.

Starting a server costs seconds, so the vote tests share one per database and module, and
each test makes its own meeting (fresh attendance, proxies and motions) on it.  The
PostgreSQL server gets a database of its own, never the per-worker one that other tests
empty between tests.
"""

from __future__ import annotations

import contextlib
import socket
import threading
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
import requests
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from ecabinet.client.livestream import parse_events
from ecabinet.server.demo import DEMO_MEETING_ID
from tests.e2e.conftest import RunningServer, http_login, start_server, stop_server

VOTERS = ("chair", "delegate1", "delegate2", "delegate3", "delegate4", "delegate5")


@dataclass
class Demo:
    """A running demo server, a logged-in session per demo user and their ids."""

    server: RunningServer
    database_url: str | None
    http: dict[str, requests.Session] = field(default_factory=dict)
    ids: dict[str, str] = field(default_factory=dict)

    @property
    def api(self) -> str:
        return self.server.api

    def as_(self, username: str) -> requests.Session:
        if username not in self.http:
            self.http[username] = http_login(self.server, username)
        return self.http[username]

    def post(self, username: str, path: str, body: Any = None) -> requests.Response:
        return self.as_(username).post(f"{self.api}{path}", json=body or {}, timeout=30)

    def get(self, username: str, path: str) -> Any:
        response = self.as_(username).get(f"{self.api}{path}", timeout=30)
        assert response.status_code == 200, response.text
        return response.json()

    def sqlalchemy_url(self) -> str:
        if self.database_url:
            return self.database_url.replace("postgresql://", "postgresql+psycopg://", 1)
        return f"sqlite:///{self.server.data / 'ecabinet.sqlite3'}"

    def rows(self, table: str) -> list[dict[str, Any]]:
        engine = create_engine(self.sqlalchemy_url())
        try:
            with engine.connect() as conn:
                return [dict(r._mapping) for r in conn.execute(text(f"SELECT * FROM {table}"))]  # noqa: S608
        finally:
            engine.dispose()

    def new_meeting(self, voters: tuple[str, ...] = VOTERS) -> tuple[str, str]:
        """A meeting with the chair and ``voters``; returns its id and its one agenda item."""
        participants = [{"user_id": self.ids["chair"], "role": "chair"}] + [
            {"user_id": self.ids[v], "role": "delegate"} for v in voters if v != "chair"
        ]
        created = self.post(
            "secretary",
            "/meetings",
            {
                "title": "Phiên họp biểu quyết " + uuid.uuid4().hex[:6],
                "starts_at": "2026-12-03T08:00:00+07:00",
                "bridge_sites": ["Điểm cầu huyện Hòa Vang"],
                "participants": participants,
            },
        )
        assert created.status_code == 201, created.text
        meeting_id = str(created.json()["id"])
        agenda = self.as_("secretary").put(
            f"{self.api}/meetings/{meeting_id}/agenda",
            json={"items": [{"title": "Biểu quyết — Votes"}]},
            timeout=30,
        )
        assert agenda.status_code == 200, agenda.text
        return meeting_id, str(agenda.json()[0]["id"])

    def check_in(self, meeting_id: str, *users: str) -> None:
        for user in users:
            response = self.post(user, f"/meetings/{meeting_id}/attendance")
            assert response.status_code == 200, response.text

    def motion(self, meeting_id: str, item_id: str, **fields: Any) -> str:
        body = {"agenda_item_id": item_id, "title": "Thông qua nghị quyết", "text": "Điều 1."}
        response = self.post("chair", f"/meetings/{meeting_id}/motions", body | fields)
        assert response.status_code == 201, response.text
        return str(response.json()["id"])

    def vote(self, motion_id: str, user: str, choice: str, **extra: Any) -> requests.Response:
        return self.post(user, f"/motions/{motion_id}/ballots", {"choice": choice} | extra)


def _sibling_database(base: str) -> tuple[str, str]:
    name = f"ecabinet_live_{uuid.uuid4().hex[:10]}"
    admin = create_engine(base, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    url = make_url(base).set(database=name).render_as_string(hide_password=False)
    return name, url.replace("postgresql+psycopg://", "postgresql://", 1)


def _drop_database(base: str, name: str) -> None:
    admin = create_engine(base, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


def demo_server(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory, *extra: str
) -> Iterator[Demo]:
    """The body of a module fixture parametrised ``sqlite``/``postgresql``."""
    url: str | None = None
    name = base = None
    if request.param == "postgresql":
        base = str(request.getfixturevalue("postgres_url"))
        name, url = _sibling_database(base)
    data: Path = tmp_path_factory.mktemp("live") / "data"
    server = start_server(data, url, "--demo", *extra)
    demo = Demo(server, url)
    try:
        detail = demo.get("secretary", f"/meetings/{DEMO_MEETING_ID}")
        demo.ids = {p["username"]: p["user_id"] for p in detail["participants"]}
        yield demo
    finally:
        for session in demo.http.values():
            session.close()
        stop_server(server)
        if base and name:
            _drop_database(base, name)


DATABASES = ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)]


class EventReader:
    """Reads a meeting's event stream in a thread, as a client would."""

    def __init__(self, session: requests.Session, url: str, last_event_id: int | None) -> None:
        headers = {} if last_event_id is None else {"Last-Event-ID": str(last_event_id)}
        self.response = session.get(url, stream=True, timeout=30, headers=headers)
        assert self.response.status_code == 200, self.response.text
        self.events: list[dict[str, Any]] = []
        self.arrived = threading.Condition()
        self._thread = threading.Thread(target=self._read, daemon=True)
        self._thread.start()

    def _read(self) -> None:
        try:
            for event in parse_events(self.response.iter_content(chunk_size=None)):
                with self.arrived:
                    self.events.append(
                        {"seq": event.seq, "type": event.kind, "at": event.at, "data": event.data}
                    )
                    self.arrived.notify_all()
        except (requests.RequestException, AttributeError, ValueError, OSError):
            return  # closed by the test

    def wait_for(self, kind: str, timeout: float = 10.0, **data: Any) -> dict[str, Any]:
        def found() -> dict[str, Any] | None:
            for event in self.events:
                if event["type"] == kind and all(
                    event["data"].get(k) == v for k, v in data.items()
                ):
                    return event
            return None

        with self.arrived:
            assert self.arrived.wait_for(lambda: found() is not None, timeout), (
                f"no {kind} {data} event; got {[e['type'] for e in self.events]}"
            )
            event = found()
            assert event is not None
            return event

    def close(self) -> None:
        sock = getattr(getattr(self.response.raw, "_connection", None), "sock", None)
        if isinstance(sock, socket.socket):
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)
        self.response.close()
        self._thread.join(timeout=5)
