"""A placement's employer survey in a real browser and a real mail server: an admin records a youth's
new job, the employer's invitation arrives by SMTP, the employer answers it on a phone without
signing in, and the admin finds the answer counted in the results.

`mb serve` runs with SMTP_HOST pointing at an aiosmtpd sink on loopback, MB_PUBLIC_URL at itself
and MB_PLACEMENT_SURVEY_DELAY_DAYS=0, so the invitation goes as soon as the placement is saved.
"""

import asyncio
import re
import tempfile
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from playwright.sync_api import Locator, Page, ViewportSize, expect

from mb.adapters.db.engine import create_engine, session_factory
from mb.adapters.db.unit_of_work import SqlaUnitOfWork
from mb.domain.model.roles import Role
from mb.domain.model.user import User
from tests.browser.pages import DESKTOP, PHONE, sign_in
from tests.servers import app_server
from tests.servers.app_server import AppServerError, RunningServer, Workspace, prepare_workspace, serving
from tests.servers.smtp import SmtpSink

pytestmark = pytest.mark.browser

ADMIN_EMAIL = "admin@example.org"
EMPLOYER_EMAIL = "hr@sunrise-retail.example"
YOUTH_NAME = "Anjali Patil"
MAIL_TIMEOUT_S = 20.0
RATINGS = (
    "Overall performance",
    "Technical skills",
    "Communication",
    "Teamwork",
    "Work ethic",
    "Punctuality",
    "Reliability",
    "Problem solving",
)
STRENGTHS = "Calm with customers and quick to learn the till."


@pytest.fixture(scope="module")
def sink() -> Iterator[SmtpSink]:
    with SmtpSink() as running:
        yield running


@pytest.fixture(scope="module")
def server(sink: SmtpSink) -> Iterator[RunningServer]:
    """`mb serve` mailing through `sink`, on a port chosen first so that MB_PUBLIC_URL can name it."""
    port = app_server.free_port()
    with (
        tempfile.TemporaryDirectory(prefix="mb-survey-journey-") as directory,
        pytest.MonkeyPatch.context() as patch,
    ):
        prepared = prepare_workspace(Path(directory))
        env = prepared.env | {
            "SMTP_HOST": sink.host,
            "SMTP_PORT": str(sink.port),
            "SMTP_STARTTLS": "false",
            "MB_PUBLIC_URL": f"http://127.0.0.1:{port}",
            "MB_PLACEMENT_SURVEY_DELAY_DAYS": "0",
        }
        patch.setattr(app_server, "free_port", lambda: port)  # `serving` listens where the links point
        try:
            with serving(Workspace(prepared.root, env, prepared.admin_password)) as running:
                yield running
        except AppServerError as error:
            pytest.fail(str(error), pytrace=False)


@pytest.fixture(scope="module")
def youth_id(server: RunningServer) -> int:
    """A youth enrolled straight into the running installation's database (WAL lets both write),
    on a thread of its own: Playwright's sync API keeps an event loop running on this one."""
    with ThreadPoolExecutor(1) as thread:
        return thread.submit(asyncio.run, enrol_youth(server.log_path.parent)).result()


async def enrol_youth(root: Path) -> int:
    engine = create_engine(f"sqlite+aiosqlite:///{root / 'data' / 'mb_app.db'}")
    youth = User(
        email="anjali.patil@example.org",
        password_hash="-",  # never signs in here
        role=Role.YOUTH,
        full_name=YOUTH_NAME,
        region="MH",
        created_at=datetime.now(UTC),
    )
    try:
        async with SqlaUnitOfWork(session_factory(engine)) as uow:
            await uow.users.add(youth)
            await uow.commit()
    finally:
        await engine.dispose()
    assert youth.id is not None
    return youth.id


def test_an_employer_answers_the_placement_survey_from_the_email_and_the_admin_sees_it_counted(
    open_page: Callable[[ViewportSize], Page], server: RunningServer, sink: SmtpSink, youth_id: int
) -> None:
    admin = open_page(DESKTOP)
    sign_in(admin, ADMIN_EMAIL, server.admin_password)
    record_placement(admin, youth_id)

    link = survey_link(sink)
    assert link.startswith(f"{server.base_url}/s/")
    employer = open_page(PHONE)  # a context of its own: not signed in
    answer_employer_survey(employer, link)

    see_the_answer_counted(admin)


