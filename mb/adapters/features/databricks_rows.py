"""The feature query the Databricks source runs, and its Arrow results read back as daily features."""

import re
from collections.abc import Callable
from dataclasses import fields
from datetime import UTC, date, datetime, timedelta
from typing import get_type_hints

import pyarrow as pa

from mb.config import SettingsError
from mb.domain.model.daily_features import FEATURE_COLUMNS, DailyFeatures, DayRange, FeatureWatermark

_PART = re.compile(r"^(?:[A-Za-z0-9_]+|`[A-Za-z0-9_]+`)$")
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_EPOCH_DAY = _EPOCH.date()

# Rows are built positionally, the cheapest way for a million of them: the order must hold.
if tuple(field.name for field in fields(DailyFeatures)) != FEATURE_COLUMNS:
    raise RuntimeError("DailyFeatures' fields and FEATURE_COLUMNS must be in the same order")

_KINDS = get_type_hints(DailyFeatures)  # column → int, float, bool, date or datetime


class UnreadableRows(Exception):
    """The table's rows cannot be daily features (a column missing, of another type, or empty)."""


def quoted_table(table: str) -> str:
    """`catalog.schema.table` (or fewer parts, each plain or in backticks) quoted for Databricks SQL.

    A table name cannot be a bound parameter; quoting every part keeps the name from being read as
    anything but a name."""
    parts = table.split(".")
    if not 1 <= len(parts) <= 3 or not all(_PART.match(part) for part in parts):
        raise SettingsError(
            f"MB_DATABRICKS_FEATURES_TABLE={table!r} is not a table name; use catalog.schema.table "
            "with letters, digits and underscores."
        )
    return ".".join(f"`{part.strip('`')}`" for part in parts)


def feature_query(
    table: str, after: FeatureWatermark | None, days: DayRange | None
) -> tuple[str, dict[str, object]]:
    """The statement (with native `:name` markers) and its parameters: rows after the watermark, in
    watermark order, of the given days only when there are any."""
    conditions: list[str] = []
    parameters: dict[str, object] = {}
    if after is not None:
        conditions.append(
            "(feature_timestamp > :after_ts OR (feature_timestamp = :after_ts AND "
            "(user_id > :after_user OR (user_id = :after_user AND feature_date > :after_day))))"
        )
        parameters |= {
            "after_ts": utc(after.feature_timestamp),
            "after_user": after.user_id,
            "after_day": after.feature_date,
        }
    if days is not None:
        conditions.append("feature_date BETWEEN :first_day AND :last_day")
        parameters |= {"first_day": days.first, "last_day": days.last}
    where = f" WHERE {' AND '.join(conditions)}" if conditions else ""
    columns = ", ".join(FEATURE_COLUMNS)
    order = "ORDER BY feature_timestamp, user_id, feature_date"
    statement = f"SELECT {columns} FROM {table}{where} {order}"  # noqa: S608 - a quoted_table(); values bound
    return statement, parameters


def utc(moment: datetime) -> datetime:
    """Watermarks are instants; one stored without a zone was stored in UTC."""
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def daily_features(table: pa.Table) -> list[DailyFeatures]:
    """Arrow rows as daily features: aware UTC timestamps, dates, ints, floats and bools.

    Raises `UnreadableRows` naming the column (and, for an empty value, the row) at fault."""
    columns = [_values(table, name) for name in FEATURE_COLUMNS]
    return [DailyFeatures(*values) for values in zip(*columns, strict=True)]


def _values(table: pa.Table, name: str) -> list[object]:
    if name not in table.column_names:
        raise UnreadableRows(f"has no column {name}")
    column = table.column(name)
    kind = _KINDS[name]
    if not _fits(column.type, kind):
        raise UnreadableRows(f"has {name} as {column.type}, where {kind.__name__} was expected")
    if column.null_count:
        raise UnreadableRows(f"has a row without {name} ({_first_empty(table, column)})")
    if kind is datetime:
        # µs since the epoch in UTC, whatever zone the session labels them with; a warehouse that
        # sends them without a zone sends its session's zone, UTC unless someone changed it.
        micros = column.cast(pa.timestamp("us", tz=column.type.tz), safe=False).cast(pa.int64())
        return _each_once(micros.to_pylist(), lambda value: _EPOCH + timedelta(microseconds=value))
    if kind is date:
        days = column.cast(pa.date32()).cast(pa.int32())
        return _each_once(days.to_pylist(), lambda value: _EPOCH_DAY + timedelta(days=value))
    values: list[object] = (column.cast(pa.float64()) if kind is float else column).to_pylist()
    return values


def _each_once(values: list[int], convert: Callable[[int], object]) -> list[object]:
    """A batch holds a few days and computation times, each many times: each is converted once
    (pyarrow's own conversion of dates costs more than everything else in a row)."""
    converted = {value: convert(value) for value in set(values)}
    return [converted[value] for value in values]


def _fits(arrow_type: pa.DataType, kind: object) -> bool:
    if kind is bool:
        return bool(pa.types.is_boolean(arrow_type))
    if kind is int:
        return bool(pa.types.is_integer(arrow_type))
    if kind is float:
        return bool(
            pa.types.is_floating(arrow_type)
            or pa.types.is_decimal(arrow_type)
            or pa.types.is_integer(arrow_type)
        )
    if kind is date:
        return bool(pa.types.is_date(arrow_type))
    return bool(pa.types.is_timestamp(arrow_type))


def _first_empty(table: pa.Table, column: pa.ChunkedArray) -> str:
    row = column.is_null().to_pylist().index(True)
    user, day = (table.column(key)[row].as_py() for key in ("user_id", "feature_date"))
    return f"youth {user}, day {day}"
