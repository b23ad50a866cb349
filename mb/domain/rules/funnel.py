"""The mobilisation funnel (DESIGN §4): Registered → Career survey done → Started learning →
Completed a module → Earned a badge → Placed, for the whole programme or per region or cohort."""

from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from mb.domain.model.insight_views import FunnelGroup, FunnelGrouping, FunnelStage, FunnelStep
from mb.domain.model.insights import FunnelCounts

# How many of a group reached each stage, in stage order.
REACHED: tuple[tuple[FunnelStage, Callable[[FunnelCounts], int]], ...] = (
    (FunnelStage.REGISTERED, lambda c: c.registered),
    (FunnelStage.CAREER_SURVEY_DONE, lambda c: c.career_survey_done),
    (FunnelStage.STARTED_LEARNING, lambda c: c.started_learning),
    (FunnelStage.COMPLETED_A_MODULE, lambda c: c.completed_a_module),
    (FunnelStage.EARNED_A_BADGE, lambda c: c.earned_a_badge),
    (FunnelStage.PLACED, lambda c: c.placed),
)


def funnel(counts: Sequence[FunnelCounts], grouping: FunnelGrouping) -> list[FunnelGroup]:
    """The funnel of the whole programme (grouping NONE: one group named "", from all `counts`),
    or one per region or cohort (the month of registration in the programme's time zone,
    "2026-03"), sorted by name.

    Each stage counts the youth who reached that step, whatever the order they did things in: a
    youth placed without a badge counts as placed and not as a badge earner, so a stage can hold
    more youth than the one before it (and its conversion exceed 100 %). Conversion is the share
    of the previous stage's count (None when that is 0); share of registered is the share of the
    group's first stage."""
    if grouping is FunnelGrouping.NONE:
        whole = [sum(reached(group) for group in counts) for _, reached in REACHED]
        return [_group(grouping, "", whole)]
    ordered = sorted(counts, key=lambda group: group.group)
    return [_group(grouping, group.group, [reached(group) for _, reached in REACHED]) for group in ordered]


def cohort_of(registered_at: datetime, timezone: str) -> str:
    """The cohort of a youth: the month they registered in, in the programme's time zone."""
    at = registered_at if registered_at.tzinfo else registered_at.replace(tzinfo=UTC)  # naive is UTC
    local = at.astimezone(ZoneInfo(timezone))
    return f"{local.year:04d}-{local.month:02d}"


def cohort_starts(first: datetime, last: datetime, timezone: str) -> list[tuple[str, datetime]]:
    """Each cohort from the one registered at `first` to the one at `last`, with the moment its
    month begins in the programme's time zone (the first cohort's is `first` itself)."""
    zone = ZoneInfo(timezone)
    end = cohort_of(last, timezone)
    starts = [(cohort_of(first, timezone), first)]
    year, month = (int(part) for part in starts[0][0].split("-"))
    while starts[-1][0] < end:
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
        starts.append((f"{year:04d}-{month:02d}", datetime(year, month, 1, tzinfo=zone)))
    return starts


def _group(grouping: FunnelGrouping, name: str, counts: Sequence[int]) -> FunnelGroup:
    registered = counts[0]
    steps = []
    previous: int | None = None
    for (stage, _), count in zip(REACHED, counts, strict=True):
        conversion = None if not previous else round(100.0 * count / previous, 1)
        share = round(100.0 * count / registered, 1) if registered else None
        steps.append(FunnelStep(stage, count, conversion, share))
        previous = count
    return FunnelGroup(grouping, name, tuple(steps))
