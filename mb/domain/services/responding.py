"""Answering a survey through its link (no sign-in), and a youth's list of surveys to answer."""

import logging
from collections.abc import Callable, Mapping
from datetime import UTC, datetime, time
from typing import Any
from zoneinfo import ZoneInfo

from mb.domain.errors import InvalidInput, NotFound
from mb.domain.model.activity import ActivityEvent, ActivityKind
from mb.domain.model.invitation import Audience, Invitation, SurveyResponse
from mb.domain.model.roles import Role
from mb.domain.model.survey import Feeds, SurveyTemplate
from mb.domain.model.survey_policy import SurveyPolicy
from mb.domain.model.survey_views import PendingSurvey, SurveyForm
from mb.domain.model.user import Actor
from mb.domain.ports.clock import Clock
from mb.domain.ports.unit_of_work import UnitOfWork
from mb.domain.rules.survey_answers import checked_answers
from mb.domain.rules.survey_tokens import looks_like_token, token_hash
from mb.domain.services.access import require_role
from mb.domain.services.awarding import AwardingService
from mb.domain.services.invitations import placement_about

log = logging.getLogger("mb.surveys")


class LinkNotUsable(NotFound):
    """Unknown, expired and already answered links all get these same words: the page gives no
    hint whether a link ever existed."""

    def __init__(self) -> None:
        super().__init__(
            "This survey link cannot be used. It may have expired or already been answered. "
            "If you were asked to answer, please ask the programme team for a new link."
        )


class RespondingService:
    def __init__(
        self, uow: Callable[[], UnitOfWork], clock: Clock, policy: SurveyPolicy, awarding: AwardingService
    ) -> None:
        self._uow = uow
        self._clock = clock
        self._policy = policy
        self._awarding = awarding
        self._zone = ZoneInfo(policy.timezone)

    async def open(self, token: str) -> SurveyForm:
        """The survey behind a link; the first opening is recorded."""
        now = self._clock.now()
        async with self._uow() as uow:
            invitation, template = await _usable(uow, token, now)
            assert invitation.id is not None
            if invitation.opened_at is None:
                await uow.invitations.mark_opened(invitation.id, _when(template, now, self._zone))
                await uow.commit()
            about = await placement_about(uow, invitation)
        return SurveyForm(
            template_name=template.name,
            description=template.description,
            questions=tuple(template.questions),
            anonymous=template.anonymous,
            about=about,
            expires_at=invitation.expires_at,
        )

    async def submit(self, token: str, given: Mapping[str, Any]) -> None:
        """Store the answers once. Problems come back as `InvalidInput` keyed by question; a link
        answered meanwhile (two submissions at once) is refused like any used link."""
        now = self._clock.now()
        async with self._uow() as uow:
            invitation, template = await _usable(uow, token, now)
            assert invitation.id is not None and template.id is not None
            answers, problems = checked_answers(template.questions, given)
            if problems:
                raise InvalidInput(problems)
            if not await uow.invitations.complete(invitation.id, _when(template, now, self._zone)):
                raise LinkNotUsable()
            if invitation.opened_at is None:  # answered without the page being counted as opened
                await uow.invitations.mark_opened(invitation.id, _when(template, now, self._zone))
            await uow.responses.add(
                SurveyResponse(
                    template_id=template.id,
                    distribution_id=invitation.distribution_id,
                    answers=answers,
                    submitted_on=now.astimezone(self._zone).date(),
                    invitation_id=None if template.anonymous else invitation.id,
                    submitted_at=None if template.anonymous else now,
                )
            )
            if invitation.audience is Audience.YOUTH and invitation.youth_id is not None:
                await self._credit_youth(uow, invitation, template, answers, now)
            await uow.commit()
        # Anonymous answers are never logged with the invitation that brought them.
        log.info("survey.answered", extra={"template_id": template.id, "anonymous": template.anonymous})

    async def pending(self, actor: Actor) -> list[PendingSurvey]:
        """The youth's own invitations still to answer, soonest deadline first, with their links."""
        require_role(actor, Role.YOUTH)
        now = self._clock.now()
        async with self._uow() as uow:
            invitations = await uow.invitations.pending_for_youth(actor.user_id, now)
            pending = []
            for invitation in invitations:
                template = await uow.survey_templates.get(invitation.template_id)
                if template is None or invitation.token_seed is None or invitation.send_after > now:
                    continue
                pending.append(
                    PendingSurvey(
                        template.name,
                        self._policy.token(invitation.token_seed),
                        invitation.expires_at,
                        len(template.questions),
                    )
                )
        return pending

    async def _credit_youth(
        self,
        uow: UnitOfWork,
        invitation: Invitation,
        template: SurveyTemplate,
        answers: dict[str, Any],
        now: datetime,
    ) -> None:
        assert invitation.youth_id is not None
        # For anonymous templates the event, like the invitation, keeps the day only: a youth's
        # activity timeline must not give the time an anonymous answer came in.
        at = _when(template, now, self._zone)
        event = ActivityEvent(
            invitation.youth_id, ActivityKind.SURVEY_RESPONSE, at, {"invitation_id": invitation.id}
        )
        await uow.activity.append(event)
        await self._awarding.award(uow, [event])
        if template.anonymous:
            return
        feeds = [q for q in template.questions if q.feeds is Feeds.SECTOR_INTERESTS and q.key in answers]
        youth = await uow.users.get(invitation.youth_id) if feeds else None
        if youth is not None:
            youth.sector_interests = list(answers[feeds[0].key])
            await uow.users.update(youth)


async def _usable(uow: UnitOfWork, token: str, now: datetime) -> tuple[Invitation, SurveyTemplate]:
    if not looks_like_token(token):
        raise LinkNotUsable()
    invitation = await uow.invitations.by_token_hash(token_hash(token))
    if invitation is None or not invitation.is_open(now) or invitation.send_after > now:
        raise LinkNotUsable()
    template = await uow.survey_templates.get(invitation.template_id)
    if template is None:
        raise LinkNotUsable()
    return invitation, template


def _when(template: SurveyTemplate, now: datetime, zone: ZoneInfo) -> datetime:
    """For anonymous templates only the (local) day is kept, so times cannot pair an answer with a
    person: its first moment."""
    if not template.anonymous:
        return now
    return datetime.combine(now.astimezone(zone).date(), time(), zone).astimezone(UTC)
