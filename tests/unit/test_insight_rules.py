"""Insights rules case by case: sector fit, module effectiveness, the funnel, gamification impact
and intervention effectiveness. (Risk and the next action have files of their own.)"""

from datetime import UTC, datetime

import pytest

from mb.domain.model.insight_views import (
    EffectivenessRating,
    FitBand,
    FunnelGroup,
    FunnelGrouping,
    FunnelStage,
    GamificationSide,
    SectorFitCounts,
)
from mb.domain.model.insights import (
    FunnelCounts,
    GamificationGroupFacts,
    InterventionFollowUps,
    ModuleOutcomes,
    SectorYouth,
)
from mb.domain.model.intervention import InterventionKind
from mb.domain.rules import funnel, gamification_impact, intervention_effect, module_effectiveness, sector_fit

# Sector fit

SKILLS = [f"skill {n}" for n in range(1, 10)]


def sector_youth(
    interests: tuple[str, ...] = (), skills: tuple[str, ...] = (), modules: tuple[str, ...] = ()
) -> SectorYouth:
    return SectorYouth(7, frozenset(interests), frozenset(skills), modules)


@pytest.mark.parametrize(
    ("youth", "sector_skills", "parts", "score", "band"),
    [
        (sector_youth(), SKILLS[:5], (0.0, 0.0, 0.0), 0.0, FitBand.RED),
        (sector_youth(interests=("Retail",)), SKILLS[:5], (100.0, 0.0, 0.0), 30.0, FitBand.RED),
        (sector_youth(skills=tuple(SKILLS[:5])), SKILLS[:5], (0.0, 100.0, 0.0), 50.0, FitBand.AMBER),
        (sector_youth(modules=("Retail", "Retail")), SKILLS[:5], (0.0, 0.0, 100.0), 20.0, FitBand.RED),
        # 30 + 0.5 * 4/5 of the skills = exactly 70: green.
        (sector_youth(("Retail",), tuple(SKILLS[:4])), SKILLS[:5], (100.0, 80.0, 0.0), 70.0, FitBand.GREEN),
        # 30 + 0.5 * 7/9 of the skills + 0.2 * 1 of 20 modules = 69.89: amber.
        (
            sector_youth(("Retail",), tuple(SKILLS[:7]), ("Retail",) + ("IT/ITES",) * 19),
            SKILLS,
            (100.0, 77.8, 5.0),
            69.9,
            FitBand.AMBER,
        ),
        # Everything, compared ignoring case and spaces; half the modules are in the sector.
        (
            sector_youth((" retail ",), ("SKILL 1", "skill 2"), ("RETAIL", "Healthcare")),
            SKILLS[:2],
            (100.0, 100.0, 50.0),
            90.0,
            FitBand.GREEN,
        ),
        # A sector whose modules list no skills shows no readiness, not full readiness.
        (sector_youth(("Retail",), tuple(SKILLS)), [], (100.0, 0.0, 0.0), 30.0, FitBand.RED),
    ],
)
def test_sector_fit_weighs_interest_skills_and_alignment(
    youth: SectorYouth, sector_skills: list[str], parts: tuple[float, ...], score: float, band: FitBand
) -> None:
    fit = sector_fit.fit(youth, "Retail", sector_skills)
    assert (fit.sector, fit.interest, fit.skill_readiness, fit.alignment) == ("Retail", *parts)
    assert (fit.score, fit.band) == (score, band)


@pytest.mark.parametrize(
    ("score", "band"),
    [
        (100.0, FitBand.GREEN),
        (70.0, FitBand.GREEN),
        (69.9, FitBand.AMBER),
        (50.0, FitBand.AMBER),
        (49.9, FitBand.RED),
        (0.0, FitBand.RED),
    ],
)
def test_fit_bands(score: float, band: FitBand) -> None:
    assert sector_fit.band(score) is band


def test_the_heatmap_counts_youth_per_sector_and_band() -> None:
    youth = [
        sector_youth(("Retail",), ("selling", "stock")),  # retail 80 green, healthcare 0 red
        sector_youth(("Retail",), ("selling",)),  # retail 55 amber, healthcare 0 red
        sector_youth(("Healthcare",), ("care",), ("Healthcare",)),  # retail 0 red, healthcare 100 green
    ]
    skills = {"Retail": frozenset({"selling", "stock"}), "Healthcare": frozenset({"care"})}
    heatmap = sector_fit.heatmap(youth, skills)
    assert heatmap.youth == 3
    assert heatmap.sectors == (
        SectorFitCounts("Healthcare", green=1, amber=0, red=2, average_fit=33.3),
        SectorFitCounts("Retail", green=1, amber=1, red=1, average_fit=45.0),
    )
    assert [row.youth for row in heatmap.sectors] == [3, 3]


