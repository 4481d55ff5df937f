"""The desktop app votes against the real server: check in, follow the chair, vote, receipt.

Saves a screenshot of the main window with the vote panel under ``test-artifacts/``.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from ecabinet.client.check import check_profile
from ecabinet.client.receipts import receipts_for
from ecabinet.core.signing import public_key_from_b64, verify_record
from ecabinet.server.demo import DEMO_MEETING_ID
from ecabinet.ui.app import DesktopApp
from ecabinet.ui.viewer.documentview import DocumentView
from ecabinet.ui.votepanel import VotePanel
from tests.e2e.conftest import RunningServer, http_login
from tests.e2e.test_app_e2e import ARTIFACTS, WAIT, start

pytestmark = [pytest.mark.slow, pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)]


def test_app_checks_in_follows_the_chair_and_votes(
    qtbot: QtBot, run_server: Callable[..., RunningServer], desktop: DesktopApp, tmp_path: Path
) -> None:
    server = run_server("--demo")
    window = start(desktop, server, tmp_path / "profile", qtbot, login=True)
    qtbot.waitUntil(lambda: isinstance(window.side.vote_panel, VotePanel), timeout=WAIT)
    panel = window.side.vote_panel
    assert isinstance(panel, VotePanel)
    qtbot.waitUntil(lambda: panel.check_in_button.isEnabled(), timeout=WAIT)
    panel.check_in_button.click()
    qtbot.waitUntil(lambda: panel.check_in_button.text() == "You are checked in", timeout=WAIT)

    chair = http_login(server, "chair")
    api = f"{server.api}/meetings/{DEMO_MEETING_ID}"
    manifest: dict[str, Any] = chair.get(f"{api}/manifest", timeout=30).json()["manifest"]
    item = manifest["agenda"][1]["children"][0]
    document = item["documents"][0]
    # Follow the chair: the presented page opens in the reader.
    panel.follow.setChecked(True)
    assert chair.post(f"{api}/presenting", json={"document": document, "page": 3}, timeout=30).ok
    qtbot.waitUntil(lambda: window.tabs.count() == 1, timeout=WAIT)
    view = window.tabs.widget(0)
    assert isinstance(view, DocumentView) and view.property("sha256") == document
    qtbot.waitUntil(lambda: view.state().get("page") == 2, timeout=WAIT)
    qtbot.waitUntil(lambda: 2 in view.painted_pages(), timeout=WAIT)

    created = chair.post(
        f"{api}/motions",
        json={"agenda_item_id": item["id"], "title": "Thông qua báo cáo ngân sách 2026"},
        timeout=30,
    ).json()
    assert chair.post(f"{server.api}/motions/{created['id']}/open", timeout=30).ok
    qtbot.waitUntil(lambda: len(panel.option_buttons) == 3, timeout=WAIT)
    qtbot.waitUntil(lambda: panel.option_buttons[0].isEnabled(), timeout=WAIT)
    panel.option_buttons[0].click()
    assert panel.confirm_frame.isVisibleTo(panel)
    qtbot.waitUntil(lambda: all(b.isVisible() for b in panel.option_buttons), timeout=WAIT)
    ARTIFACTS.mkdir(exist_ok=True)
    window.grab().save(str(ARTIFACTS / "main-window-vote-confirm.png"))
    panel.confirm_button.click()
    qtbot.waitUntil(lambda: "Your vote is recorded." in panel.status.text(), timeout=WAIT)
    assert desktop.profile is not None
    kept = receipts_for(desktop.profile.store, created["id"])
    assert len(kept) == 1
    key = public_key_from_b64(
        chair.get(f"{server.api}/server-key", timeout=30).json()["public_key"]
    )
    assert verify_record(kept[0], "receipt", key)["choice"] == "for"
    checked = check_profile(desktop.profile)
    assert checked.ok, checked.problems
    assert checked.signatures_checked == 2  # the manifest and the receipt

    assert chair.post(f"{server.api}/motions/{created['id']}/close", timeout=30).ok
    qtbot.waitUntil(lambda: "Result: No quorum" in panel.status.text(), timeout=WAIT)
    qtbot.wait(200)
    window.grab().save(str(ARTIFACTS / "main-window-vote-result.png"))
