"""Alembic environment of the server schema (run by the server on start)."""

from alembic import context

from ecabinet.server.models import Base
from ecabinet.sqlkit import run_environment

run_environment(context, Base.metadata, "ECABINET_DATABASE_URL")
