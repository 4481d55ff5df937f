"""The "What changed" dialog: a packet's changes since the version the delegate last opened.

Left, the agenda items and documents that changed, with the secretary's note above; right,
for the replaced document chosen, the pages whose words changed — taken-out words struck
in red, new ones in green.  Clicking a page opens the new document there.  The pages are
compared off the GUI thread (the caller's ``load_pages``); the dialog only shows results.
"""

from __future__ import annotations

import html
from collections.abc import Callable

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFrame,
    QLabel,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from ecabinet.client.changes import ChangeSummary, DocumentChange, ItemChange, PageDiff

__all__ = ["ChangesDialog", "LoadPages", "highlight_phrase"]

LoadPages = Callable[
    [DocumentChange, Callable[[list[PageDiff]], None], Callable[[BaseException], None]], None
]

REMOVED = "color:#b00020; text-decoration: line-through; background:#fdecea;"
INSERTED = "color:#0b6b2b; background:#e3f6e8;"
DETAIL = "color:#555;"
NOTE_STYLE = "QFrame#note { background: #fff8e1; border: 1px solid #f0d98c; border-radius: 4px; }"
# Words of an inserted or removed page shown in full before the rest is cut.
WHOLE_PAGE_WORDS = 80
PHRASE_WORDS = 12  # words of the first insertion marked in the opened document


def highlight_phrase(diff: PageDiff) -> str:
    """Words to mark on the new page: the first inserted run, else the words next to the
    first removal (quoted, as a phrase for the document's find)."""
    runs = diff.runs
    for kind, text in runs:
        if kind == "inserted":
            return '"' + " ".join(text.split()[:PHRASE_WORDS]) + '"'
    if diff.kind != "changed":
        return ""
    for index, (kind, _) in enumerate(runs):
        if kind != "removed":
            continue
        before = [t for k, t in runs[max(index - 1, 0) : index] if k == "same"]
        after = [t for k, t in runs[index + 1 : index + 2] if k == "same"]
        words = [w for w in " ".join(before).split() if w != "…"][-3:]
        if not words:
            words = [w for w in " ".join(after).split() if w != "…"][:3]
        if words:
            return '"' + " ".join(words) + '"'
    return ""


