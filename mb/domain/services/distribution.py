"""Sending a survey: choose a template and recipients, see the count, confirm; remind those who
have not answered; copy one person's link to send another way."""

import logging
from collections.abc import Callable, Sequence
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from mb.domain.errors import InvalidInput, NotFound
from mb.domain.model.audit import AuditEntry
from mb.domain.model.flags import Flag
from mb.domain.model.invitation import Audience, Delivery, DeliveryStatus, Distribution, Invitation
from mb.domain.model.mail import OutboxKind, OutboxMessage
from mb.domain.model.regions import REGIONS
from mb.domain.model.roles import Role
from mb.domain.model.survey import SurveyTemplate
from mb.domain.model.survey_policy import SurveyPolicy
from mb.domain.model.survey_views import (
    DistributionCounts,
    DistributionPreview,
    DistributionSummary,
    InvitationRow,
    Recipient,
    RecipientChoice,
)
from mb.domain.model.user import Actor
from mb.domain.model.youth_filter import YouthFilter
from mb.domain.ports.clock import Clock
from mb.domain.ports.unit_of_work import UnitOfWork
from mb.domain.services.access import require_role
from mb.domain.services.flags import FeatureFlagService
from mb.domain.services.invitations import invite

log = logging.getLogger("mb.surveys")
MANUAL_REMINDER_GAP = timedelta(days=1)  # a reminder by hand never follows a mail of the same day
REMINDER_BATCH = 5000


