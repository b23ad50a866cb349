"""What the insights pages read besides the board — the funnel, gamification, sector fit,
module outcomes and intervention follow-ups — in memory, on SQLite and on PostgreSQL."""

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta

import pytest

from mb.domain.model.assignment import Assignment, AssignmentStatus
from mb.domain.model.insight_views import FunnelGrouping
from mb.domain.model.insights import (
    FunnelCounts,
    GamificationGroupFacts,
    InterventionFollowUps,
    ModuleOutcomes,
    SectorYouth,
)
from mb.domain.model.intervention import InterventionKind
from mb.domain.model.module import Module, ModuleStatus
from mb.domain.model.roles import Role
from mb.domain.ports.unit_of_work import UnitOfWork
from tests.contract.insight_builders import (
    DAY,
    T0,
    UowFactory,
    an_intervention,
    assessed,
    days_before,
    intervene,
    store,
)
from tests.contract.test_engagement_repositories import a_user, people

IT, RETAIL, BANKING = "IT/ITES", "Retail", "बैंकिंग"


def a_module(code: str, sector: str, skills: list[str], **fields: object) -> Module:
    return Module(
        code=code,
        title=f"Module {code}",
        sector=sector,
        skills=skills,
        created_at=T0,
        updated_at=T0,
        **fields,  # type: ignore[arg-type]
    )


async def modules(uow_factory: UowFactory, *items: Module) -> list[int]:
    async with uow_factory() as uow:
        for item in items:
            await uow.modules.add(item)
        await uow.commit()
    return [item.id for item in items if item.id is not None]


async def assign(uow_factory: UowFactory, *items: Assignment) -> None:
    async with uow_factory() as uow:
        for item in items:
            await uow.assignments.add(item)
        await uow.commit()


def held(
    user_id: int, module_id: int, status: AssignmentStatus, progress: int = 0, **fields: object
) -> Assignment:
    return Assignment(user_id, module_id, T0 - timedelta(days=30), status, progress, **fields)  # type: ignore[arg-type]


async def test_the_funnel_and_gamification_read_the_days_rows_of_active_youth(
    uow_factory: UowFactory,
) -> None:
    registered = T0 - timedelta(days=40)
    priya, rahul, kiran, gone, mentor = await people(
        uow_factory,
        a_user("priya@example.org", region="MH", created_at=registered),
        a_user("rahul@example.org", region="KA"),
        a_user("kiran@example.org", region="MH"),
        a_user("zoya@example.org", region="MH", is_active=False),
        a_user("meera@example.org", Role.MENTOR),
    )
    await store(
        uow_factory,
        assessed(
            priya,
            career_survey_done=True,
            modules_started=2,
            modules_completed=1,
            badges_earned=2,
            placed=True,
            active_days_30=20,
            modules_assigned=3,
        ),
        assessed(
            rahul,
            modules_started=1,
            modules_completed=0,
            badges_earned=1,
            active_days_30=6,
            modules_assigned=2,
        ),
        assessed(kiran, modules_started=0, modules_completed=0, active_days_30=1, modules_assigned=0),
        assessed(gone, badges_earned=5, active_days_30=30),
        assessed(mentor, badges_earned=5),
        assessed(priya, days_before(DAY, 1), badges_earned=0),
    )

    async with uow_factory() as uow:
        funnels = {grouping: await funnel_counts(uow, DAY, grouping) for grouping in FunnelGrouping}
        groups = list(await uow.insights.gamification_groups(DAY))
        yesterday = list(await uow.insights.gamification_groups(days_before(DAY, 1)))
        empty = [await funnel_counts(uow, days_before(DAY, 2), grouping) for grouping in FunnelGrouping]

    # Priya reached every stage; Rahul started and earned a badge; Kiran only registered.
    assert funnels[FunnelGrouping.NONE] == [FunnelCounts("", 3, 1, 2, 1, 2, 1)]
    assert funnels[FunnelGrouping.REGION] == [
        FunnelCounts("KA", 1, 0, 1, 0, 1, 0),
        FunnelCounts("MH", 2, 1, 1, 1, 1, 1),
    ]
    assert funnels[FunnelGrouping.COHORT] == [
        FunnelCounts("2026-10", 1, 1, 1, 1, 1, 1),
        FunnelCounts("2026-11", 2, 0, 1, 0, 1, 0),
    ]
    assert groups == [GamificationGroupFacts(True, 2, 26, 5, 1), GamificationGroupFacts(False, 1, 1, 0, 0)]
    assert yesterday == [GamificationGroupFacts(False, 1, 9, 2, 0)]
    assert empty == [[], [], []]


async def funnel_counts(
    uow: UnitOfWork, day: date, grouping: FunnelGrouping, timezone: str = "Asia/Kolkata"
) -> list[FunnelCounts]:
    return sorted(await uow.insights.funnel_counts(day, grouping, timezone), key=lambda counts: counts.group)