def test_the_heatmap_agrees_with_each_youths_fit() -> None:
    youth = [
        sector_youth(("Retail",), tuple(SKILLS[: n % 6]), ("Retail",) * (n % 3) + ("Telecom",) * (n % 2))
        for n in range(30)
    ]
    skills = {"Retail": frozenset(SKILLS[:5]), "Telecom": frozenset(SKILLS[3:6])}
    heatmap = sector_fit.heatmap(youth, skills)
    for row in heatmap.sectors:
        fits = [sector_fit.fit(y, row.sector, skills[row.sector]) for y in youth]
        bands = [f.band for f in fits]
        assert (row.green, row.amber, row.red) == tuple(bands.count(b) for b in FitBand)
        assert row.average_fit == round(sum(f.score for f in fits) / len(fits), 1)


def test_an_empty_heatmap_still_lists_the_sectors() -> None:
    heatmap = sector_fit.heatmap([], {"Retail": frozenset({"selling"})})
    assert heatmap == sector_fit.heatmap([], {"Retail": ["selling"]})
    assert (heatmap.youth, heatmap.sectors) == (0, (SectorFitCounts("Retail", 0, 0, 0, 0.0),))


# Module effectiveness


def outcomes(learners: int, completed: int, median_days: float | None = None) -> ModuleOutcomes:
    return ModuleOutcomes(3, "M-03", "Customer service", "Retail", learners, completed, 64.25, median_days)


@pytest.mark.parametrize(
    ("learners", "completed", "rate", "rating"),
    [
        (0, 0, None, None),
        (10, 10, 100.0, EffectivenessRating.HIGH),
        (10, 8, 80.0, EffectivenessRating.HIGH),
        (2500, 1999, 80.0, EffectivenessRating.HIGH),  # 79.96 % shows as 80.0 % and is rated so
        (1000, 799, 79.9, EffectivenessRating.MEDIUM),
        (10, 6, 60.0, EffectivenessRating.MEDIUM),
        (1000, 599, 59.9, EffectivenessRating.NEEDS_IMPROVEMENT),
        (10, 0, 0.0, EffectivenessRating.NEEDS_IMPROVEMENT),
        (3, 1, 33.3, EffectivenessRating.NEEDS_IMPROVEMENT),
    ],
)
def test_module_completion_rate_and_rating(
    learners: int, completed: int, rate: float | None, rating: EffectivenessRating | None
) -> None:
    rated = module_effectiveness.rate(outcomes(learners, completed))
    assert (rated.learners, rated.completed, rated.completion_rate, rated.rating) == (
        learners,
        completed,
        rate,
        rating,
    )
    assert (rated.module_id, rated.code, rated.title, rated.sector) == (
        3,
        "M-03",
        "Customer service",
        "Retail",
    )
    assert rated.average_progress == 64.2  # one decimal, rounded half to even as Python does


@pytest.mark.parametrize(
    ("days", "shown"),
    [(None, None), (4.0, 4.0), (2.5, 2.5), (0.375, 0.4), (3.2499, 3.2), (0.0, 0.0)],
)
def test_median_days_to_complete_shows_one_decimal(days: float | None, shown: float | None) -> None:
    assert module_effectiveness.rate(outcomes(10, 3, days)).median_days_to_complete == shown


# Funnel

IST = "Asia/Kolkata"
NEW_YORK = "America/New_York"


def reached(*counts: int, group: str = "") -> FunnelCounts:
    """A group's counts at each stage, registered first; stages left out are 0."""
    return FunnelCounts(group, *counts, *[0] * (len(FunnelStage) - len(counts)))


def counts(group: FunnelGroup) -> list[int]:
    return [step.youth for step in group.steps]


