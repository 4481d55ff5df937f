"""The desktop app against the real server: log in, sync, read, switch language, restart.

Saves screenshots of the main window in both languages under ``test-artifacts/``.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.exceptions import TimeoutError as WaitTimeout
from pytestqt.qtbot import QtBot

from ecabinet.client.profile import Profile
from ecabinet.client.secrets import MemorySecrets
from ecabinet.ui import prefs
from ecabinet.ui.agendamodel import NodeRole
from ecabinet.ui.app import DesktopApp
from ecabinet.ui.mainwindow import MainWindow
from ecabinet.ui.searchpanel import HitChoice, HitRole
from ecabinet.ui.session import AppSession
from ecabinet.ui.viewer.documentview import DocumentView
from tests.e2e.conftest import RunningServer

pytestmark = [pytest.mark.slow, pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)]
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
WAIT = 60_000


def document_rows(window: MainWindow) -> list[tuple[object, str]]:
    found = []
    model = window.agenda

    def walk(parent: object) -> None:
        for row in range(model.rowCount(parent)):  # type: ignore[arg-type]
            index = model.index(row, 0, parent)  # type: ignore[arg-type]
            node = index.data(NodeRole)
            if node.is_document:
                found.append((index, node.sha256))
            walk(index)

    from PySide6.QtCore import QModelIndex

    walk(QModelIndex())
    return found


def start(
    desktop: DesktopApp, server: RunningServer, profile_dir: Path, qtbot: QtBot, login: bool
) -> MainWindow:
    profile = Profile(profile_dir, secrets=desktop_secrets(profile_dir))
    desktop.profile = profile
    session = AppSession(profile, server.url, desktop.runner)
    window = desktop.start(session, ("delegate1", "demo") if login else None)
    qtbot.addWidget(window)
    window.resize(1400, 860)
    return window


_SECRETS: dict[Path, MemorySecrets] = {}


def desktop_secrets(profile_dir: Path) -> MemorySecrets:
    """One in-memory keyring per profile, surviving an app restart within the test."""
    return _SECRETS.setdefault(profile_dir, MemorySecrets())


def test_app_logs_in_syncs_reads_switches_language_and_restores(
    qtbot: QtBot, run_server: Callable[..., RunningServer], desktop: DesktopApp, tmp_path: Path
) -> None:
    server = run_server("--demo")
    window = start(desktop, server, tmp_path / "profile", qtbot, login=True)
    assert "Connecting" in window.online_label.text()

    def synced() -> bool:
        entry = window.meetings.entry(0)
        return (
            entry is not None
            and entry.manifest is not None
            and window.agenda.rowCount() == 3
            and not window.session.syncing
        )

    qtbot.waitUntil(synced, timeout=WAIT)
    assert "Online" in window.online_label.text()
    qtbot.waitUntil(lambda: window.workspace.roles is not None, timeout=WAIT)
    assert not window.workspace_action.isVisible()  # a delegate has no secretary workspace
    assert "Packet version 1" in window.meeting_info.text()
    assert "meet.example.org" in window.meeting_info.text()
    documents = document_rows(window)
    assert len(documents) == 4
    index, sha = documents[1]
    window.agenda_view.activated.emit(index)
    qtbot.waitUntil(lambda: window.tabs.count() == 1, timeout=WAIT)
    view = window.tabs.widget(0)
    assert isinstance(view, DocumentView)
    qtbot.waitUntil(lambda: 0 in view.painted_pages(), timeout=WAIT)
    view.go_to_page(3)
    qtbot.waitUntil(lambda: 3 in view.painted_pages(), timeout=WAIT)

    ARTIFACTS.mkdir(exist_ok=True)
    window.grab().save(str(ARTIFACTS / "main-window-en.png"))
    window.language_actions["vi"].trigger()
    assert window.sync_action.text() == "Đồng bộ ngay"
    assert "Bộ tài liệu phiên bản 1" in window.meeting_info.text()
    # Open document tabs follow the switch too (Qt posts them a LanguageChange event).
    qtbot.waitUntil(lambda: view.toolbar.find_action.text() == "Tìm", timeout=WAIT)
    assert desktop.settings.get(prefs.LANGUAGE) == "vi"
    qtbot.wait(200)
    window.grab().save(str(ARTIFACTS / "main-window-vi.png"))

    # Restart: the same profile opens offline-first with the document and its page back.
    window.close()
    desktop.window = None
    assert desktop.profile is not None
    desktop.profile.close()
    desktop.session.close()  # type: ignore[union-attr]
    again = start(desktop, server, tmp_path / "profile", qtbot, login=False)
    qtbot.waitUntil(lambda: again.tabs.count() == 1, timeout=WAIT)
    restored = again.tabs.widget(0)
    assert isinstance(restored, DocumentView)
    assert restored.property("sha256") == sha
    qtbot.waitUntil(lambda: restored.state().get("page") == 3, timeout=WAIT)


def test_app_without_a_server_reads_offline_and_says_so(
    qtbot: QtBot, run_server: Callable[..., RunningServer], desktop: DesktopApp, tmp_path: Path
) -> None:
    server = run_server("--demo")
    window = start(desktop, server, tmp_path / "profile", qtbot, login=True)
    qtbot.waitUntil(
        lambda: window.agenda.rowCount() == 3 and not window.session.syncing, timeout=WAIT
    )
    server.process.terminate()
    server.process.wait(timeout=15)
    window.sync_action.trigger()
    try:
        qtbot.waitUntil(lambda: "Offline" in window.online_label.text(), timeout=WAIT)
    except WaitTimeout:  # say what the window showed instead
        pytest.fail(
            f"not offline: {window.online_label.text()!r}, syncing="
            f"{window.session.syncing}, message={window.message_bar.text()!r}"
        )
    # Being offline is a state shown in the status bar, not an error message.
    assert "cannot be reached" not in window.message_bar.text()
    index, _sha = document_rows(window)[0]
    window.agenda_view.activated.emit(index)
    qtbot.waitUntil(lambda: window.tabs.count() == 1, timeout=WAIT)


def test_search_panel_finds_words_typed_without_marks_and_opens_their_page(
    qtbot: QtBot, run_server: Callable[..., RunningServer], desktop: DesktopApp, tmp_path: Path
) -> None:
    server = run_server("--demo")
    window = start(desktop, server, tmp_path / "profile", qtbot, login=True)
    qtbot.waitUntil(
        lambda: (
            window.agenda.rowCount() == 3
            and not window.session.syncing
            and not window.session.indexing
        ),
        timeout=WAIT,
    )
    panel = window.search_panel
    assert not window.search_dock.isVisible()
    qtbot.keyClick(
        window,
        Qt.Key.Key_F,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    qtbot.waitUntil(lambda: window.search_dock.isVisible() and panel.field.hasFocus(), timeout=WAIT)

    qtbot.keyClicks(panel.field, "ket qua thu ngan sach")  # as typed on a keyboard without marks
    qtbot.waitUntil(lambda: panel.model.rowCount() == 1, timeout=WAIT)
    meeting = panel.model.item(0)
    assert meeting.text().startswith("<b>Phiên họp thường kỳ")
    document = meeting.child(0)
    hit = document.child(0)
    choice = hit.data(HitRole)
    assert isinstance(choice, HitChoice)
    assert choice.hit.document_title.startswith("Báo cáo tình hình thực hiện dự toán")
    assert ">Kết</span>" in hit.text() and ">ngân</span>" in hit.text()
    assert "page" in panel.status.text() and "document" in panel.status.text()

    panel.tree.clicked.emit(hit.index())
    qtbot.waitUntil(lambda: window.tabs.count() == 1, timeout=WAIT)
    view = window.tabs.widget(0)
    assert isinstance(view, DocumentView)
    qtbot.waitUntil(lambda: " of " in view.find_bar.counter.text(), timeout=WAIT)
    assert view.find_bar.text == "ket qua thu ngan sach"
    qtbot.waitUntil(lambda: view.canvas.current_page == choice.hit.page, timeout=WAIT)
    qtbot.waitUntil(lambda: choice.hit.page in view.painted_pages(), timeout=WAIT)
    ARTIFACTS.mkdir(exist_ok=True)
    window.grab().save(str(ARTIFACTS / "search-panel-en.png"))

    # Exact diacritics: the words typed without marks are not on any page as typed.
    panel.exact.setChecked(True)
    qtbot.waitUntil(lambda: "Nothing found" in panel.status.text(), timeout=WAIT)
    assert panel.model.rowCount() == 0
    panel.field.setText("Kết quả thu ngân sách")
    panel.run_query()
    qtbot.waitUntil(lambda: panel.model.rowCount() == 1, timeout=WAIT)

    window.language_actions["vi"].trigger()
    qtbot.waitUntil(lambda: panel.exact.text() == "Đúng dấu", timeout=WAIT)
    assert window.search_dock.windowTitle() == "Tìm kiếm"
    qtbot.wait(200)
    window.grab().save(str(ARTIFACTS / "search-panel-vi.png"))
