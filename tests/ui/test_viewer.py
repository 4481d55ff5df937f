"""The document reader against the real render worker, on a PDF made here with PyMuPDF."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QGuiApplication, QWheelEvent
from PySide6.QtWidgets import QApplication, QComboBox, QLabel, QToolButton, QWidget
from pytestqt.qtbot import QtBot

from ecabinet.client.render import DocumentInfo
from ecabinet.ui.i18n import _Stretching
from ecabinet.ui.viewer import DocumentView, RenderHub
from ecabinet.ui.viewer.layout import FIT_PAGE, FIT_WIDTH, step_zoom
from ecabinet.ui.viewer.loader import PageLoader, Want
from tests.ui.conftest import (
    FIRST_LINE,
    QUORUM,
    WAIT_MS,
    OpenView,
    drag_select,
    viewport_point,
    wait_ready,
)


def _ctrl_wheel(view: DocumentView, at: QPoint, delta: int) -> None:
    viewport = view.canvas.viewport()
    event = QWheelEvent(
        QPointF(at),
        QPointF(viewport.mapToGlobal(at)),
        QPoint(),
        QPoint(0, delta),
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.ControlModifier,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    QApplication.sendEvent(viewport, event)


def _activate(qtbot: QtBot, view: DocumentView) -> None:
    view.activateWindow()
    qtbot.waitUntil(lambda: view.isActiveWindow(), timeout=WAIT_MS)
    view.canvas.setFocus()


def test_opens_lays_out_mixed_and_rotated_pages_and_paints_the_first(
    qtbot: QtBot, open_view: OpenView, sample_pdf: bytes
) -> None:
    view = open_view(sample_pdf)
    wait_ready(qtbot, view)

    assert view.page_count == 6
    layout = view.canvas.page_layout
    assert layout is not None
    # Fit width by default, for the widest page: the landscape A4 and the turned Letter.
    assert view.state() == {"page": 0, "zoom": FIT_WIDTH}
    assert layout.sizes[3] == (792.0, 612.0)
    widths = [rect.width for rect in layout.rects]
    assert widths[2] == max(widths) > widths[3] > widths[0] > widths[4]
    assert view.toolbar.page_box.text() == "1"
    assert "6" in view.toolbar.page_count_label.text()
    # The sharp pixels of page 0 are in the service's cache at zoom × device pixel ratio.
    scale = view.canvas.scale_for(0)
    assert scale == round(view.canvas.zoom * view.devicePixelRatioF(), 3)
    cached = view.loader.hub.service.cached(view.loader.key, 0, scale)
    assert cached is not None
    # The first line of text is dark where the words are, in a grab of the widget.
    image = view.canvas.viewport().grab().toImage()
    dark = 0
    for x in range(0, 200, 2):
        point = viewport_point(view, 0, 72 + x, 96)
        dark += image.pixelColor(point).lightness() < 128
    assert dark > 10


def test_scrolling_and_keys_change_the_page(
    qtbot: QtBot, open_view: OpenView, sample_pdf: bytes
) -> None:
    view = open_view(sample_pdf)
    wait_ready(qtbot, view)
    pages: list[int] = []
    view.page_changed.connect(pages.append)
    layout = view.canvas.page_layout
    assert layout is not None

    with qtbot.waitSignal(view.page_changed, timeout=WAIT_MS):
        view.canvas.verticalScrollBar().setValue(layout.page_top(2))
    assert pages[-1] == 2
    assert view.toolbar.page_box.text() == "3"
    qtbot.waitUntil(lambda: 2 in view.painted_pages(), timeout=WAIT_MS)

    view.canvas.setFocus()
    qtbot.keyClick(view.canvas, Qt.Key.Key_End)
    assert pages[-1] == 5
    assert view.canvas.verticalScrollBar().value() == view.canvas.verticalScrollBar().maximum()
    qtbot.keyClick(view.canvas, Qt.Key.Key_Home)
    assert pages[-1] == 0
    qtbot.keyClick(view.canvas, Qt.Key.Key_PageDown)
    assert view.canvas.verticalScrollBar().value() > 0
    qtbot.keyClick(view.canvas, Qt.Key.Key_Right)  # nothing to scroll sideways: next page
    assert view.state()["page"] == pages[-1] >= 1

    view.toolbar.page_box.setText("5")
    view.toolbar.page_box.editingFinished.emit()
    assert pages[-1] == 4


def test_requests_for_pages_scrolled_away_are_cancelled(
    qtbot: QtBot, hub: RenderHub, sample_pdf: bytes
) -> None:
    key = hub.new_key("doc")
    hub.service.open_document(key, sample_pdf)
    with qtbot.waitSignal(hub.document_ready, timeout=WAIT_MS):
        pass
    loader = PageLoader(hub, key)
    cancelled: list[int] = []
    cancel = hub.service.cancel

    def spy(request_id: int) -> None:
        cancelled.append(request_id)
        cancel(request_id)

    hub.service.cancel = spy  # type: ignore[method-assign]
    # No event is processed in between, so no result can have arrived.
    loader.want("main", [Want("render", page, 1.0, 0) for page in (0, 1)])
    first = dict(loader.pending)
    loader.want("main", [Want("render", 5, 1.0, 0)])
    assert sorted(cancelled) == sorted(first.values())
    assert set(loader.pending) == {("render", 5, 1.0)}
    # Another view's wants are kept; wanting something sooner asks again at that priority.
    loader.want("thumbnails", [Want("render", 4, 0.2, 3)])
    loader.want("main", [Want("render", 4, 0.2, 0)])
    assert set(loader.pending) == {("render", 4, 0.2)}
    qtbot.waitUntil(lambda: not loader.pending, timeout=WAIT_MS)
    assert loader.pixmap(4, 0.2) is not None
    loader.close()


def test_visible_pages_first_then_neighbours_with_a_quick_pass(
    qtbot: QtBot, open_view: OpenView, sample_pdf: bytes
) -> None:
    view = open_view(sample_pdf)
    qtbot.waitUntil(lambda: view.canvas.page_layout is not None, timeout=WAIT_MS)
    layout = view.canvas.page_layout
    assert layout is not None
    wants = view.canvas.wants(layout, range(1, 2))
    renders = {(w.page, w.priority) for w in wants if w.kind == "render"}
    sharp = view.canvas.scale_for(1)
    assert Want("render", 1, sharp, 0) in wants
    assert (0, 1) in renders and (2, 1) in renders and (3, 2) in renders
    assert Want("text", 1, 0.0, 2) in wants
    if not view.loader.has_pixels(1):
        assert any(w.page == 1 and w.scale < sharp and w.priority == 0 for w in wants)


def test_zoom_keys_modes_and_wheel(qtbot: QtBot, open_view: OpenView, sample_pdf: bytes) -> None:
    view = open_view(sample_pdf)
    wait_ready(qtbot, view)
    _activate(qtbot, view)
    fit = view.canvas.zoom

    qtbot.keyClick(view.canvas, Qt.Key.Key_Plus, Qt.KeyboardModifier.ControlModifier)
    assert view.state()["zoom"] == step_zoom(fit, 1)
    assert view.toolbar.zoom_box.currentText() == f"{step_zoom(fit, 1) * 100:.0f}%"
    qtbot.keyClick(view.canvas, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(view.canvas, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    assert view.state()["zoom"] == step_zoom(step_zoom(fit, 1), -2)
    zoomed = view.canvas.zoom

    view.toolbar.zoom_box.setCurrentIndex(view.toolbar.zoom_box.findData(FIT_PAGE))
    view.toolbar.zoom_box.activated.emit(view.toolbar.zoom_box.currentIndex())
    assert view.state()["zoom"] == FIT_PAGE
    layout = view.canvas.page_layout
    assert layout is not None
    viewport = view.canvas.viewport()
    assert all(r.height <= viewport.height() and r.width <= viewport.width() for r in layout.rects)
    # A new sharp rendering at the new scale arrives.
    scale = view.canvas.scale_for(0)

    def sharp() -> bool:
        image = view.loader.pixmap(0, scale)
        return image is not None and image[1] == scale

    qtbot.waitUntil(sharp, timeout=WAIT_MS)

    view.toolbar.zoom_box.setEditText("200 %")
    view.toolbar.zoom_box.lineEdit().editingFinished.emit()  # type: ignore[union-attr]
    assert view.canvas.zoom == 2.0
    _ctrl_wheel(view, QPoint(40, 40), -120)
    assert view.canvas.zoom == step_zoom(2.0, -1)
    _ctrl_wheel(view, QPoint(40, 40), 60)  # half a notch (a touchpad) does nothing yet
    assert view.canvas.zoom == step_zoom(2.0, -1)
    assert zoomed != view.canvas.zoom
    view.toolbar.zoom_box.setEditText("nonsense")
    view.toolbar.zoom_box.lineEdit().editingFinished.emit()  # type: ignore[union-attr]
    assert view.toolbar.zoom_box.currentText() == "150%"


def test_find_highlights_hits_and_steps_through_them(
    qtbot: QtBot, open_view: OpenView, sample_pdf: bytes
) -> None:
    view = open_view(sample_pdf)
    wait_ready(qtbot, view)
    _activate(qtbot, view)
    pages: list[int] = []
    view.page_changed.connect(pages.append)

    qtbot.keyClick(view.canvas, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert view.find_bar.isVisible()
    assert view.find_bar.field.hasFocus()
    qtbot.keyClicks(view.find_bar.field, QUORUM.upper())  # matching ignores case
    qtbot.keyClick(view.find_bar.field, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: view.find_bar.counter.text() == "1 of 2", timeout=WAIT_MS)
    assert pages[-1] == 1  # the first hit is on page 2, and the view went there
    hits = view.canvas._hits
    assert hits is not None
    assert len(hits.on_page(1)) == len(hits.on_page(4)) == 1

    # The hit box lies on the word "quorum" as extracted for selection.
    qtbot.waitUntil(lambda: 1 in view.loader.words, timeout=WAIT_MS)
    word = next(w for w in view.loader.words[1] if w[4] == QUORUM)
    box = hits.on_page(1)[0]
    assert abs(word[0] - box[0]) < 2 and abs(word[2] - box[2]) < 2
    # The current hit is painted orange over the page.
    image = view.canvas.viewport().grab().toImage()
    middle = viewport_point(view, 1, (box[0] + box[2]) / 2, box[1] + 1)
    colour = image.pixelColor(middle)
    assert colour.red() > 200 and colour.blue() < 180, colour.name()

    qtbot.keyClick(view.find_bar.field, Qt.Key.Key_Return)
    assert view.find_bar.counter.text() == "2 of 2"
    assert pages[-1] == 4
    assert view.canvas.visible_pages().start <= 4 < view.canvas.visible_pages().stop
    qtbot.keyClick(view.find_bar.field, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    assert pages[-1] == 1

    view.find_bar.field.setText("no such words here")
    qtbot.keyClick(view.find_bar.field, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: view.find_bar.counter.text() == "No results", timeout=WAIT_MS)
    qtbot.keyClick(view.find_bar.field, Qt.Key.Key_Escape)
    assert not view.find_bar.isVisible()
    assert view.canvas._hits is None


def test_dragging_over_words_selects_them_and_ctrl_c_copies(
    qtbot: QtBot, open_view: OpenView, sample_pdf: bytes
) -> None:
    view = open_view(sample_pdf)
    wait_ready(qtbot, view)
    start = drag_select(qtbot, view, "Alpha", "Charlie")
    words = {w[4]: w for w in view.loader.words[0]}
    alpha = words["Alpha"]
    viewport = view.canvas.viewport()

    assert view.canvas.selected_text() == "Alpha Bravo Charlie"
    QGuiApplication.clipboard().clear()
    view.canvas.setFocus()
    qtbot.keyClick(view.canvas, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    assert QGuiApplication.clipboard().text() == "Alpha Bravo Charlie"
    # The selected words are painted in the highlight colour.
    image = viewport.grab().toImage()
    colour = image.pixelColor(viewport_point(view, 0, words["Bravo"][0] + 1, alpha[1] + 1))
    assert colour != image.pixelColor(viewport_point(view, 0, 300, 60))

    # Down to the next line takes the rest of the first line with it.
    echo = words["Echo"]
    qtbot.mousePress(viewport, Qt.MouseButton.LeftButton, pos=start)
    qtbot.mouseMove(viewport, pos=start + QPoint(20, 0))
    qtbot.mouseMove(viewport, pos=viewport_point(view, 0, echo[2] - 1, echo[3] - 2))
    qtbot.mouseRelease(viewport, Qt.MouseButton.LeftButton)
    assert view.canvas.selected_text() == f"{FIRST_LINE}\nEcho"
    # A click clears the selection.
    qtbot.mouseClick(viewport, Qt.MouseButton.LeftButton, pos=start)
    assert view.canvas.selected_text() == ""


def test_clicking_a_thumbnail_jumps_to_its_page(
    qtbot: QtBot, open_view: OpenView, sample_pdf: bytes
) -> None:
    view = open_view(sample_pdf)
    wait_ready(qtbot, view)
    strip = view.thumbnails
    layout = strip.page_layout
    assert strip.isVisible() and layout is not None
    thumb_scale = strip.thumbnail_scale()
    qtbot.waitUntil(lambda: strip.loader.pixmap(2, thumb_scale) is not None, timeout=WAIT_MS)

    rect = layout.rects[2]
    click = QPoint(
        rect.x + rect.width // 2, rect.y + rect.height // 2 - strip.verticalScrollBar().value()
    )
    with qtbot.waitSignal(view.page_changed, timeout=WAIT_MS) as blocker:
        qtbot.mouseClick(strip.viewport(), Qt.MouseButton.LeftButton, pos=click)
    assert blocker.args == [2]
    assert view.canvas.current_page == strip.current_page == 2

    view.toolbar.thumbnails_action.setChecked(False)
    assert not strip.isVisible()
    qtbot.waitUntil(
        lambda: not any(k[2] == thumb_scale for k in view.loader.pending), timeout=WAIT_MS
    )


def test_state_restores_page_and_zoom_in_a_new_view(
    qtbot: QtBot, open_view: OpenView, sample_pdf: bytes
) -> None:
    view = open_view(sample_pdf)
    wait_ready(qtbot, view)
    view.canvas.set_zoom(1.5)
    view.go_to_page(3)
    state = view.state()
    assert state == {"page": 3, "zoom": 1.5}
    view.close_document()

    again = open_view(sample_pdf)
    again.restore(state)  # before the document is open: applied once it is
    assert again.state() == state
    qtbot.waitUntil(lambda: again.page_count == 6, timeout=WAIT_MS)
    assert again.state() == state
    assert again.canvas.zoom == 1.5
    assert 3 in again.canvas.visible_pages()
    qtbot.waitUntil(lambda: 3 in again.painted_pages(), timeout=WAIT_MS)

    again.restore({"page": "x", "zoom": "fit-page"})  # what cannot be read is ignored
    assert again.state() == {"page": 3, "zoom": FIT_PAGE}


def test_a_damaged_pdf_shows_a_message_and_emits_error(qtbot: QtBot, open_view: OpenView) -> None:
    errors: list[str] = []
    damaged = b"%PDF-1.7\nthis is not really a PDF" * 10
    view = open_view(damaged, title="Báo cáo hỏng", on_error=errors.append)
    qtbot.waitUntil(lambda: bool(errors), timeout=WAIT_MS)
    assert "Báo cáo hỏng" in errors[0] and "damaged" in errors[0]
    assert view.canvas.message == errors[0]
    assert view.canvas.page_layout is None
    assert not view.toolbar.zoom_box.isEnabled() and not view.thumbnails.isVisible()
    view.show_find()
    assert not view.find_bar.isVisible()


def test_two_views_of_one_document_do_not_disturb_each_other(
    qtbot: QtBot, open_view: OpenView, sample_pdf: bytes
) -> None:
    first = open_view(sample_pdf)
    second = open_view(sample_pdf)
    wait_ready(qtbot, first)
    wait_ready(qtbot, second)
    first.close_document()
    second.go_to_page(5)
    qtbot.waitUntil(lambda: 5 in second.painted_pages(), timeout=WAIT_MS)
    assert isinstance(second._info, DocumentInfo)


def test_longer_strings_widen_the_controls_instead_of_clipping(
    qtbot: QtBot, open_view: OpenView, sample_pdf: bytes
) -> None:
    # Every string doubled, as ECABINET_STRETCH_TEXT=1 does to find layouts that break with
    # Vietnamese: installed before the view is built, so that its tr() calls see it.
    stretching = _Stretching()
    QApplication.installTranslator(stretching)
    try:
        view = open_view(sample_pdf)
        view.resize(1400, 700)
        wait_ready(qtbot, view)
        view.show_find()
        view.find_bar.field.setText(QUORUM)
        view.find_bar.next_button.click()
        qtbot.waitUntil(lambda: "2" in view.find_bar.counter.text(), timeout=WAIT_MS)
    finally:
        QApplication.removeTranslator(stretching)
    assert view.toolbar.thumbnails_action.text() == "Pages Pages"
    shown = [
        widget
        for bar in (view.toolbar, view.find_bar)
        for widget in bar.findChildren(QWidget)
        if isinstance(widget, QLabel | QToolButton | QComboBox)
        and widget.isVisible()
        and (isinstance(widget, QComboBox) or widget.text())  # not Qt's own inner buttons
    ]
    assert len(shown) >= 8
    for widget in shown:
        label = widget.text() if isinstance(widget, QLabel | QToolButton) else ""
        assert widget.width() >= widget.minimumSizeHint().width(), label
        if isinstance(widget, QLabel):
            assert widget.fontMetrics().horizontalAdvance(label) <= widget.contentsRect().width()
