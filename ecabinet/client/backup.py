"""End-to-end encrypted backup of a user's notes, and restoring it on a new device.

The backup key is 32 random bytes made on this device and kept in its secret store; the user
sees it once, as a *recovery key*, and types it on a new device.  Each signed revision is
encrypted (AES-GCM, the item's name as associated data, so an item cannot be passed off as
another) and uploaded through the outbox: it goes with the next sync, also after offline
work.  The server stores ciphertext only.  A ``check`` item tells a wrong recovery key from a
damaged backup; ``keys/…`` items carry the public keys of the user's devices, so the new one
can verify every signature of what it restores.
"""

from __future__ import annotations

import base64
import binascii
import json
import os
from dataclasses import dataclass, field
from datetime import datetime

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from sqlalchemy import select, update

from ecabinet.client import outbox
from ecabinet.client.annotations import AnnotationBook
from ecabinet.client.api import ApiClient
from ecabinet.client.store import AnnotationRevision, OutboxEntry, TrustedKey
from ecabinet.core.annotations import AnnotationError

__all__ = [
    "BackupError",
    "BackupStatus",
    "NoteBackup",
    "RestoreReport",
    "format_recovery_key",
    "parse_recovery_key",
]

BACKUP_KEY = "annotation-backup-key"
_CHECK = b"ecabinet annotation backup 1"
_PATH = "/annotations/backup"


class BackupError(Exception):
    """The backup cannot be made or restored; the message says what to do."""


def format_recovery_key(key: bytes) -> str:
    """The key as people copy it: base32 in groups of four (no padding, no look-alikes)."""
    text = base64.b32encode(key).decode().rstrip("=")
    return "-".join(text[i : i + 4] for i in range(0, len(text), 4))


def parse_recovery_key(text: str) -> bytes:
    """The key from what the person typed (case, spaces and dashes do not matter).

    Raises:
        BackupError: it is not a recovery key at all.
    """
    cleaned = "".join(ch for ch in text.upper() if ch.isalnum())
    cleaned = cleaned.replace("0", "O").replace("1", "I").replace("8", "B")
    try:
        key = base64.b32decode(cleaned + "=" * (-len(cleaned) % 8))
    except (binascii.Error, ValueError) as exc:
        raise BackupError("This is not a recovery key: check each group of four.") from exc
    if len(key) != 32:
        raise BackupError("This recovery key is too short or too long: check each group of four.")
    return key


def _seal(key: bytes, item: str, plaintext: bytes) -> str:
    nonce = os.urandom(12)
    return base64.b64encode(nonce + AESGCM(key).encrypt(nonce, plaintext, item.encode())).decode()


def _open(key: bytes, item: str, ciphertext: str) -> bytes:
    raw = base64.b64decode(ciphertext)
    return AESGCM(key).decrypt(raw[:12], raw[12:], item.encode())


@dataclass
class RestoreReport:
    """What a restore brought back."""

    notes: int = 0
    revisions: int = 0
    problems: list[str] = field(default_factory=list)  # notes that did not verify: not kept


@dataclass(frozen=True)
class BackupStatus:
    """Where the backup stands, as the settings show it."""

    enabled: bool
    pending: int = 0  # encrypted items waiting for the next sync
    last_sent_at: datetime | None = None  # the last item the server accepted
    refusal: str | None = None  # the server's latest refusal of an item, in its words
    refused_at: datetime | None = None


