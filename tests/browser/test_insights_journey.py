"""A mentor's morning in a real browser: open the at-risk board from the insights, log a call for
one of their youth, and see the row show it at once.

The installation is seeded through the services on its own database: staff, youth, and the day's
features computed from the app's own tables by the sync that `mb sync-features` runs.
"""

import asyncio
import re
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from playwright.sync_api import Page, ViewportSize, expect

from mb.bootstrap import build_services
from mb.domain.model.profile import ProfileFields
from mb.domain.model.roles import Role
from mb.domain.model.user import Actor
from mb.domain.services.accounts import Registration
from mb.ui.dates import MONTHS
from tests.browser.pages import DESKTOP, choose, open_from_header, sign_in
from tests.fakes import make_settings
from tests.servers.app_server import RunningServer

pytestmark = pytest.mark.browser

ADMIN_EMAIL = "admin@example.org"
MENTOR_EMAIL, MENTOR_PASSWORD = "ravi.mentor@example.org", "mentor-passphrase-2026"
MINE, NOT_MINE = "Anjali Patil", "Kiran Deshmukh"
NOTE = "Called her: exams this week, back to the module on Monday."


@pytest.fixture(scope="module")
def seeded(server: RunningServer) -> None:
    """Ravi mentors Anjali; Kiran has no mentor; today's features computed from the app's tables."""
    with ThreadPoolExecutor(1) as thread:  # Playwright's sync API keeps an event loop on this one
        thread.submit(asyncio.run, enrol(server.log_path.parent, server.admin_password)).result()


async def enrol(root: Path, admin_password: str) -> None:
    """Through the services, on the running installation's database (WAL lets both write); the
    feature sync is the one `mb sync-features` runs, computing locally."""
    database = f"sqlite+aiosqlite:///{root / 'data' / 'mb_app.db'}"
    services = build_services(make_settings(database_url=database, mb_data_dir=root / "data", redis_url=""))
    try:
        admin = Actor.of(await services.accounts.sign_in(ADMIN_EMAIL, admin_password, "journey seed"))
        mentor = await services.accounts.create_staff(
            admin, MENTOR_EMAIL, MENTOR_PASSWORD, Role.MENTOR, "Ravi Mentor"
        )
        for email, name in (("anjali.patil@example.org", MINE), ("kiran.d@example.org", NOT_MINE)):
            profile = ProfileFields(
                full_name=name, institution="Government ITI Pune", education_level="iti_diploma", region="MH"
            )
            youth = await services.accounts.register_youth(
                Registration(email, "youth-passphrase-2026", profile)
            )
            if name == MINE:
                assert youth.id is not None and mentor.id is not None
                await services.user_admin.assign_mentor(admin, youth.id, mentor.id)
        report = await services.feature_sync.sync(None)
        assert (report.source, report.rows) == ("local", 2)
    finally:
        await services.aclose()


def today() -> str:
    day = datetime.now(ZoneInfo("Asia/Kolkata")).date()
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def test_a_mentor_logs_an_intervention_from_the_board_and_the_row_shows_it(
    open_page: Callable[[ViewportSize], Page], seeded: None
) -> None:
    page = open_page(DESKTOP)
    sign_in(page, MENTOR_EMAIL, MENTOR_PASSWORD)
    open_from_header(page, "Insights")
    page.get_by_role("navigation", name="Insights").get_by_role("link", name="At-risk board").click()
    expect(page).to_have_url(re.compile(r"/insights/at-risk$"))
    expect(page.get_by_text(re.compile(r"^Figures as of "))).to_be_visible()

    row = page.get_by_role("row").filter(has=page.get_by_role("link", name=MINE))
    expect(row).to_contain_text("No contact yet")
    expect(row).to_contain_text(re.compile(r"(High|Medium|Low) · \d+"))
    expect(page.get_by_role("link", name=NOT_MINE)).to_have_count(0)  # not in Ravi's caseload

    row.get_by_role("button", name=f"Log an intervention for {MINE}").click()
    dialog = page.get_by_role("dialog")
    expect(dialog.get_by_text(f"Log an intervention for {MINE}")).to_be_visible()
    choose(page, "How you stepped in", "Call", within=dialog)
    dialog.get_by_label("Note (up to 2000 characters)").fill(NOTE)
    dialog.get_by_role("button", name="Save").click()
    expect(dialog).to_have_count(0)

    expect(row).to_contain_text(f"Call, {today()}")
    expect(row).not_to_contain_text("No contact yet")

    row.get_by_role("link", name=MINE).click()  # and the youth's page lists it
    expect(page).to_have_url(re.compile(r"/youth/\d+$"))
    expect(page.get_by_text(NOTE)).to_be_visible()
