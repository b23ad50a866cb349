"""Slow statements are logged at WARNING, without their parameters; quick ones are not."""

import logging
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.exc import OperationalError

from mb.adapters.db.engine import create_engine
from mb.adapters.db.slow_queries import _STARTED, warn_about_slow_queries


async def test_a_statement_over_the_threshold_is_a_warning_without_its_parameters(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    engine = create_engine(f"sqlite+aiosqlite:///{tmp_path / 'slow.db'}")
    warn_about_slow_queries(engine, threshold_ms=0.000001)
    caplog.set_level(logging.WARNING, logger="mb.db")
    async with engine.connect() as connection:
        await connection.execute(text("SELECT :secret AS   value"), {"secret": "priya@example.org"})
    await engine.dispose()
    (record,) = [r for r in caplog.records if r.getMessage() == "db.slow_query"]
    assert record.levelname == "WARNING"
    assert record.statement == "SELECT ? AS value"  # type: ignore[attr-defined]
    assert record.ms >= 0 and record.threshold_ms == 0.000001  # type: ignore[attr-defined]
    assert "priya@example.org" not in repr(record.__dict__)


async def test_quick_statements_and_failed_ones_leave_no_trace(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    engine = create_engine(f"sqlite+aiosqlite:///{tmp_path / 'quick.db'}")
    warn_about_slow_queries(engine, threshold_ms=60_000)
    caplog.set_level(logging.WARNING, logger="mb.db")
    async with engine.connect() as connection:
        for _ in range(3):
            with pytest.raises(OperationalError):
                await connection.execute(text("SELECT * FROM no_such_table"))
        await connection.execute(text("SELECT 1"))
        raw = await connection.get_raw_connection()
        assert raw.info.get(_STARTED) == []
    await engine.dispose()
    assert [r for r in caplog.records if r.getMessage() == "db.slow_query"] == []