@pytest.mark.parametrize(
    ("given", "conversions", "shares"),
    [
        # A stage can hold more youth than the one before: they did things in another order.
        ([5, 3, 4, 2, 1, 1], [None, 60.0, 133.3, 50.0, 50.0, 100.0], [100.0, 60.0, 80.0, 40.0, 20.0, 20.0]),
        # Placed and nothing else: after an empty stage there is nothing to convert from.
        ([1, 0, 0, 0, 0, 1], [None, 0.0, None, None, None, None], [100.0, 0.0, 0.0, 0.0, 0.0, 100.0]),
        ([0, 0, 0, 0, 0, 0], [None] * 6, [None] * 6),
        ([3, 1, 1, 0, 0, 0], [None, 33.3, 100.0, 0.0, None, None], [100.0, 33.3, 33.3, 0.0, 0.0, 0.0]),
    ],
)
def test_the_funnel_converts_each_stage_from_the_one_before(
    given: list[int], conversions: list[float | None], shares: list[float | None]
) -> None:
    [group] = funnel.funnel([reached(*given)], FunnelGrouping.NONE)
    assert (group.grouping, group.name, group.registered) == (FunnelGrouping.NONE, "", given[0])
    assert [s.stage for s in group.steps] == list(FunnelStage)
    assert counts(group) == given
    assert [s.conversion for s in group.steps] == conversions
    assert [s.share_of_registered for s in group.steps] == shares


@pytest.mark.parametrize(
    ("given", "whole"),
    [
        ([], [0] * 6),
        ([reached(5, 3, 4, 2, 1, 1)], [5, 3, 4, 2, 1, 1]),
        ([reached(2, 1, 1, 0, 0, 0, group="Pune"), reached(1, 0, 1, 1, 1, 1, group="")], [3, 1, 2, 1, 1, 1]),
    ],
)
def test_the_whole_programme_is_one_funnel_of_every_group(
    given: list[FunnelCounts], whole: list[int]
) -> None:
    [group] = funnel.funnel(given, FunnelGrouping.NONE)
    assert (group.name, counts(group)) == ("", whole)


@pytest.mark.parametrize("grouping", [FunnelGrouping.REGION, FunnelGrouping.COHORT])
def test_a_funnel_per_region_or_cohort_is_sorted_by_name(grouping: FunnelGrouping) -> None:
    given = [reached(2, 2, 1, group="Pune"), reached(1, group=""), reached(1, 0, group="Delhi")]
    groups = funnel.funnel(given, grouping)
    assert [(g.grouping, g.name, counts(g)[:3]) for g in groups] == [
        (grouping, "", [1, 0, 0]),  # youth without a region
        (grouping, "Delhi", [1, 0, 0]),
        (grouping, "Pune", [2, 2, 1]),
    ]
    assert funnel.funnel([], grouping) == []


@pytest.mark.parametrize(
    ("timezone", "registered_at", "cohort"),
    [
        (IST, datetime(2026, 2, 28, 18, 29, tzinfo=UTC), "2026-02"),  # 23:59 in India
        (IST, datetime(2026, 2, 28, 18, 30, tzinfo=UTC), "2026-03"),  # 00:00 on 1 March in India
        (IST, datetime(2025, 12, 31, 20, 0, tzinfo=UTC), "2026-01"),
        (IST, datetime(2025, 12, 31, 20, 0), "2026-01"),  # a stored time without a zone is UTC
        (NEW_YORK, datetime(2026, 6, 1, 3, 59, tzinfo=UTC), "2026-05"),  # summer time, UTC-4
        (NEW_YORK, datetime(2026, 12, 1, 4, 59, tzinfo=UTC), "2026-11"),  # winter time, UTC-5
    ],
)
def test_a_cohort_is_the_month_of_registration_in_the_programmes_time_zone(
    timezone: str, registered_at: datetime, cohort: str
) -> None:
    assert funnel.cohort_of(registered_at, timezone) == cohort


def test_cohorts_begin_at_local_midnight_on_the_first_of_each_month() -> None:
    first = datetime(2025, 11, 20, 12, 0, tzinfo=UTC)
    starts = funnel.cohort_starts(first, datetime(2026, 4, 2, 3, 0, tzinfo=UTC), NEW_YORK)
    assert [(name, at.astimezone(UTC)) for name, at in starts] == [
        ("2025-11", first),
        ("2025-12", datetime(2025, 12, 1, 5, 0, tzinfo=UTC)),
        ("2026-01", datetime(2026, 1, 1, 5, 0, tzinfo=UTC)),
        ("2026-02", datetime(2026, 2, 1, 5, 0, tzinfo=UTC)),
        ("2026-03", datetime(2026, 3, 1, 5, 0, tzinfo=UTC)),
        ("2026-04", datetime(2026, 4, 1, 4, 0, tzinfo=UTC)),  # summer time
    ]
    assert funnel.cohort_starts(first, first, IST) == [("2025-11", first)]


