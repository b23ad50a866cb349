"""The insights service on fakes: who sees what, flags, figures from the stored features, caching."""

from collections.abc import Awaitable, Callable
from datetime import date, timedelta

import pytest

from mb.bootstrap import Services
from mb.domain.errors import FeatureDisabled, PermissionDenied
from mb.domain.model.flags import Flag
from mb.domain.model.insight_views import FunnelGrouping, FunnelStage, NextActionCode
from mb.domain.model.insights import BoardQuery
from mb.domain.model.intervention import InterventionKind
from mb.domain.model.risk import RiskLevel
from mb.domain.model.roles import Role
from mb.domain.model.user import Actor, User
from tests.conftest import PASSWORD
from tests.fakes import FakeClock, Store
from tests.fakes_cache import FakeCache
from tests.fakes_features import COMPUTED_AT, FakeFeatureSource, features

TODAY = date(2026, 11, 28)  # the fake clock's day in India


@pytest.fixture
async def other_mentor(services: Services, admin: Actor) -> Actor:
    user = await services.accounts.create_staff(
        admin, "other@example.org", PASSWORD, Role.MENTOR, "Ola Other"
    )
    return Actor.of(user)


@pytest.fixture
async def caseloads(
    services: Services,
    register: Callable[..., Awaitable[User]],
    admin: Actor,
    mentor: Actor,
    other_mentor: Actor,
) -> dict[str, int]:
    """Asha (high risk) and Bina (fine) with the mentor, Chitra (medium) with the other mentor."""
    people = {}
    for name, region, mentor_id in (
        ("asha", "MH", mentor.user_id),
        ("bina", "DL", mentor.user_id),
        ("chitra", "MH", other_mentor.user_id),
    ):
        youth = await register(f"{name}@example.org", region=region)
        assert youth.id is not None
        await services.user_admin.assign_mentor(admin, youth.id, mentor_id)
        people[name] = youth.id
    return people


@pytest.fixture
async def synced(services: Services, feature_source: FakeFeatureSource, caseloads: dict[str, int]) -> None:
    high = {"days_inactive": 20, "avg_completion": 10.0, "quiz_attempts": 0, "career_survey_done": False}
    week_ago = TODAY - timedelta(days=7)
    feature_source.rows = [
        features(caseloads["asha"], TODAY, badges_earned=0, **high),
        features(caseloads["asha"], week_ago, days_inactive=13, avg_completion=10.0),
        features(caseloads["bina"], TODAY, placed=True),
        features(caseloads["bina"], week_ago),
        features(
            caseloads["chitra"],
            TODAY,
            days_inactive=10,
            badges_earned=0,
            quiz_attempts=0,
            career_survey_done=False,
        ),
    ]
    await services.feature_sync.sync(None)


CALLS: list[Callable[[Services, Actor], Awaitable[object]]] = [
    lambda s, a: s.insights.overview(a),
    lambda s, a: s.insights.freshness(a),
    lambda s, a: s.insights.funnel(a, FunnelGrouping.NONE),
    lambda s, a: s.insights.at_risk(a, BoardQuery()),
    lambda s, a: s.insights.caseload(a),
    lambda s, a: s.insights.sectors(a),
    lambda s, a: s.insights.modules(a),
    lambda s, a: s.insights.gamification(a),
    lambda s, a: s.insights.interventions(a),
    lambda s, a: s.insights.youth_risk(a, a.user_id),
]


@pytest.mark.parametrize("call", CALLS)
async def test_youth_see_no_insights(
    services: Services,
    register: Callable[..., Awaitable[User]],
    call: Callable[[Services, Actor], Awaitable[object]],
) -> None:
    youth = Actor.of(await register("nosy@example.org"))

    with pytest.raises(PermissionDenied):
        await call(services, youth)


@pytest.mark.usefixtures("synced")
async def test_a_mentor_sees_only_their_own_youth_whatever_they_ask_for(
    services: Services, mentor: Actor, other_mentor: Actor, caseloads: dict[str, int]
) -> None:
    asked_for_others = BoardQuery(mentor_id=other_mentor.user_id)

    board = await services.insights.at_risk(mentor, asked_for_others)

    assert [row.user_id for row in board.rows] == [caseloads["asha"], caseloads["bina"]]
    assert (board.counts.get(RiskLevel.HIGH), board.counts.get(RiskLevel.MEDIUM, 0)) == (1, 0)
    assert await services.insights.youth_risk(mentor, caseloads["chitra"]) == []
    searched = await services.insights.at_risk(mentor, BoardQuery(search="chitra"))
    assert searched.total == 0


@pytest.mark.usefixtures("synced")
async def test_the_board_shows_the_score_its_reasons_and_the_change_over_a_week(
    services: Services, admin: Actor, caseloads: dict[str, int]
) -> None:
    board = await services.insights.at_risk(admin, BoardQuery())

    assert board.day == TODAY and board.total == 3
    asha = board.rows[0]
    assert (asha.user_id, asha.score, asha.level, asha.score_7_days_ago, asha.trend) == (
        caseloads["asha"],
        7,
        RiskLevel.HIGH,
        5,
        2,
    )
    assert sum(reason.points for reason in asha.reasons) == 7
    only_mh = await services.insights.at_risk(admin, BoardQuery(region="MH"))
    assert {row.user_id for row in only_mh.rows} == {caseloads["asha"], caseloads["chitra"]}


