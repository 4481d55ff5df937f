"""Alembic environment of the client's per-profile schema (run when a profile opens)."""

from alembic import context

from ecabinet.client.store import Base
from ecabinet.sqlkit import run_environment

run_environment(context, Base.metadata, "ECABINET_CLIENT_DATABASE_URL")
