"""Annotations as signed revisions: what a note is, and how anyone can check it.

Every revision of a note is an ``annotation`` record signed by the device that made it, over
the canonical JSON of: the note's id and revision number, the hash of the previous revision,
the document's SHA-256, the page, the geometry, the quoted text with words before and after,
the body, the colour, the kind and the times.  Deleting a note signs a last revision with
``deleted: true`` (a tombstone), so a deletion is as accountable as an edit.

Coordinates are kept in hundredths of a point as integers: canonical JSON has no floats.

:func:`verify_history` checks a note's revisions — each signature against the keys the
caller trusts, and the chain of ``previous`` hashes — and says plainly what is wrong; the
app shows such a note as "changed outside ecabinet" and never silently trusts it.
:func:`make_bundle` and :func:`verify_bundle` are the signed JSON export that ``ecabinet
verify`` checks.
"""

from __future__ import annotations

import hashlib
import re
import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from ecabinet.core.anchoring import Box, Quote
from ecabinet.core.canonical import canonical_json
from ecabinet.core.signing import (
    SignatureError,
    key_id,
    public_key_from_b64,
    public_key_to_b64,
    sign_record,
    verify_record,
)

__all__ = [
    "KINDS",
    "TEXT_KINDS",
    "AnnotationError",
    "BundleReport",
    "Note",
    "Verdict",
    "make_bundle",
    "revise",
    "revision_hash",
    "verify_bundle",
    "verify_history",
]

FORMAT = 1
RECORD = "annotation"
BUNDLE = "annotation_bundle"
# Marks on selected text.
TEXT_KINDS = frozenset({"highlight", "underline", "strikeout"})
# ... and those on a point, a drawing, or a whole page.
KINDS = TEXT_KINDS | {"note", "ink", "bookmark"}
_COLOUR = re.compile(r"#[0-9a-f]{6}")
_MAX_BODY = 20_000
_MAX_POINTS = 20_000
_MAX_WIDTH = 50.0


class AnnotationError(ValueError):
    """A note that cannot be made as asked (unknown kind, bad colour, no geometry…)."""


def _hundredths(value: float) -> int:
    return round(value * 100)


@dataclass(frozen=True)
class Note:
    """The content of one revision, as the reader shows it (coordinates in points)."""

    document: str
    kind: str
    page: int
    rects: tuple[Box, ...] = ()
    strokes: tuple[tuple[tuple[float, float], ...], ...] = ()
    quote: Quote | None = None
    body: str = ""
    colour: str = "#ffd400"
    deleted: bool = False
    width: float = 0.0  # of an ink pen, in points; 0: the reader's default (not recorded)

    def check(self) -> None:
        """Raise :class:`AnnotationError` for a note the reader must not store."""
        if self.kind not in KINDS:
            raise AnnotationError(f"unknown kind of note {self.kind!r}")
        if not re.fullmatch(r"[0-9a-f]{64}", self.document):
            raise AnnotationError("a note belongs to a document named by its SHA-256")
        if self.page < 0:
            raise AnnotationError("a page number cannot be negative")
        if not _COLOUR.fullmatch(self.colour):
            raise AnnotationError(f"a colour is written #rrggbb, not {self.colour!r}")
        if len(self.body) > _MAX_BODY:
            raise AnnotationError(f"a note's text is limited to {_MAX_BODY:,} characters")
        if self.kind in TEXT_KINDS and (not self.rects or self.quote is None):
            raise AnnotationError(f"a {self.kind} needs the text it marks")
        if self.kind == "ink" and not any(self.strokes):
            raise AnnotationError("a drawing needs at least one stroke")
        if sum(len(s) for s in self.strokes) > _MAX_POINTS:
            raise AnnotationError(f"a drawing is limited to {_MAX_POINTS:,} points")
        if not 0 <= self.width <= _MAX_WIDTH:
            raise AnnotationError(f"a pen is at most {_MAX_WIDTH:g} points wide")
        if self.kind == "note" and not self.rects:
            raise AnnotationError("a sticky note needs the point it is pinned to")

    def payload_fields(self) -> dict[str, Any]:
        quote = self.quote or Quote(self.page, "")
        geometry: dict[str, Any] = {
            "rects": [[_hundredths(v) for v in rect] for rect in self.rects],
            "strokes": [
                [[_hundredths(x), _hundredths(y)] for x, y in stroke] for stroke in self.strokes
            ],
        }
        if self.width:
            # Only when chosen: notes without a pen width keep the payload they were signed with.
            geometry["width"] = _hundredths(self.width)
        return {
            "document": self.document,
            "kind": self.kind,
            "page": self.page,
            "geometry": geometry,
            "quote": {"text": quote.text, "before": quote.before, "after": quote.after},
            "body": self.body,
            "colour": self.colour,
            "deleted": self.deleted,
        }

    @classmethod
    def from_payload(cls, payload: Mapping[str, Any]) -> Note:
        geometry = payload["geometry"]
        quote = payload["quote"]
        return cls(
            document=str(payload["document"]),
            kind=str(payload["kind"]),
            page=int(payload["page"]),
            rects=tuple(
                (r[0] / 100, r[1] / 100, r[2] / 100, r[3] / 100) for r in geometry["rects"]
            ),
            strokes=tuple(
                tuple((p[0] / 100, p[1] / 100) for p in stroke) for stroke in geometry["strokes"]
            ),
            quote=Quote(int(payload["page"]), quote["text"], quote["before"], quote["after"])
            if quote["text"]
            else None,
            body=str(payload["body"]),
            colour=str(payload["colour"]),
            deleted=bool(payload["deleted"]),
            width=int(geometry.get("width", 0)) / 100,
        )


