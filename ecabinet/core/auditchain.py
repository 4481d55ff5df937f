"""The hash chain behind the append-only audit log.

Each entry stores the SHA-256 of the previous entry, and its own hash covers its content and
that link.  Changing, removing or reordering any entry breaks every hash after it, so
``ecabinet admin audit-verify`` can name the first entry that was touched.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from ecabinet.core.canonical import canonical_json

GENESIS_HASH = "0" * 64


@dataclass(frozen=True)
class AuditRecord:
    """One audit entry as the chain sees it."""

    seq: int
    at: str
    actor: str | None
    action: str
    subject: str | None
    details: dict[str, Any]
    prev_hash: str
    hash: str = ""

    def content(self) -> dict[str, Any]:
        return {
            "seq": self.seq,
            "at": self.at,
            "actor": self.actor,
            "action": self.action,
            "subject": self.subject,
            "details": self.details,
            "prev_hash": self.prev_hash,
        }


def entry_hash(record: AuditRecord) -> str:
    """The hash an entry must carry, given its content and its link to the previous one."""
    return hashlib.sha256(canonical_json(record.content())).hexdigest()


@dataclass(frozen=True)
class ChainBreak:
    """Where and why a chain stops verifying."""

    seq: int
    reason: str


def verify_chain(records: Iterable[AuditRecord]) -> ChainBreak | None:
    """Walk the chain in ``seq`` order; return the first break, or ``None`` if it is whole."""
    prev = GENESIS_HASH
    expected_seq = 1
    for record in records:
        if record.seq != expected_seq:
            return ChainBreak(record.seq, f"expected entry {expected_seq}: entries are missing")
        if record.prev_hash != prev:
            return ChainBreak(record.seq, "its link to the previous entry does not match")
        if entry_hash(record) != record.hash:
            return ChainBreak(record.seq, "its content was changed after it was written")
        prev = record.hash
        expected_seq += 1
    return None
