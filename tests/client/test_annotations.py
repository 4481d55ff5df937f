"""A profile's notes: every kind made, edited and deleted, checked on load, exported."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select

from ecabinet.client.annotations import AnnotationBook
from ecabinet.client.profile import Profile
from ecabinet.client.secrets import MemorySecrets
from ecabinet.client.store import AnnotationRevision
from ecabinet.core.anchoring import Quote
from ecabinet.core.annotations import AnnotationError, Note, verify_bundle
from tests.support import make_pdf

DOC = "cd" * 32
NOTES = [
    Note(DOC, "highlight", 0, rects=((10, 10, 90, 22),), quote=Quote(0, "ngân sách")),
    Note(
        DOC, "underline", 1, rects=((10, 40, 90, 52),), quote=Quote(1, "thể lệ"), colour="#00a000"
    ),
    Note(DOC, "strikeout", 1, rects=((10, 60, 90, 72),), quote=Quote(1, "năm 2026")),
    Note(DOC, "note", 2, rects=((300, 400, 300, 400),), body="Hỏi lại chủ tọa"),
    Note(DOC, "ink", 2, strokes=(((1, 1), (5, 9), (12, 3)),), colour="#d00000"),
    Note(DOC, "bookmark", 4),
]


@pytest.fixture
def book(tmp_path: Path) -> Iterator[AnnotationBook]:
    profile = Profile(tmp_path / "profile", secrets=MemorySecrets())
    yield AnnotationBook(profile)
    profile.close()


def test_every_kind_is_made_edited_and_deleted(book: AnnotationBook) -> None:
    ids = [book.add(note) for note in NOTES]
    loaded = book.notes(DOC)
    assert [n.note.kind for n in loaded] == [
        "highlight",
        "underline",
        "strikeout",
        "note",
        "ink",
        "bookmark",
    ]
    assert all(n.trusted and n.revisions == 1 for n in loaded)
    book.edit(ids[3], Note(DOC, "note", 2, rects=((310, 400, 310, 400),), body="Đã hỏi"))
    (edited,) = book.notes(note_ids=[ids[3]])
    assert (edited.revisions, edited.note.body, edited.note.rects[0][0]) == (2, "Đã hỏi", 310)
    book.delete(ids[0])
    assert ids[0] not in {n.id for n in book.notes(DOC)}
    (gone,) = book.notes(note_ids=[ids[0]], include_deleted=True)
    assert gone.note.deleted and gone.revisions == 2 and gone.trusted
    with pytest.raises(AnnotationError, match="deleted"):
        book.edit(ids[0], NOTES[0])
    with pytest.raises(AnnotationError, match="no such note"):
        book.delete("0" * 32)


def test_a_note_changed_in_the_database_is_shown_but_never_trusted(
    book: AnnotationBook,
) -> None:
    note_id = book.add(NOTES[3])
    with book.profile.store.session() as session:
        row = session.scalars(select(AnnotationRevision)).one()
        row.record = row.record.replace("Hỏi lại chủ tọa", "Đồng ý toàn bộ")
    (shown,) = book.notes(DOC)
    assert not shown.trusted
    assert shown.problem is not None and "changed outside ecabinet" in shown.problem
    with pytest.raises(AnnotationError, match="changed outside ecabinet"):
        book.edit(note_id, NOTES[3])


def test_a_broken_seal_sends_the_note_to_its_signature(book: AnnotationBook) -> None:
    book.add(NOTES[3])
    with book.profile.store.session() as session:
        row = session.scalars(select(AnnotationRevision)).one()
        row.record = row.record.replace("Hỏi lại chủ tọa", "Đồng ý toàn bộ")
        row.seal = "0" * 64  # a seal that does not match sends the note to the signature
    (shown,) = book.notes(DOC)
    assert not shown.trusted


def test_export_and_import_keep_every_revision(book: AnnotationBook, tmp_path: Path) -> None:
    first = book.add(NOTES[0])
    book.edit(first, Note(**{**NOTES[0].__dict__, "colour": "#7fd4ff"}))
    bundle = book.export_bundle([first])
    report = verify_bundle(bundle)
    assert report.ok and report.notes[0].revisions == 2

    other = Profile(tmp_path / "second", secrets=MemorySecrets())
    try:
        second = AnnotationBook(other)
        history = book.history(first)
        with pytest.raises(AnnotationError, match="does not know"):
            second.import_history(history)
        assert second.notes() == []
        second.trust(bundle["annotation_bundle"]["keys"][book.device_key_id], "laptop")
        restored = second.import_history(history)
        assert restored.trusted and restored.revisions == 2
        assert restored.note.colour == "#7fd4ff"
        assert second.import_history(history).revisions == 2  # importing again adds nothing
    finally:
        other.close()


def test_an_annotated_copy_carries_every_note_as_a_real_pdf_annotation() -> None:
    import pymupdf

    from ecabinet.client.annotate import annotated_copy

    pdf = make_pdf(pages=5)
    copy = annotated_copy(
        pdf,
        [
            *NOTES,
            Note(DOC, "highlight", 0, rects=((1, 1, 2, 2),), quote=Quote(0, "x"), deleted=True),
        ],
    )
    with pymupdf.open(stream=copy, filetype="pdf") as doc:
        kinds = [(page.number, annot.type[1]) for page in doc for annot in page.annots()]
        assert sorted(kinds) == [
            (0, "Highlight"),
            (1, "StrikeOut"),
            (1, "Underline"),
            (2, "Ink"),
            (2, "Text"),
        ]
        note = next(a for a in doc[2].annots() if a.type[1] == "Text")
        assert note.info["content"] == "Hỏi lại chủ tọa"
        assert [entry[2] for entry in doc.get_toc()] == [5]
    with pytest.raises(ValueError, match="page 9"):
        annotated_copy(pdf, [Note(DOC, "bookmark", 8)])


def test_check_verifies_every_note_signature(book: AnnotationBook) -> None:
    from ecabinet.client.check import check_profile

    note_id = book.add(NOTES[3])
    book.edit(note_id, NOTES[3])
    assert check_profile(book.profile).ok
    with book.profile.store.session() as session:
        row = session.scalars(select(AnnotationRevision)).first()
        assert row is not None
        row.record = row.record.replace("Hỏi lại", "Hỏi lai")
    report = check_profile(book.profile)
    assert not report.ok and "changed outside ecabinet" in report.problems[0]


def _rows(book: AnnotationBook) -> list[AnnotationRevision]:
    with book.profile.store.session() as session:
        return list(session.scalars(select(AnnotationRevision)))


def test_rows_moved_removed_or_rolled_back_are_caught(book: AnnotationBook) -> None:
    from sqlalchemy import delete, update

    from ecabinet.client.store import AnnotationNote

    first, second, gone = book.add_many([NOTES[3], NOTES[0], NOTES[5]])
    book.edit(first, Note(DOC, "note", 2, rects=((300, 400, 300, 400),), body="Đã hỏi"))
    book.delete(gone)
    store = book.profile.store
    with store.session() as session:  # note 2 shows note 1's sealed first revision
        text = session.get(AnnotationRevision, (first, 1)).record  # type: ignore[union-attr]
        session.execute(
            update(AnnotationRevision)
            .where(AnnotationRevision.note_id == second)
            .values(record=text)
        )
    with store.session() as session:  # the tombstone removed: the deleted note would return
        session.execute(
            delete(AnnotationRevision).where(
                AnnotationRevision.note_id == gone, AnnotationRevision.revision == 2
            )
        )
        session.execute(
            update(AnnotationNote).where(AnnotationNote.note_id == gone).values(deleted=False)
        )
    with store.session() as session:  # the latest edit removed: a silent roll-back
        session.execute(
            delete(AnnotationRevision).where(
                AnnotationRevision.note_id == first, AnnotationRevision.revision == 2
            )
        )
    loaded = {n.id: n for n in book.notes(include_deleted=True)}
    assert not loaded[second].trusted and not loaded[gone].trusted and not loaded[first].trusted
    assert all(
        "outside ecabinet" in (loaded[i].problem or "") or "does not" in (loaded[i].problem or "")
        for i in (first, second, gone)
    )


def test_an_unreadable_record_is_shown_as_a_problem_not_a_crash(book: AnnotationBook) -> None:
    note_id = book.add(NOTES[0])
    with book.profile.store.session() as session:
        row = session.scalars(select(AnnotationRevision)).one()
        row.record = row.record[:40]  # cut short: not JSON any more
    (shown,) = book.notes(DOC)
    assert shown.id == note_id and not shown.trusted
    assert shown.note.kind == "highlight" and shown.note.page == 0  # from the state row


def test_ecabinet_verify_checks_an_exported_bundle(book: AnnotationBook, tmp_path: Path) -> None:
    import io
    import json

    from ecabinet.cli import main
    from ecabinet.client.verify import VerifyError, run_verify

    note_id = book.add(NOTES[3])
    path = tmp_path / "notes.json"
    path.write_text(json.dumps(book.export_bundle([note_id]), ensure_ascii=False), "utf-8")
    out = io.StringIO()
    assert run_verify(path=path, out=out) == 0
    assert "1 notes" in out.getvalue() and f"OK  note {note_id}" in out.getvalue()
    assert main(["verify", str(path), "--profile", str(book.profile.directory)]) == 0
    path.write_text(path.read_text("utf-8").replace("Hỏi lại", "Hỏi lai"), "utf-8")
    with pytest.raises(VerifyError, match="changed"):
        run_verify(path=path, out=io.StringIO())
    assert main(["verify", str(path)]) == 1