def revision_hash(record: Mapping[str, Any]) -> str:
    """The hash the next revision names as its ``previous``: of the whole signed record."""
    return hashlib.sha256(canonical_json(dict(record))).hexdigest()


def revise(
    note: Note,
    key: Ed25519PrivateKey,
    *,
    now: str,
    previous: Mapping[str, Any] | None = None,
) -> dict[str, Any]:
    """The signed record of a new note (``previous`` None) or of a note's next revision.

    Args:
        note: what the note is now (``deleted=True`` for a tombstone).
        key: the device's signing key.
        now: the time of this revision, ISO-8601 UTC.
        previous: the note's latest signed record.

    Raises:
        AnnotationError: the note is not well formed, or ``previous`` is a tombstone.
    """
    note.check()
    if previous is None:
        ident, number, created, link = uuid.uuid4().hex, 1, now, None
    else:
        before = previous[RECORD]
        if before["deleted"]:
            raise AnnotationError("a deleted note cannot be changed")
        ident, number = before["id"], int(before["revision"]) + 1
        created, link = before["created_at"], revision_hash(previous)
    payload = {
        "format": FORMAT,
        "id": ident,
        "revision": number,
        "previous": link,
        **note.payload_fields(),
        "created_at": created,
        "updated_at": now,
    }
    return sign_record(RECORD, payload, key)


@dataclass
class Verdict:
    """What checking one note's revisions found; ``problems`` empty means trustworthy."""

    id: str
    latest: dict[str, Any] | None = None  # the latest revision that checks out
    revisions: int = 0
    problems: list[str] = field(default_factory=list)

    @property
    def trusted(self) -> bool:
        return not self.problems


def verify_history(
    records: Sequence[Mapping[str, Any]], keys: Mapping[str, Ed25519PublicKey]
) -> Verdict:
    """Check a note's revisions, oldest first, against the trusted ``keys`` (by key id).

    Each revision must be signed by a trusted key, be the next number, and name the hash of
    the one before.  The first problem stops the chain: what follows it cannot be trusted.
    """
    ident = str(_payload(records[0]).get("id", "?")) if records else "?"
    verdict = Verdict(ident)
    previous: Mapping[str, Any] | None = None
    for record in records:
        problem = _check_revision(record, keys, previous, ident)
        if problem:
            verdict.problems.append(problem)
            break
        verdict.latest = dict(record)
        verdict.revisions += 1
        previous = record
    return verdict


def _payload(record: Any) -> dict[str, Any]:
    payload = record.get(RECORD) if isinstance(record, Mapping) else None
    return payload if isinstance(payload, dict) else {}