def record_placement(page: Page, youth_id: int) -> None:
    page.goto(f"/youth/{youth_id}")
    placements = section(page, "Placements", level=2)
    expect(placements.get_by_text("No placements recorded yet.")).to_be_visible()
    placements.get_by_label("Employer name").fill("Sunrise Retail")
    placements.get_by_label("Employer contact email").fill(EMPLOYER_EMAIL)
    placements.get_by_label("Job title").fill("Store associate")
    today = datetime.now(ZoneInfo("Asia/Kolkata")).date()  # the programme's day (MB_TIMEZONE)
    placements.get_by_label("Start date").fill(today.isoformat())
    placements.get_by_role("button", name="Record placement").click()
    expect(placements.get_by_role("status")).to_have_text(
        "Placement recorded. Feedback surveys queued: Youth feedback after placement, Employer feedback."
    )
    expect(placements.get_by_role("row").filter(has_text="Sunrise Retail")).to_contain_text("Store associate")


def survey_link(sink: SmtpSink) -> str:
    """The link in the employer's invitation, once the app's mail worker has sent it (the youth's
    own feedback survey goes out with it)."""
    arrived = sink.wait_for(2, timeout=MAIL_TIMEOUT_S)
    (body,) = [mail.body for mail in arrived if mail.rcpt_tos == (EMPLOYER_EMAIL,)]
    assert f"It is about {YOUTH_NAME}" in body
    found = re.search(r"http\S+/s/[\w-]+", body)  # a token is URL-safe base64
    assert found is not None, body
    return found.group()


def answer_employer_survey(page: Page, link: str) -> None:
    page.goto(link)
    expect(page.get_by_role("heading", level=1, name="Employer feedback")).to_be_visible()
    expect(page.get_by_text(f"About: {YOUTH_NAME}", exact=False)).to_be_visible()
    for number, quality in enumerate(RATINGS, start=1):
        choose(question(page, f"{number}. {quality}: how would you rate them?"), "4")
    question(page, "9. Their strengths (optional)").get_by_role("textbox").fill(STRENGTHS)
    choose(question(page, "11. Would you hire them again?"), "Yes")
    choose(question(page, "12. How likely are you to recommend our programme's youth to others?"), "9")
    page.get_by_role("button", name="Submit answers").click()
    expect(page.get_by_role("heading", level=1, name="Thank you!")).to_be_visible()
    expect(page.get_by_text("Your answers are saved. You can close this page.")).to_be_visible()


def see_the_answer_counted(page: Page) -> None:
    page.goto("/admin/surveys")
    sent = section(page, "Sent surveys", level=2)
    follow_up = sent.get_by_role("row").filter(has_text="Placement follow-up")
    follow_up.get_by_role("link", name="Employer feedback (version 1)").click()
    expect(page).to_have_url(re.compile(r"/admin/surveys/results/\d+$"))
    expect(page.get_by_role("heading", level=1, name="Employer feedback (version 1)")).to_be_visible()
    counts = page.locator("dl")
    expect(figure(counts, "Invited")).to_have_text("1")
    expect(figure(counts, "Sent")).to_have_text("1")
    expect(figure(counts, "Answered")).to_have_text("1")
    expect(figure(counts, "Response rate")).to_have_text("100.0 %")

    overall = section(page, "1. Overall performance: how would you rate them?", level=2)
    expect(overall.get_by_text("1 answered", exact=True)).to_be_visible()
    expect(overall.get_by_text("Average 4.00 (from 1 to 5)", exact=True)).to_be_visible()
    rehire = section(page, "11. Would you hire them again?", level=2)
    expect(rehire.get_by_role("row").filter(has_text="Yes")).to_contain_text("1")
    strengths = section(page, "9. Their strengths", level=2)
    expect(strengths.get_by_text(STRENGTHS, exact=True)).to_be_visible()


def question(page: Page, title: str) -> Locator:
    """The question whose accessible name is its title, "(required)" after it where it is."""
    return page.get_by_role("group", name=re.compile(rf"^{re.escape(title)}( \(required\))?$"))


def choose(group: Locator, option: str) -> None:
    radio = group.get_by_role("radio", name=option, exact=True)
    radio.click()
    expect(radio).to_be_checked()


def section(page: Page, heading: str, level: int) -> Locator:
    """The card under `heading`."""
    return page.locator(".q-card").filter(
        has=page.get_by_role("heading", level=level, name=heading, exact=True)
    )


def figure(counts: Locator, name: str) -> Locator:
    """The number shown under `name` in the results' counts."""
    return counts.locator("div").filter(has=counts.page.get_by_text(name, exact=True)).locator("dd")
