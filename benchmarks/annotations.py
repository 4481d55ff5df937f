"""Benchmark: carrying 1,000 notes over to a revised 500-page document.

Run from the repository root::

    .venv/bin/python -m benchmarks.annotations              # 500 pages, 1,000 notes
    .venv/bin/python -m benchmarks.annotations --quick      # 100 pages, 200 notes

The document is made from a fixed seed as paragraphs of Vietnamese and English words, every
word with an identity, laid out ten words a line, forty lines a page, and written as a PDF
with PyMuPDF.  The revision inserts whole pages of new paragraphs at several places, edits
paragraphs (words replaced, inserted, deleted), and deletes a few paragraphs; it is laid out
and written the same way.  The words of both PDFs are extracted with PyMuPDF, as the app
does, and checked against the generated words.

Notes quote 2–12 words of a line run on one page of the original.  As the benchmark knows
where every surviving word went, it knows where each note should land: on the words of its
quote that survive, or nowhere (orphaned) when none does.  A note counts as **correct** when
it lands on the expected page overlapping at least half of the expected words, or is
orphaned when that is expected; **wrong** when it lands elsewhere (worse than orphaned).

Targets: re-anchoring all notes (building the new version's text included) ≤ 2 s, and
≥ 95 % correct.  Word extraction is reported apart (the app does it once per version, in a
worker process).

**load**: ``--load-notes`` notes (all kinds, half of them edited once) are signed into a
fresh profile; then ``AnnotationBook.notes()`` loads and checks all of them (target
≤ 300 ms).  Each note's sealed head is checked on load; ``load_with_signatures_seconds`` is
the same load with every head seal broken, so that every revision's seal, Ed25519 signature
and chain link is checked.

Prints one JSON object on stdout.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pymupdf
from sqlalchemy import select

from benchmarks.search import ENGLISH, VIETNAMESE
from ecabinet.client.annotations import AnnotationBook
from ecabinet.client.profile import Profile
from ecabinet.client.secrets import MemorySecrets
from ecabinet.client.store import AnnotationNote
from ecabinet.core.anchoring import DocumentText, Quote, Word, reanchor
from ecabinet.core.annotations import Note

TARGET_SECONDS = 2.0
TARGET_LOAD_SECONDS = 0.3
TARGET_CORRECT = 0.95
WORDS_PER_LINE = 10
LINES_PER_PAGE = 40


def log(message: str) -> None:
    print(f"[annotations] {message}", file=sys.stderr, flush=True)


@dataclass
class Doc:
    """Paragraphs of (word id, text); laid out, each word's page and index on the page."""

    paragraphs: list[list[tuple[int, str]]]

    def layout(self) -> tuple[list[list[tuple[int, str]]], dict[int, tuple[int, int]]]:
        lines: list[list[tuple[int, str]]] = []
        for paragraph in self.paragraphs:
            for i in range(0, len(paragraph), WORDS_PER_LINE):
                lines.append(paragraph[i : i + WORDS_PER_LINE])
        pages = [
            [w for line in lines[i : i + LINES_PER_PAGE] for w in line]
            for i in range(0, len(lines), LINES_PER_PAGE)
        ]
        where = {wid: (p, i) for p, words in enumerate(pages) for i, (wid, _) in enumerate(words)}
        return pages, where

    def pdf(self) -> bytes:
        lines: list[str] = []
        for paragraph in self.paragraphs:
            for i in range(0, len(paragraph), WORDS_PER_LINE):
                lines.append(" ".join(t for _, t in paragraph[i : i + WORDS_PER_LINE]))
        doc = pymupdf.open()
        for i in range(0, len(lines), LINES_PER_PAGE):
            page = doc.new_page()
            page.insert_text(
                (40, 50), lines[i : i + LINES_PER_PAGE], fontname="notos", fontsize=8, lineheight=2
            )
        data = doc.tobytes(garbage=3, deflate=True)
        doc.close()
        return bytes(data)


class Maker:
    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        self.vocabulary = VIETNAMESE + ENGLISH
        self.weights = [1.0 / (rank + 1) ** 0.8 for rank in range(len(self.vocabulary))]
        self.rng.shuffle(self.weights)
        self.next_id = 0

    def words(self, count: int) -> list[tuple[int, str]]:
        chosen = self.rng.choices(self.vocabulary, weights=self.weights, k=count)
        out = []
        for text in chosen:
            out.append((self.next_id, text))
            self.next_id += 1
        return out

    def paragraph(self) -> list[tuple[int, str]]:
        return self.words(self.rng.randint(30, 120))


