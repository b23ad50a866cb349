"""A sending's results: counts, the rate over time, each question's answers, reminders, CSV, links."""

from collections.abc import Callable
from datetime import date
from typing import Any

import pytest
from nicegui import ui
from nicegui.testing import User

from mb.bootstrap import Services
from mb.domain.model.invitation import Audience, Distribution
from mb.domain.model.placement import PlacementDetails
from mb.domain.model.survey import TemplateType
from mb.domain.model.user import Actor
from tests.fakes import FakeBlobStore, FakeClock, Store, fake_services
from tests.fakes_mail import FakeMailer
from tests.ui.screen import open_as
from tests.ui.test_admin_modules_page import element
from tests.ui.test_admin_surveys_list import (
    CAREER_ANSWERS,
    answer,
    answered_career,
    row_texts,
    send_to_youth,
    starters,
)

Register = Callable[..., Any]
REFUSED = "The mail server refused the message (550 test)."


@pytest.fixture
def mailer() -> FakeMailer:
    return FakeMailer()


@pytest.fixture
def services(store: Store, clock: FakeClock, blobs: FakeBlobStore, mailer: FakeMailer) -> Services:
    return fake_services(store, clock, blobs, mailer=mailer)


def invitation_of(store: Store, distribution: Distribution, email: str) -> int:
    (found,) = [
        i.id
        for i in store.surveys.invitations.values()
        if i.distribution_id == distribution.id and i.recipient_email == email
    ]
    assert found is not None
    return found


async def test_results_show_counts_the_rate_over_time_charts_averages_and_texts(
    user: User,
    services: Services,
    admin: Actor,
    register: Register,
    store: Store,
    clock: FakeClock,
    mailer: FakeMailer,
) -> None:
    career = (await starters(services, admin))[TemplateType.CAREER]
    await register("meera@example.org", full_name="Meera Iyer")  # first in line: her mail is refused
    await register("priya@example.org")
    await register("arjun@example.org", full_name="Arjun Rao")
    mailer.fail_next(REFUSED)
    distribution = await send_to_youth(services, admin, career)
    clock.advance(days=1)
    priya = {**CAREER_ANSWERS, "sectors": ["IT/ITES", "Retail"], "goal": "Store manager <b>soon</b>"}
    await answer(services, admin, distribution, "priya@example.org", priya)
    arjun = {**CAREER_ANSWERS, "confidence": 1, "work_mode": "Part time", "relocate": False}
    await answer(services, admin, distribution, "arjun@example.org", arjun)

    await open_as(user, "admin@example.org", f"/admin/surveys/results/{distribution.id}")
    await user.should_see("Career interests (version 1)")
    counts = {
        name: element(user, f"count-{name}").text
        for name in ("invited", "queued", "sent", "failed", "opened", "completed", "expired", "rate")
    }
    assert counts == {
        "invited": "3",
        "queued": "0",
        "sent": "2",
        "failed": "1",
        "opened": "2",
        "completed": "2",
        "expired": "0",
        "rate": "100.0 %",
    }
    rate = element(user, "rate-chart").options
    assert [s["data"] for s in rate["series"]] == [[2, 0], [0, 2], [0.0, 100.0]]
    assert row_texts(user, "rate-numbers")[4:] == [
        "2026-11-28",
        "2",
        "0",
        "0.0",
        "2026-11-29",
        "0",
        "2",
        "100.0",
    ]

    await user.should_see("Average 2.50 (from 1 to 5)")
    assert element(user, "average-confidence").text == "Average 2.50 (from 1 to 5)"
    relocate = element(user, "answers-relocate-chart").options
    assert relocate["yAxis"]["data"] == ["Yes", "No"] and relocate["series"][0]["data"] == [1, 1]
    assert relocate["tooltip"]["renderMode"] == "richText"  # labels are the author's words, never HTML
    assert element(user, "answers-sectors-chart").options["series"][0]["data"][:2] == [1, 2]
    assert row_texts(user, "answers-work_mode-numbers")[2:6] == ["Full time", "1", "Part time", "1"]
    assert row_texts(user, "texts-goal") == ["Store manager <b>soon</b>"]  # shown as typed, as text

    meera = row_texts(user, f"recipient-{invitation_of(store, distribution, 'meera@example.org')}")
    assert meera[:2] == ["meera@example.org", "Meera Iyer"] and meera[3] == "—"
    assert meera[2].startswith(f"Failed: {REFUSED}")
    priya_row = row_texts(user, f"recipient-{invitation_of(store, distribution, 'priya@example.org')}")
    assert priya_row[4:7] == ["29 November 2026, 15:00", "29 November 2026, 15:00", "0"]


