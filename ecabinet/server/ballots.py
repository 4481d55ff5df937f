"""Casting ballots: checks, the one-ballot-per-voter insert, tallies, audit and receipts.

A thousand delegates vote within a second, so ballots are written in batches: requests
hand their ballot to the process's one :class:`BallotWriter` and wait on the event loop; the
writer thread takes everything waiting, decides and writes each ballot in one transaction,
commits once, signs the receipts and wakes the event loop once for the whole batch.  On
SQLite that is one commit for the batch instead of one per ballot; on PostgreSQL the hot
locks (the audit head, the tally rows) are taken once per batch, not once per ballot.  The
event loop does no more per ballot than parse it and write the answer.

Each ballot is still decided on its own: one that is refused (closed, not entitled, twice…)
gets its error and writes nothing, and the others go on.  A second ballot for the same
voter, in the same batch or not, meets the primary key of ``motion_voters`` (on PostgreSQL
``ON CONFLICT DO NOTHING``, then 409; on SQLite, where the batch holds the write lock, the
batch's voters with a ballot are read first, and the key stays the last guard).  The motion
is read ``FOR SHARE`` in the batch's transaction, so a close waits for the batch, and a batch
after the close sees the motion closed.
"""

from __future__ import annotations

import asyncio
import functools
import logging
import queue
import threading
from collections import Counter
from dataclasses import dataclass, field, replace
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from sqlalchemy import Connection, Integer, String, Text, bindparam, case, cast, select, update
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from ecabinet.core.signing import sign_record
from ecabinet.server import bulk
from ecabinet.server.accounts import token_owners
from ecabinet.server.audit import append_audit_batch
from ecabinet.server.broadcast import LiveHub
from ecabinet.server.clearance import ClearanceCache, may_see
from ecabinet.server.db import Database
from ecabinet.server.errors import ApiError
from ecabinet.server.meetings import effective_role
from ecabinet.server.models import (
    Attendance,
    Meeting,
    Motion,
    MotionTally,
    MotionVoter,
    Participant,
    Proxy,
)
from ecabinet.server.roles import VOTING_ROLES, participant_role
from ecabinet.server.voterecords import RESULT_FORMAT, iso, text_sha256
from ecabinet.server.voteschemas import BallotIn
from ecabinet.sqlkit import utcnow

log = logging.getLogger(__name__)
MAX_BATCH = 200
WAIT_SECONDS = 30.0


@dataclass(frozen=True)
class _BallotFacts:
    """What deciding on one ballot needs (read for the whole batch, the motion locked)."""

    meeting_id: str
    state: str
    options: list[str]
    secret: bool
    weights: dict[str, int]
    title: str
    text: str
    agenda_item_id: str
    packet_version: int
    draft: str | None
    role: str | None
    present: bool | None
    holder_id: str | None


