"""A profile's annotations: signed on this device, stored with every revision, checked on load.

Each change to a note (:mod:`ecabinet.core.annotations`) is signed with the device key and
stored as the exact canonical JSON that was signed, plus a *seal*: an HMAC under a key
derived from the vault key, written once the signature has been verified.  Loading checks
the seals — microseconds each, where an Ed25519 verification costs some 60 µs and a
document can carry thousands of notes — and falls back to the full signature check for any
revision whose seal does not match.  A note that fails is shown as "changed outside ecabinet"
and cannot be edited; nothing about it is silently trusted or dropped.
"""

from __future__ import annotations

import gc
import hashlib
import hmac
import json
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import orjson
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from sqlalchemy import select
from sqlalchemy.orm import Session

from ecabinet.client.profile import Profile
from ecabinet.client.store import AnnotationNote, AnnotationRevision, TrustedKey
from ecabinet.core.annotations import (
    AnnotationError,
    Note,
    make_bundle,
    revise,
    verify_history,
)
from ecabinet.core.canonical import canonical_json
from ecabinet.core.signing import key_id, public_key_from_b64, public_key_to_b64

__all__ = ["AnnotationBook", "LoadedNote", "trusted_device_keys"]

RECORD = "annotation"


def trusted_device_keys(session: Session) -> dict[str, Ed25519PublicKey]:
    """The device keys whose notes a profile trusts, by key id."""
    return {
        row.key_id: public_key_from_b64(row.public_key)
        for row in session.scalars(select(TrustedKey))
    }


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while loading notes.

    Loading makes tens of thousands of small objects, none of them cyclic; the collections
    their allocation triggers walk every live object again and cost a third of the load.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


@dataclass(frozen=True)
class _State:
    """A note's state row, as read for loading."""

    orphaned_by: str | None
    document: str
    page: int
    kind: str
    deleted: bool
    revision: int
    head_seal: str


@dataclass(frozen=True)
class LoadedNote:
    """A note as the reader shows it."""

    id: str
    note: Note
    revisions: int
    created_at: str
    updated_at: str
    problem: str | None = None  # set: changed outside ecabinet (shown, never trusted)
    orphaned_by: str | None = None  # set: the document that replaced this one; not followed

    @property
    def trusted(self) -> bool:
        return self.problem is None


def _loaded_note(
    note_id: str, text: str, revisions: int, problem: str | None, orphaned_by: str | None
) -> LoadedNote | None:
    """The note a revision record holds, as shown; None if the record is not readable."""
    try:
        payload = orjson.loads(text)[RECORD]
        note = Note.from_payload(payload)
    except (ValueError, KeyError, TypeError, IndexError):
        return None
    return LoadedNote(
        note_id,
        note,
        revisions,
        str(payload.get("created_at", "")),
        str(payload.get("updated_at", "")),
        problem,
        orphaned_by,
    )


