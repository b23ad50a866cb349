"""Answering through a link on fakes: once, checked, anonymous where the template says so."""

import asyncio

import pytest

from mb.bootstrap import Services
from mb.domain.errors import InvalidInput, PermissionDenied
from mb.domain.model.activity import ActivityKind
from mb.domain.model.survey import TemplateType
from mb.domain.model.user import Actor
from mb.domain.services.responding import LinkNotUsable
from tests.fakes import FakeClock, Store
from tests.surveying import send, starting_template, tokens

CAREER_ANSWERS = {
    "sectors": ["Retail", "Healthcare"],
    "confidence": "4",
    "work_mode": "Full time",
    "relocate": "yes",
}
FEEDBACK_ANSWERS = {
    "satisfaction": 5,
    "preparedness": 4,
    "still_working": True,
    "recommend": 9,
    "useful": "Mock interviews",
}


@pytest.fixture
async def priya(register: object) -> Actor:
    return Actor.of(await register("priya@example.org", region="MH"))  # type: ignore[operator]


async def a_link(services: Services, admin: Actor, store: Store, type_: TemplateType) -> str:
    template = await starting_template(services, admin, type_)
    distribution = await send(services, admin, template)
    return (await tokens(services, admin, store, distribution))["priya@example.org"]


async def test_the_form_shows_the_questions_and_the_first_opening_is_recorded(
    services: Services, admin: Actor, priya: Actor, store: Store, clock: FakeClock
) -> None:
    token = await a_link(services, admin, store, TemplateType.CAREER)
    opened_at = clock.now()

    form = await services.responding.open(token)
    clock.advance(hours=2)
    await services.responding.open(token)

    assert form.template_name == "Career interests"
    assert [q.key for q in form.questions][:2] == ["sectors", "confidence"]
    (invitation,) = store.surveys.invitations.values()
    assert invitation.opened_at == opened_at


async def test_answers_are_stored_once_and_the_youth_earns_points_and_new_interests(
    services: Services, admin: Actor, priya: Actor, store: Store
) -> None:
    token = await a_link(services, admin, store, TemplateType.CAREER)

    await services.responding.submit(token, CAREER_ANSWERS)

    (response,) = store.surveys.responses.values()
    assert response.answers["confidence"] == 4 and response.invitation_id is not None
    assert store.users[priya.user_id].sector_interests == ["Retail", "Healthcare"]
    assert [e.kind for e in store.activity if e.user_id == priya.user_id][-1] is ActivityKind.SURVEY_RESPONSE
    assert sum(e.amount for e in store.engagement.ledger if e.user_id == priya.user_id) == 15
    with pytest.raises(LinkNotUsable):
        await services.responding.submit(token, CAREER_ANSWERS)
    with pytest.raises(LinkNotUsable):
        await services.responding.open(token)


async def test_bad_answers_are_refused_by_question_and_change_nothing(
    services: Services, admin: Actor, priya: Actor, store: Store
) -> None:
    token = await a_link(services, admin, store, TemplateType.CAREER)

    with pytest.raises(InvalidInput) as refused:
        await services.responding.submit(token, {**CAREER_ANSWERS, "confidence": 6, "relocate": ""})

    assert set(refused.value.fields) == {"confidence", "relocate"}
    assert store.surveys.responses == {}
    assert all(i.completed_at is None for i in store.surveys.invitations.values())
    await services.responding.submit(token, CAREER_ANSWERS)  # the link still works


async def test_unknown_expired_used_and_altered_links_all_get_the_same_words(
    services: Services, admin: Actor, priya: Actor, store: Store, clock: FakeClock
) -> None:
    token = await a_link(services, admin, store, TemplateType.CAREER)
    messages = set()
    for bad in ["nonsense", token + "x", token[:-1] + ("A" if token[-1] != "A" else "B"), ""]:
        with pytest.raises(LinkNotUsable) as refused:
            await services.responding.open(bad)
        messages.add(refused.value.message)
    clock.advance(days=30)
    with pytest.raises(LinkNotUsable) as expired:
        await services.responding.submit(token, CAREER_ANSWERS)
    messages.add(expired.value.message)
    assert len(messages) == 1


async def test_two_submissions_at_the_same_moment_store_one_response(
    services: Services, admin: Actor, priya: Actor, store: Store
) -> None:
    token = await a_link(services, admin, store, TemplateType.CAREER)

    outcomes = await asyncio.gather(
        *(services.responding.submit(token, CAREER_ANSWERS) for _ in range(2)), return_exceptions=True
    )

    assert sum(o is None for o in outcomes) == 1
    assert sum(isinstance(o, LinkNotUsable) for o in outcomes) == 1
    assert len(store.surveys.responses) == 1


async def test_an_anonymous_answer_carries_nothing_that_leads_back_to_the_person(
    services: Services, admin: Actor, priya: Actor, store: Store, clock: FakeClock
) -> None:
    token = await a_link(services, admin, store, TemplateType.YOUTH_FEEDBACK)
    clock.advance(hours=3, minutes=17)

    await services.responding.open(token)
    await services.responding.submit(token, FEEDBACK_ANSWERS)

    (response,) = store.surveys.responses.values()
    assert (response.invitation_id, response.submitted_at) == (None, None)
    (invitation,) = store.surveys.invitations.values()
    assert invitation.completed_at is not None and invitation.opened_at is not None
    midnight_in_india = (18, 30)  # the day only: its first moment in the programme's time zone, in UTC
    assert (invitation.completed_at.hour, invitation.completed_at.minute) == midnight_in_india
    assert (invitation.opened_at.hour, invitation.opened_at.minute) == midnight_in_india
    assert store.users[priya.user_id].sector_interests == []  # never fed from anonymous answers
    (event,) = [e for e in store.activity if e.kind is ActivityKind.SURVEY_RESPONSE]
    assert (event.user_id, event.at) == (priya.user_id, invitation.completed_at)  # the day, not the time
    distribution_id = invitation.distribution_id
    (row,) = await services.distribution.invitations(admin, distribution_id)
    assert (row.opened, row.completed, row.opened_at, row.completed_at) == (None, None, None, None)
    assert row.reminders_sent is None  # reminders go only to those yet to answer: a count would tell
    assert "/s/" in await services.distribution.link_for(admin, invitation.id or 0)  # says nothing either
    exported = (await services.survey_results.export_csv(admin, distribution_id)).decode("utf-8-sig")
    assert "priya" not in exported.lower() and "Priya" not in exported
    assert exported.splitlines()[0].startswith("response,satisfaction")


async def test_a_youth_sees_their_own_open_surveys_with_links(
    services: Services, admin: Actor, priya: Actor, store: Store
) -> None:
    token = await a_link(services, admin, store, TemplateType.CAREER)

    (pending,) = await services.responding.pending(priya)
    assert (pending.template_name, pending.link_token, pending.question_count) == (
        "Career interests",
        token,
        5,
    )

    await services.responding.submit(token, CAREER_ANSWERS)
    assert await services.responding.pending(priya) == []
    with pytest.raises(PermissionDenied):
        await services.responding.pending(admin)