@dataclass(frozen=True)
class _Statements:
    """The writer's statements for one dialect, built once.

    They run on the session's connection past the ORM (as ``accounts.token_owners``):
    building and ORM-compiling a statement costs more than running it.  A batch's facts are
    read in four queries whatever its size (on PostgreSQL a round trip per ballot was most of
    the writer's time), and their text does not change with the batch's size (:mod:`bulk`).
    """

    motions: Any
    callers: bulk.AllRows
    add_to_tallies: Any
    add_voters: bulk.RowInsert
    # SQLite: which of a batch's voters already have a ballot (its insert returns nothing).
    voted: bulk.AllRows

    @classmethod
    @functools.cache
    def of(cls, dialect: str) -> _Statements:
        def callers_of(meeting: Any, user: Any) -> Any:
            return bulk.one_of(meeting, "meetings", dialect) & bulk.one_of(user, "callers", dialect)

        motions = (
            select(
                Motion.id,
                Motion.meeting_id,
                Motion.state,
                Motion.options,
                Motion.secret,
                Motion.weights,
                Motion.title,
                Motion.text,
                Motion.agenda_item_id,
                Meeting.packet_version,
                # The draft agenda only matters (and is only read) before the first publish;
                # as text, the key of its cached clearances, so that a ballot parses no JSON.
                cast(case((Meeting.packet_version == 0, Meeting.draft_agenda)), Text).label(
                    "draft"
                ),
            )
            .join(Meeting, Meeting.id == Motion.meeting_id)
            .where(bulk.one_of(Motion.id, "motions", dialect))
            .with_for_update(read=True, of=Motion)
        )
        return cls(
            motions=motions,
            # Role, attendance and proxy in one round trip: a participant without an
            # attendance or proxy row gets NULLs, as a missing row reads; a caller who is no
            # participant gets no row and is refused as one.
            callers=bulk.AllRows(
                select(
                    Participant.meeting_id,
                    Participant.user_id,
                    Participant.role,
                    Attendance.present,
                    Proxy.holder_id,
                )
                .outerjoin(
                    Attendance,
                    (Attendance.meeting_id == Participant.meeting_id)
                    & (Attendance.user_id == Participant.user_id),
                )
                .outerjoin(
                    Proxy,
                    (Proxy.meeting_id == Participant.meeting_id)
                    & (Proxy.delegator_id == Participant.user_id),
                )
                .where(callers_of(Participant.meeting_id, Participant.user_id)),
                dialect,
            ),
            add_to_tallies=_add_to_tallies(dialect),
            # On PostgreSQL ON CONFLICT DO NOTHING RETURNING: a repeat is told apart without
            # an error that would abort the rest of the batch's transaction.  On SQLite the
            # batch holds the write lock: the voters who have a ballot are read first.
            add_voters=bulk.RowInsert(
                MotionVoter,
                [
                    MotionVoter.motion_id,
                    MotionVoter.voter_id,
                    MotionVoter.cast_by,
                    MotionVoter.weight,
                    MotionVoter.choice,
                ],
                dialect,
                skip_conflicts=dialect == "postgresql",
                returning=[MotionVoter.motion_id, MotionVoter.voter_id]
                if dialect == "postgresql"
                else (),
            ),
            voted=bulk.AllRows(
                select(MotionVoter.motion_id, MotionVoter.voter_id).where(
                    bulk.one_of(MotionVoter.motion_id, "motions", dialect)
                    & bulk.one_of(MotionVoter.voter_id, "voters", dialect)
                ),
                dialect,
            ),
        )


@dataclass(frozen=True)
class _BatchFacts:
    """What a batch's ballots need to be decided, by motion and by (meeting, caller)."""

    motions: dict[str, dict[str, Any]]
    roles: dict[tuple[str, str], str]
    present: dict[tuple[str, str], bool]
    holders: dict[tuple[str, str], str]

    @classmethod
    def read(cls, session: Session, wanted: list[tuple[str, str]]) -> _BatchFacts:
        """The facts for ``(motion id, caller)`` pairs, the motions locked ``FOR SHARE``."""
        conn = session.connection()
        statements = _Statements.of(conn.dialect.name)
        motions = {
            str(row[0]): dict(row._mapping)
            for row in conn.execute(
                statements.motions, {"motions": sorted({m for m, _c in wanted})}
            )
        }
        keys = {
            "meetings": sorted({str(m["meeting_id"]) for m in motions.values()}),
            "callers": sorted({c for _m, c in wanted}),
        }
        facts = cls(motions, {}, {}, {})
        if keys["meetings"]:
            for meeting, user, role, present, holder in statements.callers(conn, keys):
                facts.roles[meeting, user] = role
                if present is not None:
                    facts.present[meeting, user] = bool(present)
                if holder is not None:
                    facts.holders[meeting, user] = holder
        return facts

    def of(self, motion_id: str, caller: str) -> _BallotFacts | None:
        motion = self.motions.get(motion_id)
        if motion is None:
            return None
        key = (str(motion["meeting_id"]), caller)
        fields = {k: v for k, v in motion.items() if k != "id"}
        return _BallotFacts(
            **fields,
            role=self.roles.get(key),
            present=self.present.get(key),
            holder_id=self.holders.get(key),
        )


