"""Meetings, their participants and the draft agenda a secretary builds."""

from __future__ import annotations

from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from ecabinet.core.packet import AgendaNode, number_agenda
from ecabinet.server import drafts, schemas
from ecabinet.server.audit import append_audit
from ecabinet.server.errors import ApiError
from ecabinet.server.models import (
    FormerParticipant,
    Meeting,
    MeetingDocument,
    MeetingLive,
    Participant,
    User,
    UserRole,
    new_id,
)
from ecabinet.sqlkit import utcnow


def holds_secretary_role(session: Session, user_id: str) -> bool:
    """Whether the account itself is a secretary (an administrator may take the role away)."""
    found = session.scalar(
        select(UserRole.role).where(UserRole.user_id == user_id, UserRole.role == "secretary")
    )
    return found is not None


def effective_role(session: Session, user_id: str, meeting_role: str) -> str:
    """A meeting's "secretary" acts as one only while the account holds the secretary role;
    otherwise they take part as a delegate (and see what delegates see)."""
    if meeting_role == "secretary" and not holds_secretary_role(session, user_id):
        return "delegate"
    return meeting_role


def meeting_for(*, session: Session, meeting_id: str, user_id: str) -> tuple[Meeting, str]:
    """The meeting and the caller's role in it; 404 alike for unknown and not-yours."""
    meeting = session.get(Meeting, meeting_id)
    role = None
    if meeting is not None:
        role = next((p.role for p in meeting.participants if p.user_id == user_id), None)
    if meeting is not None and role is None and was_removed(session, meeting_id, user_id):
        raise not_participant()
    if meeting is None or role is None:
        raise ApiError(404, "meeting_not_found", "There is no such meeting, or you are not in it.")
    return meeting, effective_role(session, user_id, role)


def was_removed(session: Session, meeting_id: str, user_id: str) -> bool:
    """Whether ``user_id`` was taken off the meeting after a packet was published to them."""
    return session.get(FormerParticipant, (meeting_id, user_id)) is not None


def not_participant() -> ApiError:
    return ApiError(403, "not_participant", "You are no longer a participant of this meeting.")


def meeting_as_secretary(*, session: Session, meeting_id: str, user_id: str) -> Meeting:
    """The meeting, if the caller is one of its secretaries (403 otherwise)."""
    meeting, role = meeting_for(session=session, meeting_id=meeting_id, user_id=user_id)
    if role != "secretary":
        raise ApiError(403, "forbidden", "Only a secretary of this meeting may change it.")
    return meeting


def _participants(
    session: Session, wanted: list[schemas.ParticipantIn], creator: str
) -> list[Participant]:
    roles: dict[str, str] = {}
    for entry in wanted:
        if entry.user_id in roles:
            raise ApiError(
                422,
                "duplicate_participant",
                f"User {entry.user_id} is listed twice among the participants.",
            )
        roles[entry.user_id] = entry.role
    roles.setdefault(creator, "secretary")
    if "secretary" not in roles.values():
        raise ApiError(422, "no_secretary", "A meeting needs at least one secretary.")
    found = set(session.scalars(select(User.id).where(User.id.in_(list(roles)))))
    missing = sorted(set(roles) - found)
    if missing:
        raise ApiError(422, "unknown_user", f"There is no user with the id {missing[0]}.")
    return [Participant(user_id=uid, role=role) for uid, role in sorted(roles.items())]


def _apply_facts(meeting: Meeting, facts: schemas.MeetingFacts) -> None:
    meeting.title = facts.title
    meeting.starts_at = facts.starts_at
    meeting.location = facts.location
    meeting.video_url = str(facts.video_url) if facts.video_url else ""
    meeting.bridge_sites = list(facts.bridge_sites)
    meeting.offline_until = facts.offline_until


def create_meeting(
    *, session: Session, data: schemas.MeetingIn, actor: str, meeting_id: str | None = None
) -> Meeting:
    meeting = Meeting(
        id=meeting_id or new_id(),
        created_by=actor,
        draft_agenda=[],
        packet_version=0,
        draft_revision=1,
        draft_changed_by=drafts.display_name(session.get(User, actor))[:200],
        draft_changed_at=utcnow(),
        draft_change="created the meeting",
    )
    _apply_facts(meeting, data)
    meeting.participants = _participants(session, data.participants, actor)
    session.add(meeting)
    session.flush()
    session.add(MeetingLive(meeting_id=meeting.id, last_seq=0))
    append_audit(
        session=session,
        action="meeting_created",
        actor=actor,
        subject=meeting.id,
        details={
            "title": meeting.title,
            "participants": {p.user_id: p.role for p in meeting.participants},
        },
    )
    return meeting