async def test_anonymous_results_hide_who_opened_and_who_answered(
    user: User, services: Services, admin: Actor, register: Register, store: Store
) -> None:
    youth = (await starters(services, admin))[TemplateType.YOUTH_FEEDBACK]
    await register("priya@example.org")
    distribution = await send_to_youth(services, admin, youth)
    answers = {"satisfaction": 5, "preparedness": 4, "still_working": True, "recommend": 9}
    await answer(services, admin, distribution, "priya@example.org", answers)

    await open_as(user, "admin@example.org", f"/admin/surveys/results/{distribution.id}")
    await user.should_see(marker="results-anonymous")
    await user.should_see(marker="recipients-anonymous")
    assert element(user, "count-completed").text == "1"
    assert element(user, "average-recommend").text == "Average 9.00 (from 0 to 10)"
    priya = invitation_of(store, distribution, "priya@example.org")
    row = row_texts(user, f"recipient-{priya}")
    assert row[4:6] == ["hidden (anonymous)", "hidden (anonymous)"]
    await user.should_see(marker=f"copy-link-{priya}")  # hiding it once she answered would tell


async def test_an_employer_sending_names_the_youth_each_email_is_about(
    user: User, services: Services, admin: Actor, register: Register, store: Store
) -> None:
    await services.survey_templates.install_starters()
    priya = await register("priya@example.org")
    details = PlacementDetails(
        youth_id=priya.id,
        employer_name="Sunrise Mart",
        contact_email="hr@sunrise.example",
        job_title="Cashier",
        start_date=date(2026, 11, 28),
    )
    await services.placements.record(admin, details)
    (employers,) = [d for d in store.surveys.distributions.values() if d.audience is Audience.EMPLOYER]
    hr = invitation_of(store, employers, "hr@sunrise.example")

    await open_as(user, "admin@example.org", f"/admin/surveys/results/{employers.id}")
    await user.should_see(marker=f"recipient-{hr}")
    assert row_texts(user, f"recipient-{hr}")[:2] == ["hr@sunrise.example", "Priya Sharma"]
    await user.should_see("About")
    await user.should_not_see("Name")


async def test_reminders_go_to_those_who_have_not_answered_after_confirming(
    user: User, services: Services, admin: Actor, register: Register, store: Store, clock: FakeClock
) -> None:
    await register("arjun@example.org", full_name="Arjun Rao")
    _, distribution = await answered_career(services, admin, register)
    clock.advance(days=2)  # his invitation went two days ago
    arjun = invitation_of(store, distribution, "arjun@example.org")

    await open_as(user, "admin@example.org", f"/admin/surveys/results/{distribution.id}")
    user.find(marker="remind").click()
    await user.should_see(marker="confirm-no")
    user.find(marker="confirm-no").click()
    await user.should_not_see(marker="confirm")
    assert store.surveys.invitations[arjun].reminders_sent == 0

    user.find(marker="remind").click()
    await user.should_see(marker="confirm-yes")
    user.find(marker="confirm-yes").click()
    await user.should_see("1 reminded.")
    assert store.surveys.invitations[arjun].reminders_sent == 1
    assert store.audit[-1].action == "survey.reminded"
    assert row_texts(user, f"recipient-{arjun}")[6] == "1"
    await user.should_not_see(marker="confirm")

    user.find(marker="remind").click()
    await user.should_see(marker="confirm-yes")
    user.find(marker="confirm-yes").click()
    await user.should_see("Nobody is due a reminder right now.")  # he was mailed today already


