"""What ``ecabinet sync``, ``check`` and ``search`` do (headless; scripts and CI use them)."""

from __future__ import annotations

import sys
import time
from pathlib import Path
from typing import TextIO

from ecabinet.client.annotations import AnnotationBook
from ecabinet.client.api import ApiClient, ClientError, DeviceRevoked
from ecabinet.client.backup import NoteBackup
from ecabinet.client.carryover import carry_over_pending
from ecabinet.client.check import check_profile
from ecabinet.client.profile import Profile, ProfileError
from ecabinet.client.search import Indexer, IndexProgress, IndexReport, SearchIndex
from ecabinet.client.secrets import SecretStoreError
from ecabinet.client.sync import Progress, SyncEngine, SyncError, SyncReport


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
        book = AnnotationBook(profile)
        NoteBackup(book).queue_pending()  # the sync's outbox carries them
        report = _sync(engine, profile, api, line, user, password_stdin)
        if report is None:
            return 1
        indexed = _index(profile)
        followed = carry_over_pending(profile, book)
    finally:
        api.close()
        profile.close()
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
    if indexed.documents or indexed.failed:
        print(f"{indexed.documents} documents ({indexed.pages} pages) added to the search index")
    for notes in followed:
        print(
            f"notes     {notes.title} — version {notes.version}: {notes.moved} moved to the new "
            f"version, {notes.kept} on unchanged documents, {notes.orphaned} could not be "
            "placed (kept on the previous version)"
        )
        for problem in notes.problems:
            print(f"          {problem}")
    return 0 if report.ok else 1


def _sync(
    engine: SyncEngine,
    profile: Profile,
    api: ApiClient,
    line: ProgressLine,
    user: str | None,
    password_stdin: bool,
) -> SyncReport | None:
    """Log in if asked, then sync; None (the reason printed) when nothing could be synced."""
    try:
        if user:
            login = engine.login(user, _read_password(password_stdin))
            note = " (first contact: key pinned)" if login.first_contact else ""
            print(f"logged in as {user}; server key {login.fingerprint}{note}", file=sys.stderr)
        elif profile.setting("server_url") not in (None, api.base_url):
            raise SyncError(f"this profile belongs to {profile.setting('server_url')}")
        return engine.sync()
    except DeviceRevoked as exc:
        print(
            f"ecabinet: {exc} All documents and keys of this profile were wiped.", file=sys.stderr
        )
    except (SyncError, ClientError, SecretStoreError) as exc:
        print(f"ecabinet: {exc}", file=sys.stderr)
    finally:
        line.end()
    return None


def _index(profile: Profile) -> IndexReport:
    """Bring the search index up to date, with a line on stderr while it works."""
    indexer = Indexer(profile)
    if not indexer.pending():
        return IndexReport()

    def show(progress: IndexProgress) -> None:
        sys.stderr.write(
            f"\rindexing for search: {progress.documents_done}/{progress.documents_total} "
            f"documents, {progress.pages_done} pages"
        )
        sys.stderr.flush()

    report = indexer.run(progress=show)
    sys.stderr.write("\n")
    for sha256, why in report.failed.items():
        print(f"ecabinet: document {sha256[:12]} cannot be searched: {why}", file=sys.stderr)
    return report


def run_search(
    *, profile_dir: Path, query: str, meeting_id: str | None, exact: bool, limit: int
) -> int:
    """Print one hit a line; exit 0 with hits, 1 without, 2 when the search cannot run."""
    if limit < 1:
        print("ecabinet: --limit must be at least 1", file=sys.stderr)
        return 2
    profile = _existing_profile(profile_dir)
    if profile is None:
        return 2
    try:
        _index(profile)
        result = SearchIndex(profile).search(query, meeting_id=meeting_id, exact=exact, limit=limit)
    except ProfileError as exc:
        print(f"ecabinet: {exc}", file=sys.stderr)
        return 2
    finally:
        profile.close()
    if result.query.empty:
        print("ecabinet: the query has no words to look for", file=sys.stderr)
        return 2
    for hit in result.hits:
        snippet = hit.snippet.marked().replace("\t", " ")
        print(f"{hit.meeting_title}\t{hit.document_title}\t{hit.page + 1}\t{snippet}")
    for title in result.locked:
        print(
            f"ecabinet: not searched: {title} (its offline period is over; sync to open it)",
            file=sys.stderr,
        )
    if result.unindexed:
        print(
            f"ecabinet: {result.unindexed} documents are not on this device yet; sync first",
            file=sys.stderr,
        )
    if result.unreadable:
        print(f"ecabinet: {result.unreadable} documents have no readable text", file=sys.stderr)
    if result.more:
        shown = "the best" if result.ranked else "the first (in document order)"
        print(
            f"ecabinet: more pages match; showing {shown} {len(result.hits)}. "
            "Add words or use quotes to narrow the search.",
            file=sys.stderr,
        )
    return 0 if result.hits else 1


def _existing_profile(profile_dir: Path) -> Profile | None:
    """Open a profile that must exist already; None (the reason printed) if it cannot be."""
    if not (profile_dir / "profile.sqlite3").exists():
        print(f"ecabinet: {profile_dir} is not an ecabinet profile", file=sys.stderr)
        return None
    try:
        return Profile(profile_dir)
    except (SecretStoreError, ProfileError) as exc:
        print(f"ecabinet: {exc}", file=sys.stderr)
        return None


def run_check(*, profile_dir: Path) -> int:
    profile = _existing_profile(profile_dir)
    if profile is None:
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
