"""What the insights rules make of the stored facts: the figures the insights pages show."""

from collections.abc import Mapping
from dataclasses import asdict, dataclass, field
from enum import StrEnum
from typing import Any

from mb.domain.model.intervention import InterventionKind


class FitBand(StrEnum):
    GREEN = "green"  # fit 70 and above
    AMBER = "amber"  # 50 to under 70
    RED = "red"  # under 50


@dataclass(frozen=True)
class SectorFit:
    """How well one youth fits one sector, 0-100, with the three parts it is made of (each 0-100)."""

    sector: str
    score: float  # rounded to one decimal; the band is taken from it
    interest: float
    skill_readiness: float
    alignment: float
    band: FitBand


@dataclass(frozen=True)
class SectorFitCounts:
    """One sector's row of the heatmap: how many youth fall in each band, and their average fit."""

    sector: str
    green: int
    amber: int
    red: int
    average_fit: float  # one decimal; 0 without youth

    @property
    def youth(self) -> int:
        return self.green + self.amber + self.red


@dataclass(frozen=True)
class SectorHeatmap:
    youth: int
    sectors: tuple[SectorFitCounts, ...]  # by sector name

    def as_record(self) -> dict[str, object]:
        """Plain data, to be stored as JSON."""
        return {"youth": self.youth, "sectors": [asdict(counts) for counts in self.sectors]}

    @classmethod
    def from_record(cls, record: Mapping[str, Any]) -> "SectorHeatmap":
        return cls(int(record["youth"]), tuple(SectorFitCounts(**counts) for counts in record["sectors"]))


class EffectivenessRating(StrEnum):
    HIGH = "high"  # completion rate 80 % and above
    MEDIUM = "medium"  # 60 to under 80 %
    NEEDS_IMPROVEMENT = "needs_improvement"  # under 60 %


@dataclass(frozen=True)
class ModuleEffectiveness:
    module_id: int
    code: str
    title: str
    sector: str
    learners: int
    completed: int
    completion_rate: float | None  # %, one decimal; None without learners
    rating: EffectivenessRating | None  # None without learners
    average_progress: float  # one decimal
    median_days_to_complete: float | None  # one decimal; None when nobody completed it

    def as_record(self) -> dict[str, object]:
        """Plain data, to be stored as JSON."""
        return {**asdict(self), "rating": None if self.rating is None else self.rating.value}

    @classmethod
    def from_record(cls, record: Mapping[str, Any]) -> "ModuleEffectiveness":
        rating = record["rating"]
        return cls(**{**record, "rating": None if rating is None else EffectivenessRating(rating)})


class FunnelStage(StrEnum):
    REGISTERED = "registered"
    CAREER_SURVEY_DONE = "career_survey_done"
    STARTED_LEARNING = "started_learning"
    COMPLETED_A_MODULE = "completed_a_module"
    EARNED_A_BADGE = "earned_a_badge"
    PLACED = "placed"


class FunnelGrouping(StrEnum):
    NONE = "none"  # the whole programme
    REGION = "region"
    COHORT = "cohort"  # the month of registration, "2026-03"


@dataclass(frozen=True)
class FunnelStep:
    stage: FunnelStage
    youth: int
    conversion: float | None  # % of the previous stage, one decimal; None for the first or after 0
    share_of_registered: float | None  # %, one decimal; None with nobody registered


@dataclass(frozen=True)
class FunnelGroup:
    """One funnel: the whole programme (grouping NONE, name "") or one region or cohort (a youth
    without a region is in the region named "")."""

    grouping: FunnelGrouping
    name: str
    steps: tuple[FunnelStep, ...]  # in FunnelStage order

    @property
    def registered(self) -> int:
        return self.steps[0].youth if self.steps else 0


@dataclass(frozen=True)
class GamificationSide:
    """Badge earners, or the others, on the latest day."""

    youth: int
    average_active_days_30: float  # one decimal; 0 without youth
    completion_rate: float  # completed of assigned modules, %, one decimal; 0 without assignments


@dataclass(frozen=True)
class GamificationImpact:
    badge_earners: GamificationSide
    others: GamificationSide
    active_days_difference: float  # earners minus others, of the figures shown
    completion_rate_difference: float  # percentage points, earners minus others


@dataclass(frozen=True)
class InterventionEffect:
    """How the risk score moved in the days after one kind of intervention: lower is better."""

    kind: InterventionKind
    interventions: int
    measured: int  # with the score known on the day and after
    average_change: float | None  # after minus before, two decimals; None when none measured
    improved: int
    unchanged: int
    worsened: int

    def as_record(self) -> dict[str, object]:
        """Plain data, to be stored as JSON."""
        return {**asdict(self), "kind": self.kind.value}

    @classmethod
    def from_record(cls, record: Mapping[str, Any]) -> "InterventionEffect":
        return cls(**{**record, "kind": InterventionKind(record["kind"])})


class NextActionCode(StrEnum):
    CALL_TODAY = "call_today"
    MEET_IN_PERSON = "meet_in_person"
    CALL_THIS_WEEK = "call_this_week"
    ASSIGN_FIRST_MODULE = "assign_first_module"
    KEEP_IN_TOUCH = "keep_in_touch"
    WORK_THROUGH_MODULE = "work_through_module"
    SEND_CAREER_SURVEY = "send_career_survey"
    SEND_MESSAGE = "send_message"
    FOLLOW_UP = "follow_up"


@dataclass(frozen=True)
class NextAction:
    """What a mentor could do next for one youth, and why. `text` and `why` are English; `why`
    may hold {placeholders} filled from `facts`, so a page can translate the template first."""

    code: NextActionCode
    text: str
    why: str
    facts: Mapping[str, int] = field(default_factory=dict)

    @property
    def because(self) -> str:
        """The reason, in English, with its facts filled in."""
        return self.why.format(**self.facts)
