"""The search panel (Ctrl+Shift+F): every synced document, offline, results as you type.

Hits are grouped by meeting and document, each a page with a snippet whose matching words are
marked; clicking one opens the document at that page with the words highlighted.  Queries run
on the session's worker threads; an answer that arrives after the field has changed is
dropped, so typing never waits and never shows stale results.
"""

from __future__ import annotations

import html
from dataclasses import dataclass

from PySide6.QtCore import (
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QRectF,
    QSize,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import (
    QAbstractTextDocumentLayout,
    QKeyEvent,
    QPainter,
    QPalette,
    QStandardItem,
    QStandardItemModel,
    QTextDocument,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from ecabinet.client.search import IndexProgress, SearchHit, SearchResult
from ecabinet.core.textfold import Snippet
from ecabinet.ui.session import AppSession

__all__ = ["HitChoice", "SearchPanel"]

# Quiet typing before a query runs: short, as queries take milliseconds.
_TYPING_DELAY = 150
HitRole = Qt.ItemDataRole.UserRole + 1
_MARK = "background-color:#ffe38a;font-weight:600"


@dataclass(frozen=True)
class HitChoice:
    """A hit the person chose: open ``sha256`` of ``meeting_id`` at ``page``, show ``query``."""

    hit: SearchHit
    query: str
    exact: bool


def snippet_html(snippet: Snippet) -> str:
    """The snippet as rich text, its marks highlighted; everything else escaped."""
    out = []
    at = 0
    for start, end in snippet.marks:
        out.append(html.escape(snippet.text[at:start]))
        out.append(f'<span style="{_MARK}">{html.escape(snippet.text[start:end])}</span>')
        at = end
    out.append(html.escape(snippet.text[at:]))
    return "".join(out)


class _RichTextDelegate(QStyledItemDelegate):
    """Paints an item's display text as rich text, wrapped to the width the row has."""

    def __init__(self, view: QTreeView) -> None:
        super().__init__(view)
        self.view = view
        view.header().sectionResized.connect(lambda *_: view.doItemsLayout())

    def _document(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QTextDocument:
        document = QTextDocument()
        document.setDefaultFont(option.font)
        document.setDocumentMargin(3)
        document.setHtml(str(index.data(Qt.ItemDataRole.DisplayRole) or ""))
        depth = 0
        parent = index.parent()
        while parent.isValid():
            depth += 1
            parent = parent.parent()
        width = self.view.viewport().width() - self.view.indentation() * (depth + 1) - 8
        document.setTextWidth(max(width, 120))
        return document

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        self.initStyleOption(option, index)
        document = self._document(option, index)
        option.text = ""
        style = option.widget.style() if option.widget else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, option, painter, option.widget)
        context = QAbstractTextDocumentLayout.PaintContext()
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        context.palette.setColor(QPalette.ColorRole.Text, option.palette.color(role))
        painter.save()
        painter.translate(option.rect.topLeft())
        painter.setClipRect(QRectF(0, 0, option.rect.width(), option.rect.height()))
        document.documentLayout().draw(painter, context)
        painter.restore()

    def sizeHint(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        self.initStyleOption(option, index)
        document = self._document(option, index)
        return QSize(int(document.idealWidth()), int(document.size().height()) + 2)


class SearchPanel(QWidget):
    """Search field, scope, exact mode, and the hits grouped by meeting and document.

    Signals:
        hit_chosen: a :class:`HitChoice`, when a hit is clicked or activated.
    """

    hit_chosen = Signal(object)

    def __init__(self, session: AppSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self._generation = 0
        self._meeting: tuple[str, str] | None = None  # id, title of the meeting on screen
        self._last: SearchResult | None = None
        self._last_text = ""  # what ``_last`` was searched for
        self._indexing: IndexProgress | None = None
        self._index_error = ""

        self.field = QLineEdit(self)
        self.field.setClearButtonEnabled(True)
        self.field.installEventFilter(self)
        self.scope = QComboBox(self)
        self.exact = QCheckBox(self)
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.model = QStandardItemModel(self)
        self.tree = QTreeView(self)
        self.tree.setModel(self.model)
        self.tree.setHeaderHidden(True)
        self.tree.setUniformRowHeights(False)
        self.tree.setWordWrap(True)
        self.tree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.tree.setItemDelegate(_RichTextDelegate(self.tree))
        self.tree.setAlternatingRowColors(True)

        options = QHBoxLayout()
        options.setContentsMargins(0, 0, 0, 0)
        options.addWidget(self.scope, 1)
        options.addWidget(self.exact)
        column = QVBoxLayout(self)
        column.setContentsMargins(6, 6, 6, 6)
        column.addWidget(self.field)
        column.addLayout(options)
        column.addWidget(self.status)
        column.addWidget(self.tree, 1)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(_TYPING_DELAY)
        self._timer.timeout.connect(self.run_query)
        self.field.textEdited.connect(self._edited)
        self.field.returnPressed.connect(self.run_query)
        self.scope.currentIndexChanged.connect(lambda _i: self.run_query())
        self.exact.toggled.connect(lambda _on: self.run_query())
        self.tree.clicked.connect(self._chosen)
        self.tree.activated.connect(self._chosen)
        session.index_progress.connect(self._index_progress)
        session.index_finished.connect(self._index_finished)
        session.index_failed.connect(self._index_failed)
        self.retranslate()

    # --- the main window's side -----------------------------------------------------------------

    def set_meeting(self, meeting_id: str | None, title: str) -> None:
        """The meeting on screen: the "this meeting" scope searches it."""
        self._meeting = (meeting_id, title) if meeting_id else None
        self._fill_scope()
        if self.scope.currentIndex() == 1:
            self.run_query()

    def focus_field(self) -> None:
        self.field.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.field.selectAll()

    def _edited(self, _text: str) -> None:
        # An answer still on its way is for text that is gone: it must not be shown.
        self._generation += 1
        self._timer.start()

    def run_query(self) -> None:
        """Search for the field's text now (typing does this by itself after a pause)."""
        self._timer.stop()
        self._generation += 1
        generation = self._generation
        text = self.field.text()
        if not text.strip():
            self._last = None
            self.model.clear()
            self._show_status()
            return
        meeting = self._meeting[0] if self._meeting and self.scope.currentIndex() == 1 else None
        self.session.search(
            text,
            meeting,
            self.exact.isChecked(),
            lambda result: self._show(generation, result, text),
            lambda error: self._failed(generation, error),
        )

    # --- results --------------------------------------------------------------------------------

    def _show(self, generation: int, result: SearchResult, text: str) -> None:
        if generation != self._generation:
            return  # the field changed meanwhile: a newer answer is on its way
        self._last = result
        self._last_text = text
        self.model.clear()
        meetings: dict[str, QStandardItem] = {}
        documents: dict[tuple[str, str], QStandardItem] = {}
        counts: dict[int, int] = {}
        for hit in result.hits:
            meeting = meetings.get(hit.meeting_id)
            if meeting is None:
                meeting = QStandardItem()
                meeting.setData(html.escape(hit.meeting_title), HitRole + 1)
                meetings[hit.meeting_id] = meeting
                self.model.appendRow(meeting)
            key = (hit.meeting_id, hit.sha256)
            document = documents.get(key)
            if document is None:
                document = QStandardItem()
                document.setData(html.escape(hit.document_title), HitRole + 1)
                documents[key] = document
                meeting.appendRow(document)
            page = self.tr("p. %1").replace("%1", str(hit.page + 1))
            item = QStandardItem(f"<b>{page}</b> · {snippet_html(hit.snippet)}")
            item.setData(HitChoice(hit, text, result.exact), HitRole)
            item.setToolTip(
                self.tr("Open “%1” at page %2")
                .replace("%1", hit.document_title)
                .replace("%2", str(hit.page + 1))
            )
            document.appendRow(item)
            for parent in (meeting, document):
                counts[id(parent)] = counts.get(id(parent), 0) + 1
        for item in [*meetings.values(), *documents.values()]:
            count = self.tr("%n page(s)", "", counts[id(item)])
            item.setText(f"<b>{item.data(HitRole + 1)}</b> — {count}")
        self.tree.expandAll()
        self._show_status()

    def _failed(self, generation: int, error: BaseException) -> None:
        if generation != self._generation:
            return
        self._last = None
        self.model.clear()
        self.status.setText(self.tr("The search could not be done: %1").replace("%1", str(error)))

    def _chosen(self, index: QModelIndex) -> None:
        choice = index.data(HitRole)
        if isinstance(choice, HitChoice):
            self.hit_chosen.emit(choice)

    def _show_status(self) -> None:
        lines = []
        result = self._last
        if result is not None:
            pages = len({(h.sha256, h.page) for h in result.hits})
            documents = len({h.sha256 for h in result.hits})
            if not result.hits:
                lines.append(self.tr("Nothing found."))
            elif result.more:
                lines.append(
                    self.tr("More pages match than are shown; add words or use quotes to narrow.")
                )
            else:
                lines.append(
                    self.tr("%1 in %2")
                    .replace("%1", self.tr("%n page(s)", "", pages))
                    .replace("%2", self.tr("%n document(s)", "", documents))
                )
            if result.unindexed:
                lines.append(
                    self.tr(
                        "%n document(s) not searchable yet (still arriving or being indexed).",
                        "",
                        result.unindexed,
                    )
                )
            if result.unreadable:
                lines.append(
                    self.tr("%n document(s) have no readable text.", "", result.unreadable)
                )
            if result.locked:
                lines.append(
                    self.tr("Not searched until the next sync (offline period over): %1").replace(
                        "%1", ", ".join(result.locked)
                    )
                )
        if self._indexing is not None:
            lines.append(
                self.tr("Indexing new documents: %1 of %2…")
                .replace("%1", str(self._indexing.documents_done))
                .replace("%2", str(self._indexing.documents_total))
            )
        if self._index_error:
            lines.append(
                self.tr("The search index could not be updated: %1").replace(
                    "%1", self._index_error
                )
            )
        self.status.setText("\n".join(lines))
        self.status.setVisible(bool(lines))

    # --- the index ------------------------------------------------------------------------------

    def _index_progress(self, progress: IndexProgress) -> None:
        self._indexing = progress if progress.documents_done < progress.documents_total else None
        self._show_status()

    def _index_finished(self, _report: object) -> None:
        self._indexing = None
        self._index_error = ""
        if self.field.text().strip():
            self.run_query()  # the documents just indexed may hold hits
        else:
            self._show_status()

    def _index_failed(self, message: str) -> None:
        self._indexing = None
        self._index_error = message
        self._show_status()

    # --- keys and language ----------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.field and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            if event.key() == Qt.Key.Key_Down and self.model.rowCount():
                self.tree.setFocus(Qt.FocusReason.OtherFocusReason)
                first = self.model.index(0, 0)
                while self.model.hasChildren(first):
                    first = self.model.index(0, 0, first)
                self.tree.setCurrentIndex(first)
                return True
        return super().eventFilter(watched, event)

    def _fill_scope(self) -> None:
        chosen = self.scope.currentIndex()
        self.scope.blockSignals(True)
        self.scope.clear()
        self.scope.addItem(self.tr("All meetings"))
        if self._meeting is not None:
            self.scope.addItem(self.tr("This meeting: %1").replace("%1", self._meeting[1]))
        self.scope.setCurrentIndex(chosen if 0 <= chosen < self.scope.count() else 0)
        self.scope.blockSignals(False)

    def retranslate(self) -> None:
        """Set every visible string again (after a language switch)."""
        self.field.setPlaceholderText(self.tr("Search all documents, e.g. hop khong giay"))
        self.field.setAccessibleName(self.tr("Search all documents"))
        self.field.setToolTip(
            self.tr(
                "Words are found with or without diacritics; put words in quotes to find them "
                "side by side. The last word also matches the start of longer words."
            )
        )
        self.exact.setText(self.tr("Exact diacritics"))
        self.exact.setToolTip(self.tr("Only words with exactly these marks: thể is not thế"))
        self.scope.setAccessibleName(self.tr("Where to search"))
        self.tree.setAccessibleName(self.tr("Search results"))
        self._fill_scope()
        if self._last is not None:
            self._show(self._generation, self._last, self._last_text)
        else:
            self._show_status()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
