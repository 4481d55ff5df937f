"""Delivery acknowledgements from devices and the secretary's delivery status."""

from __future__ import annotations

from fastapi import APIRouter, Response

from ecabinet.server import delivery, meetings
from ecabinet.server.deps import CallerDep, PathId, SessionDep
from ecabinet.server.schemas import DeliveryIn, DeliveryOut

router = APIRouter(tags=["delivery"])
ERRORS: dict[int | str, dict[str, object]] = {401: {}, 403: {}, 404: {}, 422: {}}


@router.post("/meetings/{meeting_id}/delivery", status_code=204, responses={**ERRORS, 409: {}})
def acknowledge(
    meeting_id: PathId, body: DeliveryIn, caller: CallerDep, session: SessionDep
) -> Response:
    """This device holds every document of ``packet_version`` (any participant may say so)."""
    meeting, _role = meetings.meeting_for(session=session, meeting_id=meeting_id, user_id=caller.id)
    if delivery.acknowledge(
        session=session,
        meeting=meeting,
        user_id=caller.id,
        device_id=caller.device.id,
        version=body.packet_version,
    ):
        session.commit()
    return Response(status_code=204)


@router.get("/meetings/{meeting_id}/delivery", responses=ERRORS)
def delivery_status(meeting_id: PathId, caller: CallerDep, session: SessionDep) -> DeliveryOut:
    """Which participants hold the current version on a device (the meeting's secretaries)."""
    meeting = meetings.meeting_as_secretary(
        session=session, meeting_id=meeting_id, user_id=caller.id
    )
    return delivery.status(session=session, meeting=meeting)
