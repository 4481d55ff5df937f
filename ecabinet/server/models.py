"""SQLAlchemy models of the server schema.

Alembic migrations under ``migrations/server`` create these tables; the models are the source
the migrations were written from and the metadata ``env.py`` compares against.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from ecabinet.sqlkit import UTCDateTime, utcnow

ROLES = ("administrator", "secretary", "chair", "delegate")
MEETING_ROLES = ("chair", "secretary", "delegate", "guest")


def new_id() -> str:
    return uuid.uuid4().hex


class Base(DeclarativeBase):
    pass


class User(Base):
    __tablename__ = "users"

    id: Mapped[str] = mapped_column(String(32), primary_key=True, default=new_id)
    username: Mapped[str] = mapped_column(String(100), unique=True)
    full_name: Mapped[str] = mapped_column(String(200), default="")
    password_hash: Mapped[str] = mapped_column(String(200))
    disabled: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    roles: Mapped[list[UserRole]] = relationship(
        cascade="all, delete-orphan", lazy="selectin", order_by="UserRole.role"
    )

    @property
    def role_names(self) -> list[str]:
        return [r.role for r in self.roles]


class UserRole(Base):
    __tablename__ = "user_roles"

    user_id: Mapped[str] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), primary_key=True
    )
    role: Mapped[str] = mapped_column(String(20), primary_key=True)


class Device(Base):
    __tablename__ = "devices"

    id: Mapped[str] = mapped_column(String(32), primary_key=True, default=new_id)
    user_id: Mapped[str] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    public_key: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)

    __table_args__ = (UniqueConstraint("user_id", "public_key", name="uq_device_user_key"),)


class Token(Base):
    __tablename__ = "tokens"

    token_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    user_id: Mapped[str] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    device_id: Mapped[str] = mapped_column(ForeignKey("devices.id", ondelete="CASCADE"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime)
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)


class LoginFailure(Base):
    __tablename__ = "login_failures"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    username: Mapped[str] = mapped_column(String(100), index=True)
    address: Mapped[str] = mapped_column(String(64), index=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)


class Meeting(Base):
    __tablename__ = "meetings"

    id: Mapped[str] = mapped_column(String(32), primary_key=True, default=new_id)
    title: Mapped[str] = mapped_column(String(500))
    starts_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    location: Mapped[str] = mapped_column(String(500), default="")
    video_url: Mapped[str] = mapped_column(String(2000), default="")
    bridge_sites: Mapped[list[str]] = mapped_column(JSON, default=list)
    offline_until: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    draft_agenda: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    # The version of the newest published packet; publishing bumps it with a conditional
    # UPDATE, which is also the lock that keeps two concurrent publishes apart.
    packet_version: Mapped[int] = mapped_column(Integer, default=0)
    # Optimistic concurrency of the draft (facts, participants, agenda): every change bumps
    # the revision with a conditional UPDATE, and says who made it and what it was, so that
    # an edit based on an older revision can be refused with a message a person understands.
    draft_revision: Mapped[int] = mapped_column(Integer, default=1, server_default="1")
    draft_changed_by: Mapped[str] = mapped_column(String(200), default="", server_default="")
    draft_changed_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    draft_change: Mapped[str] = mapped_column(Text, default="", server_default="")
    created_by: Mapped[str] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    participants: Mapped[list[Participant]] = relationship(
        cascade="all, delete-orphan", lazy="selectin"
    )


class Participant(Base):
    __tablename__ = "participants"

    meeting_id: Mapped[str] = mapped_column(
        ForeignKey("meetings.id", ondelete="CASCADE"), primary_key=True
    )
    user_id: Mapped[str] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    role: Mapped[str] = mapped_column(String(20))


class FormerParticipant(Base):
    """Someone taken off a meeting after a packet was published to them.

    They are told plainly that they are no longer a participant (403), rather than that
    the meeting does not exist; re-adding them removes the row.
    """

    __tablename__ = "former_participants"

    meeting_id: Mapped[str] = mapped_column(
        ForeignKey("meetings.id", ondelete="CASCADE"), primary_key=True
    )
    user_id: Mapped[str] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), primary_key=True
    )
    removed_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class Delivery(Base):
    """The newest packet version a participant's device acknowledged holding completely."""

    __tablename__ = "deliveries"

    meeting_id: Mapped[str] = mapped_column(
        ForeignKey("meetings.id", ondelete="CASCADE"), primary_key=True
    )
    user_id: Mapped[str] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), primary_key=True
    )
    device_id: Mapped[str] = mapped_column(
        ForeignKey("devices.id", ondelete="CASCADE"), primary_key=True
    )
    packet_version: Mapped[int] = mapped_column(Integer)
    delivered_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class MeetingDocument(Base):
    """A document uploaded to a meeting's draft; its bytes live in the blob store."""

    __tablename__ = "meeting_documents"

    meeting_id: Mapped[str] = mapped_column(
        ForeignKey("meetings.id", ondelete="CASCADE"), primary_key=True
    )
    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    title: Mapped[str] = mapped_column(String(500))
    filename: Mapped[str] = mapped_column(String(500), default="")
    size: Mapped[int] = mapped_column(Integer)
    pages: Mapped[int] = mapped_column(Integer)
    uploaded_by: Mapped[str] = mapped_column(ForeignKey("users.id"))
    uploaded_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class PacketRow(Base):
    """An immutable published packet version; ``snapshot`` is its canonical JSON."""

    __tablename__ = "packets"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    meeting_id: Mapped[str] = mapped_column(ForeignKey("meetings.id", ondelete="CASCADE"))
    version: Mapped[int] = mapped_column(Integer)
    note: Mapped[str] = mapped_column(Text, default="")
    published_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    published_by: Mapped[str] = mapped_column(ForeignKey("users.id"))
    snapshot: Mapped[str] = mapped_column(Text)

    __table_args__ = (UniqueConstraint("meeting_id", "version", name="uq_packet_version"),)


