"""``ecabinet publish``: a secretary's scripted publish of one or more files.

All or nothing, as far as delegates can tell: every file is converted (office formats) and
uploaded first; only when all of them are on the server does one agenda edit attach them
(based on the draft revision read at the start, re-applied to a newer draft if another
secretary changed it meanwhile), and then the draft is published with the note.  A file
that fails stops everything before the agenda is touched; a publish the server refuses
puts the agenda back as it was.  Uploaded but unattached documents are invisible to
delegates.
"""

from __future__ import annotations

import base64
import os
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ecabinet.client.api import ApiClient, ApiError, ClientError
from ecabinet.client.convert import ConversionError, prepare_for_upload
from ecabinet.client.profile import Profile, ProfileError
from ecabinet.client.secrets import SecretStoreError
from ecabinet.client.sync import SyncEngine, SyncError
from ecabinet.client.workspace import Draft, DraftConflict, Workspace

EDIT_ATTEMPTS = 3


class PublishError(Exception):
    """Why the publish did not happen, in one line for the terminal."""


@dataclass(frozen=True)
class Uploaded:
    source: Path
    sha256: str
    pages: int


def _find_item(items: list[dict[str, Any]], wanted: str) -> dict[str, Any] | None:
    for item in items:
        if wanted in (item.get("id"), item.get("number")):
            return item
        found = _find_item(item.get("children", []), wanted)
        if found is not None:
            return found
    return None


def _numbers(items: list[dict[str, Any]]) -> list[str]:
    out: list[str] = []
    for item in items:
        out.append(str(item.get("number", "")))
        out.extend(_numbers(item.get("children", [])))
    return out


def _attach(
    items: list[dict[str, Any]], item: str | None, title: str, hashes: list[str]
) -> tuple[list[dict[str, Any]], str]:
    """The agenda with the documents attached, and a description of where they went."""
    if item is None:
        items.append({"title": title, "documents": hashes})
        return items, f"a new item “{title}”"
    target = _find_item(items, item)
    if target is None:
        known = ", ".join(_numbers(items)) or "none"
        raise PublishError(f"this meeting has no agenda item {item} (items: {known})")
    target["documents"] = list(dict.fromkeys([*target.get("documents", []), *hashes]))
    return items, f"item {target.get('number', item)} “{target.get('title', '')}”"


class _Progress:
    """Upload progress on stderr, one line redrawn."""

    def __init__(self, name: str) -> None:
        self.name = name
        self._last = 0.0

    def __call__(self, done: int, total: int) -> None:
        now = time.monotonic()
        if now - self._last < 0.1 and done < total:
            return
        self._last = now
        share = done / total if total else 1.0
        sys.stderr.write(f"\ruploading {self.name[:50]}: {share:6.1%} of {total / 2**20:.1f} MB")
        if done >= total:
            sys.stderr.write("\n")
        sys.stderr.flush()


def publish_files(
    workspace: Workspace,
    meeting_id: str,
    files: list[Path],
    *,
    item: str | None,
    note: str,
    workdir: Path,
    timeout: float = 120.0,
) -> tuple[dict[str, Any], str]:
    """Convert, upload, attach and publish; the server's answer and where files went.

    Raises:
        PublishError, ConversionError, ClientError: nothing was attached or published.
    """
    draft = workspace.draft(meeting_id)
    if draft.detail.get("agenda") is None:
        raise PublishError("only a secretary of this meeting may publish it")
    if item is not None:
        _attach(_copy(draft.detail["agenda"]), item, "", [])  # an unknown item stops us here
    missing = [f for f in files if not f.is_file()]
    if missing:
        raise PublishError(f"{missing[0]}: no such file")
    prepared = []
    for path in files:
        try:
            prepared.append((path, prepare_for_upload(path, workdir, timeout=timeout)))
        except ConversionError as exc:
            raise PublishError(f"{path.name}: {exc}") from exc
    uploaded = []
    for original, pdf in prepared:
        try:
            result = workspace.upload(
                meeting_id,
                pdf,
                title=original.stem,
                # A script's log gets the outcome only; a terminal also sees the bar.
                progress=_Progress(original.name) if sys.stderr.isatty() else None,
            )
        except ApiError as exc:
            raise PublishError(f"{original.name}: {exc.message}") from exc
        uploaded.append(Uploaded(original, str(result["sha256"]), int(result["pages"])))
    hashes = list(dict.fromkeys(u.sha256 for u in uploaded))
    before, edited, where = _edit_agenda(workspace, meeting_id, draft, item, files[0].stem, hashes)
    try:
        return workspace.publish(meeting_id, note), where
    except ClientError as exc:
        _restore(workspace, meeting_id, before, edited)
        raise PublishError(f"the server refused to publish: {exc}") from exc


