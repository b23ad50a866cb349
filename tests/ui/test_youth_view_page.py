"""A youth as staff see them: profile, assignments, timeline; mentors only their own caseload."""

from collections.abc import Callable
from typing import Any

from nicegui import ui
from nicegui.testing import User

from mb.bootstrap import Services
from mb.domain.model.assignment import AssignmentStatus
from mb.domain.model.roles import Role
from mb.domain.model.user import Actor
from tests.conftest import PASSWORD
from tests.fakes import Store
from tests.ui.programme import MentoredYouth, a_module
from tests.ui.screen import open_as, sign_in, texts

Register = Callable[..., Any]
NOT_IN_REACH = "No such youth, or they are not in your caseload."


async def test_a_mentor_sees_their_youth_with_assignments_and_timeline(
    user: User, store: Store, mentored_youth: MentoredYouth
) -> None:
    english_id, service_id = mentored_youth.english_id, mentored_youth.service_id
    await open_as(user, "mentor@example.org", f"/youth/{mentored_youth.id}")
    await user.should_see(marker="youth-name")
    for shown in (
        "Priya Sharma",
        store.users[mentored_youth.id].student_id,
        "priya@example.org",
        "+91 98765 43210",
        "Government ITI Pune",
        "ITI / Diploma",
        "Maharashtra",
        "Excel",
        "Retail",
        "Ravi Mentor",
    ):
        await user.should_see(shown)
    with user.scope(marker=f"assignment-{english_id}"):
        await user.should_see("Completed")
        await user.should_see("100 %")
        await user.should_see("28 November 2026")
        await user.should_not_see(marker=f"withdraw-{english_id}")
    with user.scope(marker=f"assignment-{service_id}"):
        await user.should_see("Not started")
        await user.should_see("0 %")
        await user.should_see(marker=f"withdraw-{service_id}")
    assert texts(user, "activity") == [
        "Completed Workplace English",
        "Progress 100 % on Workplace English",
        "Quiz on Workplace English: 100 % (passed)",
        "Progress 40 % on Workplace English",
        "Registered",
    ]


async def test_another_mentor_is_told_the_youth_is_not_in_their_caseload(
    user: User, services: Services, admin: Actor, mentor: Actor, mentored_youth: MentoredYouth
) -> None:
    await services.accounts.create_staff(admin, "meera@example.org", PASSWORD, Role.MENTOR, "Meera Mentor")
    await sign_in(user, "meera@example.org")
    await user.should_see(marker="user-counts")
    for path in (f"/youth/{mentored_youth.id}", f"/youth/{mentor.user_id}", "/youth/999", "/youth/priya"):
        await user.open(path)
        await user.should_see(NOT_IN_REACH)
        await user.should_not_see("Priya Sharma")


async def test_a_youth_cannot_open_the_staff_view(user: User, mentored_youth: MentoredYouth) -> None:
    await open_as(user, "priya@example.org", f"/youth/{mentored_youth.id}")
    await user.should_see(marker="forbidden")
    await user.should_not_see(marker="assignments")


async def test_an_admin_withdraws_an_assignment_after_confirming(
    user: User, store: Store, mentored_youth: MentoredYouth
) -> None:
    service_id = mentored_youth.service_id
    held = next(a for a in store.learning.assignments.values() if a.module_id == service_id)
    await open_as(user, "admin@example.org", f"/youth/{mentored_youth.id}")
    user.find(marker=f"withdraw-{service_id}").click()
    await user.should_see("Withdraw Customer Service from Priya Sharma? They keep the progress made so far.")
    user.find(marker="confirm-no").click()
    await user.should_not_see(marker="confirm")
    assert store.learning.assignments[held.id or 0].status is AssignmentStatus.ACTIVE

    user.find(marker=f"withdraw-{service_id}").click()
    await user.should_see(marker="confirm-yes")
    user.find(marker="confirm-yes").click()
    await user.should_see("Customer Service withdrawn.")
    assert store.learning.assignments[held.id or 0].status is AssignmentStatus.INACTIVE
    with user.scope(marker=f"assignment-{service_id}"):
        await user.should_see("Withdrawn")
        await user.should_not_see(marker=f"withdraw-{service_id}")
    assert isinstance(user.find(marker="youth-name").elements.pop(), ui.label)


async def test_a_mentor_assigns_one_more_module_to_their_youth(
    user: User, services: Services, admin: Actor, mentored_youth: MentoredYouth
) -> None:
    extra = await a_module(services, admin, "BFS-101", "Banking basics")
    assert extra.id is not None
    await open_as(user, "mentor@example.org", f"/youth/{mentored_youth.id}")
    user.find(marker="assign-one").click()
    await user.should_see("Choose a module to assign.")
    user.find(marker="assign-module").click()
    user.find("BFS-101 — Banking basics").click()
    user.find(marker="assign-one").click()
    await user.should_see("Assigned.")
    held = await services.learning.youth_overview(admin, mentored_youth.id)
    assert extra.id in {h.module.id for h in held.assignments}
    await user.should_see(marker=f"assignment-{extra.id}")


async def test_a_mentor_finds_their_own_youth_from_home(
    user: User, mentor: Actor, register: Register, store: Store
) -> None:
    mine = await register("priya@example.org", full_name="Priya Sharma")
    await register("arjun@example.org", full_name="Arjun Mehta")
    store.users[mine.id].mentor_id = mentor.user_id
    await sign_in(user, "mentor@example.org")
    await user.should_see(marker="my-youth")
    await user.should_see("Priya Sharma")
    await user.should_not_see("Arjun Mehta")
    await user.should_see(mine.student_id)
    user.find(marker="my-youth-search").type("nobody-like-this")
    await user.should_see("No youth match.", retries=20)
    await user.should_not_see("Priya Sharma")
