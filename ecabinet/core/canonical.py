"""Canonical JSON: one byte sequence per value, so that signatures survive a round trip.

API.md fixes the rules: UTF-8, keys sorted, no insignificant white space, integers only and
strings NFC-normalised.  Floats are refused rather than rounded, because two platforms may
print the same float differently and a signature must never depend on that.
"""

from __future__ import annotations

import json
import unicodedata
from typing import Any

import orjson


class CanonicalJSONError(ValueError):
    """Raised for a value that has no canonical JSON form (a float, a non-string key...)."""


def normalise(value: Any) -> Any:
    """Return a copy of ``value`` with every string NFC-normalised.

    Raises:
        CanonicalJSONError: for floats, non-string keys or types JSON cannot carry.
    """
    kind = type(value)
    # Exact types first (each ballot's receipt and audit entry pass through here).
    if kind is str:
        return value if value.isascii() else unicodedata.normalize("NFC", value)
    if kind is dict:
        return _normalise_object(value)
    if value is None or kind is bool or kind is int:
        return value
    if isinstance(value, str):
        return unicodedata.normalize("NFC", value)
    if isinstance(value, bool | int):
        return value
    if isinstance(value, float):
        raise CanonicalJSONError("canonical JSON carries integers only, not floats")
    if isinstance(value, dict):
        return _normalise_object(value)
    if isinstance(value, list | tuple):
        return [normalise(item) for item in value]
    raise CanonicalJSONError(f"{type(value).__name__} has no JSON form")


def _normalise_object(value: dict[Any, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, item in value.items():
        if not isinstance(key, str):
            raise CanonicalJSONError(f"object keys must be strings, not {type(key).__name__}")
        nkey = key if key.isascii() else unicodedata.normalize("NFC", key)
        if nkey in out:
            raise CanonicalJSONError(f"two keys normalise to the same string: {nkey!r}")
        out[nkey] = normalise(item)
    return out


def canonical_json(value: Any) -> bytes:
    """Encode ``value`` as canonical JSON bytes.

    orjson writes exactly the bytes of the standard library's ``json.dumps(sort_keys=True,
    separators=(",", ":"), ensure_ascii=False)`` (keys in code-point order, the same escapes;
    ``test_canonical`` compares them over every code point), three times faster: every ballot
    signs a receipt and chains an audit entry.  It refuses integers beyond 64 bits, which the
    standard library writes.
    """
    normal = normalise(value)
    try:
        return orjson.dumps(normal, option=orjson.OPT_SORT_KEYS)
    except orjson.JSONEncodeError:
        return _standard_json(normal)


def _standard_json(normal: Any) -> bytes:
    return json.dumps(
        normal,
        sort_keys=True,
        separators=(",", ":"),
        ensure_ascii=False,
        allow_nan=False,
    ).encode("utf-8")
