"""A profile: one user on one server, with its database, vault and secrets.

Everything the app shows is read from here, so it works offline.  Reading a document checks
the meeting's ``offline_until`` and the document's integrity; a damaged document is marked so
the next sync fetches it again.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import os
import secrets as pysecrets
import shutil
import uuid
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from sqlalchemy import delete, select

from ecabinet.client.changes import ChangeSummary, summarize
from ecabinet.client.secrets import SecretStore, open_secret_store
from ecabinet.client.store import (
    AnnotationNote,
    DocumentRow,
    MeetingRow,
    OutboxEntry,
    PacketVersion,
    Setting,
    Store,
    utcnow,
)
from ecabinet.client.vault import Vault, VaultDamaged
from ecabinet.core.signing import public_key_from_b64, public_key_to_b64

VAULT_KEY = "vault-key"
DEVICE_KEY = "device-key"
TOKEN = "token"  # noqa: S105 - the name of the secret, not a secret


def _key_check(key: bytes) -> str:
    """A value that tells whether a key is this profile's, without revealing the key."""
    return hmac.new(key, b"ecabinet vault key check", hashlib.sha256).hexdigest()[:32]


class ProfileError(Exception):
    """Something about the profile stops the action; the message says what to do."""


class MeetingLocked(ProfileError):
    """The meeting's offline period ended; its documents open again after a sync."""


@dataclass(frozen=True)
class LocalMeeting:
    """A meeting as this device has it."""

    id: str
    title: str
    starts_at: str
    current_version: int | None
    previous_version: int | None
    offline_until: datetime | None
    last_synced_at: datetime | None
    last_error: str | None
    seen_version: int | None = None  # the version last opened and taken in


