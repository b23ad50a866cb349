"""What the invitation repository and the mail outbox must do in memory, on SQLite and on
PostgreSQL — and, on the real databases, that two submissions or two senders at once never get
the same thing."""

import asyncio
import time
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta

import pytest

from mb.domain.errors import Conflict
from mb.domain.model.invitation import (
    Audience,
    Delivery,
    DeliveryStatus,
    Distribution,
    Invitation,
    SurveyResponse,
)
from mb.domain.model.mail import OutboxKind, OutboxMessage, OutboxStatus
from mb.domain.model.roles import Role
from mb.domain.model.survey import SurveyTemplate, TemplateType
from mb.domain.model.youth_filter import YouthFilter
from tests.contract.survey_builders import (
    SENT,
    T0,
    TWO_WEEKS,
    UowFactory,
    a_distribution,
    a_message,
    a_placement,
    a_template,
    an_invitation,
    distributions,
    invite,
    placements,
    templates,
)
from tests.contract.test_engagement_repositories import a_user, people

NOW = T0 + timedelta(days=7)


async def a_survey(
    uow_factory: UowFactory, audience: Audience = Audience.YOUTH, template: SurveyTemplate | None = None
) -> Distribution:
    """A distribution of a new template (or of `template`)."""
    if template is None:
        (template,) = await templates(uow_factory, a_template())
    distribution = a_distribution(template.id or 0, audience)
    await distributions(uow_factory, distribution)
    return distribution


async def invitations(uow_factory: UowFactory, *ids: int) -> list[Invitation]:
    async with uow_factory() as uow:
        found = await uow.invitations.get_many(ids)
    return [found[i] for i in ids]


# Storing and finding


async def test_invitations_come_back_whole_with_their_ids_in_the_order_given(uow_factory: UowFactory) -> None:
    priya, ravi = await people(uow_factory, a_user("priya@example.org"), a_user("ravi@example.org"))
    youth = await a_survey(uow_factory)
    (start,) = await placements(uow_factory, a_placement(ravi, date(2026, 12, 1)))
    employers = await a_survey(uow_factory, Audience.EMPLOYER)
    given = [
        an_invitation(youth, "priya@example.org", youth_id=priya),
        an_invitation(
            employers,
            "hr@employer.example",
            youth_id=ravi,
            placement_id=start,
            send_after=T0 + timedelta(days=30),
            sent_at=T0 + timedelta(days=30, minutes=1),
            opened_at=T0 + timedelta(days=31),
            completed_at=T0 + timedelta(days=31, minutes=5),
            reminders_sent=2,
            last_reminded_at=T0 + timedelta(days=35),
            delivery=SENT,
            failure_reason="",
        ),
        an_invitation(
            youth, "ravi@example.org", youth_id=ravi, delivery=DeliveryStatus.FAILED, failure_reason="नहीं"
        ),
    ]

    ids = await invite(uow_factory, *given)

    assert ids == [i.id for i in given] and len(set(ids)) == 3
    async with uow_factory() as uow:
        assert [await uow.invitations.get(i) for i in ids] == given
        assert await uow.invitations.get_many([ids[2], 98765, ids[0], ids[2]]) == {
            ids[0]: given[0],
            ids[2]: given[2],
        }
        assert await uow.invitations.get_many([]) == {}
        assert await uow.invitations.by_token_hash("hash-ravi@example.org") == given[2]
        assert await uow.invitations.by_token_hash("hash-nobody") is None
        assert await uow.invitations.get(98765) is None
        found = await uow.invitations.get(ids[1])
    assert found is not None and found.completed_at is not None and found.completed_at.tzinfo is not None
    assert found.completed_at.utcoffset() == timedelta(0)


async def test_five_thousand_invitations_are_stored_at_once_quickly_with_their_ids_in_order(
    uow_factory: UowFactory,
) -> None:
    youth = await a_survey(uow_factory)
    many = [an_invitation(youth, f"youth{n:04}@example.org") for n in range(5000)]

    started = time.perf_counter()
    ids = await invite(uow_factory, *many)
    took = time.perf_counter() - started

    assert took < 5.0, f"storing 5,000 invitations took {took:.1f} s"
    assert len(ids) == 5000 and ids == sorted(ids) and len(set(ids)) == 5000
    async with uow_factory() as uow:
        found = await uow.invitations.get_many(ids)
        page = await uow.invitations.for_distribution(youth.id or 0, 4998, 10)
    assert all(found[i].recipient_email == f"youth{n:04}@example.org" for n, i in enumerate(ids))
    assert [i.recipient_email for i in page] == ["youth4998@example.org", "youth4999@example.org"]


