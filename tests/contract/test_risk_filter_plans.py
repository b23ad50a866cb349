"""Filtering youth by risk level reads the newest day's rows through an index (SQLite).

The demo programme with a few days of daily features; the statements the services send while
previewing and assigning by risk level, and the survey recipients' query, are explained as in
test_query_plans. On top of its check (no large table read whole), the features are read only
through the indexes that lead with the day: the newest day from one end of an index, that day's
youth at the level from a range of another — never a walk over every day's rows.
"""

import asyncio
import sqlite3
from collections.abc import AsyncIterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from mb.adapters.db.engine import create_engine, session_factory
from mb.adapters.db.unit_of_work import SqlaUnitOfWork
from mb.bootstrap import Services, build_services
from mb.config import Settings
from mb.domain.model.daily_features import DayRange
from mb.domain.model.risk import RiskLevel
from mb.domain.model.youth_filter import YouthFilter
from tests.contract.test_query_plans import ADMIN, full_scans, known, plan, recorded
from tests.contract.test_query_plans import _seed as seed_programme

FEATURE_DAYS = 3
LAST_DAY = date(2026, 11, 27)  # the plans test's demo window ends here
NOW = datetime(2026, 11, 28, 9, 0, tzinfo=UTC)
FEATURES = "student_daily_features"


@pytest.fixture(scope="module", params=["fresh", "analyzed"])
def database(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The plans test's demo programme with its last days of features."""
    path = tmp_path_factory.mktemp(f"risk-plans-{request.param}") / "mb.db"
    asyncio.run(_seed_with_features(path))
    if request.param == "analyzed":
        with sqlite3.connect(path) as connection:
            connection.execute("ANALYZE")
    return path


async def _seed_with_features(path: Path) -> None:
    await seed_programme(path)
    services = build_services(Settings(database_url=f"sqlite+aiosqlite:///{path}", mb_data_dir=path.parent))
    try:
        first = LAST_DAY - timedelta(days=FEATURE_DAYS - 1)
        await services.feature_sync.sync(None, DayRange(first, LAST_DAY))
    finally:
        await services.aclose()


@pytest.fixture
async def services(database: Path) -> AsyncIterator[Services]:
    built = build_services(
        Settings(database_url=f"sqlite+aiosqlite:///{database}", mb_data_dir=database.parent)
    )
    yield built
    await built.aclose()


def commonest_level(database: Path) -> RiskLevel:
    """The level most youth have on the newest day, so the filter reaches someone."""
    (level,) = known(
        database,
        f"SELECT risk_level FROM {FEATURES} WHERE feature_date = (SELECT max(feature_date) FROM {FEATURES}) "
        "GROUP BY risk_level ORDER BY count(*) DESC LIMIT 1",
    )
    return RiskLevel(level)


def assert_features_read_by_day(database: Path, statements: list[tuple[str, object]]) -> None:
    reading = [(s, p) for s, p in statements if FEATURES in s]
    assert reading, "the risk level was not asked of the features"
    assert full_scans(database, statements) == []
    for statement, parameters in reading:
        shown = plan(database, statement, parameters)
        assert f"SCAN {FEATURES}" not in shown, shown
        assert "ix_student_daily_features_day_level (feature_date=? AND risk_level=?)" in shown, shown


async def test_previewing_and_assigning_by_risk_level_read_one_days_rows_by_index(
    database: Path, services: Services
) -> None:
    (module_id,) = known(database, "SELECT id FROM modules ORDER BY id DESC LIMIT 1")
    youth = YouthFilter(risk_level=commonest_level(database))

    with recorded() as statements:
        assert (await services.learning.preview_assignment(ADMIN, module_id, youth)).matching > 0
        assert await services.learning.assign(ADMIN, module_id, youth) > 0

    assert_features_read_by_day(database, statements)


async def test_survey_recipients_at_a_risk_level_are_found_by_index(database: Path) -> None:
    (region,) = known(database, "SELECT region FROM mb_users WHERE role = 'youth' LIMIT 1")
    engine = create_engine(f"sqlite+aiosqlite:///{database}")
    youth = YouthFilter(region=region, risk_level=commonest_level(database))
    try:
        with recorded() as statements:
            async with SqlaUnitOfWork(session_factory(engine)) as uow:
                assert await uow.invitations.youth_recipients(youth, 0, NOW)
    finally:
        await engine.dispose()

    assert_features_read_by_day(database, statements)
