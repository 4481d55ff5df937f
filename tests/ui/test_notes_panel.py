"""The notes in the main window: the panel (scope, filters, jump), exports, older versions and
the summary after a revision — on a real profile, with the real render worker."""

from __future__ import annotations

import base64
import hashlib
import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pymupdf
import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from ecabinet.client import exports, outbox
from ecabinet.client.backup import BACKUP_KEY
from ecabinet.client.profile import Profile
from ecabinet.client.secrets import MemorySecrets
from ecabinet.client.store import AnnotationRevision, OutboxEntry, utcnow
from ecabinet.client.sync import SyncReport
from ecabinet.core.anchoring import Quote
from ecabinet.core.annotations import Note
from ecabinet.ui import notesui, prefs
from ecabinet.ui.bridge import GuiBridge, TaskRunner
from ecabinet.ui.i18n import Translations
from ecabinet.ui.mainwindow import MainWindow
from ecabinet.ui.notesmodel import NoteRole
from ecabinet.ui.notespanel import DOCUMENT, MEETING
from ecabinet.ui.session import AppSession
from ecabinet.ui.viewer.documentview import DocumentView
from ecabinet.ui.viewer.hub import RenderHub
from tests.client.test_carryover import NEW, OLD, find, text_of
from tests.support import add_local_meeting, make_text_pdf, says
from tests.ui.conftest import WAIT_MS

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
ROOT = Path(__file__).resolve().parents[2]
OLDER = make_text_pdf(["Bản dự thảo cũ: nội dung đã bị thay thế hoàn toàn trong bản mới."])


class Desk:
    """A main window on a profile that never reaches a server (reading and notes only)."""

    def __init__(self, window: MainWindow, profile: Profile) -> None:
        self.window = window
        self.profile = profile
        self.book = window.session.notes.book
        self.ui = window.notes_ui
        self.panel = window.notes_ui.panel

    def view(self) -> DocumentView | None:
        view = self.window.tabs.currentWidget()
        return view if isinstance(view, DocumentView) else None


class Desks:
    """Makes the desk once the test has put its meetings on :attr:`profile`."""

    def __init__(self, qtbot: QtBot, hub: RenderHub, tmp_path: Path) -> None:
        self.qtbot, self.hub, self.tmp_path = qtbot, hub, tmp_path
        self.profile = Profile(tmp_path / "profile", secrets=MemorySecrets())
        self.opened: list[tuple[MainWindow, AppSession, TaskRunner, Translations]] = []

    def __call__(self) -> Desk:
        translations = Translations()
        translations.install("en")
        runner = TaskRunner(GuiBridge())
        session = AppSession(self.profile, "http://127.0.0.1:9", runner)  # never reached here
        ini = str(self.tmp_path / "ui.ini")
        settings = prefs.Prefs(QSettings(ini, QSettings.Format.IniFormat))
        window = MainWindow(session, self.hub, settings, translations)
        self.qtbot.addWidget(window)
        window.resize(1400, 860)
        window.show()
        session.load_meetings()
        self.qtbot.waitUntil(lambda: window.meetings.rowCount() > 0, timeout=WAIT_MS)
        self.opened.append((window, session, runner, translations))
        return Desk(window, self.profile)

    def close(self) -> None:
        for window, session, runner, translations in self.opened:
            window.close()
            session.close()
            runner.shutdown()
            translations.uninstall()
        self.profile.close()


@pytest.fixture
def desk(qtbot: QtBot, hub: RenderHub, tmp_path: Path) -> Iterator[Desks]:
    desks = Desks(qtbot, hub, tmp_path)
    yield desks
    desks.close()


def displayed(desk: Desk) -> dict[str, str]:
    """Each listed note's text as the panel shows it, by note id."""
    shown: dict[str, str] = {}
    model = desk.panel.filter
    for group in range(model.rowCount()):
        parent = model.index(group, 0)
        for row in range(model.rowCount(parent)):
            index = model.index(row, 0, parent)
            shown[index.data(NoteRole).loaded.id] = index.data()
    return shown


