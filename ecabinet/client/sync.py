"""The sync engine: fetch signed manifests, download what is missing, switch versions atomically.

A sync runs in three steps.  First every meeting's manifest is fetched (conditionally) and
checked against the server key pinned at first contact; a manifest that fails is refused and
the version on disk stays in use.  Then every document not yet in the vault is downloaded,
resuming interrupted downloads with ``Range`` and checking each against its SHA-256.  Last, a
meeting whose documents are all present switches to the new version in one transaction,
keeping the previous version for "what changed" views.  Progress is reported through a
callback so the app can draw bars and ``ecabinet sync`` a line on stderr.
"""

from __future__ import annotations

import contextlib
import errno
import json
import platform
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from functools import partial
from typing import Any

from filelock import FileLock, Timeout
from sqlalchemy import delete, select

from ecabinet.client.api import ApiClient, ApiError, DeviceRevoked, ServerUnreachable
from ecabinet.client.outbox import replay_outbox
from ecabinet.client.profile import TOKEN, Profile
from ecabinet.client.store import AnnotationNote, DocumentRow, MeetingRow, PacketVersion, utcnow
from ecabinet.client.vault import VaultMismatch, VaultWriter
from ecabinet.core.signing import (
    SignatureError,
    fingerprint,
    key_id,
    public_key_from_b64,
    verify_record,
)

DOWNLOAD_ATTEMPTS = 20
NO_PROGRESS_ATTEMPTS = 2


class SyncError(Exception):
    """A sync cannot go on at all (no login, revoked, key changed, disk full)."""


class ServerKeyChanged(SyncError):
    """The server presents another signing key than the one pinned at first contact."""


@dataclass
class Progress:
    """Where a sync stands; handed to the progress callback after every chunk."""

    meeting_id: str | None = None
    meeting_title: str = ""
    meeting_bytes_done: int = 0
    meeting_bytes_total: int = 0
    meeting_docs_done: int = 0
    meeting_docs_total: int = 0
    bytes_done: int = 0
    bytes_total: int = 0
    docs_done: int = 0
    docs_total: int = 0


ProgressCallback = Callable[[Progress], None]


@dataclass
class MeetingResult:
    """What a sync did for one meeting."""

    meeting_id: str
    title: str
    status: str  # "updated", "unchanged", "failed", "removed"
    version: int | None
    previous_version: int | None = None
    documents_fetched: int = 0
    bytes_received: int = 0
    error: str | None = None


@dataclass
class SyncReport:
    meetings: list[MeetingResult] = field(default_factory=list)
    bytes_received: int = 0
    outbox_sent: int = 0

    @property
    def ok(self) -> bool:
        return all(m.status != "failed" for m in self.meetings)


@dataclass
class _Plan:
    meeting_id: str
    title: str
    version: int
    record: bytes
    etag: str | None
    manifest: dict[str, Any]
    missing: dict[str, int]  # sha256 -> size
    result: MeetingResult


@dataclass(frozen=True)
class LoginResult:
    user: dict[str, Any]
    fingerprint: str
    first_contact: bool


