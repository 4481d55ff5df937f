"""Engine, sessions and schema migrations.

SQLite is the default (one file, nothing to install) and PostgreSQL the production database;
the schema is only ever created by Alembic, on both, so what the tests run is what ships.
"""

from __future__ import annotations

import threading
from contextlib import AbstractContextManager, nullcontext

from sqlalchemy import Engine, create_engine

from ecabinet.sqlkit import SessionFactory, sqlite_engine, upgrade

POOL_SIZE = 10
POOL_OVERFLOW = 20
# Request handlers run in anyio's thread pool.  With fewer threads than connections, a thread
# always finds a connection in the end (dependencies hand theirs back between thread hops,
# see deps.get_caller), with connections to spare for the live hub's own threads.
REQUEST_THREADS = 24


def make_engine(url: str) -> Engine:
    """An engine for the server: SQLite shared by threads, or PostgreSQL with pre-ping."""
    if url.startswith("sqlite"):
        return sqlite_engine(url, pool_size=POOL_SIZE, max_overflow=POOL_OVERFLOW)
    return create_engine(url, pool_pre_ping=True, pool_size=POOL_SIZE, max_overflow=POOL_OVERFLOW)


def upgrade_schema(engine: Engine) -> None:
    """Bring the database to the newest schema (a no-op when it is already there)."""
    upgrade(engine, "server")


class Database(SessionFactory):
    """The engine and a session factory; one per server process."""

    def __init__(self, url: str) -> None:
        super().__init__(make_engine(url))
        self.is_postgres = self.engine.dialect.name == "postgresql"
        self._write_lock = threading.Lock()

    def writing(self) -> AbstractContextManager[object]:
        """Hold while a hot write path (ballots, events) writes and commits.

        SQLite has one writer at a time and its busy handler waits by sleeping in steps of up
        to 100 ms, so many threads writing at once see long, random stalls; queueing them on
        a lock in this process instead hands the write lock on at once.  PostgreSQL takes
        row locks and needs nothing here.
        """
        if self.is_postgres:
            return nullcontext()
        return self._write_lock

    def dispose(self) -> None:
        self.engine.dispose()
