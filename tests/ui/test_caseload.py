"""The caseload, "who needs me today" (flag new_dashboard): a mentor's youth by level and time since
last contact, each with the suggested next action and why; an intervention logged inline."""

from collections.abc import Callable
from typing import Any

import pytest
from nicegui.testing import User

from mb.bootstrap import Services
from mb.domain.model.flags import Flag
from mb.domain.model.intervention import InterventionKind
from mb.domain.model.user import Actor
from tests.fakes import FakeClock
from tests.ui.caseloads import (
    Caseloads,
    caseloads_fixture,  # noqa: F401  (the `caseloads` fixture)
    log_intervention,
)
from tests.ui.screen import open_as, sign_in, texts

Register = Callable[..., Any]
SWITCHED_OFF = (
    "The caseload view is switched off. An admin can switch on “Caseload dashboard” on the system page."
)


@pytest.fixture
async def dashboard_on(services: Services, admin: Actor) -> None:
    await services.flags.set(admin, Flag.NEW_DASHBOARD, True)


async def test_with_the_flag_off_the_caseload_is_not_offered_and_says_it_is_off(
    user: User, caseloads: Caseloads
) -> None:
    await sign_in(user, "mentor@example.org")
    await user.should_see(marker="welcome")
    await user.should_not_see(marker="nav-/caseload")
    await user.open("/caseload")
    await user.should_see(SWITCHED_OFF)
    await user.should_not_see("Priya Sharma")
    await user.should_not_see(marker="caseload")


async def test_a_mentor_sees_who_needs_them_first_with_the_next_action_and_why(
    user: User, caseloads: Caseloads, dashboard_on: None
) -> None:
    await sign_in(user, "mentor@example.org")
    await user.should_see(marker="nav-/caseload")
    user.find(marker="nav-/caseload").click()
    await user.should_see(marker="caseload")
    assert texts(user, "caseload-youth") == ["Priya Sharma", "Arjun Rao", "Sana Khan"]  # never Kabir
    assert texts(user, "caseload-action") == [
        "Next: Call today",
        "Next: Call this week",
        "Next: Keep in touch",
    ]
    assert texts(user, "caseload-why") == [
        "High risk (score 9) and no contact yet.",
        "Inactive for 9 days and no contact yet.",
        "Risk is low (score 0).",
    ]
    assert texts(user, "caseload-inactive") == [
        "Inactive for 20 days",
        "Inactive for 9 days",
        "Inactive for 0 days",
    ]
    assert texts(user, "caseload-contact") == ["Last contact: No contact yet"] * 3
    assert texts(user, "caseload-count") == ["3 youth, the one who needs you most first."]
    with user.scope(marker=f"caseload-{caseloads.priya}"):
        await user.should_see("High · 9")
        await user.should_see("Started modules but completed none after 21 days (+2)")
    await user.should_not_see("Kabir Singh")


async def test_a_contact_logged_inline_moves_the_youth_and_changes_the_suggestion(
    user: User, services: Services, mentor: Actor, caseloads: Caseloads, clock: FakeClock, dashboard_on: None
) -> None:
    # Sana was messaged nine days ago (the 19th): the line says how long before the figures' day.
    clock.advance(days=-9)
    await services.interventions.log_intervention(mentor, caseloads.sana, InterventionKind.MESSAGE, "")
    clock.advance(days=9)
    await open_as(user, "mentor@example.org", "/caseload")
    await user.should_see(marker="caseload")
    assert texts(user, "caseload-contact")[2] == "Last contact: Message, 19 November 2026 (9 days ago)"

    user.find(marker=f"log-intervention-{caseloads.arjun}").click()
    await log_intervention(user, "Message", "Asked him to log in tonight.")
    await user.should_see("Intervention logged for Arjun Rao.")
    await user.should_see("Next: Meet in person")
    # Contacted today: still MEDIUM, so still second, but the next step is to meet him.
    assert texts(user, "caseload-youth") == ["Priya Sharma", "Arjun Rao", "Sana Khan"]
    assert texts(user, "caseload-action")[1] == "Next: Meet in person"
    assert (
        texts(user, "caseload-why")[1] == "Inactive for 9 days; messaged today. Meet if there is no answer."
    )
    assert texts(user, "caseload-contact")[1] == "Last contact: Message, 28 November 2026 (today)"
    (stored,) = await services.interventions.for_youth(mentor, caseloads.arjun)
    assert stored.note == "Asked him to log in tonight."


async def test_meera_sees_only_her_own_youth(user: User, caseloads: Caseloads, dashboard_on: None) -> None:
    await open_as(user, "meera@example.org", "/caseload")
    await user.should_see(marker="caseload")
    assert texts(user, "caseload-youth") == ["Kabir Singh"]
    assert texts(user, "caseload-action") == ["Next: Call today"]


async def test_an_admin_sees_every_mentors_youth(
    user: User, caseloads: Caseloads, dashboard_on: None
) -> None:
    await open_as(user, "admin@example.org", "/caseload")
    await user.should_see(marker="caseload")
    assert texts(user, "caseload-youth") == ["Priya Sharma", "Kabir Singh", "Arjun Rao", "Sana Khan"]


async def test_before_any_features_the_caseload_explains_how_they_appear(
    user: User, mentor: Actor, dashboard_on: None
) -> None:
    await open_as(user, "mentor@example.org", "/caseload")
    await user.should_see(marker="insights-empty")
    await user.should_not_see(marker="caseload")


async def test_a_youth_cannot_open_the_caseload(user: User, caseloads: Caseloads, dashboard_on: None) -> None:
    await open_as(user, "priya@example.org", "/caseload")
    await user.should_see(marker="forbidden")
