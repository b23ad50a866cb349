"""Recommendation ranking and reasons, as tables of cases on plain data; then the use case on fakes:
who may see and accept recommendations, and the flag that switches them off."""

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from mb.bootstrap import Services
from mb.domain.errors import FeatureDisabled, InvalidInput, NotFound, PermissionDenied
from mb.domain.model.assignment import Assignment, AssignmentStatus
from mb.domain.model.flags import Flag
from mb.domain.model.module import Difficulty, Module, ModuleStatus
from mb.domain.model.profile import ProfileFields
from mb.domain.model.recommendation import (
    FillsSkillGap,
    FitsLevel,
    InterestMatch,
    LearnerState,
    LevelStep,
    OftenCompleted,
    Part,
    Reason,
    Uptake,
)
from mb.domain.model.roles import Role
from mb.domain.model.user import Actor
from mb.domain.model.youth_filter import YouthFilter
from mb.domain.rules.recommendations import WEIGHTS, effectiveness, learner_state, recommend
from tests.conftest import PASSWORD
from tests.fakes import FakeClock, Store
from tests.unit.test_catalogue import QUIZ, a_module, module_id

Register = Callable[..., Any]
T0 = datetime(2026, 11, 1, 9, 0, tzinfo=UTC)
BEGINNER, INTERMEDIATE, ADVANCED = Difficulty.BEGINNER, Difficulty.INTERMEDIATE, Difficulty.ADVANCED


def module(
    number: int,
    sector: str = "IT/ITES",
    difficulty: Difficulty = BEGINNER,
    skills: Sequence[str] = ("Excel",),
    requires: Sequence[int] = (),
    status: ModuleStatus = ModuleStatus.ACTIVE,
) -> Module:
    return Module(
        id=number,
        code=f"M-{number:03d}",
        title=f"Module {number}",
        sector=sector,
        difficulty=difficulty,
        skills=list(skills),
        prerequisites=list(requires),
        status=status,
        created_at=T0,
        updated_at=T0,
    )


def youth(
    interests: Sequence[str] = (),
    skills: Sequence[str] = (),
    held: Sequence[int] = (),
    completed: Sequence[int] = (),
) -> LearnerState:
    return LearnerState(
        frozenset(interests), frozenset(skills), frozenset((*held, *completed)), frozenset(completed)
    )


# Ranking


@dataclass(frozen=True)
class Ranking:
    learner: LearnerState
    catalogue: tuple[Module, ...]
    expected: tuple[int, ...]  # module ids, best first
    uptake: dict[int, Uptake] = field(default_factory=dict)


RANKINGS = {
    "sector interest beats no interest": Ranking(
        youth(interests=["Retail"]),
        (module(1), module(2, sector="Retail")),
        (2, 1),
    ),
    "interest matches in any case": Ranking(
        youth(interests=["retail "]),
        (module(1), module(2, sector="Retail")),
        (2, 1),
    ),
    "a module whose prerequisites are not completed is left out": Ranking(
        youth(held=[1]),
        (module(1), module(2, requires=[1]), module(3)),
        (3,),
    ),
    "completing the prerequisites opens it": Ranking(
        youth(completed=[1]),
        (module(1), module(2, requires=[1], sector="Retail"), module(3)),
        (2, 3),
    ),
    "modules already held, withdrawn ones too, are left out": Ranking(
        youth(held=[1, 2]),
        (module(1), module(2), module(3)),
        (3,),
    ),
    "inactive modules are left out": Ranking(
        youth(),
        (module(1, status=ModuleStatus.INACTIVE), module(2)),
        (2,),
    ),
    "a beginner first for someone who completed nothing": Ranking(
        youth(),
        (module(1, difficulty=ADVANCED), module(2, difficulty=INTERMEDIATE), module(3)),
        (3, 1, 2),  # the other two both jump two levels or more: a tie, broken by code
    ),
    "after a beginner module, the same level or the next, not two up": Ranking(
        youth(completed=[1]),
        (module(1), module(2, difficulty=ADVANCED), module(3, difficulty=INTERMEDIATE), module(4)),
        (3, 4, 2),
    ),
    "after an intermediate module, an easier one comes after the right level": Ranking(
        youth(completed=[1]),
        (module(1, difficulty=INTERMEDIATE), module(2), module(3, difficulty=ADVANCED)),
        (3, 2),
    ),
    "a module two youth completed does not beat one most of a hundred did": Ranking(
        youth(),
        (module(1), module(2), module(3)),
        (2, 1, 3),
        {1: Uptake(2, 2, 2, 2), 2: Uptake(100, 80, 100, 80), 3: Uptake(100, 20, 100, 20)},
    ),
    "similar youth's completions count beyond everyone's": Ranking(
        youth(),
        (module(1), module(2)),
        (2, 1),
        {1: Uptake(20, 5, 100, 70), 2: Uptake(20, 18, 100, 60)},
    ),
    "a tie goes to the module code, whatever the catalogue order": Ranking(
        youth(),
        (module(3), module(1), module(2)),
        (1, 2, 3),
    ),
    "only the best three": Ranking(
        youth(interests=["Retail"]),
        tuple(module(n, sector="Retail" if n % 2 else "IT/ITES") for n in range(1, 7)),
        (1, 3, 5),
    ),
    "fewer than three candidates": Ranking(youth(held=[1]), (module(1), module(2)), (2,)),
    "no candidates at all": Ranking(youth(held=[1]), (module(1), module(2, requires=[1])), ()),
    "an empty catalogue": Ranking(youth(), (), ()),
}


