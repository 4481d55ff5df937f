"""Password hashing with argon2id, a memory-hard KDF."""

from __future__ import annotations

import threading

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError


class Passwords:
    """Hashes and checks passwords with the costs the settings name."""

    def __init__(self, memory_kib: int, time_cost: int, parallel: int = 4) -> None:
        # Each check takes memory_kib of RAM: bound how many run at once, so a burst of
        # logins cannot exhaust the server's memory.
        self._slots = threading.BoundedSemaphore(parallel)
        self._hasher = PasswordHasher(memory_cost=memory_kib, time_cost=time_cost, parallelism=1)
        # Checked against when the user does not exist, so that a login for an unknown name
        # takes as long as one with a wrong password and reveals nothing.
        self._dummy = self._hasher.hash("not a password anyone has")

    def hash(self, password: str) -> str:
        with self._slots:
            return self._hasher.hash(password)

    def verify(self, stored: str | None, password: str) -> bool:
        with self._slots:
            try:
                return self._hasher.verify(stored or self._dummy, password) and stored is not None
            except (VerifyMismatchError, VerificationError, InvalidHashError):
                return False
