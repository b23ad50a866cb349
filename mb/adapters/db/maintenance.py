"""Routine care of the database: integrity check, fresh planner statistics, reclaiming space."""

from dataclasses import dataclass

from sqlalchemy import text
from sqlalchemy.exc import DatabaseError
from sqlalchemy.ext.asyncio import AsyncEngine

INTEGRITY_PROBLEMS_SHOWN = 5


@dataclass(frozen=True)
class Integrity:
    ok: bool
    detail: str  # "ok", the first problems found, or why the check does not apply


async def check_integrity(engine: AsyncEngine) -> Integrity:
    """SQLite's full `PRAGMA integrity_check`; server databases check their own pages."""
    if engine.dialect.name != "sqlite":
        return Integrity(True, f"not applicable: {engine.dialect.name} checks its own pages")
    try:
        async with engine.connect() as connection:
            rows = (await connection.execute(text("PRAGMA integrity_check"))).scalars().all()
    except DatabaseError as error:  # damage bad enough that SQLite refuses to read the schema
        return Integrity(False, str(error.orig))
    problems = [str(row) for row in rows if row != "ok"]
    if not problems:
        return Integrity(True, "ok")
    return Integrity(False, "; ".join(problems[:INTEGRITY_PROBLEMS_SHOWN]))


ANALYZE = {
    "sqlite": ("ANALYZE", "PRAGMA optimize"),
    "postgresql": ("ANALYZE",),
    "mssql": ("EXEC sp_updatestats",),
}
VACUUM = {
    "sqlite": ("VACUUM", "PRAGMA wal_checkpoint(TRUNCATE)"),
    "postgresql": ("VACUUM",),
}


async def analyze(engine: AsyncEngine) -> bool:
    """Refresh the statistics the query planner chooses indexes by; False if the backend has no
    such command here."""
    return await _run(engine, ANALYZE.get(engine.dialect.name, ()))


async def vacuum(engine: AsyncEngine) -> bool:
    """Give the space of deleted rows back (SQLite rewrites the whole file: run it off-peak).
    False when the backend manages its space itself (Azure SQL)."""
    return await _run(engine, VACUUM.get(engine.dialect.name, ()))


async def _run(engine: AsyncEngine, statements: tuple[str, ...]) -> bool:
    if not statements:
        return False
    async with engine.connect() as connection:
        # VACUUM cannot run inside a transaction on either SQLite or PostgreSQL.
        autocommit = await connection.execution_options(isolation_level="AUTOCOMMIT")
        for statement in statements:
            await autocommit.execute(text(statement))
    return True
