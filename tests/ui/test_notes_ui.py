"""Making notes in the reader: marks on the selection, sticky notes, bookmarks, undo."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from ecabinet.client.annotations import AnnotationBook
from ecabinet.client.profile import Profile
from ecabinet.client.secrets import MemorySecrets
from ecabinet.core.anchoring import Quote
from ecabinet.core.annotations import Note
from ecabinet.ui.bridge import GuiBridge, TaskRunner
from ecabinet.ui.notes import NotesService
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
