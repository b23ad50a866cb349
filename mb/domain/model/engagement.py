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
class Standing:
    """A youth's points in a leaderboard period, as storage returns them (before privacy)."""

    user_id: int
    full_name: str
    region: str
    shows_name: bool
    points: int
