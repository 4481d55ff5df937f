"""``ecabinet verify PATH``: check a signed record (vote result, receipt, annotation bundle).

An annotation bundle is checked against the device keys it carries (or, with ``--profile``,
those the profile trusts).  A result or receipt is checked against the server key.

The key comes from, in this order: ``--key`` (base64, e.g. read off the server's
``/server-key`` at a meeting), ``--profile`` (the key the desktop app pinned on first
contact), or ``--server`` (asked over the network — the weakest, as that server is what is
being checked).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any, TextIO

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from ecabinet.client.annotations import trusted_device_keys
from ecabinet.client.api import ApiClient, ClientError
from ecabinet.client.store import Store
from ecabinet.core.annotations import verify_bundle
from ecabinet.core.records import RecordError, verify_any
from ecabinet.core.signing import SignatureError, key_id, public_key_from_b64


class VerifyError(Exception):
    """A one-line reason; the command prints it and exits 1."""


def _key(key: str | None, profile: Path | None, server: str | None) -> Ed25519PublicKey:
    try:
        if key:
            return public_key_from_b64(key)
        if profile is not None:
            path = profile / "profile.sqlite3"
            if not path.is_file():
                raise VerifyError(f"{profile} is not a profile directory")
            store = Store(path)
            try:
                pinned = store.get_setting("server_key")
            finally:
                store.close()
            if not pinned:
                raise VerifyError("this profile has not pinned a server key yet (sync first)")
            return public_key_from_b64(pinned)
        if server:
            client = ApiClient(server)
            try:
                return public_key_from_b64(str(client.server_key()["public_key"]))
            finally:
                client.close()
    except SignatureError as exc:
        raise VerifyError(f"the server key is not usable: {exc}") from exc
    except ClientError as exc:
        raise VerifyError(f"cannot get the server key: {exc}") from exc
    raise VerifyError("say which key to check against: --key, --profile or --server")


def _load(path: Path) -> Any:
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise VerifyError(f"cannot read {path}: {exc.strerror or exc}") from exc
    except UnicodeDecodeError as exc:
        raise VerifyError(f"{path} is not UTF-8 text") from exc
    try:
        record = json.loads(text)
    except ValueError as exc:
        raise VerifyError(f"{path} is not JSON: {exc}") from exc
    # A receipt as the ballot endpoint answers it ({"receipt": {signed}}) is accepted as is.
    if isinstance(record, dict) and set(record) == {"receipt"}:
        inner = record["receipt"]
        if isinstance(inner, dict) and "signature" in inner:
            return inner
    return record


def run_verify(
    *,
    path: Path,
    key: str | None = None,
    profile: Path | None = None,
    server: str | None = None,
    out: TextIO = sys.stdout,
) -> int:
    """Verify one file; prints what it proves and returns 0, or raises :class:`VerifyError`."""
    record = _load(path)
    if isinstance(record, dict) and "annotation_bundle" in record:
        return _verify_bundle(path, record, profile, out)
    public = _key(key, profile, server)
    try:
        verified = verify_any(record, public)
    except (RecordError, SignatureError) as exc:
        raise VerifyError(f"{path}: {exc}") from exc
    print(f"OK  {verified.summary}", file=out)
    print(f"    signed by key {key_id(public)}", file=out)
    return 0


def _verify_bundle(path: Path, bundle: dict[str, Any], profile: Path | None, out: TextIO) -> int:
    """An exported annotation bundle: its signature and every revision of every note.

    With ``--profile``, only the device keys that profile trusts count; without, the keys
    the bundle carries (which proves the notes are intact, not whose devices signed them).
    """
    trusted = _trusted_keys(profile) if profile is not None else None
    report = verify_bundle(bundle, trusted)
    for verdict in report.notes:
        mark = "OK " if verdict.trusted else "BAD"
        detail = f"{verdict.revisions} revisions verified"
        print(f"{mark} note {verdict.id}: {detail}", file=out)
        for problem in verdict.problems:
            print(f"    {problem}", file=out)
    for problem in report.problems:
        print(f"BAD {problem}", file=out)
    if not report.ok:
        first = report.problems or [p for v in report.notes for p in v.problems]
        raise VerifyError(f"{path}: {first[0]}")
    whose = "keys this profile trusts" if trusted is not None else "device keys it carries"
    print(f"OK  annotation bundle: {len(report.notes)} notes, signed by {whose}", file=out)
    return 0


def _trusted_keys(profile: Path) -> dict[str, Ed25519PublicKey]:
    path = profile / "profile.sqlite3"
    if not path.is_file():
        raise VerifyError(f"{profile} is not a profile directory")
    store = Store(path)
    try:
        with store.session() as session:
            return trusted_device_keys(session)
    finally:
        store.close()
