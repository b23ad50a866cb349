"""What the insights read from storage and what their pages show."""

from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum
from typing import Any

from mb.domain.model.daily_features import DailyFeatures
from mb.domain.model.intervention import InterventionKind
from mb.domain.model.risk import RiskAssessment, RiskLevel, RiskReason


@dataclass(frozen=True)
class AssessedFeatures:
    """A day's features with the risk MB Compass assessed from them when they were stored."""

    features: DailyFeatures
    risk: RiskAssessment


@dataclass(frozen=True)
class DayTotals:
    """The whole programme (or one mentor's caseload) on one day: the overview's trend points."""

    day: date
    youth: int
    active_7_days: int  # youth with any activity in the last 7 days
    modules_assigned: int
    modules_completed: int
    high: int
    medium: int
    low: int

    @property
    def completion_rate(self) -> float:
        """Completed modules over assigned ones, 0-100."""
        return 100 * self.modules_completed / self.modules_assigned if self.modules_assigned else 0.0


class BoardSort(StrEnum):
    RISK = "risk"  # highest score first, then the longest since last contact
    NEEDS_ME = "needs_me"  # the caseload's order: level, then time since last contact, then score
    RISING = "rising"  # biggest rise over 7 days first
    INACTIVE = "inactive"  # most days inactive first
    NAME = "name"


@dataclass(frozen=True)
class BoardQuery:
    level: RiskLevel | None = None
    region: str = ""
    search: str = ""  # name or student ID, case-insensitive substring
    mentor_id: int | None = None  # set for mentors by the service: their caseload only
    sort: BoardSort = BoardSort.RISK
    offset: int = 0
    limit: int = 25


@dataclass(frozen=True)
class LastContact:
    at: datetime
    kind: InterventionKind


@dataclass(frozen=True)
class BoardRow:
    user_id: int
    full_name: str
    student_id: str
    region: str
    mentor_name: str
    score: int
    level: RiskLevel
    reasons: tuple[RiskReason, ...]
    score_7_days_ago: int | None  # None: no features stored for that day
    days_inactive: int
    avg_completion: float
    last_contact: LastContact | None

    @property
    def trend(self) -> int | None:
        """Change in score over 7 days: positive is worse."""
        return None if self.score_7_days_ago is None else self.score - self.score_7_days_ago


@dataclass(frozen=True)
class BoardPage:
    day: date | None  # the features' day; None before any features were stored
    rows: list[BoardRow]
    total: int
    counts: dict[RiskLevel, int] = field(default_factory=dict)  # for the whole filter, all pages


@dataclass(frozen=True)
class FunnelCounts:
    """How many youth of one group (a region, a cohort "2026-03", or "" for the whole programme)
    had reached each step of the funnel on a day."""

    group: str
    registered: int
    career_survey_done: int
    started_learning: int
    completed_a_module: int
    earned_a_badge: int
    placed: int


@dataclass(frozen=True)
class SectorYouth:
    """What sector fit needs of one youth: interests, skills (profile and completed modules),
    and the sectors of the modules they started or completed (each once per module)."""

    user_id: int
    interests: frozenset[str]
    skills: frozenset[str]
    module_sectors: tuple[str, ...]


@dataclass(frozen=True)
class ModuleOutcomes:
    """One module's assignments (withdrawn ones left out)."""

    module_id: int
    code: str
    title: str
    sector: str
    learners: int
    completed: int
    average_progress: float
    # The median of the completed assignments' days from started (or assigned) to done; None
    # when none is done.
    median_days_to_complete: float | None


@dataclass(frozen=True)
class GamificationGroupFacts:
    """Youth with or without a badge on the latest day: summed, for the rule to average."""

    badge_earners: bool
    youth: int
    active_days_30_total: int
    modules_assigned: int
    modules_completed: int


@dataclass(frozen=True)
class InterventionFollowUps:
    """One kind's interventions, summed. An intervention is measured when the youth's risk score
    is stored both on its day and `days_after` later; `change_total` adds up (after - before) over
    the measured ones, and each measured one counts once in improved (lower), unchanged or
    worsened (higher)."""

    kind: InterventionKind
    interventions: int
    measured: int
    change_total: int
    improved: int
    unchanged: int
    worsened: int


@dataclass(frozen=True)
class InsightSnapshot:
    """An insight counted when a sync finished, kept as plain data (see the rule that makes it)."""

    name: str
    computed_at: datetime
    payload: dict[str, Any]  # JSON