class PacketDocument(Base):
    """Which blobs a packet references: the index behind the blob access check."""

    __tablename__ = "packet_documents"

    packet_id: Mapped[int] = mapped_column(
        ForeignKey("packets.id", ondelete="CASCADE"), primary_key=True
    )
    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)

    __table_args__ = (Index("ix_packet_documents_sha256", "sha256"),)


class AuditEntry(Base):
    __tablename__ = "audit_log"

    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    at: Mapped[str] = mapped_column(String(40))
    actor: Mapped[str | None] = mapped_column(String(100), nullable=True)
    action: Mapped[str] = mapped_column(String(60))
    subject: Mapped[str | None] = mapped_column(String(200), nullable=True)
    details: Mapped[str] = mapped_column(Text)
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))


class AuditHead(Base):
    """One row naming the chain's tip; appenders lock it by updating it first."""

    __tablename__ = "audit_head"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    seq: Mapped[int] = mapped_column(Integer)
    hash: Mapped[str] = mapped_column(String(64))


class IdempotentRequest(Base):
    """The answer to a request sent with an ``Idempotency-Key``, replayed to a repeat."""

    __tablename__ = "idempotent_requests"

    user_id: Mapped[str] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), primary_key=True
    )
    key: Mapped[str] = mapped_column(String(100), primary_key=True)
    method: Mapped[str] = mapped_column(String(10))
    path: Mapped[str] = mapped_column(String(500))
    # SHA-256 of the request body: the same key with another body is refused.
    request_hash: Mapped[str] = mapped_column(String(64))
    # 0 while the first request is still being handled (the claim), then its status.
    status: Mapped[int] = mapped_column(Integer)
    body: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)


class Attendance(Base):
    """Who is at the meeting, and where: ``room``, ``online`` or one of its bridge sites."""

    __tablename__ = "attendance"

    meeting_id: Mapped[str] = mapped_column(
        ForeignKey("meetings.id", ondelete="CASCADE"), primary_key=True
    )
    user_id: Mapped[str] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), primary_key=True
    )
    present: Mapped[bool] = mapped_column(Boolean)
    site: Mapped[str] = mapped_column(String(200))
    recorded_by: Mapped[str] = mapped_column(ForeignKey("users.id"))
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class Proxy(Base):
    """A participant's vote for the meeting handed to another (at most one holder each)."""

    __tablename__ = "proxies"

    meeting_id: Mapped[str] = mapped_column(
        ForeignKey("meetings.id", ondelete="CASCADE"), primary_key=True
    )
    delegator_id: Mapped[str] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), primary_key=True
    )
    holder_id: Mapped[str] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class MeetingLive(Base):
    """The live state of a meeting and the counter behind its event sequence numbers.

    Events are numbered by updating ``last_seq`` in the transaction that makes the change:
    the row lock orders the events of one meeting across server processes, and a rolled-back
    change leaves no gap.
    """

    __tablename__ = "meeting_live"

    meeting_id: Mapped[str] = mapped_column(
        ForeignKey("meetings.id", ondelete="CASCADE"), primary_key=True
    )
    last_seq: Mapped[int] = mapped_column(Integer, default=0)
    current_item_id: Mapped[str | None] = mapped_column(String(32), nullable=True)
    presented_sha256: Mapped[str | None] = mapped_column(String(64), nullable=True)
    presented_page: Mapped[int | None] = mapped_column(Integer, nullable=True)


