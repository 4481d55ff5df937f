"""Motions: draft → open → closed, ballots, receipts and the signed result.

One ballot per voter per motion is the primary key of ``motion_voters``: of two devices
sending the same voter's ballot at once, the database lets exactly one insert through.
A ballot reads the motion ``FOR SHARE`` (PostgreSQL) while closing updates it, so a ballot
either commits before the count or sees the motion closed; on SQLite the process's write lock
(:meth:`Database.writing`) gives the same order.
"""

from __future__ import annotations

import hashlib
import json
import unicodedata
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import and_, bindparam, func, insert, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from ecabinet.core.canonical import canonical_json
from ecabinet.core.signing import sign_record
from ecabinet.core.votes import Majority, Quorum, check_options, decide
from ecabinet.server.attendance import (
    VOTING_ROLES,
    Roster,
    entitled_count,
    participant_role,
    require_item,
    roster,
)
from ecabinet.server.audit import append_audit
from ecabinet.server.db import Database
from ecabinet.server.errors import ApiError
from ecabinet.server.events import emit
from ecabinet.server.meetings import effective_role, meeting_for
from ecabinet.server.models import (
    Attendance,
    Meeting,
    Motion,
    MotionTally,
    MotionVoter,
    Participant,
    Proxy,
)
from ecabinet.server.state import ServerState
from ecabinet.server.voteschemas import BallotIn, MotionIn, MotionOut
from ecabinet.sqlkit import utcnow

RESULT_FORMAT = 1


def iso(value: datetime | None) -> str | None:
    return None if value is None else value.astimezone(UTC).isoformat().replace("+00:00", "Z")


def text_sha256(text: str) -> str:
    """What result and receipt records name the motion's wording by."""
    return hashlib.sha256(unicodedata.normalize("NFC", text).encode("utf-8")).hexdigest()


def motion_for(*, session: Session, motion_id: str, user_id: str) -> tuple[Motion, Meeting, str]:
    """The motion, its meeting and the caller's role; 404 alike for unknown and not-yours."""
    motion = session.get(Motion, motion_id)
    if motion is None:
        raise ApiError(404, "motion_not_found", "There is no such motion, or you cannot see it.")
    try:
        meeting, role = meeting_for(session=session, meeting_id=motion.meeting_id, user_id=user_id)
    except ApiError as exc:
        raise ApiError(
            404, "motion_not_found", "There is no such motion, or you cannot see it."
        ) from exc
    return motion, meeting, role


def require_chair(role: str) -> None:
    if role != "chair":
        raise ApiError(403, "forbidden", "Only the chair of this meeting may do this.")


def create_motion(
    *, session: Session, state: ServerState, meeting: Meeting, actor: str, body: MotionIn
) -> Motion:
    require_item(session, state, meeting, body.agenda_item_id)
    try:
        options = check_options(body.options)
    except ValueError as exc:
        raise ApiError(422, "invalid_options", f"The options are not usable: {exc}.") from exc
    voters = roster(session, meeting).entitled
    for user_id, weight in body.weights.items():
        if user_id not in voters:
            raise ApiError(422, "unknown_voter", f"{user_id} is not entitled to vote here.")
        if not 1 <= weight <= 1000:
            raise ApiError(422, "invalid_weight", "A vote weight is a whole number, 1 to 1000.")
    motion = Motion(
        meeting_id=meeting.id,
        agenda_item_id=body.agenda_item_id,
        title=body.title,
        text=body.text,
        options=options,
        secret=body.secret,
        majority=body.majority,
        quorum_numerator=body.quorum.numerator,
        quorum_denominator=body.quorum.denominator,
        weights={k: v for k, v in body.weights.items() if v != 1},
        state="draft",
        created_by=actor,
    )
    session.add(motion)
    session.flush()
    session.add_all(MotionTally(motion_id=motion.id, option=o, weight=0) for o in options)
    emit(
        session=session,
        meeting_id=meeting.id,
        kind="motion_created",
        data={"motion_id": motion.id, "agenda_item_id": motion.agenda_item_id},
    )
    append_audit(
        session=session,
        action="motion_created",
        actor=actor,
        subject=motion.id,
        details={
            "meeting_id": meeting.id,
            "title": motion.title,
            "text_sha256": text_sha256(motion.text),
            "options": options,
            "secret": motion.secret,
            "majority": motion.majority,
            "quorum": [motion.quorum_numerator, motion.quorum_denominator],
            "weights": motion.weights,
        },
    )
    return motion