async def test_the_csv_holds_every_response(
    user: User, services: Services, admin: Actor, register: Register
) -> None:
    _, distribution = await answered_career(services, admin, register)
    await open_as(user, "admin@example.org", f"/admin/surveys/results/{distribution.id}")
    user.find(marker="download-csv").click()
    download = await user.download.next()
    lines = download.content.decode("utf-8-sig").splitlines()
    assert lines[0] == "response,submitted_at,email,name,sectors,confidence,work_mode,relocate,goal"
    assert lines[1].endswith(",priya@example.org,Priya Sharma,Retail,4,Full time,Yes,")


async def test_copying_a_link_copies_and_shows_it_and_is_audited(
    user: User,
    services: Services,
    admin: Actor,
    register: Register,
    store: Store,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    copied: list[str] = []
    monkeypatch.setattr(ui.clipboard, "write", copied.append)
    await register("arjun@example.org", full_name="Arjun Rao")
    _, distribution = await answered_career(services, admin, register)
    arjun = invitation_of(store, distribution, "arjun@example.org")
    priya = invitation_of(store, distribution, "priya@example.org")

    await open_as(user, "admin@example.org", f"/admin/surveys/results/{distribution.id}")
    user.find(marker=f"copy-link-{arjun}").click()
    await user.should_see(marker="link-dialog")
    link = element(user, "copied-link").text
    assert "/s/" in link and link.rsplit("/", 1)[1]
    assert copied == [link]
    assert (store.audit[-1].action, store.audit[-1].target_id) == ("survey.link_copied", str(arjun))
    user.find(marker="link-close").click()
    await user.should_not_see(marker="link-dialog")
    await user.should_not_see(marker=f"copy-link-{priya}")  # she answered: her link no longer works
    await user.should_see(marker=f"no-link-{priya}")


async def test_no_link_is_offered_once_it_has_expired(
    user: User, services: Services, admin: Actor, register: Register, store: Store, clock: FakeClock
) -> None:
    await register("arjun@example.org", full_name="Arjun Rao")
    _, distribution = await answered_career(services, admin, register)
    arjun = invitation_of(store, distribution, "arjun@example.org")
    clock.at = store.surveys.invitations[arjun].expires_at

    await open_as(user, "admin@example.org", f"/admin/surveys/results/{distribution.id}")
    await user.should_see(marker=f"no-link-{arjun}")
    await user.should_not_see(marker=f"copy-link-{arjun}")


async def test_mail_given_up_on_is_sent_again_after_confirming(
    user: User,
    services: Services,
    admin: Actor,
    register: Register,
    store: Store,
    clock: FakeClock,
    mailer: FakeMailer,
) -> None:
    career = (await starters(services, admin))[TemplateType.CAREER]
    await register("arjun@example.org", full_name="Arjun Rao")
    mailer.fail_next("535 authentication failed", times=6)
    distribution = await send_to_youth(services, admin, career)  # the first attempt
    for _ in range(5):  # every attempt fails: the sender gives up
        clock.advance(hours=7)
        await services.mail_delivery.deliver_due()
    arjun = invitation_of(store, distribution, "arjun@example.org")

    await open_as(user, "admin@example.org", f"/admin/surveys/results/{distribution.id}")
    await user.should_see("535 authentication failed (gave up after 6 attempts)")
    user.find(marker="retry-failed").click()
    await user.should_see(marker="confirm-yes")
    user.find(marker="confirm-yes").click()
    await user.should_see("1 will be sent again.")
    assert store.audit[-1].action == "survey.retried"
    assert (await services.mail_delivery.deliver_due()).sent == 1
    assert mailer.sent[-1].to == "arjun@example.org" and store.surveys.invitations[arjun].sent_at is not None
