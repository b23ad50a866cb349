"""What the insights service hands the pages besides the rules' own results."""

from dataclasses import dataclass
from datetime import date, datetime

from mb.domain.model.insight_views import NextAction
from mb.domain.model.insights import BoardRow, DayTotals


@dataclass(frozen=True)
class Freshness:
    """How current the insights are: the newest features day and whether the last sync failed."""

    source: str
    day: date | None
    last_synced_at: datetime | None
    stale_reason: str = ""  # empty: the last sync finished

    @property
    def stale(self) -> bool:
        return bool(self.stale_reason)


@dataclass(frozen=True)
class Overview:
    day: date | None
    latest: DayTotals | None
    week_before: DayTotals | None  # for the change over 7 days
    trend: tuple[DayTotals, ...]  # up to 90 days, oldest first
    interventions_30_days: int
    interventions_30_days_week_before: int  # the same count, as it stood 7 days ago


@dataclass(frozen=True)
class CaseloadEntry:
    row: BoardRow
    action: NextAction


@dataclass(frozen=True)
class Caseload:
    day: date | None
    entries: tuple[CaseloadEntry, ...]
    total: int
