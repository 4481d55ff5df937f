"""Motions: draft → open → closed, ballots, receipts and the signed result.

One ballot per voter per motion is the primary key of ``motion_voters``: of two devices
sending the same voter's ballot at once, the database lets exactly one insert through.
A ballot reads the motion ``FOR SHARE`` (PostgreSQL) while closing updates it, so a ballot
either commits before the count or sees the motion closed; on SQLite the process's write lock
(:meth:`Database.writing`) gives the same order.
"""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from ecabinet.core.canonical import canonical_json
from ecabinet.core.signing import sign_record
from ecabinet.core.votes import Majority, Quorum, check_options, decide
from ecabinet.server.attendance import Roster, require_item, roster
from ecabinet.server.audit import append_audit
from ecabinet.server.clearance import ClearanceCache, may_see
from ecabinet.server.db import Database
from ecabinet.server.errors import ApiError
from ecabinet.server.events import emit
from ecabinet.server.meetings import meeting_for
from ecabinet.server.models import (
    LiveEvent,
    Meeting,
    Motion,
    MotionTally,
    MotionVoter,
)
from ecabinet.server.roles import entitled_count
from ecabinet.server.state import ServerState
from ecabinet.server.voterecords import RESULT_FORMAT, iso, text_sha256
from ecabinet.server.voteschemas import MotionIn, MotionOut
from ecabinet.sqlkit import utcnow

# Half the live hub's counting tick (broadcast.COUNT_SECONDS).
RECOUNT_AFTER = timedelta(seconds=0.5)

NOT_FOUND = "There is no such motion, or you cannot see it."


def motion_for(
    *, session: Session, clearances: ClearanceCache, motion_id: str, user_id: str
) -> tuple[Motion, Meeting, str]:
    """The motion, its meeting and the caller's role; 404 alike for unknown and not-yours.

    A motion on an item the caller is not cleared for (see :mod:`clearance`) answers as if it
    did not exist: the same code and message, so a guessed id tells nothing.
    """
    motion = session.get(Motion, motion_id)
    if motion is None:
        raise ApiError(404, "motion_not_found", NOT_FOUND)
    try:
        meeting, role = meeting_for(session=session, meeting_id=motion.meeting_id, user_id=user_id)
    except ApiError as exc:
        raise ApiError(404, "motion_not_found", NOT_FOUND) from exc
    access = clearances.for_meeting(session, meeting)
    if not access.may_see(motion.agenda_item_id, user_id, role):
        raise ApiError(404, "motion_not_found", NOT_FOUND)
    return motion, meeting, role


def motion_roster(
    session: Session, clearances: ClearanceCache, meeting: Meeting, motion: Motion
) -> Roster:
    """Who votes on ``motion``: the meeting's voters, only the cleared ones if restricted."""
    cleared = clearances.for_meeting(session, meeting).cleared(motion.agenda_item_id)
    return roster(session, meeting).limited_to(cleared)


def require_chair(role: str) -> None:
    if role != "chair":
        raise ApiError(403, "forbidden", "Only the chair of this meeting may do this.")


def create_motion(
    *, session: Session, state: ServerState, meeting: Meeting, actor: str, body: MotionIn
) -> Motion:
    require_item(session, state, meeting, body.agenda_item_id)
    cleared = state.clearances.for_meeting(session, meeting).cleared(body.agenda_item_id)
    if not may_see(cleared, actor, "chair"):
        # A chair not cleared for the item does not see it in the manifest either.
        raise ApiError(422, "unknown_item", "There is no such item on this meeting's agenda.")
    try:
        options = check_options(body.options)
    except ValueError as exc:
        raise ApiError(422, "invalid_options", f"The options are not usable: {exc}.") from exc
    voters = roster(session, meeting).limited_to(cleared).entitled
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
    # The item of a restricted motion is absent from uncleared manifests: not even its id
    # goes down the meeting's one stream.
    created: dict[str, Any] = {"motion_id": motion.id}
    if cleared is None:
        created["agenda_item_id"] = motion.agenda_item_id
    emit(session=session, meeting_id=meeting.id, kind="motion_created", data=created)
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
    cleared = state.clearances.for_meeting(session, meeting).cleared(motion.agenda_item_id)
    voters = roster(session, meeting).limited_to(cleared)
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
    # One stream carries the meeting to everyone, so a restricted motion's result event
    # names only the motion: cleared clients read the record from GET /motions/{id}.
    result: dict[str, Any] = {"motion_id": motion.id}
    if cleared is None:
        result |= {"outcome": decision.outcome, "counts": counts, "result": record}
    emit(session=session, meeting_id=motion.meeting_id, kind="result", data=result)
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


