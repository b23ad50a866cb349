"""Draining the outbox on fakes: sent once, failures retried with backoff, then given up."""

import asyncio

import pytest

from mb.bootstrap import Services
from mb.domain.model.flags import Flag
from mb.domain.model.invitation import DeliveryStatus
from mb.domain.model.mail import OutboxStatus
from mb.domain.model.survey import TemplateType
from mb.domain.model.user import Actor
from mb.domain.rules.survey_tokens import token_hash
from mb.mail_worker import MailWorker
from tests.fakes import FakeBlobStore, FakeClock, Store, fake_services, make_settings
from tests.fakes_mail import FakeMailer
from tests.surveying import send, starting_template

PASSWORD = "Learning2026!"


@pytest.fixture
def mailer() -> FakeMailer:
    return FakeMailer()


@pytest.fixture
def services(store: Store, clock: FakeClock, mailer: FakeMailer) -> Services:
    settings = make_settings(
        mb_public_url="https://compass.example.org/", mb_mail_max_attempts=3, smtp_timeout_s=0.1
    )
    return fake_services(store, clock, FakeBlobStore(), settings, mailer=mailer)


@pytest.fixture
async def invited(services: Services, admin: Actor, register: object) -> int:
    for n in range(5):
        await register(f"youth{n}@example.org")  # type: ignore[operator]
    career = await starting_template(services, admin, TemplateType.CAREER)
    distribution = await send(services, admin, career)
    assert distribution.id is not None
    return distribution.id


async def test_every_invitation_is_mailed_once_with_its_own_working_link(
    services: Services, invited: int, mailer: FakeMailer, store: Store
) -> None:
    assert (await services.mail_delivery.deliver_due()).sent == 5
    assert (await services.mail_delivery.deliver_due()).handled == 0

    assert sorted(m.to for m in mailer.sent) == [f"youth{n}@example.org" for n in range(5)]
    by_email = {i.recipient_email: i for i in store.surveys.invitations.values()}
    for message in mailer.sent:
        link = next(line for line in message.body.splitlines() if line.startswith("https://"))
        assert link.startswith("https://compass.example.org/s/")
        assert token_hash(link.rsplit("/", 1)[1]) == by_email[message.to].token_hash
        assert message.subject == "Career interests"
    assert all(i.delivery is DeliveryStatus.SENT and i.sent_at for i in store.surveys.invitations.values())
    assert await services.mail_delivery.pending() == 0


async def test_a_refused_message_is_marked_failed_with_the_reason_and_retried_later(
    services: Services, invited: int, mailer: FakeMailer, store: Store, clock: FakeClock
) -> None:
    mailer.fail_next("550 mailbox unavailable", times=1)
    mailer_order = await services.mail_delivery.deliver_due()
    assert (mailer_order.sent, mailer_order.failed) == (4, 1)
    (failed,) = [i for i in store.surveys.invitations.values() if i.delivery is DeliveryStatus.FAILED]
    assert failed.failure_reason.startswith("550 mailbox unavailable (trying again at")

    assert (await services.mail_delivery.deliver_due()).handled == 0  # waits its minute
    clock.advance(minutes=1, seconds=1)
    assert (await services.mail_delivery.deliver_due()).sent == 1
    assert store.surveys.invitations[failed.id or 0].delivery is DeliveryStatus.SENT
    assert len(mailer.sent) == 5


async def test_a_message_that_keeps_failing_is_given_up_after_the_last_attempt(
    services: Services, invited: int, mailer: FakeMailer, store: Store, clock: FakeClock
) -> None:
    await services.mail_delivery.deliver_due()
    mailer.sent.clear()
    await services.distribution.remind(None)  # nothing due yet
    mailer.fail_next("421 try later", times=100)
    clock.advance(days=8)
    await services.distribution.remind(None)
    for _ in range(3):
        await services.mail_delivery.deliver_due()
        clock.advance(hours=7)
    statuses = {m.status for m in store.surveys.outbox.values() if m.kind == "reminder"}
    assert statuses == {OutboxStatus.GAVE_UP}
    assert await services.mail_delivery.pending() == 0
    assert mailer.sent == []


async def test_mail_given_up_on_goes_again_when_an_admin_asks_once_the_cause_is_mended(
    services: Services, admin: Actor, invited: int, mailer: FakeMailer, store: Store, clock: FakeClock
) -> None:
    mailer.fail_next("535 authentication failed", times=3 * 5)  # a wrong SMTP password, say
    for _ in range(3):
        await services.mail_delivery.deliver_due()
        clock.advance(hours=7)
    assert {m.status for m in store.surveys.outbox.values()} == {OutboxStatus.GAVE_UP}
    assert all("gave up after 3 attempts" in i.failure_reason for i in store.surveys.invitations.values())

    assert await services.distribution.retry_failed(admin, invited) == 5
    assert all(i.delivery is DeliveryStatus.QUEUED for i in store.surveys.invitations.values())
    assert (await services.mail_delivery.deliver_due()).sent == 5
    assert store.audit[-1].action == "survey.retried"
    assert await services.distribution.retry_failed(admin, invited) == 0


async def test_a_hanging_mail_server_fails_the_message_instead_of_blocking(
    services: Services, invited: int, mailer: FakeMailer, store: Store
) -> None:
    mailer.hang = True
    async with asyncio.timeout(5):
        outcome = await services.mail_delivery.deliver_due()
    assert outcome.failed == 5
    assert all("longer than" in i.failure_reason for i in store.surveys.invitations.values())


async def test_nothing_goes_while_distribution_is_switched_off(
    services: Services, admin: Actor, invited: int, mailer: FakeMailer
) -> None:
    await services.flags.set(admin, Flag.SURVEY_DISTRIBUTION, False)
    assert (await services.mail_delivery.deliver_due()).handled == 0
    await services.flags.set(admin, Flag.SURVEY_DISTRIBUTION, True)
    assert (await services.mail_delivery.deliver_due()).sent == 5


async def test_a_worker_stopped_mid_distribution_and_started_again_delivers_each_once(
    services: Services, invited: int, mailer: FakeMailer, store: Store
) -> None:
    mailer.hang = False
    slow = mailer.send

    async def one_at_a_time(message: object) -> None:
        await asyncio.sleep(0.01)
        await slow(message)  # type: ignore[arg-type]

    mailer.send = one_at_a_time  # type: ignore[method-assign]
    worker = MailWorker(services.mail_delivery, idle_s=0.01)
    worker.start()
    await asyncio.sleep(0.005)
    await worker.stop()
    stopped_with = len(mailer.sent)
    assert all(m.status is OutboxStatus.SENT for m in store.surveys.outbox.values() if m.sent_at)

    worker = MailWorker(services.mail_delivery, idle_s=0.01)
    worker.start()
    for _ in range(500):
        if not await services.mail_delivery.pending():
            break
        await asyncio.sleep(0.01)
    await worker.stop()

    assert stopped_with <= 5
    assert sorted(m.to for m in mailer.sent) == [f"youth{n}@example.org" for n in range(5)]


async def test_health_reports_mail_that_cannot_go_as_degraded(services: Services, mailer: FakeMailer) -> None:
    from mb.domain.model.health import CheckStatus, Overall

    assert (await services.health.report()).checks["mail"].detail == "fake mailer"
    mailer.down = True
    report = await services.health.report()
    assert report.status is Overall.DEGRADED
    assert report.checks["mail"].status is CheckStatus.ERROR
