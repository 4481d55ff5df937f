"""Who may vote, who is here, who holds whose proxy; the chair's current item and page."""

from __future__ import annotations

from dataclasses import dataclass, replace

from sqlalchemy import select
from sqlalchemy.orm import Session

from ecabinet.core.packet import AgendaNode
from ecabinet.core.votes import Quorum
from ecabinet.server import publishing
from ecabinet.server.audit import append_audit
from ecabinet.server.errors import ApiError
from ecabinet.server.events import emit, live_row
from ecabinet.server.meetings import draft_nodes
from ecabinet.server.models import Attendance, Meeting, Proxy, User, UserRole
from ecabinet.server.roles import VOTING_ROLES
from ecabinet.server.state import ServerState
from ecabinet.server.voteschemas import AttendanceIn, AttendanceOut, ProxyIn
from ecabinet.sqlkit import utcnow

# The quorum the live attendance count is shown against; each motion sets its own.
DEFAULT_QUORUM = Quorum(1, 2)


@dataclass(frozen=True)
class Roster:
    """The meeting's voters at one moment.

    ``present`` counts an entitled member who is checked in, or whose proxy holder is: the
    holder carries the absent member's vote into the room.
    """

    roles: dict[str, str]
    entitled: frozenset[str]
    checked_in: frozenset[str]
    sites: dict[str, str]
    proxies: dict[str, str]
    present: frozenset[str]

    def weight(self, users: frozenset[str], weights: dict[str, int]) -> int:
        return sum(weights.get(u, 1) for u in users)

    def limited_to(self, cleared: frozenset[str] | None) -> Roster:
        """The voters of a motion on an item only ``cleared`` may see (``None``: everyone).

        Only cleared members are entitled.  A proxy counts only between two cleared members:
        a holder who may not see the motion cannot carry the vote into it, so for that motion
        the member who handed it on votes (and counts as present) in person.
        """
        if cleared is None:
            return self
        entitled = self.entitled & cleared
        proxies = {d: h for d, h in self.proxies.items() if d in cleared and h in cleared}
        present = frozenset(
            u for u in entitled if u in self.checked_in or proxies.get(u) in self.checked_in
        )
        return replace(self, entitled=entitled, proxies=proxies, present=present)


def roster(session: Session, meeting: Meeting) -> Roster:
    """Entitled voters (chairs and delegates), attendance and proxies of a meeting."""
    roles = {p.user_id: p.role for p in meeting.participants}
    named_secretaries = [u for u, r in roles.items() if r == "secretary"]
    real_secretaries = set(
        session.scalars(
            select(UserRole.user_id).where(
                UserRole.role == "secretary", UserRole.user_id.in_(named_secretaries)
            )
        )
    )
    # A "secretary" whose account lost the role takes part as a delegate (meetings.py).
    for user_id in named_secretaries:
        if user_id not in real_secretaries:
            roles[user_id] = "delegate"
    entitled = frozenset(u for u, r in roles.items() if r in VOTING_ROLES)
    rows = session.scalars(select(Attendance).where(Attendance.meeting_id == meeting.id)).all()
    checked_in = frozenset(a.user_id for a in rows if a.present)
    sites = {a.user_id: a.site for a in rows if a.present}
    proxies = {
        p.delegator_id: p.holder_id
        for p in session.scalars(select(Proxy).where(Proxy.meeting_id == meeting.id))
    }
    present = frozenset(u for u in entitled if u in checked_in or proxies.get(u) in checked_in)
    return Roster(roles, entitled, checked_in, sites, proxies, present)


def attendance_summary(r: Roster) -> dict[str, object]:
    return {
        "present": len(r.present),
        "entitled": len(r.entitled),
        "quorum_met": DEFAULT_QUORUM.met(present=len(r.present), entitled=len(r.entitled)),
    }


def record_attendance(
    *, session: Session, meeting: Meeting, role: str, actor: str, body: AttendanceIn
) -> Roster:
    """Check the caller in (or out), or, as a secretary, record another participant.

    Raises:
        ApiError: 403 for a non-secretary recording someone else, 422 for a stranger or an
            unknown site.  Nothing is written when the attendance is already as asked.
    """
    who = body.user_id or actor
    if who != actor and role != "secretary":
        raise ApiError(403, "forbidden", "Only a secretary may record attendance for others.")
    if who not in {p.user_id for p in meeting.participants}:
        raise ApiError(422, "not_participant", "That user does not take part in this meeting.")
    sites = {"room", "online", *(meeting.bridge_sites or [])}
    if body.site not in sites:
        raise ApiError(
            422,
            "unknown_site",
            f"{body.site!r} is not a place of this meeting: use room, online or a bridge site.",
        )
    row = session.get(Attendance, (meeting.id, who))
    if row is not None and row.present == body.present and row.site == body.site:
        return roster(session, meeting)
    if row is None:
        row = Attendance(meeting_id=meeting.id, user_id=who)
        session.add(row)
    row.present, row.site, row.recorded_by, row.updated_at = (
        body.present,
        body.site,
        actor,
        utcnow(),
    )
    session.flush()
    current = roster(session, meeting)
    emit(
        session=session,
        meeting_id=meeting.id,
        kind="attendance",
        data={"user_id": who, "present": body.present, "site": body.site}
        | attendance_summary(current),
    )
    append_audit(
        session=session,
        action="attendance_recorded",
        actor=actor,
        subject=meeting.id,
        details={"user_id": who, "present": body.present, "site": body.site},
    )
    return current


