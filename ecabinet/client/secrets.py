"""One interface for the client's secrets: login token, device key, vault key.

The OS keyring is used when there is one.  Headless Linux often has none (keyring falls back
to its ``fail`` backend); then secrets go to a file encrypted with a key derived from a
passphrase, asked for by the app or taken from ``ECABINET_VAULT_PASSPHRASE``.  There is no
plaintext fallback: without a keyring and without a passphrase, opening the store fails with a
message saying what to do.  Callers can tell which kind they got from ``kind``.
"""

from __future__ import annotations

import base64
import contextlib
import json
import os
import secrets as pysecrets
from collections.abc import Callable
from pathlib import Path
from typing import Protocol

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

PASSPHRASE_ENV = "ECABINET_VAULT_PASSPHRASE"  # noqa: S105 - a variable name, not a secret
KEYRING_SERVICE = "ecabinet"


class SecretStoreError(RuntimeError):
    """The secret store cannot be opened or written; the message says what to do."""


class SecretStore(Protocol):
    """Where secrets live.  ``kind`` is ``os-keyring``, ``encrypted-file`` or ``memory``."""

    kind: str

    def get(self, name: str) -> str | None: ...

    def set(self, name: str, value: str) -> None: ...

    def delete(self, name: str) -> None: ...


class MemorySecrets:
    """Secrets in a dict: for tests, never for real profiles."""

    kind = "memory"

    def __init__(self) -> None:
        self.values: dict[str, str] = {}

    def get(self, name: str) -> str | None:
        return self.values.get(name)

    def set(self, name: str, value: str) -> None:
        self.values[name] = value

    def delete(self, name: str) -> None:
        self.values.pop(name, None)


class KeyringSecrets:
    """Secrets in the OS keyring, namespaced by profile so two profiles never collide."""

    kind = "os-keyring"

    def __init__(self, namespace: str) -> None:
        self.namespace = namespace

    def _user(self, name: str) -> str:
        return f"{self.namespace}/{name}"

    def get(self, name: str) -> str | None:
        import keyring

        return keyring.get_password(KEYRING_SERVICE, self._user(name))

    def set(self, name: str, value: str) -> None:
        import keyring

        keyring.set_password(KEYRING_SERVICE, self._user(name), value)

    def delete(self, name: str) -> None:
        import keyring
        from keyring.errors import PasswordDeleteError

        with contextlib.suppress(PasswordDeleteError):
            keyring.delete_password(KEYRING_SERVICE, self._user(name))


class EncryptedFileSecrets:
    """Secrets in one JSON file, AES-GCM encrypted under an scrypt key from a passphrase."""

    kind = "encrypted-file"
    _N, _R, _P = 2**15, 8, 1

    def __init__(self, path: Path, passphrase: str) -> None:
        if not passphrase:
            raise SecretStoreError("The passphrase of the secret store is empty.")
        self.path = path
        self._passphrase = passphrase.encode("utf-8")
        self._values: dict[str, str] = {}
        self._salt = pysecrets.token_bytes(16)
        if path.exists():
            self._load()

    def _key(self) -> bytes:
        kdf = Scrypt(salt=self._salt, length=32, n=self._N, r=self._R, p=self._P)
        return kdf.derive(self._passphrase)

    def _load(self) -> None:
        try:
            data = json.loads(self.path.read_text("utf-8"))
            self._salt = base64.b64decode(data["salt"])
            nonce = base64.b64decode(data["nonce"])
            sealed = base64.b64decode(data["ciphertext"])
        except (OSError, ValueError, KeyError, TypeError) as exc:
            raise SecretStoreError(
                f"The secret store {self.path} is damaged. Move it away and log in again."
            ) from exc
        try:
            plain = AESGCM(self._key()).decrypt(nonce, sealed, b"ecabinet-secrets-v1")
        except InvalidTag as exc:
            raise SecretStoreError(
                "The passphrase is wrong (or the secret store was changed). Enter the "
                f"passphrase this profile was set up with, or set {PASSPHRASE_ENV}."
            ) from exc
        self._values = json.loads(plain)

    def _save(self) -> None:
        nonce = pysecrets.token_bytes(12)
        sealed = AESGCM(self._key()).encrypt(
            nonce, json.dumps(self._values).encode("utf-8"), b"ecabinet-secrets-v1"
        )
        payload = json.dumps(
            {
                "format": 1,
                "kdf": "scrypt",
                "n": self._N,
                "r": self._R,
                "p": self._P,
                "salt": base64.b64encode(self._salt).decode(),
                "nonce": base64.b64encode(nonce).decode(),
                "ciphertext": base64.b64encode(sealed).decode(),
            }
        )
        tmp = self.path.with_suffix(".tmp")
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(payload)
            handle.flush()
            os.fsync(handle.fileno())
        tmp.replace(self.path)

    def get(self, name: str) -> str | None:
        return self._values.get(name)

    def set(self, name: str, value: str) -> None:
        self._values[name] = value
        self._save()

    def delete(self, name: str) -> None:
        if self._values.pop(name, None) is not None:
            self._save()


def os_keyring_available() -> bool:
    """Whether keyring found a real backend (not its ``fail`` placeholder)."""
    try:
        import keyring
        from keyring.backends import fail
    except ImportError:
        return False
    backend = keyring.get_keyring()
    return not isinstance(backend, fail.Keyring) and getattr(backend, "priority", 1) > 0


def open_secret_store(
    profile_dir: Path, namespace: str, ask_passphrase: Callable[[], str | None] | None = None
) -> SecretStore:
    """The OS keyring if there is one, else the passphrase-encrypted file of the profile.

    Raises:
        SecretStoreError: no keyring and no passphrase (from the environment or the callback),
            or a wrong passphrase.
    """
    if os_keyring_available():
        return KeyringSecrets(namespace)
    passphrase = os.environ.get(PASSPHRASE_ENV) or (ask_passphrase() if ask_passphrase else None)
    if not passphrase:
        raise SecretStoreError(
            "This system has no OS keyring to keep the login and encryption keys in. Set "
            f"{PASSPHRASE_ENV} (or enter a passphrase in the app) to keep them in a file "
            "encrypted with that passphrase instead."
        )
    return EncryptedFileSecrets(profile_dir / "secrets.enc", passphrase)
