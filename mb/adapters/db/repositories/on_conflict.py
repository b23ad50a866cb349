"""Rows that another transaction may store at the same moment: INSERT … ON CONFLICT where the
backend has it (SQLite, PostgreSQL), so the second transaction skips or adds to the row instead of
failing. Elsewhere (Azure SQL) `conflict_insert` gives None and `insert_new` reads first, then
inserts: a duplicate slipping in between makes that unit of work fail with `Conflict`, which the
person simply retries.
"""

from collections.abc import Callable, Sequence
from typing import Any

from sqlalchemy import Table, insert, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncSession

from mb.adapters.db.repositories.bulk import chunks, table_of
from mb.adapters.db.tables import Base

ConflictInsert = postgresql.Insert | sqlite.Insert
INSERTS: dict[str, Callable[[Any], ConflictInsert]] = {
    "postgresql": postgresql.insert,
    "sqlite": sqlite.insert,
}
Pair = tuple[Any, Any]


def conflict_insert(session: AsyncSession, table: Any) -> ConflictInsert | None:
    """The dialect's INSERT with ON CONFLICT for `table`, or None when it has none."""
    make = INSERTS.get(session.get_bind().dialect.name)
    return make(table) if make else None


async def save_row(session: AsyncSession, mapped: type[Base], key: str, values: dict[str, Any]) -> None:
    """Insert the row, or replace the stored one with the same primary `key`: one statement where
    the backend has ON CONFLICT, read then write elsewhere."""
    statement = conflict_insert(session, mapped)
    if statement is not None:
        statement = statement.values(values)
        changed = {name: statement.excluded[name] for name in values if name != key}
        await session.execute(statement.on_conflict_do_update(index_elements=[key], set_=changed))
        return
    row = await session.get(mapped, values[key])
    if row is None:
        session.add(mapped(**values))
    else:
        for name, value in values.items():
            setattr(row, name, value)
    await session.flush()


async def insert_new(
    session: AsyncSession, mapped: type[Base], rows: Sequence[dict[str, Any]], unique: tuple[str, str]
) -> dict[Pair, int]:
    """Insert the rows whose pair of `unique` columns is not stored yet, even by a transaction
    doing the same right now; returns the id of each row stored, by its pair."""
    table = table_of(mapped)
    first, second = unique
    # In the order given: the ids then follow it, so a history read newest-first lists one event's
    # awards in the order they were earned. Awards are made in one fixed order per youth (count_event),
    # so two transactions storing the same keys take their locks in the same order.
    ordered = list(rows)
    statement = conflict_insert(session, table)
    if statement is None:
        held = await _held(session, table, unique, ordered)
        ordered = [row for row in ordered if (row[first], row[second]) not in held]
        inserting = insert(table)
    else:
        inserting = statement.on_conflict_do_nothing(index_elements=list(unique))
    if not ordered:
        return {}
    stored = await session.execute(inserting.returning(table.c.id, table.c[first], table.c[second]), ordered)
    return {(a, b): row_id for row_id, a, b in stored}


async def _held(
    session: AsyncSession, table: Table, unique: tuple[str, str], rows: Sequence[dict[str, Any]]
) -> set[Pair]:
    first, second = (table.c[name] for name in unique)
    held: set[Pair] = set()
    for chunk in chunks(rows):
        found = await session.execute(
            select(first, second).where(
                first.in_({row[first.name] for row in chunk}), second.in_({row[second.name] for row in chunk})
            )
        )
        held.update((a, b) for a, b in found)
    return held
