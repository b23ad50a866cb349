"""How well a module works (DESIGN §4): how many of its learners complete it, and how fast.

The completion rate is completed over learners (withdrawn assignments left out); it is rated
HIGH from 80 %, MEDIUM from 60 %, else NEEDS_IMPROVEMENT. A module nobody has been assigned has
no rate and no rating, rather than a misleading 0 %.
"""

from mb.domain.model.insight_views import EffectivenessRating, ModuleEffectiveness
from mb.domain.model.insights import ModuleOutcomes

HIGH_FROM = 80.0
MEDIUM_FROM = 60.0


def rate(outcomes: ModuleOutcomes) -> ModuleEffectiveness:
    """The module's completion rate, rating, average progress and median days to complete."""
    # Rated from the rate as shown, so a module shown at 80.0 % is never rated MEDIUM.
    completion = round(100.0 * outcomes.completed / outcomes.learners, 1) if outcomes.learners else None
    days = outcomes.median_days_to_complete
    return ModuleEffectiveness(
        module_id=outcomes.module_id,
        code=outcomes.code,
        title=outcomes.title,
        sector=outcomes.sector,
        learners=outcomes.learners,
        completed=outcomes.completed,
        completion_rate=completion,
        rating=None if completion is None else rating(completion),
        average_progress=round(outcomes.average_progress, 1),
        median_days_to_complete=None if days is None else round(days, 1),
    )


def rating(completion_rate: float) -> EffectivenessRating:
    if completion_rate >= HIGH_FROM:
        return EffectivenessRating.HIGH
    if completion_rate >= MEDIUM_FROM:
        return EffectivenessRating.MEDIUM
    return EffectivenessRating.NEEDS_IMPROVEMENT