@pytest.mark.parametrize("case", RANKINGS.values(), ids=RANKINGS.keys())
def test_recommendations_are_ranked(case: Ranking) -> None:
    found = recommend(case.learner, case.catalogue, case.uptake)
    assert tuple(r.module.id for r in found) == case.expected


def test_the_ranking_does_not_depend_on_the_catalogue_order() -> None:
    catalogue = [module(n, sector=("Retail", "IT/ITES")[n % 2], skills=[f"S{n % 3}"]) for n in range(1, 9)]
    learner = youth(interests=["Retail"], skills=["S1"])
    first = [r.module.id for r in recommend(learner, catalogue, {})]
    assert [r.module.id for r in recommend(learner, catalogue[::-1], {})] == first


# Reasons


@dataclass(frozen=True)
class Explained:
    learner: LearnerState
    catalogue: tuple[Module, ...]
    reasons: tuple[Reason, ...]  # of the first recommendation, strongest first
    uptake: dict[int, Uptake] = field(default_factory=dict)


EXPLAINED = {
    "interest, new skills and a first step": Explained(
        youth(interests=["Retail"], skills=["excel"]),
        (module(1, sector="Retail", skills=["Excel", "Billing", "Stock"]),),
        (  # strongest first: 3.0, 1.5 and 1.5 * 2/3
            InterestMatch("Retail"),
            FitsLevel(BEGINNER, LevelStep.START),
            FillsSkillGap(("Billing", "Stock")),
        ),
    ),
    "skills from completed modules are not new": Explained(
        youth(completed=[1]),
        (module(1, skills=["Excel"]), module(2, skills=["Excel", "Tally"])),
        (FitsLevel(BEGINNER, LevelStep.SAME), FillsSkillGap(("Tally",))),
    ),
    "a module teaching nothing new says so by saying nothing": Explained(
        youth(skills=["Excel"]),
        (module(1),),
        (FitsLevel(BEGINNER, LevelStep.START),),
    ),
    "the next level up": Explained(
        youth(completed=[1]),
        (module(1), module(2, difficulty=INTERMEDIATE, skills=[])),
        (FitsLevel(INTERMEDIATE, LevelStep.NEXT),),
    ),
    "jumping two levels earns no level reason": Explained(
        youth(),
        (module(1, difficulty=ADVANCED, skills=[]),),
        (),
    ),
    "similar youth usually complete it": Explained(
        youth(skills=["Excel"]),
        (module(1), module(2)),
        (OftenCompleted(9, 10), FitsLevel(BEGINNER, LevelStep.START)),
        {1: Uptake(10, 9, 40, 30), 2: Uptake(10, 3, 40, 10)},
    ),
    "too few similar youth to say it": Explained(
        youth(skills=["Excel"]),
        (module(1), module(2)),
        (FitsLevel(BEGINNER, LevelStep.START),),
        {1: Uptake(4, 4, 40, 30), 2: Uptake(10, 3, 40, 10)},
    ),
}


@pytest.mark.parametrize("case", EXPLAINED.values(), ids=EXPLAINED.keys())
def test_each_recommendation_says_why(case: Explained) -> None:
    first = recommend(case.learner, case.catalogue, case.uptake)[0]
    assert first.reasons == case.reasons


