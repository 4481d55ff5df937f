"""Batch statements (``server/bulk.py``) read and write exactly what the plain ones do.

On SQLite their rows travel as JSON (one statement step per batch); these tests pin that a
value's type survives the trip both ways: a time stays an aware UTC datetime stored in
SQLAlchemy's own format, a boolean stays a boolean, Vietnamese text stays intact, NULL stays
NULL.  On SQLite and PostgreSQL.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select, text

from ecabinet.server import bulk
from ecabinet.server.models import Device, User
from ecabinet.server.state import ServerState

NAME = "Máy tính bảng của Đại biểu Nguyễn Thị Hằng"


def _users(state: ServerState) -> list[str]:
    with state.db.session() as session:
        users = [
            User(username="an", password_hash="x", disabled=False),
            User(username="binh", password_hash="x", disabled=True),
        ]
        session.add_all(users)
        session.flush()
        return [user.id for user in users]


def _devices(state: ServerState, users: list[str]) -> None:
    revoked = datetime(2026, 11, 28, 9, 30, 15, 123456, tzinfo=UTC)
    with state.db.session() as session:
        session.add_all(
            [
                Device(user_id=users[0], name=NAME, public_key="a" * 64),
                Device(user_id=users[1], name="b", public_key="b" * 64, revoked_at=revoked),
            ]
        )


def test_all_rows_read_what_the_plain_query_reads(state: ServerState) -> None:
    users = _users(state)
    _devices(state, users)
    dialect = state.db.engine.dialect.name
    query = (
        select(User.id, User.disabled, Device.name, Device.revoked_at, Device.created_at)
        .join(Device, Device.user_id == User.id)
        .where(bulk.one_of(User.id, "ids", dialect))
    )
    rows = bulk.AllRows(query, dialect)
    with state.db.session() as session:
        conn = session.connection()
        plain = sorted(tuple(row) for row in conn.execute(query, {"ids": users}))
        batched = sorted(rows(conn, {"ids": users}))
        assert rows(conn, {"ids": ["nobody"]}) == []
    assert batched == plain
    assert len(batched) == 2
    by_user = {row[0]: row for row in batched}
    assert by_user[users[0]][1:4] == (False, NAME, None)
    disabled, _name, revoked, created = by_user[users[1]][1:]
    assert disabled is True
    assert revoked == datetime(2026, 11, 28, 9, 30, 15, 123456, tzinfo=UTC)
    assert created.tzinfo is not None


def test_row_insert_stores_what_the_orm_stores(state: ServerState) -> None:
    users = _users(state)
    dialect = state.db.engine.dialect.name
    add = bulk.RowInsert(
        Device,
        [Device.id, Device.user_id, Device.name, Device.public_key, Device.created_at],
        dialect,
    )
    at = datetime.now(UTC).replace(microsecond=654321)
    rows = [
        {
            "id": f"{n:032x}",
            "user_id": users[n % 2],
            "name": NAME,
            "public_key": f"{n:064x}",
            "created_at": at + timedelta(seconds=n),
        }
        for n in range(1, 4)
    ]
    with state.db.session() as session:
        session.connection().execute(add.statement, add.params(rows))
        session.add(
            Device(
                id="f" * 32,
                user_id=users[0],
                name=NAME,
                public_key="f" * 64,
                created_at=rows[0]["created_at"],
            )
        )
    with state.db.session() as session:
        stored = {d.id: d for d in session.scalars(select(Device))}
        if dialect == "sqlite":
            # Byte for byte the text SQLAlchemy itself writes for the same time.
            raw = dict(session.execute(text("SELECT id, created_at FROM devices")).all())
            assert raw[f"{1:032x}"] == raw["f" * 32]
    assert len(stored) == 4
    for row in rows:
        device = stored[row["id"]]
        assert (device.user_id, device.name, device.public_key) == (
            row["user_id"],
            NAME,
            row["public_key"],
        )
        assert device.created_at == row["created_at"]
        assert device.revoked_at is None


def test_sqlite_row_insert_neither_skips_conflicts_nor_returns() -> None:
    with pytest.raises(ValueError, match="neither"):
        bulk.RowInsert(Device, [Device.id], "sqlite", skip_conflicts=True)
    with pytest.raises(ValueError, match="neither"):
        bulk.RowInsert(Device, [Device.id], "sqlite", returning=[Device.id])