async def test_a_token_hash_belongs_to_one_invitation(uow_factory: UowFactory) -> None:
    youth = await a_survey(uow_factory)
    await invite(uow_factory, an_invitation(youth, "priya@example.org"))

    with pytest.raises(Conflict):
        async with uow_factory() as uow:
            await uow.invitations.add_many(
                [an_invitation(youth, "ravi@example.org", token_hash="hash-priya@example.org")]
            )
            await uow.commit()
    async with uow_factory() as uow:
        assert len(await uow.invitations.for_distribution(youth.id or 0, 0, 10)) == 1


async def test_a_distributions_invitations_list_in_the_order_stored_and_page(uow_factory: UowFactory) -> None:
    one, two = await a_survey(uow_factory), await a_survey(uow_factory)
    ids = await invite(
        uow_factory,
        an_invitation(one, "a@example.org"),
        an_invitation(two, "b@example.org"),
        an_invitation(one, "c@example.org"),
        an_invitation(one, "d@example.org"),
    )

    async with uow_factory() as uow:
        assert [i.id for i in await uow.invitations.for_distribution(one.id or 0, 0, 10)] == [
            ids[0],
            ids[2],
            ids[3],
        ]
        assert [i.id for i in await uow.invitations.for_distribution(one.id or 0, 1, 1)] == [ids[2]]
        assert await uow.invitations.for_distribution(98765, 0, 10) == []


# What happens to one invitation


async def test_opening_records_the_first_time_only(uow_factory: UowFactory) -> None:
    youth = await a_survey(uow_factory)
    (invitation_id,) = await invite(uow_factory, an_invitation(youth, "priya@example.org"))

    async with uow_factory() as uow:
        await uow.invitations.mark_opened(invitation_id, T0 + timedelta(hours=1))
        await uow.invitations.mark_opened(invitation_id, T0 + timedelta(hours=2))
        await uow.invitations.mark_opened(98765, T0)
        found = await uow.invitations.get(invitation_id)  # the same unit of work sees its write
        await uow.commit()

    assert found is not None and found.opened_at == T0 + timedelta(hours=1)
    (stored,) = await invitations(uow_factory, invitation_id)
    assert stored.opened_at == T0 + timedelta(hours=1)


async def test_an_invitation_is_completed_once(uow_factory: UowFactory) -> None:
    youth = await a_survey(uow_factory)
    (invitation_id,) = await invite(uow_factory, an_invitation(youth, "priya@example.org"))

    async with uow_factory() as uow:
        before = await uow.invitations.get(invitation_id)
        first = await uow.invitations.complete(invitation_id, T0 + timedelta(hours=1))
        after = await uow.invitations.get(invitation_id)
        await uow.commit()
    async with uow_factory() as uow:
        again = await uow.invitations.complete(invitation_id, T0 + timedelta(hours=2))
        unknown = await uow.invitations.complete(98765, T0)
        await uow.commit()

    assert before is not None and before.completed_at is None
    assert after is not None and after.completed_at == T0 + timedelta(hours=1)
    assert (first, again, unknown) == (True, False, False)
    (stored,) = await invitations(uow_factory, invitation_id)
    assert stored.completed_at == T0 + timedelta(hours=1)


