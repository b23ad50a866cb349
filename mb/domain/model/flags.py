from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum


class Flag(StrEnum):
    """Every feature that can be switched at run time."""

    NEW_DASHBOARD = "new_dashboard"
    GAMIFICATION = "gamification"
    SURVEY_DISTRIBUTION = "survey_distribution"
    AI_RECOMMENDATIONS = "ai_recommendations"


@dataclass
class FlagOverride:
    """An admin's run-time choice for a flag, stored so every replica sees it."""

    name: Flag
    enabled: bool
    updated_by: int | None
    updated_at: datetime


@dataclass(frozen=True)
class FlagState:
    name: Flag
    enabled: bool
    default: bool
    overridden: bool
