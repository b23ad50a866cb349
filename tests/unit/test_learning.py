"""Assignment and learning use cases on in-memory fakes: staff assign by filter; youth progress,
take quizzes and complete; mentors see their caseload."""

import dataclasses
from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from mb.bootstrap import Services
from mb.domain.errors import InvalidInput, NotFound, PermissionDenied
from mb.domain.model.activity import ActivityEvent, ActivityKind
from mb.domain.model.assignment import AssignmentStatus
from mb.domain.model.learning_views import LearnerModule, QuizQuestionView
from mb.domain.model.module import Module, ModuleDetails, ModuleStatus, Question, Quiz
from mb.domain.model.roles import Role
from mb.domain.model.user import Actor
from mb.domain.model.youth_filter import YouthFilter
from tests.conftest import PASSWORD
from tests.fakes import FakeClock, Store
from tests.unit.test_catalogue import QUIZ, a_module, module_id

Register = Callable[..., Any]
IST = ZoneInfo("Asia/Kolkata")
RIGHT, WRONG = [0, 1], [1, 0]  # QUIZ's answers


def ist(*when: int) -> datetime:
    return datetime(*when, tzinfo=IST).astimezone(UTC)  # type: ignore[misc]  # year, month, day, …


def everyone() -> YouthFilter:
    return YouthFilter()


def one(youth: Actor) -> YouthFilter:
    return YouthFilter(user_ids=(youth.user_id,))


def events(store: Store, youth: Actor, kind: ActivityKind) -> list[ActivityEvent]:
    return [e for e in store.activity if e.user_id == youth.user_id and e.kind is kind]


def holders(store: Store, module: Module) -> dict[int, AssignmentStatus]:
    return {a.user_id: a.status for a in store.learning.assignments.values() if a.module_id == module.id}


@pytest.fixture
async def priya(register: Register) -> Actor:
    return Actor.of(await register("priya@example.org"))


@pytest.fixture
async def arjun(register: Register) -> Actor:
    return Actor.of(await register("arjun@example.org"))


# Assigning by filter


async def test_the_preview_counts_who_matches_and_who_already_holds_the_module(
    services: Services, admin: Actor, register: Register
) -> None:
    module = await a_module(services, admin)
    mh = [Actor.of(await register(f"mh{n}@example.org", region="MH")) for n in range(3)]
    await register("ka@example.org", region="KA")
    await services.learning.assign(admin, module_id(module), one(mh[0]))

    preview = await services.learning.preview_assignment(admin, module_id(module), YouthFilter(region="MH"))

    assert (preview.matching, preview.already, preview.to_assign) == (3, 1, 2)
    assert await services.learning.assign(admin, module_id(module), YouthFilter(region="MH")) == 2


async def test_assigning_twice_changes_nothing_the_second_time(
    services: Services, admin: Actor, priya: Actor, arjun: Actor, store: Store, clock: FakeClock
) -> None:
    module = await a_module(services, admin)
    assert await services.learning.assign(admin, module_id(module), everyone()) == 2
    first = dict(store.learning.assignments)
    assert (store.audit[-1].action, store.audit[-1].details) == ("module.assigned", {"youth": 2})

    clock.advance(days=3)
    assert await services.learning.assign(admin, module_id(module), everyone()) == 0

    assert store.learning.assignments == first
    assert all(a.assigned_at == first[i].assigned_at for i, a in store.learning.assignments.items())


async def test_a_withdrawn_module_comes_back_on_reassign_where_the_youth_left_it(
    services: Services, admin: Actor, priya: Actor, arjun: Actor, register: Register, store: Store
) -> None:
    module = await a_module(services, admin)
    meera = Actor.of(await register("meera@example.org"))
    await services.learning.assign(admin, module_id(module), everyone())
    await services.learning.record_progress(priya, module_id(module), 40)
    await services.learning.record_progress(arjun, module_id(module), 100)
    for youth in (priya, arjun, meera):
        await services.learning.withdraw(admin, youth.user_id, module_id(module))
    assert set(holders(store, module).values()) == {AssignmentStatus.INACTIVE}

    preview = await services.learning.preview_assignment(admin, module_id(module), everyone())
    assert (preview.matching, preview.already) == (3, 0)
    assert await services.learning.assign(admin, module_id(module), everyone()) == 3

    assert holders(store, module) == {
        priya.user_id: AssignmentStatus.IN_PROGRESS,
        arjun.user_id: AssignmentStatus.COMPLETED,
        meera.user_id: AssignmentStatus.ACTIVE,
    }
    assert store.learning.assignments[1].progress == 40