async def test_delivery_and_reminders_are_recorded_and_a_failure_keeps_when_it_was_sent(
    uow_factory: UowFactory,
) -> None:
    youth = await a_survey(uow_factory)
    first, second = await invite(
        uow_factory, an_invitation(youth, "priya@example.org"), an_invitation(youth, "ravi@example.org")
    )

    async with uow_factory() as uow:
        await uow.invitations.record_delivery(first, DeliveryStatus.SENT, "", T0 + timedelta(minutes=1))
        await uow.invitations.record_delivery(second, DeliveryStatus.FAILED, "x" * 600, None)
        assert await uow.invitations.record_reminder(first, 0, T0 + timedelta(days=3))
        assert not await uow.invitations.record_reminder(
            first, 0, T0 + timedelta(days=4)
        )  # another replica's
        assert await uow.invitations.record_reminder(first, 1, T0 + timedelta(days=6))
        await uow.commit()
    sent, failed = await invitations(uow_factory, first, second)

    assert (sent.delivery, sent.sent_at, sent.failure_reason) == (SENT, T0 + timedelta(minutes=1), "")
    assert (sent.reminders_sent, sent.last_reminded_at) == (2, T0 + timedelta(days=6))
    assert (failed.delivery, failed.sent_at, failed.failure_reason) == (
        DeliveryStatus.FAILED,
        None,
        "x" * 500,
    )
    assert (failed.reminders_sent, failed.last_reminded_at) == (0, None)

    async with uow_factory() as uow:
        await uow.invitations.record_delivery(first, DeliveryStatus.FAILED, "mailbox full", None)
        await uow.commit()
    (reminder_failed,) = await invitations(uow_factory, first)
    assert (reminder_failed.delivery, reminder_failed.sent_at) == (
        DeliveryStatus.FAILED,
        T0 + timedelta(minutes=1),
    )
    assert reminder_failed.failure_reason == "mailbox full"


# Who a distribution reaches


async def test_youth_recipients_are_the_active_youth_matching_by_id_with_their_open_invitations(
    uow_factory: UowFactory,
) -> None:
    asha, priya, ravi, sunita, gone, mentor, other_region = await people(
        uow_factory,
        a_user("asha@example.org", region="MH", full_name="Asha Patil"),
        a_user("priya@example.org", region="MH", full_name="प्रिया शर्मा"),
        a_user("ravi@example.org", region="MH"),
        a_user("sunita@example.org", region="MH"),
        a_user("gone@example.org", region="MH", is_active=False),
        a_user("mentor@example.org", Role.MENTOR, region="MH"),
        a_user("kiran@example.org", region="DL"),
    )
    (first,) = await templates(uow_factory, a_template())
    second, unrelated = await templates(
        uow_factory, a_template(family_id=first.family_id, version=2), a_template("Unrelated")
    )
    old_round, new_round, elsewhere = (
        await a_survey(uow_factory, template=first),
        await a_survey(uow_factory, template=second),
        await a_survey(uow_factory, template=unrelated),
    )
    employers = await a_survey(uow_factory, Audience.EMPLOYER, template=second)
    await invite(
        uow_factory,
        # Priya holds an open invitation to the first version: invited, for the second too.
        an_invitation(old_round, "priya@example.org", youth_id=priya),
        # Ravi answered his, Sunita's expired: both may be asked again.
        an_invitation(new_round, "ravi@example.org", youth_id=ravi, completed_at=T0 + timedelta(days=1)),
        an_invitation(new_round, "sunita@example.org", youth_id=sunita, expires_at=NOW),
        # Asha's open invitations are to another template, or to employers about her.
        an_invitation(elsewhere, "asha@example.org", youth_id=asha),
        an_invitation(employers, "hr@employer.example", youth_id=asha),
    )

    async with uow_factory() as uow:
        found = await uow.invitations.youth_recipients(YouthFilter(region="MH"), first.family_id or 0, NOW)
        nobody = await uow.invitations.youth_recipients(YouthFilter(user_ids=()), first.family_id or 0, NOW)
        other_family = await uow.invitations.youth_recipients(
            YouthFilter(region="MH"), unrelated.family_id or 0, NOW
        )

    assert [(r.youth_id, r.already_invited) for r in found] == [
        (asha, False),
        (priya, True),
        (ravi, False),
        (sunita, False),
    ]
    assert found[1].email == "priya@example.org" and found[1].name == "प्रिया शर्मा"
    assert found[0].placement_id is None and found[0].name == "Asha Patil"
    assert nobody == []
    assert [(r.youth_id, r.already_invited) for r in other_family] == [
        (asha, True),
        (priya, False),
        (ravi, False),
        (sunita, False),
    ]
    assert {gone, mentor, other_region}.isdisjoint(r.youth_id for r in found)