def count_ballots(db: Database, clearances: ClearanceCache, motion_id: str) -> bool:
    """Emit the live ``ballots_cast`` count of an open motion (called by the hub).

    Returns False when the count should be tried again at the hub's next tick: another
    server process emitted one for this motion less than half a tick ago (each event costs a
    write to every stream, and with several processes each would otherwise emit its own).
    The same count as the last event's is not emitted again.

    The event goes to every stream of the meeting, so for a motion on a restricted item
    uncleared participants learn that some motion they cannot see has so many ballots of so
    many cleared voters: never its title, text or choices.  That an item is hidden from them
    they know already (agenda numbers come from the full agenda).
    """
    # Counted before the write lock is taken: the ballot writer waits for that lock, and this
    # reading took it for 30–60 ms a second under load (benchmarks/vote_load.py).  A ballot
    # that commits meanwhile is in the next tick's count.
    with db.session() as session:
        motion = session.get(Motion, motion_id)
        if motion is None or motion.state != "open":
            return True
        cast = int(
            session.scalar(select(func.count()).where(MotionVoter.motion_id == motion_id)) or 0
        )
        told = _last_count(session, motion)
        if told is not None:
            at, count = told
            if count == cast:
                return True
            if utcnow() - at < RECOUNT_AFTER:
                return False
        meeting_id = motion.meeting_id
        # The meeting's columns, not the meeting: loading it loads its thousand participants.
        version, draft = session.execute(
            select(Meeting.packet_version, Meeting.draft_agenda).where(Meeting.id == meeting_id)
        ).one()
        access = clearances.current(session, meeting_id, version, draft)
        cleared = access.cleared(motion.agenda_item_id)
        if cleared is None:
            entitled = entitled_count(session, meeting_id)
        else:
            meeting = session.get(Meeting, meeting_id)
            assert meeting is not None
            entitled = len(roster(session, meeting).limited_to(cleared).entitled)
    with db.writing(), db.session() as session:
        # Not after the close's events: a count after the result would read as a vote going on.
        if session.scalar(select(Motion.state).where(Motion.id == motion_id)) != "open":
            return True
        emit(
            session=session,
            meeting_id=meeting_id,
            kind="ballots_cast",
            data={"motion_id": motion_id, "ballots_cast": cast, "entitled": entitled},
        )
    return True


def _last_count(session: Session, motion: Motion) -> tuple[datetime, int] | None:
    """When the meeting's latest ``ballots_cast`` event was, and its count, if it was this
    motion's."""
    last = session.execute(
        select(LiveEvent.at, LiveEvent.data)
        .where(LiveEvent.meeting_id == motion.meeting_id, LiveEvent.kind == "ballots_cast")
        .order_by(LiveEvent.seq.desc())
        .limit(1)
    ).first()
    if last is None:
        return None
    told = json.loads(last[1])
    if told.get("motion_id") != motion.id:
        return None
    return last[0], int(told.get("ballots_cast", -1))


def motion_out(*, session: Session, motion: Motion, caller: str, voters: Roster) -> MotionOut:
    """A motion as API.md shows it; counts and the signed result only once closed.

    ``voters`` is the motion's roster (:func:`motion_roster`): on a restricted item only the
    cleared are entitled, and only proxies between cleared members are offered.
    """
    voted = set(
        session.scalars(select(MotionVoter.voter_id).where(MotionVoter.motion_id == motion.id))
    )
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
        may_vote=caller in voters.entitled and caller not in voters.proxies,
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


def visible_motions(
    *,
    session: Session,
    clearances: ClearanceCache,
    meeting: Meeting,
    caller: str,
    role: str,
    voters: Roster | None = None,
) -> list[MotionOut]:
    """The meeting's motions the caller may see; the others are left out, not flagged."""
    access = clearances.for_meeting(session, meeting)
    everyone = roster(session, meeting) if voters is None else voters
    return [
        motion_out(
            session=session,
            motion=m,
            caller=caller,
            voters=everyone.limited_to(access.cleared(m.agenda_item_id)),
        )
        for m in meeting_motions(session=session, meeting_id=meeting.id)
        if access.may_see(m.agenda_item_id, caller, role)
    ]
