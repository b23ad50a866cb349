"""A youth's learning pages on fake services: their modules, progress, the quiz and its secrecy."""

import dataclasses
from collections.abc import Callable
from typing import Any

from nicegui import ui
from nicegui.testing import User

from mb.bootstrap import Services
from mb.domain.model.assignment import AssignmentStatus
from mb.domain.model.learning_views import QuizQuestionView
from mb.domain.model.module import Module, Quiz
from mb.domain.model.roles import Role
from mb.domain.model.user import Actor
from tests.fakes import FakeClock, Store
from tests.ui.programme import QUIZ, a_module, assign
from tests.ui.screen import assert_not_offered, open_as, save_progress, sign_in, what_the_browser_holds

Register = Callable[..., Any]


async def youth_with_modules(
    services: Services, admin: Actor, register: Register
) -> tuple[int, Module, Module]:
    """Priya holds Workplace English (with a quiz) and Customer Service, which needs it first."""
    youth = await register()
    english = await a_module(services, admin, "ENG-101", "Workplace English", quiz=QUIZ)
    service = await a_module(services, admin, "RET-201", "Customer Service", after=english)
    await assign(services, admin, english, youth.id)
    await assign(services, admin, service, youth.id)
    return youth.id, english, service


def progress_of(store: Store, youth_id: int, module: Module) -> int:
    held = next(
        a for a in store.learning.assignments.values() if (a.user_id, a.module_id) == (youth_id, module.id)
    )
    return held.progress


async def test_a_youth_sees_their_modules_with_the_next_step_first(
    user: User, services: Services, admin: Actor, register: Register
) -> None:
    _, english, service = await youth_with_modules(services, admin, register)
    await sign_in(user, "priya@example.org")
    await user.should_see(marker="go-to-modules")
    user.find(marker="go-to-modules").click()
    await user.should_see("Your modules")
    await user.should_see(marker="next-step")
    await user.should_see("Workplace English")
    await user.should_see("Retail · Beginner · 2.5 h")
    await user.should_see("Not started")
    await user.should_see("0 %")
    await user.should_see("Due 12 December 2026")
    await user.should_see("Locked — complete Workplace English first")
    await user.should_see(marker=f"open-{english.id}")
    await user.should_not_see(marker=f"open-{service.id}")
    first, then = (user.find(marker=f"module-{m.id}").elements.pop() for m in (english, service))
    assert first.id < then.id  # the next step is drawn first


async def test_overdue_modules_are_marked(
    user: User, services: Services, admin: Actor, register: Register, clock: FakeClock
) -> None:
    await youth_with_modules(services, admin, register)
    clock.advance(days=15)
    await open_as(user, "priya@example.org", "/learn")
    await user.should_see(marker="overdue")
    await user.should_see("Overdue")


async def test_a_youth_without_modules_is_told_what_happens_next(user: User, register: Register) -> None:
    await register()
    await sign_in(user, "priya@example.org")
    await user.should_see(marker="nav-/learn")
    await user.open("/learn")
    await user.should_see("No modules assigned yet — your mentor will assign your first module.")


async def test_progress_goes_up_and_backwards_is_refused_keeping_what_was_typed(
    user: User, services: Services, admin: Actor, register: Register, store: Store
) -> None:
    youth_id, english, _ = await youth_with_modules(services, admin, register)
    await open_as(user, "priya@example.org", "/learn")
    user.find(marker=f"open-{english.id}").click()
    await user.should_see("Speak and write well at work.")
    await user.should_see("guide.pdf")
    save_progress(user, 40)
    await user.should_see("Progress saved.")
    await user.should_see("In progress")
    await user.should_see("40 %")
    assert progress_of(store, youth_id, english) == 40
    save_progress(user, 20)
    await user.should_see("Progress only goes forward: you are already at 40 %.")
    field = user.find(marker="progress-input").elements.pop()
    assert isinstance(field, ui.number) and field.value == 20
    assert progress_of(store, youth_id, english) == 40
    save_progress(user, 140)
    await user.should_see("Progress is a whole number from 0 to 100.")
    assert progress_of(store, youth_id, english) == 40