async def test_an_inactive_module_cannot_be_assigned(
    services: Services, admin: Actor, priya: Actor, store: Store
) -> None:
    module = await a_module(services, admin)
    await services.catalogue.set_status(admin, module_id(module), ModuleStatus.INACTIVE)

    with pytest.raises(InvalidInput, match="inactive"):
        await services.learning.assign(admin, module_id(module), everyone())
    with pytest.raises(InvalidInput, match="inactive"):
        await services.learning.preview_assignment(admin, module_id(module), everyone())
    with pytest.raises(NotFound):
        await services.learning.assign(admin, 999, everyone())
    assert store.learning.assignments == {}


async def test_youth_cannot_assign_preview_or_withdraw(
    services: Services, admin: Actor, priya: Actor
) -> None:
    module = await a_module(services, admin)
    with pytest.raises(PermissionDenied):
        await services.learning.assign(priya, module_id(module), one(priya))
    with pytest.raises(PermissionDenied):
        await services.learning.preview_assignment(priya, module_id(module), everyone())
    await services.learning.assign(admin, module_id(module), one(priya))
    with pytest.raises(PermissionDenied):
        await services.learning.withdraw(priya, priya.user_id, module_id(module))


async def test_a_mentor_assigns_only_within_their_caseload(
    services: Services, admin: Actor, mentor: Actor, register: Register, store: Store
) -> None:
    module = await a_module(services, admin)
    other_mentor = await services.accounts.create_staff(
        admin, "other@example.org", PASSWORD, Role.MENTOR, "Other Mentor"
    )
    mine = [Actor.of(await register(f"mine{n}@example.org")) for n in range(2)]
    theirs = Actor.of(await register("theirs@example.org"))
    await register("nobodys@example.org")
    for youth in mine:
        store.users[youth.user_id].mentor_id = mentor.user_id
    store.users[theirs.user_id].mentor_id = other_mentor.id

    preview = await services.learning.preview_assignment(mentor, module_id(module), everyone())
    assert preview.matching == 2
    # Naming another mentor's caseload does not widen a mentor's reach.
    sneaky = YouthFilter(mentor_id=other_mentor.id, user_ids=(theirs.user_id,))
    assert await services.learning.assign(mentor, module_id(module), sneaky) == 0
    assert await services.learning.assign(mentor, module_id(module), everyone()) == 2
    assert set(holders(store, module)) == {youth.user_id for youth in mine}

    # An admin may aim at one mentor's caseload.
    assert (
        await services.learning.assign(admin, module_id(module), YouthFilter(mentor_id=other_mentor.id)) == 1
    )
    assert theirs.user_id in holders(store, module)


async def test_a_mentor_withdraws_only_within_their_caseload(
    services: Services, admin: Actor, mentor: Actor, priya: Actor, arjun: Actor, store: Store
) -> None:
    module = await a_module(services, admin)
    await services.learning.assign(admin, module_id(module), everyone())
    store.users[priya.user_id].mentor_id = mentor.user_id

    with pytest.raises(NotFound, match="caseload"):
        await services.learning.withdraw(mentor, arjun.user_id, module_id(module))
    await services.learning.withdraw(mentor, priya.user_id, module_id(module))

    assert holders(store, module) == {
        priya.user_id: AssignmentStatus.INACTIVE,
        arjun.user_id: AssignmentStatus.ACTIVE,
    }
    assert (store.audit[-1].action, store.audit[-1].actor_id) == ("module.withdrawn", mentor.user_id)
    with pytest.raises(NotFound, match="not assigned"):
        await services.learning.withdraw(mentor, priya.user_id, module_id(module))


