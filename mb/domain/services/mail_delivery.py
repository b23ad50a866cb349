"""Draining the outbox: claim what is due, send a few at a time, record each outcome.

Each message is claimed with a lease before it is sent and recorded as soon as it went (with any
others that went meanwhile, in one transaction), so a restart resumes where it stopped: nothing
claimed and unsent is lost (the lease runs out and it is claimed again), and nothing recorded as
sent goes twice.
"""

import asyncio
import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import timedelta
from zoneinfo import ZoneInfo

from mb.domain.errors import DomainError, MailNotSent
from mb.domain.model.flags import Flag
from mb.domain.model.invitation import Audience, Delivery, DeliveryStatus, Invitation
from mb.domain.model.mail import MailMessage, OutboxKind, OutboxMessage, OutboxStatus
from mb.domain.model.survey import SurveyTemplate
from mb.domain.model.survey_policy import SurveyPolicy
from mb.domain.ports.clock import Clock
from mb.domain.ports.mailer import Mailer
from mb.domain.ports.unit_of_work import UnitOfWork
from mb.domain.rules.mail_retry import next_attempt
from mb.domain.rules.survey_mail import survey_mail
from mb.domain.services.flags import FeatureFlagService
from mb.domain.services.invitations import placement_about

log = logging.getLogger("mb.mail")
LEASE = timedelta(minutes=5)


@dataclass(frozen=True)
class DeliveryRound:
    sent: int = 0
    failed: int = 0

    @property
    def handled(self) -> int:
        return self.sent + self.failed


