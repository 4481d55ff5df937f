"""Batch statements whose SQL text does not change with the size of the batch.

The ballot writer reads and writes a batch of ballots in a handful of statements.  Written
the plain way (``IN (…)`` expanded per value, a multi-row ``VALUES``), each batch size is a
new SQL text: SQLAlchemy renders it again and, on PostgreSQL, psycopg parses it again, and
on the ballot path that cost more than the database's own work (``benchmarks/vote_load.py``:
about 3 ms of the writer's CPU per statement for a batch of 40).

On PostgreSQL a list goes as one array parameter instead (``= ANY(:ids)``), and rows to
insert as one JSON parameter (:class:`RowInsert`), so each statement has one text, rendered
and parsed once.  SQLite has no arrays and its statements are cheap to build; it keeps
``IN (…)``.

On SQLite the cost is elsewhere: Python's ``sqlite3`` lets go of the GIL for every step of a
statement, that is for every row read or inserted, and takes it back before the next.  The
ballot writer shares the GIL with the event loop, which holds it while it is busy, so under
load each row waited for it: a ``fetchone`` of the writer averaged 90 µs of wall time against
a few µs of work, and a batch of 48 ballots took 129 ms for 26 ms of CPU.  So on SQLite a
batch's rows travel as one JSON value each way (:class:`AllRows`, :class:`RowInsert`): one
step per statement, whatever the batch's size.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import orjson
from sqlalchemy import (
    ColumnElement,
    Connection,
    Select,
    String,
    Text,
    any_,
    bindparam,
    cast,
    func,
    insert,
    literal_column,
    select,
)
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import InstrumentedAttribute

# A row as it comes back: Row on PostgreSQL, a tuple on SQLite.
Row = Sequence[Any]


def one_of(column: InstrumentedAttribute[Any], name: str, dialect: str) -> ColumnElement[bool]:
    """``column`` is one of the list given as parameter ``name``."""
    if dialect == "postgresql":
        return column == any_(bindparam(name, type_=postgresql.ARRAY(column.type)))
    return column.in_(bindparam(name, expanding=True))


def unnest(name: str, kind: Any) -> Any:
    """The rows of array parameter ``name`` (elements of SQL type ``kind``), on PostgreSQL."""
    return func.unnest(bindparam(name, type_=postgresql.ARRAY(kind)))


def arrays(rows: Sequence[dict[str, Any]], names: Sequence[str]) -> dict[str, list[Any]]:
    """The array parameters for :func:`unnest`: one list per name, in the rows' order."""
    return {name: [row[name] for row in rows] for name in names}


class AllRows:
    """A query whose rows are read at once: on SQLite as one JSON array, in one step.

    Each value comes back as the column's type reads it (a date and time as a ``datetime``),
    as from the plain query.  Not for binary columns (JSON has no bytes).
    """

    def __init__(self, statement: Select[*tuple[Any, ...]], dialect: str) -> None:
        self.statement = statement
        self.json: Select[*tuple[Any, ...]] | None = None
        if dialect == "sqlite":
            inner = statement.subquery()
            self.json = select(func.json_group_array(func.json_array(*inner.c)))
        self._readers: list[Any] | None = None

    def __call__(self, conn: Connection, params: dict[str, Any]) -> list[Row]:
        if self.json is None:
            return list(conn.execute(self.statement, params))
        if self._readers is None:
            dialect = conn.dialect
            self._readers = [
                column.type.dialect_impl(dialect).result_processor(dialect, None)
                for column in self.statement.selected_columns
            ]
        readers = self._readers
        rows = orjson.loads(conn.execute(self.json, params).scalar_one())
        if not any(readers):
            return [tuple(row) for row in rows]
        return [
            tuple(
                v if read is None or v is None else read(v)
                for read, v in zip(readers, row, strict=True)
            )
            for row in rows
        ]


class RowInsert:
    """An insert of many rows of ``entity`` into ``columns``, as one statement.

    The rows go as one JSON parameter, an array of arrays (``INSERT … SELECT … FROM
    json_each(…)`` on SQLite, ``json_array_elements(…)`` on PostgreSQL), each value written
    as SQLAlchemy would bind it for the column: one way for both databases.  On PostgreSQL it
    replaced an array parameter per column, which psycopg builds by escaping every element
    with a regular expression (the audit entries' JSON details are full of quotes); the
    writer's CPU per ballot did not measurably change.

    ``on_conflict_do_nothing`` and ``returning`` as in PostgreSQL's own insert; SQLite allows
    neither here (:attr:`returns` says whether the insert returns rows).  Execute
    :attr:`statement` with :meth:`params` of the rows (dicts by column name).
    """

    def __init__(
        self,
        entity: Any,
        columns: Sequence[InstrumentedAttribute[Any]],
        dialect: str,
        *,
        skip_conflicts: bool = False,
        returning: Sequence[InstrumentedAttribute[Any]] = (),
    ) -> None:
        self.names = [column.key for column in columns]
        self.returns = bool(returning)
        target = (
            postgresql.psycopg.dialect()  # type: ignore[no-untyped-call]
            if dialect == "postgresql"
            else sqlite.dialect()
        )
        # How each column's type writes a value, as SQLAlchemy would bind it.
        self._writers = [c.type.dialect_impl(target).bind_processor(target) for c in columns]
        statement: Any
        values: list[Any]
        if dialect == "postgresql":
            rows = cast(bindparam("rows_json", type_=Text()), postgresql.JSON)
            each = func.json_array_elements(rows).table_valued("value")
            # Text, not the column's VARCHAR(n): a cast to VARCHAR(n) cuts a longer value
            # short without a word, where storing it in the column refuses it.
            values = [
                cast(
                    each.c.value.op("->>")(literal_column(str(i))),
                    Text() if isinstance(c.type, String) else c.type,
                )
                for i, c in enumerate(columns)
            ]
            statement = postgresql.insert(entity).from_select(
                self.names, select(*values).select_from(each)
            )
        else:
            if skip_conflicts or returning:
                raise ValueError("on SQLite a row insert neither skips conflicts nor returns")
            each = func.json_each(bindparam("rows_json")).table_valued("value")
            values = [func.json_extract(each.c.value, f"$[{i}]") for i in range(len(columns))]
            statement = insert(entity).from_select(self.names, select(*values).select_from(each))
        if skip_conflicts:
            statement = statement.on_conflict_do_nothing()
        if returning:
            statement = statement.returning(*returning)
        self.statement = statement

    def params(self, rows: Sequence[dict[str, Any]]) -> dict[str, Any]:
        pairs = list(zip(self.names, self._writers, strict=True))
        table = [
            [row[n] if write is None or row[n] is None else write(row[n]) for n, write in pairs]
            for row in rows
        ]
        return {"rows_json": orjson.dumps(table).decode()}