async def test_employer_recipients_are_the_placements_starting_in_the_range_with_their_open_invitations(
    uow_factory: UowFactory,
) -> None:
    priya, ravi = await people(
        uow_factory, a_user("priya@example.org", full_name="Priya Sharma"), a_user("ravi@example.org")
    )
    early, first_day, last_day, late, again = await placements(
        uow_factory,
        a_placement(priya, date(2026, 11, 30)),
        a_placement(priya, date(2026, 12, 1), contact_email="hr@tcs.example"),
        a_placement(ravi, date(2026, 12, 31)),
        a_placement(ravi, date(2027, 1, 1)),
        a_placement(priya, date(2026, 12, 15)),
    )
    (first,) = await templates(uow_factory, a_template(type=TemplateType.EMPLOYER_FEEDBACK))
    (second,) = await templates(
        uow_factory, a_template(type=TemplateType.EMPLOYER_FEEDBACK, family_id=first.family_id, version=2)
    )
    old_round = await a_survey(uow_factory, Audience.EMPLOYER, template=first)
    await invite(
        uow_factory,
        an_invitation(old_round, "hr@tcs.example", youth_id=priya, placement_id=first_day),
        an_invitation(old_round, "x@example.org", youth_id=ravi, placement_id=last_day, expires_at=NOW),
    )
    family = second.family_id or 0

    async with uow_factory() as uow:
        in_december = await uow.invitations.employer_recipients(
            date(2026, 12, 1), date(2026, 12, 31), family, NOW
        )
        from_december = await uow.invitations.employer_recipients(date(2026, 12, 1), None, family, NOW)
        to_december = await uow.invitations.employer_recipients(None, date(2026, 12, 1), family, NOW)
        every = await uow.invitations.employer_recipients(None, None, family, NOW)
        none = await uow.invitations.employer_recipients(date(2027, 2, 1), None, family, NOW)

    assert [(r.placement_id, r.already_invited) for r in in_december] == [
        (first_day, True),
        (again, False),
        (last_day, False),
    ]
    assert in_december[0] == in_december[0].__class__(
        "hr@tcs.example", priya, first_day, "Priya Sharma", True
    )
    assert [r.placement_id for r in from_december] == [first_day, again, last_day, late]
    assert [r.placement_id for r in to_december] == [early, first_day]
    assert [r.placement_id for r in every] == [early, first_day, again, last_day, late]
    assert none == []


# Reminders, the youth's own page, progress, purging


async def test_reminders_are_due_for_sent_open_invitations_whose_last_mail_went_long_enough_ago(
    uow_factory: UowFactory,
) -> None:
    one, two = await a_survey(uow_factory), await a_survey(uow_factory)
    day = timedelta(days=1)
    ids = await invite(
        uow_factory,
        an_invitation(one, "due@example.org", sent_at=T0),
        an_invitation(
            one, "reminded-long-ago@example.org", sent_at=T0, reminders_sent=1, last_reminded_at=T0 + day
        ),
        an_invitation(two, "other-distribution@example.org", sent_at=T0),
        an_invitation(one, "never-sent@example.org"),
        an_invitation(one, "answered@example.org", sent_at=T0, completed_at=T0 + day),
        an_invitation(one, "expired@example.org", sent_at=T0, expires_at=NOW),
        an_invitation(
            one, "reminded-lately@example.org", sent_at=T0, reminders_sent=1, last_reminded_at=NOW - day
        ),
        an_invitation(
            one, "reminded-enough@example.org", sent_at=T0, reminders_sent=2, last_reminded_at=T0 + day
        ),
        an_invitation(one, "sent-lately@example.org", sent_at=NOW - day),
    )
    sent_before = NOW - 3 * day

    async with uow_factory() as uow:
        due = await uow.invitations.due_for_reminder(sent_before, 2, NOW, None, 100)
        in_one = await uow.invitations.due_for_reminder(sent_before, 2, NOW, one.id, 100)
        first_only = await uow.invitations.due_for_reminder(sent_before, 2, NOW, None, 1)
        none_allowed = await uow.invitations.due_for_reminder(sent_before, 0, NOW, None, 100)

    assert [i.id for i in due] == ids[:3]
    assert [i.id for i in in_one] == ids[:2]
    assert [i.id for i in first_only] == ids[:1]
    assert none_allowed == []


