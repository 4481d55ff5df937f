"""Engine, sessions and schema migrations.

SQLite is the default (one file, nothing to install) and PostgreSQL the production database;
the schema is only ever created by Alembic, on both, so what the tests run is what ships.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.orm import Session, sessionmaker


def migrations_dir(name: str) -> Path:
    """Where the Alembic environment ``name`` lives: in the wheel, or at the repository root."""
    package = Path(__file__).resolve().parent.parent
    for candidate in (package / "_migrations" / name, package.parent / "migrations" / name):
        if (candidate / "env.py").is_file():
            return candidate
    raise FileNotFoundError(f"the {name} migrations are missing from this installation")


def make_engine(url: str) -> Engine:
    """An engine tuned for the server: WAL and foreign keys on SQLite, pre-ping on PostgreSQL."""
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": 30})

        @event.listens_for(engine, "connect")
        def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
            cursor = dbapi_conn.cursor()
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA foreign_keys=ON")
            cursor.execute("PRAGMA synchronous=NORMAL")
            cursor.close()

        return engine
    return create_engine(url, pool_pre_ping=True, pool_size=10, max_overflow=20)


def upgrade_schema(engine: Engine) -> None:
    """Bring the database to the newest schema (a no-op when it is already there)."""
    config = Config()
    config.set_main_option("script_location", str(migrations_dir("server")))
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "head")


class Database:
    """The engine and a session factory; one per server process."""

    def __init__(self, url: str) -> None:
        self.engine = make_engine(url)
        self.sessions = sessionmaker(self.engine, expire_on_commit=False)

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A session for one unit of work: committed on success, rolled back on any error."""
        with self.sessions() as session:
            try:
                yield session
                session.commit()
            except BaseException:
                session.rollback()
                raise

    def dispose(self) -> None:
        self.engine.dispose()
