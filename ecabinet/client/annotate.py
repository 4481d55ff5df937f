"""A copy of a PDF with the user's notes written into it as real PDF annotations.

Any PDF reader shows them: highlights, underlines and strike-throughs over the quoted words,
sticky notes with their text, freehand ink, and bookmarks as entries of the outline.  The
original document is untouched (it is the secretary's, and its hash names it); the copy is
for the person to keep or share.  Runs in a worker process (:func:`annotated_copy`), as
MuPDF holds the GIL; the app process never imports MuPDF.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor

from ecabinet.core.annotations import Note

__all__ = ["annotated_copy", "write_annotations"]

_AUTHOR = "ecabinet"


def _rgb(colour: str) -> tuple[float, float, float]:
    return (int(colour[1:3], 16) / 255, int(colour[3:5], 16) / 255, int(colour[5:7], 16) / 255)


def write_annotations(data: bytes, notes: Sequence[Note]) -> bytes:
    """``data`` (a PDF) with ``notes`` added as annotations; deleted notes are left out.

    Coordinates of notes are those the reader shows (the page as displayed, after its
    rotation); they are turned back into the page's own space here.

    Raises:
        ValueError: the bytes are not a readable PDF, or a note names a page it does not have.
    """
    import pymupdf  # in the worker process only: the app never loads MuPDF

    try:
        doc = pymupdf.open(stream=data, filetype="pdf")
    except Exception as exc:  # MuPDF's errors for unreadable bytes vary by version
        raise ValueError(f"the document cannot be read as a PDF ({exc})") from exc
    with doc:
        outline = doc.get_toc(simple=True)
        for note in notes:
            if note.deleted:
                continue
            if not 0 <= note.page < doc.page_count:
                raise ValueError(
                    f"a note is on page {note.page + 1}; the document has {doc.page_count}"
                )
            page = doc.load_page(note.page)
            back = page.derotation_matrix
            rects = [pymupdf.Rect(r) * back for r in note.rects]
            colour = _rgb(note.colour)
            if note.kind == "bookmark":
                label = note.body or (note.quote.text if note.quote else "")
                outline.append([1, label or f"Trang {note.page + 1}", note.page + 1])
                continue
            if note.kind == "highlight":
                annot = page.add_highlight_annot(rects)
            elif note.kind == "underline":
                annot = page.add_underline_annot(rects)
            elif note.kind == "strikeout":
                annot = page.add_strikeout_annot(rects)
            elif note.kind == "note":
                annot = page.add_text_annot(rects[0].tl, note.body, icon="Note")
            else:  # ink
                strokes = [
                    [tuple(pymupdf.Point(x, y) * back) for x, y in stroke]
                    for stroke in note.strokes
                ]
                annot = page.add_ink_annot(strokes)
                if note.width:
                    annot.set_border(width=note.width)
            annot.set_colors(stroke=colour)
            annot.set_info(content=note.body, title=_AUTHOR)
            annot.update()
        doc.set_toc(outline)
        return bytes(doc.tobytes(garbage=1, deflate=True))


def annotated_copy(data: bytes, notes: Sequence[Note]) -> bytes:
    """:func:`write_annotations` in a worker process (call it off the GUI thread)."""
    with ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("spawn")) as pool:
        return pool.submit(write_annotations, data, list(notes)).result()