async def test_a_youths_pending_surveys_are_their_own_open_ones_soonest_expiry_first(
    uow_factory: UowFactory,
) -> None:
    priya, ravi = await people(uow_factory, a_user("priya@example.org"), a_user("ravi@example.org"))
    youth = await a_survey(uow_factory)
    employers = await a_survey(uow_factory, Audience.EMPLOYER)
    ids = await invite(
        uow_factory,
        an_invitation(youth, "later", youth_id=priya, expires_at=NOW + TWO_WEEKS),
        an_invitation(youth, "sooner", youth_id=priya, expires_at=NOW + timedelta(days=1)),
        an_invitation(youth, "answered", youth_id=priya, completed_at=T0),
        an_invitation(youth, "expired", youth_id=priya, expires_at=NOW),
        an_invitation(employers, "about-her", youth_id=priya),
        an_invitation(youth, "ravis", youth_id=ravi),
    )

    async with uow_factory() as uow:
        mine = await uow.invitations.pending_for_youth(priya, NOW)
        nobody = await uow.invitations.pending_for_youth(98765, NOW)

    assert [i.id for i in mine] == [ids[1], ids[0]]
    assert nobody == []


async def test_the_times_each_invitation_was_sent_and_answered_come_back(uow_factory: UowFactory) -> None:
    youth, other = await a_survey(uow_factory), await a_survey(uow_factory)
    sent = datetime(2026, 12, 1, 23, 59, 59, tzinfo=UTC)
    answered = datetime(2026, 12, 5, 18, 45, tzinfo=UTC)
    await invite(
        uow_factory,
        an_invitation(youth, "a", sent_at=sent, completed_at=answered),
        an_invitation(youth, "b", sent_at=sent),
        an_invitation(youth, "c"),  # neither: left out
        an_invitation(other, "e", sent_at=sent, completed_at=sent),
    )

    async with uow_factory() as uow:
        times = await uow.invitations.sent_and_answered(youth.id or 0)
        nothing = await uow.invitations.sent_and_answered(98765)

    assert sorted(times, key=lambda t: t[1] is None) == [(sent, answered), (sent, None)]
    assert list(nothing) == []


async def test_purging_forgets_the_tokens_of_invitations_expired_before_the_time_and_keeps_the_rows(
    uow_factory: UowFactory,
) -> None:
    youth = await a_survey(uow_factory)
    ids = await invite(
        uow_factory,
        an_invitation(youth, "long-gone", expires_at=NOW - timedelta(days=30), completed_at=T0),
        an_invitation(youth, "just-expired", expires_at=NOW),
        an_invitation(youth, "open", expires_at=NOW + TWO_WEEKS),
    )

    async with uow_factory() as uow:
        purged = await uow.invitations.purge_expired(NOW + timedelta(seconds=1))
        await uow.commit()
    async with uow_factory() as uow:
        again = await uow.invitations.purge_expired(NOW + timedelta(seconds=1))
        gone = await uow.invitations.by_token_hash("hash-long-gone")
        kept = await uow.invitations.by_token_hash("hash-open")
    found = await invitations(uow_factory, *ids)

    assert (purged, again) == (2, 0)
    assert gone is None and kept is not None and kept.id == ids[2]
    assert [(i.token_hash, i.token_seed) for i in found] == [
        (None, None),
        (None, None),
        ("hash-open", "seed-open"),
    ]
    assert found[0].completed_at == T0


# The outbox


async def mail(uow_factory: UowFactory, *messages: OutboxMessage) -> None:
    async with uow_factory() as uow:
        await uow.outbox.add_many(list(messages))
        await uow.commit()


async def claim(uow_factory: UowFactory, now: datetime, limit: int = 10) -> list[OutboxMessage]:
    async with uow_factory() as uow:
        claimed = await uow.outbox.claim(now, now + timedelta(minutes=5), limit)
        await uow.commit()
    return list(claimed)


async def an_invitation_id(uow_factory: UowFactory) -> int:
    youth = await a_survey(uow_factory)
    (invitation_id,) = await invite(uow_factory, an_invitation(youth, "priya@example.org"))
    return invitation_id


