"""What the achievements and leaderboard pages show, assembled by the services."""

from dataclasses import dataclass
from datetime import datetime

from mb.domain.model.engagement import Period, PointsEntry
from mb.domain.rules.badges import BadgeRule
from mb.domain.rules.levels import LevelProgress

ANONYMOUS = "Anonymous learner"


@dataclass(frozen=True)
class BadgeView:
    rule: BadgeRule
    earned_at: datetime | None  # None: not earned yet; `rule.earned_by` says how


@dataclass(frozen=True)
class PointsHistory:
    """A page of the ledger, newest first, with what it needs to explain each line."""

    entries: tuple[PointsEntry, ...]
    total_entries: int
    module_titles: dict[int, str]


@dataclass(frozen=True)
class Achievements:
    points: int
    level: LevelProgress
    streak_current: int
    streak_best: int
    badges: tuple[BadgeView, ...]
    history: PointsHistory


@dataclass(frozen=True)
class LeaderboardRow:
    """One place on the leaderboard. `name` is already the anonymous label for youth who did
    not opt in: their real name never leaves the service."""

    rank: int
    name: str
    region: str
    points: int
    is_you: bool


@dataclass(frozen=True)
class Leaderboard:
    period: Period
    region: str | None  # None: programme-wide
    rows: tuple[LeaderboardRow, ...]
    you: LeaderboardRow | None  # the viewing youth's own place, when ranked
    ranked: int  # how many youth have points in this period and scope