class ChangesDialog(QDialog):
    """Shows one :class:`ChangeSummary`.

    Signals:
        page_chosen(DocumentChange, PageDiff): the person clicked a changed page.
    """

    page_chosen = Signal(object, object)

    def __init__(
        self,
        summary: ChangeSummary,
        meeting_title: str,
        load_pages: LoadPages,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.summary = summary
        self.meeting_title = meeting_title
        self._load_pages = load_pages
        self._chosen: DocumentChange | None = None
        self._pages: list[PageDiff] = []
        self._asked = 0  # answers to an older choice are dropped
        self.setWindowTitle(self.tr("What changed — %1").replace("%1", meeting_title))
        self.setModal(False)
        self.resize(1100, 680)
        self._build()
        self.summary_view.setHtml(self._summary_html())
        replaced = self.replaced()
        if replaced:
            self.show_pages(replaced[0])
        else:
            self.pages_view.setHtml(
                "<p>" + html.escape(self.tr("No document was replaced.")) + "</p>"
            )

    def _build(self) -> None:
        self.heading = QLabel()
        self.heading.setWordWrap(True)
        self.heading.setTextFormat(Qt.TextFormat.RichText)
        self.heading.setText(
            f"<b>{html.escape(self.meeting_title)}</b><br>"
            + html.escape(
                self.tr("Version %1 → version %2, since you last opened this meeting")
                .replace("%1", str(self.summary.old_version))
                .replace("%2", str(self.summary.new_version))
            )
        )
        note = QFrame()
        note.setObjectName("note")
        note.setStyleSheet(NOTE_STYLE)
        note_layout = QVBoxLayout(note)
        note_layout.setContentsMargins(10, 6, 10, 6)
        self.note_label = QLabel()
        self.note_label.setWordWrap(True)
        self.note_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        text = self.summary.note.strip() or self.tr("(no note)")
        self.note_label.setText(
            "<b>"
            + html.escape(self.tr("Secretary's note:"))
            + "</b> "
            + "<br>".join(html.escape(line) for line in text.splitlines())
        )
        note_layout.addWidget(self.note_label)
        self.summary_view = QTextBrowser()
        self.summary_view.setOpenLinks(False)
        self.summary_view.anchorClicked.connect(self._summary_link)
        self.pages_view = QTextBrowser()
        self.pages_view.setOpenLinks(False)
        self.pages_view.anchorClicked.connect(self._page_link)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.summary_view)
        splitter.addWidget(self.pages_view)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 3)
        splitter.setSizes([420, 660])
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(note)
        layout.addWidget(splitter, 1)
        layout.addWidget(buttons)

    # --- the summary ------------------------------------------------------------------------

    def replaced(self) -> list[DocumentChange]:
        return [d for d in self.summary.documents if d.kind == "replaced"]

    def _summary_html(self) -> str:
        parts: list[str] = []
        if self.summary.empty:
            parts.append(
                "<p>"
                + html.escape(
                    self.tr("The agenda and the documents did not change; see the note above.")
                )
                + "</p>"
            )
        if self.summary.documents:
            heading = html.escape(self.tr("Documents"))
            parts.append(f"<h3>{heading}</h3><ul>")
            for index, change in enumerate(self.summary.documents):
                parts.append(
                    f'<li style="margin-bottom:6px">{self._document_html(index, change)}</li>'
                )
            parts.append("</ul>")
        if self.summary.items:
            heading = html.escape(self.tr("Agenda"))
            parts.append(f"<h3>{heading}</h3><ul>")
            for item in self.summary.items:
                parts.append(f'<li style="margin-bottom:3px">{self._item_html(item)}</li>')
            parts.append("</ul>")
        return "".join(parts)

    def _document_html(self, index: int, change: DocumentChange) -> str:
        title = html.escape(change.title)
        details = []
        if change.old_title:
            details.append(self.tr("was “%1”").replace("%1", change.old_title))
        if change.item_title:
            details.append(self.tr("agenda item: %1").replace("%1", change.item_title))
        below = "".join(f'<br><span style="{DETAIL}">{html.escape(d)}</span>' for d in details)
        if change.kind == "replaced":
            link = html.escape(self.tr("Show the changed pages"))
            label = html.escape(self.tr("Replaced"))
            return (
                f"<b>{label}:</b> "
                f'<a href="doc:{index}">{title}</a>{below}'
                f'<br><a href="doc:{index}">{link} →</a>'
            )
        if change.kind == "added":
            label = html.escape(self.tr("Added"))
            return f'<b>{label}:</b> <span style="{INSERTED}">{title}</span>{below}'
        label = html.escape(self.tr("Removed"))
        return f'<b>{label}:</b> <span style="{REMOVED}">{title}</span>{below}'

    def _item_html(self, item: ItemChange) -> str:
        number = html.escape(item.number)
        title = html.escape(item.title)
        if item.kind == "added":
            text = f'<span style="{INSERTED}">{number}. {title}</span>'
            label = html.escape(self.tr("Added"))
            return f"<b>{label}:</b> {text}"
        if item.kind == "removed":
            text = f'<span style="{REMOVED}">{number}. {title}</span>'
            label = html.escape(self.tr("Removed"))
            return f"<b>{label}:</b> {text}"
        if item.kind == "moved":
            was = html.escape(
                self.tr("was %1").replace("%1", item.old_number or "?"),
            )
            label = html.escape(self.tr("Moved"))
            return f"<b>{label}:</b> {number}. {title} ({was})"
        old = html.escape(item.old_title or "")
        label = html.escape(self.tr("Renamed"))
        return (
            f"<b>{label}:</b> {number}. "
            f'<span style="{REMOVED}">{old}</span> → <span style="{INSERTED}">{title}</span>'
        )

    def _summary_link(self, url: QUrl) -> None:
        text = url.toString()
        if text.startswith("doc:"):
            index = int(text[4:])
            if 0 <= index < len(self.summary.documents):
                self.show_pages(self.summary.documents[index])

    # --- the pages of one replaced document ----------------------------------------------------

    def show_pages(self, change: DocumentChange) -> None:
        """Compare the pages of a replaced document (off the GUI thread) and show them."""
        if change.kind != "replaced":
            return
        self._chosen = change
        self._pages = []
        self._asked += 1
        asked = self._asked
        self.pages_view.setHtml(
            self._pages_heading(change)
            + "<p><i>"
            + html.escape(self.tr("Comparing the two versions…"))
            + "</i></p>"
        )

        def done(pages: list[PageDiff]) -> None:
            if asked == self._asked:
                self.set_pages(change, pages)

        def failed(error: BaseException) -> None:
            if asked == self._asked:
                self.pages_view.setHtml(
                    self._pages_heading(change)
                    + f'<p style="color:#b00020">{html.escape(str(error))}</p>'
                )

        self._load_pages(change, done, failed)

    def _pages_heading(self, change: DocumentChange) -> str:
        text = self.tr("Changed pages of “%1”").replace("%1", change.title)
        return f"<h3>{html.escape(text)}</h3>"

    def set_pages(self, change: DocumentChange, pages: list[PageDiff]) -> None:
        """Show the compared pages of ``change``."""
        self._chosen, self._pages = change, pages
        parts = [self._pages_heading(change)]
        if not pages:
            parts.append(
                "<p>"
                + html.escape(
                    self.tr("The text of the pages did not change (a new scan or layout).")
                )
                + "</p>"
            )
        else:
            count = self.tr("%n page(s) changed.", "", len(pages))
            hint = self.tr("Click a page number to open the new version there.")
            parts.append(f'<p style="{DETAIL}">{html.escape(count + " " + hint)}</p>')
        for index, diff in enumerate(pages):
            parts.append(self._page_html(index, diff))
        self.pages_view.setHtml("".join(parts))

    def _page_html(self, index: int, diff: PageDiff) -> str:
        if diff.kind == "removed":
            title = self.tr("Page %1 of the previous version — removed").replace(
                "%1", str((diff.old_page or 0) + 1)
            )
            head = f"<b>{html.escape(title)}</b>"
        else:
            page = str((diff.new_page or 0) + 1)
            label = html.escape(self.tr("Page %1").replace("%1", page))
            if diff.kind == "inserted":
                extra = self.tr("new page")
            elif diff.old_page is not None and diff.old_page != diff.new_page:
                extra = self.tr("page %1 before").replace("%1", str(diff.old_page + 1))
            else:
                extra = ""
            head = f'<a href="page:{index}"><b>{label}</b></a>' + (
                f" — {html.escape(extra)}" if extra else ""
            )
        body = []
        for kind, text in diff.runs:
            if diff.kind != "changed":
                words = text.split()
                if len(words) > WHOLE_PAGE_WORDS:
                    text = " ".join(words[:WHOLE_PAGE_WORDS]) + " …"
            escaped = html.escape(text)
            if kind == "removed":
                body.append(f'<span style="{REMOVED}">{escaped}</span>')
            elif kind == "inserted":
                body.append(f'<span style="{INSERTED}">{escaped}</span>')
            else:
                body.append(escaped)
        return (
            f'<p style="margin-top:12px">{head}</p><p style="margin-left:12px">{" ".join(body)}</p>'
        )

    def _page_link(self, url: QUrl) -> None:
        text = url.toString()
        if text.startswith("page:") and self._chosen is not None:
            index = int(text[5:])
            if 0 <= index < len(self._pages):
                self.page_chosen.emit(self._chosen, self._pages[index])

    def page_links(self) -> list[int]:
        """Indexes of the pages that can be opened (for tests)."""
        return [i for i, d in enumerate(self._pages) if d.new_page is not None]
