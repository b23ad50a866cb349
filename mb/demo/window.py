"""The stretch of days the demo programme has been running, in the programme's time zone."""

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from functools import cached_property
from zoneinfo import ZoneInfo


@dataclass(frozen=True)
class Window:
    """`days` whole days ending with `last_day` (inclusive); day 0 is the first."""

    last_day: date
    days: int
    timezone: str = "Asia/Kolkata"

    @cached_property
    def first_day(self) -> date:
        return self.last_day - timedelta(days=self.days - 1)

    @cached_property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    @cached_property
    def _midnights(self) -> tuple[datetime, ...]:
        return tuple(self._midnight(i) for i in range(self.days))

    def day(self, index: int) -> date:
        return self.first_day + timedelta(days=index)

    def at(self, index: int, minute_of_day: int) -> datetime:
        """A moment of day `index` (minutes after local midnight), in UTC as the database keeps it."""
        midnight = self._midnights[index] if 0 <= index < self.days else self._midnight(index)
        return (midnight + timedelta(minutes=minute_of_day)).astimezone(UTC)

    def index_of(self, moment: datetime) -> int:
        return (moment.astimezone(self.zone).date() - self.first_day).days

    def _midnight(self, index: int) -> datetime:
        return datetime.combine(self.day(index), time(), self.zone)
