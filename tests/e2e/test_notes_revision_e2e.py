"""The app against the real server: the secretary replaces a document the delegate marked;
after the sync a summary says what moved and what could not be placed, and the older version
opens read-only with the notes that stayed on it."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from ecabinet.client.profile import Profile
from ecabinet.client.secrets import MemorySecrets
from ecabinet.core.annotations import Note
from ecabinet.server.demo import DEMO_MEETING_ID
from ecabinet.ui.app import DesktopApp
from ecabinet.ui.session import AppSession
from ecabinet.ui.viewer.documentview import DocumentView
from tests.client.test_carryover import NEW, OLD, find, text_of
from tests.e2e.conftest import RunningServer, publish_attachment
from tests.support import says

pytestmark = [pytest.mark.slow, pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)]
WAIT = 60_000


def test_a_revision_brings_a_summary_and_keeps_the_orphans_readable(
    qtbot: QtBot, run_server: Callable[..., RunningServer], desktop: DesktopApp, tmp_path: Path
) -> None:
    server = run_server("--demo")
    old_sha = publish_attachment(server, DEMO_MEETING_ID, OLD, "Phụ lục")
    profile = Profile(tmp_path / "profile", secrets=MemorySecrets())
    desktop.profile = profile
    window = desktop.start(AppSession(profile, server.url, desktop.runner), ("delegate1", "demo"))
    qtbot.addWidget(window)
    window.resize(1400, 860)

    def has(sha: str) -> bool:
        manifest = profile.manifest(DEMO_MEETING_ID)
        return bool(manifest and sha in manifest["documents"]) and not window.session.syncing

    qtbot.waitUntil(lambda: has(old_sha), timeout=WAIT)
    old = text_of(OLD)

    def marked(page: int, phrase: str) -> Note:
        first, last = find(old, page, phrase)
        boxes = tuple(w.box for w in old.pages[page][first : last + 1])
        return Note(old_sha, "highlight", page, rects=boxes, quote=old.quote(page, first, last))

    moved, gone = window.session.notes.book.add_many(
        [marked(1, "sắp xếp mạng lưới trường học"), marked(1, "khắc phục hậu quả")]
    )
    new_sha = publish_attachment(server, DEMO_MEETING_ID, NEW, "Sửa phụ lục", replacing=old_sha)
    window.sync_action.trigger()
    qtbot.waitUntil(lambda: window.notes_ui.summary is not None, timeout=WAIT)
    summary = window.notes_ui.summary
    assert summary is not None and summary.isVisible()
    text = " ".join(label.text() for label in summary.findChildren(QLabel))
    manifest = profile.manifest(DEMO_MEETING_ID)
    assert manifest is not None and new_sha in manifest["documents"]
    assert f"packet version {manifest['packet_version']}" in text
    assert says(text, "1 note moved to the new version")
    assert says(text, "1 note could not be placed on the new version")
    notes = {n.id: n for n in window.session.notes.book.notes()}
    assert notes[moved].note.document == new_sha and notes[gone].orphaned_by == new_sha

    (button,) = summary.older_buttons
    button.click()
    qtbot.waitUntil(lambda: isinstance(window.tabs.currentWidget(), DocumentView), timeout=WAIT)
    older = window.tabs.currentWidget()
    assert isinstance(older, DocumentView) and older.property("sha256") == old_sha
    assert says(older.banner.text(), "1 note could not be placed on the new one")
    qtbot.waitUntil(lambda: [m.id for m in older.canvas.marks()] == [gone], timeout=WAIT)
    qtbot.waitUntil(lambda: older.canvas.current_page == 1, timeout=WAIT)