async def test_the_quiz_marks_attempts_and_a_pass_at_100_percent_completes_the_module(
    user: User, services: Services, admin: Actor, register: Register, store: Store
) -> None:
    youth_id, english, _ = await youth_with_modules(services, admin, register)
    await open_as(user, "priya@example.org", f"/learn/{english.id}")
    await user.should_see("Pass mark: 100 %")
    user.find("Hey you").click()
    user.find(marker="submit-quiz").click()
    await user.should_see("Answer every question before submitting (question 2 is empty).")
    user.find("Prompt and polite").click()
    user.find(marker="submit-quiz").click()
    await user.should_see("Your score: 50 % (pass mark 100 %)")
    await user.should_see("Not passed yet — read the materials and try again.")
    await user.should_see(marker="attempts")
    await user.should_see("28 November 2026, 15:00: 50 % (not passed)")

    save_progress(user, 100)
    await user.should_see("Pass the quiz below to complete this module.")
    assert store.learning.assignments[1].status is AssignmentStatus.IN_PROGRESS

    user.find("Good morning, how may I help?").click()
    user.find(marker="submit-quiz").click()
    await user.should_see("Your score: 100 % (pass mark 100 %)")
    await user.should_see("Passed")
    await user.should_see("Completed on 28 November 2026")
    await user.should_see("Completed")
    await user.should_not_see(marker="submit-quiz")
    await user.should_not_see(marker="progress-form")
    held = next(a for a in store.learning.assignments.values() if a.user_id == youth_id)
    assert held.status is AssignmentStatus.COMPLETED and held.completed_at is not None


async def test_a_locked_module_says_what_to_complete_first(
    user: User, services: Services, admin: Actor, register: Register
) -> None:
    _, _, service = await youth_with_modules(services, admin, register)
    await open_as(user, "priya@example.org", f"/learn/{service.id}")
    await user.should_see("Customer Service")
    await user.should_see("Locked — complete Workplace English first")
    await user.should_not_see(marker="progress-form")
    await user.should_not_see(marker="quiz")


async def test_another_youth_cannot_open_the_module(
    user: User, services: Services, admin: Actor, register: Register
) -> None:
    _, english, _ = await youth_with_modules(services, admin, register)
    await register("arjun@example.org", full_name="Arjun Rao")
    await sign_in(user, "arjun@example.org")
    await user.should_see(marker="nav-/learn")
    for path in (f"/learn/{english.id}", "/learn/999", "/learn/not-a-number"):
        await user.open(path)
        await user.should_see("This module is not assigned to you.")
        await user.should_not_see("Workplace English")


async def test_staff_are_not_offered_the_youth_learning_pages(user: User, admin: Actor) -> None:
    await assert_not_offered(user, "admin@example.org", "/learn")


async def test_the_correct_answers_never_reach_the_browser(
    user: User, services: Services, admin: Actor, register: Register
) -> None:
    youth_id, english, _ = await youth_with_modules(services, admin, register)
    assert english.id is not None
    youth = Actor(youth_id, Role.YOUTH)
    assert "correct" not in {f.name for f in dataclasses.fields(QuizQuestionView)}
    assert (await services.learning.my_module(youth, english.id)).entry.module.quiz is None
    assert all(entry.module.quiz is None for entry in await services.learning.my_learning(youth))

    await open_as(user, "priya@example.org", f"/learn/{english.id}")
    await user.should_see(marker="submit-quiz")
    before = what_the_browser_holds(user)
    assert "correct" not in " ".join(before).lower()
    with user:
        radios = [e for e in user.client.elements.values() if isinstance(e, ui.radio)]  # type: ignore[union-attr]
    assert [r.options for r in radios] == [dict(enumerate(q.options)) for q in QUIZ.questions]

    # The same quiz with the other options marked correct: the page must not differ at all.
    flipped = Quiz(
        tuple(dataclasses.replace(q, correct=1 - q.correct) for q in QUIZ.questions), QUIZ.pass_mark
    )
    await services.catalogue.set_quiz(admin, english.id, flipped)
    await user.open(f"/learn/{english.id}")
    await user.should_see(marker="submit-quiz")
    assert what_the_browser_holds(user) == before


async def test_the_learning_pages_read_in_hindi(
    user: User, services: Services, admin: Actor, register: Register
) -> None:
    await youth_with_modules(services, admin, register)
    await open_as(user, "priya@example.org", "/learn", language="hi")
    await user.should_see("आपके मॉड्यूल")
    await user.should_see("आपका अगला कदम")
