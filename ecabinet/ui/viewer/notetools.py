"""Making and removing notes in the reader, with undo.

The canvas asks (its context menu: highlight, underline or strike through the selection, pin
a note, bookmark the page, delete a note; the pen: a freehand stroke); this turns the
request into a note — the quoted words with some words of context, the boxes of their lines,
or the words nearest a point or a drawing — and hands it to the notes
service, which signs and stores it off the GUI thread.  Every change is an undoable command
(Ctrl+Z, Ctrl+Shift+Z).  Undoing a deletion makes the note again under a new id: the signed
tombstone of the deleted one stays, so the history is never rewritten.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QObject, QPointF, Qt
from PySide6.QtGui import (
    QAction,
    QActionGroup,
    QColor,
    QIcon,
    QPainter,
    QPen,
    QPixmap,
    QUndoCommand,
    QUndoStack,
)
from PySide6.QtWidgets import QInputDialog, QMenu, QWidget

from ecabinet.client.annotations import LoadedNote
from ecabinet.client.render import Box, Word
from ecabinet.core.anchoring import CONTEXT_WORDS, Quote
from ecabinet.core.annotations import Note
from ecabinet.ui.notes import NotesService
from ecabinet.ui.viewer.marks import InkPen, NoteMark
from ecabinet.ui.viewer.pageview import PageCanvas
from ecabinet.ui.viewer.selection import line_boxes, word_at

__all__ = ["COLOURS", "NoteTools"]

# Yellow, green, blue, pink, red: a reader's usual pens.
COLOURS = ("#ffd400", "#5fd35f", "#58b4ff", "#ff7fbf", "#e53935")
# Pen widths in points: fine, medium, broad.
INK_WIDTHS = (1.0, 2.0, 4.0)


def merged_lines(boxes: Sequence[Box]) -> tuple[Box, ...]:
    """Neighbouring boxes on one line joined into one."""
    merged: list[Box] = []
    for box in boxes:
        if merged and abs(merged[-1][1] - box[1]) < 2 and abs(merged[-1][3] - box[3]) < 2:
            last = merged[-1]
            merged[-1] = (
                min(last[0], box[0]),
                min(last[1], box[1]),
                max(last[2], box[2]),
                max(last[3], box[3]),
            )
        else:
            merged.append(box)
    return tuple(merged)


def quote_of(words: Sequence[Word], page: int, first: int, last: int) -> Quote:
    """The words ``first``–``last`` of a page, with context words on each side."""
    text = [str(w[4]) for w in words]
    return Quote(
        page,
        " ".join(text[first : last + 1]),
        " ".join(text[max(0, first - CONTEXT_WORDS) : first]),
        " ".join(text[last + 1 : last + 1 + CONTEXT_WORDS]),
    )


class _Add(QUndoCommand):
    def __init__(self, tools: NoteTools, note: Note, text: str) -> None:
        super().__init__(text)
        self.tools, self.note = tools, note
        self.note_id: str | None = None

    def redo(self) -> None:
        self.tools.service.add(self.note, self._made)

    def _made(self, note_id: str) -> None:
        self.note_id = note_id

    def undo(self) -> None:
        if self.note_id is not None:
            self.tools.service.delete(self.note_id, self.note.document)
            self.note_id = None


class _Edit(QUndoCommand):
    def __init__(self, tools: NoteTools, note_id: str, before: Note, after: Note) -> None:
        super().__init__(tools.tr("Edit note"))
        self.tools, self.note_id, self.before, self.after = tools, note_id, before, after

    def redo(self) -> None:
        self.tools.service.edit(self.note_id, self.after)

    def undo(self) -> None:
        self.tools.service.edit(self.note_id, self.before)  # a new revision, back as it was


class _Delete(QUndoCommand):
    def __init__(self, tools: NoteTools, loaded: LoadedNote, text: str) -> None:
        super().__init__(text)
        self.tools, self.loaded = tools, loaded
        self.again: _Add | None = None

    def redo(self) -> None:
        if self.again is not None and self.again.note_id is not None:
            self.again.undo()  # the note made again by an undo goes once more
        else:
            self.tools.service.delete(self.loaded.id, self.loaded.note.document)

    def undo(self) -> None:
        self.again = _Add(self.tools, self.loaded.note, "")
        self.again.redo()


def pen_icon(colour: str, width: float) -> QIcon:
    """A squiggle in the pen's colour and width, for the Draw button."""
    pixmap = QPixmap(22, 22)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    pen = QPen(QColor(colour).darker(115), 1.0 + width, Qt.PenStyle.SolidLine)
    pen.setCapStyle(Qt.PenCapStyle.RoundCap)
    painter.setPen(pen)
    points = [QPointF(3, 16), QPointF(7, 7), QPointF(11, 15), QPointF(15, 6), QPointF(19, 12)]
    painter.drawPolyline(points)
    painter.end()
    return QIcon(pixmap)