@pytest.mark.parametrize(
    ("timezone", "registered", "cohorts"),
    [
        (
            "Asia/Kolkata",
            [
                datetime(2025, 12, 31, 20, 0, tzinfo=UTC),  # 1 January 2026 in India
                datetime(2026, 2, 28, 18, 29, tzinfo=UTC),  # 23:59 on 28 February
                datetime(2026, 2, 28, 18, 30, tzinfo=UTC),  # 00:00 on 1 March
            ],
            {"2026-01": 1, "2026-02": 1, "2026-03": 1, "2026-11": 1},
        ),
        (
            "America/New_York",  # months that begin in winter time and in summer time
            [
                datetime(2026, 3, 1, 4, 59, tzinfo=UTC),  # 23:59 on 28 February, UTC-5
                datetime(2026, 3, 1, 5, 0, tzinfo=UTC),
                datetime(2026, 6, 1, 3, 59, tzinfo=UTC),  # 23:59 on 31 May, UTC-4
                datetime(2026, 6, 1, 4, 0, tzinfo=UTC),
            ],
            {"2026-02": 1, "2026-03": 1, "2026-05": 1, "2026-06": 1, "2026-11": 1},
        ),
    ],
)
async def test_cohorts_are_months_of_registration_in_the_programmes_time_zone(
    uow_factory: UowFactory, timezone: str, registered: list[datetime], cohorts: dict[str, int]
) -> None:
    youth = await people(
        uow_factory,
        *(a_user(f"youth{n}@example.org", created_at=at) for n, at in enumerate([*registered, T0])),
    )
    await store(
        uow_factory, *(assessed(user_id, career_survey_done=n == 0) for n, user_id in enumerate(youth))
    )

    async with uow_factory() as uow:
        found = await funnel_counts(uow, DAY, FunnelGrouping.COHORT, timezone)

    assert {counts.group: counts.registered for counts in found} == cohorts
    assert sum(counts.career_survey_done for counts in found) == 1


async def test_sector_facts_join_interests_profile_skills_and_what_youth_learned(
    uow_factory: UowFactory,
) -> None:
    priya, rahul, gone = await people(
        uow_factory,
        a_user("priya@example.org", sector_interests=[IT, BANKING], skills=["Typing", "हिंदी"]),
        a_user("rahul@example.org"),
        a_user("zoya@example.org", skills=["Sales"], is_active=False),
    )
    await people(uow_factory, a_user("meera@example.org", Role.MENTOR, skills=["Coaching"]))
    excel, python, sales, retired, loans, unsectored = await modules(
        uow_factory,
        a_module("IT-101", IT, ["Excel", "Typing"]),
        a_module("IT-201", IT, ["Python"]),
        a_module("RT-101", RETAIL, ["Sales", "Customer service"]),
        a_module("RT-900", RETAIL, ["Visual merchandising"], status=ModuleStatus.INACTIVE),
        a_module("BK-101", BANKING, ["Loans"]),
        a_module("GEN-1", "", ["Punctuality"]),
    )
    now = T0 - timedelta(days=1)
    await assign(
        uow_factory,
        held(priya, excel, AssignmentStatus.COMPLETED, 100, started_at=now, completed_at=now),
        held(priya, retired, AssignmentStatus.COMPLETED, 100, started_at=now, completed_at=now),
        held(priya, python, AssignmentStatus.IN_PROGRESS, 40, started_at=now),
        held(priya, sales, AssignmentStatus.ACTIVE),
        held(priya, loans, AssignmentStatus.INACTIVE, 100, started_at=now, completed_at=now),
        held(rahul, unsectored, AssignmentStatus.IN_PROGRESS, 10, started_at=now),
        held(gone, loans, AssignmentStatus.COMPLETED, 100, started_at=now, completed_at=now),
    )

    async with uow_factory() as uow:
        youth = list(await uow.insights.sector_youth())
        skills = await uow.insights.sector_skills()

    assert youth == [
        SectorYouth(
            priya,
            frozenset({IT, BANKING}),
            frozenset({"Typing", "हिंदी", "Excel", "Visual merchandising"}),
            (IT, IT, RETAIL),
        ),
        SectorYouth(rahul, frozenset(), frozenset(), ("",)),
    ]
    assert skills == {
        BANKING: frozenset({"Loans"}),
        IT: frozenset({"Excel", "Typing", "Python"}),
        RETAIL: frozenset({"Sales", "Customer service"}),
    }
    assert list(skills) == sorted(skills)


