"""Answering search queries from the profile's FTS5 index.

A query runs against the folded index (``hop khong giay`` finds *họp không giấy*); pages
whose words also match the query's marks exactly (the exact index) come first, then by BM25.
In exact mode only the exact index is asked.

Ranking costs time in proportion to the pages that match, so it is bounded: a query that
matches more than :data:`RANK_LIMIT` pages (a common word, the first letter of a word being
typed) is *broad* — its first pages in document order are shown, exact ones first, with a
note that more match.  Such a query gains little from BM25 anyway: nearly every page has the
word.  Snippets are cut from the stored text of the chosen pages with a regular expression
that matches folded letters (:meth:`Query.pattern`), which is far cheaper than folding pages.

Only documents of each meeting's current packet are searched (a previous version is kept on
the device for "what changed" views, not for search), and a meeting whose offline period has
ended is left out until the next sync, as its documents are.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import NamedTuple

from sqlalchemy import TextClause, func, select, text
from sqlalchemy.orm import Session

from ecabinet.client.profile import MeetingLocked, Profile, ProfileError
from ecabinet.client.store import SearchDocument
from ecabinet.core.textfold import Query, Snippet, make_snippet, parse_query

__all__ = ["DEFAULT_LIMIT", "RANK_LIMIT", "SearchHit", "SearchIndex", "SearchResult"]

DEFAULT_LIMIT = 50
# Queries matching more pages than this are shown in document order instead of by rank.
RANK_LIMIT = 1000


class _Statements(NamedTuple):
    probe: TextClause  # the matching pages in document order, up to :cap
    ranked: TextClause  # the best :limit pages, exact ones first, then by BM25


def _statements(table: str) -> _Statements:
    """The statements for one index (``table`` is one of two fixed names, never user input)."""
    in_scope = "p.sha256 IN (SELECT value FROM json_each(:documents))"
    joined = f"FROM {table} JOIN search_pages AS p ON p.id = {table}.rowid"
    return _Statements(
        text(
            f"SELECT p.id {joined} WHERE {table} MATCH :query AND {in_scope} "
            f"ORDER BY {table}.rowid LIMIT :cap"
        ),
        text(
            f"SELECT p.id, "  # noqa: S608
            "p.id IN (SELECT rowid FROM search_exact WHERE search_exact MATCH :exact_query) "
            f"AS exact {joined} WHERE {table} MATCH :query AND {in_scope} "
            f"ORDER BY exact DESC, {table}.rank, p.id LIMIT :limit"
        ),
    )


_FOLDED = _statements("search_folded")
_EXACT = _statements("search_exact")
_TEXTS = text(
    "SELECT id, sha256, page, text FROM search_pages "
    "WHERE id IN (SELECT value FROM json_each(:ids))"
)
_EXACT_IN_ORDER = text(
    "SELECT p.id FROM search_exact JOIN search_pages AS p ON p.id = search_exact.rowid "
    "WHERE search_exact MATCH :exact_query "
    "AND p.sha256 IN (SELECT value FROM json_each(:documents)) "
    "ORDER BY search_exact.rowid LIMIT :limit"
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
    more: bool = False  # more pages match than were returned
    ranked: bool = True  # False: a broad query, hits in document order (exact ones first)
    unindexed: int = 0  # documents in scope whose text is not indexed yet
    unreadable: int = 0  # documents in scope whose text could not be read
    locked: list[str] = field(default_factory=list)  # meetings left out (offline period over)


@dataclass(frozen=True)
class _Place:
    meeting_id: str
    meeting_title: str
    document_title: str


class SearchIndex:
    """Queries over one profile's index (one thread at a time per instance)."""

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
        params = {
            "query": query.fts(exact=exact),
            "exact_query": query.fts(exact=True),
            "documents": json.dumps(sorted(places)),
        }
        with self.profile.store.session() as session:
            self._count_unindexed(session, places, result)
            if query.empty:
                return result
            chosen = self._choose(session, params, exact, limit, result)
            if not chosen:
                return result
            rows = session.execute(_TEXTS, {"ids": json.dumps(list(chosen))})
            found = {row[0]: tuple(row) for row in rows}
        for page_id, is_exact in chosen.items():
            if page_id not in found:
                continue
            _, sha256, page, page_text = found[page_id]
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
                        is_exact,
                    )
                )
        return result

    def _choose(
        self,
        session: Session,
        params: dict[str, str],
        exact: bool,
        limit: int,
        result: SearchResult,
    ) -> dict[int, bool]:
        """The pages to show, in order, each with whether it matches exactly."""
        statements = _EXACT if exact else _FOLDED
        probe = list(session.scalars(statements.probe, {**params, "cap": RANK_LIMIT + 1}))
        if len(probe) <= RANK_LIMIT:
            rows = [
                tuple(r) for r in session.execute(statements.ranked, {**params, "limit": limit + 1})
            ]
            result.more = len(rows) > limit
            return {int(page_id): bool(is_exact) for page_id, is_exact in rows[:limit]}
        result.ranked = False
        result.more = True
        if exact:
            return dict.fromkeys(probe[:limit], True)
        chosen = dict.fromkeys(session.scalars(_EXACT_IN_ORDER, {**params, "limit": limit}), True)
        for page_id in probe:
            if len(chosen) >= limit:
                break
            chosen.setdefault(page_id, False)
        return chosen

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