def open_motion(*, session: Session, motion: Motion, actor: str) -> None:
    """Open voting; opening an open motion again changes nothing."""
    if motion.state == "open":
        return
    if motion.state == "closed":
        raise ApiError(409, "motion_closed", "This motion is closed; it cannot be opened again.")
    other = session.scalar(
        select(Motion.id).where(
            Motion.meeting_id == motion.meeting_id, Motion.state == "open", Motion.id != motion.id
        )
    )
    if other is not None:
        raise ApiError(
            409, "another_motion_open", "Another motion is open; close it before opening this one."
        )
    changed = session.execute(
        update(Motion)
        .where(Motion.id == motion.id, Motion.state == "draft")
        .values(state="open", opened_at=utcnow())
    ).rowcount  # type: ignore[attr-defined]
    session.refresh(motion)
    if changed != 1:
        if motion.state == "open":
            return
        raise ApiError(409, "motion_closed", "This motion is closed; it cannot be opened again.")
    emit(
        session=session,
        meeting_id=motion.meeting_id,
        kind="motion_opened",
        data={"motion_id": motion.id},
    )
    append_audit(session=session, action="motion_opened", actor=actor, subject=motion.id)


def close_motion(
    *, session: Session, state: ServerState, motion: Motion, meeting: Meeting, actor: str
) -> None:
    """Close voting, count, apply the rule and sign the result; closing twice is harmless."""
    if motion.state == "draft":
        raise ApiError(409, "motion_not_open", "This motion was never opened.")
    closed_at = utcnow()
    # Waits for ballots holding the motion FOR SHARE; later ballots then see it closed.
    changed = session.execute(
        update(Motion)
        .where(Motion.id == motion.id, Motion.state == "open")
        .values(state="closed", closed_at=closed_at)
    ).rowcount  # type: ignore[attr-defined]
    session.refresh(motion)
    if changed != 1:
        return
    counts = tallies(session, motion.id)
    cast_ballots, cast_weight = session.execute(
        select(func.count(), func.coalesce(func.sum(MotionVoter.weight), 0)).where(
            MotionVoter.motion_id == motion.id
        )
    ).one()
    voters = roster(session, meeting)
    weights = dict(motion.weights or {})
    entitled_weight = voters.weight(voters.entitled, weights)
    present_weight = voters.weight(voters.present, weights)
    quorum = Quorum(motion.quorum_numerator, motion.quorum_denominator)
    decision = decide(
        counts,
        options=motion.options,
        rule=_rule(motion.majority),
        quorum=quorum,
        entitled=entitled_weight,
        present=present_weight,
    )
    payload: dict[str, Any] = {
        "format": RESULT_FORMAT,
        "motion_id": motion.id,
        "meeting_id": motion.meeting_id,
        "agenda_item_id": motion.agenda_item_id,
        "title": motion.title,
        "text_sha256": text_sha256(motion.text),
        "options": list(motion.options),
        "secret": motion.secret,
        "rule": {
            "majority": motion.majority,
            "quorum": {"numerator": quorum.numerator, "denominator": quorum.denominator},
        },
        "counts": counts,
        "entitled": {"members": len(voters.entitled), "weight": entitled_weight},
        "present": {"members": len(voters.present), "weight": present_weight},
        "cast": {"ballots": int(cast_ballots), "weight": int(cast_weight)},
        "quorum_met": decision.quorum_met,
        "outcome": decision.outcome,
        "winner": decision.winner,
        "opened_at": iso(motion.opened_at),
        "closed_at": iso(closed_at),
    }
    record = sign_record("result", payload, state.org_key)
    motion.result = canonical_json(record).decode("utf-8")
    # Rewrite every counter in this transaction: on PostgreSQL a counter's row version would
    # otherwise carry the transaction id of the last ballot for that option, which matches
    # that voter's row in motion_voters.
    session.execute(
        update(MotionTally)
        .where(MotionTally.motion_id == motion.id)
        .values(weight=MotionTally.weight + 0)
    )
    emit(
        session=session,
        meeting_id=motion.meeting_id,
        kind="motion_closed",
        data={"motion_id": motion.id},
    )
    emit(
        session=session,
        meeting_id=motion.meeting_id,
        kind="result",
        data={
            "motion_id": motion.id,
            "outcome": decision.outcome,
            "counts": counts,
            "result": record,
        },
    )
    append_audit(
        session=session,
        action="motion_closed",
        actor=actor,
        subject=motion.id,
        details={"outcome": decision.outcome, "counts": counts, "signature": record["signature"]},
    )