@pytest.mark.usefixtures("synced")
async def test_the_caseload_needs_the_new_dashboard_and_suggests_a_next_action(
    services: Services, mentor: Actor, admin: Actor, caseloads: dict[str, int]
) -> None:
    with pytest.raises(FeatureDisabled):
        await services.insights.caseload(mentor)
    await services.flags.set(admin, Flag.NEW_DASHBOARD, True)

    caseload = await services.insights.caseload(mentor)

    assert [entry.row.user_id for entry in caseload.entries] == [caseloads["asha"], caseloads["bina"]]
    assert caseload.entries[0].action.code is NextActionCode.CALL_TODAY
    assert caseload.entries[0].action.because
    everyone = await services.insights.caseload(admin)
    assert everyone.total == 3


@pytest.mark.usefixtures("synced")
async def test_the_overview_counts_today_and_a_week_ago(services: Services, mentor: Actor) -> None:
    overview = await services.insights.overview(mentor)

    assert overview.day == TODAY
    assert overview.latest is not None and overview.week_before is not None
    assert (overview.latest.youth, overview.latest.high, overview.latest.medium) == (3, 1, 1)
    assert overview.week_before.youth == 2
    assert [totals.day for totals in overview.trend] == [TODAY - timedelta(days=7), TODAY]


async def test_before_any_sync_the_pages_are_empty_not_broken(services: Services, admin: Actor) -> None:
    overview = await services.insights.overview(admin)
    board = await services.insights.at_risk(admin, BoardQuery())
    freshness = await services.insights.freshness(admin)

    assert (overview.day, overview.latest, overview.trend) == (None, None, ())
    assert (board.day, board.rows, board.total) == (None, [], 0)
    assert (freshness.day, freshness.last_synced_at, freshness.stale) == (None, None, False)


@pytest.mark.usefixtures("synced")
async def test_the_funnel_counts_each_stage_by_region(services: Services, admin: Actor) -> None:
    groups = await services.insights.funnel(admin, FunnelGrouping.REGION)

    by_name = {group.name: group for group in groups}
    assert set(by_name) == {"DL", "MH"}
    placed = {
        name: next(s.youth for s in g.steps if s.stage is FunnelStage.PLACED) for name, g in by_name.items()
    }
    assert placed == {"DL": 1, "MH": 0}
    assert by_name["MH"].registered == 2


@pytest.mark.usefixtures("synced")
async def test_gamification_impact_goes_with_its_flag(services: Services, admin: Actor) -> None:
    impact = await services.insights.gamification(admin)
    assert (impact.badge_earners.youth, impact.others.youth) == (1, 2)
    await services.flags.set(admin, Flag.GAMIFICATION, False)

    with pytest.raises(FeatureDisabled):
        await services.insights.gamification(admin)


async def test_an_intervention_is_judged_by_the_risk_fourteen_days_later(
    services: Services,
    feature_source: FakeFeatureSource,
    caseloads: dict[str, int],
    mentor: Actor,
    admin: Actor,
    clock: FakeClock,
) -> None:
    asha = caseloads["asha"]
    await services.interventions.log_intervention(mentor, asha, InterventionKind.CALL, "Checked in")
    feature_source.rows = [
        features(asha, TODAY, days_inactive=20),
        features(asha, TODAY + timedelta(days=14), days_inactive=2),
    ]
    clock.advance(days=14)
    await services.feature_sync.sync(None, None)

    effects = await services.insights.interventions(admin)
    overview = await services.insights.overview(admin)

    (call,) = effects
    assert (call.kind, call.interventions, call.measured, call.average_change, call.improved) == (
        InterventionKind.CALL,
        1,
        1,
        -4.0,
        1,
    )
    # Logged 14 days ago: in the last 30 days, and in the 30 days that ended a week ago.
    assert (overview.interventions_30_days, overview.interventions_30_days_week_before) == (1, 1)


@pytest.mark.usefixtures("synced")
async def test_figures_are_served_from_the_cache_until_the_next_sync(
    services: Services,
    admin: Actor,
    cache: FakeCache,
    feature_source: FakeFeatureSource,
    caseloads: dict[str, int],
) -> None:
    first = await services.insights.overview(admin)
    hits = len(cache.hits)

    again = await services.insights.overview(admin)

    assert again == first and cache.hits[hits:] == ["overview"]
    later = COMPUTED_AT + timedelta(hours=1)
    feature_source.rows.append(
        features(caseloads["chitra"], TODAY - timedelta(days=7), feature_timestamp=later)
    )
    await services.feature_sync.sync(None)
    assert (await services.insights.overview(admin)).week_before.youth == 3  # type: ignore[union-attr]


@pytest.mark.usefixtures("synced")
async def test_sector_fit_is_counted_when_a_sync_finishes_and_kept_until_the_next(
    services: Services,
    admin: Actor,
    caseloads: dict[str, int],
    feature_source: FakeFeatureSource,
    store: Store,
) -> None:
    assert {"sector_fit", "module_effectiveness"} <= set(store.snapshots)  # counted by the sync
    first = await services.insights.sectors(admin)
    assert first.youth == 3
    await services.user_admin.set_active(admin, caseloads["chitra"], False)
    await services.cache.clear()

    assert (await services.insights.sectors(admin)).youth == 3  # as of the last sync

    later = COMPUTED_AT + timedelta(hours=2)
    feature_source.rows.append(features(caseloads["asha"], TODAY, feature_timestamp=later))
    await services.feature_sync.sync(None)
    assert (await services.insights.sectors(admin)).youth == 2
