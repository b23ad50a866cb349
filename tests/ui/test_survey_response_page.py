"""/s/<token>: a survey answered through its link, without signing in."""

from collections.abc import Callable
from datetime import date
from typing import Any

import pytest
from nicegui import ui
from nicegui.testing import User
from nicegui.testing.user_interaction import UserInteraction

from mb.bootstrap import Services
from mb.domain.errors import InvalidInput
from mb.domain.model.placement import PlacementDetails
from mb.domain.model.roles import Role
from mb.domain.model.survey import TemplateType
from mb.domain.model.user import Actor
from mb.domain.services.responding import LinkNotUsable
from tests.fakes import FakeBlobStore, FakeClock, Store, fake_services, make_settings
from tests.surveying import send, starting_template, tokens
from tests.ui.screen import choose_language, sign_in, what_the_browser_holds

Register = Callable[..., Any]
NOT_USABLE = LinkNotUsable().message
LONG_TEXT = "x" * 10_000


@pytest.fixture
def services(store: Store, clock: FakeClock, blobs: FakeBlobStore) -> Services:
    """Placement feedback surveys go out the day the job starts."""
    return fake_services(store, clock, blobs, make_settings(mb_placement_survey_delay_days=0))


@pytest.fixture
async def career_link(services: Services, admin: Actor, register: Register, store: Store) -> str:
    """Priya's token for the career interests survey, sent to every youth."""
    await register()
    template = await starting_template(services, admin, TemplateType.CAREER)
    return (await tokens(services, admin, store, await send(services, admin, template)))["priya@example.org"]


def choose(user: User, key: str, label: str) -> None:
    """Pick the option shown as `label` in question `key`, as a tap on it would."""
    UserInteraction(user, user.find(marker=f"survey-answer-{key}").elements, label).click()


def answer_career_survey(user: User, goal: str = "Store manager") -> None:
    user.find(marker="survey-answer-sectors-2").click()  # Retail
    user.find(marker="survey-answer-sectors-5").click()  # Healthcare
    choose(user, "confidence", "4")
    choose(user, "work_mode", "Part time")
    choose(user, "relocate", "Yes")
    user.find(marker="survey-answer-goal").type(goal)


def value_of(user: User, marker: str) -> Any:
    return user.find(marker=marker).elements.pop().value  # type: ignore[attr-defined]


async def test_a_youth_answers_every_kind_of_question_without_signing_in(
    user: User, services: Services, store: Store, career_link: str
) -> None:
    youth_id = next(u.id for u in store.users.values() if u.role is Role.YOUTH)
    assert youth_id is not None
    await user.open(f"/s/{career_link}")
    await user.should_see("Career interests")
    await user.should_see(
        "Tell us what work you would like to do, so we can suggest the right modules and jobs."
    )
    await user.should_see("Please answer by 28 December 2026.")
    await user.should_not_see(marker="survey-anonymous")
    await user.should_not_see(marker="sign-in")
    answer_career_survey(user)
    user.find(marker="submit-survey").click()
    await user.should_see(marker="survey-thanks")
    await user.should_see("Your answers are saved. You can close this page.")
    await user.should_not_see(marker="submit-survey")

    [response] = store.surveys.responses.values()
    assert response.answers == {
        "sectors": ["Retail", "Healthcare"],
        "confidence": 4,
        "work_mode": "Part time",
        "relocate": True,
        "goal": "Store manager",
    }
    youth = Actor(youth_id, Role.YOUTH)
    assert store.users[youth_id].sector_interests == ["Retail", "Healthcare"]
    assert (await services.engagement.achievements(youth, youth_id)).points == 15
    assert await services.responding.pending(youth) == []

    await user.open(f"/s/{career_link}")
    await user.should_see(NOT_USABLE)
    await user.should_not_see(marker="submit-survey")


async def test_the_first_opening_is_recorded_once(
    user: User, store: Store, clock: FakeClock, career_link: str
) -> None:
    [invitation] = store.surveys.invitations.values()
    assert invitation.opened_at is None
    opened = clock.now()
    await user.open(f"/s/{career_link}")
    await user.should_see(marker="submit-survey")
    clock.advance(hours=2)
    await user.open(f"/s/{career_link}")
    await user.should_see(marker="submit-survey")
    assert store.surveys.invitations[invitation.id or 0].opened_at == opened


