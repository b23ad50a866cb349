"""Badges from declarative rules over what a youth has done; each is earned once."""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class BadgeFacts:
    """What badge rules look at, as of the event being counted."""

    started: int
    completed: int
    in_progress: int
    all_assigned_completed: bool
    best_streak: int
    surveys: int


@dataclass(frozen=True)
class BadgeRule:
    code: str
    name: str
    earned_by: str  # shown for badges not yet earned
    earned: Callable[[BadgeFacts], bool]


BADGES = (
    BadgeRule("first_start", "First step", "Start your first module.", lambda f: f.started >= 1),
    BadgeRule("first_completion", "Finisher", "Complete your first module.", lambda f: f.completed >= 1),
    BadgeRule("five_completed", "High five", "Complete 5 modules.", lambda f: f.completed >= 5),
    BadgeRule("ten_completed", "Perfect ten", "Complete 10 modules.", lambda f: f.completed >= 10),
    BadgeRule(
        "three_in_progress", "Juggler", "Have 3 modules in progress at once.", lambda f: f.in_progress >= 3
    ),
    BadgeRule(
        "all_assigned_completed",
        "Clean sweep",
        "Complete every module assigned to you.",
        lambda f: f.all_assigned_completed,
    ),
    BadgeRule("streak_7", "Week streak", "Learn 7 days in a row.", lambda f: f.best_streak >= 7),
    BadgeRule("streak_30", "Month streak", "Learn 30 days in a row.", lambda f: f.best_streak >= 30),
    BadgeRule("first_survey", "Voice heard", "Answer your first survey.", lambda f: f.surveys >= 1),
)
BADGES_BY_CODE = {rule.code: rule for rule in BADGES}


def newly_earned(facts: BadgeFacts, held: set[str]) -> list[BadgeRule]:
    return [rule for rule in BADGES if rule.code not in held and rule.earned(facts)]
