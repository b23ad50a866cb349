"""Gamification impact (DESIGN §4): badge earners against the other youth, on the latest day.

A comparison, not a cause: youth who learn more earn badges, so the gap shows how the two groups
differ, not what badges did to them.
"""

from collections.abc import Sequence

from mb.domain.model.insight_views import GamificationImpact, GamificationSide
from mb.domain.model.insights import GamificationGroupFacts


def compare(groups: Sequence[GamificationGroupFacts]) -> GamificationImpact:
    """Each group's size, average active days in the last 30 and completion rate, and the
    differences (earners minus others) of the figures as shown; a missing group counts as empty."""
    earners = _side([g for g in groups if g.badge_earners])
    others = _side([g for g in groups if not g.badge_earners])
    return GamificationImpact(
        badge_earners=earners,
        others=others,
        active_days_difference=round(earners.average_active_days_30 - others.average_active_days_30, 1),
        completion_rate_difference=round(earners.completion_rate - others.completion_rate, 1),
    )


def _side(facts: Sequence[GamificationGroupFacts]) -> GamificationSide:
    youth = sum(f.youth for f in facts)
    active_days = sum(f.active_days_30_total for f in facts)
    assigned = sum(f.modules_assigned for f in facts)
    completed = sum(f.modules_completed for f in facts)
    return GamificationSide(
        youth=youth,
        average_active_days_30=round(active_days / youth, 1) if youth else 0.0,
        completion_rate=round(100.0 * completed / assigned, 1) if assigned else 0.0,
    )
