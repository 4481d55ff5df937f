"""Who may see, and vote on, a motion on a confidential agenda item.

The rule is the manifest's (:func:`ecabinet.core.packet.item_clearances`): a motion on an item
is seen by whoever sees the item in the newest packet (the draft before the first publish),
that is, by the meeting's acting secretaries and by those cleared for the item and every
confidential item above it.  A chair is not let in by being chair: one the secretary did not
clear does not see the item's documents, and does not see its motions either.

A motion whose item is no longer on the agenda is treated as restricted to nobody but the
secretaries: its item's clearance is unknown, so nothing is shown that might have been
confidential (putting the item back, with its id, shows the motion again).

Clearances of a published packet never change (the packet is immutable), so they are kept
by (meeting, version) for the process; the ballot writer asks for them with every ballot.
"""

from __future__ import annotations

import json
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from threading import Lock
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from ecabinet.core.packet import AgendaNode, item_clearances
from ecabinet.server.models import Meeting, PacketRow

# Everyone sees the item (it is neither confidential nor under a confidential item).
PUBLIC: None = None


@dataclass(frozen=True)
class ItemAccess:
    """The restricted items of one meeting's newest agenda and who is cleared for each."""

    restricted: dict[str, frozenset[str]]
    known: frozenset[str]

    def cleared(self, item_id: str) -> frozenset[str] | None:
        """Who (besides secretaries) may see ``item_id``; ``None`` when everyone may."""
        if item_id not in self.known:
            return frozenset()
        return self.restricted.get(item_id, PUBLIC)

    def may_see(self, item_id: str, user_id: str, role: str) -> bool:
        """``role`` is the caller's effective role (:func:`meetings.effective_role`)."""
        return may_see(self.cleared(item_id), user_id, role)


def may_see(cleared: frozenset[str] | None, user_id: str, role: str) -> bool:
    return role == "secretary" or cleared is None or user_id in cleared


def access_of(nodes: tuple[AgendaNode, ...]) -> ItemAccess:
    known = frozenset(node.id for top in nodes for node in top.walk())
    return ItemAccess(item_clearances(nodes), known)


def draft_access(draft: list[dict[str, Any]] | None) -> ItemAccess:
    return access_of(tuple(AgendaNode.from_snapshot(d) for d in draft or []))


class ClearanceCache:
    """Item access of published packets by (meeting id, packet version), and of drafts by
    their JSON text (the ballot writer reads a draft as text: no parsing per ballot)."""

    def __init__(self, capacity: int = 256, draft_capacity: int = 32) -> None:
        self._items: OrderedDict[tuple[str, int], ItemAccess] = OrderedDict()
        self._drafts: OrderedDict[str, ItemAccess] = OrderedDict()
        self._capacity = capacity
        self._draft_capacity = draft_capacity
        self._lock = Lock()

    def draft_text(self, text: str | None) -> ItemAccess:
        """The access of a draft agenda given as its stored JSON text."""
        key = text or "[]"
        with self._lock:
            hit = self._drafts.get(key)
            if hit is not None:
                self._drafts.move_to_end(key)
                return hit
        found = draft_access(json.loads(key))
        with self._lock:
            self._drafts[key] = found
            while len(self._drafts) > self._draft_capacity:
                self._drafts.popitem(last=False)
        return found

    def packet(
        self, meeting_id: str, version: int, snapshot: Callable[[], str | None]
    ) -> ItemAccess:
        """The access of packet ``version``; ``snapshot`` reads its JSON on a miss only."""
        key = (meeting_id, version)
        with self._lock:
            hit = self._items.get(key)
            if hit is not None:
                self._items.move_to_end(key)
                return hit
        text = snapshot()
        if text is None:  # not visible to this transaction: nothing known, nothing kept
            return ItemAccess({}, frozenset())
        data = json.loads(text)
        found = access_of(tuple(AgendaNode.from_snapshot(i) for i in data.get("agenda", ())))
        with self._lock:
            self._items[key] = found
            while len(self._items) > self._capacity:
                self._items.popitem(last=False)
        return found

    def for_meeting(self, session: Session, meeting: Meeting) -> ItemAccess:
        """The access of the meeting's newest packet, or of its draft before any."""
        return self.current(session, meeting.id, meeting.packet_version, meeting.draft_agenda)

    def current(
        self,
        session: Session,
        meeting_id: str,
        version: int,
        draft: list[dict[str, Any]] | None,
    ) -> ItemAccess:
        if not version:
            return draft_access(draft)

        def load() -> str | None:
            return session.scalar(
                select(PacketRow.snapshot).where(
                    PacketRow.meeting_id == meeting_id, PacketRow.version == version
                )
            )

        return self.packet(meeting_id, version, load)
