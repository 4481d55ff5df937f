"""Exports written whole or not at all; older versions of documents kept readable; pen widths."""

from __future__ import annotations

import errno
from collections.abc import Iterator
from pathlib import Path

import pytest

from ecabinet.client import exports
from ecabinet.client.annotations import AnnotationBook
from ecabinet.client.exports import ExportError, write_atomically
from ecabinet.client.profile import Profile, ProfileError
from ecabinet.client.secrets import MemorySecrets
from ecabinet.client.store import PacketVersion
from ecabinet.core.annotations import AnnotationError, Note
from tests.support import add_local_meeting, make_text_pdf

DOC = "ab" * 32


@pytest.fixture
def profile(tmp_path: Path) -> Iterator[Profile]:
    opened = Profile(tmp_path / "profile", secrets=MemorySecrets())
    yield opened
    opened.close()


def test_a_file_is_written_whole_or_the_old_one_stays(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "copy.pdf"
    write_atomically(target, b"first")
    assert target.read_bytes() == b"first"
    write_atomically(target, b"second")
    assert target.read_bytes() == b"second"

    real_fsync = exports.fsync

    def full(fd: int) -> None:
        real_fsync(fd)
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(exports, "fsync", full)
    with pytest.raises(ExportError, match="disk is full"):
        write_atomically(target, b"third, never complete")
    assert target.read_bytes() == b"second"
    assert [p.name for p in tmp_path.iterdir()] == ["copy.pdf"]  # no temporary file left

    with pytest.raises(ExportError, match="does not exist"):
        write_atomically(tmp_path / "nowhere" / "copy.pdf", b"x")
    blocker = tmp_path / "a-file"
    blocker.write_bytes(b"")
    with pytest.raises(ExportError, match="does not exist"):
        write_atomically(blocker / "copy.pdf", b"x")  # its "folder" is a file


def test_older_versions_stay_readable_while_their_notes_need_them(profile: Profile) -> None:
    old_pdf, new_pdf = make_text_pdf(["Bản cũ"]), make_text_pdf(["Bản mới"])
    old = add_local_meeting(profile, "m1", "Kỳ họp", {"Báo cáo": old_pdf})["Báo cáo"]
    new = add_local_meeting(profile, "m1", "Kỳ họp", {"Báo cáo": new_pdf}, version=2)["Báo cáo"]
    with pytest.raises(ProfileError, match="not part of the meeting's packet"):
        profile.read_document("m1", old)  # the current packet only
    assert profile.read_kept_document("m1", old) == old_pdf
    assert profile.read_kept_document("m1", new) == new_pdf
    assert profile.kept_documents("m1") == {old: "Báo cáo", new: "Báo cáo"}
    with pytest.raises(ProfileError, match="no longer on this device"):
        profile.read_kept_document("m1", DOC)
    with pytest.raises(ProfileError, match="no longer on this device"):
        profile.read_kept_document("other", old)  # another meeting's document is not reached

    # Two versions later the first packet is gone, but a note left on its document keeps it
    # known (under the title of what replaced it).
    book = AnnotationBook(profile)
    note_id = book.add(Note(old, "bookmark", 0))
    book.set_orphaned(note_id, new)
    with profile.store.session() as session:
        session.delete(session.get(PacketVersion, ("m1", 1)))
    assert profile.kept_documents("m1") == {new: "Báo cáo", old: "Báo cáo"}
    assert profile.read_kept_document("m1", old) == old_pdf


def test_a_pen_width_is_signed_only_when_chosen() -> None:
    ink = Note(DOC, "ink", 0, strokes=(((1, 2), (3, 4)),))
    assert "width" not in ink.payload_fields()["geometry"]  # older notes keep their payload
    wide = Note(DOC, "ink", 0, strokes=(((1, 2), (3, 4)),), width=2.5)
    assert wide.payload_fields()["geometry"]["width"] == 250
    assert Note.from_payload(wide.payload_fields()).width == 2.5
    assert Note.from_payload(ink.payload_fields()).width == 0
    with pytest.raises(AnnotationError, match="at most"):
        Note(DOC, "ink", 0, strokes=(((1, 2), (3, 4)),), width=80).check()