class AnnotationBook:
    """The notes of one profile (any thread; each call is one transaction)."""

    def __init__(self, profile: Profile) -> None:
        self.profile = profile
        self._seal_key = profile.vault.derived_key("annotation seal")
        self._device = profile.device_key()
        own = self._device.public_key()
        self.device_key_id = key_id(own)
        with profile.store.session() as session:
            if session.get(TrustedKey, self.device_key_id) is None:
                session.add(
                    TrustedKey(
                        key_id=self.device_key_id,
                        public_key=public_key_to_b64(own),
                        label="this device",
                    )
                )

    # --- changes --------------------------------------------------------------------------------

    def add(self, note: Note) -> str:
        """Sign and store a new note; returns its id."""
        return self.add_many([note])[0]

    def add_many(self, notes: Iterable[Note]) -> list[str]:
        """Sign and store new notes in one transaction; returns their ids."""
        now = _now()
        records = [revise(note, self._device, now=now) for note in notes]
        with self.profile.store.session() as session:
            for record in records:
                self._keep(session, record)
        return [str(record[RECORD]["id"]) for record in records]

    def edit(self, note_id: str, note: Note) -> None:
        """Sign and store the next revision of a note.

        Raises:
            AnnotationError: no such note, a deleted one, or one changed outside ecabinet.
        """
        with self.profile.store.session() as session:
            latest = self._latest_trusted(session, note_id)
            self._keep(session, revise(note, self._device, now=_now(), previous=latest))

    def delete(self, note_id: str) -> None:
        """Sign a tombstone: the note is gone, and the deletion is accounted for."""
        with self.profile.store.session() as session:
            latest = self._latest_trusted(session, note_id)
            note = Note.from_payload(latest[RECORD])
            tombstone = Note(**{**note.__dict__, "deleted": True})
            self._keep(session, revise(tombstone, self._device, now=_now(), previous=latest))

    def import_history(self, records: Sequence[Mapping[str, Any]]) -> LoadedNote:
        """Keep a note's revisions received from elsewhere (a backup), as far as they verify.

        The revisions that verify are kept; if a later one does not, the note is returned with
        that problem (nothing after it is kept).  A note this device changed differently is
        left as it is here.

        Raises:
            AnnotationError: not even the first revision verifies, or the note was changed
                differently on this device; nothing is stored then.
        """
        keys = self.trusted_keys()
        verdict = verify_history(records, keys)
        if not verdict.revisions:
            raise AnnotationError(verdict.problems[0])
        good = list(records[: verdict.revisions])
        with self.profile.store.session() as session:
            mine = list(
                session.scalars(
                    select(AnnotationRevision.record)
                    .where(AnnotationRevision.note_id == verdict.id)
                    .order_by(AnnotationRevision.revision)
                )
            )
            for number, text in enumerate(mine[: len(good)]):
                if canonical_json(dict(good[number])).decode() != text:
                    raise AnnotationError(
                        f"note {verdict.id} was changed differently on this device; "
                        "the version on this device is kept"
                    )
            for record in good[len(mine) :]:
                self._keep(session, record)
        loaded = self.notes(note_ids=[verdict.id], include_deleted=True)[0]
        if verdict.problems:
            return LoadedNote(**{**loaded.__dict__, "problem": verdict.problems[0]})
        return loaded

    def trust(self, public_key_b64: str, label: str) -> str:
        """Trust notes signed by another device of this user; returns its key id."""
        key = public_key_from_b64(public_key_b64)
        ident = key_id(key)
        with self.profile.store.session() as session:
            session.merge(TrustedKey(key_id=ident, public_key=public_key_to_b64(key), label=label))
        return ident

    def trusted_keys(self) -> dict[str, Ed25519PublicKey]:
        with self.profile.store.session() as session:
            return trusted_device_keys(session)

    def set_orphaned(self, note_id: str, replaced_by: str | None) -> None:
        """Mark a note left on its document when ``replaced_by`` replaced it (None: clear)."""
        with self.profile.store.session() as session:
            row = session.get(AnnotationNote, note_id)
            if row is not None:
                row.orphaned_by = replaced_by

    # --- reading --------------------------------------------------------------------------------

    def notes(
        self,
        document: str | None = None,
        *,
        note_ids: Iterable[str] | None = None,
        include_deleted: bool = False,
    ) -> list[LoadedNote]:
        """The notes of ``document`` (or all, or those named), each checked; page order."""
        # Plain rows, not ORM objects, one query, and only the latest revision parsed: a
        # document may carry thousands of notes, and this runs when it opens.  The sealed
        # head covers that revision's bytes, number, document and deletion, and the
        # revision's own signed ``previous`` link stands for the ones before (checked in full
        # by editing, exporting and ``ecabinet check``).
        query = select(
            AnnotationNote.note_id,
            AnnotationNote.orphaned_by,
            AnnotationNote.document,
            AnnotationNote.page,
            AnnotationNote.kind,
            AnnotationNote.deleted,
            AnnotationNote.revision,
            AnnotationNote.head_seal,
            AnnotationRevision.record,
        ).outerjoin(
            AnnotationRevision,
            (AnnotationRevision.note_id == AnnotationNote.note_id)
            & (AnnotationRevision.revision == AnnotationNote.revision),
        )
        if document is not None:
            query = query.where(AnnotationNote.document == document)
        if note_ids is not None:
            query = query.where(AnnotationNote.note_id.in_(list(note_ids)))
        if not include_deleted:
            query = query.where(AnnotationNote.deleted.is_(False))
        with _collector_paused():
            with self.profile.store.session() as session:
                rows = session.execute(query).all()
            return self._load(rows)

    def _load(self, rows: Iterable[Sequence[Any]]) -> list[LoadedNote]:
        """Check and parse the rows ``notes`` read (state, then the latest record)."""
        loaded = []
        slow: dict[str, _State] = {}
        for row in rows:
            # Columns: id, orphaned_by, document, page, kind, deleted, revision, head seal,
            # latest record (see notes()); the fast path reads them without a _State each.
            note_id, text = str(row[0]), row[8]
            if text is not None and hmac.compare_digest(
                row[7], self._head(note_id, row[6], text, row[2], row[5])
            ):
                quick = self._parsed(note_id, text, row[6], row[1])
                if quick is not None:
                    loaded.append(quick)
                    continue
            slow[note_id] = _State(*row[1:8])
        if slow:
            loaded += self._checked_in_full(slow)
        loaded.sort(key=lambda n: (n.note.document, n.note.page, n.created_at))
        return loaded

    def _checked_in_full(self, states: dict[str, _State]) -> list[LoadedNote]:
        """Notes whose sealed head did not hold: every revision read (a few hundred notes a
        query, not one each) and checked by its seal, else by its signature."""
        chains: dict[str, list[tuple[int, str, str]]] = {note_id: [] for note_id in states}
        ids = list(states)
        with self.profile.store.session() as session:
            for start in range(0, len(ids), 500):
                for row in session.execute(
                    select(
                        AnnotationRevision.note_id,
                        AnnotationRevision.revision,
                        AnnotationRevision.record,
                        AnnotationRevision.seal,
                    )
                    .where(AnnotationRevision.note_id.in_(ids[start : start + 500]))
                    .order_by(AnnotationRevision.note_id, AnnotationRevision.revision)
                ):
                    chains[str(row[0])].append((int(row[1]), str(row[2]), str(row[3])))
        keys: dict[str, Ed25519PublicKey] | None = None
        loaded = []
        for note_id, state in states.items():
            chain = chains[note_id]
            problem = None
            if not self._intact(note_id, chain, state):
                keys = keys if keys is not None else self.trusted_keys()
                problem = self._problem(note_id, chain, keys, state)
            loaded.append(self._loaded(note_id, chain, state, problem, len(chain)))
        return loaded

    @staticmethod
    def _chain(session: Session, note_id: str) -> list[tuple[int, str, str]]:
        """Every stored revision of a note: number, record, seal."""
        rows = session.execute(
            select(AnnotationRevision.revision, AnnotationRevision.record, AnnotationRevision.seal)
            .where(AnnotationRevision.note_id == note_id)
            .order_by(AnnotationRevision.revision)
        )
        return [(int(r[0]), str(r[1]), str(r[2])) for r in rows]

    def _intact(self, note_id: str, chain: list[tuple[int, str, str]], state: _State) -> bool:
        """The quick check: every revision sealed as this note's, none missing, head sealed."""
        if not chain or [number for number, _, _ in chain] != list(range(1, len(chain) + 1)):
            return False
        if not all(
            hmac.compare_digest(seal, self._seal(note_id, number, text))
            for number, text, seal in chain
        ):
            return False
        head = self._head(note_id, len(chain), chain[-1][1], state.document, state.deleted)
        return state.revision == len(chain) and hmac.compare_digest(state.head_seal, head)

    def _problem(
        self,
        note_id: str,
        chain: list[tuple[int, str, str]],
        keys: dict[str, Ed25519PublicKey],
        state: _State,
    ) -> str | None:
        """What is wrong with a note whose seals do not hold, from its signatures; None if
        every signature and link holds and the sealed head names its latest revision."""
        try:
            records = [json.loads(text) for _, text, _ in chain]
        except ValueError:
            return "a revision of this note was changed outside ecabinet: it is not readable"
        if not records:
            return "the note's revisions are missing from this device"
        verdict = verify_history(records, keys)
        if verdict.problems:
            return verdict.problems[0]
        head = self._head(note_id, len(chain), chain[-1][1], state.document, state.deleted)
        numbers = [number for number, _, _ in chain]
        if numbers == list(range(1, len(chain) + 1)) and hmac.compare_digest(state.head_seal, head):
            return None  # only revision seals were off; the signatures vouch for the rest
        return (
            "this note was changed outside ecabinet: its revisions or state on this device "
            "do not match what was recorded (one may have been removed or rolled back)"
        )

    @staticmethod
    def _parsed(
        note_id: str, text: str, revisions: int, orphaned_by: str | None
    ) -> LoadedNote | None:
        """A note whose sealed head holds, from its latest revision; None if unreadable."""
        return _loaded_note(note_id, text, revisions, None, orphaned_by)

    def _loaded(
        self,
        note_id: str,
        chain: list[tuple[int, str, str]],
        state: _State,
        problem: str | None,
        revisions: int,
    ) -> LoadedNote:
        """The note to show: its latest readable revision, else what the state row says."""
        for _, text, _ in reversed(chain):
            loaded = _loaded_note(note_id, text, revisions, problem, state.orphaned_by)
            if loaded is not None:
                return loaded
            problem = problem or "a revision of this note is not readable"
        placeholder = Note(state.document, state.kind, state.page, deleted=state.deleted)
        return LoadedNote(note_id, placeholder, revisions, "", "", problem, state.orphaned_by)

    def history(self, note_id: str) -> list[dict[str, Any]]:
        """Every signed revision of a note, oldest first."""
        with self.profile.store.session() as session:
            rows = session.scalars(
                select(AnnotationRevision.record)
                .where(AnnotationRevision.note_id == note_id)
                .order_by(AnnotationRevision.revision)
            )
            return [json.loads(text) for text in rows]

    def export_bundle(self, note_ids: Iterable[str]) -> dict[str, Any]:
        """A signed bundle of the notes with every revision (``ecabinet verify`` checks it)."""
        histories = [self.history(note_id) for note_id in note_ids]
        return make_bundle(
            [h for h in histories if h], self.trusted_keys(), self._device, exported_at=_now()
        )

    # --- storage --------------------------------------------------------------------------------

    def _seal(self, note_id: str, revision: int, text: str) -> str:
        # Bound to the note and the revision number: a sealed row moved elsewhere fails.
        # hmac.digest: the one-shot C path, several times quicker than hmac.new per record.
        message = f"{note_id}\n{revision}\n{text}".encode()
        return hmac.digest(self._seal_key, message, "sha256").hex()

    def _head(self, note_id: str, revision: int, text: str, document: str, deleted: bool) -> str:
        digest = hashlib.sha256(text.encode()).hexdigest()
        message = f"head\n{note_id}\n{revision}\n{digest}\n{document}\n{int(deleted)}"
        return hmac.digest(self._seal_key, message.encode(), "sha256").hex()

    def _keep(self, session: Session, record: Mapping[str, Any]) -> None:
        """Store a verified revision with its seal, and move the note's state along."""
        text = canonical_json(dict(record)).decode()
        payload = record[RECORD]
        number = int(payload["revision"])
        session.add(
            AnnotationRevision(
                note_id=payload["id"],
                revision=number,
                record=text,
                seal=self._seal(payload["id"], number, text),
            )
        )
        state = session.get(AnnotationNote, payload["id"])
        if state is None:
            state = AnnotationNote(note_id=payload["id"])
            session.add(state)
        elif state.document != payload["document"]:
            state.orphaned_by = None  # placed on another document: no longer left behind
        state.document = payload["document"]
        state.page = int(payload["page"])
        state.kind = payload["kind"]
        state.deleted = bool(payload["deleted"])
        state.updated_at = payload["updated_at"]
        state.revision = number
        state.head_seal = self._head(payload["id"], number, text, state.document, state.deleted)

    def _latest_trusted(self, session: Session, note_id: str) -> dict[str, Any]:
        state = session.get(AnnotationNote, note_id)
        if state is None:
            raise AnnotationError("there is no such note on this device")
        chain = self._chain(session, note_id)
        facts = _State(
            state.orphaned_by,
            state.document,
            state.page,
            state.kind,
            state.deleted,
            state.revision,
            state.head_seal,
        )
        problem = None
        if not self._intact(note_id, chain, facts):
            problem = self._problem(note_id, chain, self.trusted_keys(), facts)
        if problem is not None:
            raise AnnotationError(
                f"this note was changed outside ecabinet and cannot be edited: {problem}"
            )
        latest: dict[str, Any] = json.loads(chain[-1][1])
        return latest
