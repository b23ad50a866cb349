"""Backups from the system page and the daily schedule, on fakes; the schedule's timing."""

import asyncio
from datetime import UTC, datetime, time
from zoneinfo import ZoneInfo

import pytest

from mb.bootstrap import Services
from mb.domain.errors import NotFound, PermissionDenied, Unavailable
from mb.domain.model.user import Actor
from mb.schedule import every_day, next_run
from tests.fakes import FakeBlobStore, FakeClock, FakeDatabaseBackups, Store, fake_services, make_settings

IST = ZoneInfo("Asia/Kolkata")


@pytest.fixture
def backups(clock: FakeClock) -> FakeDatabaseBackups:
    return FakeDatabaseBackups(clock)


@pytest.fixture
def services(store: Store, clock: FakeClock, blobs: FakeBlobStore, backups: FakeDatabaseBackups) -> Services:
    settings = make_settings(mb_backup_upload=True, mb_backup_keep_days=9)
    return fake_services(store, clock, blobs, settings, backups)


async def test_an_admin_backs_up_now_with_the_settings_retention_and_it_is_audited(
    services: Services, admin: Actor, backups: FakeDatabaseBackups, store: Store
) -> None:
    taken = await services.backups.back_up(admin)
    assert backups.taken == [(True, 9)]
    assert [c.name for c in await services.backups.copies(admin)] == [taken.copy.name]
    entry = store.audit[-1]
    assert (entry.action, entry.actor_id, entry.target_id) == ("backup.taken", admin.user_id, taken.copy.name)
    assert entry.details == {"rows": 3, "uploaded": True, "removed": 0}


async def test_the_schedule_backs_up_as_nobody_in_particular(
    services: Services, admin: Actor, store: Store
) -> None:
    await services.backups.back_up(None)
    assert store.audit[-1].action == "backup.taken" and store.audit[-1].actor_id is None


async def test_a_failed_backup_says_why_and_records_nothing(
    services: Services, admin: Actor, backups: FakeDatabaseBackups, store: Store
) -> None:
    backups.failing = "No space left on device"
    audited = len(store.audit)
    with pytest.raises(Unavailable, match="No space left on device"):
        await services.backups.back_up(admin)
    assert len(store.audit) == audited and await services.backups.copies(admin) == []


async def test_only_admins_back_up_list_or_download(services: Services, mentor: Actor, admin: Actor) -> None:
    taken = await services.backups.back_up(admin)
    for action in (
        services.backups.back_up(mentor),
        services.backups.copies(mentor),
        services.backups.download(mentor, taken.copy.name),
    ):
        with pytest.raises(PermissionDenied):
            await action


async def test_downloads_are_audited_and_only_of_known_copies(
    services: Services, admin: Actor, store: Store
) -> None:
    taken = await services.backups.back_up(admin)
    assert await services.backups.download(admin, taken.copy.name) == f"/backups/{taken.copy.name}"
    assert store.audit[-1].action == "backup.downloaded"
    with pytest.raises(NotFound):
        await services.backups.download(admin, "../data/mb_app.db")


@pytest.mark.parametrize(
    ("now", "expected"),
    [
        (datetime(2026, 11, 28, 1, 0, tzinfo=IST), datetime(2026, 11, 28, 2, 30, tzinfo=IST)),
        (datetime(2026, 11, 28, 2, 30, tzinfo=IST), datetime(2026, 11, 29, 2, 30, tzinfo=IST)),
        (datetime(2026, 11, 28, 23, 0, tzinfo=IST), datetime(2026, 11, 29, 2, 30, tzinfo=IST)),
        # 21:30 UTC on the 27th is already 03:00 on the 28th in India.
        (datetime(2026, 11, 27, 21, 30, tzinfo=UTC), datetime(2026, 11, 29, 2, 30, tzinfo=IST)),
        (datetime(2026, 12, 31, 22, 0, tzinfo=IST), datetime(2027, 1, 1, 2, 30, tzinfo=IST)),
    ],
)
def test_the_next_run_is_the_next_time_the_local_clock_shows_the_hour(
    now: datetime, expected: datetime
) -> None:
    assert next_run(now, time(2, 30), IST) == expected


async def test_the_schedule_runs_daily_and_a_failed_night_does_not_end_it(
    caplog: pytest.LogCaptureFixture,
) -> None:
    clock = FakeClock(datetime(2026, 11, 28, 1, 0, tzinfo=IST))
    slept: list[float] = []
    runs: list[datetime] = []

    async def sleep(seconds: float) -> None:
        slept.append(seconds)
        clock.advance(seconds=seconds)
        if len(slept) > 3:
            raise asyncio.CancelledError

    async def job() -> None:
        runs.append(clock.now())
        if len(runs) == 2:
            raise Unavailable("The backup failed: No space left on device")

    with pytest.raises(asyncio.CancelledError):
        await every_day("backup", time(2, 30), IST, job, now=clock.now, sleep=sleep)
    assert slept[0] == 90 * 60 and slept[1:] == [24 * 3600] * 3
    assert [r.astimezone(IST).day for r in runs] == [28, 29, 30]
    failures = [r for r in caplog.records if r.getMessage() == "schedule.failed"]
    assert len(failures) == 1 and failures[0].levelname == "ERROR"


async def test_serve_starts_the_daily_backup_only_when_set_and_possible(
    store: Store, clock: FakeClock, blobs: FakeBlobStore
) -> None:
    from mb.daily_jobs import start_daily_jobs

    cases = [("", None, 0), ("02:30", "this database is PostgreSQL: use pg_dump", 0), ("02:30", None, 1)]
    for daily_at, unsupported, expected in cases:
        backups = FakeDatabaseBackups(clock, unsupported)
        settings = make_settings(
            mb_backup_daily_at=daily_at,
            mb_survey_reminders_at="",
            mb_features_daily_at="",
            mb_features_every_minutes=0,
        )
        tasks = start_daily_jobs(fake_services(store, clock, blobs, settings, backups))
        assert [task.get_name() for task in tasks] == ["daily backup"] * expected
        for task in tasks:
            task.cancel()


def test_the_daily_time_must_be_a_time_of_day() -> None:
    from pydantic import ValidationError

    for wrong in ("2:30", "24:00", "02:60", "noon"):
        with pytest.raises(ValidationError):
            make_settings(mb_backup_daily_at=wrong)
    assert make_settings(mb_backup_daily_at="").mb_backup_daily_at == ""


async def test_serve_sends_survey_reminders_daily_when_a_time_is_set(
    store: Store, clock: FakeClock, blobs: FakeBlobStore
) -> None:
    from mb.daily_jobs import start_daily_jobs

    for reminders_at, expected in (("", []), ("10:00", ["daily survey reminders"])):
        settings = make_settings(
            mb_backup_daily_at="",
            mb_survey_reminders_at=reminders_at,
            mb_features_daily_at="",
            mb_features_every_minutes=0,
        )
        tasks = start_daily_jobs(fake_services(store, clock, blobs, settings))
        assert [task.get_name() for task in tasks] == expected
        for task in tasks:
            task.cancel()
