"""Secret stores: the encrypted-file fallback, and never plaintext."""

from __future__ import annotations

from pathlib import Path

import pytest

from ecabinet.client import secrets
from ecabinet.client.secrets import EncryptedFileSecrets, SecretStoreError, open_secret_store


def test_encrypted_file_round_trip_and_no_plaintext(tmp_path: Path) -> None:
    path = tmp_path / "secrets.enc"
    store = EncryptedFileSecrets(path, "mật khẩu dài")
    store.set("token", "very-secret-token")
    assert b"very-secret-token" not in path.read_bytes()
    assert path.stat().st_mode & 0o077 == 0
    again = EncryptedFileSecrets(path, "mật khẩu dài")
    assert again.get("token") == "very-secret-token"
    again.delete("token")
    assert EncryptedFileSecrets(path, "mật khẩu dài").get("token") is None


def test_wrong_passphrase_says_so(tmp_path: Path) -> None:
    EncryptedFileSecrets(tmp_path / "s.enc", "right").set("a", "b")
    with pytest.raises(SecretStoreError, match="passphrase is wrong"):
        EncryptedFileSecrets(tmp_path / "s.enc", "wrong")


def test_damaged_file_says_so(tmp_path: Path) -> None:
    (tmp_path / "s.enc").write_text("{not json")
    with pytest.raises(SecretStoreError, match="damaged"):
        EncryptedFileSecrets(tmp_path / "s.enc", "x")


def test_no_keyring_and_no_passphrase_is_an_error_not_plaintext(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(secrets, "os_keyring_available", lambda: False)
    monkeypatch.delenv(secrets.PASSPHRASE_ENV, raising=False)
    with pytest.raises(SecretStoreError, match="ECABINET_VAULT_PASSPHRASE"):
        open_secret_store(tmp_path, "ns")
    assert list(tmp_path.iterdir()) == []
    store = open_secret_store(tmp_path, "ns", ask_passphrase=lambda: "typed in the app")
    assert store.kind == "encrypted-file"
    monkeypatch.setenv(secrets.PASSPHRASE_ENV, "from-env")
    assert open_secret_store(tmp_path / "other", "ns").kind == "encrypted-file"


def test_os_keyring_is_preferred_when_present(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(secrets, "os_keyring_available", lambda: True)
    assert open_secret_store(tmp_path, "ns").kind == "os-keyring"