def test_the_parts_add_up_to_the_score_with_the_weights() -> None:
    learner = youth(interests=["Retail"], skills=["Excel"])
    catalogue = [module(1, sector="Retail", skills=["Excel", "Billing"], difficulty=ADVANCED)]
    (found,) = recommend(learner, catalogue, {1: Uptake(0, 0, 10, 5)})
    assert found.parts == {
        Part.SECTOR_INTEREST: WEIGHTS[Part.SECTOR_INTEREST] * 1,
        Part.SKILL_GAP: WEIGHTS[Part.SKILL_GAP] * 0.5,
        Part.EFFECTIVENESS: WEIGHTS[Part.EFFECTIVENESS] * 0.5,
        Part.DIFFICULTY_STEP: WEIGHTS[Part.DIFFICULTY_STEP] * -1,
    }
    assert found.score == pytest.approx(sum(found.parts.values()))


@pytest.mark.parametrize(
    ("uptake", "programme", "expected"),
    [
        (Uptake(), 0.6, 0.6),  # nobody started it: the programme's rate
        (Uptake(0, 0, 10, 10), 0.5, 0.75),  # all of ten: halfway between theirs and the programme's
        (Uptake(1000, 900, 1000, 900), 0.5, pytest.approx(0.9, abs=0.01)),  # plenty of evidence
    ],
)
def test_effectiveness_is_smoothed_toward_broader_rates(
    uptake: Uptake, programme: float, expected: float
) -> None:
    assert effectiveness(uptake, programme) == pytest.approx(expected)


def test_a_withdrawn_module_counts_as_held_and_a_completed_one_stays_completed() -> None:
    profile = ProfileFields(full_name="Priya", skills=["Excel"], sector_interests=["Retail"])
    assignments = [
        Assignment(1, 1, T0, AssignmentStatus.INACTIVE),
        Assignment(1, 2, T0, AssignmentStatus.INACTIVE, 100, T0, T0 + timedelta(days=2)),
        Assignment(1, 3, T0, AssignmentStatus.COMPLETED, 100, T0, T0 + timedelta(days=5)),
        Assignment(1, 4, T0, AssignmentStatus.IN_PROGRESS, 40, T0),
    ]
    state = learner_state(profile, assignments)
    assert state == LearnerState(
        frozenset({"Retail"}), frozenset({"Excel"}), frozenset({1, 2, 3, 4}), frozenset({2, 3})
    )
    assert learner_state(profile, assignments, completed_before=T0 + timedelta(days=3)).completed == {2}


# The use case


@pytest.fixture
async def switched_on(services: Services, admin: Actor) -> None:
    await services.flags.set(admin, Flag.AI_RECOMMENDATIONS, True)


async def priya_and_catalogue(
    services: Services, admin: Actor, mentor: Actor, register: Register, store: Store
) -> tuple[Actor, list[Module]]:
    """Priya (Retail, mentored by Ravi) and four modules; Retail ones first."""
    priya = await register(sector_interests=["Retail"])
    store.users[priya.id].mentor_id = mentor.user_id
    catalogue = [
        await a_module(services, admin, "RET-101", sector="Retail", skills=["Billing"]),
        await a_module(services, admin, "RET-102", sector="Retail", skills=["Stock"]),
        await a_module(services, admin, "IT-101", skills=["Excel"]),
        await a_module(services, admin, "IT-102", skills=["Email"]),
    ]
    await services.catalogue.set_quiz(admin, module_id(catalogue[0]), QUIZ)
    return Actor.of(priya), catalogue


@pytest.mark.usefixtures("switched_on")
async def test_a_youth_their_mentor_and_admins_see_the_same_recommendations(
    services: Services, admin: Actor, mentor: Actor, register: Register, store: Store
) -> None:
    priya, catalogue = await priya_and_catalogue(services, admin, mentor, register, store)
    seen = [await services.recommendations.for_youth(who, priya.user_id) for who in (priya, mentor, admin)]
    assert seen[0] == seen[1] == seen[2]
    assert [r.module.code for r in seen[0]] == ["RET-101", "RET-102", "IT-101"]
    assert all(r.module.quiz is None for r in seen[0])  # the answer key never leaves the service
    assert store.learning.modules[module_id(catalogue[0])].quiz is not None