def _edit_agenda(
    workspace: Workspace,
    meeting_id: str,
    draft: Draft,
    item: str | None,
    title: str,
    hashes: list[str],
) -> tuple[list[dict[str, Any]], Draft, str]:
    """Attach with one If-Match edit; on a conflict, re-read the draft and apply it again."""
    for _attempt in range(EDIT_ATTEMPTS):
        before = draft.detail.get("agenda") or []
        items, where = _attach(_copy(before), item, title, hashes)
        try:
            return before, workspace.set_agenda(meeting_id, items, draft.revision), where
        except DraftConflict:
            draft = workspace.draft(meeting_id)
    raise PublishError("the draft keeps changing under this edit; try again in a moment")


def _copy(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """A deep enough copy to edit without touching the draft as read."""
    return [
        {
            **item,
            "documents": list(item.get("documents", [])),
            "children": _copy(list(item.get("children", []))),
        }
        for item in items
    ]


def _restore(
    workspace: Workspace, meeting_id: str, before: list[dict[str, Any]], edited: Draft
) -> None:
    """Put the agenda back, unless someone changed the draft since (then theirs stands)."""
    try:
        workspace.set_agenda(meeting_id, before, edited.revision)
    except ClientError as exc:
        print(f"ecabinet: the agenda could not be put back: {exc}", file=sys.stderr)


def _login(
    api: ApiClient, user: str | None, password_stdin: bool, profile_dir: Path | None
) -> None:
    if user is not None:
        if not password_stdin:
            raise PublishError("give the password on standard input with --password-stdin")
        password = sys.stdin.readline().rstrip("\r\n")
        if not password:
            raise PublishError("the password on standard input is empty")
    if profile_dir is None:
        if user is None:
            raise PublishError(
                "log in with --user NAME --password-stdin, or give --profile DIR with a "
                "stored login"
            )
        # No profile: a login of its own, as a device named for the script.
        api.login(user, password, "ecabinet publish", base64.b64encode(os.urandom(32)).decode())
        return
    profile = Profile(profile_dir)
    try:
        engine = SyncEngine(profile, api)
        if user is not None:
            engine.login(user, password)
            return
        stored = profile.setting("server_url")
        if stored not in (None, api.base_url):
            raise PublishError(f"this profile belongs to {stored}")
        api.token = profile.token()
        if api.token is None:
            raise PublishError("this profile has no stored login; add --user NAME --password-stdin")
    finally:
        profile.close()


def run_publish(
    *,
    server: str,
    meeting_id: str,
    files: list[Path],
    item: str | None,
    note: str,
    user: str | None,
    password_stdin: bool,
    profile_dir: Path | None,
    ca_bundle: str | None = None,
    timeout: float = 120.0,
) -> int:
    """The command: 0 when published, 1 with a one-line reason on stderr otherwise."""
    api = ApiClient(server, ca_bundle=ca_bundle)
    try:
        _login(api, user, password_stdin, profile_dir)
        with tempfile.TemporaryDirectory(prefix="ecabinet-publish-") as workdir:
            out, where = publish_files(
                Workspace(api),
                meeting_id,
                files,
                item=item,
                note=note,
                workdir=Path(workdir),
                timeout=timeout,
            )
    except (PublishError, ClientError, SyncError, ProfileError, SecretStoreError) as exc:
        print(f"ecabinet publish: {' '.join(str(exc).split())}", file=sys.stderr)
        return 1
    finally:
        api.close()
    print(
        f"published version {out['packet_version']} with {len(files)} "
        f"file{'s' if len(files) != 1 else ''} attached to {where}"
    )
    return 0