def _check_revision(
    record: Mapping[str, Any],
    keys: Mapping[str, Ed25519PublicKey],
    previous: Mapping[str, Any] | None,
    ident: str,
) -> str | None:
    payload = _payload(record)
    number = payload.get("revision")
    where = f"revision {number} of note {ident}"
    key = keys.get(str(record.get("key_id")))
    if key is None:
        return f"{where} is signed by a key this device does not know ({record.get('key_id')})"
    try:
        signed = verify_record(dict(record), RECORD, key)
    except SignatureError as exc:
        return f"{where} was changed outside ecabinet: {exc}"
    if signed.get("format") != FORMAT or signed.get("id") != ident:
        return f"{where} does not belong to this note"
    expected_number = 1 if previous is None else int(_payload(previous).get("revision", 0)) + 1
    expected_link = None if previous is None else revision_hash(previous)
    if signed.get("revision") != expected_number or signed.get("previous") != expected_link:
        return f"{where} does not follow the revision before it (one is missing or replaced)"
    if previous is not None and _payload(previous).get("deleted"):
        return f"{where} comes after the note was deleted"
    try:
        Note.from_payload(signed).check()
    except (AnnotationError, KeyError, TypeError, ValueError) as exc:
        return f"{where} is not a well-formed note: {exc}"
    return None


def make_bundle(
    histories: Sequence[Sequence[Mapping[str, Any]]],
    keys: Mapping[str, Ed25519PublicKey],
    signer: Ed25519PrivateKey,
    *,
    exported_at: str,
) -> dict[str, Any]:
    """A signed export of notes with every revision, and the public keys that signed them."""
    used = {str(r["key_id"]) for history in histories for r in history}
    carried = {k: keys[k] for k in used if k in keys}
    carried[key_id(signer.public_key())] = signer.public_key()  # the bundle's own signer too
    payload = {
        "format": FORMAT,
        "exported_at": exported_at,
        "keys": {k: public_key_to_b64(carried[k]) for k in sorted(carried)},
        "notes": [[dict(r) for r in history] for history in histories],
    }
    return sign_record(BUNDLE, payload, signer)


@dataclass
class BundleReport:
    """What :func:`verify_bundle` found."""

    notes: list[Verdict] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems and all(v.trusted for v in self.notes)


def verify_bundle(
    bundle: Any, trusted: Mapping[str, Ed25519PublicKey] | None = None
) -> BundleReport:
    """Check an exported bundle: its own signature, then every revision of every note.

    Without ``trusted`` keys, the keys the bundle carries are used: that proves the notes
    are intact and were signed by those devices, not who the devices belong to.
    """
    report = BundleReport()
    payload = bundle.get(BUNDLE) if isinstance(bundle, dict) else None
    if not isinstance(payload, dict):
        report.problems.append("this is not an ecabinet annotation bundle")
        return report
    carried: dict[str, Ed25519PublicKey] = {}
    listed = payload.get("keys")
    for kid, text in (listed if isinstance(listed, dict) else {}).items():
        try:
            key = public_key_from_b64(str(text))
        except SignatureError:
            report.problems.append(f"the bundle's key {kid} is not a valid public key")
            continue
        if key_id(key) != kid:
            report.problems.append(f"the bundle's key {kid} does not match its id")
            continue
        carried[kid] = key
    keys = dict(trusted) if trusted is not None else carried
    signer = keys.get(str(bundle.get("key_id")))
    if signer is None:
        report.problems.append(f"the bundle is signed by an unknown key ({bundle.get('key_id')})")
    else:
        try:
            verify_record(bundle, BUNDLE, signer)
        except SignatureError as exc:
            report.problems.append(f"the bundle was changed after it was exported: {exc}")
    notes = payload.get("notes")
    for history in notes if isinstance(notes, list) else []:
        if not isinstance(history, list) or not history:
            report.problems.append("the bundle holds a note with no revisions")
        elif not all(isinstance(record, dict) for record in history):
            report.problems.append("the bundle holds a note whose revisions are not records")
        else:
            report.notes.append(verify_history(history, keys))
    return report
