"""Alembic environment of the client's local (per-profile) schema.

The client passes its own connection in ``config.attributes["connection"]``; run by hand,
``alembic`` takes ``ECABINET_CLIENT_DATABASE_URL``.  Batch mode lets ALTERs work on SQLite.
"""

from __future__ import annotations

import os

from alembic import context
from sqlalchemy import create_engine

from ecabinet.client.store import Base

config = context.config
target_metadata = Base.metadata


def _run(connection: object) -> None:
    context.configure(
        connection=connection,  # type: ignore[arg-type]
        target_metadata=target_metadata,
        render_as_batch=True,
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        _run(connection)
        return
    url = os.environ.get("ECABINET_CLIENT_DATABASE_URL")
    if not url:
        raise SystemExit("set ECABINET_CLIENT_DATABASE_URL to run client migrations by hand")
    engine = create_engine(url)
    with engine.begin() as conn:
        _run(conn)


if context.is_offline_mode():
    raise SystemExit("offline (SQL script) migrations are not supported")
run_migrations_online()