async def test_claiming_leases_the_due_messages_oldest_first_and_comes_back_whole(
    uow_factory: UowFactory,
) -> None:
    invitation_id = await an_invitation_id(uow_factory)
    later = NOW + timedelta(minutes=3)  # within the leases taken at NOW
    await mail(
        uow_factory,
        a_message(invitation_id),
        a_message(invitation_id, kind=OutboxKind.REMINDER, created_at=NOW),
        a_message(
            invitation_id, status=OutboxStatus.FAILED, attempts=2, last_error="busy", next_attempt_at=NOW
        ),
        a_message(
            invitation_id, status=OutboxStatus.FAILED, attempts=3, next_attempt_at=later
        ),  # backing off
        a_message(invitation_id, next_attempt_at=later),
        a_message(invitation_id, status=OutboxStatus.SENT, sent_at=T0),
        a_message(invitation_id, status=OutboxStatus.GAVE_UP, attempts=8),
    )

    async with uow_factory() as uow:
        assert await uow.outbox.pending() == 5
        first = await uow.outbox.claim(NOW, NOW + timedelta(minutes=5), 2)
        rest = await uow.outbox.claim(NOW, NOW + timedelta(minutes=5), 10)
        await uow.commit()

    assert [(m.kind, m.status, m.attempts, m.last_error) for m in [*first, *rest]] == [
        (OutboxKind.INVITATION, OutboxStatus.QUEUED, 0, ""),
        (OutboxKind.REMINDER, OutboxStatus.QUEUED, 0, ""),
        (OutboxKind.INVITATION, OutboxStatus.FAILED, 2, "busy"),
    ]
    ids = [m.id or 0 for m in [*first, *rest]]
    assert ids == sorted(ids) and 0 not in ids
    assert first[0] == a_message(invitation_id, id=first[0].id, claimed_until=NOW + timedelta(minutes=5))
    assert first[1].created_at == NOW and first[1].next_attempt_at == T0
    # Later, once the backoff is over, the others come due; the rest stay under their lease.
    assert [(m.status, m.attempts) for m in await claim(uow_factory, later)] == [
        (OutboxStatus.FAILED, 3),
        (OutboxStatus.QUEUED, 0),
    ]


async def test_a_claimed_message_is_not_claimed_again_until_its_lease_runs_out(
    uow_factory: UowFactory,
) -> None:
    invitation_id = await an_invitation_id(uow_factory)
    await mail(uow_factory, a_message(invitation_id))

    (claimed,) = await claim(uow_factory, NOW)  # leased until NOW + 5 minutes

    assert await claim(uow_factory, NOW + timedelta(minutes=4)) == []
    assert await claim(uow_factory, NOW + timedelta(minutes=5)) == []
    (again,) = await claim(uow_factory, NOW + timedelta(minutes=5, seconds=1))
    assert again.id == claimed.id and again.claimed_until == NOW + timedelta(minutes=10, seconds=1)
    async with uow_factory() as uow:
        assert await uow.outbox.pending() == 1  # leased messages are still to go


async def test_saving_an_attempt_writes_its_outcome_and_ends_the_lease(uow_factory: UowFactory) -> None:
    invitation_id = await an_invitation_id(uow_factory)
    await mail(uow_factory, a_message(invitation_id), a_message(invitation_id), a_message(invitation_id))
    sent, failed, gave_up = await claim(uow_factory, NOW)
    retry_at = NOW + timedelta(minutes=1)

    async with uow_factory() as uow:
        await uow.outbox.save(replace(sent, status=OutboxStatus.SENT, attempts=1, sent_at=NOW))
        await uow.outbox.save(
            replace(
                failed, status=OutboxStatus.FAILED, attempts=1, last_error="é" * 700, next_attempt_at=retry_at
            )
        )
        await uow.outbox.save(replace(gave_up, status=OutboxStatus.GAVE_UP, attempts=8, last_error="refused"))
        await uow.outbox.save(replace(sent, id=98765))  # unknown: nothing to write
        assert await uow.outbox.pending() == 1
        await uow.commit()

    assert await claim(uow_factory, NOW + timedelta(seconds=59)) == []
    (retried,) = await claim(uow_factory, retry_at)
    assert retried.id == failed.id
    assert (retried.status, retried.attempts, retried.last_error) == (OutboxStatus.FAILED, 1, "é" * 500)
    assert retried.next_attempt_at == retry_at and retried.sent_at is None