class LiveEvent(Base):
    """One event of a meeting's stream, kept so that a reconnecting client can catch up."""

    __tablename__ = "live_events"

    meeting_id: Mapped[str] = mapped_column(
        ForeignKey("meetings.id", ondelete="CASCADE"), primary_key=True
    )
    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    kind: Mapped[str] = mapped_column(String(40))
    data: Mapped[str] = mapped_column(Text)
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class Motion(Base):
    """A motion on an agenda item; ``result`` holds the signed result record once closed."""

    __tablename__ = "motions"

    id: Mapped[str] = mapped_column(String(32), primary_key=True, default=new_id)
    meeting_id: Mapped[str] = mapped_column(
        ForeignKey("meetings.id", ondelete="CASCADE"), index=True
    )
    agenda_item_id: Mapped[str] = mapped_column(String(32))
    title: Mapped[str] = mapped_column(String(500))
    text: Mapped[str] = mapped_column(Text, default="")
    options: Mapped[list[str]] = mapped_column(JSON)
    secret: Mapped[bool] = mapped_column(Boolean, default=False)
    majority: Mapped[str] = mapped_column(String(30))
    quorum_numerator: Mapped[int] = mapped_column(Integer)
    quorum_denominator: Mapped[int] = mapped_column(Integer)
    # Weight of a voter by user id; voters not named weigh 1.
    weights: Mapped[dict[str, int]] = mapped_column(JSON, default=dict)
    state: Mapped[str] = mapped_column(String(10), default="draft")
    created_by: Mapped[str] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    opened_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    result: Mapped[str | None] = mapped_column(Text, nullable=True)


class MotionVoter(Base):
    """*That* a voter voted on a motion: the primary key is the one-ballot-per-voter rule.

    For a secret ballot ``choice`` stays NULL and the row holds nothing else that could be
    matched with a choice: no time, no sequence, no id but the voter's.  What was chosen goes
    into :class:`MotionTally` counters, which keep no order either.
    """

    __tablename__ = "motion_voters"

    motion_id: Mapped[str] = mapped_column(
        ForeignKey("motions.id", ondelete="CASCADE"), primary_key=True
    )
    voter_id: Mapped[str] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), primary_key=True
    )
    cast_by: Mapped[str] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    weight: Mapped[int] = mapped_column(Integer)
    # Open (named) ballots only.
    choice: Mapped[str | None] = mapped_column(String(100), nullable=True)


class MotionTally(Base):
    """The running total of weight per option: *what* was chosen, never by whom."""

    __tablename__ = "motion_tallies"

    motion_id: Mapped[str] = mapped_column(
        ForeignKey("motions.id", ondelete="CASCADE"), primary_key=True
    )
    option: Mapped[str] = mapped_column(String(100), primary_key=True)
    weight: Mapped[int] = mapped_column(Integer, default=0)


class AnnotationBackup(Base):
    """One item of a user's end-to-end encrypted annotation backup: ciphertext only.

    The server cannot read it: the key is the user's recovery key, never sent.  ``item``
    names what it holds (``check``, ``keys/<key id>``, ``notes/<note id>/<revision>``) so a
    device can restore everything and upload only what is new; revisions never change.
    """

    __tablename__ = "annotation_backups"

    user_id: Mapped[str] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), primary_key=True
    )
    item: Mapped[str] = mapped_column(String(80), primary_key=True)
    ciphertext: Mapped[str] = mapped_column(Text)
    stored_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
