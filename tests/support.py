"""Small builders the tests share."""

from __future__ import annotations

import pymupdf


def make_pdf(
    pages: int = 2, text: str = "Tài liệu kỳ họp", *, password: str | None = None
) -> bytes:
    """A real PDF with ``pages`` pages of text; optionally password-protected."""
    doc = pymupdf.open()
    for number in range(1, pages + 1):
        page = doc.new_page()
        page.insert_text((72, 72), f"{text} — page {number}")
    if password:
        data = doc.tobytes(
            encryption=pymupdf.PDF_ENCRYPT_AES_256, user_pw=password, owner_pw=password
        )
    else:
        data = doc.tobytes()
    doc.close()
    return bytes(data)
