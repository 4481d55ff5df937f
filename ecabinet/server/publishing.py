"""Publishing packets, signing per-participant manifests and deciding who may fetch a blob."""

from __future__ import annotations

from datetime import UTC, datetime

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from sqlalchemy import select, update
from sqlalchemy.orm import Session

from ecabinet.core.canonical import canonical_json
from ecabinet.core.packet import DocumentInfo, Packet, Recipient, build_manifest
from ecabinet.core.signing import sign_record
from ecabinet.server.audit import append_audit
from ecabinet.server.errors import ApiError
from ecabinet.server.events import emit
from ecabinet.server.meetings import draft_nodes, holds_secretary_role
from ecabinet.server.models import (
    Meeting,
    MeetingDocument,
    PacketDocument,
    PacketRow,
    Participant,
)
from ecabinet.server.state import PacketCache


def _iso(value: datetime | None) -> str | None:
    return None if value is None else value.astimezone(UTC).isoformat().replace("+00:00", "Z")


def publish_packet(*, session: Session, meeting: Meeting, note: str, actor: str) -> PacketRow:
    """Freeze the draft into packet version N+1 with the secretary's note.

    The version bump is a conditional UPDATE on the meeting row: of two secretaries publishing
    at once, one wins and the other gets 409 instead of a duplicate or skipped version.
    """
    nodes = draft_nodes(meeting)
    if not nodes:
        raise ApiError(409, "empty_agenda", "Add at least one agenda item before publishing.")
    hashes = {sha for top in nodes for node in top.walk() for sha in node.documents}
    documents = {
        d.sha256: DocumentInfo(title=d.title, size=d.size, pages=d.pages)
        for d in session.scalars(
            select(MeetingDocument).where(
                MeetingDocument.meeting_id == meeting.id, MeetingDocument.sha256.in_(hashes)
            )
        )
    }
    missing = hashes - set(documents)
    if missing:
        raise ApiError(
            409,
            "unknown_document",
            f"Document {sorted(missing)[0]} is no longer attached; fix the agenda.",
        )
    current = meeting.packet_version
    bumped = session.execute(
        update(Meeting)
        .where(Meeting.id == meeting.id, Meeting.packet_version == current)
        .values(packet_version=current + 1)
    ).rowcount  # type: ignore[attr-defined]
    if bumped != 1:
        raise ApiError(
            409,
            "publish_conflict",
            "Someone else published this meeting at the same moment; reload and retry.",
        )
    published_at = datetime.now(UTC).replace(microsecond=0)
    packet = Packet(
        meeting={
            "id": meeting.id,
            "title": meeting.title,
            "starts_at": _iso(meeting.starts_at),
            "location": meeting.location,
            "video_url": meeting.video_url,
            "bridge_sites": list(meeting.bridge_sites or []),
        },
        version=current + 1,
        published_at=_iso(published_at) or "",
        note=note,
        agenda=nodes,
        documents=documents,
        offline_until=_iso(meeting.offline_until),
    )
    row = PacketRow(
        meeting_id=meeting.id,
        version=packet.version,
        note=note,
        published_at=published_at,
        published_by=actor,
        snapshot=canonical_json(packet.to_snapshot()).decode("utf-8"),
    )
    session.add(row)
    session.flush()
    session.add_all(PacketDocument(packet_id=row.id, sha256=sha) for sha in sorted(hashes))
    emit(
        session=session,
        meeting_id=meeting.id,
        kind="packet_published",
        data={"packet_version": packet.version, "note": note},
    )
    append_audit(
        session=session,
        action="packet_published",
        actor=actor,
        subject=meeting.id,
        details={"version": packet.version, "note": note, "documents": sorted(hashes)},
    )
    session.refresh(meeting)
    return row


def latest_packet(*, session: Session, meeting_id: str) -> PacketRow | None:
    return session.scalar(
        select(PacketRow)
        .where(PacketRow.meeting_id == meeting_id)
        .order_by(PacketRow.version.desc())
        .limit(1)
    )


def signed_manifest(*, packet: Packet, user_id: str, role: str, key: Ed25519PrivateKey) -> bytes:
    """The canonical JSON of the signed manifest of ``packet`` for one participant."""
    who = Recipient(user_id=user_id, sees_all=role == "secretary")
    return canonical_json(sign_record("manifest", build_manifest(packet, who), key))


def may_fetch_blob(*, session: Session, cache: PacketCache, sha256: str, user_id: str) -> bool:
    """Whether ``user_id`` may download ``sha256``.

    Yes when the newest packet of a meeting they take part in shows it to them (the very
    function that builds their manifest decides), or when they are a secretary of a meeting
    whose draft holds it.  Everything else answers as if the blob did not exist.
    """
    # Only the newest packet of each meeting counts: an item made confidential (or a
    # clearance withdrawn) in a later version closes the door on the earlier version's copy.
    rows = session.execute(
        select(PacketRow.id, PacketRow.snapshot, Participant.role)
        .join(PacketDocument, PacketDocument.packet_id == PacketRow.id)
        .join(Participant, Participant.meeting_id == PacketRow.meeting_id)
        .join(Meeting, Meeting.id == PacketRow.meeting_id)
        .where(
            PacketDocument.sha256 == sha256,
            Participant.user_id == user_id,
            PacketRow.version == Meeting.packet_version,
        )
    ).all()
    # Asked at most once, and only of a meeting secretary.
    secretary: bool | None = None

    def acts_as_secretary() -> bool:
        nonlocal secretary
        if secretary is None:
            secretary = holds_secretary_role(session, user_id)
        return secretary

    for packet_id, snapshot, role in rows:
        who = Recipient(user_id, sees_all=role == "secretary" and acts_as_secretary())
        if sha256 in cache.visible(packet_id, snapshot, who):
            return True
    if not acts_as_secretary():
        return False
    drafted = session.scalar(
        select(MeetingDocument.sha256)
        .join(Participant, Participant.meeting_id == MeetingDocument.meeting_id)
        .where(
            MeetingDocument.sha256 == sha256,
            Participant.user_id == user_id,
            Participant.role == "secretary",
        )
        .limit(1)
    )
    return drafted is not None