@pytest.mark.parametrize(
    ("now", "due_in_days", "due"),
    [
        (datetime(2026, 11, 28, 9, 30, tzinfo=UTC), 7, date(2026, 12, 5)),
        # 18:29 UTC is 23:59 in India: still the 28th there.
        (datetime(2026, 11, 28, 18, 29, tzinfo=UTC), 7, date(2026, 12, 5)),
        # 18:31 UTC is already 00:01 on the 29th in India, though the 28th in UTC.
        (datetime(2026, 11, 28, 18, 31, tzinfo=UTC), 7, date(2026, 12, 6)),
        (datetime(2026, 12, 31, 20, 0, tzinfo=UTC), 1, date(2027, 1, 2)),
        (datetime(2026, 11, 28, 20, 0, tzinfo=UTC), None, None),
    ],
)
async def test_the_due_date_counts_from_today_in_india(
    services: Services,
    admin: Actor,
    priya: Actor,
    store: Store,
    clock: FakeClock,
    now: datetime,
    due_in_days: int | None,
    due: date | None,
) -> None:
    module = await a_module(services, admin, due_in_days=due_in_days)
    clock.at = now
    await services.learning.assign(admin, module_id(module), one(priya))
    (held,) = store.learning.assignments.values()
    assert held.due_date == due
    assert held.assigned_at == now


COHORT: dict[str, dict[str, Any]] = {
    "priya": {
        "region": "MH",
        "institution": "Government ITI Pune",
        "education_level": "iti_diploma",
        "sector_interests": ["IT/ITES", "Banking & Finance"],
        "at": ist(2026, 11, 20, 10, 0),
    },
    "arjun": {
        "region": "MH",
        "institution": "GOVERNMENT iti PUNE",
        "education_level": "graduate",
        "sector_interests": ["Retail"],
        "at": ist(2026, 11, 27, 23, 59),
    },
    "meera": {
        "region": "KA",
        "institution": "Christ University",
        "education_level": "undergraduate",
        "sector_interests": ["Banking & Finance"],
        "at": ist(2026, 11, 28, 0, 1),
    },
    "ravi": {
        "region": "KA",
        "institution": "Government ITI Pune Annexe",
        "education_level": "iti_diploma",
        "sector_interests": ["Hospitality"],
        "at": ist(2026, 11, 28, 12, 0),
    },
    "dropped": {  # matches much, but is deactivated
        "region": "MH",
        "institution": "Government ITI Pune",
        "education_level": "iti_diploma",
        "sector_interests": ["IT/ITES", "Banking & Finance"],
        "at": ist(2026, 11, 27, 12, 0),
    },
}
NOV27, NOV28 = date(2026, 11, 27), date(2026, 11, 28)


@pytest.mark.parametrize(
    ("youth", "expected"),
    [
        (YouthFilter(), {"priya", "arjun", "meera", "ravi"}),
        (YouthFilter(region="MH"), {"priya", "arjun"}),
        (YouthFilter(region="DL"), set()),
        (YouthFilter(institution="government iti pune"), {"priya", "arjun"}),
        (YouthFilter(institution="  Government ITI Pune "), {"priya", "arjun"}),
        (YouthFilter(institution="Government ITI"), set()),
        (YouthFilter(education_level="iti_diploma"), {"priya", "ravi"}),
        (YouthFilter(sector_interest="Banking & Finance"), {"priya", "meera"}),
        (YouthFilter(sector_interest="IT/ITES"), {"priya"}),
        (YouthFilter(sector_interest="banking & finance"), {"priya", "meera"}),
        (YouthFilter(sector_interest="IT"), set()),
        (YouthFilter(sector_interest="Finance"), set()),
        (YouthFilter(registered_from=NOV28), {"meera", "ravi"}),
        (YouthFilter(registered_to=NOV27), {"priya", "arjun"}),
        (YouthFilter(registered_from=NOV27, registered_to=NOV27), {"arjun"}),
        (YouthFilter(registered_from=NOV28, registered_to=NOV28), {"meera", "ravi"}),
        (YouthFilter(registered_from=NOV28, registered_to=NOV27), set()),
        (YouthFilter(region="MH", education_level="graduate"), {"arjun"}),
        (YouthFilter(region="KA", sector_interest="Banking & Finance", registered_from=NOV28), {"meera"}),
    ],
)
async def test_every_filter_field_picks_the_right_youth(
    services: Services,
    admin: Actor,
    register: Register,
    store: Store,
    clock: FakeClock,
    youth: YouthFilter,
    expected: set[str],
) -> None:
    module = await a_module(services, admin)
    ids: dict[int, str] = {}
    for name, profile in COHORT.items():
        fields = {k: v for k, v in profile.items() if k != "at"}
        clock.at = profile["at"]
        ids[(await register(f"{name}@example.org", **fields)).id] = name
    dropped = next(i for i, name in ids.items() if name == "dropped")
    store.users[dropped].is_active = False
    clock.at = datetime(2026, 11, 29, 9, 0, tzinfo=UTC)

    preview = await services.learning.preview_assignment(admin, module_id(module), youth)
    assigned = await services.learning.assign(admin, module_id(module), youth)

    assert preview.matching == assigned == len(expected)
    assert {ids[user_id] for user_id in holders(store, module)} == expected