def _facts(meeting: Meeting) -> dict[str, Any]:
    return {
        "title": meeting.title,
        "starts_at": meeting.starts_at,
        "location": meeting.location,
        "video_url": meeting.video_url,
        "bridge_sites": list(meeting.bridge_sites or []),
        "offline_until": meeting.offline_until,
        "participants": {p.user_id: p.role for p in meeting.participants},
    }


def update_meeting(
    *,
    session: Session,
    meeting: Meeting,
    data: schemas.MeetingIn,
    actor: str,
    revision: int | None = None,
) -> Meeting:
    """Replace the meeting's facts and participant list (the caller stays a participant).

    ``revision`` is the draft revision the edit was based on (``If-Match``); an older one
    is refused before anything changes.
    """
    drafts.check_revision(meeting, revision)
    old = _facts(meeting)
    before = old["participants"]
    _apply_facts(meeting, data)
    wanted = _participants(session, data.participants, actor)
    meeting.participants = [
        session.merge(Participant(meeting_id=meeting.id, user_id=p.user_id, role=p.role))
        for p in wanted
    ]
    after = {p.user_id: p.role for p in meeting.participants}
    _remember_removed(session, meeting, before, after)
    new = _facts(meeting)
    names = {
        u.id: drafts.display_name(u)
        for u in session.scalars(select(User).where(User.id.in_(list(set(before) | set(after)))))
    }
    change = drafts.summarize("meeting", drafts.describe_facts(old, new, names))
    if change:
        drafts.record_change(
            session=session,
            meeting=meeting,
            actor=actor,
            change=change,
            conditional=revision is not None,
        )
    append_audit(
        session=session,
        action="meeting_updated",
        actor=actor,
        subject=meeting.id,
        details={"title": meeting.title, "change": change},
    )
    if before != after:
        append_audit(
            session=session,
            action="participants_changed",
            actor=actor,
            subject=meeting.id,
            details={"before": before, "after": after},
        )
    return meeting


def _remember_removed(
    session: Session, meeting: Meeting, before: dict[str, str], after: dict[str, str]
) -> None:
    """Whoever leaves a published meeting is told so later; whoever comes back is not."""
    if after:
        session.execute(
            delete(FormerParticipant).where(
                FormerParticipant.meeting_id == meeting.id,
                FormerParticipant.user_id.in_(list(after)),
            )
        )
    if meeting.packet_version:
        for user_id in sorted(set(before) - set(after)):
            session.merge(FormerParticipant(meeting_id=meeting.id, user_id=user_id))


def _to_nodes(items: list[schemas.AgendaItemIn], depth: int, seen: set[str]) -> list[AgendaNode]:
    if depth > schemas.MAX_AGENDA_DEPTH:
        raise ApiError(
            422,
            "agenda_too_deep",
            f"Agenda items nest at most {schemas.MAX_AGENDA_DEPTH} levels deep.",
        )
    nodes = []
    for item in items:
        item_id = item.id or new_id()
        if item_id in seen:
            raise ApiError(422, "duplicate_item", f"The agenda item id {item_id} is used twice.")
        seen.add(item_id)
        nodes.append(
            AgendaNode(
                id=item_id,
                title=item.title,
                presenter=item.presenter,
                duration_min=item.duration_min,
                documents=tuple(dict.fromkeys(item.documents)),
                confidential=item.confidential,
                cleared=frozenset(item.cleared),
                children=tuple(_to_nodes(item.children, depth + 1, seen)),
            )
        )
    return nodes


