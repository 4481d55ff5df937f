"""The profile's local database: meetings, packet versions, documents, outbox.

SQLite through SQLAlchemy, schema by Alembic (``migrations/client``) applied on open.  The
packets table keeps each manifest exactly as the server signed it, so every signature can be
checked again offline (``ecabinet check``).
"""

from __future__ import annotations

from contextlib import AbstractContextManager
from datetime import datetime
from pathlib import Path

from sqlalchemy import ForeignKey, Integer, String, Text
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column

from ecabinet.sqlkit import SessionFactory, UTCDateTime, sqlite_engine, upgrade, utcnow

__all__ = [
    "AnnotationNote",
    "AnnotationRevision",
    "Base",
    "DocumentRow",
    "MeetingRow",
    "OutboxEntry",
    "PacketVersion",
    "SearchDocument",
    "SearchPage",
    "Setting",
    "Store",
    "TrustedKey",
    "utcnow",
]


class Base(DeclarativeBase):
    pass


class Setting(Base):
    """Profile facts: server URL, user, device, pinned server key."""

    __tablename__ = "settings"

    name: Mapped[str] = mapped_column(String(100), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class MeetingRow(Base):
    __tablename__ = "meetings"

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    title: Mapped[str] = mapped_column(Text, default="")
    starts_at: Mapped[str] = mapped_column(String(40), default="")
    current_version: Mapped[int | None] = mapped_column(Integer, nullable=True)
    previous_version: Mapped[int | None] = mapped_column(Integer, nullable=True)
    # The version the delegate last opened and took in; while an older one than the current,
    # "what changed" is shown from it, and sync keeps it and its documents.
    seen_version: Mapped[int | None] = mapped_column(Integer, nullable=True)
    etag: Mapped[str | None] = mapped_column(String(100), nullable=True)
    offline_until: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    last_synced_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    last_error: Mapped[str | None] = mapped_column(Text, nullable=True)


class PacketVersion(Base):
    """A manifest as received: ``state`` is ``pending`` until all its documents are in."""

    __tablename__ = "packets"

    meeting_id: Mapped[str] = mapped_column(String(32), primary_key=True)
    version: Mapped[int] = mapped_column(Integer, primary_key=True)
    record: Mapped[str] = mapped_column(Text)
    state: Mapped[str] = mapped_column(String(10), default="pending")
    received_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class DocumentRow(Base):
    """A document the vault holds or should hold; ``damaged`` ones are fetched again."""

    __tablename__ = "documents"

    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    size: Mapped[int] = mapped_column(Integer)
    damaged: Mapped[bool] = mapped_column(default=False)
    stored_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)


class OutboxEntry(Base):
    """An action waiting for the network, replayed in ``id`` order, each exactly once."""

    __tablename__ = "outbox"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    key: Mapped[str] = mapped_column(String(32), unique=True)
    method: Mapped[str] = mapped_column(String(10))
    path: Mapped[str] = mapped_column(Text)
    body: Mapped[str] = mapped_column(Text, default="{}")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    done_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    result: Mapped[str | None] = mapped_column(Text, nullable=True)


class SearchDocument(Base):
    """A document whose text is in the search index (``error``: why it has none).

    Removed with its document (foreign key), which takes its pages out of the index.
    """

    __tablename__ = "search_documents"

    sha256: Mapped[str] = mapped_column(
        String(64), ForeignKey("documents.sha256", ondelete="CASCADE"), primary_key=True
    )
    pages: Mapped[int] = mapped_column(Integer)
    error: Mapped[str | None] = mapped_column(Text, nullable=True)
    indexed_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class SearchPage(Base):
    """The text of one page (0-based ``page``); triggers feed it to the two FTS5 indexes."""

    __tablename__ = "search_pages"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    sha256: Mapped[str] = mapped_column(
        String(64), ForeignKey("search_documents.sha256", ondelete="CASCADE")
    )
    page: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)


class AnnotationRevision(Base):
    """One signed revision of a note, as the canonical JSON that was signed, and its seal."""

    __tablename__ = "annotation_revisions"

    note_id: Mapped[str] = mapped_column(String(32), primary_key=True)
    revision: Mapped[int] = mapped_column(Integer, primary_key=True)
    record: Mapped[str] = mapped_column(Text)
    seal: Mapped[str] = mapped_column(String(64))
    backed_up: Mapped[bool] = mapped_column(default=False)  # queued for the encrypted backup


class AnnotationNote(Base):
    """Where a note is now; ``orphaned_by``: the document that replaced its own, when the note
    could not be placed on it (it stays on the old version, shown with a banner)."""

    __tablename__ = "annotation_notes"

    note_id: Mapped[str] = mapped_column(String(32), primary_key=True)
    document: Mapped[str] = mapped_column(String(64))
    page: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(16))
    deleted: Mapped[bool] = mapped_column(default=False)
    orphaned_by: Mapped[str | None] = mapped_column(String(64), nullable=True)
    updated_at: Mapped[str] = mapped_column(String(40))
    revision: Mapped[int] = mapped_column(Integer)  # the latest
    head_seal: Mapped[str] = mapped_column(String(64))  # over the latest revision and state


class TrustedKey(Base):
    """A device key whose notes this profile trusts (its own, the user's other devices)."""

    __tablename__ = "trusted_keys"

    key_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    public_key: Mapped[str] = mapped_column(String(64))
    label: Mapped[str] = mapped_column(Text, default="")


class Store:
    """The profile database; one per profile directory."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.engine = sqlite_engine(f"sqlite:///{path}")
        upgrade(self.engine, "client")
        self._units = SessionFactory(self.engine)

    def session(self) -> AbstractContextManager[Session]:
        """One unit of work, committed on success and rolled back on any error."""
        return self._units.session()

    def get_setting(self, name: str) -> str | None:
        with self.session() as session:
            row = session.get(Setting, name)
            return row.value if row else None

    def set_setting(self, name: str, value: str) -> None:
        with self.session() as session:
            session.merge(Setting(name=name, value=value))

    def close(self) -> None:
        self.engine.dispose()
