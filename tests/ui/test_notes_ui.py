"""Making notes in the reader: marks on the selection, sticky notes, bookmarks, undo."""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QPointF, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from ecabinet.client.annotations import AnnotationBook
from ecabinet.client.profile import Profile
from ecabinet.client.secrets import MemorySecrets
from ecabinet.core.anchoring import Quote
from ecabinet.core.annotations import Note
from ecabinet.ui.bridge import GuiBridge, TaskRunner
from ecabinet.ui.notes import NotesService
from ecabinet.ui.viewer import DocumentView
from tests.ui.conftest import WAIT_MS, OpenView, drag_select, viewport_point, wait_ready

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"


@pytest.fixture
def service(tmp_path: Path) -> Iterator[NotesService]:
    profile = Profile(tmp_path / "profile", secrets=MemorySecrets())
    runner = TaskRunner(GuiBridge())
    yield NotesService(AnnotationBook(profile), runner)
    runner.shutdown()
    profile.close()


def test_marks_and_notes_are_made_shown_deleted_and_undone(
    qtbot: QtBot, open_view: OpenView, service: NotesService, sample_pdf: bytes
) -> None:
    sha = hashlib.sha256(sample_pdf).hexdigest()
    view = open_view(sample_pdf, notes=service, document=sha)
    wait_ready(qtbot, view)
    start = drag_select(qtbot, view, "Alpha", "Charlie")
    words = {w[4]: w for w in view.loader.words[0]}
    alpha = words["Alpha"]
    viewport = view.canvas.viewport()
    tools = view.note_tools
    assert tools is not None
    tools.colour = "#58b4ff"
    tools.mark_selection("highlight")
    qtbot.waitUntil(lambda: len(view.canvas.marks()) == 1, timeout=WAIT_MS)
    (mark,) = view.canvas.marks()
    assert (mark.kind, mark.page, mark.colour, len(mark.rects)) == ("highlight", 0, "#58b4ff", 1)
    stored = service.book.notes(sha)[0]
    assert stored.note.quote is not None and stored.note.quote.text == "Alpha Bravo Charlie"
    assert stored.note.quote.after.startswith("Delta")
    # The highlight is painted in its colour over the words.
    image = viewport.grab().toImage()
    colour = image.pixelColor(
        viewport_point(view, 0, words["Bravo"][0] + 3, (alpha[1] + alpha[3]) / 2)
    )
    assert colour.blue() > colour.red()
    assert view.canvas.mark_under(start.toPointF()) == mark

    tools.edit(mark.id, "Xem lại", "#ff7fbf")  # text and colour, as a signed revision
    qtbot.waitUntil(lambda: view.canvas.marks()[0].colour == "#ff7fbf", timeout=WAIT_MS)
    assert service.book.notes(sha)[0].revisions == 2
    tools.undo_stack.undo()
    qtbot.waitUntil(lambda: view.canvas.marks()[0].colour == "#58b4ff", timeout=WAIT_MS)
    mark = view.canvas.marks()[0]
    tools.bookmark(1)
    qtbot.waitUntil(lambda: len(view.canvas.marks()) == 2, timeout=WAIT_MS)
    tools.delete(mark.id)
    qtbot.waitUntil(lambda: len(view.canvas.marks()) == 1, timeout=WAIT_MS)
    tools.undo_stack.undo()  # the deletion: the highlight comes back, as a new note
    qtbot.waitUntil(lambda: len(view.canvas.marks()) == 2, timeout=WAIT_MS)
    assert {m.kind for m in view.canvas.marks()} == {"highlight", "bookmark"}
    tools.undo_stack.undo()  # and again
    tools.undo_stack.undo()  # the bookmark
    qtbot.waitUntil(lambda: [m.kind for m in view.canvas.marks()] == ["highlight"], timeout=WAIT_MS)
    # Every change was signed: the deleted highlight keeps its tombstone.
    everything = service.book.notes(sha, include_deleted=True)
    assert sum(n.note.deleted for n in everything) >= 2
    assert all(n.trusted for n in everything)


def test_every_kind_of_note_is_drawn(
    qtbot: QtBot, open_view: OpenView, service: NotesService, sample_pdf: bytes
) -> None:
    sha = hashlib.sha256(sample_pdf).hexdigest()
    book = service.book
    book.add_many(
        [
            Note(
                sha,
                "highlight",
                0,
                rects=((72, 84, 330, 102),),
                quote=Quote(0, "Alpha Bravo Charlie Delta"),
            ),
            Note(
                sha,
                "underline",
                0,
                rects=((72, 110, 180, 126),),
                quote=Quote(0, "Echo Foxtrot"),
                colour="#58b4ff",
            ),
            Note(
                sha,
                "strikeout",
                0,
                rects=((190, 110, 260, 126),),
                quote=Quote(0, "x"),
                colour="#e53935",
            ),
            Note(
                sha,
                "note",
                0,
                rects=((400, 90, 400, 90),),
                body="Hỏi lại chủ tọa",
                colour="#5fd35f",
            ),
            Note(
                sha,
                "ink",
                0,
                strokes=(((80, 200), (150, 260), (220, 205), (300, 270)),),
                colour="#ff7fbf",
            ),
            Note(sha, "bookmark", 0, colour="#e53935"),
        ]
    )
    view = open_view(sample_pdf, notes=service, document=sha)
    wait_ready(qtbot, view)
    qtbot.waitUntil(lambda: len(view.canvas.marks()) == 6, timeout=WAIT_MS)
    qtbot.wait(100)
    image = view.canvas.viewport().grab().toImage()
    middle = viewport_point(view, 0, 115, 230)  # halfway along the first segment
    around = [
        image.pixelColor(middle.x() + dx, middle.y() + dy)
        for dx in range(-3, 4)
        for dy in range(-3, 4)
    ]
    assert any(c.red() > 200 and c.green() < 180 for c in around)  # the pink stroke
    ARTIFACTS.mkdir(exist_ok=True)
    view.grab().save(str(ARTIFACTS / "reader-notes.png"))


