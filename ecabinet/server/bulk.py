"""Batch statements whose SQL text does not change with the size of the batch.

The ballot writer reads and writes a batch of ballots in a handful of statements.  Written
the plain way (``IN (…)`` expanded per value, a multi-row ``VALUES``), each batch size is a
new SQL text: SQLAlchemy renders it again and, on PostgreSQL, psycopg parses it again, and
on the ballot path that cost more than the database's own work (``benchmarks/vote_load.py``:
about 3 ms of the writer's CPU per statement for a batch of 40).

On PostgreSQL a list goes as one array parameter instead (``= ANY(:ids)``, ``INSERT … SELECT
unnest(:a), unnest(:b)…``), so each statement has one text, rendered and parsed once.  SQLite
has no arrays and its statements are cheap to build; it keeps the plain forms.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import ColumnElement, any_, bindparam, func, insert, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import InstrumentedAttribute


def one_of(column: InstrumentedAttribute[Any], name: str, dialect: str) -> ColumnElement[bool]:
    """``column`` is one of the list given as parameter ``name``."""
    if dialect == "postgresql":
        return column == any_(bindparam(name, type_=postgresql.ARRAY(column.type)))
    return column.in_(bindparam(name, expanding=True))


def unnest(name: str, kind: Any) -> Any:
    """The rows of array parameter ``name`` (elements of SQL type ``kind``), on PostgreSQL."""
    return func.unnest(bindparam(name, type_=postgresql.ARRAY(kind)))


def arrays(
    rows: Sequence[dict[str, Any]], names: Sequence[str], prefix: str = ""
) -> dict[str, list[Any]]:
    """The array parameters for :func:`unnest`: one list per name, in the rows' order."""
    return {prefix + name: [row[name] for row in rows] for name in names}


class RowInsert:
    """An insert of many rows of ``entity`` into ``columns``, as one statement.

    ``on_conflict_do_nothing`` and ``returning`` as in the dialects' own inserts.  Execute
    :attr:`statement` with :meth:`params` of the rows (each a dict by column name).
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
        self.arrays = dialect == "postgresql"
        statement: Any
        if self.arrays:
            # Not the columns' own names, which an update (with this insert as its CTE)
            # reserves for its SET clause.
            unnested = [unnest(f"rows_{c.key}", c.type) for c in columns]
            statement = postgresql.insert(entity).from_select(self.names, select(*unnested))
        elif skip_conflicts:
            statement = sqlite.insert(entity)
        else:
            statement = insert(entity)
        if skip_conflicts:
            statement = statement.on_conflict_do_nothing()
        if returning:
            statement = statement.returning(*returning)
        self.statement = statement

    def params(self, rows: Sequence[dict[str, Any]]) -> dict[str, list[Any]] | list[dict[str, Any]]:
        if self.arrays:
            return arrays(rows, self.names, prefix="rows_")
        return list(rows)