class NoteTools(QObject):
    """The reader's note making for one document view.

    With ``read_only`` (an older version of a document), notes are shown but none is made.
    """

    def __init__(
        self,
        canvas: PageCanvas,
        service: NotesService,
        document: str,
        parent: QWidget,
        *,
        read_only: bool = False,
    ) -> None:
        super().__init__(parent)
        self.canvas = canvas
        self.service = service
        self.document = document
        self.colour = COLOURS[0]
        self.ink_width = INK_WIDTHS[1]
        self.notes: dict[str, LoadedNote] = {}
        self.undo_stack = QUndoStack(self)
        self.colour_menu = QMenu(parent)
        group = QActionGroup(self)
        for colour in COLOURS:
            swatch = QPixmap(14, 14)
            swatch.fill(QColor(colour))
            action = self.colour_menu.addAction(QIcon(swatch), colour)
            action.setCheckable(True)
            action.setChecked(colour == self.colour)
            action.triggered.connect(lambda _c=False, c=colour: self.set_colour(c))
            group.addAction(action)
        self.ink_action = QAction(self.tr("Draw"), self)
        self.ink_action.setCheckable(True)
        self.ink_action.setToolTip(
            self.tr("Draw freehand on the page with the pen (drag; Escape or click again to stop)")
        )
        self.ink_action.toggled.connect(self._pen_changed)
        self.width_menu = QMenu(parent)
        widths = QActionGroup(self)
        for width, label in zip(
            INK_WIDTHS, (self.tr("Fine"), self.tr("Medium"), self.tr("Broad")), strict=True
        ):
            action = self.width_menu.addAction(label)
            action.setCheckable(True)
            action.setChecked(width == self.ink_width)
            action.triggered.connect(lambda _c=False, w=width: self.set_ink_width(w))
            widths.addAction(action)
        self.ink_action.setMenu(self.width_menu)
        self._pen_changed(False)
        service.changed.connect(self._changed)
        self.reload()
        if read_only:
            self.ink_action.setEnabled(False)
            return
        canvas.annotations_enabled = True
        canvas.colour_menu = self.colour_menu
        canvas.ink_drawn.connect(self.add_ink)
        canvas.pen_put_down.connect(lambda: self.ink_action.setChecked(False))
        canvas.mark_requested.connect(self.mark_selection)
        canvas.note_requested.connect(self.pin_note)
        canvas.bookmark_requested.connect(self.bookmark)
        canvas.delete_requested.connect(self.delete)
        canvas.edit_requested.connect(self.ask_edit)

    def set_colour(self, colour: str) -> None:
        self.colour = colour
        self._pen_changed(self.ink_action.isChecked())

    def set_ink_width(self, width: float) -> None:
        self.ink_width = width
        self._pen_changed(self.ink_action.isChecked())

    def _pen_changed(self, drawing: bool) -> None:
        self.ink_action.setIcon(pen_icon(self.colour, self.ink_width))
        self.canvas.set_pen(InkPen(self.colour, self.ink_width) if drawing else None)

    def reload(self) -> None:
        self.service.load(self.document, self._loaded)

    def _changed(self, document: str) -> None:
        if document in ("", self.document):
            self.reload()

    def _loaded(self, notes: list[LoadedNote]) -> None:
        self.notes = {n.id: n for n in notes}
        self.canvas.set_marks([NoteMark.of(n) for n in notes])

    def mark_selection(self, kind: str) -> None:
        """Highlight, underline or strike through the selected words (a note per page)."""
        selection = self.canvas.selection
        if selection is None:
            return
        for page in selection.pages:
            words = self.canvas.loader.words.get(page, [])
            indices = selection.on_page(page, len(words))
            if not indices:
                continue
            quote = quote_of(words, page, indices[0], indices[-1])
            rects = merged_lines(line_boxes(words, indices))
            note = Note(self.document, kind, page, rects=rects, quote=quote, colour=self.colour)
            self.undo_stack.push(_Add(self, note, self.tr("Mark text")))
        self.canvas.clear_selection()

    def _nearest_quote(self, page: int, x: float, y: float) -> Quote | None:
        """The few words nearest a point: what a sticky note or a drawing follows when the
        document is revised."""
        words = self.canvas.loader.words.get(page, [])
        index = word_at(words, x, y)
        if index is None:
            return None
        first = max(0, index - 2)
        return quote_of(words, page, first, min(len(words) - 1, first + 3))

    def pin_note(self, page: int, x: float, y: float) -> None:
        """Ask for a text and pin a sticky note at a point of a page."""
        body, ok = QInputDialog.getMultiLineText(
            self.canvas, self.tr("Note"), self.tr("Text of the note:")
        )
        if not ok or not body.strip():
            return
        note = Note(
            self.document,
            "note",
            page,
            rects=((x, y, x, y),),
            quote=self._nearest_quote(page, x, y),
            body=body.strip(),
            colour=self.colour,
        )
        self.undo_stack.push(_Add(self, note, self.tr("Add note")))

    def add_ink(self, page: int, points: list[tuple[float, float]]) -> None:
        """Keep a stroke drawn with the pen as a drawing (one note a stroke, undoable)."""
        xs, ys = [x for x, _ in points], [y for _, y in points]
        box = (min(xs), min(ys), max(xs), max(ys))
        note = Note(
            self.document,
            "ink",
            page,
            rects=(box,),  # where the drawing is: found by the pointer, followed on revision
            strokes=(tuple(points),),
            quote=self._nearest_quote(page, (box[0] + box[2]) / 2, (box[1] + box[3]) / 2),
            colour=self.colour,
            width=self.ink_width,
        )
        self.undo_stack.push(_Add(self, note, self.tr("Draw")))

    def bookmark(self, page: int) -> None:
        words = self.canvas.loader.words.get(page, [])
        quote = quote_of(words, page, 0, min(len(words), 6) - 1) if words else None
        note = Note(self.document, "bookmark", page, quote=quote, colour="#e53935")
        self.undo_stack.push(_Add(self, note, self.tr("Bookmark page")))

    def ask_edit(self, note_id: str) -> None:
        """Ask for the note's new text (in the colour now chosen) and keep it."""
        loaded = self.notes.get(note_id)
        if loaded is None or not loaded.trusted:
            return
        body, ok = QInputDialog.getMultiLineText(
            self.canvas, self.tr("Note"), self.tr("Text of the note:"), loaded.note.body
        )
        if ok:
            self.edit(note_id, body.strip(), self.colour)

    def edit(self, note_id: str, body: str, colour: str) -> None:
        loaded = self.notes.get(note_id)
        if loaded is None:
            return
        after = Note(**{**loaded.note.__dict__, "body": body, "colour": colour})
        if after != loaded.note:
            self.undo_stack.push(_Edit(self, note_id, loaded.note, after))

    def delete(self, note_id: str) -> None:
        loaded = self.notes.get(note_id)
        if loaded is not None:
            self.undo_stack.push(_Delete(self, loaded, self.tr("Delete note")))
