"""The feature sync on fakes: assessed, stored in batches, resumable, honest about failures."""

import asyncio
from datetime import date, timedelta

import pytest

from mb.bootstrap import Services
from mb.config import Settings
from mb.domain.errors import PermissionDenied, Unavailable
from mb.domain.model.daily_features import DayRange
from mb.domain.model.insights import BoardQuery
from mb.domain.model.risk import RiskLevel, RiskReasonCode
from mb.domain.model.user import Actor, User
from tests.conftest import PASSWORD
from tests.fakes import FakeBlobStore, FakeClock, Store, fake_services, make_settings
from tests.fakes_cache import FakeCache
from tests.fakes_features import FakeFeatureSource, features

DAY = date(2026, 11, 27)


@pytest.fixture
def source(feature_source: FakeFeatureSource) -> FakeFeatureSource:
    return feature_source


@pytest.fixture
def settings() -> Settings:
    """The services' settings here: batches of 100 rows, so a sync can stop part-way."""
    return make_settings(mb_features_batch_rows=100)


@pytest.fixture
async def youth(register: object) -> list[User]:
    return [await register(f"youth{n}@example.org") for n in range(3)]  # type: ignore[operator]


def ids(youth: list[User]) -> list[int]:
    return [person.id for person in youth if person.id is not None]


async def test_a_sync_stores_every_row_with_its_risk_and_says_when(
    services: Services, source: FakeFeatureSource, youth: list[User], admin: Actor, clock: FakeClock
) -> None:
    quiet, fine, _ = ids(youth)
    source.rows = [features(quiet, DAY, days_inactive=20, quiz_attempts=0, career_survey_done=False)]
    source.rows += [features(user_id, DAY) for user_id in ids(youth)[1:]]

    report = await services.feature_sync.sync(None)

    assert (report.rows, report.days) == (3, (DAY,))
    board = await services.insights.at_risk(admin, BoardQuery())
    assert board.day == DAY and board.total == 3
    top = board.rows[0]
    assert (top.user_id, top.score, top.level) == (quiet, 5, RiskLevel.MEDIUM)
    assert [reason.code for reason in top.reasons] == [
        RiskReasonCode.INACTIVE_LONG,
        RiskReasonCode.NO_QUIZ_OR_CAREER,
    ]
    state = await services.feature_sync.state()
    assert (state.last_synced_at, state.rows_last_sync, state.last_error) == (clock.now(), 3, "")
    assert state.latest_day == DAY
    overview = await services.insights.overview(admin)
    assert overview.latest is not None and (overview.latest.youth, overview.latest.medium) == (3, 1)
    assert fine in {row.user_id for row in board.rows}


async def test_the_next_sync_reads_only_what_is_newer_than_the_watermark(
    services: Services, source: FakeFeatureSource, youth: list[User]
) -> None:
    first, second, third = ids(youth)
    source.rows = [features(first, DAY), features(second, DAY)]
    await services.feature_sync.sync(None)
    # Same timestamp, a later youth: after the watermark in (timestamp, user, day) order.
    source.rows.append(features(third, DAY))

    again = await services.feature_sync.sync(None)

    assert again.rows == 1
    assert source.reads[-1][0] is not None and source.reads[-1][0].user_id == second
    assert (await services.feature_sync.sync(None)).rows == 0


async def test_a_sync_that_stops_half_way_keeps_what_it_stored_and_resumes_there(
    services: Services, source: FakeFeatureSource, youth: list[User], admin: Actor
) -> None:
    days = [DAY - timedelta(days=n) for n in range(90)]
    source.rows = [features(user_id, day) for user_id in ids(youth) for day in days]
    source.fail_after_batches = 2  # batches of 100 in (timestamp, youth, day) order, then it stops
    last = ids(youth)[-1]

    with pytest.raises(Unavailable):
        await services.feature_sync.sync(None)

    state = await services.feature_sync.state()
    assert state.stale and "part-way" in state.last_error and state.last_synced_at is None
    assert state.watermark is not None and state.watermark.user_id == last
    assert len(await services.insights.youth_risk(admin, last, days=90)) == 20
    source.fail_after_batches = None

    resumed = await services.feature_sync.sync(None)

    assert resumed.rows == 70
    assert len(await services.insights.youth_risk(admin, last, days=90)) == 90
    assert not (await services.feature_sync.state()).stale


async def test_an_unreachable_source_leaves_the_stored_figures_and_marks_them_stale(
    services: Services, source: FakeFeatureSource, youth: list[User], admin: Actor, clock: FakeClock
) -> None:
    source.rows = [features(user_id, DAY) for user_id in ids(youth)]
    await services.feature_sync.sync(None)
    synced_at = clock.now()
    clock.advance(hours=1)
    source.down = True

    with pytest.raises(Unavailable, match="cannot be reached"):
        await services.feature_sync.sync(None)

    freshness = await services.insights.freshness(admin)
    assert freshness.stale and freshness.last_synced_at == synced_at and freshness.day == DAY
    assert (await services.insights.at_risk(admin, BoardQuery())).total == 3


