"""Fixtures for the widget tests: a render hub per test, document views, and leak checks.

Every test that uses ``hub`` ends with the worker process gone and the service's threads
stopped; every view made by ``open_view`` is closed at the end and must leave no timer
running (napari's ``dangling_qthreads`` idea, for our timers).
"""

from __future__ import annotations

import multiprocessing
import threading
from collections.abc import Callable, Iterator

import pymupdf
import pytest
from PySide6.QtCore import QPoint, Qt, QTimer
from pytestqt.qtbot import QtBot

from ecabinet.ui.notes import NotesService
from ecabinet.ui.viewer import DocumentView, RenderHub

QUORUM = "quorum"
"""The word the sample PDF has on its pages 2 and 5 (indices 1 and 4), and nowhere else."""
FIRST_LINE = "Alpha Bravo Charlie Delta"
"""The first line of the sample's first page, for selection tests."""
WAIT_MS = 15_000


def _write(page: pymupdf.Page, where: tuple[float, float], text: str, size: float = 14) -> None:
    writer = pymupdf.TextWriter(page.rect)
    writer.append(where, text, font=pymupdf.Font("notos"), fontsize=size)
    writer.write_text(page)


def make_sample_pdf() -> bytes:
    """Six pages of mixed sizes, one turned by 90°, with known words.

    0: A4 portrait, "Alpha Bravo Charlie Delta" then "Echo Foxtrot" on the next line.
    1: A4 portrait, "the quorum is reached" well down the page.
    2: A4 landscape.
    3: Letter portrait with ``/Rotate 90``: displayed 792 × 612.
    4: A5, "quorum again" near its bottom.
    5: A4 portrait, Vietnamese text.
    """
    doc = pymupdf.open()
    page = doc.new_page(width=595, height=842)
    _write(page, (72, 100), FIRST_LINE)
    _write(page, (72, 124), "Echo Foxtrot")
    page = doc.new_page(width=595, height=842)
    _write(page, (72, 500), f"Item two: the {QUORUM} is reached")
    page = doc.new_page(width=842, height=595)
    _write(page, (72, 100), "A landscape table page")
    page.draw_rect(pymupdf.Rect(100, 200, 400, 300), color=(0, 0, 1), fill=(1, 0.8, 0))
    page = doc.new_page(width=612, height=792)
    _write(page, (72, 150), "Rotated page words")
    page.set_rotation(90)
    page = doc.new_page(width=420, height=595)
    _write(page, (50, 500), f"A5 page: {QUORUM} again")
    page = doc.new_page(width=595, height=842)
    _write(page, (72, 100), "Nghị quyết về dự toán ngân sách năm 2027")
    return bytes(doc.tobytes())


@pytest.fixture(scope="session")
def sample_pdf() -> bytes:
    return make_sample_pdf()


def _render_threads() -> list[threading.Thread]:
    return [t for t in threading.enumerate() if t.name.startswith("render-")]


@pytest.fixture
def hub(qtbot: QtBot) -> Iterator[RenderHub]:
    """A render hub of its own, closed at the end: no worker process or thread may remain."""
    hub = RenderHub(cache_mb=64)
    hub.start()
    yield hub
    hub.close()
    assert multiprocessing.active_children() == []
    assert _render_threads() == []


OpenView = Callable[..., DocumentView]


@pytest.fixture
def open_view(qtbot: QtBot, hub: RenderHub) -> Iterator[OpenView]:
    """Makes shown document views; each is closed at the end and must leave no timer on."""
    views: list[DocumentView] = []

    def make(
        data: bytes,
        *,
        title: str = "Tài liệu thử",
        doc_id: str = "doc",
        on_error: Callable[[str], object] | None = None,
        notes: NotesService | None = None,
        document: str | None = None,
    ) -> DocumentView:
        view = DocumentView(hub, doc_id, data, title, notes=notes, document=document)
        if on_error is not None:
            view.error.connect(on_error)
        qtbot.addWidget(view)
        view.resize(900, 700)
        view.show()
        qtbot.waitExposed(view)
        views.append(view)
        return view

    yield make
    for view in views:
        view.close_document()
        running = [t.objectName() or repr(t) for t in view.findChildren(QTimer) if t.isActive()]
        assert running == [], f"timers left running: {running}"


def wait_ready(qtbot: QtBot, view: DocumentView) -> None:
    """Wait until the document is open and its first page painted sharp."""
    qtbot.waitUntil(lambda: 0 in view.painted_pages(), timeout=WAIT_MS)


def viewport_point(view: DocumentView, page: int, x: float, y: float) -> QPoint:
    """Where the page point ``(x, y)`` of ``page`` is in the canvas's viewport."""
    layout = view.canvas.page_layout
    assert layout is not None
    lx, ly = layout.from_page(page, x, y)
    return QPoint(
        round(lx) - view.canvas.horizontalScrollBar().value(),
        round(ly) - view.canvas.verticalScrollBar().value(),
    )


def drag_select(qtbot: QtBot, view: DocumentView, first: str, last: str) -> QPoint:
    """Drag over page 1 from word ``first`` to word ``last``; returns where the drag began."""
    qtbot.waitUntil(lambda: 0 in view.loader.words, timeout=WAIT_MS)
    words = {w[4]: w for w in view.loader.words[0]}
    a, b = words[first], words[last]
    viewport = view.canvas.viewport()
    start = viewport_point(view, 0, a[0] + 2, (a[1] + a[3]) / 2)
    end = viewport_point(view, 0, b[2] - 2, (b[1] + b[3]) / 2)
    qtbot.mousePress(viewport, Qt.MouseButton.LeftButton, pos=start)
    qtbot.mouseMove(viewport, pos=start + QPoint(20, 0))
    qtbot.mouseMove(viewport, pos=end)
    qtbot.mouseRelease(viewport, Qt.MouseButton.LeftButton, pos=end)
    return start
