"""Streaks: consecutive local days with learning activity."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from mb.domain.model.engagement import Streak


def local_day(at: datetime, zone: ZoneInfo) -> date:
    """The programme's calendar day of a moment: 23:59 and 00:01 local are two days."""
    return at.astimezone(zone).date()


def extend(streak: Streak, day: date) -> bool:
    """Count learning on `day`; returns whether the streak grew (a new day was added).

    A day already counted, or earlier than the last one counted, changes nothing.
    """
    last = streak.last_active_on
    if last is not None and day <= last:
        return False
    if last is not None and day == last + timedelta(days=1):
        streak.current += 1
    else:
        streak.current = 1
        streak.started_on = day
    streak.last_active_on = day
    streak.best = max(streak.best, streak.current)
    return True


def current_length(streak: Streak | None, today: date) -> int:
    """The streak as the youth sees it today: alive until a whole day passes without learning."""
    if streak is None or streak.last_active_on is None:
        return 0
    return streak.current if streak.last_active_on >= today - timedelta(days=1) else 0
