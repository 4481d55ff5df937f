"""Ed25519 signed records: manifests, receipts, results and annotation revisions.

Every signed record has the shape ``{"<name>": {...}, "key_id": "...", "signature": "..."}``
where the signature covers the canonical JSON of the inner object only.  Keeping one shape for
every kind of record means one verifier serves the client, the server and ``ecabinet verify``.
"""

from __future__ import annotations

import base64
import binascii
import functools
import hashlib
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from ecabinet.core.canonical import CanonicalJSONError, canonical_json, normalise


class SignatureError(ValueError):
    """A record is malformed, signed by another key, or its signature does not match."""


def raw_public_key(key: Ed25519PublicKey) -> bytes:
    """The 32 raw bytes of an Ed25519 public key."""
    return key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)


def key_id(key: Ed25519PublicKey) -> str:
    """A short, stable name for a public key: the first 16 hex digits of its SHA-256."""
    return hashlib.sha256(raw_public_key(key)).hexdigest()[:16]


def fingerprint(key: Ed25519PublicKey) -> str:
    """A human-comparable fingerprint (SHA-256 of the raw key, in groups of four hex digits)."""
    digest = hashlib.sha256(raw_public_key(key)).hexdigest()
    return " ".join(digest[i : i + 4] for i in range(0, 32, 4))


def public_key_from_b64(text: str) -> Ed25519PublicKey:
    """Parse a base64 raw Ed25519 public key, as ``/server-key`` and logins carry it.

    Raises:
        SignatureError: if the text is not base64 of exactly 32 bytes.
    """
    try:
        raw = base64.b64decode(text, validate=True)
    except (binascii.Error, ValueError) as exc:
        raise SignatureError("the public key is not valid base64") from exc
    if len(raw) != 32:
        raise SignatureError("an Ed25519 public key has exactly 32 bytes")
    return Ed25519PublicKey.from_public_bytes(raw)


def public_key_to_b64(key: Ed25519PublicKey) -> str:
    """Base64 of the raw public key."""
    return base64.b64encode(raw_public_key(key)).decode("ascii")


def sign_record(
    name: str, payload: dict[str, Any], private_key: Ed25519PrivateKey
) -> dict[str, Any]:
    """Wrap ``payload`` into a signed record named ``name``."""
    signature = private_key.sign(canonical_json(payload))
    return {
        name: payload,
        "key_id": _signer_id(private_key),
        "signature": base64.b64encode(signature).decode("ascii"),
    }


@functools.lru_cache(maxsize=8)
def _signer_id(private_key: Ed25519PrivateKey) -> str:
    # A process signs with one or two keys (keys hash by identity); a receipt per ballot
    # need not derive the public key and hash it again.
    return key_id(private_key.public_key())


def verify_record(record: Any, name: str, public_key: Ed25519PublicKey) -> dict[str, Any]:
    """Check a signed record and return its inner object.

    Raises:
        SignatureError: naming what is wrong: the shape, the key or the signature.
    """
    if not isinstance(record, dict):
        raise SignatureError("a signed record is a JSON object")
    payload = record.get(name)
    if not isinstance(payload, dict):
        raise SignatureError(f"the record holds no {name!r} object")
    if record.get("key_id") != key_id(public_key):
        raise SignatureError(
            f"signed by key {record.get('key_id')!r}, "
            f"not by the expected key {key_id(public_key)!r}"
        )
    sig_text = record.get("signature")
    if not isinstance(sig_text, str):
        raise SignatureError("the record has no signature")
    try:
        signature = base64.b64decode(sig_text, validate=True)
    except (binascii.Error, ValueError) as exc:
        raise SignatureError("the signature is not valid base64") from exc
    try:
        public_key.verify(signature, canonical_json(payload))
    except (InvalidSignature, CanonicalJSONError) as exc:
        raise SignatureError(f"the {name} signature does not match its content") from exc
    # What was signed is the normalised form: hand back exactly that, not a look-alike.
    signed: dict[str, Any] = normalise(payload)
    return signed