class NoteBackup:
    """The encrypted backup of one profile's notes."""

    def __init__(self, book: AnnotationBook) -> None:
        self.book = book
        self.profile = book.profile

    @property
    def enabled(self) -> bool:
        return self.profile.secrets.get(BACKUP_KEY) is not None

    def enable(self, api: ApiClient) -> str:
        """Start backing up; returns the recovery key, to be shown to the person once.

        Raises:
            BackupError: the backup is on already, or another device of this user started one
                (restore it with its recovery key instead: a second key would split it).
        """
        stored = self.profile.secrets.get(BACKUP_KEY)
        if stored is not None:
            raise BackupError("The backup is already on; its recovery key was shown when it began.")
        items = api.get_json(_PATH)["items"]
        if any(item["item"] == "check" for item in items):
            raise BackupError(
                "Your notes are already backed up from another device. Restore them here with "
                "that backup's recovery key; this device then joins the same backup."
            )
        key = os.urandom(32)
        self.profile.secrets.set(BACKUP_KEY, base64.b64encode(key).decode())
        self._queue("check", _CHECK, key)
        self.queue_pending()
        return format_recovery_key(key)

    def queue_pending(self) -> int:
        """Queue every revision (and device key) not yet in the backup; the sync sends them."""
        key = self._key()
        if key is None:
            return 0
        queued = 0
        with self.profile.store.session() as session:
            keys = list(session.scalars(select(TrustedKey)))
            rows = list(
                session.scalars(
                    select(AnnotationRevision).where(AnnotationRevision.backed_up.is_(False))
                )
            )
        for trusted in keys:
            if self.profile.setting(f"backup_key_sent:{trusted.key_id}") is None:
                self._queue(f"keys/{trusted.key_id}", trusted.public_key.encode(), key)
                self.profile.store.set_setting(f"backup_key_sent:{trusted.key_id}", "1")
        for row in rows:
            self._queue(f"notes/{row.note_id}/{row.revision}", row.record.encode(), key)
            with self.profile.store.session() as session:
                session.execute(
                    update(AnnotationRevision)
                    .where(
                        AnnotationRevision.note_id == row.note_id,
                        AnnotationRevision.revision == row.revision,
                    )
                    .values(backed_up=True)
                )
            queued += 1
        return queued

    def status(self) -> BackupStatus:
        """Whether the backup is on, what waits to be sent, when it last went, and the last
        refusal (uploads go through the outbox, which keeps the server's answer)."""
        if not self.enabled:
            return BackupStatus(False)
        with self.profile.store.session() as session:
            rows = list(
                session.execute(
                    select(OutboxEntry.done_at, OutboxEntry.result)
                    .where(OutboxEntry.path == _PATH)
                    .order_by(OutboxEntry.id)
                )
            )
        pending, sent_at, refusal, refused_at = 0, None, None, None
        for done_at, result in rows:
            if done_at is None:
                pending += 1
                continue
            answer = json.loads(result or "{}")
            if answer.get("ok"):
                sent_at = done_at if sent_at is None else max(sent_at, done_at)
            else:
                refusal, refused_at = str(answer.get("message") or answer.get("code")), done_at
        return BackupStatus(True, pending, sent_at, refusal, refused_at)

    def restore(self, api: ApiClient, recovery_key: str) -> RestoreReport:
        """Bring back every note of the backup onto this device, each one verified.

        Raises:
            BackupError: a wrong recovery key, or no backup; nothing is changed then.
        """
        key = parse_recovery_key(recovery_key)
        items = {i["item"]: i["ciphertext"] for i in api.get_json(_PATH)["items"]}
        if "check" not in items:
            raise BackupError("This account has no backup of notes yet.")
        try:
            check = _open(key, "check", items["check"])
        except (InvalidTag, ValueError) as exc:
            raise BackupError(
                "This recovery key does not open this account's backup. Check it and try "
                "again; nothing was changed."
            ) from exc
        if check != _CHECK:
            raise BackupError("The backup's check item is not one ecabinet wrote.")
        report = RestoreReport()
        in_backup: set[str] = set()
        for name, ciphertext in items.items():
            if name.startswith("keys/"):
                public = self._decrypt(key, name, ciphertext, report)
                if public is not None:
                    in_backup.add(self.book.trust(public.decode(), "restored from the backup"))
        histories: dict[str, list[tuple[int, dict[str, object]]]] = {}
        for name, ciphertext in items.items():
            if not name.startswith("notes/"):
                continue
            plain = self._decrypt(key, name, ciphertext, report)
            if plain is None:
                continue
            _, note_id, revision = name.split("/")
            histories.setdefault(note_id, []).append((int(revision), json.loads(plain)))
        for note_id, revisions in histories.items():
            records = [record for _, record in sorted(revisions, key=lambda r: r[0])]
            try:
                loaded = self.book.import_history(records)
            except AnnotationError as exc:
                report.problems.append(f"note {note_id}: {exc}")
                continue
            if loaded.problem:
                report.problems.append(f"note {note_id}: {loaded.problem}")
            report.notes += 1
            report.revisions += loaded.revisions
        self.profile.secrets.set(BACKUP_KEY, base64.b64encode(key).decode())
        with self.profile.store.session() as session:  # what came from the backup is in it
            for note_id, revisions in histories.items():
                session.execute(
                    update(AnnotationRevision)
                    .where(
                        AnnotationRevision.note_id == note_id,
                        AnnotationRevision.revision.in_([number for number, _ in revisions]),
                    )
                    .values(backed_up=True)
                )
        for key_id in in_backup:  # this device's own key is still to be sent
            self.profile.store.set_setting(f"backup_key_sent:{key_id}", "1")
        return report

    def _decrypt(
        self, key: bytes, name: str, ciphertext: str, report: RestoreReport
    ) -> bytes | None:
        try:
            return _open(key, name, ciphertext)
        except (InvalidTag, ValueError, binascii.Error):
            report.problems.append(f"{name} cannot be decrypted: it was changed on the server")
            return None

    def _key(self) -> bytes | None:
        stored = self.profile.secrets.get(BACKUP_KEY)
        return base64.b64decode(stored) if stored else None

    def _queue(self, item: str, plaintext: bytes, key: bytes) -> None:
        outbox.enqueue(
            self.profile.store,
            "PUT",
            _PATH,
            {"item": item, "ciphertext": _seal(key, item, plaintext)},
        )
