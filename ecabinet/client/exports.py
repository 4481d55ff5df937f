"""Exports a person keeps outside the app: an annotated copy of a PDF, a signed bundle of notes.

Both are written where the person chose, through a temporary file in the same folder that is
renamed into place only once every byte is on disk: a full disk or a folder one may not
write to leaves no half-written file behind, and an older file of that name untouched.
Notes that failed their signature check ("changed outside ecabinet") are left out of both —
an export must not pass them off as the reader's — and the result says how many.
"""

from __future__ import annotations

import contextlib
import errno
import json
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from os import fdopen, fsync  # by name: tests fill the disk here, not for every thread
from pathlib import Path

from ecabinet.client.annotate import annotated_copy
from ecabinet.client.annotations import AnnotationBook, LoadedNote
from ecabinet.client.profile import Profile

__all__ = [
    "ExportError",
    "ExportResult",
    "export_annotated_pdf",
    "export_bundle",
    "write_atomically",
]


class ExportError(Exception):
    """The export could not be written; the message says why and what to do."""


@dataclass(frozen=True)
class ExportResult:
    """What went into an export."""

    path: Path
    notes: int  # notes written
    left_out: int  # notes changed outside ecabinet, not exported


def write_atomically(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` completely, or not at all.

    Raises:
        ExportError: the folder is missing or not writable, or the disk is full.
    """
    temp: Path | None = None
    try:
        handle, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
        temp = Path(name)
        with fdopen(handle, "wb") as sink:
            sink.write(data)
            sink.flush()
            fsync(sink.fileno())
        temp.replace(path)
        temp = None
    except OSError as exc:
        raise ExportError(_describe(exc, path)) from exc
    finally:
        if temp is not None:
            with contextlib.suppress(OSError):
                temp.unlink()


def _describe(exc: OSError, path: Path) -> str:
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return (
            f"The disk is full: {path.name} was not saved. Free some space or choose another "
            "place; nothing was written."
        )
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return f"{path.parent} cannot be written to. Choose another folder; nothing was written."
    if exc.errno in (errno.ENOENT, errno.ENOTDIR):
        return f"The folder {path.parent} does not exist. Choose another; nothing was written."
    return f"{path.name} could not be saved: {exc.strerror or exc}. Nothing was written."


def export_annotated_pdf(
    profile: Profile, book: AnnotationBook, meeting_id: str, sha256: str, path: Path
) -> ExportResult:
    """A copy of the document with its notes as real PDF annotations (MuPDF in a worker).

    Raises:
        ExportError: the file could not be written.
        ProfileError: the document cannot be read on this device.
        ValueError: the document is not a readable PDF (from the worker).
    """
    data = profile.read_kept_document(meeting_id, sha256)
    loaded = book.notes(sha256)
    notes = [n.note for n in loaded if n.trusted]
    write_atomically(path, annotated_copy(data, notes))
    return ExportResult(path, len(notes), len(loaded) - len(notes))


def export_bundle(book: AnnotationBook, notes: Sequence[LoadedNote], path: Path) -> ExportResult:
    """``notes``, every revision, signed as one bundle (``ecabinet verify`` checks it).

    Raises:
        ExportError: the file could not be written.
    """
    loaded = list(notes)
    chosen = [n.id for n in loaded if n.trusted]
    bundle = book.export_bundle(chosen)
    text = json.dumps(bundle, ensure_ascii=False, indent=1)
    write_atomically(path, text.encode("utf-8"))
    return ExportResult(path, len(chosen), len(loaded) - len(chosen))
