"""What `mb serve` runs every day by itself: the backup (SQLite only) and survey reminders."""

import asyncio
import logging
from datetime import UTC, datetime, time
from zoneinfo import ZoneInfo

from mb.bootstrap import Services
from mb.schedule import every_day

log = logging.getLogger("mb.schedule")


def start_daily_jobs(services: Services) -> list[asyncio.Task[None]]:
    """Start the daily jobs the settings ask for; the caller cancels the tasks on shutdown."""
    settings = services.settings
    tasks = []
    if settings.mb_backup_daily_at:
        if (reason := services.backups.unsupported_reason()) is not None:
            log.info("schedule.backup_skipped", extra={"reason": reason})
        else:
            at = time.fromisoformat(settings.mb_backup_daily_at)
            job = every_day(
                "backup",
                at,
                ZoneInfo(settings.mb_timezone),
                lambda: services.backups.back_up(None),
                now=lambda: datetime.now(UTC),
            )
            tasks.append(asyncio.create_task(job, name="daily backup"))
            log.info("schedule.started", extra={"job": "backup", "at": settings.mb_backup_daily_at})
    if settings.mb_survey_reminders_at:
        at = time.fromisoformat(settings.mb_survey_reminders_at)
        job = every_day(
            "survey reminders",
            at,
            ZoneInfo(settings.mb_timezone),
            lambda: services.distribution.remind(None),
            now=lambda: datetime.now(UTC),
        )
        tasks.append(asyncio.create_task(job, name="daily survey reminders"))
        log.info("schedule.started", extra={"job": "survey reminders", "at": settings.mb_survey_reminders_at})
    return tasks
