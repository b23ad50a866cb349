"""Distributing surveys on fakes: who is invited, once; links; reminders; the flag."""

from datetime import date, timedelta

import pytest

from mb.bootstrap import Services
from mb.domain.errors import FeatureDisabled, InvalidInput, PermissionDenied
from mb.domain.model.flags import Flag
from mb.domain.model.invitation import Audience
from mb.domain.model.mail import OutboxKind
from mb.domain.model.placement import PlacementDetails
from mb.domain.model.survey import TemplateType
from mb.domain.model.survey_views import RecipientChoice
from mb.domain.model.user import Actor
from mb.domain.rules.survey_tokens import token_hash
from tests.fakes import FakeClock, Store
from tests.surveying import EVERYONE, send, starting_template, tokens

IN_MH = RecipientChoice(Audience.YOUTH, youth_region="MH")


@pytest.fixture
async def youth(register: object) -> list[int]:
    people = [
        await register("priya@example.org", region="MH"),  # type: ignore[operator]
        await register("arjun@example.org", region="MH"),  # type: ignore[operator]
        await register("kavya@example.org", region="KA"),  # type: ignore[operator]
    ]
    return [p.id for p in people]


async def test_the_count_shows_who_matches_and_who_is_already_invited(
    services: Services, admin: Actor, youth: list[int]
) -> None:
    career = await starting_template(services, admin, TemplateType.CAREER)
    assert career.id is not None
    preview = await services.distribution.preview(admin, career.id, IN_MH)
    assert (preview.matching, preview.already_invited, preview.to_invite) == (2, 0, 2)

    await send(services, admin, career, IN_MH)

    preview = await services.distribution.preview(admin, career.id, EVERYONE)
    assert (preview.matching, preview.already_invited, preview.to_invite) == (3, 2, 1)
    _, invited = await services.distribution.distribute(admin, career.id, EVERYONE)
    assert invited == 1  # nobody is invited twice
    with pytest.raises(InvalidInput, match="Nobody to invite"):
        await send(services, admin, career, EVERYONE)


async def test_each_invitation_has_its_own_link_whose_token_is_never_stored(
    services: Services, admin: Actor, youth: list[int], store: Store, clock: FakeClock
) -> None:
    career = await starting_template(services, admin, TemplateType.CAREER)
    distribution = await send(services, admin, career, IN_MH)

    links = await tokens(services, admin, store, distribution)

    assert len(set(links.values())) == 2
    invitations = {i.recipient_email: i for i in store.surveys.invitations.values()}
    for email, token in links.items():
        invitation = invitations[email]
        assert invitation.token_hash == token_hash(token)
        assert token not in repr(invitation)  # neither the token nor anything that is it
        assert invitation.expires_at == clock.now() + timedelta(days=30)
    assert sorted(m.kind for m in store.surveys.outbox.values()) == [OutboxKind.INVITATION] * 2
    assert store.audit[-1].action == "survey.link_copied"


async def test_employers_of_placements_in_a_date_range_are_invited_once_each(
    services: Services, admin: Actor, youth: list[int], store: Store
) -> None:
    await services.flags.set(admin, Flag.SURVEY_DISTRIBUTION, False)  # no automatic follow-ups here
    for n, start in enumerate([date(2026, 10, 1), date(2026, 11, 1), date(2026, 11, 20)]):
        details = PlacementDetails(
            youth_id=youth[n],
            employer_name=f"Shop {n}",
            contact_email=f"boss{n}@shop.in",
            job_title="Cashier",
            start_date=start,
        )
        await services.placements.record(admin, details)
    await services.flags.set(admin, Flag.SURVEY_DISTRIBUTION, True)
    employer = await starting_template(services, admin, TemplateType.EMPLOYER_FEEDBACK)
    november = RecipientChoice(
        Audience.EMPLOYER, placements_from=date(2026, 11, 1), placements_to=date(2026, 11, 30)
    )

    distribution = await send(services, admin, employer, november)

    emails = sorted(
        i.recipient_email for i in store.surveys.invitations.values() if i.distribution_id == distribution.id
    )
    assert emails == ["boss1@shop.in", "boss2@shop.in"]
    backwards = RecipientChoice(
        Audience.EMPLOYER, placements_from=date(2026, 11, 30), placements_to=date(2026, 11, 1)
    )
    with pytest.raises(InvalidInput) as refused:
        await services.distribution.preview(admin, employer.id or 0, backwards)
    assert "placements_to" in refused.value.fields


