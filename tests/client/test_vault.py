"""The encrypted vault: round trips, resuming, and every kind of damage detected."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import pytest

from ecabinet.client.vault import Vault, VaultDamaged, VaultMismatch


@pytest.fixture
def vault(tmp_path: Path) -> Vault:
    return Vault(tmp_path / "vault", os.urandom(32), chunk_size=1024)


def store(vault: Vault, size: int) -> tuple[str, bytes]:
    data = os.urandom(size)
    sha = hashlib.sha256(data).hexdigest()
    vault.put_bytes(sha, data)
    return sha, data


@pytest.mark.parametrize("size", [1, 1023, 1024, 1025, 4096, 10_000])
def test_round_trip_gives_the_exact_bytes(vault: Vault, size: int) -> None:
    sha, data = store(vault, size)
    assert vault.read_bytes(sha) == data
    vault.verify(sha)
    if size >= 16:  # a byte or two of plaintext may well occur in random ciphertext
        assert data not in vault.path_for(sha).read_bytes()


def test_file_names_do_not_reveal_the_document_hash(vault: Vault) -> None:
    sha, _ = store(vault, 100)
    assert sha not in str(vault.path_for(sha))
    other = Vault(vault.root, os.urandom(32))
    assert other.name_for(sha) != vault.name_for(sha)


@pytest.mark.parametrize("cut", [1, 1023, 1024, 2048, 5000])
def test_interrupted_write_resumes_after_the_last_whole_chunk(vault: Vault, cut: int) -> None:
    data = os.urandom(6000)
    sha = hashlib.sha256(data).hexdigest()
    with vault.writer(sha, len(data)) as writer:
        writer.write(data[:cut])
    with vault.writer(sha, len(data)) as writer:
        assert writer.offset == (cut // 1024) * 1024
        writer.write(data[writer.offset :])
        writer.finish()
    assert vault.read_bytes(sha) == data


def test_partial_file_with_a_damaged_chunk_resumes_before_it(vault: Vault) -> None:
    data = os.urandom(5000)
    sha = hashlib.sha256(data).hexdigest()
    with vault.writer(sha, len(data)) as writer:
        writer.write(data[:4500])
    part = next(vault.root.glob("*.part"))
    raw = bytearray(part.read_bytes())
    raw[16 + 1040 + 5] ^= 0xFF  # inside the second sealed chunk
    part.write_bytes(bytes(raw))
    with vault.writer(sha, len(data)) as writer:
        assert writer.offset == 1024
        writer.write(data[1024:])
        writer.finish()
    assert vault.read_bytes(sha) == data


def test_bytes_that_do_not_match_the_hash_are_discarded(vault: Vault) -> None:
    data = os.urandom(3000)
    with vault.writer("0" * 64, len(data)) as writer:
        writer.write(data)
        with pytest.raises(VaultMismatch):
            writer.finish()
    assert not vault.has("0" * 64)
    assert list(vault.root.iterdir()) == []


def test_more_or_fewer_bytes_than_announced_are_refused(vault: Vault) -> None:
    data = os.urandom(100)
    sha = hashlib.sha256(data).hexdigest()
    with vault.writer(sha, 50) as writer, pytest.raises(VaultMismatch):
        writer.write(data)
    with vault.writer(sha, 200) as writer:
        writer.write(data)
        with pytest.raises(VaultMismatch, match="received 100 bytes of 200"):
            writer.finish()


@pytest.mark.parametrize("where", ["header", "first", "last", "truncate", "append", "swap"])
def test_damage_on_disk_is_detected(vault: Vault, where: str) -> None:
    sha, _ = store(vault, 3000)
    path = vault.path_for(sha)
    raw = bytearray(path.read_bytes())
    sealed = 1024 + 16
    if where == "header":
        raw[0] ^= 1
    elif where == "first":
        raw[20] ^= 1
    elif where == "last":
        raw[-3] ^= 1
    elif where == "truncate":
        raw = raw[: 16 + sealed * 2]  # drop the final chunk: the new last is not marked final
    elif where == "append":
        raw += raw[16 : 16 + sealed]
    else:
        first, second = raw[16 : 16 + sealed], raw[16 + sealed : 16 + 2 * sealed]
        raw[16 : 16 + sealed], raw[16 + sealed : 16 + 2 * sealed] = second, first
    path.write_bytes(bytes(raw))
    with pytest.raises(VaultDamaged):
        vault.verify(sha)


def test_a_key_of_the_wrong_size_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="32 bytes"):
        Vault(tmp_path, b"short")


def test_a_torn_chunk_is_never_sealed_again_under_the_same_nonce(vault: Vault) -> None:
    data = os.urandom(5000)
    sha = hashlib.sha256(data).hexdigest()
    with vault.writer(sha, len(data)) as writer:
        writer.write(data[:3000])
    part = next(vault.root.glob("*.part"))
    old_header = part.read_bytes()[:16]
    with part.open("ab") as handle:
        handle.write(b"torn half of a sealed chunk")
    with vault.writer(sha, len(data)) as writer:
        assert writer.offset == 2048  # the two whole chunks are kept...
        writer.write(data[writer.offset :])
        writer.finish()
    assert vault.path_for(sha).read_bytes()[:16] != old_header  # ...under a fresh nonce
    assert vault.read_bytes(sha) == data
