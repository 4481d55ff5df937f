"""Fixtures shared by every test: the databases the server suite runs on.

The server tests run twice, on SQLite and on PostgreSQL.  PostgreSQL comes from
``ECABINET_TEST_DATABASE_URL`` (``.ci/run`` sets it); each pytest-xdist worker of each run
gets a database of its own, migrated once, emptied after every test and dropped at the end.
Outside CI a missing PostgreSQL skips those runs with the reason; in CI (``CI=true``) it
fails them.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import OperationalError

from ecabinet.server.db import make_engine, upgrade_schema
from ecabinet.server.models import Base
from ecabinet.server.settings import normalise_database_url

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")


def _worker(request: pytest.FixtureRequest) -> str:
    return str(getattr(request.config, "workerinput", {}).get("workerid", "main"))


@pytest.fixture(scope="session")
def postgres_url(request: pytest.FixtureRequest) -> Iterator[str]:
    """A freshly created, migrated PostgreSQL database for this test worker."""
    base = os.environ.get("ECABINET_TEST_DATABASE_URL")
    if not base:
        if IN_CI:
            pytest.fail("CI must run the PostgreSQL tests: set ECABINET_TEST_DATABASE_URL")
        pytest.skip(
            "PostgreSQL tests skipped: ECABINET_TEST_DATABASE_URL is not set "
            "(.ci/run sets it; see README)"
        )
    base = normalise_database_url(base)
    admin = create_engine(base, isolation_level="AUTOCOMMIT")
    # Unique per run and worker: two test runs on one machine must never share a database.
    name = f"ecabinet_test_{_worker(request)}_{uuid.uuid4().hex[:8]}"
    try:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
            conn.execute(text(f'CREATE DATABASE "{name}"'))
    except OperationalError as exc:
        admin.dispose()
        if IN_CI:
            pytest.fail(f"PostgreSQL at {base} is unreachable in CI: {exc}")
        pytest.skip(f"PostgreSQL tests skipped: cannot reach {base} ({exc.orig})")
    url = make_url(base).set(database=name).render_as_string(hide_password=False)
    engine = make_engine(url)
    upgrade_schema(engine)
    engine.dispose()
    yield url
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


def empty_postgres(url: str) -> None:
    """Remove every row, keeping the schema, and restart the audit chain."""
    engine = create_engine(url)
    tables = ", ".join(f'"{t.name}"' for t in Base.metadata.sorted_tables)
    with engine.begin() as conn:
        conn.execute(text(f"TRUNCATE {tables} RESTART IDENTITY CASCADE"))
        conn.execute(
            text("INSERT INTO audit_head (id, seq, hash) VALUES (1, 0, :h)"), {"h": "0" * 64}
        )
    engine.dispose()


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def database_url(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[str | None]:
    """``None`` for SQLite under the data directory, else a PostgreSQL URL (emptied after)."""
    if request.param == "sqlite":
        yield None
        return
    url: str = request.getfixturevalue("postgres_url")
    empty_postgres(url)
    yield url
    empty_postgres(url)
