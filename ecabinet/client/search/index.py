"""Answering search queries from the profile's FTS5 index.

A query runs against the folded index (``hop khong giay`` finds *họp không giấy*) and, in
the same statement, against the exact one: pages whose words match the query's marks
exactly come first, then by BM25.  In exact mode only the exact index is asked.

Only documents of each meeting's current packet are searched (a previous version is kept on
the device for "what changed" views, not for search), and a meeting whose offline period has
ended is left out until the next sync, as its documents are.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field

from sqlalchemy import func, select, text
from sqlalchemy.orm import Session

from ecabinet.client.profile import MeetingLocked, Profile, ProfileError
from ecabinet.client.store import SearchDocument
from ecabinet.core.textfold import Query, Snippet, make_snippet, parse_query

__all__ = ["DEFAULT_LIMIT", "SearchHit", "SearchIndex", "SearchResult"]

DEFAULT_LIMIT = 100

_FOLDED = text(
    """
    SELECT p.sha256, p.page, p.text,
           p.id IN (SELECT rowid FROM search_exact WHERE search_exact MATCH :exact_query)
               AS exact
    FROM search_folded JOIN search_pages AS p ON p.id = search_folded.rowid
    WHERE search_folded MATCH :query
      AND p.sha256 IN (SELECT value FROM json_each(:documents))
    ORDER BY exact DESC, search_folded.rank, p.sha256, p.page
    LIMIT :limit
    """
)
_EXACT = text(
    """
    SELECT p.sha256, p.page, p.text, 1 AS exact
    FROM search_exact JOIN search_pages AS p ON p.id = search_exact.rowid
    WHERE search_exact MATCH :exact_query
      AND p.sha256 IN (SELECT value FROM json_each(:documents))
    ORDER BY search_exact.rank, p.sha256, p.page
    LIMIT :limit
    """
)


@dataclass(frozen=True)
class SearchHit:
    """One page that matches, in one meeting (a document in two meetings is two hits)."""

    meeting_id: str
    meeting_title: str
    sha256: str
    document_title: str
    page: int  # 0-based
    snippet: Snippet
    exact: bool  # the page matches the query's diacritics exactly


@dataclass
class SearchResult:
    """The hits, best first, and what the search could not look at."""

    query: Query
    exact: bool
    hits: list[SearchHit] = field(default_factory=list)
    more: bool = False  # there are more matching pages than the limit
    unindexed: int = 0  # documents in scope whose text is not indexed yet
    unreadable: int = 0  # documents in scope whose text could not be read
    locked: list[str] = field(default_factory=list)  # meetings left out (offline period over)


@dataclass(frozen=True)
class _Place:
    meeting_id: str
    meeting_title: str
    document_title: str


class SearchIndex:
    """Queries over one profile's index (safe to use from any one thread at a time)."""

    def __init__(self, profile: Profile) -> None:
        self.profile = profile

    def search(
        self,
        query_text: str,
        *,
        meeting_id: str | None = None,
        exact: bool = False,
        limit: int = DEFAULT_LIMIT,
    ) -> SearchResult:
        """Pages matching ``query_text``, best first (see :func:`parse_query` for the syntax).

        Raises:
            ProfileError: ``meeting_id`` is not a meeting on this device.
        """
        query = parse_query(query_text)
        result = SearchResult(query, exact)
        places = self._scope(meeting_id, result)
        if not places:
            return result
        documents = json.dumps(sorted(places))
        with self.profile.store.session() as session:
            self._count_unindexed(session, places, result)
            if query.empty:
                return result
            statement = _EXACT if exact else _FOLDED
            rows = list(
                session.execute(
                    statement,
                    {
                        "query": query.fts(exact=False),
                        "exact_query": query.fts(exact=True),
                        "documents": documents,
                        "limit": limit + 1,
                    },
                )
            )
        result.more = len(rows) > limit
        for row in rows[:limit]:
            sha256, page, page_text, is_exact = tuple(row)
            snippet = make_snippet(page_text, query, exact=exact)
            for place in places[sha256]:
                result.hits.append(
                    SearchHit(
                        place.meeting_id,
                        place.meeting_title,
                        sha256,
                        place.document_title,
                        page,
                        snippet,
                        bool(is_exact),
                    )
                )
        return result

    def _scope(self, meeting_id: str | None, result: SearchResult) -> dict[str, list[_Place]]:
        """The documents to search, each with the meetings (and titles) it belongs to."""
        meetings = self.profile.meetings()
        if meeting_id is not None:
            meetings = [m for m in meetings if m.id == meeting_id]
            if not meetings:
                raise ProfileError(f"There is no meeting {meeting_id} on this device.")
        places: dict[str, list[_Place]] = {}
        for meeting in meetings:
            try:
                self.profile.check_open(meeting.id)
            except MeetingLocked:
                result.locked.append(meeting.title)
                continue
            manifest = self.profile.manifest(meeting.id, first_arriving=True)
            if manifest is None:
                continue
            for sha256, facts in manifest["documents"].items():
                title = str(facts.get("title") or sha256[:12])
                places.setdefault(sha256, []).append(_Place(meeting.id, meeting.title, title))
        return places

    def _count_unindexed(
        self, session: Session, places: dict[str, list[_Place]], result: SearchResult
    ) -> None:
        rows = session.execute(
            select(SearchDocument.error.is_(None), func.count())
            .where(SearchDocument.sha256.in_(list(places)))
            .group_by(SearchDocument.error.is_(None))
        )
        counted = 0
        for readable, count in rows:
            counted += count
            if not readable:
                result.unreadable = count
        result.unindexed = len(places) - counted
