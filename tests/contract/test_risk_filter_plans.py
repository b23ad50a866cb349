"""Filtering youth by risk level reads the newest day's rows through an index (SQLite).

The demo programme with a few days of daily features; the statements the services send while
previewing and assigning by risk level, and the survey recipients' query, are explained as in
test_query_plans. On top of its check (no large table read whole), the features are read only
through the indexes that lead with the day: the newest day from one end of an index, that day's
youth at the level from a range of another — never a walk over every day's rows.
"""

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from mb.adapters.db.engine import create_engine, session_factory
from mb.adapters.db.unit_of_work import SqlaUnitOfWork
from mb.bootstrap import Services
from mb.domain.model.daily_features import DayRange
from mb.domain.model.risk import RiskLevel
from mb.domain.model.youth_filter import YouthFilter
from tests.contract.query_plan_databases import (
    FRESH_AND_ANALYZED,
    LAST_DAY,
    a_plans_database,
    seed_programme,
    services_on,
    services_on_the_database,  # noqa: F401  (the `services` fixture, found by name)
)
from tests.contract.test_query_plans import ADMIN, full_scans, known, plan, recorded

FEATURE_DAYS = 3
NOW = datetime(2026, 11, 28, 9, 0, tzinfo=UTC)
FEATURES = "student_daily_features"


@pytest.fixture(scope="module", params=FRESH_AND_ANALYZED)
def database(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The plans test's demo programme with its last days of features."""
    return a_plans_database(request, tmp_path_factory, "risk-plans", _seed_with_features)


async def _seed_with_features(path: Path) -> None:
    await seed_programme(path)
    services = services_on(path)
    try:
        first = LAST_DAY - timedelta(days=FEATURE_DAYS - 1)
        await services.feature_sync.sync(None, DayRange(first, LAST_DAY))
    finally:
        await services.aclose()


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
