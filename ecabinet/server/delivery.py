"""Delivery status: which participants hold the current packet version on a device.

A client acknowledges a version once every document of it is stored on the device; the
server keeps the highest version per (meeting, user, device).  The secretary's view answers
the question that matters before a meeting: who has *this* version, and who does not yet.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from ecabinet.server import schemas
from ecabinet.server.audit import append_audit
from ecabinet.server.errors import ApiError
from ecabinet.server.events import emit
from ecabinet.server.models import Delivery, Device, Meeting, User
from ecabinet.sqlkit import utcnow


def acknowledge(
    *, session: Session, meeting: Meeting, user_id: str, device_id: str, version: int
) -> bool:
    """Record that a device holds ``version`` completely; whether that was news.

    An older or repeated acknowledgement changes nothing (a device that synced an old
    version late must not look as if it went back).
    """
    if version > meeting.packet_version:
        raise ApiError(
            409,
            "unknown_version",
            f"This meeting has no packet version {version}"
            + (
                f"; the newest is {meeting.packet_version}."
                if meeting.packet_version
                else " (nothing is published yet)."
            ),
        )
    row = session.get(Delivery, (meeting.id, user_id, device_id))
    if row is not None and row.packet_version >= version:
        return False
    if row is None:
        row = Delivery(meeting_id=meeting.id, user_id=user_id, device_id=device_id)
        session.add(row)
    row.packet_version = version
    row.delivered_at = utcnow()
    emit(
        session=session,
        meeting_id=meeting.id,
        kind="delivery",
        data={"user_id": user_id, "packet_version": version},
    )
    append_audit(
        session=session,
        action="packet_delivered",
        actor=user_id,
        subject=meeting.id,
        details={"version": version, "device_id": device_id},
    )
    return True


def status(*, session: Session, meeting: Meeting) -> schemas.DeliveryOut:
    """Every participant with what each of their devices holds."""
    current = meeting.packet_version
    members = {p.user_id: p.role for p in meeting.participants}
    users = {u.id: u for u in session.scalars(select(User).where(User.id.in_(list(members))))}
    devices: dict[str, list[schemas.DeviceDelivery]] = {uid: [] for uid in members}
    rows = session.execute(
        select(Delivery, Device.name)
        .join(Device, Device.id == Delivery.device_id)
        .where(Delivery.meeting_id == meeting.id)
        .order_by(Delivery.delivered_at)
    ).all()
    for delivery, name in rows:
        if delivery.user_id in devices:
            devices[delivery.user_id].append(
                schemas.DeviceDelivery(
                    device_id=delivery.device_id,
                    name=name,
                    packet_version=delivery.packet_version,
                    at=delivery.delivered_at,
                )
            )
    out = []
    for user_id in sorted(members, key=lambda u: users[u].username):
        held = devices[user_id]
        best = max(held, key=lambda d: (d.packet_version, d.at), default=None)
        out.append(
            schemas.ParticipantDelivery(
                user_id=user_id,
                username=users[user_id].username,
                full_name=users[user_id].full_name,
                role=members[user_id],
                delivered_version=best.packet_version if best else None,
                delivered_at=best.at if best else None,
                current=bool(current) and best is not None and best.packet_version >= current,
                devices=held,
            )
        )
    return schemas.DeliveryOut(packet_version=current, participants=out)
