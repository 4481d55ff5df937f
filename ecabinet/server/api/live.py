"""The live session of a meeting: its event stream, attendance, proxies, current item."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request

from ecabinet.server import attendance, motions
from ecabinet.server.deps import CallerDep, PathId, SessionDep, StateDep
from ecabinet.server.events import last_seq
from ecabinet.server.hotpath import (
    MAX_AFTER,
    EventStreamResponse,
    require_participant,
    stream_start,
)
from ecabinet.server.meetings import meeting_for
from ecabinet.server.models import Meeting, MeetingLive
from ecabinet.server.voteschemas import (
    AttendanceIn,
    CurrentItemIn,
    LiveOut,
    PresentingIn,
    ProxyIn,
)

router = APIRouter(tags=["live session"])
ERRORS: dict[int | str, dict[str, object]] = {401: {}, 403: {}, 404: {}, 422: {}}
STREAM: dict[int | str, dict[str, object]] = {
    200: {
        "content": {"text/event-stream": {}},
        "description": "one event per change, each with its sequence number as `id`",
    }
}


def _participant(meeting_id: PathId, caller: CallerDep, session: SessionDep) -> str:
    """The meeting id, once the caller is known to take part (checked off the event loop)."""
    require_participant(session, meeting_id, caller.id)
    session.commit()  # the stream may last hours; it holds no connection
    return meeting_id


@router.get("/meetings/{meeting_id}/events", responses={**ERRORS, **STREAM})
async def events(
    request: Request,
    meeting_id: Annotated[str, Depends(_participant)],
    state: StateDep,
    after: Annotated[
        int | None,
        Query(ge=0, le=MAX_AFTER, description="as Last-Event-ID, for clients without headers"),
    ] = None,
) -> EventStreamResponse:
    """Server-Sent Events of the meeting; with ``Last-Event-ID`` the missed ones come first.

    :class:`~ecabinet.server.hotpath.HotPaths` answers this route ahead of FastAPI (a thousand
    streams at once); this declaration documents it and answers what that layer passes on.
    """
    start = stream_start(request.headers.get("last-event-id"), after)
    return EventStreamResponse(state, meeting_id, start)


@router.get("/meetings/{meeting_id}/live", responses=ERRORS)
def live(meeting_id: PathId, caller: CallerDep, session: SessionDep, state: StateDep) -> LiveOut:
    """The live state now, with the number of the last event it includes.

    Motions on items the caller is not cleared for are left out (:mod:`clearance`).
    """
    meeting, role = meeting_for(session=session, meeting_id=meeting_id, user_id=caller.id)
    seq = last_seq(session=session, meeting_id=meeting.id)
    row = session.get(MeetingLive, meeting.id)
    voters = attendance.roster(session, meeting)
    summary = attendance.attendance_summary(voters)
    presented = None
    if row is not None and row.presented_sha256:
        presented = {"document": row.presented_sha256, "page": row.presented_page}
    return LiveOut(
        meeting_id=meeting.id,
        last_seq=seq,
        current_item_id=row.current_item_id if row else None,
        presented=presented,
        present=len(voters.present),
        entitled=len(voters.entitled),
        quorum_share={
            "numerator": attendance.DEFAULT_QUORUM.numerator,
            "denominator": attendance.DEFAULT_QUORUM.denominator,
        },
        quorum_met=bool(summary["quorum_met"]),
        attendance=attendance.attendance_list(session, meeting, voters),
        motions=motions.visible_motions(
            session=session,
            clearances=state.clearances,
            meeting=meeting,
            caller=caller.id,
            role=role,
            voters=voters,
        ),
    )


@router.post("/meetings/{meeting_id}/attendance", responses=ERRORS)
def record_attendance(
    meeting_id: PathId, body: AttendanceIn, caller: CallerDep, session: SessionDep
) -> dict[str, object]:
    """Check yourself in (``{}``); a secretary records others, in the room or at a site."""
    meeting, role = meeting_for(session=session, meeting_id=meeting_id, user_id=caller.id)
    voters = attendance.record_attendance(
        session=session, meeting=meeting, role=role, actor=caller.id, body=body
    )
    session.commit()
    who = body.user_id or caller.id
    return {
        "user_id": who,
        "present": who in voters.checked_in,
        "site": voters.sites.get(who),
    } | attendance.attendance_summary(voters)


@router.post("/meetings/{meeting_id}/proxy", responses={**ERRORS, 409: {}})
def set_proxy(
    meeting_id: PathId, body: ProxyIn, caller: CallerDep, session: SessionDep
) -> dict[str, dict[str, str]]:
    """Hand your vote for this meeting to another member, or take it back."""
    meeting, role = meeting_for(session=session, meeting_id=meeting_id, user_id=caller.id)
    proxies = attendance.set_proxy(
        session=session, meeting=meeting, role=role, actor=caller.id, body=body
    )
    session.commit()
    return {"proxies": proxies}


def _as_chair(session: SessionDep, meeting_id: str, caller: CallerDep) -> Meeting:
    meeting, role = meeting_for(session=session, meeting_id=meeting_id, user_id=caller.id)
    motions.require_chair(role)
    return meeting


@router.post("/meetings/{meeting_id}/current-item", responses=ERRORS)
def current_item(
    meeting_id: PathId, body: CurrentItemIn, caller: CallerDep, session: SessionDep, state: StateDep
) -> CurrentItemIn:
    """The chair moves the meeting to an agenda item."""
    meeting = _as_chair(session, meeting_id, caller)
    attendance.set_current_item(
        session=session, state=state, meeting=meeting, actor=caller.id, item_id=body.agenda_item_id
    )
    session.commit()
    return body


@router.post("/meetings/{meeting_id}/presenting", responses=ERRORS)
def presenting(
    meeting_id: PathId, body: PresentingIn, caller: CallerDep, session: SessionDep, state: StateDep
) -> PresentingIn:
    """The chair shows a page of a packet document; followers' readers turn to it."""
    meeting = _as_chair(session, meeting_id, caller)
    attendance.set_presenting(
        session=session,
        state=state,
        meeting=meeting,
        actor=caller.id,
        document=body.document,
        page=body.page,
    )
    session.commit()
    return body
