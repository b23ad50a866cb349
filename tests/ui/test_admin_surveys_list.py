"""/admin/surveys: the templates in their current version and every sending, for admins only."""

from collections.abc import Callable
from typing import Any

from nicegui import ui
from nicegui.testing import User

from mb.bootstrap import Services
from mb.domain.model.flags import Flag
from mb.domain.model.invitation import Audience, Distribution
from mb.domain.model.survey import SurveyTemplate, TemplateType
from mb.domain.model.survey_views import RecipientChoice
from mb.domain.model.user import Actor
from tests.fakes import FakeClock, Store
from tests.ui.screen import assert_not_offered, open_as, sign_in

Register = Callable[..., Any]
CAREER_ANSWERS = {"sectors": ["Retail"], "confidence": 4, "work_mode": "Full time", "relocate": True}


async def starters(services: Services, admin: Actor) -> dict[TemplateType, SurveyTemplate]:
    """The three starting templates, by type."""
    await services.survey_templates.install_starters()
    return {x.template.type: x.template for x in await services.survey_templates.templates(admin)}


async def send_to_youth(
    services: Services, admin: Actor, template: SurveyTemplate, **choice: Any
) -> Distribution:
    """Send `template` to the youth `choice` picks and deliver the mail."""
    assert template.id is not None
    distribution, _ = await services.distribution.distribute(
        admin, template.id, RecipientChoice(Audience.YOUTH, **choice)
    )
    await services.mail_delivery.deliver_due()
    return distribution


async def answer(
    services: Services, admin: Actor, distribution: Distribution, email: str, answers: dict[str, Any]
) -> None:
    """`email` opens their link and answers."""
    assert distribution.id is not None
    rows = await services.distribution.invitations(admin, distribution.id)
    (row,) = [r for r in rows if r.email == email]
    token = (await services.distribution.link_for(admin, row.invitation_id)).rsplit("/", 1)[1]
    await services.responding.open(token)
    await services.responding.submit(token, answers)


async def answered_career(
    services: Services, admin: Actor, register: Register
) -> tuple[SurveyTemplate, Distribution]:
    """The career survey sent to Priya and every youth registered before, and Priya's answers."""
    career = (await starters(services, admin))[TemplateType.CAREER]
    await register("priya@example.org")
    distribution = await send_to_youth(services, admin, career)
    await answer(services, admin, distribution, "priya@example.org", CAREER_ANSWERS)
    return career, distribution


def row_texts(user: User, marker: str) -> list[str]:
    """The words in every cell of the table row with `marker`, in order."""
    (row,) = user.find(marker=marker).elements
    return [e.text for e in row.descendants() if isinstance(e, ui.label | ui.link)]


async def test_the_list_shows_the_starting_templates_and_what_each_sending_brought(
    user: User, services: Services, admin: Actor, register: Register
) -> None:
    await register("arjun@example.org", full_name="Arjun Rao", region="DL")
    career, distribution = await answered_career(services, admin, register)
    surveys = await starters(services, admin)

    await sign_in(user, "admin@example.org")
    await user.should_see(marker="nav-/admin/surveys")
    user.find(marker="nav-/admin/surveys").click()
    await user.should_see(marker="survey-templates")
    assert row_texts(user, f"template-{career.id}") == [
        "Career interests",
        "Career interests",
        "1",
        "5",
        "No",
        "1",
    ]
    youth = surveys[TemplateType.YOUTH_FEEDBACK]
    assert row_texts(user, f"template-{youth.id}") == [
        "Youth feedback after placement",
        "Youth feedback",
        "1",
        "5",
        "Yes",
        "0",
    ]
    employer = surveys[TemplateType.EMPLOYER_FEEDBACK]
    assert row_texts(user, f"template-{employer.id}")[:4] == [
        "Employer feedback",
        "Employer feedback",
        "1",
        "12",
    ]
    await user.should_see(marker=f"send-{career.id}")

    cells = row_texts(user, f"distribution-{distribution.id}")
    assert cells[0] == "Career interests (version 1)"
    assert cells[1] == "All youth"
    assert cells[3:] == ["2", "2", "0", "1", "1", "50.0 %"]  # invited, sent, failed, opened, completed
    user.find(marker=f"results-{distribution.id}").click()
    await user.should_see(marker="results-heading")


async def test_distributions_are_listed_newest_first_twenty_at_a_time(
    user: User, services: Services, admin: Actor, register: Register, clock: FakeClock
) -> None:
    career = (await starters(services, admin))[TemplateType.CAREER]
    await register("priya@example.org")
    sent = []
    for _ in range(21):
        sent.append(await send_to_youth(services, admin, career))
        clock.advance(days=31)  # the last invitation expired: she can be asked again
    await open_as(user, "admin@example.org", "/admin/surveys")
    await user.should_see("1–20 of 21")
    await user.should_see(marker=f"distribution-{sent[-1].id}")
    await user.should_not_see(marker=f"distribution-{sent[0].id}")
    user.find(marker="distributions-next").click()
    await user.should_see("21–21 of 21")
    await user.should_see(marker=f"distribution-{sent[0].id}")


async def test_switching_a_template_off_hides_send_and_is_audited(
    user: User, services: Services, admin: Actor, store: Store
) -> None:
    career = (await starters(services, admin))[TemplateType.CAREER]
    await open_as(user, "admin@example.org", "/admin/surveys")
    await user.should_see(marker=f"send-{career.id}")
    user.find(marker=f"active-{career.id}").click()
    await user.should_see("Switched off: it cannot be sent until switched on.")
    await user.should_not_see(marker=f"send-{career.id}")
    assert store.surveys.templates[career.id or 0].active is False
    assert store.audit[-1].action == "survey_template.deactivated"

    user.find(marker=f"active-{career.id}").click()
    await user.should_see(marker=f"send-{career.id}")
    assert store.surveys.templates[career.id or 0].active is True


async def test_with_distribution_switched_off_nothing_offers_to_send(
    user: User, services: Services, admin: Actor, register: Register
) -> None:
    career = (await starters(services, admin))[TemplateType.CAREER]
    await register("priya@example.org")
    distribution = await send_to_youth(services, admin, career)
    await services.flags.set(admin, Flag.SURVEY_DISTRIBUTION, False)

    await open_as(user, "admin@example.org", "/admin/surveys")
    await user.should_see(marker="distribution-off")
    await user.should_see(marker=f"edit-{career.id}")
    await user.should_not_see(marker=f"send-{career.id}")
    await user.open(f"/admin/surveys/{career.id}/send")
    await user.should_see(marker="distribution-off")
    await user.should_not_see(marker="send-count")
    await user.open(f"/admin/surveys/results/{distribution.id}")
    await user.should_see(marker="counts")
    await user.should_see(marker="distribution-off")
    await user.should_not_see(marker="remind")


async def test_the_survey_pages_are_for_admins_only(user: User, services: Services, mentor: Actor) -> None:
    await services.survey_templates.install_starters()
    await assert_not_offered(user, "mentor@example.org", "/admin/surveys")
    for path in (
        "/admin/surveys/new",
        "/admin/surveys/1",
        "/admin/surveys/1/send",
        "/admin/surveys/results/1",
    ):
        await user.open(path)
        await user.should_see(marker="forbidden")


async def test_an_unknown_survey_gets_a_message(user: User, admin: Actor) -> None:
    await open_as(user, "admin@example.org", "/admin/surveys/99")
    await user.should_see("No such survey.")
    await user.open("/admin/surveys/results/abc")
    await user.should_see("No such distribution.")
