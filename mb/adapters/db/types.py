from datetime import UTC, datetime
from typing import Any

from sqlalchemy import BigInteger, Date, DateTime, Dialect, Integer
from sqlalchemy.dialects import mssql
from sqlalchemy.types import TypeDecorator, TypeEngine

# SQLite only auto-increments an INTEGER PRIMARY KEY; elsewhere the ids of append-only tables are 64-bit.
BigId = BigInteger().with_variant(Integer(), "sqlite")

# Offline (no server version) the mssql dialect would render a plain Date as DATETIME.
CalendarDate = Date().with_variant(mssql.DATE(), "mssql")


class UtcDateTime(TypeDecorator[datetime]):
    """Stores naive UTC everywhere (SQLite keeps no zone) and hands back aware UTC datetimes."""

    impl = DateTime
    cache_ok = True

    def load_dialect_impl(self, dialect: Dialect) -> TypeEngine[Any]:
        # Azure SQL's DATETIME rounds to 3 ms; DATETIME2 keeps what was written.
        chosen = mssql.DATETIME2() if dialect.name == "mssql" else DateTime()  # type: ignore[no-untyped-call]  # untyped in SQLAlchemy
        return dialect.type_descriptor(chosen)

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to a UTC column")
        return value.astimezone(UTC).replace(tzinfo=None)

    def process_result_value(self, value: Any, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        assert isinstance(value, datetime)
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)