def _add_to_tallies(dialect: str) -> Any:
    """Add weights to ``(motion, option)`` tallies: one statement for all on PostgreSQL
    (``UPDATE … FROM unnest(…)``), one execution per tally on SQLite."""
    if dialect != "postgresql":
        return (
            update(MotionTally)
            .where(
                MotionTally.motion_id == bindparam("b_motion"),
                MotionTally.option == bindparam("b_option"),
            )
            .values(weight=MotionTally.weight + bindparam("b_weight"))
        )
    added = select(
        *(
            bulk.unnest(name, kind).label(name)
            for name, kind in (
                ("b_motion", String()),
                ("b_option", String()),
                ("b_weight", Integer()),
            )
        )
    ).subquery("added")
    return (
        update(MotionTally)
        .where(MotionTally.motion_id == added.c.b_motion, MotionTally.option == added.c.b_option)
        .values(weight=MotionTally.weight + added.c.b_weight)
    )


@dataclass(frozen=True)
class _Decided:
    """A ballot that passed every check: its ``motion_voters`` row, receipt, audit entry."""

    pending: _Pending
    row: dict[str, Any]
    receipt: dict[str, Any]
    entry: dict[str, Any]

    @property
    def key(self) -> tuple[str, str]:
        return self.row["motion_id"], self.row["voter_id"]


@dataclass(eq=False)
class _Pending:
    """A ballot waiting for the writer, and the request's future for its signed receipt.

    The future belongs to the request's event loop: only that loop resolves it, with
    :func:`_deliver`.  ``expiry`` answers 503 if the writer has not answered in time.
    """

    motion_id: str
    token: str
    body: BallotIn
    done: asyncio.Future[dict[str, Any]]
    expiry: asyncio.TimerHandle | None = field(default=None, repr=False)


# What the writer answers a ballot: its signed receipt or its refusal.
_Answer = tuple[_Pending, dict[str, Any] | BaseException]


def _deliver(answers: list[_Answer]) -> None:
    """On the requests' event loop: resolve each future not already given up on."""
    for pending, answer in answers:
        if pending.expiry is not None:
            pending.expiry.cancel()
        if pending.done.done():  # cancelled (the server is stopping) or expired
            continue
        if isinstance(answer, BaseException):
            pending.done.set_exception(answer)
        else:
            pending.done.set_result(answer)


def _expire(pending: _Pending) -> None:
    if not pending.done.done():
        pending.done.set_exception(
            ApiError(503, "busy", "The server could not record the ballot in time; cast it again.")
        )


def _send_answers(answers: list[_Answer]) -> None:
    """From the writer thread: one wake-up of each requests' loop for a batch's answers."""
    by_loop: dict[asyncio.AbstractEventLoop, list[_Answer]] = {}
    for answer in answers:
        by_loop.setdefault(answer[0].done.get_loop(), []).append(answer)
    for loop, some in by_loop.items():
        try:
            loop.call_soon_threadsafe(_deliver, some)
        except RuntimeError:  # that loop has closed: nobody is waiting any more
            continue


def _not_found() -> ApiError:
    # A fresh error each time: an exception instance carries its traceback along.
    return ApiError(404, "motion_not_found", "There is no such motion, or you cannot see it.")


def _facts(
    session: Session,
    clearances: ClearanceCache,
    batch: _BatchFacts,
    motion_id: str,
    caller: str,
) -> tuple[_BallotFacts, frozenset[str] | None]:
    """The ballot's facts and who is cleared for the motion's item (``None``: everyone).

    A caller who may not see the motion gets the unknown motion's 404 (see :mod:`clearance`).
    """
    facts = batch.of(motion_id, caller)
    if facts is not None and facts.role == "secretary":
        facts = replace(facts, role=effective_role(session, caller, facts.role))
    if facts is None or facts.role is None:
        raise _not_found()
    # A dictionary look-up once the packet's clearances are cached: no query per ballot.
    if facts.packet_version:
        access = clearances.current(session, facts.meeting_id, facts.packet_version, None)
    else:
        access = clearances.draft_text(facts.draft)
    cleared = access.cleared(facts.agenda_item_id)
    if not may_see(cleared, caller, facts.role):
        raise _not_found()
    return facts, cleared