async def test_staff_are_never_assigned_modules(
    services: Services, admin: Actor, mentor: Actor, store: Store
) -> None:
    module = await a_module(services, admin)
    staff = YouthFilter(user_ids=(admin.user_id, mentor.user_id))
    assert await services.learning.assign(admin, module_id(module), staff) == 0
    assert await services.learning.assign(admin, module_id(module), everyone()) == 0
    assert store.learning.assignments == {}


# Youth learning


@pytest.fixture
async def path(services: Services, admin: Actor, priya: Actor) -> dict[str, Module]:
    """Basics, then Advanced (needs Basics, has a quiz); Extra stands alone. All held by Priya."""
    basics = await a_module(services, admin, "IT-101")
    advanced = await a_module(services, admin, "IT-102", prerequisites=[module_id(basics)])
    extra = await a_module(services, admin, "IT-103")
    await services.catalogue.set_quiz(admin, module_id(advanced), QUIZ)
    await services.catalogue.set_quiz(admin, module_id(extra), QUIZ)
    for module in (basics, advanced, extra):
        await services.learning.assign(admin, module_id(module), one(priya))
    return {"basics": basics, "advanced": advanced, "extra": extra}


def order(entries: list[LearnerModule]) -> list[str]:
    return [e.module.code for e in entries]


async def test_my_learning_lists_modules_in_order_with_locks_and_the_next_step(
    services: Services, priya: Actor, path: dict[str, Module]
) -> None:
    entries = await services.learning.my_learning(priya)

    assert order(entries) == ["IT-101", "IT-103", "IT-102"]
    assert [e.is_next_step for e in entries] == [True, False, False]
    assert [e.locked_by for e in entries] == [(), (), ("Module IT-101",)]

    await services.learning.record_progress(priya, module_id(path["extra"]), 30)
    entries = await services.learning.my_learning(priya)
    assert order(entries) == ["IT-103", "IT-101", "IT-102"]
    assert entries[0].is_next_step

    await services.learning.record_progress(priya, module_id(path["basics"]), 100)
    entries = await services.learning.my_learning(priya)
    assert order(entries) == ["IT-103", "IT-102", "IT-101"]
    assert [e.locked_by for e in entries] == [(), (), ()]
    assert entries[2].assignment.status is AssignmentStatus.COMPLETED


async def test_a_prerequisite_completed_before_it_was_withdrawn_still_unlocks(
    services: Services, admin: Actor, priya: Actor, path: dict[str, Module]
) -> None:
    await services.learning.record_progress(priya, module_id(path["basics"]), 100)
    await services.learning.withdraw(admin, priya.user_id, module_id(path["basics"]))

    entries = {e.module.code: e for e in await services.learning.my_learning(priya)}

    assert "IT-101" not in entries
    assert entries["IT-102"].locked_by == ()
    await services.learning.record_progress(priya, module_id(path["advanced"]), 10)


async def test_overdue_modules_are_marked_by_the_day_in_india(
    services: Services, priya: Actor, path: dict[str, Module], clock: FakeClock, store: Store
) -> None:
    (basics,) = [a for a in store.learning.assignments.values() if a.module_id == path["basics"].id]
    assert basics.due_date == date(2026, 12, 12)
    clock.at = datetime(2026, 12, 12, 18, 29, tzinfo=UTC)  # 23:59 on the due day in India
    assert not any(e.overdue for e in await services.learning.my_learning(priya))
    clock.at = datetime(2026, 12, 12, 18, 31, tzinfo=UTC)  # 00:01 the next day
    assert all(e.overdue for e in await services.learning.my_learning(priya))


