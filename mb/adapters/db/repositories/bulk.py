"""Many rows at once: slices that fit one statement, and inserts that skip the ORM.

A recompute writes hundreds of thousands of rows; SQLAlchemy's ORM bulk path costs more than the
database does for them, so rows go to the table through Core (executemany).
"""

from collections.abc import Iterator, Sequence
from typing import Any, TypeVar

from sqlalchemy import Table, insert
from sqlalchemy.ext.asyncio import AsyncSession

from mb.adapters.db.tables import Base

# Rows per multi-row INSERT, and ids per IN list: a dozen columns each stays far below every
# backend's parameter limit (Azure SQL's 2,100 is the lowest).
ROWS_PER_STATEMENT = 500
ROWS_PER_EXECUTEMANY = 5000
T = TypeVar("T")


def chunks(items: Sequence[T], size: int | None = None) -> Iterator[Sequence[T]]:
    """`items` in slices of `size`, by default ROWS_PER_STATEMENT."""
    size = size or ROWS_PER_STATEMENT
    for start in range(0, len(items), size):
        yield items[start : start + size]


async def insert_all(session: AsyncSession, mapped: type[Base], rows: Sequence[dict[str, Any]]) -> None:
    table = table_of(mapped)
    for chunk in chunks(rows, ROWS_PER_EXECUTEMANY):
        await session.execute(insert(table), chunk)


def table_of(mapped: type[Base]) -> Table:
    """The Core table of a mapped class, to write to it without the ORM."""
    table = mapped.__table__
    assert isinstance(table, Table)
    return table
