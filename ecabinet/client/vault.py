"""Documents encrypted at rest: AES-GCM in chunks, one file per document.

File layout: a 16-byte header (``ECV1``, an 8-byte random file nonce, the chunk size), then
each chunk sealed with AES-GCM under the nonce ``file nonce ‖ chunk index``.  The additional
data binds every chunk to the header, its index and whether it is the last, so a chunk that
was changed, swapped, or cut off is detected by its tag.  Chunks are decrypted one at a time:
a 200 MB document never needs two copies in memory.

File names are an HMAC of the document's hash under the vault key, so the directory listing
does not reveal which documents a laptop holds.  A download in progress lives in a ``.part``
file of whole sealed chunks: an interrupted download resumes after its last verified chunk.
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import os
import secrets
import struct
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

MAGIC = b"ECV1"
HEADER = struct.Struct(">4s8sI")
TAG = 16
CHUNK_SIZE = 1024 * 1024


class VaultError(Exception):
    """Base of the vault's errors."""


class VaultDamaged(VaultError):
    """A stored document fails its integrity check (bad tag, wrong hash, cut short)."""


class VaultMismatch(VaultError):
    """Received bytes do not hash to the SHA-256 the manifest names; nothing was kept."""


def _chunk_count(size: int, chunk: int) -> int:
    return max(1, -(-size // chunk))


def _aad(header: bytes, index: int, final: bool) -> bytes:
    return header + struct.pack(">IB", index, 1 if final else 0)


def _nonce(file_nonce: bytes, index: int) -> bytes:
    return file_nonce + struct.pack(">I", index)


class Vault:
    """The encrypted documents of one profile."""

    def __init__(self, root: Path, key: bytes, chunk_size: int = CHUNK_SIZE) -> None:
        if len(key) != 32:
            raise ValueError("the vault key has 32 bytes")
        self.root = root
        self.root.mkdir(parents=True, exist_ok=True, mode=0o700)
        self._key = key
        self._aead = AESGCM(key)
        self.chunk_size = chunk_size

    def derived_key(self, purpose: str) -> bytes:
        """A key for another local purpose (e.g. sealing records), derived from the vault's."""
        return hmac.new(self._key, f"ecabinet {purpose}".encode(), hashlib.sha256).digest()

    def name_for(self, sha256: str) -> str:
        return hmac.new(self._key, sha256.encode("ascii"), hashlib.sha256).hexdigest()[:40]

    def path_for(self, sha256: str) -> Path:
        return self.root / f"{self.name_for(sha256)}.ecv"

    def has(self, sha256: str) -> bool:
        return self.path_for(sha256).is_file()

    def remove(self, sha256: str) -> None:
        for path in (self.path_for(sha256), self._part_path(sha256)):
            path.unlink(missing_ok=True)

    def _part_path(self, sha256: str) -> Path:
        return self.root / f"{self.name_for(sha256)}.part"

    def writer(self, sha256: str, size: int) -> VaultWriter:
        """A writer for a document, resuming a previous partial download if there is one."""
        return VaultWriter(self, sha256, size)

    def put_bytes(self, sha256: str, data: bytes) -> None:
        with self.writer(sha256, len(data)) as writer:
            writer.write(data[writer.offset :])
            writer.finish()

    def iter_plaintext(self, sha256: str) -> Iterator[bytes]:
        """The document's bytes, chunk by chunk, each checked by its tag.

        Raises:
            FileNotFoundError: the document is not in the vault.
            VaultDamaged: the file was changed, cut short or does not belong here.
        """
        with self.path_for(sha256).open("rb") as handle:
            header = handle.read(HEADER.size)
            magic, file_nonce, chunk = _parse_header(header)
            del magic
            total = os.fstat(handle.fileno()).st_size - HEADER.size
            count = -(-total // (chunk + TAG)) if total > 0 else 0
            if count == 0:
                raise VaultDamaged("the stored document is empty")
            for index in range(count):
                sealed = handle.read(chunk + TAG)
                try:
                    yield self._aead.decrypt(
                        _nonce(file_nonce, index), sealed, _aad(header, index, index == count - 1)
                    )
                except InvalidTag as exc:
                    raise VaultDamaged(f"chunk {index} of the stored document is damaged") from exc

    def read_bytes(self, sha256: str) -> bytes:
        """The whole document, verified against its SHA-256."""
        digest = hashlib.sha256()
        parts = []
        for part in self.iter_plaintext(sha256):
            digest.update(part)
            parts.append(part)
        if digest.hexdigest() != sha256:
            raise VaultDamaged("the stored document does not match its hash")
        return b"".join(parts)

    def verify(self, sha256: str) -> None:
        """Decrypt and re-hash a stored document.

        Raises:
            FileNotFoundError: it is not there.
            VaultDamaged: it is damaged.
        """
        digest = hashlib.sha256()
        for part in self.iter_plaintext(sha256):
            digest.update(part)
        if digest.hexdigest() != sha256:
            raise VaultDamaged("the stored document does not match its hash")

    def stored(self) -> list[Path]:
        return sorted(self.root.glob("*.ecv"))


def _parse_header(header: bytes) -> tuple[bytes, bytes, int]:
    if len(header) != HEADER.size:
        raise VaultDamaged("the stored document has no header")
    magic, file_nonce, chunk = HEADER.unpack(header)
    if magic != MAGIC or not 0 < chunk <= 64 * 1024 * 1024:
        raise VaultDamaged("the stored document has a damaged header")
    return magic, file_nonce, chunk


class VaultWriter:
    """Receives one document's plaintext, seals it chunk by chunk, checks its hash at the end.

    ``offset`` tells how many bytes are already safely stored (from an earlier, interrupted
    download); the caller asks the server for the rest only.  Use as a context manager: on an
    error the partial file is kept for resuming, unless the bytes proved wrong.
    """

    def __init__(self, vault: Vault, sha256: str, size: int) -> None:
        self._vault = vault
        self.sha256 = sha256
        self.size = size
        self._digest = hashlib.sha256()
        self._buffer = bytearray()
        self._index = 0
        self._count = _chunk_count(size, vault.chunk_size)
        self.part = vault._part_path(sha256)
        self.offset = 0
        self._file: BinaryIO = self._open()

    def _open(self) -> BinaryIO:
        if self.part.exists():
            with contextlib.suppress(VaultDamaged, OSError):
                return self._resume()
        handle = self.part.open("wb")
        self._header = HEADER.pack(MAGIC, secrets.token_bytes(8), self._vault.chunk_size)
        handle.write(self._header)
        return handle

    def _resume(self) -> BinaryIO:
        """Re-verify the whole chunks already written and continue after the last good one.

        If anything follows the last good chunk (a torn write, a full disk), the good chunks
        are sealed again under a fresh file nonce first: continuing in the old file would seal
        new bytes under a chunk index, and so a nonce, already used for other bytes.
        """
        handle = self.part.open("r+b")
        try:
            header = handle.read(HEADER.size)
            _magic, file_nonce, chunk = _parse_header(header)
            if chunk != self._vault.chunk_size:
                raise VaultDamaged("the partial file uses another chunk size")
            self._header = header
            good = HEADER.size
            while self._index < self._count - 1:
                sealed = handle.read(chunk + TAG)
                if len(sealed) < chunk + TAG:
                    break
                try:
                    plain = self._vault._aead.decrypt(
                        _nonce(file_nonce, self._index), sealed, _aad(header, self._index, False)
                    )
                except InvalidTag:
                    break
                self._digest.update(plain)
                self._index += 1
                good += len(sealed)
            self.offset = self._index * chunk
            if os.fstat(handle.fileno()).st_size == good:
                handle.seek(good)
                return handle
            return self._reseal(handle, header, self._index)
        except BaseException:
            handle.close()
            raise

    def _reseal(self, old: BinaryIO, old_header: bytes, count: int) -> BinaryIO:
        """Copy the first ``count`` good chunks into a new partial file with a new nonce."""
        chunk = self._vault.chunk_size
        old_nonce = old_header[4:12]
        fresh = self.part.with_suffix(".reseal")
        new = fresh.open("w+b")
        try:
            self._header = HEADER.pack(MAGIC, secrets.token_bytes(8), chunk)
            new.write(self._header)
            old.seek(HEADER.size)
            for index in range(count):
                plain = self._vault._aead.decrypt(
                    _nonce(old_nonce, index), old.read(chunk + TAG), _aad(old_header, index, False)
                )
                new.write(
                    self._vault._aead.encrypt(
                        _nonce(self._header[4:12], index), plain, _aad(self._header, index, False)
                    )
                )
            new.flush()
            old.close()
            fresh.replace(self.part)
            return new
        except BaseException:
            new.close()
            fresh.unlink(missing_ok=True)
            raise

    def write(self, data: bytes) -> None:
        if self.offset + len(self._buffer) + len(data) > self.size:
            raise VaultMismatch("the server sent more bytes than the manifest announced")
        chunk = self._vault.chunk_size
        view = memoryview(data)
        if self._buffer:
            # Top up the partial chunk first.
            room = chunk - len(self._buffer)
            self._buffer += view[:room]
            view = view[room:]
            if len(self._buffer) == chunk and self._index < self._count - 1:
                self._seal(bytes(self._buffer), final=False)
                self._buffer.clear()
        # Whole chunks straight from the caller's buffer: no copy into ours.
        while len(view) >= chunk and not self._buffer and self._index < self._count - 1:
            self._seal(view[:chunk], final=False)
            view = view[chunk:]
        self._buffer += view

    def _seal(self, plain: bytes | memoryview, final: bool) -> None:
        file_nonce = self._header[4:12]
        sealed = self._vault._aead.encrypt(
            _nonce(file_nonce, self._index), plain, _aad(self._header, self._index, final)
        )
        self._file.write(sealed)
        self._digest.update(plain)
        self._index += 1
        self.offset += len(plain)

    def finish(self) -> None:
        """Seal the last chunk, check size and hash, and move the document into place.

        Raises:
            VaultMismatch: the bytes are not the document the manifest names (the partial
                file is deleted, so the next attempt starts afresh).
        """
        received = self.offset + len(self._buffer)
        if received != self.size:
            raise VaultMismatch(f"received {received} bytes of {self.size}")
        self._seal(bytes(self._buffer), final=True)
        self._buffer.clear()
        if self._digest.hexdigest() != self.sha256:
            self._file.close()
            self.part.unlink(missing_ok=True)
            raise VaultMismatch("the received document does not match the hash in the manifest")
        self._file.flush()
        os.fsync(self._file.fileno())
        self._file.close()
        self.part.replace(self._vault.path_for(self.sha256))

    def close(self) -> None:
        """Keep what was written so far (whole chunks only) for a later resume."""
        if not self._file.closed:
            self._file.flush()
            self._file.close()

    def __enter__(self) -> VaultWriter:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