def reachable(value: object) -> Iterator[object]:
    """Everything a view holds, however deeply nested."""
    yield value
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        for field in dataclasses.fields(value):
            yield from reachable(getattr(value, field.name))
    elif isinstance(value, list | tuple | set | frozenset):
        for item in value:
            yield from reachable(item)
    elif isinstance(value, dict):
        for item in value.values():
            yield from reachable(item)


async def test_a_youth_never_receives_the_correct_answers(
    services: Services, admin: Actor, priya: Actor, path: dict[str, Module]
) -> None:
    assert "correct" not in {field.name for field in dataclasses.fields(QuizQuestionView)}

    detail = await services.learning.my_module(priya, module_id(path["extra"]))
    listing = await services.learning.my_learning(priya)

    assert detail.quiz == tuple(QuizQuestionView(q.text, q.options) for q in QUIZ.questions)
    assert detail.pass_mark == QUIZ.pass_mark
    leaked = [v for v in reachable((detail, listing)) if isinstance(v, Question | Quiz)]
    assert leaked == []
    # Staff still see the whole quiz.
    assert (await services.catalogue.module(admin, module_id(path["extra"]))).quiz == QUIZ


async def test_my_module_shows_materials_and_attempts(
    services: Services, admin: Actor, priya: Actor, path: dict[str, Module]
) -> None:
    extra = module_id(path["extra"])
    material = await services.catalogue.add_material(admin, extra, "guide.pdf", b"%PDF-1.4 guide")
    await services.learning.submit_quiz(priya, extra, WRONG)

    detail = await services.learning.my_module(priya, extra)

    assert detail.entry.module.code == "IT-103"
    assert detail.materials == (material,)
    assert [(a.score, a.passed) for a in detail.attempts] == [(0, False)]


async def test_a_youth_cannot_open_a_module_that_is_not_theirs(
    services: Services, admin: Actor, priya: Actor, arjun: Actor, path: dict[str, Module]
) -> None:
    unassigned = await a_module(services, admin, "IT-104")
    await services.learning.withdraw(admin, priya.user_id, module_id(path["extra"]))
    cases = [
        (arjun, path["basics"]),  # Priya's, not Arjun's
        (priya, unassigned),
        (priya, path["extra"]),  # withdrawn
    ]
    for youth, module in cases:
        with pytest.raises(NotFound, match="not assigned to you"):
            await services.learning.my_module(youth, module_id(module))
        with pytest.raises(NotFound, match="not assigned to you"):
            await services.learning.record_progress(youth, module_id(module), 10)
    with pytest.raises(NotFound, match="not assigned to you"):
        await services.learning.my_module(priya, 999)


async def test_staff_have_no_learner_pages(
    services: Services, admin: Actor, mentor: Actor, path: dict[str, Module]
) -> None:
    for actor in (admin, mentor):
        with pytest.raises(PermissionDenied):
            await services.learning.my_learning(actor)
        with pytest.raises(PermissionDenied):
            await services.learning.my_module(actor, module_id(path["basics"]))
        with pytest.raises(PermissionDenied):
            await services.learning.record_progress(actor, module_id(path["basics"]), 10)
        with pytest.raises(PermissionDenied):
            await services.learning.submit_quiz(actor, module_id(path["extra"]), RIGHT)


async def test_progress_is_recorded_as_activity_and_completion_once(
    services: Services, priya: Actor, path: dict[str, Module], store: Store, clock: FakeClock
) -> None:
    basics = module_id(path["basics"])
    started = clock.now()
    held = (await services.learning.record_progress(priya, basics, 30)).assignment
    assert (held.status, held.progress, held.started_at) == (AssignmentStatus.IN_PROGRESS, 30, started)

    clock.advance(hours=5)
    held = (await services.learning.record_progress(priya, basics, 100)).assignment

    assert (held.status, held.completed_at, held.started_at) == (
        AssignmentStatus.COMPLETED,
        clock.now(),
        started,
    )
    assert store.learning.assignments[held.id or 0] == held
    assert [e.details for e in events(store, priya, ActivityKind.PROGRESS)] == [
        {"module_id": basics, "progress": 30},
        {"module_id": basics, "progress": 100},
    ]
    (completion,) = events(store, priya, ActivityKind.COMPLETION)
    assert (completion.at, completion.details) == (clock.now(), {"module_id": basics, "points": 50})

    with pytest.raises(InvalidInput, match="already completed"):
        await services.learning.record_progress(priya, basics, 100)
    assert len(events(store, priya, ActivityKind.COMPLETION)) == 1


