"""Publishing packets, signing per-participant manifests and deciding who may fetch a blob."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from sqlalchemy import select, update
from sqlalchemy.orm import Session

from ecabinet.core.canonical import canonical_json
from ecabinet.core.packet import AgendaNode, DocumentInfo, Packet, Recipient, build_manifest
from ecabinet.core.signing import sign_record
from ecabinet.server.audit import append_audit
from ecabinet.server.errors import ApiError
from ecabinet.server.events import emit
from ecabinet.server.meetings import draft_nodes, holds_secretary_role
from ecabinet.server.models import (
    FormerParticipant,
    Meeting,
    MeetingDocument,
    PacketDocument,
    PacketRow,
    Participant,
)
from ecabinet.server.state import PacketCache


def _iso(value: datetime | None) -> str | None:
    return None if value is None else value.astimezone(UTC).isoformat().replace("+00:00", "Z")


def _check_clearances(nodes: tuple[AgendaNode, ...], members: set[str]) -> None:
    for top in nodes:
        for node in top.walk():
            if node.confidential and not node.cleared & members:
                raise ApiError(
                    409,
                    "cleared_for_nobody",
                    f"Item {node.number} “{node.title}” is confidential but cleared for no "
                    "participant: nobody but the secretaries would receive it. Clear someone "
                    "for it, or make it public.",
                )


def draft_packet(
    *, session: Session, meeting: Meeting, version: int, published_at: str, note: str
) -> Packet:
    """The draft as packet ``version``: what publishing freezes and "preview as" shows.

    Raises:
        ApiError: 409 ``unknown_document`` when the agenda names a document that is gone.
    """
    nodes = draft_nodes(meeting)
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
    return Packet(
        meeting={
            "id": meeting.id,
            "title": meeting.title,
            "starts_at": _iso(meeting.starts_at),
            "location": meeting.location,
            "video_url": meeting.video_url,
            "bridge_sites": list(meeting.bridge_sites or []),
        },
        version=version,
        published_at=published_at,
        note=note,
        agenda=nodes,
        documents=documents,
        offline_until=_iso(meeting.offline_until),
    )


def _content(packet: Packet) -> bytes:
    """What a packet says, apart from its version, time and note (canonical JSON)."""
    snapshot = packet.to_snapshot()
    for key in ("version", "published_at", "note"):
        snapshot.pop(key, None)
    return canonical_json(snapshot)


def publish_packet(*, session: Session, meeting: Meeting, note: str, actor: str) -> PacketRow:
    """Freeze the draft into packet version N+1 with the secretary's note.

    The version bump is a conditional UPDATE on the meeting row: of two secretaries publishing
    at once, one wins and the other gets 409 instead of a duplicate or skipped version.
    """
    nodes = draft_nodes(meeting)
    if not nodes:
        raise ApiError(409, "empty_agenda", "Add at least one agenda item before publishing.")
    _check_clearances(nodes, {p.user_id for p in meeting.participants})
    current = meeting.packet_version
    published_at = datetime.now(UTC).replace(microsecond=0)
    packet = draft_packet(
        session=session,
        meeting=meeting,
        version=current + 1,
        published_at=_iso(published_at) or "",
        note=note,
    )
    hashes = set(packet.documents)
    latest = latest_packet(session=session, meeting_id=meeting.id)
    if latest is not None and _content(
        Packet.from_snapshot(json.loads(latest.snapshot))
    ) == _content(packet):
        raise ApiError(
            409,
            "unchanged",
            f"The draft is the same as the published version {latest.version}: there is "
            "nothing new to publish.",
        )
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


def preview_manifest(
    *, session: Session, meeting: Meeting, user_id: str, role: str
) -> dict[str, Any]:
    """The draft as ``user_id`` would receive it once published: the unsigned manifest.

    Built by the same functions as the real manifest, so the two cannot disagree; only
    ``published_at`` (not yet known) is null.
    """
    packet = draft_packet(
        session=session,
        meeting=meeting,
        version=meeting.packet_version + 1,
        published_at="",
        note="",
    )
    manifest = build_manifest(packet, Recipient(user_id=user_id, sees_all=role == "secretary"))
    manifest["published_at"] = None
    return manifest


def former_participant_blob(*, session: Session, sha256: str, user_id: str) -> bool:
    """Whether ``sha256`` was published in a meeting ``user_id`` has since been taken off."""
    found = session.scalar(
        select(PacketRow.id)
        .join(PacketDocument, PacketDocument.packet_id == PacketRow.id)
        .join(
            FormerParticipant,
            (FormerParticipant.meeting_id == PacketRow.meeting_id)
            & (FormerParticipant.user_id == user_id),
        )
        .where(PacketDocument.sha256 == sha256)
        .limit(1)
    )
    return found is not None
