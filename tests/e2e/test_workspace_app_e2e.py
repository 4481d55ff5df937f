"""The secretary's workspace against the real server.

A meeting is built from scratch in the app (facts, participants, two items placed by drag and
drop, a PDF dropped on an item), published, revised by dropping a replacement on the document
and published again; a delegate's real sync engine receives each version and the delivery table
follows; an edit based on a stale draft is refused with the server's message and the draft is
reloaded, the typed form text kept.  Saves screenshots of the workspace under
``test-artifacts/``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QMimeData, QModelIndex, Qt, QUrl
from pytestqt.qtbot import QtBot

from ecabinet.client.api import ApiClient
from ecabinet.client.convert import find_soffice
from ecabinet.client.profile import Profile
from ecabinet.client.secrets import MemorySecrets
from ecabinet.client.sync import SyncEngine
from ecabinet.client.workspace import Workspace
from ecabinet.server.demo import DEMO_PASSWORD
from ecabinet.ui.app import DesktopApp
from ecabinet.ui.mainwindow import MainWindow
from ecabinet.ui.messagebar import STYLES
from ecabinet.ui.session import AppSession
from ecabinet.ui.workspace.agendaedit import Node
from ecabinet.ui.workspace.window import WorkspaceWindow
from tests.e2e.conftest import RunningServer, http_login
from tests.e2e.test_app_e2e import ARTIFACTS, WAIT, desktop_secrets
from tests.support import make_pdf

pytestmark = [pytest.mark.slow, pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)]


def start_as(
    desktop: DesktopApp, server: RunningServer, profile_dir: Path, qtbot: QtBot, user: str
) -> MainWindow:
    profile = Profile(profile_dir, secrets=desktop_secrets(profile_dir))
    desktop.profile = profile
    session = AppSession(profile, server.url, desktop.runner)
    window = desktop.start(session, (user, DEMO_PASSWORD))
    qtbot.addWidget(window)
    return window


@pytest.fixture
def delegate(tmp_path: Path) -> Iterator[Callable[[RunningServer], SyncEngine]]:
    engines: list[SyncEngine] = []

    def make(server: RunningServer) -> SyncEngine:
        profile = Profile(tmp_path / "delegate1", secrets=MemorySecrets())
        engine = SyncEngine(profile, ApiClient(server.url))
        engine.login("delegate1", DEMO_PASSWORD)
        engines.append(engine)
        return engine

    yield make
    for engine in engines:
        engine.api.close()
        engine.profile.close()


def drop_files(window: WorkspaceWindow, node: Node, *paths: Path) -> None:
    """What dropping files from the file manager on a row of the agenda does."""
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    index = window.model.index_of(node)
    assert window.model.canDropMimeData(mime, Qt.DropAction.CopyAction, -1, -1, index)
    window.model.dropMimeData(mime, Qt.DropAction.CopyAction, -1, -1, index)


def server_agenda(window: WorkspaceWindow) -> list[dict[str, Any]]:
    draft = window.controller.workspace.draft(str(window.controller.meeting_id))
    return list(draft.detail["agenda"])


def item(window: WorkspaceWindow, item_id: str) -> Node:
    """An item as the model holds it now (a reload of the draft makes new nodes)."""
    node = window.model.find_item(item_id)
    assert node is not None
    return node


def sync(engine: SyncEngine, meeting_id: str) -> None:
    """The delegate's real sync (which acknowledges complete versions to the server)."""
    report = engine.sync()
    assert report.ok
    assert any(m.meeting_id == meeting_id and m.status == "updated" for m in report.meetings)


def settled(window: WorkspaceWindow) -> bool:
    return not window.controller.busy and not window.uploads.running


