"""A secretary revises a document; the delegate's client fetches only it and says what changed."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import requests

from ecabinet.client.api import ApiClient
from ecabinet.client.check import check_profile
from ecabinet.client.pagetext import document_diffs
from ecabinet.client.profile import Profile
from ecabinet.client.search import Indexer
from ecabinet.client.secrets import MemorySecrets
from ecabinet.client.sync import MeetingResult, SyncEngine, SyncReport
from ecabinet.server.demo import DEMO_PASSWORD
from tests.e2e.conftest import RunningServer, http_login
from tests.support import make_text_pdf

pytestmark = pytest.mark.slow

BUDGET = [
    "Dự toán ngân sách tỉnh năm 2027 trình Hội đồng nhân dân xem xét quyết định.",
    "Tổng thu nội địa dự kiến tăng mười phần trăm so với ước thực hiện năm 2026.",
    "Chi đầu tư phát triển tập trung cho giao thông và thủy lợi.",
]
REVISED = [BUDGET[0], BUDGET[1].replace("mười phần trăm", "mười hai phần trăm"), BUDGET[2]]


@pytest.fixture
def server(run_server: Callable[..., RunningServer]) -> RunningServer:
    return run_server("--demo")


@pytest.fixture
def profile(tmp_path: Path) -> Iterator[Profile]:
    opened = Profile(tmp_path / "delegate1", secrets=MemorySecrets())
    yield opened
    opened.close()


class Secretary:
    """The secretary's side, straight on the HTTP API."""

    def __init__(self, server: RunningServer) -> None:
        self.http: requests.Session = http_login(server, "secretary")
        self.api = server.api
        self.meeting = ""

    def create(self, *usernames: str) -> str:
        users = self.http.get(f"{self.api}/users", timeout=30).json()
        ids = {u["username"]: u["id"] for u in users}
        response = self.http.post(
            f"{self.api}/meetings",
            timeout=30,
            json={
                "title": "Kỳ họp chuyên đề ngân sách",
                "starts_at": "2027-01-15T08:00:00+07:00",
                "location": "Hội trường tỉnh",
                "participants": [{"user_id": ids[name], "role": "delegate"} for name in usernames],
            },
        )
        assert response.status_code == 201, response.text
        self.meeting = str(response.json()["id"])
        return self.meeting

    def upload(self, title: str, pdf: bytes) -> str:
        response = self.http.post(
            f"{self.api}/meetings/{self.meeting}/documents",
            timeout=60,
            files={"file": (f"{title}.pdf", pdf, "application/pdf")},
            data={"title": title},
        )
        assert response.status_code == 201, response.text
        return str(response.json()["sha256"])

    def agenda(self) -> list[dict[str, Any]]:
        detail = self.http.get(f"{self.api}/meetings/{self.meeting}", timeout=30).json()
        return [_item_in(i) for i in detail["agenda"]]

    def set_agenda(self, items: list[dict[str, Any]]) -> None:
        response = self.http.put(
            f"{self.api}/meetings/{self.meeting}/agenda", json={"items": items}, timeout=30
        )
        assert response.status_code == 200, response.text

    def publish(self, note: str) -> None:
        response = self.http.post(
            f"{self.api}/meetings/{self.meeting}/publish", json={"note": note}, timeout=30
        )
        assert response.status_code == 200, response.text


def ours(report: SyncReport, meeting: str) -> MeetingResult:
    """This meeting's result (the demo meeting is synced too)."""
    return next(m for m in report.meetings if m.meeting_id == meeting)


def _item_in(item: dict[str, Any]) -> dict[str, Any]:
    return {
        key: ([_item_in(c) for c in value] if key == "children" else value)
        for key, value in item.items()
        if key != "number"
    }


def test_revised_document_arrives_alone_with_what_changed(
    server: RunningServer, profile: Profile
) -> None:
    secretary = Secretary(server)
    meeting = secretary.create("delegate1")
    programme = secretary.upload("Chương trình", make_text_pdf(["Chương trình kỳ họp"]))
    budget = secretary.upload("Dự toán 2027", make_text_pdf(BUDGET))
    secretary.set_agenda(
        [
            {"title": "Khai mạc", "documents": [programme]},
            {"title": "Ngân sách", "documents": [budget]},
        ]
    )
    secretary.publish("Phát hành lần đầu")

    engine = SyncEngine(profile, ApiClient(server.url))
    engine.login("delegate1", DEMO_PASSWORD)
    first = ours(engine.sync(), meeting)
    assert (first.status, first.version, first.documents_fetched) == ("updated", 1, 2)
    Indexer(profile, workers=1).run()  # as the app does after each sync
    profile.mark_opened(meeting, 1)  # the delegate opens the meeting
    assert profile.change_summary(meeting) is None

    revised = secretary.upload("Dự toán 2027", make_text_pdf(REVISED))
    items = secretary.agenda()
    items[1]["documents"] = [revised]
    secretary.set_agenda(items)
    secretary.publish("Sửa tỷ lệ tăng thu ở trang 2")

    second = ours(engine.sync(), meeting)
    assert (second.status, second.version, second.documents_fetched) == ("updated", 2, 1)
    assert profile.vault.has(revised)
    summary = profile.change_summary(meeting)
    assert summary is not None
    assert (summary.old_version, summary.new_version) == (1, 2)
    assert summary.note == "Sửa tỷ lệ tăng thu ở trang 2"
    assert summary.items == []
    [change] = summary.documents
    assert (change.kind, change.title, change.item_title) == (
        "replaced",
        "Dự toán 2027",
        "Ngân sách",
    )
    assert (change.old_sha256, change.new_sha256) == (budget, revised)
    # The new version is not indexed yet: its text is read in a worker process.
    [page] = document_diffs(profile, meeting, change)
    assert (page.kind, page.new_page, page.old_page) == ("changed", 1, 1)
    assert (page.inserted, page.removed) == (["hai"], [])

    # Two more versions while the delegate looks elsewhere: the opened one stays on the
    # device, with its documents and the notes since, until what changed has been seen.
    secretary.set_agenda([*secretary.agenda(), {"title": "Bế mạc"}])
    secretary.publish("Thêm mục bế mạc")
    engine.sync()
    secretary.set_agenda([{**item, "title": item["title"].upper()} for item in secretary.agenda()])
    secretary.publish("Viết hoa tên mục")
    engine.sync()
    assert profile.manifest(meeting, 1) is not None and profile.vault.has(budget)
    assert check_profile(profile).ok  # every version kept has its documents
    summary = profile.change_summary(meeting)
    assert summary is not None and (summary.old_version, summary.new_version) == (1, 4)
    assert summary.note.splitlines() == [
        "Sửa tỷ lệ tăng thu ở trang 2",
        "Thêm mục bế mạc",
        "Viết hoa tên mục",
    ]
    assert sorted((c.kind, c.title) for c in summary.items) == [
        ("added", "BẾ MẠC"),
        ("renamed", "KHAI MẠC"),
        ("renamed", "NGÂN SÁCH"),
    ]

    profile.mark_seen(meeting, 4)
    secretary.set_agenda([*secretary.agenda(), {"title": "Bế mạc"}])
    secretary.publish("Thêm lại mục bế mạc")
    engine.sync()
    assert profile.manifest(meeting, 1) is None
    assert not profile.vault.has(budget)
