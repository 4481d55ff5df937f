"""Who votes: a participant's effective role, counted or looked up one row at a time.

Kept apart from :mod:`attendance` so that the ballot writer, which every server process
builds at start, needs nothing of the rest of the live session.
"""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ecabinet.server.meetings import effective_role
from ecabinet.server.models import Participant, UserRole

VOTING_ROLES = ("chair", "delegate")


def participant_role(session: Session, meeting_id: str, user_id: str) -> str | None:
    """One participant's effective role, without loading the whole roster (the ballot path)."""
    role = session.scalar(
        select(Participant.role).where(
            Participant.meeting_id == meeting_id, Participant.user_id == user_id
        )
    )
    return None if role is None else effective_role(session, user_id, role)


def entitled_count(session: Session, meeting_id: str) -> int:
    """How many may vote, counted by the database (the live ballot count asks often)."""
    voting = session.scalar(
        select(func.count()).where(
            Participant.meeting_id == meeting_id, Participant.role.in_(VOTING_ROLES)
        )
    )
    demoted = session.scalar(
        select(func.count()).where(
            Participant.meeting_id == meeting_id,
            Participant.role == "secretary",
            ~Participant.user_id.in_(select(UserRole.user_id).where(UserRole.role == "secretary")),
        )
    )
    return int(voting or 0) + int(demoted or 0)
