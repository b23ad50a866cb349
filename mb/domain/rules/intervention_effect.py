"""Intervention effectiveness (DESIGN §4): how the youth's risk score moved in the days after
each kind of intervention. Scores fall as risk falls, so a negative change is an improvement."""

from collections.abc import Sequence

from mb.domain.model.insight_views import InterventionEffect
from mb.domain.model.insights import InterventionFollowUps
from mb.domain.model.intervention import InterventionKind


def by_kind(follow_ups: Sequence[InterventionFollowUps]) -> list[InterventionEffect]:
    """One row per kind that has interventions, in InterventionKind order, with the average
    change over the measured ones (two decimals; None when none could be measured)."""
    order = {kind: number for number, kind in enumerate(InterventionKind)}
    return [
        InterventionEffect(
            kind=summed.kind,
            interventions=summed.interventions,
            measured=summed.measured,
            average_change=round(summed.change_total / summed.measured, 2) if summed.measured else None,
            improved=summed.improved,
            unchanged=summed.unchanged,
            worsened=summed.worsened,
        )
        for summed in sorted(follow_ups, key=lambda f: order[f.kind])
        if summed.interventions
    ]
