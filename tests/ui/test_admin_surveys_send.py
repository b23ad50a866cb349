"""Sending a survey: choose youth by filter or employers of placements, count, confirm."""

from collections.abc import Callable
from datetime import date
from typing import Any

from nicegui.testing import User

from mb.bootstrap import Services
from mb.domain.model.placement import PlacementDetails
from mb.domain.model.survey import TemplateType
from mb.domain.model.user import Actor
from tests.fakes import Store
from tests.ui.screen import open_as
from tests.ui.test_admin_modules_page import choose, element
from tests.ui.test_admin_surveys_list import send_to_youth, starters

Register = Callable[..., Any]


async def test_counting_then_confirming_invites_the_youth_the_filter_picks(
    user: User, services: Services, admin: Actor, register: Register, store: Store
) -> None:
    career = (await starters(services, admin))[TemplateType.CAREER]
    await register("priya@example.org")
    await register("arjun@example.org", full_name="Arjun Rao", region="DL")
    await register("meera@example.org", full_name="Meera Iyer", institution="Fergusson College")
    await send_to_youth(services, admin, career, youth_institution="Fergusson College")

    await open_as(user, "admin@example.org", "/admin/surveys")
    user.find(marker=f"send-{career.id}").click()
    await user.should_see(marker="send-count")
    await user.should_see("Send Career interests (version 1)")
    choose(user, "send-region", "MH")
    user.find(marker="send-count").click()
    await user.should_see("2 match; 1 already have an open invitation; 1 will be invited.")
    assert element(user, "send-confirm").enabled

    choose(user, "send-region", "DL")
    assert not element(user, "send-confirm").enabled  # counted for another choice: count again
    choose(user, "send-region", "MH")
    user.find(marker="send-count").click()
    await user.should_see("1 will be invited.")
    user.find(marker="send-confirm").click()
    await user.should_see(marker="confirm-no")
    user.find(marker="confirm-no").click()
    await user.should_not_see(marker="confirm")
    assert len(store.surveys.distributions) == 1

    user.find(marker="send-confirm").click()
    await user.should_see(marker="confirm-yes")
    user.find(marker="confirm-yes").click()
    await user.should_see("1 invited. The emails are on their way.")
    await user.should_see(marker="results-heading")
    distribution = max(store.surveys.distributions.values(), key=lambda d: d.id or 0)
    assert distribution.label == "Youth: Maharashtra"
    invited = [
        i.recipient_email for i in store.surveys.invitations.values() if i.distribution_id == distribution.id
    ]
    assert invited == ["priya@example.org"]
    assert store.audit[-1].action == "survey.distributed"


async def test_dates_in_the_wrong_order_or_form_are_named_by_their_field(
    user: User, services: Services, admin: Actor, register: Register, store: Store
) -> None:
    career = (await starters(services, admin))[TemplateType.CAREER]
    await register("priya@example.org")
    await open_as(user, "admin@example.org", f"/admin/surveys/{career.id}/send")
    await user.should_see(marker="send-count")
    user.find(marker="send-registered_from").type("2026-12-01")
    user.find(marker="send-registered_to").type("2026-11-01")
    user.find(marker="send-count").click()
    await user.should_see("The end date is before the start date.")
    assert element(user, "send-registered_to").error == "The end date is before the start date."
    assert element(user, "send-registered_from").value == "2026-12-01"

    user.find(marker="send-registered_to").clear().type("1-12-2026")
    user.find(marker="send-count").click()
    await user.should_see("Enter the date as YYYY-MM-DD, for example 2004-08-15.")
    assert not element(user, "send-confirm").enabled
    assert store.surveys.distributions == {}


async def test_employers_of_placements_are_counted_by_start_date(
    user: User, services: Services, admin: Actor, register: Register
) -> None:
    employer = (await starters(services, admin))[TemplateType.EMPLOYER_FEEDBACK]
    youth = (await starters(services, admin))[TemplateType.YOUTH_FEEDBACK]
    priya = await register("priya@example.org")
    for start, email in (
        (date(2026, 10, 1), "hr@bigbazaar.example"),
        (date(2026, 11, 20), "hr@dmart.example"),
    ):
        details = PlacementDetails(
            youth_id=priya.id,
            employer_name="A store",
            contact_email=email,
            job_title="Sales associate",
            start_date=start,
        )
        await services.placements.record(admin, details)

    await open_as(user, "admin@example.org", f"/admin/surveys/{employer.id}/send")
    await user.should_see(marker="send-count")
    assert element(user, "send-audience").value == "employer"  # the employer survey goes to employers
    user.find(marker="send-placements_from").type("2026-11-01")
    user.find(marker="send-count").click()
    await user.should_see("1 match; 1 already have an open invitation; 0 will be invited.")
    assert not element(user, "send-confirm").enabled  # recording the placement queued it already

    await user.open(f"/admin/surveys/{youth.id}/send")
    await user.should_see(marker="send-count")
    choose(user, "send-audience", "employer")
    user.find(marker="send-placements_from").type("2026-12-01")
    user.find(marker="send-placements_to").type("2026-11-01")
    user.find(marker="send-count").click()
    await user.should_see("The end date is before the start date.")
    assert element(user, "send-placements_to").error == "The end date is before the start date."
    user.find(marker="send-placements_from").clear()
    user.find(marker="send-placements_to").clear()
    user.find(marker="send-count").click()
    await user.should_see("2 match; 0 already have an open invitation; 2 will be invited.")