class MailDeliveryService:
    def __init__(
        self,
        uow: Callable[[], UnitOfWork],
        mailer: Mailer,
        clock: Clock,
        flags: FeatureFlagService,
        policy: SurveyPolicy,
        *,
        concurrency: int = 4,
        max_attempts: int = 6,
        send_timeout_s: float = 60.0,
    ) -> None:
        self._uow = uow
        self._mailer = mailer
        self._clock = clock
        self._flags = flags
        self._policy = policy
        self._concurrency = concurrency
        self._max_attempts = max_attempts
        self._send_timeout_s = send_timeout_s
        self._zone = ZoneInfo(policy.timezone)
        self._unrecorded: list[tuple[OutboxMessage, str]] = []
        self._recording = asyncio.Lock()
        self.wake = asyncio.Event()  # set when mail is queued, so the worker need not wait to look

    def mail_queued(self) -> None:
        self.wake.set()

    async def deliver_due(self, limit: int = 200) -> DeliveryRound:
        """Send up to `limit` due messages, `concurrency` at a time. Nothing goes while survey
        distribution is switched off: the messages wait in the outbox."""
        if not await self._flags.is_enabled(Flag.SURVEY_DISTRIBUTION):
            return DeliveryRound()
        now = self._clock.now()
        async with self._uow() as uow:
            claimed = await uow.outbox.claim(now, now + LEASE, limit)
            await uow.commit()
            if not claimed:
                return DeliveryRound()
            invitations = await uow.invitations.get_many([m.invitation_id for m in claimed])
            templates = await _templates(uow, invitations.values())
            abouts = {
                i: await placement_about(uow, inv)
                for i, inv in invitations.items()
                if inv.audience is Audience.EMPLOYER
            }
        lanes = asyncio.Semaphore(self._concurrency)

        async def deliver(message: OutboxMessage) -> bool:
            async with lanes:
                invitation = invitations[message.invitation_id]
                mail = self._compose(message, invitation, templates[invitation.template_id], abouts)
                reason = await self._send(message, mail)
            await self._record(message, reason)  # out of the lane: the next send need not wait for it
            return not reason

        # Each send is shielded: a worker stopped mid-round still records what already went.
        outcomes = await asyncio.gather(*(asyncio.shield(deliver(m)) for m in claimed))
        sent = sum(outcomes)
        return DeliveryRound(sent, len(outcomes) - sent)

    async def pending(self) -> int:
        async with self._uow() as uow:
            return await uow.outbox.pending()

    def _compose(
        self, message: OutboxMessage, invitation: Invitation, template: SurveyTemplate, abouts: dict[int, str]
    ) -> MailMessage | str:
        """The email, or why it cannot be written (its link was purged after expiry)."""
        if invitation.token_seed is None or invitation.id is None or message.id is None:
            return "The invitation expired before its email could be sent."
        return survey_mail(
            message.kind,
            invitation=invitation,
            template=template,
            link=self._policy.link(invitation.token_seed),
            about=abouts.get(invitation.id, ""),
            zone=self._zone,
            outbox_id=message.id,
        )

    async def _send(self, message: OutboxMessage, mail: MailMessage | str) -> str:
        """Send, and note the outcome on `message`; returns why it failed ("" when it went)."""
        reason = mail if isinstance(mail, str) else ""
        if isinstance(mail, MailMessage):
            try:
                async with asyncio.timeout(self._send_timeout_s):
                    await self._mailer.send(mail)
            except MailNotSent as error:
                reason = error.message
            except TimeoutError:
                reason = f"Sending took longer than {self._send_timeout_s:g} s."
        now = self._clock.now()
        message.claimed_until = None
        if reason:
            message.attempts += 1
            give_up = message.attempts >= self._max_attempts or isinstance(mail, str)
            message.status = OutboxStatus.GAVE_UP if give_up else OutboxStatus.FAILED
            message.next_attempt_at = next_attempt(message.attempts, now)
            message.last_error = reason
            log.warning(
                "mail.failed",
                extra={
                    "outbox_id": message.id,
                    "attempts": message.attempts,
                    "reason": reason,
                    "gave_up": give_up,
                },
            )
        else:
            message.status, message.sent_at, message.last_error = OutboxStatus.SENT, now, ""
        return reason

    async def _record(self, message: OutboxMessage, reason: str) -> None:
        """Store one outcome; returns once it is stored. Outcomes that come in while a write runs
        go together in the next one (a group commit): a transaction of two statements per message
        cost more than sending it."""
        self._unrecorded.append((message, reason))
        async with self._recording:
            # Whoever held the lock before stored everything waiting then, ours included or not.
            outcomes, self._unrecorded = self._unrecorded, []
            if outcomes:
                await self._store(outcomes)

    async def _store(self, outcomes: list[tuple[OutboxMessage, str]]) -> None:
        deliveries = [
            Delivery(
                message.invitation_id,
                DeliveryStatus.FAILED if reason else DeliveryStatus.SENT,
                _shown(message, reason),
                message.sent_at,
            )
            for message, reason in outcomes
            if message.kind is OutboxKind.INVITATION
        ]
        for attempt in range(3):
            try:
                async with self._uow() as uow:
                    await uow.outbox.save_many([message for message, _ in outcomes])
                    await uow.invitations.record_deliveries(deliveries)
                    await uow.commit()
                return
            except DomainError as error:
                # The lease keeps the messages from being claimed again for a while; if the
                # database stays away they are claimed again after the lease (sent once more).
                log.warning(
                    "mail.outcome_not_recorded",
                    extra={"outbox_ids": [m.id for m, _ in outcomes], "reason": error.message},
                )
                await asyncio.sleep(0.5 * (attempt + 1))


def _shown(message: OutboxMessage, reason: str) -> str:
    if not reason:
        return ""
    if message.status is OutboxStatus.GAVE_UP:
        return f"{reason} (gave up after {message.attempts} attempts)"
    return f"{reason} (trying again at {message.next_attempt_at:%H:%M} UTC)"


async def _templates(uow: UnitOfWork, invitations: Iterable[Invitation]) -> dict[int, SurveyTemplate]:
    templates: dict[int, SurveyTemplate] = {}
    for invitation in invitations:
        if invitation.template_id not in templates:
            template = await uow.survey_templates.get(invitation.template_id)
            assert template is not None
            templates[invitation.template_id] = template
    return templates
