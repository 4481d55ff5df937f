"""Motions and ballots (API.md, "Motions")."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter

from ecabinet.server import hotpath, motions
from ecabinet.server.deps import BearerDep, CallerDep, PathId, SessionDep, StateDep, bearer_token
from ecabinet.server.meetings import meeting_for
from ecabinet.server.models import Meeting, Motion
from ecabinet.server.voteschemas import BallotIn, MotionIn, MotionOut

router = APIRouter(tags=["motions"])
ERRORS: dict[int | str, dict[str, object]] = {401: {}, 403: {}, 404: {}, 409: {}, 422: {}}


@router.post("/meetings/{meeting_id}/motions", status_code=201, responses=ERRORS)
def create_motion(
    meeting_id: PathId, body: MotionIn, caller: CallerDep, session: SessionDep, state: StateDep
) -> MotionOut:
    """The chair drafts a motion on an agenda item."""
    meeting, role = meeting_for(session=session, meeting_id=meeting_id, user_id=caller.id)
    motions.require_chair(role)
    motion = motions.create_motion(
        session=session, state=state, meeting=meeting, actor=caller.id, body=body
    )
    session.commit()
    return _out(session, state, meeting, motion, caller.id)


@router.get("/meetings/{meeting_id}/motions", responses=ERRORS)
def list_motions(
    meeting_id: PathId, caller: CallerDep, session: SessionDep, state: StateDep
) -> list[MotionOut]:
    """The meeting's motions the caller may see (none on items they are not cleared for)."""
    meeting, role = meeting_for(session=session, meeting_id=meeting_id, user_id=caller.id)
    return motions.visible_motions(
        session=session, clearances=state.clearances, meeting=meeting, caller=caller.id, role=role
    )


@router.get("/motions/{motion_id}", responses=ERRORS)
def get_motion(
    motion_id: PathId, caller: CallerDep, session: SessionDep, state: StateDep
) -> MotionOut:
    """A motion; its counts and signed result appear once it is closed."""
    motion, meeting, _role = motions.motion_for(
        session=session, clearances=state.clearances, motion_id=motion_id, user_id=caller.id
    )
    return _out(session, state, meeting, motion, caller.id)


@router.post("/motions/{motion_id}/open", responses=ERRORS)
def open_motion(
    motion_id: PathId, caller: CallerDep, session: SessionDep, state: StateDep
) -> MotionOut:
    """Open voting (idempotent)."""
    motion, meeting, role = motions.motion_for(
        session=session, clearances=state.clearances, motion_id=motion_id, user_id=caller.id
    )
    motions.require_chair(role)
    motions.open_motion(session=session, motion=motion, actor=caller.id)
    session.commit()
    return _out(session, state, meeting, motion, caller.id)


@router.post("/motions/{motion_id}/close", responses=ERRORS)
def close_motion(
    motion_id: PathId, caller: CallerDep, session: SessionDep, state: StateDep
) -> MotionOut:
    """Close voting, count and sign the result (idempotent)."""
    motion, meeting, role = motions.motion_for(
        session=session, clearances=state.clearances, motion_id=motion_id, user_id=caller.id
    )
    motions.require_chair(role)
    with state.db.writing():
        motions.close_motion(
            session=session, state=state, motion=motion, meeting=meeting, actor=caller.id
        )
        session.commit()
    return _out(session, state, meeting, motion, caller.id)


def _out(
    session: SessionDep, state: StateDep, meeting: Meeting, motion: Motion, caller: str
) -> MotionOut:
    voters = motions.motion_roster(session, state.clearances, meeting, motion)
    return motions.motion_out(session=session, motion=motion, caller=caller, voters=voters)


@router.post("/motions/{motion_id}/ballots", responses=ERRORS)
async def cast_ballot(
    motion_id: PathId, body: BallotIn, credentials: BearerDep, state: StateDep
) -> dict[str, Any]:
    """Cast a ballot (yours, or as proxy ``on_behalf_of``); answers a signed receipt.

    The hot path of a vote: :class:`~ecabinet.server.hotpath.HotPaths` answers it ahead of
    FastAPI; this declaration documents it and answers what that layer passes on.
    """
    return await hotpath.cast_ballot(state, motion_id, bearer_token(credentials), body)
