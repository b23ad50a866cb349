"""Jobs that run inside `mb serve`: once a day at a local time (the daily backup), or every so often."""

import asyncio
import logging
from collections.abc import Awaitable, Callable
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from mb.domain.errors import DomainError

log = logging.getLogger("mb.schedule")
Sleep = Callable[[float], Awaitable[None]]


def next_run(now: datetime, at: time, zone: ZoneInfo) -> datetime:
    """The first moment after `now` when the local clock in `zone` shows `at`."""
    local = now.astimezone(zone)
    candidate = datetime.combine(local.date(), at, zone)
    if candidate <= local:
        candidate = datetime.combine(local.date() + timedelta(days=1), at, zone)
    return candidate


async def every_day(
    name: str,
    at: time,
    zone: ZoneInfo,
    job: Callable[[], Awaitable[object]],
    *,
    now: Callable[[], datetime],
    sleep: Sleep = asyncio.sleep,
) -> None:
    """Run `job` every day at `at` until cancelled. A failed run is logged and the next day's
    run still happens: one bad night must not end the schedule."""
    while True:
        due = next_run(now(), at, zone)
        await sleep(max((due - now()).total_seconds(), 0.0))
        await run_once(name, job)


async def every_interval(
    name: str,
    seconds: float,
    job: Callable[[], Awaitable[object]],
    *,
    first_after_s: float | None = None,
    sleep: Sleep = asyncio.sleep,
) -> None:
    """Run `job` every `seconds` until cancelled: first after `first_after_s` (default: one
    interval), so a freshly started server need not wait a whole interval."""
    await sleep(seconds if first_after_s is None else first_after_s)
    while True:
        await run_once(name, job)
        await sleep(seconds)


async def run_once(name: str, job: Callable[[], Awaitable[object]]) -> None:
    """One run of a scheduled job; its failure is logged, never raised into the schedule."""
    try:
        await job()
    except DomainError as error:
        log.error("schedule.failed", extra={"job": name, "reason": error.message})
    except Exception:
        log.exception("schedule.failed", extra={"job": name})
    else:
        log.info("schedule.done", extra={"job": name})
