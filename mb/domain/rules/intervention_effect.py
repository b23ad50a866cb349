"""Intervention effectiveness (DESIGN §4): how the youth's risk score moved in the days after
each kind of intervention. Scores fall as risk falls, so a negative change is an improvement."""

from collections.abc import Sequence

from mb.domain.model.insight_views import InterventionEffect
from mb.domain.model.insights import InterventionFollowUp
from mb.domain.model.intervention import InterventionKind


def by_kind(follow_ups: Sequence[InterventionFollowUp]) -> list[InterventionEffect]:
    """One row per kind that has interventions, in InterventionKind order. Only interventions
    with both scores known are measured; the others count as interventions and nothing more."""
    effects = []
    for kind in InterventionKind:
        of_kind = [f for f in follow_ups if f.kind == kind]
        if not of_kind:
            continue
        changes = [
            f.score_after - f.score_before
            for f in of_kind
            if f.score_before is not None and f.score_after is not None
        ]
        effects.append(
            InterventionEffect(
                kind=kind,
                interventions=len(of_kind),
                measured=len(changes),
                average_change=round(sum(changes) / len(changes), 2) if changes else None,
                improved=sum(1 for c in changes if c < 0),
                unchanged=sum(1 for c in changes if c == 0),
                worsened=sum(1 for c in changes if c > 0),
            )
        )
    return effects