def _who_votes(
    session: Session,
    facts: _BallotFacts,
    cleared: frozenset[str] | None,
    caller: str,
    body: BallotIn,
) -> str:
    """Whose ballot this is; refuses a voter who may not cast it (nothing written yet).

    On a restricted item (``cleared`` not ``None``) a proxy counts only if its holder is
    cleared too (:meth:`attendance.Roster.limited_to`); otherwise the member votes in person.
    """
    voter = body.on_behalf_of or caller
    if voter == caller:
        if facts.role not in VOTING_ROLES:
            raise ApiError(403, "not_entitled", "You are not entitled to vote in this meeting.")
        if facts.holder_id is not None and (cleared is None or facts.holder_id in cleared):
            raise ApiError(
                409,
                "proxy_stands",
                "You handed your vote to a proxy, who votes for you; withdraw the proxy to vote.",
            )
    else:
        proxy = session.get(Proxy, (facts.meeting_id, voter))
        if proxy is None or proxy.holder_id != caller:
            raise ApiError(
                403,
                "not_proxy",
                "You do not hold that member's proxy, so you cannot vote for them.",
            )
        if participant_role(session, facts.meeting_id, voter) not in VOTING_ROLES:
            raise ApiError(403, "not_entitled", "That member is not entitled to vote here.")
        if cleared is not None and voter not in cleared:
            raise ApiError(
                403,
                "not_cleared",
                "That member is not cleared for this agenda item, so nobody can vote for them "
                "on this motion; your own ballot is not affected.",
            )
    if not facts.present:
        raise ApiError(409, "not_checked_in", "Check in to the meeting before voting.")
    return voter


def _already_voted() -> ApiError:
    return ApiError(409, "already_voted", "A ballot for this voter is already recorded.")


def _not_open(state_now: str | None) -> ApiError:
    if state_now == "draft":
        return ApiError(409, "motion_not_open", "Voting on this motion has not opened yet.")
    return ApiError(409, "motion_closed", "Voting on this motion is closed.")