# Gamification impact


def facts(
    earners: bool, youth: int, active_days: int, assigned: int, completed: int
) -> GamificationGroupFacts:
    return GamificationGroupFacts(earners, youth, active_days, assigned, completed)


def test_badge_earners_are_compared_with_the_others() -> None:
    impact = gamification_impact.compare([facts(False, 20, 100, 80, 20), facts(True, 10, 150, 40, 30)])
    assert impact.badge_earners == GamificationSide(10, 15.0, 75.0)
    assert impact.others == GamificationSide(20, 5.0, 25.0)
    assert (impact.active_days_difference, impact.completion_rate_difference) == (10.0, 50.0)


def test_the_differences_are_those_of_the_figures_shown() -> None:
    impact = gamification_impact.compare([facts(True, 3, 10, 3, 1), facts(False, 3, 20, 3, 2)])
    assert (impact.badge_earners.average_active_days_30, impact.others.average_active_days_30) == (3.3, 6.7)
    assert (impact.badge_earners.completion_rate, impact.others.completion_rate) == (33.3, 66.7)
    assert (impact.active_days_difference, impact.completion_rate_difference) == (-3.4, -33.4)


def test_a_missing_group_counts_as_empty_and_rows_of_one_group_add_up() -> None:
    impact = gamification_impact.compare([facts(True, 2, 10, 0, 0), facts(True, 2, 30, 4, 1)])
    assert impact.badge_earners == GamificationSide(4, 10.0, 25.0)
    assert impact.others == GamificationSide(0, 0.0, 0.0)
    assert (impact.active_days_difference, impact.completion_rate_difference) == (10.0, 25.0)
    nobody = gamification_impact.compare([])
    assert nobody.badge_earners == nobody.others == GamificationSide(0, 0.0, 0.0)


# Intervention effectiveness

K = InterventionKind


def summed(kind: InterventionKind, interventions: int, *changes: int) -> InterventionFollowUps:
    """A kind's sums as the query gives them, from the changes of its measured interventions."""
    improved = sum(1 for c in changes if c < 0)
    unchanged = sum(1 for c in changes if c == 0)
    return InterventionFollowUps(
        kind,
        interventions,
        len(changes),
        sum(changes),
        improved,
        unchanged,
        len(changes) - improved - unchanged,
    )


def test_risk_change_after_interventions_by_kind_in_kind_order() -> None:
    follow_ups = [
        summed(K.OTHER, 1),  # no features on its day: counted, not measured
        summed(K.MESSAGE, 2, 1),  # one too recent to measure
        summed(K.CALL, 3, -2, 0, -1),
    ]
    effects = intervention_effect.by_kind(follow_ups)
    assert [
        (e.kind, e.interventions, e.measured, e.average_change, e.improved, e.unchanged, e.worsened)
        for e in effects
    ] == [
        (K.CALL, 3, 3, -1.0, 2, 1, 0),
        (K.MESSAGE, 2, 1, 1.0, 0, 0, 1),
        (K.OTHER, 1, 0, None, 0, 0, 0),
    ]
    assert [e.kind for e in effects] == [k for k in K if k in {K.CALL, K.MESSAGE, K.OTHER}]


@pytest.mark.parametrize(
    ("changes", "average"),
    [((-2, 0, 0), -0.67), ((1, 1, 0), 0.67), ((5,), 5.0), ((-1, 0), -0.5), ((0, 0, 0), 0.0), ((), None)],
)
def test_average_change_keeps_two_decimals(changes: tuple[int, ...], average: float | None) -> None:
    [effect] = intervention_effect.by_kind([summed(K.MEETING, 3, *changes)])
    assert effect.average_change == average


def test_kinds_without_interventions_are_left_out() -> None:
    assert intervention_effect.by_kind([]) == []
    assert intervention_effect.by_kind([summed(K.CALL, 0)]) == []