class DistributionService:
    def __init__(
        self,
        uow: Callable[[], UnitOfWork],
        clock: Clock,
        flags: FeatureFlagService,
        policy: SurveyPolicy,
        mail_queued: Callable[[], None],
    ) -> None:
        self._uow = uow
        self._clock = clock
        self._flags = flags
        self._policy = policy
        self._mail_queued = mail_queued
        self._zone = ZoneInfo(policy.timezone)

    async def preview(self, actor: Actor, template_id: int, choice: RecipientChoice) -> DistributionPreview:
        """How many people the choice reaches, and how many already hold an open invitation."""
        require_role(actor, Role.ADMIN)
        await self._flags.require(Flag.SURVEY_DISTRIBUTION)
        async with self._uow() as uow:
            template = await _distributable(uow, template_id)
            recipients = await self._recipients(uow, template, choice)
        return DistributionPreview(len(recipients), sum(r.already_invited for r in recipients))

    async def distribute(
        self, actor: Actor, template_id: int, choice: RecipientChoice
    ) -> tuple[Distribution, int]:
        """Invite everyone the choice reaches who holds no open invitation to this template yet;
        returns the distribution and how many were invited."""
        require_role(actor, Role.ADMIN)
        await self._flags.require(Flag.SURVEY_DISTRIBUTION)
        now = self._clock.now()
        async with self._uow() as uow:
            template = await _distributable(uow, template_id)
            recipients = [r for r in await self._recipients(uow, template, choice) if not r.already_invited]
            if not recipients:
                raise InvalidInput(
                    {"recipients": "Nobody to invite: everyone chosen already has an open invitation."}
                )
            distribution = await uow.distributions.add(
                Distribution(
                    template_id=template_id,
                    audience=choice.audience,
                    label=_label(choice),
                    created_by=actor.user_id,
                    created_at=now,
                )
            )
            count = await invite(uow, self._policy, distribution, recipients, now=now, send_after=now)
            await uow.audit.record(
                AuditEntry(
                    now,
                    actor.user_id,
                    "survey.distributed",
                    "survey_distribution",
                    str(distribution.id),
                    {"template": template.name, "version": template.version, "invited": count},
                )
            )
            await uow.commit()
        log.info("survey.distributed", extra={"distribution_id": distribution.id, "invited": count})
        self._mail_queued()
        return distribution, count

    async def remind(self, actor: Actor | None, distribution_id: int | None = None) -> int:
        """Queue a reminder to everyone sent an invitation who has not answered, whose link still
        works and who has had fewer than the most reminders. By hand (an admin, one distribution)
        it reaches those last mailed a day or more ago; the daily run (actor None) those last
        mailed `reminder_after_days` ago. Returns how many were reminded."""
        if actor is not None:
            require_role(actor, Role.ADMIN)
            await self._flags.require(Flag.SURVEY_DISTRIBUTION)
        elif not await self._flags.is_enabled(Flag.SURVEY_DISTRIBUTION):
            return 0  # the daily run pauses with distribution
        policy = self._policy
        if policy.max_reminders == 0:
            return 0
        now = self._clock.now()
        gap = MANUAL_REMINDER_GAP if actor is not None else timedelta(days=policy.reminder_after_days)
        async with self._uow() as uow:
            if distribution_id is not None and await uow.distributions.get(distribution_id) is None:
                raise NotFound("No such distribution.")
            due = await uow.invitations.due_for_reminder(
                now - gap, policy.max_reminders, now, distribution_id, REMINDER_BATCH
            )
            # Counted only where the count is still what was read: two replicas running the
            # daily reminders at once remind each person once.
            reminded = [
                i.id
                for i in due
                if i.id is not None and await uow.invitations.record_reminder(i.id, i.reminders_sent, now)
            ]
            await uow.outbox.add_many(
                [
                    OutboxMessage(
                        invitation_id=invitation_id,
                        kind=OutboxKind.REMINDER,
                        created_at=now,
                        next_attempt_at=now,
                    )
                    for invitation_id in reminded
                ]
            )
            if actor is not None:
                await uow.audit.record(
                    AuditEntry(
                        now,
                        actor.user_id,
                        "survey.reminded",
                        "survey_distribution",
                        str(distribution_id),
                        {"reminded": len(reminded)},
                    )
                )
            await uow.commit()
        log.info(
            "survey.reminders_queued", extra={"distribution_id": distribution_id, "reminded": len(reminded)}
        )
        if reminded:
            self._mail_queued()
        return len(reminded)

    async def retry_failed(self, actor: Actor, distribution_id: int) -> int:
        """Send again the mail given up on (after every attempt failed) for invitations still
        open, once the cause is mended (a mail server back, a wrong setting corrected); audited.
        Returns how many invitations go again."""
        require_role(actor, Role.ADMIN)
        await self._flags.require(Flag.SURVEY_DISTRIBUTION)
        now = self._clock.now()
        async with self._uow() as uow:
            if await uow.distributions.get(distribution_id) is None:
                raise NotFound("No such distribution.")
            retried = await uow.outbox.retry_given_up(distribution_id, now)
            await uow.invitations.record_deliveries([Delivery(i, DeliveryStatus.QUEUED) for i in retried])
            await uow.audit.record(
                AuditEntry(
                    now,
                    actor.user_id,
                    "survey.retried",
                    "survey_distribution",
                    str(distribution_id),
                    {"invitations": len(retried)},
                )
            )
            await uow.commit()
        log.info("survey.retried", extra={"distribution_id": distribution_id, "invitations": len(retried)})
        if retried:
            self._mail_queued()
        return len(retried)

    async def clean_up(self, keep_sent_days: int) -> tuple[int, int]:
        """For `mb maintenance`: forget the tokens of invitations that expired (nothing can open
        them any more; the rows stay for the results) and delete mail delivered more than
        `keep_sent_days` ago. Returns (links retired, messages deleted)."""
        now = self._clock.now()
        async with self._uow() as uow:
            links = await uow.invitations.purge_expired(now)
            mail = await uow.outbox.purge_sent(now - timedelta(days=keep_sent_days))
            await uow.commit()
        log.info("survey.cleaned_up", extra={"links": links, "mail": mail})
        return links, mail

    async def summaries(
        self, actor: Actor, offset: int = 0, limit: int = 20
    ) -> tuple[list[DistributionSummary], int]:
        """Distributions newest first, with their counts; and how many there are."""
        require_role(actor, Role.ADMIN)
        async with self._uow() as uow:
            distributions = await uow.distributions.recent(offset, limit)
            total = await uow.distributions.count()
            return await _summaries(uow, distributions, self._clock.now()), total

    async def summary(self, actor: Actor, distribution_id: int) -> DistributionSummary:
        require_role(actor, Role.ADMIN)
        async with self._uow() as uow:
            distribution = await uow.distributions.get(distribution_id)
            if distribution is None:
                raise NotFound("No such distribution.")
            return (await _summaries(uow, [distribution], self._clock.now()))[0]

    async def invitations(
        self, actor: Actor, distribution_id: int, offset: int = 0, limit: int = 50
    ) -> list[InvitationRow]:
        """Who was invited and where their mail stands. For anonymous templates nothing says
        whether or when a person opened or answered."""
        summary = await self.summary(actor, distribution_id)
        async with self._uow() as uow:
            invitations = await uow.invitations.for_distribution(distribution_id, offset, limit)
            names = await _names(uow, [i.youth_id for i in invitations if i.youth_id is not None])
        hide_times = summary.anonymous
        now = self._clock.now()
        return [
            InvitationRow(
                invitation_id=i.id or 0,
                email=i.recipient_email,
                name=names.get(i.youth_id, "") if i.youth_id is not None else "",
                delivery=i.delivery,
                failure_reason=i.failure_reason,
                sent_at=i.sent_at,
                opened=None if hide_times else i.opened_at is not None,
                completed=None if hide_times else i.completed_at is not None,
                opened_at=None if hide_times else i.opened_at,
                completed_at=None if hide_times else i.completed_at,
                reminders_sent=None if hide_times else i.reminders_sent,
                expires_at=i.expires_at,
                link_usable=_link_usable(i, now, anonymous=hide_times),
            )
            for i in invitations
        ]

    async def link_for(self, actor: Actor, invitation_id: int) -> str:
        """The invitation's link, to send by WhatsApp or read out on the phone; audited."""
        require_role(actor, Role.ADMIN)
        now = self._clock.now()
        async with self._uow() as uow:
            invitation = await uow.invitations.get(invitation_id)
            if invitation is None:
                raise NotFound("No such invitation.")
            template = await uow.survey_templates.get(invitation.template_id)
            anonymous = template is not None and template.anonymous
            seed = invitation.token_seed
            if seed is None or not _link_usable(invitation, now, anonymous=anonymous):
                raise InvalidInput(
                    {"link": "This invitation's link does not work now: not sent yet, answered or expired."}
                )
            await uow.audit.record(
                AuditEntry(now, actor.user_id, "survey.link_copied", "survey_invitation", str(invitation_id))
            )
            await uow.commit()
        return self._policy.link(seed)

    async def _recipients(
        self, uow: UnitOfWork, template: SurveyTemplate, choice: RecipientChoice
    ) -> Sequence[Recipient]:
        family = template.family_id or template.id
        assert family is not None
        now = self._clock.now()
        if choice.audience is Audience.EMPLOYER:
            if (
                choice.placements_from
                and choice.placements_to
                and choice.placements_from > choice.placements_to
            ):
                raise InvalidInput({"placements_to": "The end date is before the start date."})
            return await uow.invitations.employer_recipients(
                choice.placements_from, choice.placements_to, family, now
            )
        if choice.registered_from and choice.registered_to and choice.registered_from > choice.registered_to:
            raise InvalidInput({"registered_to": "The end date is before the start date."})
        youth = YouthFilter(
            region=choice.youth_region,
            institution=choice.youth_institution,
            education_level=choice.youth_education_level,
            sector_interest=choice.youth_sector_interest,
            registered_from=choice.registered_from,
            registered_to=choice.registered_to,
            risk_level=choice.youth_risk_level,
            timezone=str(self._zone),
        )
        return await uow.invitations.youth_recipients(youth, family, now)


