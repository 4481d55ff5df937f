"""``ecabinet sync`` then ``ecabinet search`` against the real server: what a delegate finds."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from ecabinet.server.demo import DEMO_MEETING_ID
from tests.e2e.conftest import RunningServer, publish_attachment
from tests.support import make_text_pdf

pytestmark = pytest.mark.slow

Cli = Callable[..., subprocess.CompletedProcess[str]]
# Only in the confidential personnel proposal, which delegate5 is not cleared for.
CONFIDENTIAL = "truong thi my le"
# Only in the budget report.
BUDGET = '"ket qua thu ngan sach nha nuoc tren dia ban"'


@pytest.fixture
def server(run_server: Callable[..., RunningServer]) -> RunningServer:
    return run_server("--demo")


@pytest.fixture
def ecabinet() -> Cli:
    env = {**os.environ, "ECABINET_VAULT_PASSPHRASE": "cụm mật khẩu"}

    def run(*args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "ecabinet", *args],
            input=stdin,
            capture_output=True,
            text=True,
            env=env,
            timeout=120,
            check=False,
        )

    return run


def sync(ecabinet: Cli, server: RunningServer, profile: Path, user: str | None = None) -> str:
    login = ["--user", user, "--password-stdin"] if user else []
    done = ecabinet(
        "sync", "--server", server.url, "--profile", str(profile), *login, stdin="demo\n"
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def hits(ecabinet: Cli, profile: Path, *query: str) -> list[list[str]]:
    done = ecabinet("search", "--profile", str(profile), *query)
    assert done.returncode in (0, 1), done.stderr
    assert (done.returncode == 0) == bool(done.stdout)
    return [line.split("\t") for line in done.stdout.splitlines()]


def indexed_text(profile: Path) -> str:
    with sqlite3.connect(profile / "profile.sqlite3") as db:
        return "\n".join(text for (text,) in db.execute("SELECT text FROM search_pages"))


def test_search_finds_what_was_typed_without_marks(
    server: RunningServer, ecabinet: Cli, tmp_path: Path
) -> None:
    profile = tmp_path / "delegate1"
    out = sync(ecabinet, server, profile, "delegate1")
    assert "added to the search index" in out
    found = hits(ecabinet, profile, "hop khong giay")
    assert found, "the sample meeting's agenda speaks of paperless meetings"
    meeting, _document, page, snippet = found[0]
    assert meeting.startswith("Phiên họp thường kỳ")
    assert int(page) >= 1
    assert "[" in snippet and "]" in snippet
    budget = hits(ecabinet, profile, BUDGET)
    assert budget
    assert all(
        document.startswith("Báo cáo tình hình thực hiện dự toán") for _, document, *_ in budget
    )
    assert hits(ecabinet, profile, CONFIDENTIAL), "delegate1 is cleared for the personnel item"
    assert hits(ecabinet, profile, "Trương Thị Mỹ Lệ", "--exact")
    assert not hits(ecabinet, profile, "Trường Thi Mỳ Le", "--exact")
    assert hits(ecabinet, profile, CONFIDENTIAL, "--meeting", DEMO_MEETING_ID)
    unknown = ecabinet("search", "--profile", str(profile), "x", "--meeting", "f" * 32)
    assert unknown.returncode == 2 and "no meeting" in unknown.stderr


def test_nothing_confidential_reaches_an_uncleared_delegates_index(
    server: RunningServer, ecabinet: Cli, tmp_path: Path
) -> None:
    profile = tmp_path / "delegate5"
    sync(ecabinet, server, profile, "delegate5")
    assert hits(ecabinet, profile, BUDGET)
    assert hits(ecabinet, profile, CONFIDENTIAL) == []
    text = indexed_text(profile)
    assert "Ngân sách" in text or "ngân sách" in text
    assert "Trương Thị Mỹ Lệ" not in text and "ĐỀ XUẤT NHÂN SỰ" not in text


def test_the_index_follows_a_revision(server: RunningServer, ecabinet: Cli, tmp_path: Path) -> None:
    profile = tmp_path / "delegate2"
    sync(ecabinet, server, profile, "delegate2")
    with sqlite3.connect(profile / "profile.sqlite3") as db:
        (budget_sha,) = db.execute(
            "SELECT DISTINCT sha256 FROM search_pages WHERE text LIKE '%Kết quả thu ngân sách%'"
        ).fetchone()
    replacement = make_text_pdf(
        ["Báo cáo điều chỉnh: kết quả thu ngân sách được cập nhật tại Quảng Ngãi."]
    )
    publish_attachment(
        server, DEMO_MEETING_ID, replacement, "Thay báo cáo ngân sách", replacing=budget_sha
    )
    sync(ecabinet, server, profile)
    assert hits(ecabinet, profile, BUDGET) == []
    (hit,) = hits(ecabinet, profile, "quang ngai")
    assert hit[2] == "1" and "[Quảng] [Ngãi]" in hit[3]
    # The replaced document is kept as the previous version for "what changed", so its text
    # stays indexed until it leaves every kept version; one more revision drops it.
    publish_attachment(server, DEMO_MEETING_ID, make_text_pdf(["Phụ lục"]), "Thêm phụ lục")
    sync(ecabinet, server, profile)
    with sqlite3.connect(profile / "profile.sqlite3") as db:
        left = db.execute("SELECT count(*) FROM search_pages WHERE sha256 = ?", (budget_sha,))
        assert left.fetchone() == (0,)
