"""The document reader: toolbar, thumbnails, the page canvas and the find bar, for one PDF."""

from __future__ import annotations

import logging

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ecabinet.client.render import (
    Box,
    DocumentInfo,
    FailureReason,
    RequestFailed,
    SearchHits,
)
from ecabinet.core.textfold import Query, parse_query, phrase_query
from ecabinet.ui.notes import NotesService
from ecabinet.ui.viewer.findbar import FindBar
from ecabinet.ui.viewer.hub import RenderHub
from ecabinet.ui.viewer.layout import ZoomMode, parse_zoom
from ecabinet.ui.viewer.loader import PageLoader
from ecabinet.ui.viewer.notetools import NoteTools
from ecabinet.ui.viewer.pageview import PageCanvas
from ecabinet.ui.viewer.selection import HitList
from ecabinet.ui.viewer.thumbnails import ThumbnailStrip
from ecabinet.ui.viewer.toolbar import ReaderToolbar

__all__ = ["DocumentView"]

_log = logging.getLogger(__name__)


class DocumentView(QWidget):
    """One PDF in the reader: continuous pages, zoom, thumbnails, find, selection and copy.

    Nothing here waits on a render: the document is opened and its pages rendered in the
    render service's worker process, and whatever arrives is shown when it arrives.

    Signals:
        page_changed: the page the reader is on changed (0-based).
        error: a sentence to show the reader (the document or a page cannot be shown).

    Args:
        render: the app's render hub.
        doc_id: the document's id (several views of one id do not disturb each other).
        data: the PDF's bytes.
        title: the document's title, for messages.
        parent: the parent widget.
        notes: the app's notes service; with ``document`` (the SHA-256), the reader shows
            the document's notes and can make them.
        read_only: show the notes but make none (an older version of a document).
    """

    page_changed = Signal(int)
    error = Signal(str)

    def __init__(
        self,
        render: RenderHub,
        doc_id: str,
        data: bytes,
        title: str,
        parent: QWidget | None = None,
        *,
        notes: NotesService | None = None,
        document: str | None = None,
        read_only: bool = False,
    ) -> None:
        super().__init__(parent)
        self.doc_id = doc_id
        self.title = title
        self._hub = render
        self._key = render.new_key(doc_id)
        self._info: DocumentInfo | None = None
        self._closed = False
        self._page_error_shown = False
        self._pending_state: dict[str, object] | None = None
        self._hits = HitList()
        self._search_id: int | None = None
        self._search_from = 0
        self._searching = False
        self._unsearched = 0
        self._pending_find: tuple[str, bool, int] | None = None
        self._pending_note: tuple[str, int, Box | None] | None = None

        self.loader = PageLoader(render, self._key, self)
        self.canvas = PageCanvas(self.loader, self)
        self.thumbnails = ThumbnailStrip(self.loader, self)
        self.find_bar = FindBar(self)
        self.find_bar.hide()
        self.banner = QLabel(self)
        self.banner.setWordWrap(True)
        self.banner.setContentsMargins(8, 4, 8, 4)
        self.banner.hide()
        self.toolbar = ReaderToolbar(self)
        self.note_tools = (
            NoteTools(self.canvas, notes, document, self, read_only=read_only)
            if notes is not None and document is not None
            else None
        )
        if self.note_tools is not None and not read_only:
            self.toolbar.insertAction(self.toolbar.find_action, self.note_tools.ink_action)
            button = self.toolbar.widgetForAction(self.note_tools.ink_action)
            if isinstance(button, QToolButton):
                button.setPopupMode(QToolButton.ToolButtonPopupMode.MenuButtonPopup)
        self._make_shortcuts()

        pages = QHBoxLayout()
        pages.setContentsMargins(0, 0, 0, 0)
        pages.setSpacing(0)
        pages.addWidget(self.thumbnails)
        pages.addWidget(self.canvas, 1)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(self.toolbar)
        column.addWidget(self.find_bar)
        column.addWidget(self.banner)
        column.addLayout(pages, 1)
        self.setFocusProxy(self.canvas)

        self.canvas.current_page_changed.connect(self._on_page)
        self.canvas.zoom_changed.connect(self._show_zoom)
        self.thumbnails.page_activated.connect(self.go_to_page)
        self.toolbar.thumbnails_toggled.connect(self.thumbnails.setVisible)
        self.toolbar.zoom_step.connect(lambda steps: self.canvas.zoom_by(steps))
        self.toolbar.zoom_requested.connect(self._zoom_requested)
        self.toolbar.page_requested.connect(self.go_to_page)
        self.toolbar.find_requested.connect(self.show_find)
        self.loader.changed.connect(self._on_page_news)
        self.find_bar.search_changed.connect(lambda text: self._search(phrase_query(text)))
        self.find_bar.next_requested.connect(lambda: self._step_hit(1))
        self.find_bar.previous_requested.connect(lambda: self._step_hit(-1))
        self.find_bar.closed.connect(self._find_closed)
        render.document_ready.connect(self._on_ready)
        render.failed.connect(self._on_failed)
        render.hits.connect(self._on_hits)

        self.canvas.set_message(self.tr("Opening “%1”…").replace("%1", title))
        try:
            render.service.open_document(self._key, data)
        except RuntimeError:  # the hub was closed: the app is shutting down
            self._fail_document(FailureReason.INTERRUPTED)

    # The main window's side.

    def go_to_page(self, page: int) -> None:
        """Show ``page`` (0-based) at the top; before the document is open, once it is."""
        self.canvas.go_to_page(page)

    def state(self) -> dict[str, object]:
        """Where the reader is, to :meth:`restore` after a restart."""
        if self._info is None and self._pending_state is not None:
            return dict(self._pending_state)
        return {"page": self.canvas.current_page, "zoom": self.canvas.zoom_mode}

    def restore(self, state: dict[str, object]) -> None:
        """Go back to a :meth:`state`; unknown or broken entries are ignored."""
        if self._info is None:
            self._pending_state = dict(state)
            return
        zoom = parse_zoom(state.get("zoom"))
        if zoom is not None:
            self.canvas.set_zoom(zoom)
        page = state.get("page")
        if isinstance(page, int) and not isinstance(page, bool):
            self.go_to_page(page)

    def show_search_hits(self, text: str, *, exact: bool = False, page: int = 0) -> None:
        """Go to ``page`` and highlight what the search panel found for ``text`` there.

        The words of ``text`` are found anywhere, as search found them (folded unless
        ``exact``), and the find bar shows them; its next and previous step through the hits.
        """
        if self._info is None:
            self._pending_find = (text, exact, page)
            return
        self.go_to_page(page)
        self.find_bar.show_search(text)
        self._search(parse_query(text), exact=exact, from_page=page)

    def show_note(self, note_id: str, page: int, box: Box | None = None) -> None:
        """Turn to a note (``box``: where on ``page``, if it has a place) and make it blink."""
        if self._info is None:
            self._pending_note = (note_id, page, box)
            return
        if box is not None:
            self.canvas.show_box(page, box)
        else:
            self.go_to_page(page)
        self.canvas.flash_note(note_id)

    def show_banner(self, text: str) -> None:
        """A line above the pages that stays (e.g. "an older version")."""
        self.banner.setStyleSheet("QLabel { background: #fff4e5; color: #663c00; }")
        self.banner.setText(text)
        self.banner.show()

    def show_find(self) -> None:
        """Open the find bar (Ctrl+F does too)."""
        if self._info is not None:
            self.find_bar.open()

    def close_document(self) -> None:
        """Cancel every request and close the document in the worker."""
        if self._closed:
            return
        self._closed = True
        for signal, slot in (
            (self._hub.document_ready, self._on_ready),
            (self._hub.failed, self._on_failed),
            (self._hub.hits, self._on_hits),
        ):
            signal.disconnect(slot)
        self.find_bar.stop()
        self.canvas.stop()
        self.thumbnails.stop()
        self.loader.close()
        self._search_id = None

    def painted_pages(self) -> set[int]:
        """The pages painted sharp at least once (for tests)."""
        return self.canvas.painted_pages()

    @property
    def page_count(self) -> int:
        """The number of pages, once the document is open (0 before)."""
        return self._info.page_count if self._info is not None else 0

    # Keys.

    def _make_shortcuts(self) -> None:
        actual = QAction(self.tr("Actual size"), self)
        actual.setShortcut(QKeySequence("Ctrl+0"))
        actual.triggered.connect(lambda: self.canvas.set_zoom(1.0))
        find_next = QAction(self.tr("Find next"), self)
        find_next.setShortcuts(QKeySequence.StandardKey.FindNext)
        find_next.triggered.connect(lambda: self._step_hit(1))
        find_previous = QAction(self.tr("Find previous"), self)
        find_previous.setShortcuts(QKeySequence.StandardKey.FindPrevious)
        find_previous.triggered.connect(lambda: self._step_hit(-1))
        bar = self.toolbar
        actions = [bar.zoom_in_action, bar.zoom_out_action, bar.find_action]
        if self.note_tools is not None:
            stack = self.note_tools.undo_stack
            undo = stack.createUndoAction(self, self.tr("Undo"))
            undo.setShortcuts(QKeySequence.StandardKey.Undo)
            redo = stack.createRedoAction(self, self.tr("Redo"))
            redo.setShortcuts(QKeySequence.StandardKey.Redo)
            actions += [undo, redo]
        for action in (*actions, actual, find_next, find_previous):
            # Several documents may be open in tabs: each takes its keys only when focused.
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            self.addAction(action)

    def _zoom_requested(self, mode: ZoomMode) -> None:
        self.canvas.set_zoom(mode)
        self.canvas.setFocus()

    def _show_zoom(self) -> None:
        self.toolbar.show_zoom(self.canvas.zoom_mode, self.canvas.zoom)

    def _on_page(self, page: int, *, emit: bool = True) -> None:
        self.toolbar.show_page(page)
        self.thumbnails.show_current(page)
        if emit:
            self.page_changed.emit(page)

    # Results.

    def _on_ready(self, info: DocumentInfo) -> None:
        if info.doc_id != self._key:
            return
        self._info = info
        for page in info.damaged_pages:
            self.loader.failures[page] = FailureReason.DAMAGED
        sizes = [(page.width, page.height) for page in info.pages]
        self.toolbar.set_page_count(info.page_count)
        self.toolbar.set_document_enabled(True)
        self.canvas.set_pages(sizes)
        self.thumbnails.set_pages(sizes)
        self._on_page(self.canvas.current_page, emit=False)
        self._show_zoom()
        if info.repaired:
            repaired = self.tr(
                "This file was damaged and has been repaired to show it; some pages may "
                "be incomplete. Ask the secretary for a new copy if something is missing."
            )
            # After a banner set before the document opened (an older version), not instead.
            shown = self.banner.text() if self.banner.isVisibleTo(self) else ""
            self.banner.setText(f"{shown}\n{repaired}" if shown else repaired)
            self.banner.show()
        if self._pending_state is not None:
            state, self._pending_state = self._pending_state, None
            self.restore(state)
        if self._pending_note is not None:
            note = self._pending_note
            self._pending_note = None
            self.show_note(*note)
        if self._pending_find is not None:
            text, exact, page = self._pending_find
            self._pending_find = None
            self.show_search_hits(text, exact=exact, page=page)

    def _on_failed(self, failure: RequestFailed) -> None:
        if failure.doc_id != self._key:
            return
        if failure.request_id is None:
            _log.warning("cannot open %s: %s", self.doc_id, failure.message)
            self._fail_document(failure.reason)
        elif failure.request_id == self._search_id:
            _log.warning("search in %s failed: %s", self.doc_id, failure.message)
            self._search_id = None
            self._searching = False
            self._show_hits()

    def _fail_document(self, reason: FailureReason) -> None:
        if reason == FailureReason.DAMAGED:
            text = self.tr(
                "“%1” cannot be opened: the file is damaged. "
                "Ask the secretary to attach a new copy."
            )
        elif reason == FailureReason.ENCRYPTED:
            text = self.tr(
                "“%1” is protected by a password and cannot be shown. "
                "Ask the secretary to attach a copy without a password."
            )
        elif reason == FailureReason.CRASHED:
            text = self.tr(
                "“%1” could not be shown: it made the page renderer fail twice. "
                "Ask the secretary to attach a new copy."
            )
        else:
            text = self.tr(
                "“%1” could not be opened. Close it and open it again; "
                "if this keeps happening, report it."
            )
        sentence = text.replace("%1", self.title)
        self.canvas.set_message(sentence)
        self.thumbnails.hide()
        self.toolbar.thumbnails_action.setEnabled(False)
        self.toolbar.set_document_enabled(False)
        self.error.emit(sentence)

    def _on_page_news(self, page: int) -> None:
        reason = self.loader.failures.get(page)
        if reason is None or self._page_error_shown:
            return
        self._page_error_shown = True  # one message per document, not one per page
        self.error.emit(
            self.tr("Page %1 of “%2” cannot be shown: %3")
            .replace("%1", str(page + 1))
            .replace("%2", self.title)
            .replace("%3", self.canvas.failure_note(reason))
        )

    # Find.

    def _search(self, query: Query, *, exact: bool = False, from_page: int | None = None) -> None:
        if self._search_id is not None and not self._hub.closed:
            self._hub.service.cancel(self._search_id)
        self._search_id = None
        self._hits = HitList()
        self._unsearched = 0
        self.canvas.set_hits(self._hits)
        self._search_from = self.canvas.current_page if from_page is None else from_page
        self._searching = not query.empty and self._info is not None and not self._hub.closed
        if self._searching:
            self._search_id = self._hub.service.search(
                self._key, query, exact=exact, from_page=self._search_from, priority=1
            )
        self._show_hits()

    def _on_hits(self, hits: SearchHits) -> None:
        if hits.doc_id != self._key or hits.request_id != self._search_id:
            return
        if hits.rects:
            self._hits.add(hits.page, hits.rects)
            if self._hits.current is None:
                first = self._hits.select_first_from(self._search_from)
                if first is not None:
                    self.canvas.show_box(*first)
            self.canvas.viewport().update()
        if hits.done:
            self._search_id = None
            self._searching = False
            self._unsearched = len(hits.unsearched_pages)
        self._show_hits()

    def _step_hit(self, delta: int) -> None:
        hit = self._hits.step(delta, self.canvas.current_page)
        if hit is not None:
            self.canvas.show_box(*hit)
        self._show_hits()

    def _show_hits(self) -> None:
        self.find_bar.set_status(
            self._hits.index,
            len(self._hits),
            searching=self._searching,
            unsearched=self._unsearched,
        )

    def _find_closed(self) -> None:
        self._search(phrase_query(""))
        self.canvas.set_hits(None)
        self.canvas.setFocus()