async def test_module_outcomes_count_held_assignments_and_the_median_days_a_completion_took(
    uow_factory: UowFactory,
) -> None:
    learners = await people(uow_factory, *(a_user(f"youth{n}@example.org") for n in range(5)))
    excel, retired, python, banking = await modules(
        uow_factory,
        a_module("IT-101", IT, ["Excel"]),
        a_module("IT-000", IT, [], status=ModuleStatus.INACTIVE),
        a_module("IT-201", IT, ["Python"]),
        a_module("BK-101", BANKING, []),
    )
    start = T0 - timedelta(days=10)
    await assign(
        uow_factory,
        held(
            learners[0],
            excel,
            AssignmentStatus.COMPLETED,
            100,
            started_at=start,
            completed_at=start + timedelta(days=2.5),
        ),
        # Never marked started: counted from when it was assigned (30 days before T0).
        held(learners[1], excel, AssignmentStatus.COMPLETED, 100, completed_at=T0 - timedelta(days=26)),
        held(learners[2], excel, AssignmentStatus.IN_PROGRESS, 40, started_at=start),
        held(learners[3], excel, AssignmentStatus.INACTIVE, 90, started_at=start),
        held(learners[4], excel, AssignmentStatus.ACTIVE, 0),
        held(learners[0], retired, AssignmentStatus.COMPLETED, 100, started_at=start, completed_at=T0),
        held(learners[0], python, AssignmentStatus.INACTIVE, 100, started_at=start, completed_at=T0),
        # Three done in 1, 7 and 3 days: the median is the middle one.
        *(
            held(
                learners[n],
                python,
                AssignmentStatus.COMPLETED,
                100,
                started_at=start,
                completed_at=start + timedelta(days=took),
            )
            for n, took in ((1, 1), (2, 7), (3, 3))
        ),
    )

    async with uow_factory() as uow:
        outcomes = list(await uow.insights.module_outcomes())

    assert [o.code for o in outcomes] == ["BK-101", "IT-101", "IT-201"]
    bank, it101, it201 = outcomes
    assert bank == ModuleOutcomes(banking, "BK-101", "Module BK-101", BANKING, 0, 0, 0.0, None)
    assert replace(it201, median_days_to_complete=None) == ModuleOutcomes(
        python, "IT-201", "Module IT-201", IT, 3, 3, 100.0, None
    )
    assert it201.median_days_to_complete == pytest.approx(3.0, abs=1e-6)
    assert replace(it101, median_days_to_complete=None) == ModuleOutcomes(
        excel, "IT-101", "Module IT-101", IT, 4, 2, 60.0, None
    )
    # Two done, in 2.5 and 4 days: the median is the mean of the middle two.
    assert it101.median_days_to_complete == pytest.approx(3.25, abs=1e-6)


async def test_follow_ups_sum_by_kind_the_change_from_the_score_on_the_day_to_the_score_days_later(
    uow_factory: UowFactory,
) -> None:
    meera, priya, rahul = await people(
        uow_factory,
        a_user("meera@example.org", Role.MENTOR),
        a_user("priya@example.org"),
        a_user("rahul@example.org"),
    )
    early, late = days_before(DAY, 30), days_before(DAY, 10)
    await store(
        uow_factory,
        assessed(priya, early, score=8),
        assessed(priya, early + timedelta(days=14), score=3),
        assessed(priya, early + timedelta(days=13), score=1),  # a day early: not the follow-up
        assessed(priya, early + timedelta(days=27), score=1),
        assessed(rahul, days_before(DAY, 24), score=4),
        assessed(rahul, late, score=6),
        assessed(rahul, days_before(DAY, 40), score=9),
    )
    await intervene(
        uow_factory,
        (an_intervention(meera, rahul, T0 - timedelta(days=10), InterventionKind.MEETING), late),
        (an_intervention(meera, priya, T0 - timedelta(days=30), InterventionKind.CALL), early),  # 8 -> 3
        (an_intervention(meera, rahul, T0 - timedelta(days=24), InterventionKind.CALL), days_before(DAY, 24)),
        (
            an_intervention(meera, priya, T0 - timedelta(days=17), InterventionKind.CALL),
            early + timedelta(days=13),
        ),
        (
            an_intervention(meera, rahul, T0 - timedelta(days=40), InterventionKind.MESSAGE),
            days_before(DAY, 40),
        ),
        (an_intervention(meera, priya, T0 - timedelta(days=5), InterventionKind.OTHER), days_before(DAY, 5)),
    )

    async with uow_factory() as uow:
        follow_ups = await uow.insights.intervention_follow_ups(early, 14)
        next_day = await uow.insights.intervention_follow_ups(early, 1)
        none = list(await uow.insights.intervention_follow_ups(DAY, 14))

    # kind, interventions, measured, change total, improved, unchanged, worsened
    assert sorted(follow_ups, key=lambda f: f.kind.value) == [
        InterventionFollowUps(InterventionKind.CALL, 3, 3, -5 + 2 + 0, 1, 1, 1),
        InterventionFollowUps(InterventionKind.MEETING, 1, 0, 0, 0, 0, 0),  # nothing 14 days later yet
        InterventionFollowUps(InterventionKind.OTHER, 1, 0, 0, 0, 0, 0),  # no score on its day
    ]
    # A day later only the third call has a score (1 -> 3).
    assert sorted(next_day, key=lambda f: f.kind.value)[0] == InterventionFollowUps(
        InterventionKind.CALL, 3, 1, 2, 0, 0, 1
    )
    assert none == []
