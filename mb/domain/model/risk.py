"""Risk of dropping out: a score 0-10 with every reason that added to it."""

from dataclasses import dataclass
from enum import StrEnum


class RiskLevel(StrEnum):
    HIGH = "high"
    MEDIUM = "medium"
    LOW = "low"


class RiskReasonCode(StrEnum):
    INACTIVE_LONG = "inactive_over_14_days"
    INACTIVE_WEEK = "inactive_over_7_days"
    INACTIVE_FEW_DAYS = "inactive_over_3_days"
    COMPLETION_VERY_LOW = "completion_under_30"
    COMPLETION_LOW = "completion_under_50"
    STARTED_NONE_DONE = "started_none_completed_21_days"
    NOTHING_STARTED = "nothing_started_7_days"
    NO_QUIZ_OR_CAREER = "no_quiz_or_career_survey_14_days"


@dataclass(frozen=True)
class RiskWeights:
    """Points each rule adds (DESIGN §4); set from MB_RISK_* settings."""

    inactive_over_14: int = 4
    inactive_over_7: int = 3
    inactive_over_3: int = 1
    completion_under_30: int = 2
    completion_under_50: int = 1
    started_none_completed: int = 2
    nothing_started: int = 2
    no_quiz_or_career: int = 1
    high_from: int = 7  # HIGH at or above
    medium_from: int = 4  # MEDIUM at or above, LOW below


@dataclass(frozen=True)
class RiskReason:
    code: RiskReasonCode
    points: int


@dataclass(frozen=True)
class RiskAssessment:
    score: int  # 0-10
    level: RiskLevel
    reasons: tuple[RiskReason, ...]
