"""Published packets and the manifest each participant may see.

A packet is one immutable published version of a meeting: facts, agenda tree and documents.
The manifest is that packet as one participant may see it.  Confidential items the recipient
is not cleared for are *absent*, with their documents, and not merely flagged: a client that
never receives a thing cannot leak it.  The server uses :func:`visible_documents` to decide
who may download a blob, so the manifest and the blob check can never disagree.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

MANIFEST_FORMAT = 1
PDF_MEDIA_TYPE = "application/pdf"


@dataclass(frozen=True)
class DocumentInfo:
    """What a manifest says of one document; the bytes are addressed by SHA-256."""

    title: str
    size: int
    pages: int
    media_type: str = PDF_MEDIA_TYPE

    def to_json(self) -> dict[str, Any]:
        return {
            "title": self.title,
            "size": self.size,
            "pages": self.pages,
            "media_type": self.media_type,
        }


@dataclass(frozen=True)
class AgendaNode:
    """One agenda item; ``cleared`` lists who may see it when ``confidential`` is set."""

    id: str
    title: str
    number: str = ""
    presenter: str = ""
    duration_min: int = 0
    documents: tuple[str, ...] = ()
    confidential: bool = False
    cleared: frozenset[str] = frozenset()
    children: tuple[AgendaNode, ...] = ()

    def walk(self) -> Iterator[AgendaNode]:
        """This item and every item below it, depth first."""
        yield self
        for child in self.children:
            yield from child.walk()

    def to_snapshot(self) -> dict[str, Any]:
        """Storage form, including the clearance list (never sent to delegates)."""
        return {
            "id": self.id,
            "number": self.number,
            "title": self.title,
            "presenter": self.presenter,
            "duration_min": self.duration_min,
            "documents": list(self.documents),
            "confidential": self.confidential,
            "cleared": sorted(self.cleared),
            "children": [c.to_snapshot() for c in self.children],
        }

    @classmethod
    def from_snapshot(cls, data: dict[str, Any]) -> AgendaNode:
        return cls(
            id=data["id"],
            number=data.get("number", ""),
            title=data["title"],
            presenter=data.get("presenter", ""),
            duration_min=int(data.get("duration_min", 0)),
            documents=tuple(data.get("documents", ())),
            confidential=bool(data.get("confidential", False)),
            cleared=frozenset(data.get("cleared", ())),
            children=tuple(cls.from_snapshot(c) for c in data.get("children", ())),
        )


def number_agenda(items: Iterable[AgendaNode], prefix: str = "") -> tuple[AgendaNode, ...]:
    """Number items by their place in the whole tree: 1, 2, 2.1, 2.2 ...

    Numbers come from the full agenda, so "item 3" means the same thing to a delegate who does
    not see item 2 as to one who does.
    """
    numbered = []
    for index, item in enumerate(items, start=1):
        number = f"{prefix}{index}"
        numbered.append(
            AgendaNode(
                id=item.id,
                title=item.title,
                number=number,
                presenter=item.presenter,
                duration_min=item.duration_min,
                documents=item.documents,
                confidential=item.confidential,
                cleared=item.cleared,
                children=number_agenda(item.children, prefix=f"{number}."),
            )
        )
    return tuple(numbered)


@dataclass(frozen=True)
class Recipient:
    """Who a manifest is for.  ``sees_all`` is set for the meeting's secretaries."""

    user_id: str
    sees_all: bool = False

    def may_see(self, item: AgendaNode) -> bool:
        return self.sees_all or not item.confidential or self.user_id in item.cleared


@dataclass(frozen=True)
class Packet:
    """One published version of a meeting."""

    meeting: dict[str, Any]
    version: int
    published_at: str
    note: str
    agenda: tuple[AgendaNode, ...]
    documents: dict[str, DocumentInfo]
    offline_until: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    def to_snapshot(self) -> dict[str, Any]:
        return {
            "meeting": self.meeting,
            "version": self.version,
            "published_at": self.published_at,
            "note": self.note,
            "offline_until": self.offline_until,
            "agenda": [item.to_snapshot() for item in self.agenda],
            "documents": {h: d.to_json() for h, d in self.documents.items()},
        }

    @classmethod
    def from_snapshot(cls, data: dict[str, Any]) -> Packet:
        return cls(
            meeting=data["meeting"],
            version=int(data["version"]),
            published_at=data["published_at"],
            note=data.get("note", ""),
            offline_until=data.get("offline_until"),
            agenda=tuple(AgendaNode.from_snapshot(i) for i in data.get("agenda", ())),
            documents={h: DocumentInfo(**d) for h, d in data.get("documents", {}).items()},
        )


def _visible_items(items: Iterable[AgendaNode], who: Recipient) -> list[AgendaNode]:
    # A hidden item hides its whole subtree: children of a confidential item are confidential.
    return [item for item in items if who.may_see(item)]


def _manifest_item(item: AgendaNode, who: Recipient) -> dict[str, Any]:
    return {
        "id": item.id,
        "number": item.number,
        "title": item.title,
        "presenter": item.presenter,
        "duration_min": item.duration_min,
        "documents": list(item.documents),
        "confidential": item.confidential,
        "children": [_manifest_item(c, who) for c in _visible_items(item.children, who)],
    }


def visible_documents(packet: Packet, who: Recipient) -> set[str]:
    """The hashes of every document attached to an item ``who`` may see."""
    seen: set[str] = set()
    stack = _visible_items(packet.agenda, who)
    while stack:
        item = stack.pop()
        seen.update(item.documents)
        stack.extend(_visible_items(item.children, who))
    return seen


def item_clearances(agenda: Iterable[AgendaNode]) -> dict[str, frozenset[str]]:
    """Who, besides a secretary, may see each item that not everyone may see.

    An item is restricted when it or an item above it is confidential, and then only those
    cleared for every confidential item on the way down see it: exactly the items that
    :func:`build_manifest` leaves out of an uncleared participant's manifest.  Items absent
    from the result are seen by every participant.  The server decides who sees a motion on
    an item with this, so a motion and its item can never disagree.
    """
    found: dict[str, frozenset[str]] = {}

    def walk(items: Iterable[AgendaNode], above: frozenset[str] | None) -> None:
        for item in items:
            limit = above
            if item.confidential:
                limit = item.cleared if limit is None else limit & item.cleared
            if limit is not None:
                found[item.id] = limit
            walk(item.children, limit)

    walk(agenda, None)
    return found


def build_manifest(packet: Packet, who: Recipient) -> dict[str, Any]:
    """The unsigned manifest of ``packet`` for ``who``, in the shape API.md fixes."""
    docs = visible_documents(packet, who)
    return {
        "format": MANIFEST_FORMAT,
        "meeting": packet.meeting,
        "packet_version": packet.version,
        "published_at": packet.published_at,
        "note": packet.note,
        "recipient": who.user_id,
        "offline_until": packet.offline_until,
        "agenda": [_manifest_item(i, who) for i in _visible_items(packet.agenda, who)],
        "documents": {h: packet.documents[h].to_json() for h in sorted(docs)},
    }
