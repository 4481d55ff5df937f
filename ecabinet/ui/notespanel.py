"""The notes panel: every note of the document on screen, or of the whole meeting.

Each note shows its kind (an icon in its colour), page, quoted words and text; notes that
failed their signature check and notes left on an older version are said to be so.  The
list filters by kind and by colour; clicking a note asks to turn to it
(:attr:`NotesPanel.note_chosen`).  Notes are read on the task runner, and again after every
change the notes service reports — while the panel is shown; hidden, it reads them when it
is shown next.  An answer overtaken by a newer request is dropped.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QModelIndex, QPersistentModelIndex, Qt, QUrl, Signal
from PySide6.QtGui import QColor, QIcon, QPixmap, QShowEvent, QTextDocument
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QStyleOptionViewItem,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from ecabinet.client.notelist import ListedNote
from ecabinet.ui.notes import NotesService
from ecabinet.ui.notesmodel import KINDS, IconRole, NoteRole, NotesFilter, NotesModel
from ecabinet.ui.searchpanel import _RichTextDelegate
from ecabinet.ui.viewer.notetools import COLOURS

__all__ = ["NotesPanel"]

DOCUMENT, MEETING = 0, 1


class _NoteDelegate(_RichTextDelegate):
    """The search panel's rich-text rows, with the note's kind icon inline."""

    def _document(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QTextDocument:
        document = super()._document(option, index)
        image = index.data(IconRole)
        if image is not None:
            document.addResource(QTextDocument.ResourceType.ImageResource, QUrl("note:icon"), image)
            document.setHtml(str(index.data(Qt.ItemDataRole.DisplayRole) or ""))
        return document


class NotesPanel(QWidget):
    """Scope, filters, and the notes.

    Signals:
        note_chosen: a :class:`ListedNote` that was clicked or activated.
    """

    note_chosen = Signal(object)

    def __init__(self, service: NotesService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.service = service
        self._meeting: tuple[str, str] | None = None  # id, title
        self._document: tuple[str, str] | None = None  # sha256, title
        self._generation = 0
        self._stale = True
        self._scope_chosen: int | None = None  # the person's choice; else the document's
        self.loading = False

        self.scope = QComboBox(self)
        self.kind = QComboBox(self)
        self.colour = QComboBox(self)
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        self.model = NotesModel(self)
        self.filter = NotesFilter(self)
        self.filter.setSourceModel(self.model)
        self.tree = QTreeView(self)
        self.tree.setModel(self.filter)
        self.tree.setHeaderHidden(True)
        self.tree.setRootIsDecorated(False)
        self.tree.setUniformRowHeights(False)
        self.tree.setWordWrap(True)
        self.tree.setIndentation(0)
        self.tree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.tree.setItemDelegate(_NoteDelegate(self.tree))
        self.tree.setAlternatingRowColors(True)

        filters = QHBoxLayout()
        filters.setContentsMargins(0, 0, 0, 0)
        filters.addWidget(self.kind, 1)
        filters.addWidget(self.colour, 1)
        column = QVBoxLayout(self)
        column.setContentsMargins(6, 6, 6, 6)
        column.addWidget(self.scope)
        column.addLayout(filters)
        column.addWidget(self.status)
        column.addWidget(self.tree, 1)

        self.scope.currentIndexChanged.connect(lambda _i: self.reload())
        self.scope.activated.connect(lambda _i: self._remember_scope())
        self.kind.currentIndexChanged.connect(lambda _i: self._filter())
        self.colour.currentIndexChanged.connect(lambda _i: self._filter())
        self.tree.clicked.connect(self._chosen)
        self.tree.activated.connect(self._chosen)
        service.changed.connect(lambda _document: self.reload())
        self.retranslate()

    # --- the main window's side -----------------------------------------------------------------

    def set_context(
        self, meeting: tuple[str, str] | None, document: tuple[str, str] | None
    ) -> None:
        """The meeting (id, title) and document (SHA-256, title) on screen; reloads."""
        if (meeting, document) == (self._meeting, self._document):
            return
        self._meeting, self._document = meeting, document
        self._fill_scope()
        self.reload()

    def set_scope(self, scope: int) -> None:
        """:data:`DOCUMENT` or :data:`MEETING`, as if the person chose it."""
        index = self.scope.findData(scope)
        if index >= 0:
            self.scope.setCurrentIndex(index)
            self._remember_scope()

    def _remember_scope(self) -> None:
        self._scope_chosen = self.scope.currentData()

    def set_filter(self, kind: str | None, colour: str | None) -> None:
        """Show notes of this kind and colour only (None: any)."""
        self.kind.setCurrentIndex(self.kind.findData(kind) if kind else 0)
        self.colour.setCurrentIndex(self.colour.findData(colour) if colour else 0)

    def reload(self) -> None:
        """Read the notes again (once shown, if hidden now: a hidden panel reads nothing)."""
        if not self.isVisible():
            self._stale = True
            return
        self._stale = False
        self._generation += 1
        generation = self._generation
        meeting = self._meeting
        document = self._document[0] if self._document else None
        by_meeting = self.scope.currentData() == MEETING or document is None
        if meeting is None:
            self._show(generation, [], by_meeting)
            return
        self.loading = True
        self.service.list_notes(
            meeting[0],
            None if by_meeting else document,
            lambda rows: self._show(generation, rows, by_meeting),
            lambda error: self._failed(generation, error),
        )

    # --- results --------------------------------------------------------------------------------

    def _show(self, generation: int, rows: list[ListedNote], by_meeting: bool) -> None:
        if generation != self._generation:
            return  # a newer request is on its way
        self.loading = False
        self.model.set_rows(rows, grouped=by_meeting)
        self.tree.setRootIsDecorated(by_meeting)
        self.tree.setIndentation(14 if by_meeting else 0)
        self.tree.expandAll()
        self._fill_colours()
        self._show_status()

    def _failed(self, generation: int, error: BaseException) -> None:
        if generation != self._generation:
            return
        self.loading = False
        self.model.set_rows([], grouped=False)
        self.status.setText(self.tr("The notes could not be read: %1").replace("%1", str(error)))

    def _filter(self) -> None:
        self.filter.set_filter(self.kind.currentData(), self.colour.currentData())
        self.tree.expandAll()
        self._show_status()

    def _chosen(self, index: QModelIndex) -> None:
        row = index.data(NoteRole)
        if isinstance(row, ListedNote):
            self.note_chosen.emit(row)

    def shown(self) -> list[ListedNote]:
        """The notes the list shows now, in order (after the filters)."""
        found: list[ListedNote] = []

        def walk(parent: QModelIndex) -> None:
            for r in range(self.filter.rowCount(parent)):
                index = self.filter.index(r, 0, parent)
                row = index.data(NoteRole)
                if isinstance(row, ListedNote):
                    found.append(row)
                walk(index)

        walk(QModelIndex())
        return found

    def _show_status(self) -> None:
        rows = self.model.rows
        if self._meeting is None:
            text = self.tr("Choose a meeting to see its notes.")
        elif not rows:
            text = self.tr("No notes yet. Select words in a document and right-click to mark them.")
        else:
            text = self.tr("%n note(s)", "", len(rows))
            shown = len(self.shown())
            if shown != len(rows):
                text += " " + self.tr("(%1 shown)").replace("%1", str(shown))
            untrusted = sum(1 for r in rows if not r.loaded.trusted)
            if untrusted:
                text += " · " + self.tr("%n changed outside ecabinet", "", untrusted)
            orphaned = sum(1 for r in rows if r.loaded.orphaned_by)
            if orphaned:
                text += " · " + self.tr("%n on an older version", "", orphaned)
        self.status.setText(text)

    # --- filters and language -------------------------------------------------------------------

    def _fill_scope(self) -> None:
        # The document on screen unless the person asked for the whole meeting.
        chosen = self._scope_chosen if self._scope_chosen is not None else DOCUMENT
        self.scope.blockSignals(True)
        self.scope.clear()
        if self._document is not None:
            title = self._document[1]
            self.scope.addItem(self.tr("This document: %1").replace("%1", title), DOCUMENT)
        if self._meeting is not None:
            title = self._meeting[1]
            self.scope.addItem(self.tr("This meeting: %1").replace("%1", title), MEETING)
        index = self.scope.findData(chosen)
        self.scope.setCurrentIndex(index if index >= 0 else 0)
        self.scope.blockSignals(False)

    def _fill_kinds(self) -> None:
        chosen = self.kind.currentData()
        self.kind.blockSignals(True)
        self.kind.clear()
        self.kind.addItem(self.tr("All kinds"), None)
        for kind in KINDS:
            self.kind.addItem(self.model.kind_name(kind), kind)
        self.kind.setCurrentIndex(max(0, self.kind.findData(chosen)))
        self.kind.blockSignals(False)

    def _fill_colours(self) -> None:
        """The reader's pens, and any other colour a listed note has (from another device)."""
        chosen = self.colour.currentData()
        colours = list(COLOURS)
        colours += sorted({r.loaded.note.colour for r in self.model.rows} - set(colours))
        self.colour.blockSignals(True)
        self.colour.clear()
        self.colour.addItem(self.tr("All colours"), None)
        for colour in colours:
            swatch = QPixmap(14, 14)
            swatch.fill(QColor(colour))
            self.colour.addItem(QIcon(swatch), colour, colour)
        self.colour.setCurrentIndex(max(0, self.colour.findData(chosen)))
        self.colour.blockSignals(False)

    def retranslate(self) -> None:
        self.scope.setAccessibleName(self.tr("Which notes"))
        self.kind.setAccessibleName(self.tr("Kind of note"))
        self.colour.setAccessibleName(self.tr("Colour of note"))
        self.tree.setAccessibleName(self.tr("Notes"))
        self._fill_scope()
        self._fill_kinds()
        self._fill_colours()
        self.model.layoutChanged.emit()
        self._show_status()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self.reload()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