def rows_text(desk: Desk) -> list[str]:
    return [f"{r.loaded.note.kind}:{r.loaded.note.page}" for r in desk.panel.shown()]


def test_the_panel_lists_filters_and_jumps_to_notes_of_every_version(
    qtbot: QtBot, desk: Desks, sample_pdf: bytes
) -> None:
    profile = desk.profile
    old = add_local_meeting(profile, "m1", "Kỳ họp thứ 12", {"Báo cáo": OLDER})["Báo cáo"]
    sha = add_local_meeting(profile, "m1", "Kỳ họp thứ 12", {"Báo cáo": sample_pdf}, version=2)[
        "Báo cáo"
    ]
    d = desk()
    book = d.book
    ids = book.add_many(
        [
            Note(sha, "highlight", 0, rects=((72, 84, 330, 102),), quote=Quote(0, "Alpha Bravo")),
            Note(
                sha,
                "underline",
                0,
                rects=((72, 110, 180, 126),),
                quote=Quote(0, "Echo Foxtrot"),
                colour="#58b4ff",
            ),
            Note(sha, "note", 1, rects=((300, 480, 300, 480),), body="Hỏi lại chủ tọa"),
            Note(
                sha,
                "ink",
                4,
                rects=((60, 60, 200, 120),),
                strokes=(((60, 60), (120, 120), (200, 70)),),
                colour="#ff7fbf",
                width=3.0,
            ),
            Note(sha, "bookmark", 5, colour="#e53935"),
            Note(sha, "note", 2, rects=((100, 100, 100, 100),), body="Đồng ý", colour="#5fd35f"),
            Note(old, "highlight", 0, rects=((72, 72, 300, 86),), quote=Quote(0, "Bản dự thảo")),
        ]
    )
    tampered, orphan = ids[5], ids[6]
    book.set_orphaned(orphan, sha)
    with profile.store.session() as session:
        row = session.scalars(
            select(AnnotationRevision).where(AnnotationRevision.note_id == tampered)
        ).one()
        row.record = row.record.replace("Đồng ý", "Phản đối")

    d.ui.show_panel()
    qtbot.waitUntil(lambda: len(d.panel.shown()) == 7, timeout=WAIT_MS)
    # No document open: the whole meeting, current version first, the older one last.
    assert d.panel.scope.currentData() == MEETING
    assert rows_text(d) == [
        "highlight:0",
        "underline:0",
        "note:1",
        "note:2",
        "ink:4",
        "bookmark:5",
        "highlight:0",
    ]
    assert [r.current for r in d.panel.shown()][-2:] == [True, False]
    status = d.panel.status.text()
    assert says(status, "7 note") and "1 changed outside ecabinet" in status
    assert "1 on an older version" in status
    texts = displayed(d)
    assert "Changed outside ecabinet" in texts[tampered]
    assert "Could not be placed on the new version" in texts[orphan]
    # Under their documents: the current version, then the older one.
    documents = [d.panel.filter.index(r, 0).data() for r in range(d.panel.filter.rowCount())]
    assert len(documents) == 2 and says(documents[0], "Báo cáo</b> — 6 note")
    assert "Báo cáo (older version)</b>" in documents[1]
    assert "Hỏi lại chủ tọa" in texts[ids[2]] and "Alpha Bravo" in texts[ids[0]]

    d.panel.set_filter("note", None)
    assert rows_text(d) == ["note:1", "note:2"]
    d.panel.set_filter(None, "#58b4ff")
    assert rows_text(d) == ["underline:0"]
    assert "(1 shown)" in d.panel.status.text()
    d.panel.set_filter("highlight", "#ffd400")
    assert rows_text(d) == ["highlight:0", "highlight:0"]
    d.panel.set_filter("ink", "#ffd400")
    assert rows_text(d) == []
    d.panel.set_filter(None, None)
    ARTIFACTS.mkdir(exist_ok=True)

    # A click turns to the note and makes it blink.
    first = d.panel.filter.index(0, 0)
    index = d.panel.filter.index(2, 0, first)  # the sticky note on page 2
    rect = d.panel.tree.visualRect(index)
    qtbot.mouseClick(d.panel.tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.waitUntil(lambda: d.view() is not None, timeout=WAIT_MS)
    view = d.view()
    assert view is not None and view.property("sha256") == sha
    qtbot.waitUntil(lambda: view.canvas.flashing == ids[2], timeout=WAIT_MS)
    assert view.canvas.current_page == 1
    qtbot.waitUntil(lambda: 1 in view.painted_pages(), timeout=WAIT_MS)
    qtbot.waitUntil(lambda: len(view.canvas.marks()) == 6, timeout=WAIT_MS)
    d.window.grab().save(str(ARTIFACTS / "notes-panel.png"))
    qtbot.waitUntil(lambda: view.canvas.flashing is None, timeout=WAIT_MS)  # it stops

    # With a document open, the panel keeps to it, unless asked for the whole meeting.
    assert d.panel.scope.currentData() == DOCUMENT
    qtbot.waitUntil(lambda: len(d.panel.shown()) == 6, timeout=WAIT_MS)
    d.panel.set_scope(MEETING)
    qtbot.waitUntil(lambda: len(d.panel.shown()) == 7, timeout=WAIT_MS)

    # The orphan opens the older version, read-only, with a banner saying why.
    d.ui.go_to_note(d.panel.shown()[-1])
    qtbot.waitUntil(lambda: d.view() is not view and d.view() is not None, timeout=WAIT_MS)
    older = d.view()
    assert older is not None and older.property("older") is True
    assert older.property("sha256") == old
    assert "older version" in older.banner.text()
    assert says(older.banner.text(), "1 note could not be placed")
    assert older.note_tools is not None and not older.canvas.annotations_enabled
    qtbot.waitUntil(lambda: older.canvas.flashing == orphan, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: len(older.canvas.marks()) == 1, timeout=WAIT_MS)
    assert "(older version)" in d.window.tabs.tabText(d.window.tabs.currentIndex())


def test_exports_write_whole_files_or_say_why_not(
    qtbot: QtBot,
    desk: Desks,
    sample_pdf: bytes,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    profile = desk.profile
    sha = add_local_meeting(profile, "m1", "Kỳ họp", {"Báo cáo": sample_pdf})["Báo cáo"]
    d = desk()
    d.book.add_many(
        [
            Note(sha, "highlight", 0, rects=((72, 84, 330, 102),), quote=Quote(0, "Alpha Bravo")),
            Note(
                sha,
                "ink",
                0,
                rects=((80, 200, 300, 270),),
                strokes=(((80, 200), (150, 260), (300, 270)),),
                colour="#ff7fbf",
                width=4.0,
            ),
            Note(sha, "note", 1, rects=((300, 480, 300, 480),), body="Hỏi lại chủ tọa"),
        ]
    )
    d.window.open_document("m1", sha, "Báo cáo")
    qtbot.waitUntil(lambda: d.view() is not None, timeout=WAIT_MS)
    view = d.view()
    assert view is not None

    pdf = tmp_path / "out" / "Báo cáo (with notes).pdf"
    pdf.parent.mkdir()
    d.ui.export_pdf(view, pdf)
    qtbot.waitUntil(lambda: "Saved" in d.window.message_bar.text(), timeout=60_000)
    assert says(d.window.message_bar.text(), "with 3 note")
    with pymupdf.open(pdf) as doc:
        page = doc[0]
        first = {a.type[1]: a.border.get("width") for a in page.annots()}
        assert set(first) == {"Highlight", "Ink"}
        assert first["Ink"] == pytest.approx(4.0)
        page = doc[1]
        assert [a.info["content"] for a in page.annots()] == ["Hỏi lại chủ tọa"]
    assert list(pdf.parent.iterdir()) == [pdf]  # no temporary file left

    bundle = tmp_path / "out" / "notes.json"
    d.ui.export_bundle(bundle)
    qtbot.waitUntil(lambda: "notes.json" in d.window.message_bar.text(), timeout=WAIT_MS)
    checked = subprocess.run(
        [sys.executable, "-m", "ecabinet", "verify", str(bundle)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    )
    assert checked.returncode == 0, checked.stderr
    assert "annotation bundle: 3 notes" in checked.stdout

    # A folder that is not there: said plainly, nothing written.
    missing = tmp_path / "gone" / "copy.pdf"
    d.ui.export_pdf(view, missing)
    qtbot.waitUntil(lambda: "failed" in d.window.message_bar.text(), timeout=60_000)
    assert "does not exist" in d.window.message_bar.text()
    assert not missing.parent.exists()

    # A disk that fills up half-way: the older file of that name stays as it was.
    def full_disk(handle: int, mode: str) -> object:
        real = open(handle, mode)  # noqa: SIM115 - handed back to the caller's with block

        class HalfWay:
            def __enter__(self) -> HalfWay:
                return self

            def __exit__(self, *exc: object) -> None:
                real.close()

            def write(self, data: bytes) -> int:
                real.write(data[: len(data) // 2])
                raise OSError(28, "No space left on device")

            def flush(self) -> None:
                real.flush()

            def fileno(self) -> int:
                return real.fileno()

        return HalfWay()

    before = pdf.read_bytes()
    monkeypatch.setattr(exports, "fdopen", full_disk)
    d.window.message_bar.hide()
    d.ui.export_pdf(view, pdf)
    qtbot.waitUntil(lambda: "failed" in d.window.message_bar.text(), timeout=60_000)
    assert "disk is full" in d.window.message_bar.text()
    assert pdf.read_bytes() == before
    assert sorted(p.name for p in pdf.parent.iterdir()) == sorted([pdf.name, "notes.json"])


def test_after_a_revision_a_summary_says_what_moved_and_opens_the_older_version(
    qtbot: QtBot, desk: Desks
) -> None:
    profile = desk.profile
    shas = add_local_meeting(profile, "m1", "Kỳ họp", {"Báo cáo": OLD})
    d = desk()
    old_text = text_of(OLD)

    def marked(page: int, phrase: str) -> Note:
        first, last = find(old_text, page, phrase)
        boxes = tuple(w.box for w in old_text.pages[page][first : last + 1])
        quote = old_text.quote(page, first, last)
        return Note(shas["Báo cáo"], "highlight", page, rects=boxes, quote=quote)

    moved, gone = d.book.add_many(
        [marked(1, "sắp xếp mạng lưới trường học"), marked(1, "khắc phục hậu quả")]
    )
    new_sha = add_local_meeting(profile, "m1", "Kỳ họp", {"Báo cáo": NEW}, version=2)["Báo cáo"]
    d.window.session.notes.follow_revisions()  # as after a sync
    qtbot.waitUntil(lambda: d.ui.summary is not None, timeout=60_000)
    summary = d.ui.summary
    assert summary is not None and summary.isVisible()
    shown = " ".join(label.text() for label in summary.findChildren(QLabel))
    assert says(shown, "1 note moved to the new version")
    assert says(shown, "1 note could not be placed on the new version")
    assert "packet version 2" in shown
    (button,) = summary.older_buttons
    assert "Báo cáo" in button.text() and says(button.text(), "(1 note there)")
    ARTIFACTS.mkdir(exist_ok=True)
    summary.grab().save(str(ARTIFACTS / "notes-summary.png"))
    notes = {n.id: n for n in d.book.notes(include_deleted=True)}
    assert notes[moved].note.document == new_sha and notes[gone].orphaned_by == new_sha

    button.click()
    qtbot.waitUntil(lambda: d.view() is not None, timeout=WAIT_MS)
    older = d.view()
    assert older is not None and older.property("sha256") == shas["Báo cáo"]
    assert says(older.banner.text(), "1 note could not be placed on the new one")
    qtbot.waitUntil(lambda: len(older.canvas.marks()) == 1, timeout=WAIT_MS)
    assert older.canvas.marks()[0].id == gone
    # It opens where the note stayed (page 2), and the note blinks.
    qtbot.waitUntil(lambda: older.canvas.flashing == gone, timeout=WAIT_MS)
    assert older.canvas.current_page == 1
    qtbot.waitUntil(lambda: 1 in older.painted_pages(), timeout=WAIT_MS)
    d.window.grab().save(str(ARTIFACTS / "notes-older-version.png"))
    assert hashlib.sha256(OLD).hexdigest() == shas["Báo cáo"]


def test_a_refused_backup_upload_is_said_after_the_sync(qtbot: QtBot, desk: Desks) -> None:
    profile = desk.profile
    add_local_meeting(profile, "m1", "Kỳ họp", {"Báo cáo": OLDER})
    d = desk()
    profile.secrets.set(BACKUP_KEY, base64.b64encode(b"\x02" * 32).decode())
    outbox.enqueue(profile.store, "PUT", "/annotations/backup", {"item": "check"})
    with profile.store.session() as session:  # as replay_outbox keeps a refusal
        entry = session.scalars(select(OutboxEntry)).one()
        entry.done_at = utcnow()
        entry.result = json.dumps(
            {"ok": False, "code": "backup_item_exists", "message": "The backup already holds check"}
        )
    d.window.session.sync_finished.emit(SyncReport())
    qtbot.waitUntil(lambda: "refused part of your notes' backup" in d.window.message_bar.text())
    assert "already holds check" in d.window.message_bar.text()
    d.window.message_bar.hide()
    d.window.session.sync_finished.emit(SyncReport())  # said once, not after every sync
    qtbot.wait(300)
    assert d.window.message_bar.text() == ""


def test_the_export_actions_ask_where_and_write_there(
    qtbot: QtBot,
    desk: Desks,
    sample_pdf: bytes,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    sha = add_local_meeting(desk.profile, "m1", "Kỳ họp", {"Báo cáo": sample_pdf})["Báo cáo"]
    d = desk()
    d.book.add(Note(sha, "bookmark", 2, colour="#e53935", body="Xem lại"))
    d.ui.export_pdf_action.trigger()  # nothing open: said, nothing asked
    assert "Open a document first" in d.window.message_bar.text()
    asked: list[str] = []
    target = tmp_path / "chosen.json"

    def choose(parent: object, caption: str, suggested: str, kinds: str) -> tuple[str, str]:
        asked.append(suggested)
        return str(target), kinds

    monkeypatch.setattr(notesui.QFileDialog, "getSaveFileName", choose)
    d.ui.export_bundle_action.trigger()  # no document open: the meeting's notes
    qtbot.waitUntil(target.exists, timeout=WAIT_MS)
    assert asked[-1].endswith("Kỳ họp (signed notes).json")
    assert len(json.loads(target.read_text("utf-8"))["annotation_bundle"]["notes"]) == 1
    d.window.open_document("m1", sha, "Báo cáo")
    qtbot.waitUntil(lambda: d.view() is not None, timeout=WAIT_MS)
    target = tmp_path / "chosen.pdf"
    d.ui.export_pdf_action.trigger()
    qtbot.waitUntil(target.exists, timeout=60_000)
    assert asked[-1].endswith("Báo cáo (with notes).pdf")
    with pymupdf.open(target) as doc:
        assert doc.get_toc() == [[1, "Xem lại", 3]]
