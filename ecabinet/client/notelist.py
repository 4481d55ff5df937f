"""The notes of a document or of a whole meeting, as the notes panel lists them.

A meeting's notes are those on the documents of its current packet and on the older
versions still on this device — where notes stay that could not be placed on a new version
(orphaned).  Each carries its document's title and whether that document is current, so
the panel can open the right version.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ecabinet.client.annotations import AnnotationBook, LoadedNote
from ecabinet.client.profile import Profile

__all__ = ["ListedNote", "list_notes"]


@dataclass(frozen=True)
class ListedNote:
    """A note with where it is: the meeting, its document's title, current or older."""

    loaded: LoadedNote
    meeting_id: str
    title: str
    current: bool  # on a document of the meeting's current packet


def list_notes(
    profile: Profile, book: AnnotationBook, meeting_id: str, document: str | None = None
) -> list[ListedNote]:
    """The notes of ``document`` (or of every version of every document of the meeting):
    current documents first in agenda order, then older versions; page order within each."""
    manifest = profile.manifest(meeting_id, first_arriving=True) or {}
    current = _agenda_order(manifest.get("agenda", []), manifest.get("documents", {}))
    titles = profile.kept_documents(meeting_id)
    if document is not None:
        wanted = [document]
    else:
        older = [sha for sha in titles if sha not in current]
        wanted = current + sorted(older, key=lambda sha: titles[sha])
    listed = []
    for sha in wanted:
        title = titles.get(sha, "")
        for loaded in book.notes(sha):
            listed.append(ListedNote(loaded, meeting_id, title, sha in current))
    return listed


def _agenda_order(agenda: list[dict[str, Any]], documents: dict[str, Any]) -> list[str]:
    """The documents in the order the agenda lists them (manifests keep them sorted by hash)."""
    ordered: dict[str, None] = {}

    def walk(items: list[dict[str, Any]]) -> None:
        for item in items:
            ordered.update(dict.fromkeys(d for d in item.get("documents") or [] if d in documents))
            walk(item.get("children") or [])

    walk(agenda)
    ordered.update(dict.fromkeys(documents))
    return list(ordered)
