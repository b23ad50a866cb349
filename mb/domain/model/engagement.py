"""Points, badges and streaks: what a youth has earned, each piece traceable to what earned it."""

from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum


class PointReason(StrEnum):
    MODULE_STARTED = "module_started"
    MILESTONE = "milestone"  # each 25 % of a module
    MODULE_COMPLETED = "module_completed"
    QUIZ_PASSED = "quiz_passed"
    SURVEY_ANSWERED = "survey_answered"
    STREAK_BONUS = "streak_bonus"
    ADJUSTMENT = "adjustment"  # by an admin, with a reason


@dataclass
class PointsEntry:
    """One line of the append-only points ledger.

    `key` names what was awarded (`milestone:12:50`): a youth holds each key once, which is what
    makes replaying an event harmless. `note` carries what the reason needs to be explained: the
    milestone's percent, the streak's length, or an admin's reason for an adjustment.
    """

    user_id: int
    amount: int
    reason: PointReason
    key: str
    at: datetime
    source_event_id: int | None = None
    module_id: int | None = None
    note: str = ""
    awarded_by: int | None = None
    id: int | None = None


@dataclass(frozen=True)
class BadgeAward:
    user_id: int
    badge: str
    earned_at: datetime
    source_event_id: int | None = None


@dataclass
class Streak:
    """Consecutive days with learning activity, counted in the programme's time zone."""

    user_id: int
    current: int = 0
    best: int = 0
    started_on: date | None = None
    last_active_on: date | None = None


class Period(StrEnum):
    WEEK = "week"
    MONTH = "month"
    ALL_TIME = "all_time"


@dataclass(frozen=True)
class RankedStanding:
    """A youth's place in a leaderboard period, as storage returns it (before privacy).

    `position` counts every place (most points first, ties by user id: 1, 2, 3, 4); `rank` is
    what the board shows, shared by equal points (1, 2, 2, 4).
    """

    position: int
    rank: int
    user_id: int
    full_name: str
    region: str
    shows_name: bool
    points: int


@dataclass(frozen=True)
class Ranking:
    """The part of a leaderboard a page shows: the first places and those around the viewer."""

    rows: tuple[RankedStanding, ...]  # by position
    viewer: RankedStanding | None  # the viewer's own place, when ranked
    ranked: int  # how many youth are ranked in all
