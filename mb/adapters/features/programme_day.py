"""A programme day as the SQL sees it: its local-day number and the UTC instants around it.

Bounds are computed here, in Python, and bound as parameters, so range conditions on the
stored (naive UTC) timestamps can use their indexes.
"""

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

EPOCH_DAY = date(1970, 1, 1)


def utc_offset_minutes(day: date, zone: ZoneInfo) -> int:
    """The zone's UTC offset on `day` (taken at local noon, clear of any clock change at night)."""
    offset = datetime.combine(day, time(12), tzinfo=zone).utcoffset()
    assert offset is not None  # a ZoneInfo always knows its offset
    return int(offset.total_seconds()) // 60


def today(now: datetime, zone: ZoneInfo) -> date:
    """The programme's calendar day at the moment `now`."""
    return now.astimezone(zone).date()


@dataclass(frozen=True)
class ProgrammeDay:
    """Day D with the offset every local day of its query is taken with."""

    day: date
    utc_offset_minutes: int

    @classmethod
    def of(cls, day: date, zone: ZoneInfo) -> "ProgrammeDay":
        return cls(day, utc_offset_minutes(day, zone))

    def starts(self, days_before: int = 0) -> datetime:
        """The UTC instant local day D - `days_before` begins."""
        local_midnight = datetime.combine(self.day - timedelta(days=days_before), time(), tzinfo=UTC)
        return local_midnight - timedelta(minutes=self.utc_offset_minutes)

    @property
    def ends(self) -> datetime:
        """The UTC instant D ends: "by D" means strictly before it."""
        return self.starts(-1)

    @property
    def number(self) -> int:
        """Days since 1970-01-01, the unit the SQL counts local days in."""
        return (self.day - EPOCH_DAY).days
