"""Offline full-text search over every synced document (SQLite FTS5, Vietnamese-aware).

:mod:`.indexer` extracts the text of documents as they arrive (in a worker process) and
stores it; :mod:`.index` answers queries.  The folding rules live in
:mod:`ecabinet.core.textfold`, shared with the reader's find.
"""

from ecabinet.client.search.index import SearchHit, SearchIndex, SearchResult
from ecabinet.client.search.indexer import Indexer, IndexProgress, IndexReport

__all__ = [
    "IndexProgress",
    "IndexReport",
    "Indexer",
    "SearchHit",
    "SearchIndex",
    "SearchResult",
]
