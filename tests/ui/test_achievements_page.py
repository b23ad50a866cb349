"""A youth's achievements on fake services: points, level, streak and badges earned by learning,
every ledger line explained and paged, the home card, and everything gone with the flag off."""

from collections.abc import Callable
from typing import Any

from nicegui.testing import User

from mb.bootstrap import Services
from mb.domain.model.flags import Flag
from mb.domain.model.module import Module
from mb.domain.model.roles import Role
from mb.domain.model.user import Actor
from tests.fakes import FakeClock
from tests.ui.programme import a_module, assign
from tests.ui.screen import assert_not_offered, open_as, save_progress, sign_in, texts

Register = Callable[..., Any]


async def youth_who_completed_a_module(
    services: Services, admin: Actor, register: Register, clock: FakeClock
) -> tuple[int, Module]:
    """Priya does half of Customer Service on 28 November and finishes it the next day."""
    youth = await register()
    module = await a_module(services, admin, "RET-201", "Customer Service")
    assert module.id is not None
    await assign(services, admin, module, youth.id)
    priya = Actor(youth.id, Role.YOUTH)
    await services.learning.record_progress(priya, module.id, 50)
    clock.advance(days=1)
    await services.learning.record_progress(priya, module.id, 100)
    return youth.id, module


async def test_the_page_shows_points_level_streak_badges_and_explains_every_point(
    user: User, services: Services, admin: Actor, register: Register, clock: FakeClock
) -> None:
    await youth_who_completed_a_module(services, admin, register, clock)
    await sign_in(user, "priya@example.org")
    await user.should_see(marker="nav-/achievements")
    user.find(marker="nav-/achievements").click()
    await user.should_see("Your achievements")

    # 5 to start, 5 for each quarter, and the module's own 10 for completing it.
    await user.should_see(marker="points-total")
    assert texts(user, "points-total") == ["35"]
    assert texts(user, "level") == ["Level 1: Newcomer"]
    assert texts(user, "to-next-level") == ["15 points to Explorer"]
    assert texts(user, "streak-current") == ["2 days"]
    assert texts(user, "streak-best") == ["2 days"]
    await user.should_see(
        "A streak counts the days in a row on which you saved progress or took a quiz, "
        "by the calendar in Asia/Kolkata. Miss a whole day and it starts again."
    )

    assert texts(user, "badge-count") == ["3 of 9 earned"]
    with user.scope(marker="badge-first_start"):
        await user.should_see("First step")
        await user.should_see("Earned on 28 November 2026")
    with user.scope(marker="badge-first_completion"):
        await user.should_see("Earned on 29 November 2026")
    with user.scope(marker="badge-five_completed"):
        await user.should_see("High five")
        await user.should_see("Not earned yet: Complete 5 modules.")
        await user.should_not_see(marker="badge-earned")

    assert texts(user, "points-line") == [
        "Completed Customer Service",
        "Reached 100% of Customer Service",
        "Reached 75% of Customer Service",
        "Reached 50% of Customer Service",
        "Reached 25% of Customer Service",
        "Started Customer Service",
    ]
    assert texts(user, "points-amount") == ["+10", "+5", "+5", "+5", "+5", "+5"]
    with user.scope(marker="points-history"):
        await user.should_see("29 November 2026")
        await user.should_see("28 November 2026")
    await user.should_not_see(marker="show-more")


async def test_a_long_history_pages_and_shows_the_reason_for_each_adjustment(
    user: User, services: Services, admin: Actor, register: Register, clock: FakeClock
) -> None:
    youth = await register()
    for number in range(1, 24):
        clock.advance(minutes=1)
        amount = -3 if number == 23 else number
        await services.engagement.adjust_points(admin, youth.id, amount, f"Workshop helper, day {number}")
    await open_as(user, "priya@example.org", "/achievements")
    await user.should_see(marker="show-more")
    lines = texts(user, "points-line")
    assert len(lines) == 20
    assert lines[0] == "Adjusted by staff: Workshop helper, day 23"
    assert texts(user, "points-amount")[0] == "−3"
    user.find(marker="show-more").click()
    await user.should_not_see(marker="show-more")
    lines = texts(user, "points-line")
    assert len(lines) == 23
    assert lines[-1] == "Adjusted by staff: Workshop helper, day 1"
    assert texts(user, "points-total") == [str(sum(range(1, 23)) - 3)]


