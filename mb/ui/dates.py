"""Dates and times as people read them, in the programme's time zone (MB_TIMEZONE)."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

from mb.ui.i18n import t
from mb.ui.services import services

MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def shown_date(value: date | datetime) -> str:
    """`28 November 2026`; a moment is first moved into the programme's time zone."""
    day = _local(value).date() if isinstance(value, datetime) else value
    return f"{day.day} {t(MONTHS[day.month - 1])} {day.year}"


def shown_moment(value: datetime) -> str:
    """`28 November 2026, 15:00` in the programme's time zone."""
    local = _local(value)
    return f"{shown_date(local)}, {local:%H:%M}"


def _local(value: datetime) -> datetime:
    return value.astimezone(ZoneInfo(services().settings.mb_timezone))