def drag_ink(
    qtbot: QtBot, view: DocumentView, page: int, points: list[tuple[float, float]]
) -> None:
    """Draw with the pen through page points ``points`` of ``page``, as a mouse would."""
    viewport = view.canvas.viewport()
    at = [viewport_point(view, page, x, y) for x, y in points]
    qtbot.mousePress(viewport, Qt.MouseButton.LeftButton, pos=at[0])
    for point in at[1:]:
        event = QMouseEvent(
            QEvent.Type.MouseMove,
            QPointF(point),
            QPointF(viewport.mapToGlobal(point)),
            Qt.MouseButton.NoButton,
            Qt.MouseButton.LeftButton,
            Qt.KeyboardModifier.NoModifier,
        )
        QApplication.sendEvent(viewport, event)
    qtbot.mouseRelease(viewport, Qt.MouseButton.LeftButton, pos=at[-1])


def test_freehand_ink_is_drawn_kept_undone_deleted_and_verified(
    qtbot: QtBot,
    open_view: OpenView,
    service: NotesService,
    sample_pdf: bytes,
    tmp_path: Path,
) -> None:
    sha = hashlib.sha256(sample_pdf).hexdigest()
    view = open_view(sample_pdf, notes=service, document=sha)
    wait_ready(qtbot, view)
    qtbot.waitUntil(lambda: 0 in view.loader.words, timeout=WAIT_MS)
    tools = view.note_tools
    assert tools is not None
    assert tools.ink_action in view.toolbar.actions()
    tools.set_colour("#58b4ff")
    tools.set_ink_width(4.0)
    tools.ink_action.trigger()
    assert view.canvas.pen is not None and view.canvas.pen.width == 4.0
    stroke = [(100.0, 200.0), (140.0, 240.0), (180.0, 210.0), (240.0, 260.0)]
    drag_ink(qtbot, view, 0, stroke)
    qtbot.waitUntil(lambda: len(view.canvas.marks()) == 1, timeout=WAIT_MS)
    (mark,) = view.canvas.marks()
    assert (mark.kind, mark.colour, mark.width) == ("ink", "#58b4ff", 4.0)
    (kept,) = service.book.notes(sha)
    assert kept.trusted and kept.note.width == 4.0
    (points,) = kept.note.strokes
    # Every point the mouse passed, in page points (a pixel or two of rounding).
    assert len(points) >= len(stroke)
    for x, y in stroke:
        assert min(abs(px - x) + abs(py - y) for px, py in points) < 3
    # It holds on to the words nearest to it, to follow a revised document.
    assert kept.note.quote is not None and kept.note.quote.text
    # Painted in its colour along the stroke, and found there — not elsewhere in its box.
    qtbot.wait(50)
    image = view.canvas.viewport().grab().toImage()
    on_line = viewport_point(view, 0, 120, 220)  # halfway along the first segment
    colours = [
        image.pixelColor(on_line.x() + dx, on_line.y() + dy)
        for dx in (-1, 0, 1)
        for dy in (-1, 0, 1)
    ]
    assert any(c.blue() > 200 and c.red() < 150 for c in colours)
    assert view.canvas.mark_under(QPointF(on_line)) == mark
    assert view.canvas.mark_under(QPointF(viewport_point(view, 0, 230, 205))) is None
    ARTIFACTS.mkdir(exist_ok=True)
    view.grab().save(str(ARTIFACTS / "reader-ink.png"))

    tools.undo_stack.undo()
    qtbot.waitUntil(lambda: view.canvas.marks() == [], timeout=WAIT_MS)
    tools.undo_stack.redo()
    qtbot.waitUntil(lambda: len(view.canvas.marks()) == 1, timeout=WAIT_MS)
    again = view.canvas.marks()[0]
    assert again.strokes == mark.strokes and again.id != mark.id
    # The pen put down (Escape), a drag selects words again.
    qtbot.keyClick(view.canvas, Qt.Key.Key_Escape)
    assert view.canvas.pen is None and not tools.ink_action.isChecked()
    drag_select(qtbot, view, "Alpha", "Bravo")
    assert view.canvas.selection is not None
    tools.delete(again.id)
    qtbot.waitUntil(lambda: view.canvas.marks() == [], timeout=WAIT_MS)
    tools.undo_stack.undo()  # the deletion undone: the drawing is back
    qtbot.waitUntil(lambda: len(view.canvas.marks()) == 1, timeout=WAIT_MS)

    # Kept signed: every revision of every drawing checks out with `ecabinet verify`.
    everything = service.book.notes(sha, include_deleted=True)
    assert [n.note.kind for n in everything] == ["ink"] * len(everything)
    # Drawn, made again by the redo, made again by undoing its deletion: two tombstones.
    assert all(n.trusted for n in everything) and len(everything) == 3
    assert sum(n.note.deleted for n in everything) == 2
    bundle = tmp_path / "ink.json"
    bundle.write_text(
        json.dumps(service.book.export_bundle([n.id for n in everything]), ensure_ascii=False),
        "utf-8",
    )
    checked = subprocess.run(
        [sys.executable, "-m", "ecabinet", "verify", str(bundle)],
        capture_output=True,
        text=True,
        check=False,
        cwd=ARTIFACTS.parent,
    )
    assert checked.returncode == 0, checked.stderr
    assert "3 notes" in checked.stdout