def set_agenda(
    *,
    session: Session,
    meeting: Meeting,
    agenda: schemas.AgendaIn,
    actor: str,
    revision: int | None = None,
) -> tuple[AgendaNode, ...]:
    """Replace the draft agenda after checking every document and clearance it names.

    ``revision`` is the draft revision the edit was based on (``If-Match``).
    """
    drafts.check_revision(meeting, revision)
    old_nodes = draft_nodes(meeting)
    nodes = number_agenda(_to_nodes(agenda.items, 1, set()))
    if sum(1 for top in nodes for _ in top.walk()) > 500:
        raise ApiError(422, "agenda_too_large", "An agenda has at most 500 items.")
    uploaded = set(
        session.scalars(
            select(MeetingDocument.sha256).where(MeetingDocument.meeting_id == meeting.id)
        )
    )
    members = {p.user_id for p in meeting.participants}
    for top in nodes:
        for node in top.walk():
            for sha in node.documents:
                if sha not in uploaded:
                    raise ApiError(
                        422,
                        "unknown_document",
                        f"Item {node.number} names document {sha}, which was not "
                        "uploaded to this meeting.",
                    )
            strangers = sorted(node.cleared - members)
            if strangers:
                raise ApiError(
                    422,
                    "unknown_participant",
                    f"Item {node.number} clears {strangers[0]}, who is not a "
                    "participant of this meeting.",
                )
    meeting.draft_agenda = [n.to_snapshot() for n in nodes]
    parts = drafts.describe_agenda(old_nodes, nodes)
    change = drafts.summarize("agenda", parts)
    append_audit(
        session=session,
        action="agenda_set",
        actor=actor,
        subject=meeting.id,
        details={"items": sum(1 for top in nodes for _ in top.walk()), "change": change},
    )
    if parts:
        drafts.record_change(
            session=session,
            meeting=meeting,
            actor=actor,
            change=change,
            conditional=revision is not None,
        )
    return nodes


def draft_nodes(meeting: Meeting) -> tuple[AgendaNode, ...]:
    return tuple(AgendaNode.from_snapshot(d) for d in meeting.draft_agenda or [])


def agenda_out(node: AgendaNode) -> dict[str, Any]:
    data = node.to_snapshot()
    data["children"] = [agenda_out(c) for c in node.children]
    return data


def detail(*, session: Session, meeting: Meeting, role: str) -> schemas.MeetingDetail:
    users = {
        u.id: u
        for u in session.scalars(
            select(User).where(User.id.in_([p.user_id for p in meeting.participants]))
        )
    }
    is_secretary = role == "secretary"
    documents = None
    if is_secretary:
        documents = [
            schemas.DocumentOut(
                sha256=d.sha256,
                title=d.title,
                filename=d.filename,
                size=d.size,
                pages=d.pages,
                uploaded_at=d.uploaded_at,
            )
            for d in session.scalars(
                select(MeetingDocument)
                .where(MeetingDocument.meeting_id == meeting.id)
                .order_by(MeetingDocument.uploaded_at)
            )
        ]
    return schemas.MeetingDetail(
        id=meeting.id,
        title=meeting.title,
        starts_at=meeting.starts_at,
        location=meeting.location,
        video_url=meeting.video_url,
        bridge_sites=list(meeting.bridge_sites or []),
        offline_until=meeting.offline_until,
        status="published" if meeting.packet_version else "draft",
        packet_version=meeting.packet_version,
        participants=[
            schemas.ParticipantOut(
                user_id=p.user_id,
                username=users[p.user_id].username,
                full_name=users[p.user_id].full_name,
                role=p.role,
            )
            for p in sorted(meeting.participants, key=lambda p: users[p.user_id].username)
        ],
        agenda=(
            [schemas.AgendaItemOut.model_validate(agenda_out(n)) for n in draft_nodes(meeting)]
            if is_secretary
            else None
        ),
        documents=documents,
        draft_revision=meeting.draft_revision,
        draft_changed_by=meeting.draft_changed_by,
        draft_changed_at=meeting.draft_changed_at,
        draft_change=meeting.draft_change,
    )


def list_for_user(*, session: Session, user_id: str) -> list[schemas.MeetingSummary]:
    rows = session.execute(
        select(Meeting, Participant.role)
        .join(Participant, Participant.meeting_id == Meeting.id)
        .where(Participant.user_id == user_id)
        .order_by(Meeting.starts_at.desc())
    ).all()
    return [
        schemas.MeetingSummary(
            id=m.id,
            title=m.title,
            starts_at=m.starts_at,
            location=m.location,
            status="published" if m.packet_version else "draft",
            packet_version=m.packet_version,
            role=role,
        )
        for m, role in rows
    ]
