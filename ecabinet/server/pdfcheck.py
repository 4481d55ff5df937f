"""Validation of uploaded documents with PyMuPDF."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pymupdf


@dataclass(frozen=True)
class PdfProblem(Exception):
    """Why a file is not an acceptable document; ``code`` goes into the API error."""

    code: str
    message: str


def count_pdf_pages(path: Path) -> int:
    """Open ``path`` as a PDF and return its page count.

    Raises:
        PdfProblem: the file is not a PDF, is password-protected, or has no pages.
    """
    try:
        doc = pymupdf.open(path, filetype="pdf")
    except Exception as exc:  # PyMuPDF raises several types for damaged input
        raise PdfProblem("not_a_pdf", "The file is not a readable PDF document.") from exc
    try:
        if not doc.is_pdf:
            raise PdfProblem("not_a_pdf", "The file is not a PDF document.")
        if doc.needs_pass or doc.is_encrypted:
            raise PdfProblem(
                "pdf_encrypted",
                "The PDF is password-protected. Save it without a password and upload it again.",
            )
        pages = int(doc.page_count)
        if pages:
            try:
                doc.load_page(0)
            except Exception as exc:
                raise PdfProblem(
                    "not_a_pdf", "The PDF is damaged: its pages cannot be read."
                ) from exc
    finally:
        doc.close()
    if pages < 1:
        raise PdfProblem("pdf_empty", "The PDF has no pages.")
    return pages
