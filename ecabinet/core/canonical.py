"""Canonical JSON: one byte sequence per value, so that signatures survive a round trip.

API.md fixes the rules: UTF-8, keys sorted, no insignificant white space, integers only and
strings NFC-normalised.  Floats are refused rather than rounded, because two platforms may
print the same float differently and a signature must never depend on that.
"""

from __future__ import annotations

import json
import unicodedata
from typing import Any


class CanonicalJSONError(ValueError):
    """Raised for a value that has no canonical JSON form (a float, a non-string key...)."""


def normalise(value: Any) -> Any:
    """Return a copy of ``value`` with every string NFC-normalised.

    Raises:
        CanonicalJSONError: for floats, non-string keys or types JSON cannot carry.
    """
    if isinstance(value, str):
        return unicodedata.normalize("NFC", value)
    if value is None or isinstance(value, bool | int):
        return value
    if isinstance(value, float):
        raise CanonicalJSONError("canonical JSON carries integers only, not floats")
    if isinstance(value, dict):
        out: dict[str, Any] = {}
        for key, item in value.items():
            if not isinstance(key, str):
                raise CanonicalJSONError(f"object keys must be strings, not {type(key).__name__}")
            nkey = unicodedata.normalize("NFC", key)
            if nkey in out:
                raise CanonicalJSONError(f"two keys normalise to the same string: {nkey!r}")
            out[nkey] = normalise(item)
        return out
    if isinstance(value, list | tuple):
        return [normalise(item) for item in value]
    raise CanonicalJSONError(f"{type(value).__name__} has no JSON form")


def canonical_json(value: Any) -> bytes:
    """Encode ``value`` as canonical JSON bytes."""
    return json.dumps(
        normalise(value),
        sort_keys=True,
        separators=(",", ":"),
        ensure_ascii=False,
        allow_nan=False,
    ).encode("utf-8")
