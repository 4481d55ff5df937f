"""Notes backed up end-to-end encrypted through the real server, restored on a second device."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from ecabinet.client.annotations import AnnotationBook
from ecabinet.client.api import ApiClient
from ecabinet.client.backup import BackupError, NoteBackup, format_recovery_key
from ecabinet.client.profile import Profile
from ecabinet.client.secrets import MemorySecrets
from ecabinet.client.sync import SyncEngine
from ecabinet.core.anchoring import Quote
from ecabinet.core.annotations import Note
from ecabinet.server.demo import DEMO_MEETING_ID, DEMO_PASSWORD
from tests.e2e.conftest import RunningServer, http_login

pytestmark = pytest.mark.slow


@pytest.fixture
def server(run_server: Callable[..., RunningServer]) -> RunningServer:
    return run_server("--demo")


@pytest.fixture
def device(server: RunningServer, tmp_path: Path) -> Iterator[Callable[[str], SyncEngine]]:
    opened: list[SyncEngine] = []

    def make(name: str) -> SyncEngine:
        profile = Profile(tmp_path / name, secrets=MemorySecrets())
        engine = SyncEngine(profile, ApiClient(server.url))
        engine.login("delegate1", DEMO_PASSWORD)
        engine.sync()
        opened.append(engine)
        return engine

    yield make
    for engine in opened:
        engine.api.close()
        engine.profile.close()


def test_notes_are_backed_up_encrypted_and_restored_on_a_second_device(
    server: RunningServer, device: Callable[[str], SyncEngine]
) -> None:
    laptop = device("laptop")
    manifest = laptop.profile.manifest(DEMO_MEETING_ID)
    assert manifest is not None
    document = sorted(manifest["documents"])[0]
    book = AnnotationBook(laptop.profile)
    kept, edited, deleted = book.add_many(
        [
            Note(document, "highlight", 0, rects=((72, 90, 300, 102),), quote=Quote(0, "Kỳ họp")),
            Note(document, "note", 1, rects=((200, 300, 200, 300),), body="Hỏi lại Sở Tài chính"),
            Note(document, "bookmark", 2),
        ]
    )
    book.edit(edited, Note(document, "note", 1, rects=((200, 300, 200, 300),), body="Đã hỏi"))
    book.delete(deleted)
    backup = NoteBackup(book)
    recovery = backup.enable(laptop.api)
    assert len(recovery.replace("-", "")) == 52
    laptop.sync()  # the outbox carries the backup

    # What the server holds is ciphertext only.
    with http_login(server, "delegate1") as http:
        items = http.get(f"{server.api}/annotations/backup", timeout=30).json()["items"]
    stored = json.dumps(items, ensure_ascii=False)
    assert len(items) == 1 + 1 + 5  # check, one device key, five revisions
    assert "Hỏi lại" not in stored and "Đã hỏi" not in stored and document not in stored

    phone = device("phone")
    phone_book = AnnotationBook(phone.profile)
    with pytest.raises(BackupError, match="already backed up from another device"):
        NoteBackup(phone_book).enable(phone.api)  # one backup, one key, per user
    with pytest.raises(BackupError, match="does not open"):
        NoteBackup(phone_book).restore(phone.api, format_recovery_key(b"\x01" * 32))
    with pytest.raises(BackupError, match="too short"):
        NoteBackup(phone_book).restore(phone.api, "not-a-key")
    assert phone_book.notes(include_deleted=True) == []

    report = NoteBackup(phone_book).restore(phone.api, recovery.lower().replace("-", " "))
    assert (report.notes, report.revisions, report.problems) == (3, 5, [])
    restored = {n.id: n for n in phone_book.notes(include_deleted=True)}
    assert restored[kept].trusted and restored[kept].note.quote == Quote(0, "Kỳ họp")
    assert restored[edited].note.body == "Đã hỏi" and restored[edited].revisions == 2
    assert restored[deleted].note.deleted

    # Work on the second device goes into the same backup at its next sync.
    phone_book.edit(
        kept,
        Note(
            document,
            "highlight",
            0,
            rects=((72, 90, 300, 102),),
            quote=Quote(0, "Kỳ họp"),
            colour="#7fd4ff",
        ),
    )
    assert NoteBackup(phone_book).queue_pending() == 1
    phone.sync()
    with http_login(server, "delegate1") as http:
        after = http.get(f"{server.api}/annotations/backup", timeout=30).json()["items"]
    assert len(after) == len(items) + 2  # the phone's key and the new revision
    # Another user sees nothing of it.
    with http_login(server, "delegate2") as http:
        theirs = http.get(f"{server.api}/annotations/backup", timeout=30)
    assert theirs.json() == {"items": []}