def make_original(maker: Maker, pages: int) -> Doc:
    paragraphs: list[list[tuple[int, str]]] = []
    lines = 0
    while lines < pages * LINES_PER_PAGE:
        paragraph = maker.paragraph()
        paragraphs.append(paragraph)
        lines += -(-len(paragraph) // WORDS_PER_LINE)
    doc = Doc(paragraphs)
    laid, _ = doc.layout()
    while len(laid) > pages:  # trim to the page count asked for
        doc.paragraphs.pop()
        laid, _ = doc.layout()
    return doc


def revise(maker: Maker, original: Doc, inserted_pages: int) -> tuple[Doc, dict[str, int]]:
    rng = maker.rng
    paragraphs = [list(p) for p in original.paragraphs]
    edited = deleted = 0
    for index in range(len(paragraphs)):
        roll = rng.random()
        if roll < 0.01:
            paragraphs[index] = []
            deleted += 1
        elif roll < 0.06:
            words = paragraphs[index]
            for _ in range(rng.randint(1, 3)):
                at = rng.randrange(len(words))
                action = rng.choice(("replace", "insert", "delete"))
                if action == "replace":
                    words[at] = maker.words(1)[0]
                elif action == "insert":
                    words.insert(at, maker.words(1)[0])
                elif len(words) > 5:
                    del words[at]
            edited += 1
    paragraphs = [p for p in paragraphs if p]
    places = sorted(rng.sample(range(len(paragraphs)), 10))
    per_place = inserted_pages * LINES_PER_PAGE // 10
    for place in reversed(places):
        block: list[list[tuple[int, str]]] = []
        lines = 0
        while lines < per_place:
            paragraph = maker.paragraph()
            block.append(paragraph)
            lines += -(-len(paragraph) // WORDS_PER_LINE)
        paragraphs[place:place] = block
    return Doc(paragraphs), {"paragraphs_edited": edited, "paragraphs_deleted": deleted}


def extract(pdf: bytes, expected: list[list[tuple[int, str]]]) -> list[list[Word]]:
    pages: list[list[Word]] = []
    with pymupdf.open(stream=pdf, filetype="pdf") as doc:
        for number, page in enumerate(doc):
            words = [
                Word(str(w[4]), (w[0], w[1], w[2], w[3]), (int(w[5]), int(w[6])))
                for w in page.get_text("words")
            ]
            if [w.text for w in words] != [t for _, t in expected[number]]:
                raise RuntimeError(f"page {number}: extracted words differ from the generated")
            pages.append(words)
    return pages


def choose_notes(
    rng: random.Random, laid: list[list[tuple[int, str]]], count: int
) -> list[tuple[int, int, int]]:
    notes = []
    while len(notes) < count:
        page = rng.randrange(len(laid))
        size = rng.randint(2, 12)
        if len(laid[page]) <= size:
            continue
        first = rng.randrange(len(laid[page]) - size)
        notes.append((page, first, first + size - 1))
    return notes


def run(args: argparse.Namespace) -> dict[str, Any]:
    maker = Maker(args.seed)
    original = make_original(maker, args.pages)
    revised, edits = revise(maker, original, args.inserted_pages)
    old_laid, _ = original.layout()
    new_laid, new_where = revised.layout()
    log(f"original {len(old_laid)} pages, revised {len(new_laid)} pages; writing PDFs")
    old_pdf, new_pdf = original.pdf(), revised.pdf()
    started = time.perf_counter()
    old_pages = extract(old_pdf, old_laid)
    new_pages = extract(new_pdf, new_laid)
    extract_seconds = (time.perf_counter() - started) / 2
    notes = choose_notes(maker.rng, old_laid, args.notes)
    old_text = DocumentText(old_pages)
    quotes: list[Quote] = [old_text.quote(page, first, last) for page, first, last in notes]

    log(f"re-anchoring {len(quotes)} notes")
    timings = []
    results = []
    for _ in range(args.rounds):
        started = time.perf_counter()
        results = reanchor(quotes, DocumentText(new_pages))
        timings.append(time.perf_counter() - started)
    seconds = min(timings)

    outcome = {"correct": 0, "wrong": 0, "orphaned_expected": 0, "orphaned_unexpected": 0}
    methods: dict[str, int] = {}
    for (page, first, last), placement in zip(notes, results, strict=True):
        ids = [wid for wid, _ in old_laid[page][first : last + 1]]
        expected = [new_where[wid] for wid in ids if wid in new_where]
        expected_page = (
            max({p for p, _ in expected}, key=[p for p, _ in expected].count) if expected else None
        )
        if placement is None:
            if expected_page is None:
                outcome["correct"] += 1
                outcome["orphaned_expected"] += 1
            else:
                outcome["orphaned_unexpected"] += 1
            continue
        methods[placement.method] = methods.get(placement.method, 0) + 1
        on_page = [i for p, i in expected if p == expected_page]
        covered = [i for i in on_page if placement.first <= i <= placement.last]
        if placement.page == expected_page and len(covered) * 2 >= len(on_page):
            outcome["correct"] += 1
        else:
            outcome["wrong"] += 1
    share = outcome["correct"] / len(notes)
    return {
        "pages_before": len(old_laid),
        "pages_after": len(new_laid),
        "pages_inserted": args.inserted_pages,
        **edits,
        "notes": len(notes),
        "reanchor_seconds": round(seconds, 3),
        "reanchor_rounds_seconds": [round(t, 3) for t in timings],
        "target_seconds": TARGET_SECONDS,
        "extract_words_seconds_per_version": round(extract_seconds, 3),
        "correct_share": round(share, 4),
        "target_correct_share": TARGET_CORRECT,
        "outcome": outcome,
        "methods": methods,
        "pass": seconds <= TARGET_SECONDS and share >= TARGET_CORRECT and outcome["wrong"] == 0,
        "machine": {
            "cpus": os.cpu_count(),
            "python": platform.python_version(),
            "loadavg_1min": round(os.getloadavg()[0], 2),
        },
    }


def measure_load(count: int, seed: int) -> dict[str, Any]:
    """Sign ``count`` notes into a fresh profile, then time loading and checking them all."""
    rng = random.Random(seed)
    with tempfile.TemporaryDirectory(prefix="ecabinet-notes-") as directory:
        profile = Profile(Path(directory), secrets=MemorySecrets())
        try:
            book = AnnotationBook(profile)
            document = "ef" * 32
            notes = []
            for number in range(count):
                page = number % 500
                kind = ("highlight", "underline", "strikeout", "note", "ink", "bookmark")[
                    number % 6
                ]
                box = (72.0, 100.0 + number % 40 * 12, 300.0, 110.0 + number % 40 * 12)
                notes.append(
                    Note(
                        document,
                        kind,
                        page,
                        rects=(box,) if kind != "ink" else (),
                        strokes=(((10.0, 10.0), (rng.uniform(20, 90), 30.0)),)
                        if kind == "ink"
                        else (),
                        quote=Quote(page, "dự toán ngân sách nhà nước", "về", "năm 2027")
                        if kind in ("highlight", "underline", "strikeout")
                        else None,
                        body="Ghi chú số " + str(number) if kind == "note" else "",
                    )
                )
            ids = book.add_many(notes)
            for note_id, note in list(zip(ids, notes, strict=True))[::2]:
                book.edit(note_id, Note(**{**note.__dict__, "colour": "#7fd4ff"}))
            timings = []
            for _ in range(3):
                started = time.perf_counter()
                loaded = book.notes(document)
                timings.append(time.perf_counter() - started)
            assert len(loaded) == count and all(n.trusted for n in loaded)
            with profile.store.session() as session:
                for row in session.scalars(select(AnnotationNote)):
                    row.head_seal = "0" * 64
            started = time.perf_counter()
            slow = book.notes(document)
            full = time.perf_counter() - started
            assert not any(
                n.trusted for n in slow
            )  # a broken head: a roll-back cannot be ruled out
        finally:
            profile.close()
    return {
        "notes": count,
        "revisions": count + count // 2 + count % 2,
        "load_seconds": round(min(timings), 3),
        "target_seconds": TARGET_LOAD_SECONDS,
        "load_with_signatures_seconds": round(full, 3),
        "pass": min(timings) <= TARGET_LOAD_SECONDS,
    }


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", type=int, default=500)
    parser.add_argument("--notes", type=int, default=1000)
    parser.add_argument("--inserted-pages", type=int, default=20)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--load-notes", type=int, default=10_000)
    parser.add_argument("--quick", action="store_true", help="100 pages, 200 notes")
    args = parser.parse_args(argv)
    if args.quick:
        args.pages, args.notes, args.inserted_pages, args.rounds = 100, 200, 10, 1
        args.load_notes = 1000
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    result = {"reanchor": run(args)}
    log(f"signing and loading {args.load_notes} notes")
    result["load"] = measure_load(args.load_notes, args.seed)
    result["pass"] = result["reanchor"]["pass"] and result["load"]["pass"]
    print(json.dumps(result, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
