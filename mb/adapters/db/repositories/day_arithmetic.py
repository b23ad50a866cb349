"""Date arithmetic in SQL, which every backend spells differently: a day plus some days, and
the days (fractional) between two instants.

Both are compiled per dialect (SQLite, PostgreSQL, and a default that is Azure SQL's T-SQL), so
a query can join features `n` days later or measure how long a module took in one statement.
"""

from typing import Any

from sqlalchemy import Date, Float, literal
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql._typing import _ColumnExpressionArgument
from sqlalchemy.sql.compiler import SQLCompiler
from sqlalchemy.sql.functions import FunctionElement


class days_after(FunctionElement[Any]):  # lower case: used as SQL functions are
    """`day` plus `days` whole days (a date)."""

    type = Date()
    inherit_cache = True

    def __init__(self, day: _ColumnExpressionArgument[Any], days: int) -> None:
        super().__init__(day, literal(int(days)))


class days_between(FunctionElement[Any]):
    """From `start` to `end` (two datetimes) in days, with the fraction of a day."""

    type = Float()
    inherit_cache = True

    def __init__(self, start: _ColumnExpressionArgument[Any], end: _ColumnExpressionArgument[Any]) -> None:
        super().__init__(start, end)


def _arguments(element: FunctionElement[Any], compiler: SQLCompiler, **kw: Any) -> list[str]:
    return [compiler.process(clause, **kw) for clause in element.clauses]


@compiles(days_after)
def _days_after_tsql(element: days_after, compiler: SQLCompiler, **kw: Any) -> str:
    day, days = _arguments(element, compiler, **kw)
    return f"DATEADD(day, {days}, {day})"


@compiles(days_after, "sqlite")
def _days_after_sqlite(element: days_after, compiler: SQLCompiler, **kw: Any) -> str:
    day, days = _arguments(element, compiler, **kw)
    return f"date({day}, printf('%+d days', {days}))"


@compiles(days_after, "postgresql")
def _days_after_postgresql(element: days_after, compiler: SQLCompiler, **kw: Any) -> str:
    day, days = _arguments(element, compiler, **kw)
    # date + integer is a date; the cast settles which `+` a bound parameter means.
    return f"({day} + CAST({days} AS INTEGER))"


@compiles(days_between)
def _days_between_tsql(element: days_between, compiler: SQLCompiler, **kw: Any) -> str:
    start, end = _arguments(element, compiler, **kw)
    return f"(DATEDIFF_BIG(millisecond, {start}, {end}) / 86400000.0)"


@compiles(days_between, "sqlite")
def _days_between_sqlite(element: days_between, compiler: SQLCompiler, **kw: Any) -> str:
    start, end = _arguments(element, compiler, **kw)
    return f"(julianday({end}) - julianday({start}))"


@compiles(days_between, "postgresql")
def _days_between_postgresql(element: days_between, compiler: SQLCompiler, **kw: Any) -> str:
    start, end = _arguments(element, compiler, **kw)
    return f"CAST(EXTRACT(EPOCH FROM ({end} - {start})) / 86400.0 AS DOUBLE PRECISION)"
