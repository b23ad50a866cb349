"""The local FeatureSource computes exactly the hand-worked features, on SQLite and PostgreSQL."""

import asyncio
from collections.abc import AsyncIterator, Iterator, Sequence
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy.ext.asyncio import AsyncEngine, create_async_engine

from mb.adapters.db.engine import create_engine
from mb.adapters.db.migrate import upgrade
from mb.adapters.features.local import SqlFeatureSource
from mb.adapters.features.programme_day import ProgrammeDay
from mb.domain.errors import Unavailable
from mb.domain.model.daily_features import DailyFeatures, DayRange, FeatureWatermark
from tests.contract.feature_fixtures import (
    ASHA,
    BILAL,
    CHITRA,
    DEV,
    ESHA,
    GITA,
    HARI,
    NEXT,
    D,
    FeatureFixture,
    build_feature_fixture,
)
from tests.fakes import FakeClock
from tests.servers.postgres import fresh_database


@pytest.fixture(scope="module", params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def database(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[str, FeatureFixture]]:
    """One database per backend for the module, the programme written once: the source only reads."""
    if request.param == "sqlite":
        url = f"sqlite+aiosqlite:///{tmp_path_factory.mktemp('features') / 'mb.db'}"
        yield url, asyncio.run(_written(url))
        return
    with fresh_database("mb_features") as url:
        yield url, asyncio.run(_written(url))


async def _written(url: str) -> FeatureFixture:
    engine = create_engine(url)
    try:
        await upgrade(engine)
        return await build_feature_fixture(engine)
    finally:
        await engine.dispose()


@pytest.fixture
async def engine(database: tuple[str, FeatureFixture]) -> AsyncIterator[AsyncEngine]:
    # Made on the test's own event loop (asyncpg connections belong to one loop).
    engine = create_engine(database[0])
    yield engine
    await engine.dispose()


@pytest.fixture
def programme(database: tuple[str, FeatureFixture]) -> FeatureFixture:
    return database[1]


def a_source(
    engine: AsyncEngine, programme: FeatureFixture, clock: FakeClock | None = None
) -> SqlFeatureSource:
    return SqlFeatureSource(engine, clock or FakeClock(programme.computed_at), programme.timezone)


async def read(
    source: SqlFeatureSource,
    days: DayRange | None = None,
    after: FeatureWatermark | None = None,
    batch_rows: int = 100,
) -> list[Sequence[DailyFeatures]]:
    return [batch async for batch in source.batches(after, days, batch_rows)]


def flat(batches: list[Sequence[DailyFeatures]]) -> list[DailyFeatures]:
    return [row for batch in batches for row in batch]


@pytest.mark.parametrize("day", [D, NEXT])
async def test_each_day_gives_the_hand_worked_features(
    engine: AsyncEngine, programme: FeatureFixture, day: date
) -> None:
    rows = flat(await read(a_source(engine, programme), DayRange(day, day)))

    expected = programme.expected[day]
    assert [row.user_id for row in rows] == [row.user_id for row in expected]
    for got, want in zip(rows, expected, strict=True):
        assert got == want, f"youth {want.user_id} on {day}"


async def test_a_range_comes_day_by_day_in_batches_of_at_most_batch_rows(
    engine: AsyncEngine, programme: FeatureFixture
) -> None:
    batches = await read(a_source(engine, programme), DayRange(D, NEXT), batch_rows=2)

    # Six youth on D, seven the day after: a day's last batch is never topped up from the next.
    assert [len(batch) for batch in batches] == [2, 2, 2, 2, 2, 2, 1]
    assert all(len({row.feature_date for row in batch}) == 1 for batch in batches)
    assert flat(batches) == [*programme.expected[D], *programme.expected[NEXT]]


async def test_without_days_it_computes_from_the_watermark_day_to_today(
    engine: AsyncEngine, programme: FeatureFixture
) -> None:
    after = FeatureWatermark(datetime(2026, 3, 10, 20, 0, tzinfo=UTC), BILAL, D)

    rows = flat(await read(a_source(engine, programme), after=after))

    # The clock reads 19:00 UTC on the 11th: already the 12th in the programme's time zone.
    today = date(2026, 3, 12)
    assert sorted({row.feature_date for row in rows}) == [D, NEXT, today]
    assert [row for row in rows if row.feature_date != today] == [
        *programme.expected[D],
        *programme.expected[NEXT],
    ]
    assert {row.feature_timestamp for row in rows} == {programme.computed_at}


async def test_without_a_watermark_it_computes_today_only(
    engine: AsyncEngine, programme: FeatureFixture
) -> None:
    rows = flat(await read(a_source(engine, programme)))

    assert {row.feature_date for row in rows} == {date(2026, 3, 12)}
    by_youth = {row.user_id: row for row in rows}
    assert sorted(by_youth) == [ASHA, BILAL, CHITRA, DEV, ESHA, GITA, HARI]
    assert by_youth[CHITRA].streak_days == 6  # learnt until the 11th: alive on the 12th
    assert by_youth[BILAL].streak_days == 0  # learnt on the 10th only: a whole day has passed
    assert by_youth[BILAL].days_inactive == 2


async def test_recomputing_gives_the_same_features_stamped_with_the_new_time(
    engine: AsyncEngine, programme: FeatureFixture
) -> None:
    clock = FakeClock(programme.computed_at)
    source = a_source(engine, programme, clock)
    first = flat(await read(source, DayRange(D, NEXT)))
    clock.advance(hours=5)

    again = flat(await read(source, DayRange(D, NEXT)))

    assert {row.feature_timestamp for row in again} == {clock.now()}
    assert [_without_time(row) for row in again] == [_without_time(row) for row in first]


async def test_ping_says_where_the_features_come_from(engine: AsyncEngine, programme: FeatureFixture) -> None:
    assert (await a_source(engine, programme).ping()).startswith("computed from the app's tables")


async def test_batch_rows_must_be_positive(engine: AsyncEngine, programme: FeatureFixture) -> None:
    with pytest.raises(ValueError, match="batch_rows"):
        await read(a_source(engine, programme), DayRange(D, D), batch_rows=0)


@pytest.mark.parametrize(
    "url",
    [
        "postgresql+asyncpg://postgres@127.0.0.1:9/nowhere",  # the discard port: nothing listens
        "sqlite+aiosqlite:///{folder}/not-a-database.db",
    ],
    ids=["postgres", "sqlite"],
)
async def test_an_unreachable_or_unreadable_database_makes_the_source_unavailable(
    url: str, tmp_path: Path
) -> None:
    (tmp_path / "not-a-database.db").write_bytes(b"these are not the pages of a database" * 200)
    engine = create_async_engine(url.format(folder=tmp_path))
    source = SqlFeatureSource(engine, FakeClock(), "Asia/Kolkata")
    try:
        with pytest.raises(Unavailable, match="Daily features could not be computed") as raised:
            await read(source, DayRange(D, D))
        assert "Check that the database is running" in raised.value.message
        with pytest.raises(Unavailable):
            await source.ping()
    finally:
        await engine.dispose()


@pytest.mark.parametrize(
    ("zone", "day", "offset", "ends"),
    [
        ("Asia/Kolkata", date(2026, 3, 10), 330, datetime(2026, 3, 10, 18, 30, tzinfo=UTC)),
        ("Europe/London", date(2026, 7, 1), 60, datetime(2026, 7, 1, 23, 0, tzinfo=UTC)),
        ("America/Sao_Paulo", date(2026, 7, 1), -180, datetime(2026, 7, 2, 3, 0, tzinfo=UTC)),
    ],
)
def test_a_programme_day_is_bounded_by_its_local_midnights(
    zone: str, day: date, offset: int, ends: datetime
) -> None:
    bounds = ProgrammeDay.of(day, ZoneInfo(zone))

    assert bounds.utc_offset_minutes == offset
    assert bounds.ends == ends
    assert bounds.starts() == ends - timedelta(days=1)
    assert bounds.starts(29) == ends - timedelta(days=30)
    assert bounds.number == (day - date(1970, 1, 1)).days


def _without_time(row: DailyFeatures) -> tuple[object, ...]:
    return tuple(value for name, value in vars(row).items() if name != "feature_timestamp")
