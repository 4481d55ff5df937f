"""Ballot receipts kept in the profile, so a delegate can prove later that their vote counted.

A receipt is the server's signed record (API.md) stored exactly as received; ``ecabinet
check`` and ``ecabinet verify`` can check it again offline against the pinned server key.
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from sqlalchemy import String, Text, select
from sqlalchemy.orm import Mapped, mapped_column

from ecabinet.client.store import Base, Store
from ecabinet.sqlkit import UTCDateTime, utcnow


class ReceiptRow(Base):
    """One accepted ballot: for the voter themselves, or for a member whose proxy they hold."""

    __tablename__ = "receipts"

    motion_id: Mapped[str] = mapped_column(String(32), primary_key=True)
    voter_id: Mapped[str] = mapped_column(String(32), primary_key=True)
    meeting_id: Mapped[str] = mapped_column(String(32), index=True)
    record: Mapped[str] = mapped_column(Text)
    stored_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


def save_receipt(store: Store, record: dict[str, Any]) -> None:
    """Keep a signed receipt (a repeat of the same ballot's receipt replaces it)."""
    inner = record["receipt"]
    with store.session() as session:
        session.merge(
            ReceiptRow(
                motion_id=str(inner["motion_id"]),
                voter_id=str(inner["voter_id"]),
                meeting_id=str(inner["meeting_id"]),
                record=json.dumps(record, ensure_ascii=False, sort_keys=True),
            )
        )


def receipts_for(store: Store, motion_id: str) -> list[dict[str, Any]]:
    """The receipts kept for one motion, as the server signed them."""
    with store.session() as session:
        rows = session.scalars(select(ReceiptRow).where(ReceiptRow.motion_id == motion_id))
        return [json.loads(r.record) for r in rows]
