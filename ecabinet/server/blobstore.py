"""Content-addressed document storage on the local disk.

Blobs are named by their SHA-256 and written atomically: bytes go to a temporary file in the
same file system, are fsynced, then renamed into place.  A reader therefore sees a whole blob
or none, and a crash or a cut upload leaves at most a temporary file that the next start
removes.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
import tempfile
import time
from pathlib import Path
from typing import BinaryIO

SHA256_RE = re.compile(r"^[0-9a-f]{64}$")


class BlobTooLarge(Exception):
    """The incoming blob passed the size limit; nothing was stored."""


class IncomingBlob:
    """A blob being received: written to a temp file and hashed as it arrives.

    Use as a context manager; unless :meth:`commit` was called, leaving the block deletes
    the temporary file, whatever the reason (error, disconnect, validation failure).
    """

    def __init__(self, store: BlobStore, max_bytes: int) -> None:
        self._store = store
        self._max = max_bytes
        fd, name = tempfile.mkstemp(dir=store.tmp_dir, prefix="upload-", suffix=".part")
        self.path = Path(name)
        self._file: BinaryIO = os.fdopen(fd, "wb")
        self._hash = hashlib.sha256()
        self.size = 0
        self._done = False

    def write(self, chunk: bytes) -> None:
        self.size += len(chunk)
        if self.size > self._max:
            raise BlobTooLarge
        self._hash.update(chunk)
        self._file.write(chunk)

    def finish(self) -> str:
        """Flush to disk and return the SHA-256; the bytes are now stable for validation."""
        self._file.flush()
        os.fsync(self._file.fileno())
        self._file.close()
        return self._hash.hexdigest()

    def commit(self) -> str:
        """Move the finished file into place under its hash and return the hash."""
        digest = self._hash.hexdigest()
        target = self._store.path_for(digest)
        target.parent.mkdir(parents=True, exist_ok=True)
        # Same bytes already stored (another meeting, another version): keep the old file.
        if target.exists():
            self.path.unlink(missing_ok=True)
        else:
            self.path.replace(target)
            _fsync_dir(target.parent)
        self._done = True
        return digest

    def discard(self) -> None:
        if not self._file.closed:
            self._file.close()
        self.path.unlink(missing_ok=True)
        self._done = True

    def __enter__(self) -> IncomingBlob:
        return self

    def __exit__(self, *exc: object) -> None:
        if not self._done:
            self.discard()


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


class BlobStore:
    """Blobs under ``root/ab/abcdef…`` with temporary files in ``root/tmp``."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.tmp_dir = root / "tmp"
        self.tmp_dir.mkdir(parents=True, exist_ok=True)

    def clean_temporary(self, idle_seconds: float = 600) -> None:
        """Remove what interrupted uploads left behind.

        Only files untouched for ``idle_seconds``: with several server processes, another
        one may be receiving an upload right now.
        """
        limit = time.time() - idle_seconds
        for leftover in self.tmp_dir.glob("upload-*.part"):
            with contextlib.suppress(FileNotFoundError):
                if leftover.stat().st_mtime <= limit:
                    leftover.unlink()

    def path_for(self, sha256: str) -> Path:
        if not SHA256_RE.match(sha256):
            raise ValueError("not a SHA-256 hex digest")
        return self.root / sha256[:2] / sha256

    def exists(self, sha256: str) -> bool:
        return self.path_for(sha256).is_file()

    def incoming(self, max_bytes: int) -> IncomingBlob:
        return IncomingBlob(self, max_bytes)
