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
    FunnelYouth,
    GamificationGroupFacts,
    InterventionFollowUp,
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


def outcomes(learners: int, completed: int, days: tuple[float, ...] = ()) -> ModuleOutcomes:
    return ModuleOutcomes(3, "M-03", "Customer service", "Retail", learners, completed, 64.25, days)


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
    ("days", "median"),
    [((), None), ((4.0,), 4.0), ((9.0, 1.0, 5.0), 5.0), ((1.0, 2.0, 3.0, 10.0), 2.5), ((0.25, 0.5), 0.4)],
)
def test_median_days_to_complete(days: tuple[float, ...], median: float | None) -> None:
    assert module_effectiveness.rate(outcomes(10, len(days), days)).median_days_to_complete == median


# Funnel

IST = "Asia/Kolkata"
MARCH = datetime(2026, 3, 10, 6, 0, tzinfo=UTC)


def funnel_youth(*reached: int, region: str = "Pune", at: datetime = MARCH) -> FunnelYouth:
    """A youth who reached the numbered stages (1: career survey … 5: placed)."""
    return FunnelYouth(region, at, *(n in reached for n in range(1, 6)))


def counts(group: FunnelGroup) -> list[int]:
    return [step.youth for step in group.steps]


def test_the_whole_programme_funnel_counts_each_stage_and_converts() -> None:
    youth = [
        funnel_youth(1, 2, 3, 4, 5),
        funnel_youth(1, 2, 3),
        funnel_youth(1, 2),
        funnel_youth(2),
        funnel_youth(),
    ]
    [group] = funnel.funnel(youth, FunnelGrouping.NONE, IST)
    assert (group.grouping, group.name, group.registered) == (FunnelGrouping.NONE, "", 5)
    assert [s.stage for s in group.steps] == list(FunnelStage)
    assert counts(group) == [5, 3, 4, 2, 1, 1]
    assert [s.conversion for s in group.steps] == [None, 60.0, 133.3, 50.0, 50.0, 100.0]
    assert [s.share_of_registered for s in group.steps] == [100.0, 60.0, 80.0, 40.0, 20.0, 20.0]


def test_a_youth_counts_at_every_stage_they_reached_whatever_the_order() -> None:
    [group] = funnel.funnel([funnel_youth(5)], FunnelGrouping.NONE, IST)  # placed, nothing else
    assert counts(group) == [1, 0, 0, 0, 0, 1]
    # After an empty stage there is nothing to convert from.
    assert [s.conversion for s in group.steps] == [None, 0.0, None, None, None, None]


def test_an_empty_funnel_has_no_rates() -> None:
    [group] = funnel.funnel([], FunnelGrouping.NONE, IST)
    assert counts(group) == [0] * 6
    assert {(s.conversion, s.share_of_registered) for s in group.steps} == {(None, None)}


def test_the_funnel_per_region_is_sorted_by_name() -> None:
    youth = [funnel_youth(1, region="Pune"), funnel_youth(region="Delhi"), funnel_youth(1, 2, region="Pune")]
    groups = funnel.funnel(youth, FunnelGrouping.REGION, IST)
    assert [(g.grouping, g.name, counts(g)[:3]) for g in groups] == [
        (FunnelGrouping.REGION, "Delhi", [1, 0, 0]),
        (FunnelGrouping.REGION, "Pune", [2, 2, 1]),
    ]


def test_cohorts_are_months_of_registration_in_the_programmes_time_zone() -> None:
    last_minute_of_february = datetime(2026, 2, 28, 18, 29, tzinfo=UTC)  # 23:59 in India
    first_minute_of_march = datetime(2026, 2, 28, 18, 30, tzinfo=UTC)  # 00:00 on 1 March in India
    youth = [
        funnel_youth(1, at=first_minute_of_march),
        funnel_youth(at=last_minute_of_february),
        funnel_youth(at=datetime(2025, 12, 31, 20, 0, tzinfo=UTC)),  # 1 January 2026 in India
    ]
    groups = funnel.funnel(youth, FunnelGrouping.COHORT, IST)
    assert [(g.name, counts(g)[:2]) for g in groups] == [
        ("2026-01", [1, 0]),
        ("2026-02", [1, 0]),
        ("2026-03", [1, 1]),
    ]
    in_utc = funnel.funnel(youth, FunnelGrouping.COHORT, "UTC")
    assert [g.name for g in in_utc] == ["2025-12", "2026-02"]


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


def test_risk_change_after_interventions_by_kind() -> None:
    follow_ups = [
        InterventionFollowUp(K.MESSAGE, 5, 6),
        InterventionFollowUp(K.CALL, 8, 6),
        InterventionFollowUp(K.CALL, 7, 7),
        InterventionFollowUp(K.CALL, 4, 3),
        InterventionFollowUp(K.MESSAGE, 5, None),  # too recent to measure
        InterventionFollowUp(K.OTHER, None, 3),  # no features on its day
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


def test_average_change_keeps_two_decimals() -> None:
    follow_ups = [InterventionFollowUp(K.MEETING, 6, 4), InterventionFollowUp(K.MEETING, 6, 6)]
    follow_ups.append(InterventionFollowUp(K.MEETING, 3, 3))
    [effect] = intervention_effect.by_kind(follow_ups)
    assert effect.average_change == -0.67
    assert intervention_effect.by_kind([]) == []