async def test_a_new_youth_is_told_how_to_earn_points(user: User, register: Register) -> None:
    await register()
    await open_as(user, "priya@example.org", "/achievements")
    await user.should_see("No points yet — save progress on a module to earn your first points.")
    assert texts(user, "points-total") == ["0"]
    assert texts(user, "streak-current") == ["0 days"]
    assert texts(user, "to-next-level") == ["50 points to Explorer"]
    await user.should_see("0 of 9 earned")


async def test_the_home_page_shows_points_level_and_streak(
    user: User, services: Services, admin: Actor, register: Register, clock: FakeClock
) -> None:
    await youth_who_completed_a_module(services, admin, register, clock)
    await sign_in(user, "priya@example.org")
    await user.should_see(marker="home-achievements")
    assert texts(user, "home-points") == ["35 points"]
    assert texts(user, "home-level") == ["Level 1: Newcomer"]
    assert texts(user, "home-streak") == ["Learning streak: 2 days"]
    user.find(marker="open-achievements").click()
    await user.should_see(marker="points-history")


async def test_saving_progress_tells_the_youth_the_points_it_earned(
    user: User, services: Services, admin: Actor, register: Register
) -> None:
    youth = await register()
    module = await a_module(services, admin, "RET-201", "Customer Service")
    await assign(services, admin, module, youth.id)
    await services.engagement.adjust_points(admin, youth.id, 7, "Welcome bonus")
    await open_as(user, "priya@example.org", f"/learn/{module.id}")
    await user.should_see("Completing it earns you 10 points.")
    save_progress(user, 50)
    await user.should_see("Progress saved.")
    await user.should_see("You earned 15 points!")
    save_progress(user, 100)
    await user.should_see("Module completed!")
    await user.should_see("You earned 20 points!")
    await user.should_not_see(marker="module-points")


async def test_with_gamification_off_points_badges_and_streaks_are_nowhere(
    user: User, services: Services, admin: Actor, register: Register, clock: FakeClock
) -> None:
    youth_id, _ = await youth_who_completed_a_module(services, admin, register, clock)
    other = await a_module(services, admin, "RET-301", "Selling Skills")
    await assign(services, admin, other, youth_id)
    await services.flags.set(admin, Flag.GAMIFICATION, False)

    await sign_in(user, "priya@example.org")
    await user.should_see(marker="student-card")
    await user.should_see(marker="nav-/learn")
    await user.should_not_see(marker="nav-/achievements")
    await user.should_not_see(marker="home-achievements")
    await user.should_not_see("35 points")

    await user.open("/achievements")
    await user.should_see(marker="engagement-off")
    await user.should_see("Points, badges and the leaderboard are switched off at the moment.")
    for gone in ("points-total", "streak", "badges", "leaderboard", "points-history"):
        await user.should_not_see(marker=gone)
    await user.should_not_see(marker="page-error")

    await user.open(f"/learn/{other.id}")
    await user.should_see("Selling Skills")
    await user.should_not_see(marker="module-points")
    save_progress(user, 50)
    await user.should_see("Progress saved.")
    await user.should_not_see("You earned 15 points!")

    await user.open("/profile")
    await user.should_see(marker="profile-form")
    await user.should_not_see(marker="leaderboard-choice")


async def test_staff_are_not_offered_the_achievements_page(user: User, admin: Actor) -> None:
    await assert_not_offered(user, "admin@example.org", "/achievements")


async def test_the_achievements_page_reads_in_hindi(
    user: User, services: Services, admin: Actor, register: Register, clock: FakeClock
) -> None:
    await youth_who_completed_a_module(services, admin, register, clock)
    await open_as(user, "priya@example.org", "/achievements", language="hi")
    await user.should_see("आपकी उपलब्धियाँ")
    assert texts(user, "level") == ["स्तर 1: नवागंतुक"]
    with user.scope(marker="badge-first_start"):
        await user.should_see("पहला कदम")
    assert "Customer Service" in texts(user, "points-line")[0]
