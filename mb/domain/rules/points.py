"""What earns points: one declarative table, and the key that makes each award happen once."""

from dataclasses import dataclass

from mb.domain.model.engagement import PointReason

MILESTONES = (25, 50, 75, 100)
STREAK_BONUS_EVERY = 7  # days: a bonus at 7, 14, 21, … consecutive days


@dataclass(frozen=True)
class PointRule:
    reason: PointReason
    points: int | None  # None: the module's own points
    explains: str  # shown beside each award; {module}, {note} filled in by the page


POINT_RULES = {
    rule.reason: rule
    for rule in (
        PointRule(PointReason.MODULE_STARTED, 5, "Started {module}"),
        PointRule(PointReason.MILESTONE, 5, "Reached {note}% of {module}"),
        PointRule(PointReason.MODULE_COMPLETED, None, "Completed {module}"),
        PointRule(PointReason.QUIZ_PASSED, 10, "Passed the quiz of {module}"),
        PointRule(PointReason.SURVEY_ANSWERED, 15, "Answered a survey"),
        PointRule(PointReason.STREAK_BONUS, 20, "Learned {note} days in a row"),
        PointRule(PointReason.ADJUSTMENT, None, "Adjusted by staff: {note}"),
    )
}


def points_for(reason: PointReason) -> int:
    points = POINT_RULES[reason].points
    assert points is not None, f"{reason} takes its points from elsewhere"
    return points


def started_key(module_id: int) -> str:
    return f"started:{module_id}"


def milestone_key(module_id: int, percent: int) -> str:
    return f"milestone:{module_id}:{percent}"


def completed_key(module_id: int) -> str:
    return f"completed:{module_id}"


def quiz_key(module_id: int) -> str:
    return f"quiz:{module_id}"


def survey_key(reference: object) -> str:
    return f"survey:{reference}"


def streak_key(started_on: object, days: int) -> str:
    return f"streak:{started_on}:{days}"


def modules_with(keys: set[str], prefix: str) -> set[int]:
    """The module ids of keys like `started:12` for prefix `started`."""
    return {int(key.split(":")[1]) for key in keys if key.startswith(prefix + ":")}