@pytest.mark.parametrize("progress", [20, 101, -1, "60", 60.5, True, None])
async def test_bad_progress_is_refused_and_changes_nothing(
    services: Services, priya: Actor, path: dict[str, Module], store: Store, progress: object
) -> None:
    basics = module_id(path["basics"])
    await services.learning.record_progress(priya, basics, 40)
    before = (dict(store.learning.assignments), len(store.activity), store.commits)

    with pytest.raises(InvalidInput) as caught:
        await services.learning.record_progress(priya, basics, progress)

    assert "progress" in caught.value.fields
    assert (dict(store.learning.assignments), len(store.activity), store.commits) == before


async def test_a_locked_module_takes_no_progress_or_quiz(
    services: Services, priya: Actor, path: dict[str, Module], store: Store
) -> None:
    advanced = module_id(path["advanced"])
    before = (dict(store.learning.assignments), len(store.activity), list(store.learning.quiz_attempts))
    with pytest.raises(PermissionDenied, match="Module IT-101"):
        await services.learning.record_progress(priya, advanced, 10)
    with pytest.raises(PermissionDenied, match="locked"):
        await services.learning.submit_quiz(priya, advanced, RIGHT)
    assert (
        dict(store.learning.assignments),
        len(store.activity),
        list(store.learning.quiz_attempts),
    ) == before


async def test_quiz_attempts_are_kept_and_passing_at_100_completes(
    services: Services, priya: Actor, path: dict[str, Module], store: Store, clock: FakeClock
) -> None:
    extra = module_id(path["extra"])
    failed = await services.learning.submit_quiz(priya, extra, WRONG)
    assert (failed.score, failed.passed, failed.pass_mark, failed.completed) == (0, False, 50, False)

    held = (await services.learning.record_progress(priya, extra, 100)).assignment
    assert (held.status, held.completed_at) == (AssignmentStatus.IN_PROGRESS, None), (
        "the quiz is still to pass"
    )
    assert events(store, priya, ActivityKind.COMPLETION) == []

    clock.advance(minutes=10)
    passed = await services.learning.submit_quiz(priya, extra, RIGHT)

    assert (passed.score, passed.passed, passed.completed) == (100, True, True)
    assert [(a.answers, a.score, a.passed) for a in store.learning.quiz_attempts] == [
        ((1, 0), 0, False),
        ((0, 1), 100, True),
    ]
    assert [e.details for e in events(store, priya, ActivityKind.QUIZ_ATTEMPT)] == [
        {"module_id": extra, "score": 0, "passed": False},
        {"module_id": extra, "score": 100, "passed": True},
    ]
    (completion,) = events(store, priya, ActivityKind.COMPLETION)
    assert completion.at == clock.now()
    (held,) = [a for a in store.learning.assignments.values() if a.module_id == extra]
    assert (held.status, held.quiz_passed, held.completed_at) == (
        AssignmentStatus.COMPLETED,
        True,
        clock.now(),
    )

    with pytest.raises(InvalidInput, match="already completed"):
        await services.learning.submit_quiz(priya, extra, RIGHT)
    assert len(store.learning.quiz_attempts) == 2


async def test_a_quiz_passed_early_completes_the_module_at_100(
    services: Services, priya: Actor, path: dict[str, Module], store: Store
) -> None:
    extra = module_id(path["extra"])
    await services.learning.record_progress(priya, extra, 50)
    early = await services.learning.submit_quiz(priya, extra, RIGHT)
    assert (early.passed, early.completed) == (True, False)

    await services.learning.submit_quiz(priya, extra, WRONG)  # a later failure does not undo the pass
    held = (await services.learning.record_progress(priya, extra, 100)).assignment

    assert held.status is AssignmentStatus.COMPLETED
    assert len(events(store, priya, ActivityKind.COMPLETION)) == 1