class BallotWriter:
    """The process's one writer of ballots (see the module's docstring).

    Args:
        db: the process's database.
        key: the organisation key receipts are signed with.
        live: told of each motion that got ballots, for the live count.
        clearances: who may see restricted agenda items, by packet (see :mod:`clearance`).
    """

    def __init__(
        self, db: Database, key: Ed25519PrivateKey, live: LiveHub, clearances: ClearanceCache
    ) -> None:
        self.db = db
        self.key = key
        self.live = live
        self.clearances = clearances
        self._queue: queue.SimpleQueue[_Pending | None] = queue.SimpleQueue()
        self._thread: threading.Thread | None = None
        self._running = False
        self._start_lock = threading.Lock()
        self._statements = _Statements.of(db.engine.dialect.name)
        # PostgreSQL: the writer thread's own connection (see _write).
        self._connection: Connection | None = None

    def submit(
        self, *, motion_id: str, token: str, body: BallotIn
    ) -> asyncio.Future[dict[str, Any]]:
        """Hand one ballot to the writer; await the future for its signed receipt (or error).

        Call on the request's event loop.  The caller's bearer ``token`` is checked by the
        writer, one query for the whole batch before it takes the write lock.  The request
        holds no thread while it waits, so a thousand ballots can be waiting at once and go
        into few, large batches; an answer not given within :data:`WAIT_SECONDS` is 503.
        """
        if not self._running:
            self._start()
        loop = asyncio.get_running_loop()
        pending = _Pending(motion_id, token, body, loop.create_future())
        pending.expiry = loop.call_later(WAIT_SECONDS, _expire, pending)
        self._queue.put(pending)
        return pending.done

    def close(self) -> None:
        if self._thread is not None:
            self._queue.put(None)
            self._thread.join(timeout=10)
            self._thread = None
        self._running = False
        if self._connection is not None:
            self._connection.close()
            self._connection = None

    def _start(self) -> None:
        with self._start_lock:
            if not self._running:
                self._thread = threading.Thread(target=self._run, name="ballot-writer", daemon=True)
                self._thread.start()
                self._running = True

    def _run(self) -> None:
        while True:
            first = self._queue.get()
            if first is None:
                return
            batch = [first]
            while len(batch) < MAX_BATCH:
                try:
                    more = self._queue.get_nowait()
                except queue.Empty:
                    break
                if more is None:
                    self._queue.put(None)
                    break
                batch.append(more)
            # A request that was given up (the server stopping, or its answer expired) is not
            # written.  One given up from now on may still be written: its voter then finds
            # the ballot recorded (409) when casting again.
            batch = [p for p in batch if not p.done.done()]
            try:
                self._write(batch)
            except Exception as exc:  # before the commit: the batch rolled back
                log.exception("writing a batch of %d ballots failed", len(batch))
                _send_answers([(pending, exc) for pending in batch])

    def _write(self, batch: list[_Pending]) -> None:
        """Decide, write and commit a batch; answer every ballot in it (see :meth:`_run`).

        The tokens are checked first, and a made-up one is answered before the write lock is
        taken.  PostgreSQL has no write lock (rows are locked as they are written), so there
        the check runs in the batch's own transaction: round trips are what a batch waits on.
        For the same reason the writer keeps a connection of its own there, rather than take
        one from the pool per batch with a ping (``pool_pre_ping``): the ping was a round trip
        of every batch.  The ping's use, a connection that died meanwhile (the database
        restarted), is covered by writing the batch again once on a fresh connection.  Should
        the commit itself have gone through, the ballots written again meet their own rows:
        409 ``already_voted``, and nothing is counted twice.
        """
        if self.db.is_postgres:
            for attempt in (1, 2):
                if self._connection is None or self._connection.invalidated:
                    self._connection = self.db.engine.connect()
                try:
                    with self.db.sessions(bind=self._connection) as session:
                        voters = self._owners(session, batch)
                        if voters:
                            self._write_voters(session, voters)
                    return
                except DBAPIError as exc:
                    if attempt == 2 or not exc.connection_invalidated:
                        raise
                    log.warning("the ballot writer's connection was lost; writing the batch again")
                    self._connection.close()
                    self._connection = None
        with self.db.sessions() as session:
            voters = self._owners(session, batch)
        if voters:
            with self.db.writing(), self.db.sessions() as session:
                self._write_voters(session, voters)

    def _owners(self, session: Session, batch: list[_Pending]) -> list[tuple[_Pending, str]]:
        """The batch's ballots whose token is valid, with its owner; the rest are answered."""
        owners = token_owners(session=session, tokens={p.token for p in batch})
        refused: list[_Answer] = []
        voters: list[tuple[_Pending, str]] = []
        for pending in batch:
            owner = owners[pending.token]
            if isinstance(owner, ApiError):
                refused.append((pending, owner))
            else:
                voters.append((pending, owner))
        if refused:
            _send_answers(refused)
        return voters

    def _write_voters(self, session: Session, voters: list[tuple[_Pending, str]]) -> None:
        """Decide and write the voters' ballots in ``session``'s transaction, commit, sign the
        receipts and answer every ballot."""
        refused: list[_Answer] = []
        accepted: list[tuple[_Pending, dict[str, Any]]] = []
        tallies: Counter[tuple[str, str]] = Counter()
        audit: list[dict[str, Any]] = []
        conn = session.connection()
        batch_facts = _BatchFacts.read(session, [(p.motion_id, c) for p, c in voters])
        decided: dict[tuple[str, str], _Decided] = {}
        for pending, caller in voters:
            try:
                ballot = self._decide(session, batch_facts, pending, caller)
            except ApiError as exc:
                refused.append((pending, exc))
                continue
            if ballot.key in decided:  # the same voter twice in one batch
                refused.append((pending, _already_voted()))
            else:
                decided[ballot.key] = ballot
        inserted = self._insert_voters(session, decided) if decided else set()
        for key, ballot in decided.items():
            if key not in inserted:
                refused.append((ballot.pending, _already_voted()))
                continue
            accepted.append((ballot.pending, ballot.receipt))
            audit.append(ballot.entry)
            tallies[key[0], ballot.pending.body.choice] += int(ballot.row["weight"])
        added = [
            {"b_motion": motion_id, "b_option": option, "b_weight": weight}
            for (motion_id, option), weight in sorted(tallies.items())
        ]
        if added and conn.dialect.name == "postgresql":
            conn.execute(
                self._statements.add_to_tallies,
                bulk.arrays(added, ("b_motion", "b_option", "b_weight")),
            )
        elif added:
            conn.execute(self._statements.add_to_tallies, added)
        append_audit_batch(session=session, entries=audit)
        session.commit()
        for motion_id in {p.motion_id for p, _r in accepted}:
            self.live.ballot_cast(motion_id)
        # Signed here, not on the event loop, which has every other request to answer.
        signed: list[_Answer] = [
            (pending, sign_record("receipt", receipt, self.key)) for pending, receipt in accepted
        ]
        _send_answers(refused + signed)

    def _insert_voters(
        self, session: Session, decided: dict[tuple[str, str], _Decided]
    ) -> set[tuple[str, str]]:
        """Insert the voters' rows in one statement; the ``(motion, voter)`` keys inserted.

        On PostgreSQL a round trip per ballot was most of the writer's time; the insert skips
        (and does not return) a voter who already has a ballot.  On SQLite the batch holds the
        write lock, so a voter without a ballot now has none at the insert; should one appear
        all the same, the primary key refuses it and the whole batch rolls back.
        """
        conn = session.connection()
        add = self._statements.add_voters
        if add.returns:
            rows = add.params([ballot.row for ballot in decided.values()])
            return {(str(r[0]), str(r[1])) for r in conn.execute(add.statement, rows)}
        keys = {
            "motions": sorted({motion for motion, _voter in decided}),
            "voters": sorted({voter for _motion, voter in decided}),
        }
        have = {(str(r[0]), str(r[1])) for r in self._statements.voted(conn, keys)}
        new = {key: ballot for key, ballot in decided.items() if key not in have}
        if new:
            conn.execute(add.statement, add.params([ballot.row for ballot in new.values()]))
        return set(new)

    def _decide(
        self, session: Session, batch: _BatchFacts, pending: _Pending, caller: str
    ) -> _Decided:
        """Check ``caller``'s ballot in the batch's transaction: what to write if it counts."""
        body, motion_id = pending.body, pending.motion_id
        facts, cleared = _facts(session, self.clearances, batch, motion_id, caller)
        if body.choice not in facts.options:
            raise ApiError(
                422, "unknown_option", f"{body.choice!r} is not an option of this motion."
            )
        voter = _who_votes(session, facts, cleared, caller, body)
        if facts.state != "open":
            raise _not_open(facts.state)
        weight = int((facts.weights or {}).get(voter, 1))
        row = {
            "motion_id": motion_id,
            "voter_id": voter,
            "cast_by": caller,
            "weight": weight,
            "choice": None if facts.secret else body.choice,
        }
        details: dict[str, Any] = {"voter": voter, "weight": weight}
        if not facts.secret:
            details["choice"] = body.choice
        entry = {"action": "ballot_cast", "actor": caller, "subject": motion_id, "details": details}
        receipt: dict[str, Any] = {
            "format": RESULT_FORMAT,
            "motion_id": motion_id,
            "meeting_id": facts.meeting_id,
            "title": facts.title,
            "text_sha256": text_sha256(facts.text),
            "voter_id": voter,
            "cast_by": caller,
            "secret": facts.secret,
            "accepted_at": iso(utcnow()),
        }
        # A secret ballot's receipt proves that it was counted, not what it said: a receipt
        # naming the choice could be shown to whoever bought or forced the vote.
        if not facts.secret:
            receipt["choice"] = body.choice
        return _Decided(pending, row, receipt, entry)
