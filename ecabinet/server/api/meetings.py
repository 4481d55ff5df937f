"""Meetings, agenda, publishing and manifests."""

from __future__ import annotations

import hashlib
from typing import Annotated

from fastapi import APIRouter, Header, Query, Request, Response

from ecabinet.server import drafts, meetings, publishing
from ecabinet.server.deps import CallerDep, PathId, SessionDep, StateDep
from ecabinet.server.errors import ApiError
from ecabinet.server.schemas import (
    AgendaIn,
    AgendaItemOut,
    MeetingDetail,
    MeetingIn,
    MeetingSummary,
    PreviewOut,
    PublishIn,
    PublishOut,
)

router = APIRouter(tags=["meetings"])
ERRORS: dict[int | str, dict[str, object]] = {401: {}, 403: {}, 404: {}}
IfMatch = Annotated[
    str | None,
    Header(
        description='the draft revision the edit is based on, e.g. "3" (the ETag of the '
        "draft); a stale one is refused with 409 draft_conflict",
    ),
]


@router.get("/meetings", responses={401: {}})
def list_meetings(caller: CallerDep, session: SessionDep) -> list[MeetingSummary]:
    """Meetings the caller takes part in, newest first."""
    return meetings.list_for_user(session=session, user_id=caller.id)


@router.post("/meetings", status_code=201, responses={**ERRORS, 422: {}})
def create_meeting(
    body: MeetingIn, caller: CallerDep, session: SessionDep, response: Response
) -> MeetingDetail:
    if not caller.has_role("secretary"):
        raise ApiError(403, "forbidden", "Only a secretary may create meetings.")
    meeting = meetings.create_meeting(session=session, data=body, actor=caller.id)
    session.commit()
    response.headers["ETag"] = drafts.etag(meeting.draft_revision)
    return meetings.detail(session=session, meeting=meeting, role="secretary")


@router.get("/meetings/{meeting_id}", responses=ERRORS)
def get_meeting(
    meeting_id: PathId, caller: CallerDep, session: SessionDep, response: Response
) -> MeetingDetail:
    """The meeting's facts; its secretaries also get the draft agenda and documents.

    The ``ETag`` is the draft revision, to send back as ``If-Match`` with an edit.
    """
    meeting, role = meetings.meeting_for(session=session, meeting_id=meeting_id, user_id=caller.id)
    response.headers["ETag"] = drafts.etag(meeting.draft_revision)
    return meetings.detail(session=session, meeting=meeting, role=role)


@router.put("/meetings/{meeting_id}", responses={**ERRORS, 400: {}, 409: {}, 422: {}})
def update_meeting(
    meeting_id: PathId,
    body: MeetingIn,
    caller: CallerDep,
    session: SessionDep,
    response: Response,
    if_match: IfMatch = None,
) -> MeetingDetail:
    """Replace the facts and participants; with ``If-Match``, only if the draft is unchanged."""
    revision = drafts.parse_if_match(if_match)
    meeting = meetings.meeting_as_secretary(
        session=session, meeting_id=meeting_id, user_id=caller.id
    )
    meetings.update_meeting(
        session=session, meeting=meeting, data=body, actor=caller.id, revision=revision
    )
    session.commit()
    response.headers["ETag"] = drafts.etag(meeting.draft_revision)
    return meetings.detail(session=session, meeting=meeting, role="secretary")


@router.put("/meetings/{meeting_id}/agenda", responses={**ERRORS, 400: {}, 409: {}, 422: {}})
def put_agenda(
    meeting_id: PathId,
    body: AgendaIn,
    caller: CallerDep,
    session: SessionDep,
    response: Response,
    if_match: IfMatch = None,
) -> list[AgendaItemOut]:
    """Replace the draft agenda; items are numbered by their place in the tree.

    With ``If-Match``, only if the draft is still that revision; the new one is the ETag.
    """
    revision = drafts.parse_if_match(if_match)
    meeting = meetings.meeting_as_secretary(
        session=session, meeting_id=meeting_id, user_id=caller.id
    )
    nodes = meetings.set_agenda(
        session=session, meeting=meeting, agenda=body, actor=caller.id, revision=revision
    )
    session.commit()
    response.headers["ETag"] = drafts.etag(meeting.draft_revision)
    return [AgendaItemOut.model_validate(meetings.agenda_out(n)) for n in nodes]


@router.get("/meetings/{meeting_id}/preview", responses={**ERRORS, 409: {}, 422: {}})
def preview(
    meeting_id: PathId,
    user_id: Annotated[str, Query(pattern=r"^[0-9a-f]{32}$", description="a participant")],
    caller: CallerDep,
    session: SessionDep,
) -> PreviewOut:
    """The draft as one participant would receive it once published (unsigned)."""
    meeting = meetings.meeting_as_secretary(
        session=session, meeting_id=meeting_id, user_id=caller.id
    )
    role = next((p.role for p in meeting.participants if p.user_id == user_id), None)
    if role is None:
        raise ApiError(
            404, "not_participant", f"User {user_id} is not a participant of this meeting."
        )
    role = meetings.effective_role(session, user_id, role)
    return PreviewOut(
        manifest=publishing.preview_manifest(
            session=session, meeting=meeting, user_id=user_id, role=role
        )
    )


@router.post("/meetings/{meeting_id}/publish", responses={**ERRORS, 409: {}})
def publish(
    meeting_id: PathId, body: PublishIn, caller: CallerDep, session: SessionDep, state: StateDep
) -> PublishOut:
    """Publish the draft as the next packet version."""
    meeting = meetings.meeting_as_secretary(
        session=session, meeting_id=meeting_id, user_id=caller.id
    )
    row = publishing.publish_packet(
        session=session, meeting=meeting, note=body.note, actor=caller.id
    )
    session.commit()
    packet = state.packets.get(row.id, row.snapshot)
    return PublishOut(
        meeting_id=meeting.id,
        packet_version=row.version,
        published_at=row.published_at,
        documents=len(packet.documents),
    )


@router.get(
    "/meetings/{meeting_id}/manifest",
    responses={
        **ERRORS,
        304: {"description": "unchanged since the ETag given"},
        200: {"content": {"application/json": {}}, "description": "the signed manifest"},
    },
)
def manifest(
    meeting_id: PathId, request: Request, caller: CallerDep, session: SessionDep, state: StateDep
) -> Response:
    """The newest packet as the caller may see it, signed by the organisation key."""
    _meeting, role = meetings.meeting_for(session=session, meeting_id=meeting_id, user_id=caller.id)
    row = publishing.latest_packet(session=session, meeting_id=meeting_id)
    if row is None:
        raise ApiError(404, "not_published", "This meeting has no published packet yet.")
    packet = state.packets.get(row.id, row.snapshot)
    body = publishing.signed_manifest(
        packet=packet, user_id=caller.id, role=role, key=state.org_key
    )
    etag = '"' + hashlib.sha256(body).hexdigest()[:32] + '"'
    headers = {"ETag": etag, "Cache-Control": "private, no-cache"}
    wanted = request.headers.get("if-none-match", "")
    if etag in (tag.strip() for tag in wanted.split(",")):
        return Response(status_code=304, headers=headers)
    return Response(content=body, media_type="application/json", headers=headers)