async def test_reading_a_range_again_replaces_those_days_without_moving_the_watermark(
    services: Services, source: FakeFeatureSource, youth: list[User], admin: Actor
) -> None:
    user_id = ids(youth)[0]
    source.rows = [features(user_id, DAY)]
    await services.feature_sync.sync(None)
    watermark = (await services.feature_sync.state()).watermark
    earlier = DAY - timedelta(days=7)
    source.rows = [features(user_id, earlier, days_inactive=9), features(user_id, DAY, days_inactive=9)]

    report = await services.feature_sync.sync(None, DayRange(earlier, DAY))

    assert report.days == (earlier, DAY)
    assert (await services.feature_sync.state()).watermark == watermark
    row = (await services.insights.at_risk(admin, BoardQuery())).rows[0]
    assert (row.score, row.score_7_days_ago, row.trend) == (3, 3, 0)


async def test_the_risk_follows_the_weights_in_the_settings(
    store: Store, clock: FakeClock, blobs: FakeBlobStore, source: FakeFeatureSource, youth: list[User]
) -> None:
    services = fake_services(
        store, clock, blobs, settings=make_settings(mb_risk_inactive_over_7=6), features=source
    )
    user_id = ids(youth)[0]
    source.rows = [features(user_id, DAY, days_inactive=8)]
    boss = await services.accounts.ensure_first_admin("boss@example.org", PASSWORD, "Boss")
    assert boss is not None

    await services.feature_sync.sync(None)

    row = (await services.insights.at_risk(Actor.of(boss), BoardQuery())).rows[0]
    assert (row.score, row.level) == (6, RiskLevel.MEDIUM)


async def test_a_sync_clears_the_cached_figures(
    services: Services, source: FakeFeatureSource, youth: list[User], admin: Actor, cache: FakeCache
) -> None:
    first, second, _ = ids(youth)
    source.rows = [features(first, DAY)]
    await services.feature_sync.sync(None)
    assert (await services.insights.overview(admin)).latest.youth == 1  # type: ignore[union-attr]
    source.rows.append(features(second, DAY))

    await services.feature_sync.sync(None)

    assert (await services.insights.overview(admin)).latest.youth == 2  # type: ignore[union-attr]
    assert cache.clears >= 2


async def test_only_admins_sync_from_the_app_and_it_is_audited(
    services: Services,
    source: FakeFeatureSource,
    youth: list[User],
    admin: Actor,
    mentor: Actor,
    store: Store,
) -> None:
    with pytest.raises(PermissionDenied):
        await services.feature_sync.sync(mentor)
    source.rows = [features(ids(youth)[0], DAY)]

    await services.feature_sync.sync(admin)

    assert store.audit[-1].action == "features.synced" and store.audit[-1].details["rows"] == 1


async def test_two_syncs_at_once_run_one_after_the_other(
    services: Services, source: FakeFeatureSource, youth: list[User]
) -> None:
    source.rows = [features(user_id, DAY) for user_id in ids(youth)]

    reports = await asyncio.gather(services.feature_sync.sync(None), services.feature_sync.sync(None))

    assert sorted(report.rows for report in reports) == [0, 3]


async def test_serve_syncs_nightly_and_every_few_minutes_as_set(
    store: Store, clock: FakeClock, blobs: FakeBlobStore
) -> None:
    from mb.daily_jobs import start_daily_jobs

    cases = [
        ("", 0, []),
        ("01:30", 0, ["daily feature sync"]),
        ("", 15, ["feature sync every few minutes"]),
        ("01:30", 60, ["daily feature sync", "feature sync every few minutes"]),
    ]
    for daily_at, every, expected in cases:
        settings = make_settings(
            mb_backup_daily_at="",
            mb_survey_reminders_at="",
            mb_features_daily_at=daily_at,
            mb_features_every_minutes=every,
        )
        tasks = start_daily_jobs(fake_services(store, clock, blobs, settings))
        assert [task.get_name() for task in tasks] == expected
        for task in tasks:
            task.cancel()


async def test_the_frequent_sync_runs_each_interval_and_outlives_a_failure(
    caplog: pytest.LogCaptureFixture,
) -> None:
    from mb.schedule import every_interval

    slept: list[float] = []
    runs = 0

    async def sleep(seconds: float) -> None:
        slept.append(seconds)
        if len(slept) == 4:
            raise asyncio.CancelledError

    async def job() -> None:
        nonlocal runs
        runs += 1
        if runs == 2:
            raise Unavailable("The feature source cannot be reached.")

    with pytest.raises(asyncio.CancelledError):
        await every_interval("feature sync", 900, job, first_after_s=30, sleep=sleep)

    assert slept == [30, 900, 900, 900] and runs == 3
    failures = [r for r in caplog.records if r.getMessage() == "schedule.failed"]
    assert len(failures) == 1
