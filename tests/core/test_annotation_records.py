"""Signed annotation revisions and bundles: made, edited, deleted, tampered with, verified."""

from __future__ import annotations

import copy
import json
from typing import Any

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from ecabinet.core.anchoring import Quote
from ecabinet.core.annotations import (
    AnnotationError,
    Note,
    make_bundle,
    revise,
    verify_bundle,
    verify_history,
)
from ecabinet.core.signing import key_id

DOC = "ab" * 32
DEVICE = Ed25519PrivateKey.generate()
KEYS = {key_id(DEVICE.public_key()): DEVICE.public_key()}
HIGHLIGHT = Note(
    DOC,
    "highlight",
    3,
    rects=((72.5, 100.25, 300.0, 112.0),),
    quote=Quote(3, "ngân sách nhà nước", "dự toán", "năm 2027"),
    colour="#ffd400",
)


def history() -> list[dict[str, Any]]:
    first = revise(HIGHLIGHT, DEVICE, now="2026-11-28T08:00:00Z")
    edited = revise(
        Note(**{**HIGHLIGHT.__dict__, "body": "Hỏi lại Sở Tài chính", "colour": "#7fd4ff"}),
        DEVICE,
        now="2026-11-28T08:05:00Z",
        previous=first,
    )
    return [first, edited]


def test_a_note_and_its_revisions_verify() -> None:
    records = history()
    verdict = verify_history(records, KEYS)
    assert verdict.trusted and verdict.revisions == 2
    assert verdict.latest is not None
    latest = verdict.latest["annotation"]
    assert latest["body"] == "Hỏi lại Sở Tài chính"
    assert latest["created_at"] == "2026-11-28T08:00:00Z"
    assert latest["updated_at"] == "2026-11-28T08:05:00Z"
    note = Note.from_payload(latest)
    assert note.rects == HIGHLIGHT.rects  # hundredths of a point survive the round trip
    assert note.quote == HIGHLIGHT.quote


def test_deleting_signs_a_tombstone_and_ends_the_note() -> None:
    records = history()
    gone = revise(
        Note(**{**HIGHLIGHT.__dict__, "deleted": True}),
        DEVICE,
        now="2026-11-28T09:00:00Z",
        previous=records[-1],
    )
    verdict = verify_history([*records, gone], KEYS)
    assert verdict.trusted and verdict.latest is not None
    assert verdict.latest["annotation"]["deleted"] is True
    with pytest.raises(AnnotationError, match="deleted"):
        revise(HIGHLIGHT, DEVICE, now="2026-11-28T09:01:00Z", previous=gone)


def test_a_changed_byte_is_caught_and_named() -> None:
    records = history()
    tampered = copy.deepcopy(records)
    tampered[1]["annotation"]["body"] = "Hỏi lại Sở Tài chinh"
    verdict = verify_history(tampered, KEYS)
    assert not verdict.trusted
    assert "changed outside ecabinet" in verdict.problems[0]
    assert verdict.latest == records[0]  # what came before the change is still shown


def test_unknown_keys_missing_and_replaced_revisions_are_refused() -> None:
    records = history()
    stranger = Ed25519PrivateKey.generate()
    foreign = revise(HIGHLIGHT, stranger, now="2026-11-28T08:00:00Z")
    assert "does not know" in verify_history([foreign], KEYS).problems[0]
    third = revise(HIGHLIGHT, DEVICE, now="2026-11-28T10:00:00Z", previous=records[1])
    skipped = verify_history([records[0], third], KEYS)
    assert "does not follow" in skipped.problems[0]
    replaced = revise(HIGHLIGHT, DEVICE, now="2026-11-28T08:01:00Z", previous=records[0])
    assert verify_history([records[0], replaced, third], KEYS).problems  # third names another


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"kind": "scribble"}, "unknown kind"),
        ({"colour": "yellow"}, "#rrggbb"),
        ({"quote": None}, "needs the text"),
        ({"document": "nope"}, "SHA-256"),
        ({"page": -1}, "negative"),
        ({"kind": "ink", "rects": ()}, "stroke"),
        ({"kind": "note", "rects": ()}, "point"),
    ],
)
def test_malformed_notes_are_refused_before_signing(changes: dict[str, Any], message: str) -> None:
    with pytest.raises(AnnotationError, match=message):
        revise(Note(**{**HIGHLIGHT.__dict__, **changes}), DEVICE, now="2026-11-28T08:00:00Z")


def test_ink_strokes_are_kept() -> None:
    ink = Note(DOC, "ink", 0, strokes=(((10.0, 10.0), (20.5, 30.25)),), colour="#d00000")
    record = revise(ink, DEVICE, now="2026-11-28T08:00:00Z")
    assert Note.from_payload(record["annotation"]).strokes == ink.strokes


def test_a_bundle_verifies_and_a_changed_byte_in_its_file_is_caught() -> None:
    bundle = make_bundle([history()], KEYS, DEVICE, exported_at="2026-11-28T11:00:00Z")
    text = json.dumps(bundle, ensure_ascii=False)
    assert verify_bundle(json.loads(text)).ok
    changed = json.loads(text.replace("Hỏi lại", "Hỏi lai"))
    report = verify_bundle(changed)
    assert not report.ok
    assert "changed after it was exported" in report.problems[0]
    assert "changed outside ecabinet" in report.notes[0].problems[0]


def test_a_bundle_signed_by_an_unknown_key_is_reported() -> None:
    bundle = make_bundle([history()], KEYS, DEVICE, exported_at="2026-11-28T11:00:00Z")
    other = Ed25519PrivateKey.generate()
    report = verify_bundle(bundle, {key_id(other.public_key()): other.public_key()})
    assert not report.ok
    assert "unknown key" in report.problems[0]
    assert "does not know" in report.notes[0].problems[0]
    assert verify_bundle({"something": "else"}).problems == [
        "this is not an ecabinet annotation bundle"
    ]


def test_a_bundle_from_a_device_that_restored_others_notes_verifies() -> None:
    other = Ed25519PrivateKey.generate()
    keys = {**KEYS, key_id(other.public_key()): other.public_key()}
    bundle = make_bundle([history()], keys, other, exported_at="2026-11-28T11:00:00Z")
    assert verify_bundle(bundle).ok  # the exporting device's key travels with it


@pytest.mark.parametrize(
    "notes", [[["not a record"]], "nonsense", [[{"annotation": 5, "key_id": "x"}]], [[]]]
)
def test_a_malformed_bundle_is_reported_not_crashed(notes: object) -> None:
    bundle = make_bundle([history()], KEYS, DEVICE, exported_at="2026-11-28T11:00:00Z")
    bundle["annotation_bundle"]["notes"] = notes
    assert not verify_bundle(bundle).ok
