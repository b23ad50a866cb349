"""What the insights pages read besides the board — the funnel, gamification, sector fit,
module outcomes and intervention follow-ups — in memory, on SQLite and on PostgreSQL."""

from dataclasses import replace
from datetime import timedelta

import pytest

from mb.domain.model.assignment import Assignment, AssignmentStatus
from mb.domain.model.insights import (
    FunnelYouth,
    GamificationGroupFacts,
    InterventionFollowUp,
    ModuleOutcomes,
    SectorYouth,
)
from mb.domain.model.intervention import InterventionKind
from mb.domain.model.module import Module, ModuleStatus
from mb.domain.model.roles import Role
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
        funnel = list(await uow.insights.funnel_youth(DAY))
        groups = list(await uow.insights.gamification_groups(DAY))
        yesterday = list(await uow.insights.gamification_groups(days_before(DAY, 1)))
        empty = list(await uow.insights.funnel_youth(days_before(DAY, 2)))

    assert funnel == [
        FunnelYouth("MH", registered, True, True, True, True, True),
        FunnelYouth("KA", T0, False, True, False, True, False),
        FunnelYouth("MH", T0, False, False, False, False, False),
    ]
    assert groups == [GamificationGroupFacts(True, 2, 26, 5, 1), GamificationGroupFacts(False, 1, 1, 0, 0)]
    assert yesterday == [GamificationGroupFacts(False, 1, 9, 2, 0)]
    assert empty == []


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


async def test_module_outcomes_count_held_assignments_and_how_long_each_completion_took(
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
    )

    async with uow_factory() as uow:
        outcomes = list(await uow.insights.module_outcomes())

    assert [o.code for o in outcomes] == ["BK-101", "IT-101", "IT-201"]
    bank, it101, it201 = outcomes
    assert bank == ModuleOutcomes(banking, "BK-101", "Module BK-101", BANKING, 0, 0, 0.0, ())
    assert it201 == ModuleOutcomes(python, "IT-201", "Module IT-201", IT, 0, 0, 0.0, ())
    assert replace(it101, days_to_complete=()) == ModuleOutcomes(
        excel, "IT-101", "Module IT-101", IT, 4, 2, 60.0, ()
    )
    assert it101.days_to_complete == pytest.approx((2.5, 4.0), abs=1e-6)


async def test_follow_ups_pair_the_score_on_the_day_with_the_score_days_later(
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
        assessed(rahul, late, score=6),
        assessed(rahul, days_before(DAY, 40), score=9),
    )
    await intervene(
        uow_factory,
        (an_intervention(meera, rahul, T0 - timedelta(days=10), InterventionKind.MEETING), late),
        (an_intervention(meera, priya, T0 - timedelta(days=30), InterventionKind.CALL), early),
        (
            an_intervention(meera, rahul, T0 - timedelta(days=40), InterventionKind.MESSAGE),
            days_before(DAY, 40),
        ),
        (an_intervention(meera, priya, T0 - timedelta(days=5), InterventionKind.OTHER), days_before(DAY, 5)),
    )

    async with uow_factory() as uow:
        follow_ups = list(await uow.insights.intervention_follow_ups(early, 14))
        next_day = list(await uow.insights.intervention_follow_ups(early, 1))
        none = list(await uow.insights.intervention_follow_ups(DAY, 14))

    assert follow_ups == [
        InterventionFollowUp(InterventionKind.CALL, 8, 3),
        InterventionFollowUp(InterventionKind.MEETING, 6, None),
        InterventionFollowUp(InterventionKind.OTHER, None, None),
    ]
    assert next_day[0] == InterventionFollowUp(InterventionKind.CALL, 8, None)
    assert none == []