async def test_missing_answers_are_named_by_their_questions_and_nothing_typed_is_lost(
    user: User, store: Store, career_link: str
) -> None:
    await user.open(f"/s/{career_link}")
    choose(user, "confidence", "2")
    user.find(marker="survey-answer-goal").type("Nurse")
    user.find(marker="submit-survey").click()
    await user.should_see("Some answers need attention: see the messages by the questions.")
    for key in ("sectors", "work_mode", "relocate"):
        with user.scope(marker=f"survey-question-{key}"):
            await user.should_see("Please answer this question.")
    for key in ("confidence", "goal"):
        await user.should_not_see(marker=f"survey-problem-{key}")
    assert value_of(user, "survey-answer-confidence") == 2
    assert value_of(user, "survey-answer-goal") == "Nurse"
    assert not store.surveys.responses

    answer_career_survey(user, goal="")
    user.find(marker="submit-survey").click()
    await user.should_see(marker="survey-thanks")
    [response] = store.surveys.responses.values()
    assert response.answers["goal"] == "Nurse"


async def test_required_questions_are_marked_before_any_answer(user: User, career_link: str) -> None:
    await user.open(f"/s/{career_link}")
    await user.should_see("Questions marked * need an answer.")
    for key in ("sectors", "confidence", "work_mode", "relocate"):
        await user.should_see(marker=f"survey-required-{key}")
        with user.scope(marker=f"survey-question-{key}"):
            await user.should_see("(required)")  # what a screen reader says for the asterisk
    await user.should_not_see(marker="survey-required-goal")
    with user.scope(marker="survey-question-goal"):
        await user.should_see("(optional)")
        await user.should_not_see("(required)")
    choose_language(user, "hi")
    await user.should_see("* वाले प्रश्नों का जवाब देना ज़रूरी है।")


async def test_ratings_and_scales_offer_only_their_range(
    user: User, services: Services, admin: Actor, register: Register, store: Store
) -> None:
    await register()
    template = await starting_template(services, admin, TemplateType.YOUTH_FEEDBACK)
    token = (await tokens(services, admin, store, await send(services, admin, template)))["priya@example.org"]
    await user.open(f"/s/{token}")
    await user.should_see("Your answers are anonymous: nothing links them to you.")
    rating = user.find(marker="survey-answer-satisfaction").elements.pop()
    scale = user.find(marker="survey-answer-recommend").elements.pop()
    assert isinstance(rating, ui.radio) and isinstance(scale, ui.radio)
    assert list(rating.options.values()) == ["1", "2", "3", "4", "5"]  # type: ignore[union-attr]
    assert list(scale.options.values()) == [str(n) for n in range(11)]  # type: ignore[union-attr]
    # Nothing on the page can send a 6; sent anyway, it is refused by its question.
    answers = {"satisfaction": 6, "preparedness": 3, "still_working": "yes", "recommend": 9}
    with pytest.raises(InvalidInput) as refused:
        await services.responding.submit(token, answers)
    assert refused.value.fields == {"satisfaction": "Choose a whole number from 1 to 5."}
    assert not store.surveys.responses


async def test_a_text_answer_over_its_limit_is_refused_and_kept(
    user: User, store: Store, career_link: str
) -> None:
    await user.open(f"/s/{career_link}")
    answer_career_survey(user, goal=LONG_TEXT)
    user.find(marker="submit-survey").click()
    with user.scope(marker="survey-question-goal"):
        await user.should_see("Keep your answer to 500 characters (it has 10000).")
    assert value_of(user, "survey-answer-goal") == LONG_TEXT
    assert value_of(user, "survey-answer-confidence") == 4
    assert not store.surveys.responses


