"""Canonical JSON and signed records: the ground every signature stands on."""

from __future__ import annotations

import unicodedata

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from ecabinet.core.canonical import CanonicalJSONError, _standard_json, canonical_json
from ecabinet.core.signing import (
    SignatureError,
    fingerprint,
    key_id,
    public_key_from_b64,
    public_key_to_b64,
    sign_record,
    verify_record,
)


def test_canonical_json_sorts_keys_strips_space_and_keeps_utf8() -> None:
    assert canonical_json({"b": 1, "a": [True, None, "Đà Nẵng"]}) == (
        '{"a":[true,null,"Đà Nẵng"],"b":1}'.encode()
    )


def test_canonical_json_normalises_to_nfc() -> None:
    decomposed = unicodedata.normalize("NFD", "Nghị quyết")
    assert decomposed != "Nghị quyết"
    assert canonical_json({decomposed: decomposed}) == canonical_json({"Nghị quyết": "Nghị quyết"})


@pytest.mark.parametrize("bad", [{"x": 1.5}, {1: "a"}, {"x": object()}, [float("nan")]])
def test_canonical_json_refuses_what_has_no_single_form(bad: object) -> None:
    with pytest.raises(CanonicalJSONError):
        canonical_json(bad)


def test_canonical_json_writes_the_standard_librarys_bytes_for_every_code_point() -> None:
    """orjson (fast) and ``json.dumps`` (API.md's reference) agree on escapes and key order."""
    for start in range(0, 0x110000, 0x2000):
        text = "".join(
            chr(c) for c in range(start, min(start + 0x2000, 0x110000)) if not 0xD800 <= c <= 0xDFFF
        )
        text = unicodedata.normalize("NFC", text)
        value = {text: text, text[:40]: [text[40:80], 1, -2, True, False, None, 2**63 - 1]}
        assert canonical_json(value) == _standard_json(value)
    keys = {unicodedata.normalize("NFC", chr(c)): c for c in range(0x20, 0x3000, 7)}
    keys |= {"\U0001f600": 1, "ﬃ": 2, "Ω": 3, "": 4}
    assert canonical_json(keys) == _standard_json(keys)


def test_integers_beyond_64_bits_are_still_written() -> None:
    assert canonical_json({"big": 2**70, "small": -(2**70)}) == (
        b'{"big":1180591620717411303424,"small":-1180591620717411303424}'
    )


def test_keys_that_collide_after_normalisation_are_refused() -> None:
    with pytest.raises(CanonicalJSONError):
        canonical_json({"ệ": 1, unicodedata.normalize("NFD", "ệ"): 2})


def test_signed_record_round_trip_and_every_kind_of_tampering() -> None:
    key = Ed25519PrivateKey.generate()
    public = key.public_key()
    record = sign_record("result", {"motion": "m1", "for": 7, "note": "Thông qua"}, key)
    assert record["key_id"] == key_id(public)
    assert verify_record(record, "result", public)["for"] == 7

    changed = {**record, "result": {**record["result"], "for": 8}}
    with pytest.raises(SignatureError, match="does not match"):
        verify_record(changed, "result", public)
    other = Ed25519PrivateKey.generate().public_key()
    with pytest.raises(SignatureError, match="expected key"):
        verify_record(record, "result", other)
    with pytest.raises(SignatureError, match="no 'manifest'"):
        verify_record(record, "manifest", public)
    with pytest.raises(SignatureError, match="base64"):
        verify_record({**record, "signature": "***"}, "result", public)
    with pytest.raises(SignatureError, match="no signature"):
        verify_record({k: v for k, v in record.items() if k != "signature"}, "result", public)
    with pytest.raises(SignatureError, match="JSON object"):
        verify_record([record], "result", public)


def test_public_key_text_round_trip_and_bad_keys() -> None:
    public = Ed25519PrivateKey.generate().public_key()
    assert key_id(public_key_from_b64(public_key_to_b64(public))) == key_id(public)
    assert len(fingerprint(public).split()) == 8
    with pytest.raises(SignatureError):
        public_key_from_b64("not base64!")
    with pytest.raises(SignatureError):
        public_key_from_b64("AAAA")