@pytest.mark.parametrize(
    ("answers", "problem"),
    [([0], "changed"), ([0, None], "question 2 is empty"), ([0, 7], "changed"), ([], "changed")],
)
async def test_an_incomplete_quiz_is_refused_and_not_recorded(
    services: Services,
    priya: Actor,
    path: dict[str, Module],
    store: Store,
    answers: list[int | None],
    problem: str,
) -> None:
    with pytest.raises(InvalidInput, match=problem):
        await services.learning.submit_quiz(priya, module_id(path["extra"]), answers)
    assert store.learning.quiz_attempts == []
    assert events(store, priya, ActivityKind.QUIZ_ATTEMPT) == []


async def test_a_quiz_for_a_module_not_assigned_or_without_a_quiz_is_refused(
    services: Services, admin: Actor, priya: Actor, arjun: Actor, path: dict[str, Module], store: Store
) -> None:
    with pytest.raises(NotFound, match="not assigned to you"):
        await services.learning.submit_quiz(arjun, module_id(path["extra"]), RIGHT)
    with pytest.raises(InvalidInput, match="no quiz"):
        await services.learning.submit_quiz(priya, module_id(path["basics"]), [0])
    assert store.learning.quiz_attempts == []


# A mentor's view of a youth


async def test_a_mentor_sees_their_youths_modules_and_activity(
    services: Services, admin: Actor, mentor: Actor, priya: Actor, path: dict[str, Module], store: Store
) -> None:
    store.users[priya.user_id].mentor_id = mentor.user_id
    await services.learning.record_progress(priya, module_id(path["basics"]), 100)

    overview = await services.learning.youth_overview(mentor, priya.user_id)

    assert overview.youth.id == priya.user_id
    assert overview.mentor is not None and overview.mentor.id == mentor.user_id
    assert sorted(a.module.code for a in overview.assignments) == ["IT-101", "IT-102", "IT-103"]
    assert [e.kind for e in overview.activity][:2] == [ActivityKind.COMPLETION, ActivityKind.PROGRESS]
    assert overview.activity[-1].kind is ActivityKind.REGISTERED
    assert overview.due_soon == date(2026, 12, 12)
    assert (await services.learning.youth_overview(admin, priya.user_id)).youth.id == priya.user_id


async def test_other_mentors_and_youth_cannot_see_a_youths_overview(
    services: Services, admin: Actor, mentor: Actor, priya: Actor, arjun: Actor, store: Store
) -> None:
    other = await services.accounts.create_staff(admin, "other@example.org", PASSWORD, Role.MENTOR, "Other")
    store.users[priya.user_id].mentor_id = other.id

    with pytest.raises(NotFound, match="caseload"):
        await services.learning.youth_overview(mentor, priya.user_id)
    with pytest.raises(NotFound):
        await services.learning.youth_overview(admin, mentor.user_id)  # staff have no learning overview
    with pytest.raises(NotFound):
        await services.learning.youth_overview(admin, 999)
    with pytest.raises(PermissionDenied):
        await services.learning.youth_overview(arjun, priya.user_id)
    with pytest.raises(PermissionDenied):
        await services.learning.youth_overview(priya, priya.user_id)


async def test_a_quiz_attempt_counts_as_starting_the_module(
    services: Services, admin: Actor, register: Register
) -> None:
    youth = Actor.of(await register())
    module = await services.catalogue.create_module(
        admin, ModuleDetails(code="QZ-1", title="Quiz first", sector="Retail")
    )
    assert module.id is not None
    quiz = Quiz((Question("2 + 2?", ("3", "4"), 1),), pass_mark=100)
    await services.catalogue.set_quiz(admin, module.id, quiz)
    await services.learning.assign(admin, module.id, YouthFilter(user_ids=(youth.user_id,)))
    await services.learning.submit_quiz(youth, module.id, [0])
    entry = (await services.learning.my_learning(youth))[0]
    assert entry.assignment.status is AssignmentStatus.IN_PROGRESS
    assert entry.assignment.started_at is not None and not entry.assignment.quiz_passed


async def test_an_empty_selection_reaches_nobody(
    services: Services, admin: Actor, register: Register
) -> None:
    await register()
    module = await services.catalogue.create_module(
        admin, ModuleDetails(code="NB-1", title="Nobody", sector="Retail")
    )
    assert module.id is not None
    assert (
        await services.learning.preview_assignment(admin, module.id, YouthFilter(user_ids=()))
    ).matching == 0
    assert await services.learning.assign(admin, module.id, YouthFilter()) == 1