class Profile:
    """Opened profile directory (created on first use, readable by its owner only)."""

    def __init__(
        self,
        directory: Path,
        *,
        secrets: SecretStore | None = None,
        ask_passphrase: Callable[[], str | None] | None = None,
    ) -> None:
        self.directory = directory
        directory.mkdir(parents=True, exist_ok=True, mode=0o700)
        self.store = Store(directory / "profile.sqlite3")
        namespace = self.store.get_setting("profile_id")
        if namespace is None:
            namespace = uuid.uuid4().hex
            self.store.set_setting("profile_id", namespace)
        self.secrets = secrets or open_secret_store(directory, namespace, ask_passphrase)
        self.vault = Vault(directory / "vault", self._vault_key())

    def close(self) -> None:
        self.store.close()

    def _vault_key(self) -> bytes:
        """The key of this profile's vault, checked against the value kept in the profile.

        A different secret store (the desktop's keyring vs a passphrase file used by a
        script) has no key or another one: that is refused with what to do, never taken as a
        reason to drop the documents.

        Raises:
            ProfileError: the secret store does not hold this profile's vault key.
        """
        stored = self.secrets.get(VAULT_KEY)
        expected = self.store.get_setting("vault_key_check")
        if stored:
            key = base64.b64decode(stored)
            if expected is not None and expected != _key_check(key):
                raise ProfileError(self._wrong_store_message())
            if expected is None:
                self.store.set_setting("vault_key_check", _key_check(key))
            return key
        if expected is not None:
            raise ProfileError(self._wrong_store_message())
        key = pysecrets.token_bytes(32)
        self.secrets.set(VAULT_KEY, base64.b64encode(key).decode())
        self.store.set_setting("vault_key_check", _key_check(key))
        return key

    def _wrong_store_message(self) -> str:
        return (
            f"The key that decrypts the documents of {self.directory} is not in this secret "
            f"store ({self.secrets.kind}). Use the same keyring or passphrase as the app that "
            "made this profile, or use a new profile directory."
        )

    # --- identity -------------------------------------------------------------------------

    def setting(self, name: str) -> str | None:
        return self.store.get_setting(name)

    def device_key(self) -> Ed25519PrivateKey:
        """This installation's signing key, made on first use and kept in the secret store."""
        stored = self.secrets.get(DEVICE_KEY)
        if stored:
            return Ed25519PrivateKey.from_private_bytes(base64.b64decode(stored))
        key = Ed25519PrivateKey.generate()
        raw = key.private_bytes(
            serialization.Encoding.Raw,
            serialization.PrivateFormat.Raw,
            serialization.NoEncryption(),
        )
        self.secrets.set(DEVICE_KEY, base64.b64encode(raw).decode())
        return key

    def device_public_key_b64(self) -> str:
        return public_key_to_b64(self.device_key().public_key())

    def pinned_server_key(self) -> Ed25519PublicKey | None:
        text = self.setting("server_key")
        return public_key_from_b64(text) if text else None

    def token(self) -> str | None:
        return self.secrets.get(TOKEN)

    # --- reading ----------------------------------------------------------------------------

    def meetings(self) -> list[LocalMeeting]:
        with self.store.session() as session:
            rows = session.scalars(select(MeetingRow).order_by(MeetingRow.starts_at.desc()))
            return [
                LocalMeeting(
                    r.id,
                    r.title,
                    r.starts_at,
                    r.current_version,
                    r.previous_version,
                    r.offline_until,
                    r.last_synced_at,
                    r.last_error,
                    r.seen_version,
                )
                for r in rows
            ]

    def manifest(
        self, meeting_id: str, version: int | None = None, *, first_arriving: bool = False
    ) -> dict[str, Any] | None:
        """The current (or the given) packet version's manifest, as signed by the server.

        Args:
            first_arriving: for a meeting with no current version yet, return the version
                being downloaded, so its documents can be read as they arrive.  A meeting
                that has a current version always shows that one until the next is complete.
        """
        with self.store.session() as session:
            meeting = session.get(MeetingRow, meeting_id)
            if meeting is None:
                return None
            wanted = version if version is not None else meeting.current_version
            if wanted is None and first_arriving:
                wanted = session.scalar(
                    select(PacketVersion.version)
                    .where(PacketVersion.meeting_id == meeting_id)
                    .order_by(PacketVersion.version.desc())
                    .limit(1)
                )
            if wanted is None:
                return None
            row = session.get(PacketVersion, (meeting_id, wanted))
            if row is None or (row.state == "pending" and not first_arriving):
                return None
            record: dict[str, Any] = json.loads(row.record)
            manifest: dict[str, Any] = record["manifest"]
            return manifest

    # --- what changed since the delegate last looked ---------------------------------------

    def mark_opened(self, meeting_id: str, version: int) -> None:
        """The delegate opened ``version`` of the meeting in the app.

        It becomes the version "what changed" starts from, unless an older opened version
        is still waiting for its summary to be seen: opening the meeting is not reading what
        changed in it.
        """
        with self.store.session() as session:
            row = session.get(MeetingRow, meeting_id)
            if row is not None and row.seen_version is None:
                row.seen_version = version

    def mark_seen(self, meeting_id: str, version: int) -> None:
        """The delegate has seen what changed up to ``version`` (never moves backwards).

        The older version's documents may then go at the next sync.
        """
        with self.store.session() as session:
            row = session.get(MeetingRow, meeting_id)
            if row is not None and (row.seen_version is None or row.seen_version < version):
                row.seen_version = version

    def change_summary(self, meeting_id: str) -> ChangeSummary | None:
        """What changed from the version the delegate last opened to the current one.

        None when there is nothing newer (or the meeting was never opened on this device).
        The note gathers the secretary's notes of every version in between that this device
        still holds, oldest first.
        """
        with self.store.session() as session:
            meeting = session.get(MeetingRow, meeting_id)
            if meeting is None:
                return None
            seen, current = meeting.seen_version, meeting.current_version
            if seen is None or current is None or seen >= current:
                return None
            rows = session.scalars(
                select(PacketVersion)
                .where(
                    PacketVersion.meeting_id == meeting_id,
                    PacketVersion.version >= seen,
                    PacketVersion.version <= current,
                    PacketVersion.state == "kept",
                )
                .order_by(PacketVersion.version)
            )
            manifests = {row.version: json.loads(row.record)["manifest"] for row in rows}
        if seen not in manifests or current not in manifests:
            return None
        summary = summarize(manifests[seen], manifests[current])
        notes: list[str] = []
        for version in sorted(v for v in manifests if v > seen):
            note = str(manifests[version].get("note") or "").strip()
            if note and note not in notes:
                notes.append(note)
        return replace(summary, note="\n".join(notes))

    def check_open(self, meeting_id: str, now: datetime | None = None) -> None:
        """Refuse when ``offline_until`` passed and no sync has succeeded since.

        Raises:
            MeetingLocked: with what to do.
        """
        now = now or utcnow()
        with self.store.session() as session:
            meeting = session.get(MeetingRow, meeting_id)
            if meeting is None or meeting.offline_until is None or now <= meeting.offline_until:
                return
            synced = meeting.last_synced_at
            if synced is not None and synced >= meeting.offline_until:
                return
        raise MeetingLocked(
            "The documents of this meeting may be read offline only until "
            f"{meeting.offline_until:%Y-%m-%d %H:%M} UTC. Connect and sync to open them again."
        )

    def read_document(self, meeting_id: str, sha256: str) -> bytes:
        """The bytes of a document of a meeting's current packet, verified.

        Raises:
            MeetingLocked: past the meeting's offline period.
            ProfileError: the document is not (yet) on this device, or is damaged (it is then
                marked, and the next sync fetches it again).
        """
        self.check_open(meeting_id)
        manifest = self.manifest(meeting_id, first_arriving=True)
        if manifest is None or sha256 not in manifest["documents"]:
            raise ProfileError("This document is not part of the meeting's packet on this device.")
        return self._read_verified(sha256)

    def kept_documents(self, meeting_id: str) -> dict[str, str]:
        """Every version of a meeting's documents still on this device: SHA-256 → title.

        That is every document of a packet version stored here (the current one too), and
        every document a note could not leave when the secretary replaced it (kept for that
        note, see the sync's garbage collection), however many versions ago.  A document
        known only through its notes takes the title of the one that replaced it.
        """
        titles: dict[str, str] = {}
        with self.store.session() as session:
            records = session.scalars(
                select(PacketVersion.record)
                .where(PacketVersion.meeting_id == meeting_id)
                .order_by(PacketVersion.version.desc())
            )
            for record in records:
                for sha, info in json.loads(record)["manifest"]["documents"].items():
                    titles.setdefault(sha, str(info.get("title", "")))
            left = list(
                session.execute(
                    select(AnnotationNote.document, AnnotationNote.orphaned_by).where(
                        AnnotationNote.orphaned_by.is_not(None),
                        AnnotationNote.deleted.is_(False),
                    )
                )
            )
        growing = True
        while growing:  # a document replaced twice: its notes point to the middle version
            growing = False
            for document, replaced_by in left:
                if replaced_by in titles and document not in titles:
                    titles[document] = titles[replaced_by]
                    growing = True
        return titles

    def read_kept_document(self, meeting_id: str, sha256: str) -> bytes:
        """The bytes of any version of a meeting's document still on this device, verified.

        For reading an older version (read-only), e.g. where notes stayed that could not be
        placed on the new one.

        Raises:
            MeetingLocked: past the meeting's offline period.
            ProfileError: no version of the meeting has this document on this device, or it
                is damaged.
        """
        self.check_open(meeting_id)
        if sha256 not in self.kept_documents(meeting_id):
            raise ProfileError(
                "This version of the document is no longer on this device: only the current "
                "and the previous packet, and documents that still carry your notes, are kept."
            )
        return self._read_verified(sha256)

    def _read_verified(self, sha256: str) -> bytes:
        try:
            return self.vault.read_bytes(sha256)
        except FileNotFoundError as exc:
            raise ProfileError(
                "This document is not downloaded yet; it opens as soon as the sync has fetched it."
            ) from exc
        except VaultDamaged as exc:
            self.mark_damaged(sha256)
            raise ProfileError(
                "This document is damaged on this device. It will be downloaded again at the "
                "next sync."
            ) from exc

    def mark_damaged(self, sha256: str) -> None:
        with self.store.session() as session:
            row = session.get(DocumentRow, sha256)
            if row is not None:
                row.damaged = True

    # --- revocation -------------------------------------------------------------------------

    def wipe(self) -> None:
        """Remove every document, manifest, key and token of this profile (device revoked)."""
        shutil.rmtree(self.directory / "vault", ignore_errors=True)
        with self.store.session() as session:
            for model in (PacketVersion, MeetingRow, DocumentRow, OutboxEntry):
                session.execute(delete(model))
            session.execute(delete(Setting).where(Setting.name == "vault_key_check"))
        for name in (TOKEN, DEVICE_KEY, VAULT_KEY):
            self.secrets.delete(name)
        secret_file = self.directory / "secrets.enc"
        if secret_file.exists():
            secret_file.unlink()
        self.store.set_setting("wiped_at", utcnow().isoformat())
        os.sync()
