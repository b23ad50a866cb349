"""The programme's local day of a stored (naive UTC) timestamp, in each database's own SQL.

A local day is counted as whole days since 1970-01-01 after shifting the moment by the zone's
UTC offset (the bound parameter `utc_offset_minutes`): integers compare, subtract and number
the same way everywhere, which dates do not (SQLite keeps them as text).
"""

from typing import Any

from sqlalchemy import (
    BigInteger,
    ColumnElement,
    ColumnExpressionArgument,
    Integer,
    bindparam,
    cast,
    extract,
    func,
    literal_column,
)

UTC_OFFSET_MINUTES = bindparam("utc_offset_minutes", type_=Integer)
SECONDS_A_DAY = 86_400
SUPPORTED = ("sqlite", "postgresql", "mssql")


def epoch_seconds(moment: ColumnExpressionArgument[Any], dialect: str) -> ColumnElement[int]:
    """Whole seconds from 1970-01-01 00:00 to a naive UTC moment (fractions dropped)."""
    if dialect == "sqlite":
        return cast(func.strftime("%s", moment), BigInteger)
    if dialect == "postgresql":
        # A plain CAST would round, and 23:59:59.6 would become the next day.
        return cast(func.floor(extract("epoch", moment)), BigInteger)
    if dialect == "mssql":
        return cast(func.datediff_big(literal_column("second"), "1970-01-01", moment), BigInteger)
    raise ValueError(f"Daily features are computed locally on {', '.join(SUPPORTED)} only, not {dialect}.")


def local_day_number(moment: ColumnExpressionArgument[Any], dialect: str) -> ColumnElement[int]:
    """Days since 1970-01-01 of the local day `moment` falls on."""
    # Integer division truncates; moments after 1970 are positive, so it is the floor.
    shifted: ColumnElement[int] = epoch_seconds(moment, dialect) + UTC_OFFSET_MINUTES * 60
    return shifted // SECONDS_A_DAY
