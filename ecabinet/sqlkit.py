"""SQL plumbing shared by the server's database and the client's profile store.

Both use SQLAlchemy with Alembic migrations and SQLite (the client always, the server by
default); this is the one place for the SQLite settings, the UTC column type, the unit-of-work
session and running an Alembic environment.  It knows nothing of either side's tables.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from sqlalchemy import DateTime, Engine, create_engine, event
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.types import TypeDecorator


def utcnow() -> datetime:
    return datetime.now(UTC)


class UTCDateTime(TypeDecorator[datetime]):
    """Stores UTC, always hands back an aware datetime (SQLite forgets the zone otherwise)."""

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetimes are ambiguous; give a time zone")
        return value.astimezone(UTC).replace(tzinfo=None)

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        return None if value is None else value.replace(tzinfo=UTC)


def sqlite_engine(url: str, **pool: Any) -> Engine:
    """A SQLite engine shared by threads, in WAL mode with foreign keys on.

    ``synchronous=NORMAL`` with WAL never corrupts the database; a power cut may undo the last
    commits, which FULL would prevent at the price of an fsync on every small commit.
    """
    engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": 30}, **pool)

    @event.listens_for(engine, "connect")
    def _pragmas(dbapi_conn: Any, _record: Any) -> None:
        cursor = dbapi_conn.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()

    return engine


def migrations_dir(name: str) -> Path:
    """Where the Alembic environment ``name`` lives: in the wheel, or at the repository root."""
    package = Path(__file__).resolve().parent
    for candidate in (package / "_migrations" / name, package.parent / "migrations" / name):
        if (candidate / "env.py").is_file():
            return candidate
    raise FileNotFoundError(f"the {name} migrations are missing from this installation")


def upgrade(engine: Engine, name: str) -> None:
    """Bring a database to the newest schema of environment ``name`` (no-op when there)."""
    config = Config()
    config.set_main_option("script_location", str(migrations_dir(name)))
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "head")


class SessionFactory:
    """Sessions for units of work: committed on success, rolled back on any error."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.sessions = sessionmaker(engine, expire_on_commit=False)

    @contextmanager
    def session(self) -> Iterator[Session]:
        with self.sessions() as session:
            try:
                yield session
                session.commit()
            except BaseException:
                session.rollback()
                raise


def run_environment(context: Any, metadata: Any, url_variable: str) -> None:
    """The body of an Alembic ``env.py``: use the caller's connection, or the URL in
    ``url_variable`` when run by hand; batch mode so ALTERs work on SQLite."""
    if context.is_offline_mode():
        raise SystemExit("offline (SQL script) migrations are not supported")

    def run(connection: Any) -> None:
        context.configure(
            connection=connection,
            target_metadata=metadata,
            render_as_batch=True,
            compare_type=True,
        )
        with context.begin_transaction():
            context.run_migrations()

    connection = context.config.attributes.get("connection")
    if connection is not None:
        run(connection)
        return
    url = os.environ.get(url_variable)
    if not url:
        raise SystemExit(f"set {url_variable} to run these migrations by hand")
    engine = create_engine(url)
    with engine.begin() as conn:
        run(conn)