def _rule(name: str) -> Majority:
    for rule in ("simple", "absolute", "two_thirds_cast", "two_thirds_members"):
        if rule == name:
            return rule
    raise ValueError(f"unknown majority rule {name!r}")


def tallies(session: Session, motion_id: str) -> dict[str, int]:
    return {
        t.option: t.weight
        for t in session.scalars(select(MotionTally).where(MotionTally.motion_id == motion_id))
    }


@dataclass(frozen=True)
class _BallotFacts:
    """What deciding on one ballot needs, read in one query with the motion locked."""

    meeting_id: str
    state: str
    options: list[str]
    secret: bool
    weights: dict[str, int]
    title: str
    text: str
    role: str | None
    present: bool | None
    holder_id: str | None


# Built once: constructing SQLAlchemy expressions costs more than running them on SQLite,
# and the ballot path runs a thousand times a second.
_FACTS = (
    select(
        Motion.meeting_id,
        Motion.state,
        Motion.options,
        Motion.secret,
        Motion.weights,
        Motion.title,
        Motion.text,
        Participant.role,
        Attendance.present,
        Proxy.holder_id,
    )
    .select_from(Motion)
    .outerjoin(
        Participant,
        and_(
            Participant.meeting_id == Motion.meeting_id,
            Participant.user_id == bindparam("caller"),
        ),
    )
    .outerjoin(
        Attendance,
        and_(Attendance.meeting_id == Motion.meeting_id, Attendance.user_id == bindparam("caller")),
    )
    .outerjoin(
        Proxy,
        and_(Proxy.meeting_id == Motion.meeting_id, Proxy.delegator_id == bindparam("caller")),
    )
    .where(Motion.id == bindparam("motion_id"))
    .with_for_update(read=True, of=Motion)
)
_ADD_VOTER = insert(MotionVoter)
_ADD_TO_TALLY = (
    update(MotionTally)
    .where(
        MotionTally.motion_id == bindparam("b_motion"),
        MotionTally.option == bindparam("b_option"),
    )
    .values(weight=MotionTally.weight + bindparam("b_weight"))
)


def _ballot_facts(session: Session, motion_id: str, caller: str) -> _BallotFacts | None:
    """The motion and the caller's role, attendance and proxy, with the motion FOR SHARE.

    One round trip instead of a dozen ORM loads: a thousand ballots arrive within a second.
    """
    row = session.execute(_FACTS, {"motion_id": motion_id, "caller": caller}).one_or_none()
    return None if row is None else _BallotFacts(**row._asdict())


def _who_votes(session: Session, facts: _BallotFacts, caller: str, body: BallotIn) -> str:
    """Whose ballot this is; refuses a voter who may not cast it (nothing written yet)."""
    voter = body.on_behalf_of or caller
    if voter == caller:
        if facts.role not in VOTING_ROLES:
            raise ApiError(403, "not_entitled", "You are not entitled to vote in this meeting.")
        if facts.holder_id is not None:
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
    if not facts.present:
        raise ApiError(409, "not_checked_in", "Check in to the meeting before voting.")
    return voter


def cast_ballot(
    *, session: Session, state: ServerState, motion_id: str, caller: str, body: BallotIn
) -> dict[str, Any]:
    """Record one ballot and return its signed receipt.

    Everything happens under the process's write lock (SQLite) or with the motion row held
    FOR SHARE (PostgreSQL), so the checks and the insert see the same motion state.

    Raises:
        ApiError: 409 when voting is not open, the voter has voted or a proxy stands; 403
            when not entitled or not the proxy; 422 for an option the motion does not have.
    """
    with state.db.writing():
        try:
            facts = _ballot_facts(session, motion_id, caller)
            if facts is not None and facts.role == "secretary":
                facts = replace(facts, role=effective_role(session, caller, facts.role))
            if facts is None or facts.role is None:
                raise ApiError(
                    404, "motion_not_found", "There is no such motion, or you cannot see it."
                )
            if body.choice not in facts.options:
                raise ApiError(
                    422, "unknown_option", f"{body.choice!r} is not an option of this motion."
                )
            voter = _who_votes(session, facts, caller, body)
            if facts.state != "open":
                raise _not_open(facts.state)
            receipt = _record_ballot(session, motion_id, facts, voter, caller, body.choice)
        except BaseException:
            session.rollback()
            raise
    state.live.ballot_cast(motion_id)
    return sign_record("receipt", receipt, state.org_key)


