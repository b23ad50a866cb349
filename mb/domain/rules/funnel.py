"""The mobilisation funnel (DESIGN §4): Registered → Career survey done → Started learning →
Completed a module → Earned a badge → Placed, for the whole programme or per region or cohort."""

from collections.abc import Callable, Sequence
from datetime import UTC
from zoneinfo import ZoneInfo

from mb.domain.model.insight_views import FunnelGroup, FunnelGrouping, FunnelStage, FunnelStep
from mb.domain.model.insights import FunnelYouth

# Whether a youth reached each stage, in stage order.
REACHED: tuple[tuple[FunnelStage, Callable[[FunnelYouth], bool]], ...] = (
    (FunnelStage.REGISTERED, lambda y: True),
    (FunnelStage.CAREER_SURVEY_DONE, lambda y: y.career_survey_done),
    (FunnelStage.STARTED_LEARNING, lambda y: y.started_learning),
    (FunnelStage.COMPLETED_A_MODULE, lambda y: y.completed_a_module),
    (FunnelStage.EARNED_A_BADGE, lambda y: y.earned_a_badge),
    (FunnelStage.PLACED, lambda y: y.placed),
)


def funnel(youth: Sequence[FunnelYouth], grouping: FunnelGrouping, timezone: str) -> list[FunnelGroup]:
    """The funnel of the whole programme (grouping NONE: one group), or one per region or cohort
    (the month of registration in the programme's `timezone`, "2026-03"), sorted by name.

    Each stage counts the youth who reached that step, whatever the order they did things in: a
    youth placed without a badge counts as placed and not as a badge earner, so a stage can hold
    more youth than the one before it (and its conversion exceed 100 %). Conversion is the share
    of the previous stage's count (None when that is 0); share of registered is the share of the
    group's first stage."""
    if grouping is FunnelGrouping.NONE:
        return [_group(grouping, "", youth)]
    name_of = _cohort(ZoneInfo(timezone)) if grouping is FunnelGrouping.COHORT else _region
    members: dict[str, list[FunnelYouth]] = {}
    for each in youth:
        members.setdefault(name_of(each), []).append(each)
    return [_group(grouping, name, members[name]) for name in sorted(members)]


def _group(grouping: FunnelGrouping, name: str, youth: Sequence[FunnelYouth]) -> FunnelGroup:
    counts = [(stage, sum(1 for y in youth if reached(y))) for stage, reached in REACHED]
    registered = counts[0][1]
    steps = []
    previous: int | None = None
    for stage, count in counts:
        conversion = None if not previous else round(100.0 * count / previous, 1)
        share = round(100.0 * count / registered, 1) if registered else None
        steps.append(FunnelStep(stage, count, conversion, share))
        previous = count
    return FunnelGroup(grouping, name, tuple(steps))


def _region(youth: FunnelYouth) -> str:
    return youth.region


def _cohort(zone: ZoneInfo) -> Callable[[FunnelYouth], str]:
    def cohort(youth: FunnelYouth) -> str:
        at = youth.registered_at
        at = at if at.tzinfo else at.replace(tzinfo=UTC)  # stored times without a zone are UTC
        local = at.astimezone(zone)
        return f"{local.year:04d}-{local.month:02d}"

    return cohort