class SyncEngine:
    """Syncs one profile with its server.  Not thread-safe: one sync at a time."""

    def __init__(
        self, profile: Profile, api: ApiClient, progress: ProgressCallback | None = None
    ) -> None:
        self.profile = profile
        self.api = api
        self._progress_cb = progress
        self._progress = Progress()
        # Bytes of the current download safely in the vault at the start and the end of the
        # last attempt: the retry policy's measure of progress.
        self._started = self._kept = 0

    # --- login and key pinning --------------------------------------------------------------

    def pin_server_key(self) -> tuple[str, bool]:
        """Pin the server key on first contact, or check it against the pin.

        Returns:
            The key's fingerprint and whether this was the first contact.

        Raises:
            ServerKeyChanged: the server's key is not the pinned one.
        """
        data = self.api.server_key()
        try:
            key = public_key_from_b64(str(data["public_key"]))
        except (KeyError, SignatureError) as exc:
            raise SyncError("The server sent an unusable signing key.") from exc
        pinned = self.profile.pinned_server_key()
        if pinned is None:
            self.profile.store.set_setting("server_key", str(data["public_key"]))
            self.profile.store.set_setting("server_key_pinned_at", utcnow().isoformat())
            return fingerprint(key), True
        if key_id(pinned) != key_id(key):
            raise ServerKeyChanged(
                "The server's signing key changed (pinned: "
                f"{fingerprint(pinned)}; now: {fingerprint(key)}). Packets from it are refused; "
                "ask your administrator before trusting the new key."
            )
        return fingerprint(key), False

    def login(self, username: str, password: str, device_name: str | None = None) -> LoginResult:
        """Pin the server key, register this device and keep the token in the secret store."""
        stored_url = self.profile.setting("server_url")
        if stored_url and stored_url != self.api.base_url:
            raise SyncError(
                f"This profile belongs to {stored_url}; use another profile for "
                f"{self.api.base_url}."
            )
        finger, first = self.pin_server_key()
        data = self._call(
            lambda: self.api.login(
                username,
                password,
                device_name or f"ecabinet on {platform.node() or 'this computer'}",
                self.profile.device_public_key_b64(),
            )
        )
        user = dict(data["user"])
        stored_user = self.profile.setting("user_id")
        if stored_user and stored_user != user["id"]:
            raise SyncError("This profile belongs to another user; use a profile of your own.")
        self.profile.secrets.set(TOKEN, str(data["token"]))
        for name, value in (
            ("server_url", self.api.base_url),
            ("username", username),
            ("user_id", str(user["id"])),
            ("device_id", str(data["device_id"])),
        ):
            self.profile.store.set_setting(name, value)
        return LoginResult(user=user, fingerprint=finger, first_contact=first)

    def _call(self, action: Callable[[], Any]) -> Any:
        """Run an API call; a revoked device wipes the profile before the error goes up."""
        try:
            return action()
        except DeviceRevoked:
            self.profile.wipe()
            raise

    # --- sync ---------------------------------------------------------------------------------

    def sync(self) -> SyncReport:
        """Sync every meeting of the user.

        Raises:
            SyncError: nothing could be synced (not logged in, key changed, disk full).
            DeviceRevoked: the device was revoked; the profile has been wiped.
            ServerUnreachable: offline; everything on disk stays as it was.
        """
        if self.api.token is None:
            self.api.token = self.profile.token()
        if self.api.token is None:
            raise SyncError("Log in first: this profile has no stored login.")
        # The app and a scheduled 'ecabinet sync' may share a profile: one sync at a time, or
        # both would write the same partial downloads.
        lock = FileLock(self.profile.directory / "sync.lock", timeout=0)
        try:
            with lock:
                return self._sync_locked()
        except Timeout as exc:
            raise SyncError(
                "Another sync of this profile is running (the app or 'ecabinet sync'); "
                "try again when it has finished."
            ) from exc

    def _sync_locked(self) -> SyncReport:
        if self.profile.pinned_server_key() is None:
            self.pin_server_key()
        report = SyncReport()
        summaries = self._call(self.api.meetings)
        report.outbox_sent = self._call(lambda: replay_outbox(self.profile.store, self.api))
        report.meetings.extend(self._forget_missing({str(m["id"]) for m in summaries}))
        plans = []
        for summary in summaries:
            plan = self._plan(summary)
            if isinstance(plan, MeetingResult):
                report.meetings.append(plan)
            else:
                self._record_pending(plan)
                plans.append(plan)
        self._download(plans)
        for plan in plans:
            self._commit(plan)
            report.meetings.append(plan.result)
            report.bytes_received += plan.result.bytes_received
        self._acknowledge(report.meetings)
        if plans or any(m.status == "removed" for m in report.meetings):
            self._collect_garbage()  # nothing changed, nothing to collect: keep re-syncs quick
        return report

    def _forget_missing(self, listed: set[str]) -> list[MeetingResult]:
        """Meetings the server no longer lists for us are removed from this device."""
        results = []
        with self.profile.store.session() as session:
            for meeting in session.scalars(select(MeetingRow)):
                if meeting.id not in listed:
                    session.execute(
                        delete(PacketVersion).where(PacketVersion.meeting_id == meeting.id)
                    )
                    session.delete(meeting)
                    results.append(
                        MeetingResult(
                            meeting.id,
                            meeting.title,
                            "removed",
                            None,
                            error="You are no longer a participant of this meeting; its "
                            "documents were removed from this device.",
                        )
                    )
        return results

    def _acknowledge(self, results: list[MeetingResult]) -> None:
        """Tell the server which versions this device now holds completely.

        The secretary's delivery status is built from these.  An acknowledgement that does
        not get through is no failed sync: it is sent again at the next sync.
        """
        for result in results:
            version = result.version
            if result.status not in ("updated", "unchanged") or not version:
                continue
            key = f"delivered:{result.meeting_id}"
            if self.profile.setting(key) == str(version):
                continue
            try:
                self._call(partial(self.api.acknowledge_delivery, result.meeting_id, version))
            except DeviceRevoked:
                raise
            except (ApiError, ServerUnreachable):
                continue
            self.profile.store.set_setting(key, str(version))

    def _refuse(
        self, meeting_id: str, title: str, current: int | None, message: str
    ) -> MeetingResult:
        with self.profile.store.session() as session:
            row = session.get(MeetingRow, meeting_id)
            if row is not None:
                row.last_error = message
        return MeetingResult(meeting_id, title, "failed", current, error=message)

    def _plan(self, summary: dict[str, Any]) -> _Plan | MeetingResult:
        meeting_id, title = str(summary["id"]), str(summary.get("title", ""))
        with self.profile.store.session() as session:
            row = session.get(MeetingRow, meeting_id)
            if row is None:
                row = MeetingRow(
                    id=meeting_id, title=title, starts_at=str(summary.get("starts_at", ""))
                )
                session.add(row)
            current, etag = row.current_version, row.etag
            previous = row.previous_version
        if not summary.get("packet_version"):
            return MeetingResult(meeting_id, title, "unchanged", current, previous)
        try:
            answer = self._call(lambda: self.api.manifest(meeting_id, etag if current else None))
        except DeviceRevoked:
            raise  # the profile was wiped: stop everything, let the app say so
        except ApiError as exc:
            return self._refuse(meeting_id, title, current, exc.message)
        if answer.body is None:
            record = self._stored_record(meeting_id, current)
            if record is None:
                return self._refuse(meeting_id, title, current, "The stored packet is missing.")
            body = record.encode("utf-8")
        else:
            body = answer.body
        try:
            manifest = self._verify(meeting_id, body)
        except SignatureError as exc:
            return self._refuse(
                meeting_id,
                title,
                current,
                f"The packet of “{title}” was refused: {exc}. The version already on this "
                "device stays in use.",
            )
        version = int(manifest["packet_version"])
        if current is not None and version < current:
            return self._refuse(
                meeting_id,
                title,
                current,
                f"The server offered version {version}, older than version "
                f"{current} on this device; it was refused.",
            )
        missing = self._missing(manifest)
        result = MeetingResult(
            meeting_id, str(manifest["meeting"].get("title", title)), "unchanged", current, previous
        )
        if version == current and not missing:
            self._touch(meeting_id, answer.etag)
            return result
        return _Plan(
            meeting_id, result.title, version, body, answer.etag, manifest, missing, result
        )

    def _stored_record(self, meeting_id: str, version: int | None) -> str | None:
        if version is None:
            return None
        with self.profile.store.session() as session:
            row = session.get(PacketVersion, (meeting_id, version))
            return row.record if row else None

    def _verify(self, meeting_id: str, body: bytes) -> dict[str, Any]:
        key = self.profile.pinned_server_key()
        assert key is not None
        try:
            record = json.loads(body)
        except ValueError as exc:
            raise SignatureError("it is not valid JSON") from exc
        manifest = verify_record(record, "manifest", key)
        if manifest.get("meeting", {}).get("id") != meeting_id:
            raise SignatureError("it belongs to another meeting")
        if manifest.get("recipient") != self.profile.setting("user_id"):
            raise SignatureError("it was made for another user")
        if not isinstance(manifest.get("documents"), dict):
            raise SignatureError("it lists no documents")
        return manifest

    def _missing(self, manifest: dict[str, Any]) -> dict[str, int]:
        wanted = {sha: int(info["size"]) for sha, info in manifest["documents"].items()}
        with self.profile.store.session() as session:
            damaged = set(
                session.scalars(
                    select(DocumentRow.sha256).where(
                        DocumentRow.damaged.is_(True), DocumentRow.sha256.in_(list(wanted))
                    )
                )
            )
        return {
            sha: size
            for sha, size in wanted.items()
            if sha in damaged or not self.profile.vault.has(sha)
        }

    def _touch(self, meeting_id: str, etag: str | None) -> None:
        with self.profile.store.session() as session:
            row = session.get(MeetingRow, meeting_id)
            if row is not None:
                row.last_synced_at = utcnow()
                row.last_error = None
                row.etag = etag or row.etag

    # --- downloads ----------------------------------------------------------------------------

    def _emit(self) -> None:
        if self._progress_cb is not None:
            self._progress_cb(self._progress)

    def _download(self, plans: list[_Plan]) -> None:
        unique: dict[str, int] = {}
        for plan in plans:
            unique.update(plan.missing)
        self._progress = Progress(bytes_total=sum(unique.values()), docs_total=len(unique))
        fetched: set[str] = set()
        for plan in plans:
            todo = {sha: size for sha, size in plan.missing.items() if sha not in fetched}
            self._progress.meeting_id, self._progress.meeting_title = plan.meeting_id, plan.title
            self._progress.meeting_bytes_total = sum(todo.values())
            self._progress.meeting_docs_total = len(todo)
            self._progress.meeting_bytes_done = self._progress.meeting_docs_done = 0
            self._emit()
            for sha, size in todo.items():
                try:
                    received = self._fetch(sha, size)
                except DeviceRevoked:
                    raise
                except (ServerUnreachable, VaultMismatch, ApiError) as exc:
                    plan.result.status, plan.result.error = "failed", _describe(exc, plan.title)
                    break
                fetched.add(sha)
                plan.result.documents_fetched += 1
                plan.result.bytes_received += received
                self._progress.meeting_docs_done += 1
                self._progress.docs_done += 1
                self._emit()

    def _fetch(self, sha256: str, size: int) -> int:
        """Download one document into the vault, resuming and retrying; returns bytes received."""
        received = 0
        attempts = strikes = 0
        while True:
            try:
                received += self._fetch_once(sha256, size)
                break
            except ServerUnreachable:
                # A cut after which more of the document is safely kept is worth resuming at
                # once; attempts that keep nothing mean the server or the network is gone,
                # and the sync should say so quickly.
                attempts += 1
                strikes = 0 if self._kept > self._started else strikes + 1
                if strikes >= NO_PROGRESS_ATTEMPTS or attempts >= DOWNLOAD_ATTEMPTS:
                    raise
                time.sleep(0.2 * strikes)
        with self.profile.store.session() as session:
            session.merge(DocumentRow(sha256=sha256, size=size, damaged=False, stored_at=utcnow()))
        return received

    def _fetch_once(self, sha256: str, size: int) -> int:
        try:
            with self.profile.vault.writer(sha256, size) as writer:
                self._started = self._kept = writer.offset
                start, chunks = self._call(lambda: self.api.blob(sha256, writer.offset))
                # However this ends, the response (and its connection) is released now.
                with contextlib.closing(chunks):
                    if start != writer.offset:
                        # The server sent the whole document instead of the rest: start over.
                        writer.close()
                        self.profile.vault.remove(sha256)
                        with self.profile.vault.writer(sha256, size) as fresh:
                            return self._store(fresh, chunks)
                    self._count(writer.offset)
                    return self._store(writer, chunks)
        except OSError as exc:
            raise _disk_error(exc) from exc

    def _store(self, writer: VaultWriter, chunks: Iterator[bytes]) -> int:
        received = 0
        try:
            for chunk in chunks:
                writer.write(chunk)
                received += len(chunk)
                self._count(len(chunk))
            writer.finish()
        finally:
            self._kept = writer.offset  # whole sealed chunks: what a resume starts from
        return received

    def _count(self, amount: int) -> None:
        if amount:
            self._progress.bytes_done += amount
            self._progress.meeting_bytes_done += amount
            self._emit()

    # --- switching versions ------------------------------------------------------------------

    def _record_pending(self, plan: _Plan) -> None:
        """Keep the verified manifest before downloading: a first version's documents can be
        read as they arrive, and a failed download is resumed against the same manifest."""
        with self.profile.store.session() as session:
            # A re-fetch of the current version's documents must not demote its row.
            if session.get(PacketVersion, (plan.meeting_id, plan.version)) is None:
                session.add(
                    PacketVersion(
                        meeting_id=plan.meeting_id,
                        version=plan.version,
                        record=plan.record.decode("utf-8"),
                        state="pending",
                    )
                )

    def _commit(self, plan: _Plan) -> None:
        """Make the plan's version current, in one transaction, once every document is in."""
        result = plan.result
        if result.status == "failed" or self._missing(plan.manifest):
            result.status = "failed"
            result.error = result.error or "Some documents could not be downloaded."
            with self.profile.store.session() as session:
                row = session.get(MeetingRow, plan.meeting_id)
                if row is not None:
                    row.last_error = result.error
            return
        with self.profile.store.session() as session:
            row = session.get(MeetingRow, plan.meeting_id)
            assert row is not None
            packet = session.get(PacketVersion, (plan.meeting_id, plan.version))
            assert packet is not None
            packet.state = "kept"
            if row.current_version != plan.version:
                row.previous_version = row.current_version
                row.current_version = plan.version
                result.status = "updated"
            row.title = result.title
            row.starts_at = str(plan.manifest["meeting"].get("starts_at", row.starts_at))
            row.etag = plan.etag
            row.offline_until = _parse_time(plan.manifest.get("offline_until"))
            row.last_synced_at = utcnow()
            row.last_error = None
            result.version = row.current_version
            result.previous_version = row.previous_version

    def _collect_garbage(self) -> None:
        """Drop packet versions older than the previous one (but those since the one last
        opened), and documents nobody refers to (a kept version, or an orphaned note)."""
        with self.profile.store.session() as session:
            keep: set[tuple[str, int]] = set()
            for meeting in session.scalars(select(MeetingRow)):
                for version in (meeting.current_version, meeting.previous_version):
                    if version is not None:
                        keep.add((meeting.id, version))
                # The version last opened, and those since (their notes), stay until what
                # changed has been seen.
                seen, current = meeting.seen_version, meeting.current_version
                if seen is not None and current is not None:
                    keep.update((meeting.id, v) for v in range(seen, current))
            # A note that could not follow a revision stays on its old document: keep it.
            referenced: set[str] = set(
                session.scalars(
                    select(AnnotationNote.document).where(
                        AnnotationNote.orphaned_by.is_not(None), AnnotationNote.deleted.is_(False)
                    )
                )
            )
            for packet in session.scalars(select(PacketVersion)):
                if (packet.meeting_id, packet.version) in keep or packet.state == "pending":
                    referenced.update(json.loads(packet.record)["manifest"]["documents"])
                else:
                    session.delete(packet)
            for doc in session.scalars(select(DocumentRow)):
                if doc.sha256 not in referenced:
                    self.profile.vault.remove(doc.sha256)
                    session.delete(doc)


def _parse_time(text: Any) -> datetime | None:
    if not isinstance(text, str) or not text:
        return None
    return datetime.fromisoformat(text.replace("Z", "+00:00"))


def _disk_error(exc: OSError) -> Exception:
    if exc.errno == errno.ENOSPC:
        return SyncError(
            "The disk is full: the packet could not be stored. Free some space and sync again; "
            "the documents already on this device stay readable."
        )
    return SyncError(f"The packet could not be stored on this device: {exc.strerror or exc}.")


def _describe(exc: Exception, title: str) -> str:
    if isinstance(exc, VaultMismatch):
        return (
            f"A document of “{title}” arrived different from its signed hash and was "
            "discarded. The version already on this device stays in use; sync again later."
        )
    return str(exc)
