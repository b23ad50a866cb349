"""/surveys: the surveys a youth still has to answer, each opening its link."""

from collections.abc import Callable
from typing import Any

from nicegui.testing import User

from mb.bootstrap import Services
from mb.domain.model.survey import TemplateType
from mb.domain.model.user import Actor
from tests.fakes import Store
from tests.surveying import send, starting_template, tokens
from tests.ui.screen import assert_not_offered, open_as, sign_in, texts

Register = Callable[..., Any]
CAREER_ANSWERS = {"sectors": ["Retail"], "confidence": 3, "work_mode": "Full time", "relocate": "no"}


async def sent(services: Services, admin: Actor, store: Store, type_: TemplateType) -> str:
    """Send the starting template of `type_` to every youth; Priya's token."""
    template = await starting_template(services, admin, type_)
    return (await tokens(services, admin, store, await send(services, admin, template)))["priya@example.org"]


async def test_a_youth_sees_the_surveys_still_to_answer_and_opens_one(
    user: User, services: Services, admin: Actor, register: Register, store: Store
) -> None:
    await register()
    career = await sent(services, admin, store, TemplateType.CAREER)
    feedback = await sent(services, admin, store, TemplateType.YOUTH_FEEDBACK)
    await services.responding.submit(career, CAREER_ANSWERS)
    await sign_in(user, "priya@example.org")
    await user.should_see(marker="nav-/surveys")
    user.find(marker="nav-/surveys").click()
    await user.should_see("Your surveys")
    assert texts(user, "pending-name") == ["Youth feedback after placement"]
    await user.should_see("5 questions")
    await user.should_see("Answer by 28 December 2026")
    assert user.find(marker="answer-0").elements.pop().props["href"] == f"/s/{feedback}"
    user.find(marker="answer-0").click()
    await user.should_see(marker="submit-survey")
    await user.should_see("How happy are you with your job?")
    [still_open] = [i for i in store.surveys.invitations.values() if i.completed_at is None]
    assert still_open.opened_at is not None


async def test_a_youth_with_nothing_to_answer_is_told_so(user: User, register: Register) -> None:
    await register()
    await open_as(user, "priya@example.org", "/surveys")
    await user.should_see("No surveys to answer right now. When there is one, it shows here.")
    await user.should_not_see(marker="answer-0")


async def test_another_youths_surveys_are_not_listed(
    user: User, services: Services, admin: Actor, register: Register, store: Store
) -> None:
    await register()
    await sent(services, admin, store, TemplateType.CAREER)
    await register("arjun@example.org", full_name="Arjun Rao")
    await open_as(user, "arjun@example.org", "/surveys")
    await user.should_see(marker="no-surveys")


async def test_the_surveys_page_reads_in_hindi(
    user: User, services: Services, admin: Actor, register: Register, store: Store
) -> None:
    await register()
    await sent(services, admin, store, TemplateType.CAREER)
    await open_as(user, "priya@example.org", "/surveys", language="hi")
    await user.should_see("आपके सर्वे")
    await user.should_see("5 प्रश्न")
    await user.should_see("28 दिसंबर 2026 तक जवाब दें")
    await user.should_see("अभी जवाब दें")


async def test_staff_are_not_offered_the_surveys_page(user: User, admin: Actor) -> None:
    await assert_not_offered(user, "admin@example.org", "/surveys")