async def test_many_outcomes_are_saved_in_one_go_each_to_its_own_row(uow_factory: UowFactory) -> None:
    youth = await a_survey(uow_factory)
    ids = await invite(uow_factory, *(an_invitation(youth, f"youth{n}@example.org") for n in range(3)))
    await mail(uow_factory, *(a_message(invitation_id) for invitation_id in ids))
    messages = await claim(uow_factory, NOW)
    retry_at = NOW + timedelta(minutes=2)
    outcomes = [
        replace(messages[0], status=OutboxStatus.SENT, attempts=0, sent_at=NOW),
        replace(
            messages[1],
            status=OutboxStatus.FAILED,
            attempts=1,
            last_error="421 busy",
            next_attempt_at=retry_at,
        ),
        replace(messages[2], status=OutboxStatus.SENT, attempts=2, sent_at=NOW + timedelta(seconds=1)),
    ]

    async with uow_factory() as uow:
        await uow.outbox.save_many(outcomes)
        await uow.invitations.record_deliveries(
            [
                Delivery(ids[0], DeliveryStatus.SENT, "", NOW),
                Delivery(ids[1], DeliveryStatus.FAILED, "421 busy", None),
                Delivery(ids[2], DeliveryStatus.SENT, "", NOW + timedelta(seconds=1)),
            ]
        )
        await uow.commit()

    assert [m.id for m in await claim(uow_factory, retry_at)] == [messages[1].id]
    stored = await invitations(uow_factory, *ids)
    assert [(i.delivery, i.failure_reason, i.sent_at) for i in stored] == [
        (DeliveryStatus.SENT, "", NOW),
        (DeliveryStatus.FAILED, "421 busy", None),
        (DeliveryStatus.SENT, "", NOW + timedelta(seconds=1)),
    ]


async def test_given_up_mail_of_open_invitations_is_queued_again_with_fresh_attempts(
    uow_factory: UowFactory,
) -> None:
    youth = await a_survey(uow_factory)
    waiting, answered, other = await invite(
        uow_factory, *(an_invitation(youth, f"youth{n}@example.org") for n in range(3))
    )
    await mail(uow_factory, a_message(waiting), a_message(answered), a_message(waiting))
    first, second, third = await claim(uow_factory, NOW)
    async with uow_factory() as uow:
        await uow.outbox.save_many(
            [
                replace(first, status=OutboxStatus.GAVE_UP, attempts=6, last_error="535 auth"),
                replace(second, status=OutboxStatus.GAVE_UP, attempts=6, last_error="535 auth"),
                replace(third, status=OutboxStatus.SENT, sent_at=NOW),
            ]
        )
        await uow.invitations.complete(answered, NOW)
        await uow.commit()
    later = NOW + timedelta(hours=1)

    async with uow_factory() as uow:
        assert await uow.outbox.retry_given_up(youth.id or 0, later) == [waiting]
        assert await uow.outbox.retry_given_up((youth.id or 0) + 999, later) == []
        await uow.commit()

    (again,) = await claim(uow_factory, later)
    assert (again.id, again.status, again.attempts, again.last_error) == (
        first.id,
        OutboxStatus.QUEUED,
        0,
        "",
    )
    assert other  # invited, never mailed: nothing to retry


async def test_purging_deletes_messages_delivered_before_the_time_only(uow_factory: UowFactory) -> None:
    invitation_id = await an_invitation_id(uow_factory)
    week = timedelta(days=7)
    await mail(
        uow_factory,
        a_message(invitation_id, status=OutboxStatus.SENT, sent_at=NOW - 2 * week),
        a_message(invitation_id, status=OutboxStatus.SENT, sent_at=NOW - week),
        a_message(invitation_id, status=OutboxStatus.SENT, sent_at=NOW),
        a_message(invitation_id, status=OutboxStatus.GAVE_UP, created_at=NOW - 2 * week),
        a_message(invitation_id),
    )

    async with uow_factory() as uow:
        purged = await uow.outbox.purge_sent(NOW - week)
        await uow.commit()
    async with uow_factory() as uow:
        again = await uow.outbox.purge_sent(NOW - week)
        everything = await uow.outbox.purge_sent(NOW + week)
        pending = await uow.outbox.pending()

    assert (purged, again, everything, pending) == (1, 0, 2, 1)


