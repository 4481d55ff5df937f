"""What signed vote records (results and receipts) have in common."""

from __future__ import annotations

import hashlib
import unicodedata
from datetime import UTC, datetime

RESULT_FORMAT = 1


def iso(value: datetime | None) -> str | None:
    return None if value is None else value.astimezone(UTC).isoformat().replace("+00:00", "Z")


def text_sha256(text: str) -> str:
    """What result and receipt records name the motion's wording by."""
    return hashlib.sha256(unicodedata.normalize("NFC", text).encode("utf-8")).hexdigest()
