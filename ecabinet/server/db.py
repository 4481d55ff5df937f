"""Engine, sessions and schema migrations.

SQLite is the default (one file, nothing to install) and PostgreSQL the production database;
the schema is only ever created by Alembic, on both, so what the tests run is what ships.
"""

from __future__ import annotations

from sqlalchemy import Engine, create_engine

from ecabinet.sqlkit import SessionFactory, sqlite_engine, upgrade


def make_engine(url: str) -> Engine:
    """An engine for the server: SQLite shared by threads, or PostgreSQL with pre-ping."""
    if url.startswith("sqlite"):
        return sqlite_engine(url)
    return create_engine(url, pool_pre_ping=True, pool_size=10, max_overflow=20)


def upgrade_schema(engine: Engine) -> None:
    """Bring the database to the newest schema (a no-op when it is already there)."""
    upgrade(engine, "server")


class Database(SessionFactory):
    """The engine and a session factory; one per server process."""

    def __init__(self, url: str) -> None:
        super().__init__(make_engine(url))

    def dispose(self) -> None:
        self.engine.dispose()
