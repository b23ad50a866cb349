"""Points, a badge and a streak in a real browser: a youth completes a module on a 360 px phone and
finds what it earned on /achievements, every point explained, and their place on the leaderboard.

The admin builds and assigns the module as in the learning journey (without a quiz here).
"""

import re
from collections.abc import Callable

import pytest
from playwright.sync_api import Locator, Page, ViewportSize, expect

from tests.browser.pages import DESKTOP, HOME, Youth, open_from_header, register, sign_in, sign_out
from tests.browser.test_learning_journey import TITLE, assign_to_maharashtra, create_module
from tests.servers.app_server import RunningServer

pytestmark = pytest.mark.browser

NARROW_PHONE = ViewportSize(width=360, height=780)
ADMIN_EMAIL = "admin@example.org"
KAVYA = Youth(
    full_name="Kavya Deshmukh",
    email="kavya.deshmukh@example.org",
    password="kavya-passphrase-2026",
    institution="Government ITI Kolhapur",
    education_level="ITI / Diploma",
    region="Maharashtra",
    region_typed="Mahar",
)
EARNED_ON = re.compile(r"^Earned on \d{1,2} [A-Z][a-z]+ \d{4}$")


def test_a_youth_completes_a_module_and_sees_points_a_badge_and_the_streak(
    open_page: Callable[[ViewportSize], Page], server: RunningServer
) -> None:
    youth = open_page(NARROW_PHONE)
    register(youth, KAVYA)
    expect(youth).to_have_url(HOME)
    expect(youth.get_by_text("0 points", exact=True)).to_be_visible()
    sign_out(youth)

    admin = open_page(DESKTOP)
    sign_in(admin, ADMIN_EMAIL, server.admin_password)
    create_module(admin)  # worth 25 points for completing it
    assign_to_maharashtra(admin)

    sign_in(youth, KAVYA.email, KAVYA.password)
    complete_module(youth)
    open_from_header(youth, "Achievements")
    expect(youth).to_have_url(re.compile(r"/achievements$"))
    see_what_was_earned(youth)
    see_the_leaderboard(youth)
    assert fits_the_screen(youth), "the achievements page scrolls sideways on a 360 px phone"

    open_from_header(youth, "Home")
    expect(youth.get_by_text("50 points", exact=True)).to_be_visible()
    expect(youth.get_by_text("Learning streak: 1 day", exact=True)).to_be_visible()


def complete_module(page: Page) -> None:
    open_from_header(page, "Learning")
    page.get_by_role("link", name=f"Start: {TITLE}").click()
    expect(page.get_by_role("heading", level=1, name=TITLE)).to_be_visible()
    expect(page.get_by_text("Completing it earns you 25 points.")).to_be_visible()
    page.get_by_label("How much of the module have you done? (0 to 100 %)").fill("100")
    page.get_by_role("button", name="Save progress").click()
    expect(page.get_by_text("Module completed!")).to_be_visible()
    # 5 for starting, 5 for each quarter and the module's own 25.
    expect(page.get_by_text("You earned 50 points!")).to_be_visible()
    expect(page.get_by_text(re.compile(r"^Completed on "))).to_be_visible()
    expect(page.get_by_text("Completing it earns you 25 points.")).to_have_count(0)


def see_what_was_earned(page: Page) -> None:
    expect(page.get_by_role("heading", level=1, name="Your achievements")).to_be_visible()
    points = page.locator(".q-card").filter(has_text="Your points")
    expect(points.get_by_text("50", exact=True)).to_be_visible()
    expect(points.get_by_text("Level 2: Explorer", exact=True)).to_be_visible()
    expect(points.get_by_text("100 points to Learner", exact=True)).to_be_visible()

    streak = card(page, "Your learning streak")
    expect(streak.get_by_text("1 day", exact=True)).to_have_count(2)  # current and best
    expect(streak.get_by_text(re.compile(r"by the calendar in Asia/Kolkata"))).to_be_visible()

    badges = card(page, "Badges")
    expect(badges.get_by_text("3 of 9 earned", exact=True)).to_be_visible()
    finisher = badges.locator("div.q-row, div.row").filter(has_text="Finisher").last
    expect(finisher.get_by_text(EARNED_ON)).to_be_visible()
    expect(badges.get_by_text("Not earned yet: Complete 5 modules.", exact=True)).to_be_visible()

    history = card(page, "How you earned your points")
    expect(history.get_by_text(f"Completed {TITLE}", exact=True)).to_be_visible()
    expect(history.get_by_text(f"Reached 100% of {TITLE}", exact=True)).to_be_visible()
    expect(history.get_by_text(f"Started {TITLE}", exact=True)).to_be_visible()
    expect(history.get_by_text("+25", exact=True)).to_be_visible()
    expect(history.get_by_text("+5", exact=True)).to_have_count(5)


def see_the_leaderboard(page: Page) -> None:
    board = card(page, "Leaderboard")
    expect(board.get_by_text("You are number 1 of 1, with 50 points.")).to_be_visible()
    own = board.locator("tbody tr")
    expect(own).to_have_count(1)
    expect(own).to_contain_text("You")
    expect(own).to_contain_text("Anonymous learner")
    expect(own).to_contain_text("Maharashtra")
    board.get_by_role("button", name="All time").click()
    expect(board.get_by_role("button", name="All time")).to_have_attribute("aria-pressed", "true")
    expect(board.get_by_text("You are number 1 of 1, with 50 points.")).to_be_visible()
    expect(board.get_by_text("Other youth see you as “Anonymous learner”.")).to_be_visible()


def card(page: Page, heading: str) -> Locator:
    """The section of the page under `heading`."""
    return page.locator(".q-card").filter(has=page.get_by_role("heading", name=heading, exact=True))


def fits_the_screen(page: Page) -> bool:
    return bool(page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"))
