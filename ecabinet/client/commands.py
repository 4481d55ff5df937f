"""What ``ecabinet sync`` and ``ecabinet check`` do (headless; scripts and CI use them)."""

from __future__ import annotations

import sys
import time
from pathlib import Path
from typing import TextIO

from ecabinet.client.api import ApiClient, ClientError, DeviceRevoked
from ecabinet.client.check import check_profile
from ecabinet.client.profile import Profile, ProfileError
from ecabinet.client.secrets import SecretStoreError
from ecabinet.client.sync import Progress, SyncEngine, SyncError


class ProgressLine:
    """A one-line progress bar on stderr, redrawn at most ten times a second."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream
        self._last = 0.0
        self._drawn = False

    def __call__(self, progress: Progress) -> None:
        now = time.monotonic()
        finished = progress.bytes_total and progress.bytes_done >= progress.bytes_total
        if now - self._last < 0.1 and not finished:
            return
        self._last = now
        total = max(progress.bytes_total, 1)
        share = min(progress.bytes_done / total, 1.0)
        bar = "#" * int(share * 30)
        self.stream.write(
            f"\r[{bar:<30}] {share:6.1%} {progress.bytes_done / 2**20:7.1f}/"
            f"{progress.bytes_total / 2**20:.1f} MB  {progress.docs_done}/{progress.docs_total} "
            f"documents  {progress.meeting_title[:40]}"
        )
        self.stream.flush()
        self._drawn = True

    def end(self) -> None:
        if self._drawn:
            self.stream.write("\n")
            self.stream.flush()


def _read_password(from_stdin: bool) -> str:
    if not from_stdin:
        raise SyncError("give the password on standard input with --password-stdin")
    password = sys.stdin.readline().rstrip("\r\n")
    if not password:
        raise SyncError("the password on standard input is empty")
    return password


def run_sync(
    *,
    server: str,
    profile_dir: Path,
    user: str | None,
    password_stdin: bool,
    ca_bundle: str | None = None,
) -> int:
    """Log in if asked (or reuse the stored login), then sync every meeting."""
    try:
        profile = Profile(profile_dir)
    except (SecretStoreError, ProfileError) as exc:
        print(f"ecabinet: {exc}", file=sys.stderr)
        return 1
    api = ApiClient(server, ca_bundle=ca_bundle)
    line = ProgressLine(sys.stderr)
    engine = SyncEngine(profile, api, progress=line)
    try:
        if user:
            login = engine.login(user, _read_password(password_stdin))
            note = " (first contact: key pinned)" if login.first_contact else ""
            print(f"logged in as {user}; server key {login.fingerprint}{note}", file=sys.stderr)
        elif profile.setting("server_url") not in (None, api.base_url):
            raise SyncError(f"this profile belongs to {profile.setting('server_url')}")
        report = engine.sync()
    except DeviceRevoked as exc:
        line.end()
        print(
            f"ecabinet: {exc} All documents and keys of this profile were wiped.", file=sys.stderr
        )
        return 1
    except (SyncError, ClientError, SecretStoreError) as exc:
        line.end()
        print(f"ecabinet: {exc}", file=sys.stderr)
        return 1
    finally:
        api.close()
        profile.close()
    line.end()
    for result in report.meetings:
        detail = f"version {result.version}" if result.version else "no packet yet"
        if result.status == "updated":
            detail += (
                f" (was {result.previous_version or 'none'}; {result.documents_fetched} "
                f"documents, {result.bytes_received / 2**20:.1f} MB)"
            )
        print(f"{result.status:9} {result.title} — {detail}")
        if result.error:
            print(f"          {result.error}")
    print(
        f"{len(report.meetings)} meetings, {report.bytes_received / 2**20:.1f} MB received, "
        f"{report.outbox_sent} queued actions sent"
    )
    return 0 if report.ok else 1


def run_check(*, profile_dir: Path) -> int:
    if not (profile_dir / "profile.sqlite3").exists():
        print(f"ecabinet: {profile_dir} is not an ecabinet profile", file=sys.stderr)
        return 1
    try:
        profile = Profile(profile_dir)
    except (SecretStoreError, ProfileError) as exc:
        print(f"ecabinet: {exc}", file=sys.stderr)
        return 1
    try:
        report = check_profile(profile)
    finally:
        profile.close()
    for problem in report.problems:
        print(problem)
    verdict = "ok" if report.ok else f"{len(report.problems)} problems"
    print(
        f"{report.documents_checked} documents and {report.signatures_checked} signatures "
        f"checked: {verdict}"
    )
    return 0 if report.ok else 1