async def test_only_admins_distribute_and_not_while_the_flag_is_off(
    services: Services, admin: Actor, mentor: Actor, youth: list[int]
) -> None:
    career = await starting_template(services, admin, TemplateType.CAREER)
    with pytest.raises(PermissionDenied):
        await services.distribution.distribute(mentor, career.id or 0, EVERYONE)
    await services.flags.set(admin, Flag.SURVEY_DISTRIBUTION, False)
    with pytest.raises(FeatureDisabled):
        await services.distribution.distribute(admin, career.id or 0, EVERYONE)
    assert await services.distribution.remind(None) == 0  # the daily run pauses quietly


async def test_reminders_go_to_those_who_have_not_answered_after_the_wait_at_most_twice(
    services: Services, admin: Actor, youth: list[int], store: Store, clock: FakeClock
) -> None:
    career = await starting_template(services, admin, TemplateType.CAREER)
    distribution = await send(services, admin, career, IN_MH)
    await services.mail_delivery.deliver_due()
    links = await tokens(services, admin, store, distribution)
    await services.responding.submit(
        links["priya@example.org"],
        {"sectors": ["Retail"], "confidence": 3, "work_mode": "Part time", "relocate": "no"},
    )

    assert await services.distribution.remind(None) == 0  # not 7 days yet
    clock.advance(days=7, minutes=1)
    assert await services.distribution.remind(None) == 1  # arjun; priya answered
    assert await services.distribution.remind(None) == 0  # just reminded
    clock.advance(days=7, minutes=1)
    assert await services.distribution.remind(None) == 1
    clock.advance(days=7, minutes=1)
    assert await services.distribution.remind(None) == 0  # at most two
    reminders = [m for m in store.surveys.outbox.values() if m.kind is OutboxKind.REMINDER]
    assert len(reminders) == 2


async def test_a_reminder_by_hand_waits_only_a_day_and_never_reaches_an_expired_link(
    services: Services, admin: Actor, youth: list[int], store: Store, clock: FakeClock
) -> None:
    career = await starting_template(services, admin, TemplateType.CAREER)
    distribution = await send(services, admin, career, IN_MH)
    await services.mail_delivery.deliver_due()
    assert distribution.id is not None
    assert await services.distribution.remind(admin, distribution.id) == 0
    clock.advance(days=1, minutes=1)
    assert await services.distribution.remind(admin, distribution.id) == 2
    assert store.audit[-1].action == "survey.reminded"
    clock.advance(days=31)
    assert await services.distribution.remind(admin, distribution.id) == 0


async def test_an_answered_or_expired_invitation_has_no_link_to_copy(
    services: Services, admin: Actor, youth: list[int], store: Store, clock: FakeClock
) -> None:
    career = await starting_template(services, admin, TemplateType.CAREER)
    await send(services, admin, career, IN_MH)
    invitation_id = next(iter(store.surveys.invitations))
    clock.advance(days=30)
    with pytest.raises(InvalidInput, match="does not work now"):
        await services.distribution.link_for(admin, invitation_id)


async def test_clean_up_retires_expired_links_and_old_delivered_mail(
    services: Services, admin: Actor, youth: list[int], store: Store, clock: FakeClock
) -> None:
    career = await starting_template(services, admin, TemplateType.CAREER)
    await send(services, admin, career, IN_MH)
    await services.mail_delivery.deliver_due()
    assert await services.distribution.clean_up(keep_sent_days=30) == (0, 0)
    clock.advance(days=31)
    assert await services.distribution.clean_up(keep_sent_days=30) == (2, 2)
    assert all(i.token_hash is None and i.token_seed is None for i in store.surveys.invitations.values())
    assert store.surveys.outbox == {}


async def test_the_recipients_list_says_whose_link_can_be_copied_now(
    services: Services, admin: Actor, youth: list[int], store: Store, clock: FakeClock
) -> None:
    await services.survey_templates.install_starters()
    details = PlacementDetails(
        youth_id=youth[0],
        employer_name="Shop",
        contact_email="boss@shop.in",
        job_title="Cashier",
        start_date=date(2026, 11, 27),
    )
    await services.placements.record(admin, details)  # its surveys go 30 days after the start
    career = await starting_template(services, admin, TemplateType.CAREER)
    sent = await send(services, admin, career, IN_MH)
    await services.mail_delivery.deliver_due()
    waiting = next(d for d in store.surveys.distributions.values() if d.automatic)

    assert {r.link_usable for r in await services.distribution.invitations(admin, sent.id or 0)} == {True}
    assert {r.link_usable for r in await services.distribution.invitations(admin, waiting.id or 0)} == {False}
    (not_yet,) = [i for i in store.surveys.invitations.values() if i.distribution_id == waiting.id][:1]
    with pytest.raises(InvalidInput, match="not sent yet"):
        await services.distribution.link_for(admin, not_yet.id or 0)
