"""What `mb serve` runs by itself: the daily backup (SQLite only), survey reminders, and the
feature sync (nightly and every so often through the day)."""

import asyncio
import logging
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime, time
from zoneinfo import ZoneInfo

from mb.bootstrap import Services
from mb.schedule import every_day, every_interval

log = logging.getLogger("mb.schedule")
FIRST_SYNC_AFTER_S = 30.0


def start_daily_jobs(services: Services) -> list[asyncio.Task[None]]:
    """Start the daily jobs the settings ask for; the caller cancels the tasks on shutdown."""
    settings = services.settings
    tasks = []
    if settings.mb_backup_daily_at:
        if (reason := services.backups.unsupported_reason()) is not None:
            log.info("schedule.backup_skipped", extra={"reason": reason})
        else:
            tasks.append(
                _daily("backup", settings.mb_backup_daily_at, settings.mb_timezone, services.backups.back_up)
            )
    if settings.mb_survey_reminders_at:
        tasks.append(
            _daily(
                "survey reminders",
                settings.mb_survey_reminders_at,
                settings.mb_timezone,
                services.distribution.remind,
            )
        )
    if settings.mb_features_daily_at:
        sync = services.feature_sync.sync
        tasks.append(_daily("feature sync", settings.mb_features_daily_at, settings.mb_timezone, sync))
    if settings.mb_features_every_minutes:
        minutes = settings.mb_features_every_minutes
        # The first soon after start: a server started in the morning shows today's figures.
        job = every_interval(
            "feature sync",
            minutes * 60.0,
            lambda: services.feature_sync.sync(None),
            first_after_s=min(FIRST_SYNC_AFTER_S, minutes * 60.0),
        )
        log.info("schedule.started", extra={"job": "feature sync", "every_minutes": minutes})
        tasks.append(asyncio.create_task(job, name="feature sync every few minutes"))
    return tasks


def _daily(name: str, at: str, timezone: str, job: Callable[[None], Awaitable[object]]) -> asyncio.Task[None]:
    """Run `job(None)` (None: the operator, not a person) every day at `at`, local time."""
    schedule = every_day(
        name, time.fromisoformat(at), ZoneInfo(timezone), lambda: job(None), now=lambda: datetime.now(UTC)
    )
    log.info("schedule.started", extra={"job": name, "at": at})
    return asyncio.create_task(schedule, name=f"daily {name}")