def _link_usable(invitation: Invitation, now: datetime, *, anonymous: bool) -> bool:
    """Gone out, not expired and not answered. For anonymous surveys answering is not checked:
    refusing an answered invitation would tell staff who answered, which the recipients list hides."""
    if invitation.token_seed is None or invitation.send_after > now or now >= invitation.expires_at:
        return False
    return anonymous or invitation.completed_at is None


async def _distributable(uow: UnitOfWork, template_id: int) -> SurveyTemplate:
    template = await uow.survey_templates.get(template_id)
    if template is None:
        raise NotFound("No such survey.")
    if not template.current:
        raise InvalidInput({"template": "A newer version of this survey exists; send that one."})
    if not template.active:
        raise InvalidInput({"template": "This survey is switched off; switch it on before sending it."})
    return template


async def _summaries(
    uow: UnitOfWork, distributions: Sequence[Distribution], now: datetime
) -> list[DistributionSummary]:
    counts = await uow.distributions.counts([d.id for d in distributions if d.id is not None], now)
    summaries = []
    for distribution in distributions:
        template = await uow.survey_templates.get(distribution.template_id)
        assert template is not None and distribution.id is not None
        summaries.append(
            DistributionSummary(
                distribution,
                template.name,
                template.version,
                template.anonymous,
                counts.get(distribution.id, DistributionCounts()),
            )
        )
    return summaries


async def _names(uow: UnitOfWork, youth_ids: Sequence[int]) -> dict[int, str]:
    names = {}
    for youth_id in set(youth_ids):
        if (user := await uow.users.get(youth_id)) is not None:
            names[youth_id] = user.full_name
    return names


def _label(choice: RecipientChoice) -> str:
    if choice.audience is Audience.EMPLOYER:
        start = choice.placements_from.isoformat() if choice.placements_from else "the start"
        end = choice.placements_to.isoformat() if choice.placements_to else "today"
        return f"Employers of placements starting {start} to {end}"
    parts = [
        REGIONS.get(choice.youth_region, choice.youth_region),
        choice.youth_institution,
        choice.youth_education_level,
        choice.youth_sector_interest and f"interested in {choice.youth_sector_interest}",
        choice.registered_from and f"registered from {choice.registered_from.isoformat()}",
        choice.registered_to and f"registered to {choice.registered_to.isoformat()}",
        choice.youth_risk_level and f"{choice.youth_risk_level.value} risk",
    ]
    chosen = ", ".join(str(part) for part in parts if part)
    return f"Youth: {chosen}" if chosen else "All youth"
