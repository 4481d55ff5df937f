"""Small builders the tests share."""

from __future__ import annotations

import hashlib
import json
import os
import re
from collections.abc import Mapping, Sequence

import pymupdf

from ecabinet.client.profile import Profile
from ecabinet.client.search.extract import Extracted, extract_pages
from ecabinet.client.store import DocumentRow, MeetingRow, PacketVersion, utcnow


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


def make_text_pdf(pages: Sequence[str]) -> bytes:
    """A PDF with one page per string, set in Noto Sans (every Vietnamese letter has a glyph)."""
    font = pymupdf.Font("notos")
    doc = pymupdf.open()
    for text in pages:
        page = doc.new_page()
        writer = pymupdf.TextWriter(page.rect)
        box = pymupdf.Rect(72, 72, page.rect.width - 72, page.rect.height - 72)
        writer.fill_textbox(box, text, font=font, fontsize=11)
        writer.write_text(page)
    data = doc.tobytes(garbage=3, deflate=True)
    doc.close()
    return bytes(data)


def add_local_meeting(
    profile: Profile,
    meeting_id: str,
    title: str,
    documents: Mapping[str, bytes],
    *,
    version: int = 1,
) -> dict[str, str]:
    """Put a meeting with ``documents`` (title → PDF) on a profile as a sync would leave it.

    The manifest is not signed: search and the reader read stored manifests as they are
    (the signature is checked when a sync receives one).  Returns title → SHA-256.
    """
    shas = {doc_title: hashlib.sha256(data).hexdigest() for doc_title, data in documents.items()}
    manifest = {
        "format": 1,
        "meeting": {"id": meeting_id, "title": title, "starts_at": "2026-12-01T08:00:00Z"},
        "packet_version": version,
        "documents": {
            shas[t]: {"title": t, "size": len(d), "pages": 1, "media_type": "application/pdf"}
            for t, d in documents.items()
        },
        "agenda": [
            {"id": "item-1", "number": "1", "title": title, "documents": list(shas.values())}
        ],
    }
    with profile.store.session() as session:
        for doc_title, data in documents.items():
            profile.vault.put_bytes(shas[doc_title], data)
            session.merge(DocumentRow(sha256=shas[doc_title], size=len(data), stored_at=utcnow()))
        session.merge(
            PacketVersion(
                meeting_id=meeting_id,
                version=version,
                record=json.dumps({"manifest": manifest}),
                state="kept",
            )
        )
        meeting = session.get(MeetingRow, meeting_id)
        if meeting is None:
            meeting = MeetingRow(id=meeting_id, title=title, starts_at="2026-12-01T08:00:00Z")
            session.add(meeting)
        if meeting.current_version != version:
            meeting.previous_version = meeting.current_version
            meeting.current_version = version
    return shas


def extract_or_crash(data: bytes) -> Extracted:
    """Text extraction that kills its worker process on a PDF containing ``CRASH``.

    Stands in for a PDF that crashes MuPDF (run in the indexer's worker, by name).
    """
    if b"CRASH" in data:
        os._exit(70)
    return extract_pages(data)


def extract_slowly(data: bytes) -> Extracted:
    """Text extraction that takes a minute: stands in for a very large document."""
    import time

    time.sleep(60)
    return extract_pages(data)


def says(text: str, pattern: str) -> bool:
    """Whether ``text`` says ``pattern``, whose "N note" may read "N notes" or "N note(s)"
    (plural forms come from the catalogue, which new strings are not in yet)."""
    words = " ".join(re.escape(word) for word in pattern.split(" "))
    regex = re.sub(r"(\d+) (\w+)", r"\1 \2(?:s|\\(s\\))?", words)
    return re.search(regex, text) is not None