async def test_links_that_cannot_be_used_all_look_the_same(
    user: User, services: Services, admin: Actor, register: Register, store: Store, clock: FakeClock
) -> None:
    await register()
    await register("arjun@example.org", full_name="Arjun Rao")
    template = await starting_template(services, admin, TemplateType.CAREER)
    links = await tokens(services, admin, store, await send(services, admin, template))
    used, open_one = links["priya@example.org"], links["arjun@example.org"]
    answers = {"sectors": ["Retail"], "confidence": 3, "work_mode": "Full time", "relocate": "no"}
    await services.responding.submit(used, answers)
    await user.open("/s/" + "A" * 43)
    await user.should_see(NOT_USABLE)
    unknown = what_the_browser_holds(user)

    async def refused(path: str) -> None:
        await user.open(path)
        await user.should_see(NOT_USABLE)
        await user.should_not_see(marker="submit-survey")
        assert what_the_browser_holds(user) == unknown, path

    for path in (f"/s/{used}", f"/s/{open_one}x", f"/s/x{open_one}", "/s/not-a-token", "/s/%20", "/s/", "/s"):
        await refused(path)
    await user.open(f"/s/{open_one}")
    await user.should_see(marker="submit-survey")  # the link itself still works until it expires
    clock.advance(days=31)
    await refused(f"/s/{open_one}")


async def test_a_double_click_stores_one_response(user: User, store: Store, career_link: str) -> None:
    await user.open(f"/s/{career_link}")
    answer_career_survey(user)
    user.find(marker="submit-survey").click()
    user.find(marker="submit-survey").click()
    await user.should_see(marker="survey-thanks")
    await user.should_not_see(marker="link-not-usable")
    assert len(store.surveys.responses) == 1


async def test_a_second_tab_that_submits_later_sees_the_link_is_used(
    user: User, services: Services, store: Store, career_link: str
) -> None:
    await user.open(f"/s/{career_link}")
    answer_career_survey(user)
    answers = {"sectors": ["IT/ITES"], "confidence": 5, "work_mode": "Full time", "relocate": "yes"}
    await services.responding.submit(career_link, answers)  # the other tab was quicker
    user.find(marker="submit-survey").click()
    await user.should_see(NOT_USABLE)
    await user.should_not_see(marker="survey-answer-goal")
    [response] = store.surveys.responses.values()
    assert response.answers["sectors"] == ["IT/ITES"]


async def test_an_employer_rates_the_youth_placed_with_them(
    user: User, services: Services, admin: Actor, mentor: Actor, register: Register, store: Store
) -> None:
    youth = await register()
    store.users[youth.id].mentor_id = mentor.user_id
    await services.survey_templates.install_starters()
    details = PlacementDetails(
        youth_id=youth.id,
        employer_name="Sunrise Mart",
        contact_email="hr@sunrise.example",
        job_title="Cashier",
        start_date=date(2026, 11, 28),
    )
    _, queued = await services.placements.record(mentor, details)
    assert queued == ["Youth feedback after placement", "Employer feedback"]
    employer = next(
        i for i in store.surveys.invitations.values() if i.recipient_email == "hr@sunrise.example"
    )
    token = (await services.distribution.link_for(admin, employer.id or 0)).rsplit("/s/", 1)[1]
    await user.open(f"/s/{token}")
    await user.should_see("Employer feedback")
    await user.should_see("About: Priya Sharma, Cashier at Sunrise Mart")
    await user.should_not_see(marker="survey-anonymous")
    for key in ("overall", "technical", "communication", "teamwork", "work_ethic"):
        choose(user, key, "5")
    for key in ("punctuality", "reliability", "problem_solving"):
        choose(user, key, "4")
    choose(user, "rehire", "Yes")
    choose(user, "recommend", "10")
    user.find(marker="survey-answer-strengths").type("Friendly with customers")
    user.find(marker="submit-survey").click()
    await user.should_see(marker="survey-thanks")
    [response] = store.surveys.responses.values()
    assert response.answers["recommend"] == 10 and response.answers["rehire"] is True
    assert response.invitation_id == employer.id


async def test_the_survey_page_reads_in_hindi(user: User, career_link: str) -> None:
    await user.open(f"/s/{career_link}")
    await user.should_see(marker="submit-survey")
    choose_language(user, "hi")
    await user.should_see("कृपया 28 दिसंबर 2026 तक जवाब दें।")
    await user.should_see("उत्तर जमा करें")
    user.find(marker="submit-survey").click()
    await user.should_see("कृपया इस प्रश्न का जवाब दें।")


async def test_a_signed_in_youth_answers_from_the_same_link(user: User, career_link: str) -> None:
    await sign_in(user, "priya@example.org")
    await user.should_see(marker="welcome")
    await user.open(f"/s/{career_link}")
    answer_career_survey(user)
    user.find(marker="submit-survey").click()
    await user.should_see(marker="survey-thanks")