# Two at once (real databases only)


async def test_two_submissions_of_one_invitation_at_once_complete_it_once(
    sql_uow_factory: UowFactory,
) -> None:
    youth = await a_survey(sql_uow_factory)
    (invitation_id,) = await invite(sql_uow_factory, an_invitation(youth, "priya@example.org"))
    both_read = asyncio.Barrier(2)

    async def submit(score: int) -> bool:
        async with sql_uow_factory() as uow:
            invitation = await uow.invitations.get(invitation_id)
            assert invitation is not None and invitation.completed_at is None
            await both_read.wait()  # each saw it unanswered, as a live submission would
            done = await uow.invitations.complete(invitation_id, T0 + timedelta(seconds=score))
            if done:
                await uow.responses.add(
                    SurveyResponse(
                        template_id=youth.template_id,
                        distribution_id=youth.id or 0,
                        invitation_id=invitation_id,
                        answers={"overall": score},
                        submitted_on=T0.date(),
                        submitted_at=T0,
                    )
                )
            await asyncio.sleep(0.05)  # keep the transaction open while the other one tries
            await uow.commit()
            return done

    results = await asyncio.gather(submit(4), submit(5))

    assert sorted(results) == [False, True]
    async with sql_uow_factory() as uow:
        responses = await uow.responses.for_distribution(youth.id or 0)
        stored = await uow.invitations.get(invitation_id)
    assert len(responses) == 1
    winner = responses[0].answers["overall"]
    assert list(results) == ([True, False] if winner == 4 else [False, True])
    assert stored is not None and stored.completed_at == T0 + timedelta(seconds=winner)


@pytest.mark.parametrize("limit", [4, 10])
async def test_two_senders_claiming_at_once_never_get_the_same_message(
    sql_uow_factory: UowFactory, limit: int
) -> None:
    invitation_id = await an_invitation_id(sql_uow_factory)
    await mail(sql_uow_factory, *(a_message(invitation_id) for _ in range(10)))
    both_ready = asyncio.Barrier(2)

    async def sender() -> list[int]:
        async with sql_uow_factory() as uow:
            await both_ready.wait()
            claimed = await uow.outbox.claim(NOW, NOW + timedelta(minutes=5), limit)
            await asyncio.sleep(0.05)  # hold the claim open while the other sender tries
            await uow.commit()
            return [m.id or 0 for m in claimed]

    first, second = await asyncio.gather(sender(), sender())

    assert not set(first) & set(second)
    assert len(first) + len(second) <= 10 and len(first) <= limit and len(second) <= limit
    if limit == 4:
        assert sorted(len(ids) for ids in (first, second)) == [4, 4]
    else:
        assert sorted([*first, *second]) == sorted({*first, *second}) and len({*first, *second}) == 10


async def test_two_replicas_reminding_at_once_count_one_reminder(sql_uow_factory: UowFactory) -> None:
    youth = await a_survey(sql_uow_factory)
    (invitation_id,) = await invite(sql_uow_factory, an_invitation(youth, "priya@example.org"))
    both_read = asyncio.Barrier(2)

    async def remind(day: int) -> bool:
        async with sql_uow_factory() as uow:
            invitation = await uow.invitations.get(invitation_id)
            assert invitation is not None
            await both_read.wait()  # each saw no reminder yet, as the daily run on each replica would
            counted = await uow.invitations.record_reminder(
                invitation_id, invitation.reminders_sent, T0 + timedelta(days=day)
            )
            await asyncio.sleep(0.05)  # keep the transaction open while the other one tries
            await uow.commit()
            return counted

    results = await asyncio.gather(remind(7), remind(8))

    assert sorted(results) == [False, True]
    (stored,) = await invitations(sql_uow_factory, invitation_id)
    assert stored.reminders_sent == 1
