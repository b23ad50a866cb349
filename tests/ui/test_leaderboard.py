"""The leaderboard on the achievements page: names only for youth who opted in (checked in everything
the browser holds, for every view), "near me", the youth's own row, periods, and the profile switch."""

import asyncio
import itertools
from collections.abc import Callable
from typing import Any

from nicegui import ui
from nicegui.testing import User

from mb.bootstrap import Services
from mb.domain.model.roles import Role
from mb.domain.model.user import Actor
from tests.fakes import FakeClock, Store
from tests.ui.screen import open_as, sign_in, texts, what_the_browser_holds

Register = Callable[..., Any]
CHOICES = {
    "period": ("week", "month", "all_time"),
    "scope": ("region", "programme"),
    "view": ("top", "near"),
}


async def youth_with_points(
    services: Services, admin: Actor, register: Register, name: str, points: int, region: str = "MH"
) -> Actor:
    email = name.lower().replace(" ", ".") + "@example.org"
    youth = Actor.of(await register(email, full_name=name, region=region))
    if points:
        await services.engagement.adjust_points(admin, youth.user_id, points, "Points for the test")
    return youth


async def choose(user: User, name: str, value: str) -> None:
    """Pick an option of one of the leaderboard's toggles, as a click on it would, and wait until
    the board is drawn again."""
    with user:
        toggle = user.find(marker=name).elements.pop()
        assert isinstance(toggle, ui.toggle)
        if toggle.value == value:
            return
        before = board_ids(user)
        toggle.value = value
    for _ in range(100):
        await asyncio.sleep(0.01)
        if board_ids(user) not in (before, set()):
            return
    raise AssertionError(f"the leaderboard was not redrawn after choosing {name}={value}")


def board_ids(user: User) -> set[int]:
    """The line above the board that says where the youth stands; it is new after each redraw."""
    with user:
        assert user.client is not None
        return {
            element.id
            for element in user.client.elements.values()
            if {"your-place", "not-ranked"} & set(element._markers)
        }


def around_priya(above: range, below: range) -> list[str]:
    """The names on the board, top to bottom: the learners placed `above` her, Priya unnamed (she
    did not opt in), then those placed `below`."""

    def learners(places: range) -> list[str]:
        return [f"Learner {place:02}" for place in places]

    return [*learners(above), "Anonymous learner", *learners(below)]


async def test_a_youth_who_did_not_opt_in_is_never_named_in_any_view(
    user: User, services: Services, admin: Actor, register: Register
) -> None:
    priya = await youth_with_points(services, admin, register, "Priya Sharma", 30)
    await youth_with_points(services, admin, register, "Arjun Rao", 50)  # never opted in
    meera = await youth_with_points(services, admin, register, "Meera Kulkarni", 40, region="KA")
    await services.accounts.show_on_leaderboard(meera, True)
    assert priya.role is Role.YOUTH

    served = await user.http_client.get("/achievements")  # signed out: only the sign-in form
    assert "Arjun Rao" not in served.text
    await sign_in(user, "priya.sharma@example.org")
    await user.should_see(marker="student-id")
    served = await user.http_client.get("/achievements")
    assert served.status_code == 200 and "Arjun Rao" not in served.text
    assert "Anonymous learner" in served.text  # the board itself was served, not only the frame
    await user.open("/achievements")
    await user.should_see(marker="leaderboard-table")
    for period, scope, view in itertools.product(*CHOICES.values()):
        await choose(user, "period", period)
        await choose(user, "scope", scope)
        await choose(user, "view", view)
        held = " ".join(what_the_browser_holds(user))
        assert "Arjun Rao" not in held, (period, scope, view)
        assert "Anonymous learner" in held, (period, scope, view)
        assert ("Meera Kulkarni" in held) is (scope == "programme"), (period, scope, view)


async def test_near_me_shows_five_above_and_five_below_and_marks_the_youth(
    user: User, services: Services, admin: Actor, register: Register
) -> None:
    for place in range(1, 14):  # 130 points for the first, 10 for the thirteenth
        if place == 7:
            await youth_with_points(services, admin, register, "Priya Sharma", 70)
            continue
        other = await youth_with_points(services, admin, register, f"Learner {place:02}", 140 - 10 * place)
        await services.accounts.show_on_leaderboard(other, True)
    await open_as(user, "priya.sharma@example.org", "/achievements")
    await user.should_see(marker="leaderboard-you")
    await user.should_see("You are number 7 of 13, with 70 points.")
    assert texts(user, "leaderboard-name") == around_priya(range(1, 7), range(8, 11))
    with user.scope(marker="leaderboard-you"):
        await user.should_see("You")
        await user.should_see("Anonymous learner")
        await user.should_see("70")

    await choose(user, "view", "near")
    await user.should_see("Learner 12")
    assert texts(user, "leaderboard-name") == around_priya(range(2, 7), range(8, 13))
    assert len(user.find(marker="leaderboard-you").elements) == 1


async def test_a_youth_without_points_this_week_is_told_how_to_appear(
    user: User, services: Services, admin: Actor, register: Register, clock: FakeClock
) -> None:
    await youth_with_points(services, admin, register, "Priya Sharma", 25)  # Saturday 28 November
    await youth_with_points(services, admin, register, "Arjun Rao", 0)
    clock.advance(days=3)  # Tuesday 1 December: a new week and a new month
    await open_as(user, "priya.sharma@example.org", "/achievements")
    await user.should_see(marker="leaderboard")
    await user.should_see("Earn points this week to appear here.")
    await user.should_see("No one has earned points this week yet.")
    await choose(user, "period", "month")
    await user.should_see("Earn points this month to appear here.")
    await choose(user, "period", "all_time")
    await user.should_see("You are number 1 of 1, with 25 points.")
    await user.should_see(marker="leaderboard-you")


async def test_the_privacy_line_leads_to_the_profile_switch_which_is_saved_at_once(
    user: User, services: Services, admin: Actor, register: Register, store: Store
) -> None:
    priya = await youth_with_points(services, admin, register, "Priya Sharma", 25)
    await open_as(user, "priya.sharma@example.org", "/achievements")
    await user.should_see("Other youth see you as “Anonymous learner”.")
    user.find(marker="privacy-setting").click()
    await user.should_see(marker="leaderboard-choice")
    user.find(marker="show-name").click()
    await user.should_see("Your name now shows on the leaderboard.")
    assert store.users[priya.user_id].shows_on_leaderboard is True

    await user.open("/profile")
    await user.should_see(marker="show-name")
    switch = user.find(marker="show-name").elements.pop()
    assert isinstance(switch, ui.switch) and switch.value is True
    await user.open("/achievements")
    await user.should_see("Other youth see your name here.")
    with user.scope(marker="leaderboard-you"):
        await user.should_see("Priya Sharma")

    await user.open("/profile")
    await user.should_see(marker="show-name")
    user.find(marker="show-name").click()
    await user.should_see("The leaderboard now shows you as “Anonymous learner”.")
    assert store.users[priya.user_id].shows_on_leaderboard is False


async def test_staff_see_no_leaderboard_switch_on_their_profile(user: User, admin: Actor) -> None:
    await open_as(user, "admin@example.org", "/profile")
    await user.should_see(marker="profile-form")
    await user.should_not_see(marker="leaderboard-choice")