def test_secretary_builds_publishes_revises_and_follows_delivery(
    qtbot: QtBot,
    run_server: Callable[..., RunningServer],
    desktop: DesktopApp,
    delegate: Callable[[RunningServer], SyncEngine],
    tmp_path: Path,
) -> None:
    server = run_server("--demo")
    main = start_as(desktop, server, tmp_path / "secretary", qtbot, "secretary")
    qtbot.waitUntil(lambda: main.workspace_action.isVisible(), timeout=WAIT)
    main.workspace_action.trigger()
    window = main.workspace.window
    assert isinstance(window, WorkspaceWindow)
    qtbot.waitUntil(lambda: window.form.picker.count() > 0, timeout=WAIT)

    # --- the meeting's facts and participants --------------------------------------------------
    window.new_meeting()
    form = window.form
    form.title.setText("Phiên họp thường kỳ tháng 12")
    form.location.setText("Phòng họp số 1")
    form.video_url.setText("zoom meeting 123")
    form.bridge_sites.setPlainText("Hà Nội\nĐà Nẵng\n")
    assert form.facts() is None and form.link_problem.isVisibleTo(form)
    form.video_url.setText("https://trueconf.example.vn/c/ky-hop-12")
    assert not form.link_problem.isVisibleTo(form)
    users = {
        form.picker.itemData(i)["username"]: form.picker.itemData(i)
        for i in range(form.picker.count())
    }
    form.add_participant(users["delegate1"])
    form.add_participant(users["delegate2"])
    form.add_participant(users["chair"], "chair")
    form.save_button.click()
    qtbot.waitUntil(lambda: window.controller.draft is not None and not form.dirty, timeout=WAIT)
    detail = window.controller.draft.detail  # type: ignore[union-attr]
    meeting_id = str(detail["id"])
    assert detail["video_url"].startswith("https://trueconf.example.vn")
    assert detail["bridge_sites"] == ["Hà Nội", "Đà Nẵng"]
    roles = {p["username"]: p["role"] for p in detail["participants"]}
    assert roles == {
        "secretary": "secretary",
        "delegate1": "delegate",
        "delegate2": "delegate",
        "chair": "chair",
    }
    qtbot.waitUntil(lambda: window.meeting_list.count() == 2, timeout=WAIT)  # and the demo's

    # --- two items, placed by drag and drop ------------------------------------------------------
    window.tabs.setCurrentWidget(window.agenda)
    model = window.model
    opening = model.add_item("Khai mạc")
    budget = model.add_item("Ngân sách năm 2027")
    model.setData(model.index_of(budget, 1), "Bộ Tài chính")
    model.setData(model.index_of(budget, 2), "45")
    model.setData(model.index_of(opening, 2), "10")
    mime = model.mimeData([model.index_of(budget)])
    assert model.dropMimeData(mime, Qt.DropAction.MoveAction, 0, 0, QModelIndex())
    assert [model.number(budget), model.number(opening)] == ["1", "2"]
    assert "55 min" in window.agenda.total.text()
    qtbot.waitUntil(lambda: settled(window), timeout=WAIT)
    assert [(i["number"], i["title"], i["duration_min"]) for i in server_agenda(window)] == [
        ("1", "Ngân sách năm 2027", 45),
        ("2", "Khai mạc", 10),
    ]

    # --- documents: a PDF dropped on an item; a corrupt one refused with the reason --------
    pdf = tmp_path / "du-toan-2027.pdf"
    pdf.write_bytes(make_pdf(3, "Dự toán ngân sách 2027"))
    broken = tmp_path / "hong.pdf"
    broken.write_bytes(b"%PDF-1.7\n1 0 obj << /Type /Catalog >> garbage, no xref\n")
    sent: list[tuple[int, int]] = []
    window.uploads.progress.connect(lambda done, total: sent.append((done, total)))
    drop_files(window, budget, pdf)
    assert window.agenda.upload_holder.isVisibleTo(window.agenda)
    qtbot.waitUntil(lambda: len(budget.documents) == 1 and settled(window), timeout=WAIT)
    first_sha = budget.documents[0].sha256
    assert server_agenda(window)[0]["documents"] == [first_sha]
    assert sent and sent[-1] == (pdf.stat().st_size, pdf.stat().st_size)
    assert not window.agenda.upload_holder.isVisibleTo(window.agenda)

    # Cancel, as the button does, before the bytes go: nothing is attached anywhere.
    def cancel_at_start(_name: str) -> None:
        window.agenda.cancel_button.click()

    window.uploads.started.connect(cancel_at_start)
    drop_files(window, opening, pdf)
    qtbot.waitUntil(lambda: "cancelled" in window.message_bar.text(), timeout=WAIT)
    qtbot.waitUntil(lambda: settled(window), timeout=WAIT)
    window.uploads.started.disconnect(cancel_at_start)
    assert opening.documents == [] and server_agenda(window)[1]["documents"] == []
    drop_files(window, opening, broken)
    qtbot.waitUntil(lambda: "hong.pdf" in window.message_bar.text(), timeout=WAIT)
    assert "nothing was attached" in window.message_bar.text()
    qtbot.waitUntil(lambda: settled(window), timeout=WAIT)
    assert opening.documents == [] and server_agenda(window)[1]["documents"] == []

    # --- preview as a participant, then publish --------------------------------------------------
    dialog = window.preview()
    assert dialog is not None
    qtbot.waitUntil(lambda: dialog.manifest is not None, timeout=WAIT)
    assert [i["title"] for i in dialog.manifest["agenda"]] == ["Ngân sách năm 2027", "Khai mạc"]  # type: ignore[index]
    assert list(dialog.manifest["documents"]) == [first_sha]  # type: ignore[index]
    dialog.close()
    window.publish("Bản đầu tiên")
    qtbot.waitUntil(lambda: "Published version 1" in window.message_bar.text(), timeout=WAIT)
    qtbot.waitUntil(lambda: "published version 1" in window.heading.text(), timeout=WAIT)
    window.publish("Không có gì mới")
    qtbot.waitUntil(lambda: "nothing new to publish" in window.message_bar.text(), timeout=WAIT)
    assert STYLES["info"] in window.message_bar.styleSheet()  # a notice, not an error

    # --- delivery: the delegate's client syncs, the table says so --------------------------------
    window.tabs.setCurrentWidget(window.delivery)
    qtbot.waitUntil(lambda: window.delivery.status is not None, timeout=WAIT)
    delegate_id = next(p["user_id"] for p in detail["participants"] if p["username"] == "delegate1")
    assert not window.delivery.has_current(delegate_id)
    engine = delegate(server)
    sync(engine, meeting_id)
    qtbot.waitUntil(lambda: window.delivery.has_current(delegate_id), timeout=WAIT)

    # --- revise the document by dropping a replacement on it -------------------------------------
    window.tabs.setCurrentWidget(window.agenda)
    budget, opening = item(window, budget.id), item(window, opening.id)
    revised = tmp_path / "du-toan-2027-sua.pdf"
    revised.write_bytes(make_pdf(4, "Dự toán ngân sách 2027 (sửa)"))
    drop_files(window, budget.documents[0], revised)
    qtbot.waitUntil(
        lambda: (
            bool(budget.documents) and budget.documents[0].sha256 != first_sha and settled(window)
        ),
        timeout=WAIT,
    )
    new_sha = budget.documents[0].sha256
    assert server_agenda(window)[0]["documents"] == [new_sha]
    window.publish("Thay dự toán: số liệu trang 4")
    qtbot.waitUntil(lambda: "Published version 2" in window.message_bar.text(), timeout=WAIT)
    qtbot.waitUntil(
        lambda: (
            window.delivery.status is not None
            and window.delivery.status.get("packet_version") == 2
            and not window.delivery.has_current(delegate_id)
        ),
        timeout=WAIT,
    )
    sync(engine, meeting_id)
    manifest = engine.profile.manifest(meeting_id)
    assert manifest is not None and list(manifest["documents"]) == [new_sha]
    assert manifest["note"] == "Thay dự toán: số liệu trang 4"
    qtbot.waitUntil(lambda: window.delivery.has_current(delegate_id), timeout=WAIT)

    ARTIFACTS.mkdir(exist_ok=True)
    window.tabs.setCurrentWidget(window.agenda)
    budget, opening = item(window, budget.id), item(window, opening.id)
    window.agenda.select(budget)
    qtbot.wait(200)
    window.grab().save(str(ARTIFACTS / "workspace-agenda-en.png"))
    window.tabs.setCurrentWidget(window.delivery)
    qtbot.wait(100)
    window.grab().save(str(ARTIFACTS / "workspace-delivery-en.png"))

    # --- a conflicting edit: another secretary's client edits first ------------------------------
    window.tabs.setCurrentWidget(window.form)
    form.location.setText("Phòng họp số 2 (đổi)")
    form.location.textEdited.emit(form.location.text())
    assert form.dirty
    with http_login(server, "secretary") as http:
        token = str(http.headers["Authorization"]).split()[1]
    other = ApiClient(server.url, token=token)
    second = Workspace(other)
    theirs = second.draft(meeting_id)
    items = theirs.detail["agenda"]
    items = [
        {k: v for k, v in item.items() if k != "number"} | {"children": []} for item in items
    ] + [{"title": "Kiến nghị của cử tri"}]
    second.set_agenda(meeting_id, items, theirs.revision)
    window.tabs.setCurrentWidget(window.agenda)
    opening = item(window, opening.id)
    model.setData(model.index_of(opening, 1), "Chủ tọa")  # based on the older draft
    qtbot.waitUntil(lambda: "changed the draft" in window.message_bar.text(), timeout=WAIT)
    assert "press Save again" in window.message_bar.text()
    qtbot.waitUntil(
        lambda: (
            [n.title for n in model.all_items()]
            == ["Ngân sách năm 2027", "Khai mạc", "Kiến nghị của cử tri"]
        ),
        timeout=WAIT,
    )
    reloaded = model.find_item(opening.id)
    assert reloaded is not None and reloaded.presenter == ""  # the refused edit did not happen
    assert form.location.text() == "Phòng họp số 2 (đổi)" and form.dirty  # typed text kept
    window.tabs.setCurrentWidget(window.form)
    qtbot.wait(100)
    window.grab().save(str(ARTIFACTS / "workspace-conflict-en.png"))
    form.save_button.click()
    qtbot.waitUntil(lambda: not form.dirty and settled(window), timeout=WAIT)
    assert second.draft(meeting_id).detail["location"] == "Phòng họp số 2 (đổi)"
    other.close()

    # --- a confidential item: cleared for nobody is refused; the preview follows clearances ------
    window.tabs.setCurrentWidget(window.agenda)
    window.agenda.select(item(window, opening.id))
    panel = window.agenda.details
    panel.confidential.setChecked(True)  # cleared for nobody yet
    qtbot.waitUntil(lambda: settled(window), timeout=WAIT)
    assert server_agenda(window)[1]["confidential"] is True
    window.publish("Mục mật")
    qtbot.waitUntil(lambda: "cleared for no" in window.message_bar.text(), timeout=WAIT)
    qtbot.waitUntil(lambda: settled(window), timeout=WAIT)  # the draft was read again
    chair_id = next(p["user_id"] for p in detail["participants"] if p["username"] == "chair")
    rows = {
        panel.cleared.item(i).data(Qt.ItemDataRole.UserRole): i
        for i in range(panel.cleared.count())
    }
    panel.cleared.item(rows[chair_id]).setCheckState(Qt.CheckState.Checked)
    qtbot.waitUntil(lambda: settled(window), timeout=WAIT)
    assert server_agenda(window)[1]["cleared"] == [chair_id]
    assert panel.node is not None and panel.node.cleared == [chair_id]
    assert window.message_bar.text() == ""  # the refusal was acted on; it no longer holds
    # Renamed and previewed at once: the preview is read after the edit has landed.
    model.setData(model.index_of(item(window, budget.id)), "Ngân sách 2027 (dự thảo 2)")
    dialog = window.preview()
    assert dialog is not None
    dialog.who.setCurrentIndex(dialog.who.findData(delegate_id))
    qtbot.waitUntil(
        lambda: dialog.manifest is not None and dialog.manifest.get("recipient") == delegate_id,
        timeout=WAIT,
    )
    titles = [i["title"] for i in dialog.manifest["agenda"]]  # type: ignore[index]
    assert titles == ["Ngân sách 2027 (dự thảo 2)", "Kiến nghị của cử tri"]
    dialog.who.setCurrentIndex(dialog.who.findData(chair_id))
    qtbot.waitUntil(
        lambda: dialog.manifest is not None and dialog.manifest.get("recipient") == chair_id,
        timeout=WAIT,
    )
    assert "Khai mạc" in [i["title"] for i in dialog.manifest["agenda"]]  # type: ignore[index]
    qtbot.wait(100)
    dialog.grab().save(str(ARTIFACTS / "workspace-preview-en.png"))
    dialog.close()

    main.language_actions["vi"].trigger()
    window.tabs.setCurrentWidget(window.agenda)
    qtbot.wait(200)
    window.grab().save(str(ARTIFACTS / "workspace-agenda-vi.png"))


