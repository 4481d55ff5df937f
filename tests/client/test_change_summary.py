"""The profile remembers the version last opened and tells what changed since."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from ecabinet.client.pagetext import document_diffs, indexed_pages, page_texts
from ecabinet.client.profile import Profile, ProfileError
from ecabinet.client.search import Indexer
from ecabinet.client.search.extract import extract_pages
from ecabinet.client.secrets import MemorySecrets
from tests.support import add_local_meeting, make_text_pdf

OLD = make_text_pdf(["Chương trình kỳ họp", "Dự toán tăng mười phần trăm", "Bế mạc"])
NEW = make_text_pdf(["Chương trình kỳ họp", "Dự toán tăng mười hai phần trăm", "Bế mạc"])


@pytest.fixture
def profile(tmp_path: Path) -> Iterator[Profile]:
    opened = Profile(tmp_path / "profile", secrets=MemorySecrets())
    yield opened
    opened.close()


def test_nothing_to_tell_until_a_newer_version_of_an_opened_meeting(profile: Profile) -> None:
    add_local_meeting(profile, "m1", "Kỳ họp", {"Dự toán": OLD})
    assert profile.change_summary("m1") is None  # never opened
    profile.mark_opened("m1", 1)
    assert profile.change_summary("m1") is None  # nothing newer
    assert profile.meetings()[0].seen_version == 1
    assert profile.change_summary("unknown") is None


def test_summary_from_the_opened_version_until_seen(profile: Profile) -> None:
    old = add_local_meeting(profile, "m1", "Kỳ họp", {"Dự toán": OLD})
    profile.mark_opened("m1", 1)
    new = add_local_meeting(profile, "m1", "Kỳ họp", {"Dự toán": NEW}, version=2)
    profile.mark_opened("m1", 2)  # opening the meeting is not reading what changed
    summary = profile.change_summary("m1")
    assert summary is not None
    assert (summary.old_version, summary.new_version) == (1, 2)
    [change] = summary.documents
    assert (change.kind, change.old_sha256, change.new_sha256) == (
        "replaced",
        old["Dự toán"],
        new["Dự toán"],
    )
    [diff] = document_diffs(profile, "m1", change, extract=extract_pages)
    assert (diff.new_page, diff.inserted, diff.removed) == (1, ["hai"], [])
    profile.mark_seen("m1", 2)
    assert profile.change_summary("m1") is None
    profile.mark_seen("m1", 1)  # never backwards
    assert profile.meetings()[0].seen_version == 2


def test_page_text_comes_from_the_index_once_it_is_there(profile: Profile) -> None:
    shas = add_local_meeting(profile, "m1", "Kỳ họp", {"Dự toán": OLD})
    sha = shas["Dự toán"]
    assert indexed_pages(profile, sha) is None
    Indexer(profile, workers=1).run()
    expected = ["Chương trình kỳ họp", "Dự toán tăng mười phần trăm", "Bế mạc"]
    assert indexed_pages(profile, sha) == expected

    def must_not_extract(data: bytes) -> object:
        raise AssertionError("read again although indexed")

    assert page_texts(profile, sha, extract=must_not_extract) == expected  # type: ignore[arg-type]


def test_a_document_no_longer_on_the_device_is_said_plainly(profile: Profile) -> None:
    shas = add_local_meeting(profile, "m1", "Kỳ họp", {"Dự toán": OLD})
    profile.vault.remove(shas["Dự toán"])
    with pytest.raises(ProfileError, match="no longer on this device"):
        page_texts(profile, shas["Dự toán"], extract=extract_pages)
