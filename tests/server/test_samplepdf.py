"""The generated sample PDFs: page counts, real Vietnamese text, reproducible bytes."""

from __future__ import annotations

import time
import unicodedata

import pymupdf
import pytest

from ecabinet.server.samplepdf import SampleDocument, build_sample_documents

PAGES = {"agenda-notes": 3, "budget": 12, "plan": 8, "personnel": 4}


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def page_texts(document: SampleDocument) -> list[str]:
    with pymupdf.open(stream=document.data, filetype="pdf") as pdf:
        return [nfc(page.get_text()) for page in pdf]


def flat(text: str) -> str:
    """Join wrapped lines, so that a phrase split over two lines is still found."""
    return " ".join(text.split())


@pytest.fixture(scope="module")
def documents() -> dict[str, SampleDocument]:
    return {document.key: document for document in build_sample_documents()}


def test_four_documents_with_the_promised_page_counts(
    documents: dict[str, SampleDocument],
) -> None:
    assert list(documents) == list(PAGES)
    for key, document in documents.items():
        with pymupdf.open(stream=document.data, filetype="pdf") as pdf:
            assert pdf.is_pdf
            assert not pdf.needs_pass
            assert pdf.page_count == PAGES[key], key


def test_names_and_titles(documents: dict[str, SampleDocument]) -> None:
    filenames = [document.filename for document in documents.values()]
    assert len(set(filenames)) == len(filenames)
    assert documents["budget"].filename == "bao-cao-ngan-sach-2026.pdf"
    for document in documents.values():
        assert document.filename.endswith(".pdf")
        assert document.filename.isascii()
        vietnamese, english = document.title.split(" — ")
        assert vietnamese
        assert english.isascii()


def test_build_is_byte_for_byte_reproducible(documents: dict[str, SampleDocument]) -> None:
    again = build_sample_documents()
    assert [document.data for document in again] == [d.data for d in documents.values()]


def test_build_is_fast() -> None:
    started = time.perf_counter()
    build_sample_documents()
    # About 0.4 s normally.  The bound only catches a slow path creeping back (measuring text
    # with Font.text_length made it take 20 s) without failing on a busy CI machine.
    assert time.perf_counter() - started < 10


def test_total_size_is_reasonable(documents: dict[str, SampleDocument]) -> None:
    assert sum(len(document.data) for document in documents.values()) < 2 * 1024 * 1024


def test_every_page_has_text_header_and_footer(documents: dict[str, SampleDocument]) -> None:
    for key, document in documents.items():
        texts = page_texts(document)
        for number, text in enumerate(texts, start=1):
            assert len(text.split()) > 40, (key, number)
            assert f"Trang {number}/{len(texts)}" in text, (key, number)
            assert flat(nfc(document.title)) in flat(text), (key, number)
            assert "\ufffd" not in text


def test_vietnamese_text_survives_extraction(documents: dict[str, SampleDocument]) -> None:
    everything = flat(" ".join(t for d in documents.values() for t in page_texts(d)))
    for phrase in (
        "ngân sách",
        "Đề nghị",
        "kiến nghị",
        "nghị quyết",
        "thực hiện",  # ệ: a circumflex and a dot below on one letter
        "đường",
        "được",
        "nước",
        "ưu tiên",
        "phường",
        "kế hoạch",
        "huyện Hòa Vang",
        "thị xã Điện Bàn",
        "tỷ đồng",
    ):
        assert nfc(phrase) in everything, phrase
    budget = flat(" ".join(page_texts(documents["budget"])))
    assert "ngân sách nhà nước" in budget
    assert "24.500,0" in budget  # figures use the Vietnamese separators


def test_fonts_are_embedded_noto_subsets(documents: dict[str, SampleDocument]) -> None:
    for document in documents.values():
        with pymupdf.open(stream=document.data, filetype="pdf") as pdf:
            for page in pdf:
                fonts = page.get_fonts()
                assert fonts
                for _xref, ext, _type, basefont, _name, _encoding in fonts:
                    assert ext == "ttf"
                    assert "+Noto Sans" in basefont  # "ABCDEF+" marks a subset


def test_plan_has_one_landscape_page(documents: dict[str, SampleDocument]) -> None:
    with pymupdf.open(stream=documents["plan"].data, filetype="pdf") as pdf:
        landscape = [page.number for page in pdf if page.rect.width > page.rect.height]
        assert len(landscape) == 1
        page = pdf[landscape[0]]
        assert "Phụ lục" in nfc(page.get_text())
        portrait = pdf[0].rect
        assert (portrait.width, portrait.height) == (page.rect.height, page.rect.width)


def test_personnel_proposal_is_marked_confidential_on_every_page(
    documents: dict[str, SampleDocument],
) -> None:
    for text in page_texts(documents["personnel"]):
        assert "MẬT — CONFIDENTIAL" in text
    for key in ("agenda-notes", "budget", "plan"):
        assert all("CONFIDENTIAL" not in text for text in page_texts(documents[key])), key


def test_metadata_is_fixed(documents: dict[str, SampleDocument]) -> None:
    for document in documents.values():
        with pymupdf.open(stream=document.data, filetype="pdf") as pdf:
            assert pdf.metadata["creationDate"].startswith("D:20261210")
            assert pdf.metadata["modDate"] == pdf.metadata["creationDate"]
            assert nfc(pdf.metadata["title"]) == nfc(document.title)