RTF = rb"""{\rtf1\ansi\deff0{\fonttbl{\f0 Arial;}}\f0\fs24 Bao cao tong hop quy IV\par}"""


def test_office_files_are_converted_or_refused_plainly(
    qtbot: QtBot,
    run_server: Callable[..., RunningServer],
    desktop: DesktopApp,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    server = run_server("--demo")
    main = start_as(desktop, server, tmp_path / "secretary", qtbot, "secretary")
    qtbot.waitUntil(lambda: main.workspace_action.isVisible(), timeout=WAIT)
    window = main.workspace.show_workspace()
    assert window is not None
    with http_login(server, "secretary") as http:
        token = str(http.headers["Authorization"]).split()[1]
    api = ApiClient(server.url, token=token)
    created = Workspace(api).create_meeting(
        {"title": "Họp giao ban", "starts_at": "2026-12-10T08:00:00+07:00"}
    )
    api.close()
    meeting_id = str(created.detail["id"])
    window.controller.load_meetings()
    qtbot.waitUntil(lambda: window.meeting_list.count() == 2, timeout=WAIT)
    window.open_meeting(meeting_id)
    qtbot.waitUntil(lambda: window.controller.draft is not None and settled(window), timeout=WAIT)
    node = window.model.add_item("Báo cáo quý IV")
    report = tmp_path / "bao-cao-quy-4.rtf"
    report.write_bytes(RTF)

    # Without LibreOffice: said plainly, nothing attached.
    monkeypatch.setenv("ECABINET_SOFFICE", str(tmp_path / "no-such-soffice"))
    drop_files(window, node, report)
    qtbot.waitUntil(
        lambda: "LibreOffice is not installed" in window.message_bar.text(), timeout=WAIT
    )
    assert "bao-cao-quy-4.rtf" in window.message_bar.text()
    qtbot.waitUntil(lambda: settled(window), timeout=WAIT)
    assert node.documents == [] and server_agenda(window)[0]["documents"] == []

    # An unsupported file: refused before anything is sent.
    notes = tmp_path / "ghi-chu.txt"
    notes.write_text("ghi chú")
    drop_files(window, node, notes)
    qtbot.waitUntil(lambda: "ghi-chu.txt" in window.message_bar.text(), timeout=WAIT)
    assert "nothing was attached" in window.message_bar.text()

    monkeypatch.delenv("ECABINET_SOFFICE")
    if find_soffice() is None:
        pytest.skip("LibreOffice is not installed here: conversion itself is not tried")
    window.message_bar.hide()
    drop_files(window, node, report)
    qtbot.waitUntil(lambda: bool(node.documents) and settled(window), timeout=180_000)
    document = node.documents[0]
    assert document.title == "bao-cao-quy-4" and document.pages == 1
    assert server_agenda(window)[0]["documents"] == [document.sha256]
    assert window.message_bar.text() == ""
