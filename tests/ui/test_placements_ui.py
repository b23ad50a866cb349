"""Placements on /youth/<id>: the list, and recording one, which queues the feedback surveys."""

from datetime import date

import pytest
from nicegui.testing import User

from mb.bootstrap import Services
from mb.domain.errors import NotFound
from mb.domain.model.flags import Flag
from mb.domain.model.placement import PlacementDetails
from mb.domain.model.roles import Role
from mb.domain.model.user import Actor
from tests.conftest import PASSWORD
from tests.fakes import Store
from tests.ui.programme import MentoredYouth
from tests.ui.screen import open_as

NOT_IN_REACH = "No such youth, or they are not in your caseload."


def fill_in(user: User, employer: str, email: str, job: str, start: str) -> None:
    for marker, text in (
        ("employer_name", employer),
        ("contact_email", email),
        ("job_title", job),
        ("start_date", start),
    ):
        user.find(marker=marker).clear().type(text)
    user.find(marker="save-placement").click()


async def test_a_mentor_records_a_placement_and_the_feedback_surveys_are_queued(
    user: User, services: Services, store: Store, mentored_youth: MentoredYouth
) -> None:
    await services.survey_templates.install_starters()
    await open_as(user, "mentor@example.org", f"/youth/{mentored_youth.id}")
    await user.should_see(marker="placements")
    await user.should_see("No placements recorded yet.")

    user.find(marker="save-placement").click()
    await user.should_see("Enter the date the job starts.")
    fill_in(user, "", "", "", "2026-12-01")
    for message in (
        "Enter the employer's name.",
        "Enter the employer contact's email.",
        "Enter the job title.",
    ):
        await user.should_see(message)
    await user.should_not_see("Enter the date the job starts.")
    fill_in(user, "Sunrise Mart", "hr at sunrise", "Cashier", "2026-12-01")
    await user.should_see("An email address has exactly one @, like name@example.com.")
    assert user.find(marker="employer_name").elements.pop().value == "Sunrise Mart"  # type: ignore[attr-defined]
    assert not store.surveys.placements

    fill_in(user, "Sunrise Mart", "HR@Sunrise.example", "Cashier", "2026-12-01")
    await user.should_see(
        "Placement recorded. Feedback surveys queued: Youth feedback after placement, Employer feedback."
    )
    [placement] = store.surveys.placements.values()
    with user.scope(marker=f"placement-{placement.id}"):
        for shown in ("Sunrise Mart", "hr@sunrise.example", "Cashier", "1 December 2026", "28 November 2026"):
            await user.should_see(shown)
    await user.should_not_see(marker="no-placements")
    assert user.find(marker="employer_name").elements.pop().value == ""  # type: ignore[attr-defined]
    invited = sorted(i.recipient_email for i in store.surveys.invitations.values())
    assert invited == ["hr@sunrise.example", "priya@example.org"]


async def test_with_survey_distribution_off_no_survey_is_queued(
    user: User, services: Services, admin: Actor, store: Store, mentored_youth: MentoredYouth
) -> None:
    await services.survey_templates.install_starters()
    await services.flags.set(admin, Flag.SURVEY_DISTRIBUTION, False)
    await open_as(user, "admin@example.org", f"/youth/{mentored_youth.id}")
    fill_in(user, "Sunrise Mart", "hr@sunrise.example", "Cashier", "2026-12-01")
    await user.should_see(
        "Placement recorded. No feedback surveys were queued: survey distribution is switched off."
    )
    assert len(store.surveys.placements) == 1
    assert not store.surveys.invitations


async def test_a_mentor_cannot_record_a_placement_for_another_mentors_youth(
    user: User, services: Services, admin: Actor, mentored_youth: MentoredYouth
) -> None:
    other = await services.accounts.create_staff(
        admin, "meera@example.org", PASSWORD, Role.MENTOR, "Meera Mentor"
    )
    details = PlacementDetails(
        youth_id=mentored_youth.id,
        employer_name="Sunrise Mart",
        contact_email="hr@sunrise.example",
        job_title="Cashier",
        start_date=date(2026, 12, 1),
    )
    with pytest.raises(NotFound):
        await services.placements.record(Actor.of(other), details)

    await open_as(user, "meera@example.org", f"/youth/{mentored_youth.id}")
    await user.should_see(NOT_IN_REACH)
    await user.should_not_see(marker="placements")


async def test_a_youth_moved_to_another_caseload_meanwhile_is_refused(
    user: User, services: Services, admin: Actor, store: Store, mentored_youth: MentoredYouth
) -> None:
    other = await services.accounts.create_staff(
        admin, "meera@example.org", PASSWORD, Role.MENTOR, "Meera Mentor"
    )
    await open_as(user, "mentor@example.org", f"/youth/{mentored_youth.id}")
    await user.should_see(marker="record-placement")
    store.users[mentored_youth.id].mentor_id = other.id  # while Ravi has the page open
    fill_in(user, "Sunrise Mart", "hr@sunrise.example", "Cashier", "2026-12-01")
    await user.should_see(NOT_IN_REACH)
    assert not store.surveys.placements