def set_proxy(
    *, session: Session, meeting: Meeting, role: str, actor: str, body: ProxyIn
) -> dict[str, str]:
    """Hand a vote to another entitled participant, or withdraw it (``holder_id`` null).

    A proxy cannot be passed on: nobody who has handed their vote away may hold another's,
    and nobody holding another's may hand theirs away.
    """
    delegator = body.delegator_id or actor
    if delegator != actor and role != "secretary":
        raise ApiError(403, "forbidden", "Only a secretary may record a proxy for someone else.")
    current = roster(session, meeting)
    if delegator not in current.entitled:
        raise ApiError(403, "not_entitled", "Only a member entitled to vote can hand a vote on.")
    existing = session.get(Proxy, (meeting.id, delegator))
    holder = body.holder_id
    if holder is None:
        if existing is None:
            return current.proxies
        session.delete(existing)
    else:
        if holder == delegator:
            raise ApiError(422, "proxy_to_self", "A vote cannot be handed to oneself.")
        if holder not in current.entitled:
            raise ApiError(
                422, "holder_not_entitled", "The proxy must be a member entitled to vote."
            )
        if holder in current.proxies:
            raise ApiError(
                409, "proxy_chain", "That member has handed their own vote on; pick someone else."
            )
        if delegator in current.proxies.values():
            raise ApiError(
                409,
                "proxy_chain",
                "You hold someone else's proxy; a proxy cannot be handed on.",
            )
        if existing is not None and existing.holder_id == holder:
            return current.proxies
        if existing is None:
            session.add(Proxy(meeting_id=meeting.id, delegator_id=delegator, holder_id=holder))
        else:
            existing.holder_id, existing.created_at = holder, utcnow()
    session.flush()
    after = roster(session, meeting)
    emit(
        session=session,
        meeting_id=meeting.id,
        kind="proxy",
        data={"delegator_id": delegator, "holder_id": holder} | attendance_summary(after),
    )
    append_audit(
        session=session,
        action="proxy_set" if holder else "proxy_withdrawn",
        actor=actor,
        subject=meeting.id,
        details={"delegator_id": delegator, "holder_id": holder},
    )
    return after.proxies


def agenda_nodes(session: Session, state: ServerState, meeting: Meeting) -> list[AgendaNode]:
    """Every item of the newest packet's agenda (the draft's before the first publish)."""
    row = publishing.latest_packet(session=session, meeting_id=meeting.id)
    tops = state.packets.get(row.id, row.snapshot).agenda if row else draft_nodes(meeting)
    return [node for top in tops for node in top.walk()]


def require_item(session: Session, state: ServerState, meeting: Meeting, item_id: str) -> None:
    if item_id not in {n.id for n in agenda_nodes(session, state, meeting)}:
        raise ApiError(422, "unknown_item", "There is no such item on this meeting's agenda.")


def set_current_item(
    *, session: Session, state: ServerState, meeting: Meeting, actor: str, item_id: str | None
) -> None:
    if item_id is not None:
        require_item(session, state, meeting, item_id)
    live = live_row(session, meeting.id)
    if live.current_item_id == item_id:
        return
    live.current_item_id = item_id
    emit(
        session=session,
        meeting_id=meeting.id,
        kind="current_item",
        data={"agenda_item_id": item_id},
    )
    append_audit(
        session=session,
        action="current_item_set",
        actor=actor,
        subject=meeting.id,
        details={"agenda_item_id": item_id},
    )


def set_presenting(
    *,
    session: Session,
    state: ServerState,
    meeting: Meeting,
    actor: str,
    document: str | None,
    page: int | None,
) -> None:
    """Show a page of a packet document on everyone's "follow the chair" screen."""
    if document is not None and page is not None:
        row = publishing.latest_packet(session=session, meeting_id=meeting.id)
        info = state.packets.get(row.id, row.snapshot).documents.get(document) if row else None
        if info is None:
            raise ApiError(422, "unknown_document", "That document is not in the published packet.")
        if page > info.pages:
            raise ApiError(
                422, "no_such_page", f"The document has {info.pages} pages; page {page} is not one."
            )
    live = live_row(session, meeting.id)
    if (live.presented_sha256, live.presented_page) == (document, page):
        return
    live.presented_sha256, live.presented_page = document, page
    data = {"document": document, "page": page}
    emit(session=session, meeting_id=meeting.id, kind="presented_page", data=data)
    append_audit(
        session=session, action="presenting_set", actor=actor, subject=meeting.id, details=data
    )


def attendance_list(session: Session, meeting: Meeting, r: Roster) -> list[AttendanceOut]:
    users = {u.id: u for u in session.scalars(select(User).where(User.id.in_(list(r.roles))))}
    return [
        AttendanceOut(
            user_id=uid,
            username=users[uid].username,
            full_name=users[uid].full_name,
            role=role,
            entitled=uid in r.entitled,
            present=uid in r.checked_in,
            site=r.sites.get(uid),
            proxy_holder=r.proxies.get(uid),
        )
        for uid, role in sorted(r.roles.items(), key=lambda kv: users[kv[0]].username)
    ]