@pytest.mark.usefixtures("switched_on")
async def test_nobody_else_sees_a_youths_recommendations(
    services: Services, admin: Actor, mentor: Actor, register: Register, store: Store
) -> None:
    priya, _ = await priya_and_catalogue(services, admin, mentor, register, store)
    arjun = Actor.of(await register("arjun@example.org"))
    meera = Actor.of(
        await services.accounts.create_staff(admin, "meera@example.org", PASSWORD, Role.MENTOR, "Meera")
    )
    for who, whose in ((arjun, priya.user_id), (meera, priya.user_id), (admin, mentor.user_id), (admin, 999)):
        with pytest.raises(NotFound):
            await services.recommendations.for_youth(who, whose)


async def test_with_the_flag_off_recommendations_are_refused(
    services: Services, admin: Actor, mentor: Actor, register: Register, store: Store
) -> None:
    priya, catalogue = await priya_and_catalogue(services, admin, mentor, register, store)
    with pytest.raises(FeatureDisabled, match="ai_recommendations"):
        await services.recommendations.for_youth(priya, priya.user_id)
    with pytest.raises(FeatureDisabled):
        await services.recommendations.accept(mentor, priya.user_id, module_id(catalogue[0]))
    assert not store.learning.assignments


@pytest.mark.usefixtures("switched_on")
async def test_a_mentor_accepts_a_recommendation_and_it_is_assigned_once_and_audited(
    services: Services, admin: Actor, mentor: Actor, register: Register, store: Store, clock: FakeClock
) -> None:
    priya, catalogue = await priya_and_catalogue(services, admin, mentor, register, store)
    chosen = module_id(catalogue[0])

    assert await services.recommendations.accept(mentor, priya.user_id, chosen) == 1
    assert await services.recommendations.accept(mentor, priya.user_id, chosen) == 0

    held = [a for a in store.learning.assignments.values() if a.user_id == priya.user_id]
    assert [(a.module_id, a.assigned_by, a.assigned_at) for a in held] == [
        (chosen, mentor.user_id, clock.now())
    ]
    audited = [e for e in store.audit if e.action == "module.assigned"]
    assert [(e.actor_id, e.target_id) for e in audited][-2:] == [(mentor.user_id, str(chosen))] * 2
    codes = [r.module.code for r in await services.recommendations.for_youth(priya, priya.user_id)]
    assert codes == ["RET-102", "IT-101", "IT-102"]


@pytest.mark.usefixtures("switched_on")
async def test_youth_cannot_assign_themselves_and_mentors_only_their_own_youth(
    services: Services, admin: Actor, mentor: Actor, register: Register, store: Store
) -> None:
    priya, catalogue = await priya_and_catalogue(services, admin, mentor, register, store)
    meera = Actor.of(
        await services.accounts.create_staff(admin, "meera@example.org", PASSWORD, Role.MENTOR, "Meera")
    )
    with pytest.raises(PermissionDenied):
        await services.recommendations.accept(priya, priya.user_id, module_id(catalogue[0]))
    with pytest.raises(NotFound):
        await services.recommendations.accept(meera, priya.user_id, module_id(catalogue[0]))
    store.users[priya.user_id].is_active = False
    with pytest.raises(InvalidInput, match="deactivated"):
        await services.recommendations.accept(admin, priya.user_id, module_id(catalogue[0]))
    assert not store.learning.assignments
    store.users[priya.user_id].is_active = True
    assert await services.recommendations.accept(admin, priya.user_id, module_id(catalogue[0])) == 1


@pytest.mark.usefixtures("switched_on")
async def test_similar_youth_are_those_with_the_same_education_level(
    services: Services, admin: Actor, register: Register, clock: FakeClock
) -> None:
    """Graduates finish IT-102 and drop IT-101; diploma holders the other way round."""
    first, second = await a_module(services, admin, "IT-101"), await a_module(services, admin, "IT-102")
    for number in range(12):
        level = "graduate" if number % 2 else "iti_diploma"
        learner = Actor.of(await register(f"y{number}@example.org", education_level=level))
        finished = second if level == "graduate" else first
        for held in (first, second):
            await services.learning.assign(admin, module_id(held), YouthFilter(user_ids=(learner.user_id,)))
            await services.learning.record_progress(learner, module_id(held), 100 if held is finished else 10)
        clock.advance(minutes=1)
    graduate = Actor.of(await register("g@example.org", education_level="graduate"))
    diploma = Actor.of(await register("d@example.org", education_level="iti_diploma"))

    for who, best in ((graduate, "IT-102"), (diploma, "IT-101")):
        found = await services.recommendations.for_youth(who, who.user_id)
        assert found[0].module.code == best
        assert OftenCompleted(6, 6) in found[0].reasons