def _record_ballot(
    session: Session, motion_id: str, facts: _BallotFacts, voter: str, caller: str, choice: str
) -> dict[str, Any]:
    weight = int((facts.weights or {}).get(voter, 1))
    try:
        session.execute(
            _ADD_VOTER,
            {
                "motion_id": motion_id,
                "voter_id": voter,
                "cast_by": caller,
                "weight": weight,
                "choice": None if facts.secret else choice,
            },
        )
    except IntegrityError as exc:
        raise ApiError(
            409, "already_voted", "A ballot for this voter is already recorded."
        ) from exc
    session.execute(_ADD_TO_TALLY, {"b_motion": motion_id, "b_option": choice, "b_weight": weight})
    details: dict[str, Any] = {"voter": voter, "weight": weight}
    if not facts.secret:
        details["choice"] = choice
    append_audit(
        session=session, action="ballot_cast", actor=caller, subject=motion_id, details=details
    )
    session.commit()
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
        receipt["choice"] = choice
    return receipt


def _not_open(state_now: str | None) -> ApiError:
    if state_now == "draft":
        return ApiError(409, "motion_not_open", "Voting on this motion has not opened yet.")
    return ApiError(409, "motion_closed", "Voting on this motion is closed.")


def count_ballots(db: Database, motion_id: str) -> None:
    """Emit the live ``ballots_cast`` count of an open motion (called by the hub)."""
    with db.writing(), db.session() as session:
        motion = session.get(Motion, motion_id)
        if motion is None or motion.state != "open":
            return
        cast = session.scalar(select(func.count()).where(MotionVoter.motion_id == motion_id))
        meeting = session.get(Meeting, motion.meeting_id)
        assert meeting is not None
        emit(
            session=session,
            meeting_id=motion.meeting_id,
            kind="ballots_cast",
            data={
                "motion_id": motion_id,
                "ballots_cast": int(cast or 0),
                "entitled": entitled_count(session, motion.meeting_id),
            },
        )


def motion_out(
    *, session: Session, motion: Motion, caller: str, voters: Roster | None = None
) -> MotionOut:
    """A motion as API.md shows it; counts and the signed result only once closed."""
    voted = set(
        session.scalars(select(MotionVoter.voter_id).where(MotionVoter.motion_id == motion.id))
    )
    if voters is None:
        meeting = session.get(Meeting, motion.meeting_id)
        assert meeting is not None
        voters = roster(session, meeting)
    held = sorted(d for d, h in voters.proxies.items() if h == caller)
    record = json.loads(motion.result) if motion.result else None
    return MotionOut(
        id=motion.id,
        meeting_id=motion.meeting_id,
        agenda_item_id=motion.agenda_item_id,
        title=motion.title,
        text=motion.text,
        options=list(motion.options),
        secret=motion.secret,
        majority=motion.majority,
        quorum={"numerator": motion.quorum_numerator, "denominator": motion.quorum_denominator},
        state=motion.state,
        ballots_cast=len(voted),
        entitled=len(voters.entitled),
        created_at=motion.created_at,
        opened_at=motion.opened_at,
        closed_at=motion.closed_at,
        voted=caller in voted,
        proxies=[{"user_id": d, "voted": d in voted} for d in held],
        counts=record["result"]["counts"] if record else None,
        outcome=record["result"]["outcome"] if record else None,
        result=record,
    )


def meeting_motions(*, session: Session, meeting_id: str) -> list[Motion]:
    return list(
        session.scalars(
            select(Motion).where(Motion.meeting_id == meeting_id).order_by(Motion.created_at)
        )
    )


def is_participant(session: Session, meeting_id: str, user_id: str) -> bool:
    return (
        session.scalar(
            select(Participant.user_id).where(
                Participant.meeting_id == meeting_id, Participant.user_id == user_id
            )
        )
        is not None
    )
