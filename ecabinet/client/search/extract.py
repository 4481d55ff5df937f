"""Text extraction, run in a worker process: MuPDF holds the GIL for a whole page.

The indexer sends a document's bytes and receives the text of each page, NFC-normalised
with white space collapsed (what the index stores and the snippets show); notes that follow
a revision receive every page's words with their boxes.

The app process imports this module (to name the functions its workers run) but never
MuPDF: ``pymupdf`` is imported inside the functions, which only the workers call.
"""

from __future__ import annotations

import os
import re
import unicodedata
from dataclasses import dataclass
from typing import Any

__all__ = ["Extracted", "extract_pages", "prepare_worker"]

_SPACE = re.compile(r"\s+")


def _mupdf() -> tuple[Any, tuple[type[BaseException], ...]]:
    """MuPDF, and the exceptions it raises for broken files (imported in the worker only)."""
    import pymupdf

    return pymupdf, (RuntimeError, ValueError, pymupdf.mupdf.FzErrorBase)


@dataclass(frozen=True, slots=True)
class Extracted:
    """The pages' text, or why there is none; ``unreadable`` pages have empty text."""

    pages: tuple[str, ...]
    unreadable: tuple[int, ...] = ()
    error: str | None = None


def prepare_worker(nice: int) -> None:
    """Set up a worker process: quiet MuPDF, and yield to the app when asked (``nice``)."""
    pymupdf, _ = _mupdf()
    pymupdf.TOOLS.mupdf_display_errors(False)
    pymupdf.TOOLS.mupdf_display_warnings(False)
    if nice and hasattr(os, "nice"):
        os.nice(nice)


def clean(text: str) -> str:
    """NFC, one space for any run of white space: the form that is indexed and shown."""
    return _SPACE.sub(" ", unicodedata.normalize("NFC", text)).strip()


def extract_pages(data: bytes) -> Extracted:
    """The text of every page of the PDF ``data``; never raises for a bad file."""
    pymupdf, broken = _mupdf()
    try:
        doc = pymupdf.open(stream=data, filetype="pdf")
    except Exception as exc:  # MuPDF's errors for unreadable bytes vary by version
        return Extracted((), error=f"the file cannot be read as a PDF ({exc})")
    with doc:
        if doc.needs_pass:
            return Extracted((), error="the PDF is protected by a password")
        pages: list[str] = []
        unreadable: list[int] = []
        for number in range(doc.page_count):
            try:
                pages.append(clean(doc.load_page(number).get_text()))
            except broken:
                pages.append("")
                unreadable.append(number)
        pymupdf.TOOLS.reset_mupdf_warnings()
    return Extracted(tuple(pages), tuple(unreadable))


def extract_words(
    data: bytes,
) -> list[list[tuple[str, tuple[float, float, float, float], int, int]]]:
    """Every page's words with their boxes and block and line numbers (for notes to follow).

    Boxes are in points of the page as displayed (after its rotation), as the reader and
    the notes have them.

    Raises:
        ValueError: the bytes are not a readable PDF.
    """
    pymupdf, broken = _mupdf()
    try:
        doc = pymupdf.open(stream=data, filetype="pdf")
    except Exception as exc:  # MuPDF's errors for unreadable bytes vary by version
        raise ValueError(f"the file cannot be read as a PDF ({exc})") from exc
    pages = []
    with doc:
        for number in range(doc.page_count):
            try:
                page = doc.load_page(number)
                words = page.get_text("words")
                turn = page.rotation_matrix if page.rotation else None
            except broken:
                words, turn = [], None
            found = []
            for w in words:
                box = pymupdf.Rect(w[:4]) * turn if turn is not None else pymupdf.Rect(w[:4])
                found.append(
                    (
                        unicodedata.normalize("NFC", str(w[4])),
                        (box.x0, box.y0, box.x1, box.y1),
                        int(w[5]),
                        int(w[6]),
                    )
                )
            pages.append(found)
    return pages
