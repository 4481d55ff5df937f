"""Appending to and reading the hash-chained audit log."""

from __future__ import annotations

import functools
import json
from collections.abc import Generator, Iterator
from contextlib import closing
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import bindparam, select, update
from sqlalchemy.orm import Session

from ecabinet.core.auditchain import AuditRecord, ChainBreak, entry_hash, verify_chain
from ecabinet.core.canonical import canonical_json, normalise
from ecabinet.server import bulk
from ecabinet.server.models import AuditEntry, AuditHead

# Built once (the ballot path appends an entry per ballot).
_BUMP_HEAD = (
    update(AuditHead)
    .where(AuditHead.id == 1)
    .values(seq=AuditHead.seq + 1)
    .returning(AuditHead.seq, AuditHead.hash)
)
_SET_HEAD_HASH = update(AuditHead).where(AuditHead.id == 1).values(hash=bindparam("digest"))
_BUMP_HEAD_BY = (
    update(AuditHead)
    .where(AuditHead.id == 1)
    .values(seq=AuditHead.seq + bindparam("count"))
    .returning(AuditHead.seq, AuditHead.hash)
)
_ENTRY_COLUMNS = [
    AuditEntry.seq,
    AuditEntry.at,
    AuditEntry.actor,
    AuditEntry.action,
    AuditEntry.subject,
    AuditEntry.details,
    AuditEntry.prev_hash,
    AuditEntry.hash,
]


@functools.cache
def _insert_entries(dialect: str) -> tuple[bulk.RowInsert, Any]:
    """The batch's entries and the head's new hash: on PostgreSQL one statement (the insert
    as a CTE of the head's update), on SQLite an insert and an update."""
    entries = bulk.RowInsert(AuditEntry, _ENTRY_COLUMNS, dialect)
    if dialect == "postgresql":
        return entries, _SET_HEAD_HASH.add_cte(entries.statement.cte("entries"))
    return entries, None


def append_audit(
    *,
    session: Session,
    action: str,
    actor: str | None = None,
    subject: str | None = None,
    details: dict[str, Any] | None = None,
) -> AuditEntry:
    """Add an entry in the caller's transaction, so the entry and the change commit together.

    The head row is updated *before* it is read: on PostgreSQL that takes a row lock and on
    SQLite the write lock, so concurrent appenders queue instead of forking the chain.
    """
    seq, prev_hash = session.execute(_BUMP_HEAD).one()
    record = AuditRecord(
        seq=seq,
        at=datetime.now(UTC).isoformat(timespec="microseconds"),
        actor=actor,
        action=action,
        subject=subject,
        details=json.loads(canonical_json(details or {})),
        prev_hash=prev_hash,
    )
    digest = entry_hash(record)
    entry = AuditEntry(
        seq=record.seq,
        at=record.at,
        actor=actor,
        action=action,
        subject=subject,
        details=canonical_json(record.details).decode("utf-8"),
        prev_hash=record.prev_hash,
        hash=digest,
    )
    session.execute(_SET_HEAD_HASH, {"digest": digest})
    session.add(entry)
    return entry


def append_audit_batch(*, session: Session, entries: list[dict[str, Any]]) -> None:
    """Add several entries (each the keyword arguments of :func:`append_audit`) at once.

    One bump of the head for all of them and one multi-row insert: the ballot writer
    audits a whole batch of ballots without a round trip per entry.
    """
    if not entries:
        return
    # Plain statements on the connection: the ORM's bulk paths cost more than the database's
    # work on a batch of a few hundred ballots.
    conn = session.connection()
    last, prev_hash = conn.execute(_BUMP_HEAD_BY, {"count": len(entries)}).one()
    at = datetime.now(UTC).isoformat(timespec="microseconds")
    rows = []
    for offset, entry in enumerate(entries):
        details = normalise(entry.get("details") or {})
        record = AuditRecord(
            seq=last - len(entries) + 1 + offset,
            at=at,
            actor=entry.get("actor"),
            action=entry["action"],
            subject=entry.get("subject"),
            details=details,
            prev_hash=prev_hash,
        )
        prev_hash = entry_hash(record)
        rows.append(
            {
                "seq": record.seq,
                "at": record.at,
                "actor": record.actor,
                "action": record.action,
                "subject": record.subject,
                "details": canonical_json(details).decode("utf-8"),
                "prev_hash": record.prev_hash,
                "hash": prev_hash,
            }
        )
    add, with_head = _insert_entries(conn.dialect.name)
    params = add.params(rows)
    if with_head is not None:
        conn.execute(with_head, {**params, "digest": prev_hash})
    else:
        conn.execute(add.statement, params)
        conn.execute(_SET_HEAD_HASH, {"digest": prev_hash})


def _records(session: Session) -> Generator[AuditRecord, None, None]:
    result = session.execute(
        select(AuditEntry).order_by(AuditEntry.seq).execution_options(yield_per=1000)
    )
    try:
        for row in result.scalars():
            try:
                details = json.loads(row.details)
            except ValueError:
                details = {"unreadable": row.details}
            yield AuditRecord(
                seq=row.seq,
                at=row.at,
                actor=row.actor,
                action=row.action,
                subject=row.subject,
                details=details,
                prev_hash=row.prev_hash,
                hash=row.hash,
            )
    finally:
        # The chain check may stop early; release the server-side cursor at once.
        result.close()


def verify_audit_log(session: Session) -> tuple[int, ChainBreak | None]:
    """Check the chain up to the head as it stands when the check starts.

    Entries appended while the check runs (a live server) are left for the next check; the
    head is read first so that they are never mistaken for tampering.

    Returns:
        The number of entries read, and the first break (``None`` when the chain is whole).
    """
    head = session.get(AuditHead, 1)
    limit = head.seq if head is not None else 0
    count = 0
    tip: AuditRecord | None = None

    def counted(records: Iterator[AuditRecord]) -> Iterator[AuditRecord]:
        nonlocal count, tip
        for record in records:
            if record.seq > limit:
                return
            count += 1
            tip = record
            yield record

    with closing(_records(session)) as records:
        broken = verify_chain(counted(records))
    if broken is not None:
        return count, broken
    if head is not None and (count != limit or (tip is not None and head.hash != tip.hash)):
        return count, ChainBreak(count + 1, "the newest entries were removed")
    return count, None
