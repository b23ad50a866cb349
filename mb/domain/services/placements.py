"""Placements: staff record that a youth started a job; that queues the two feedback surveys."""

import logging
from collections.abc import Callable
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from mb.domain.errors import InvalidInput, NotFound
from mb.domain.model.audit import AuditEntry
from mb.domain.model.flags import Flag
from mb.domain.model.invitation import Audience, Distribution
from mb.domain.model.placement import Placement, PlacementDetails
from mb.domain.model.roles import Role
from mb.domain.model.survey import TemplateType
from mb.domain.model.survey_policy import SurveyPolicy
from mb.domain.model.survey_views import Recipient
from mb.domain.model.user import Actor, User
from mb.domain.ports.clock import Clock
from mb.domain.ports.unit_of_work import UnitOfWork
from mb.domain.rules.email import email_problem, normalize_email
from mb.domain.services.access import can_view, require_role, youth_in_view
from mb.domain.services.flags import FeatureFlagService
from mb.domain.services.invitations import invite

log = logging.getLogger("mb.placements")
MAX_TEXT = 200
FOLLOW_UPS = (
    (TemplateType.YOUTH_FEEDBACK, Audience.YOUTH),
    (TemplateType.EMPLOYER_FEEDBACK, Audience.EMPLOYER),
)


class PlacementService:
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

    async def record(self, actor: Actor, details: PlacementDetails) -> tuple[Placement, list[str]]:
        """Store the placement and, when survey distribution is on, queue the youth's and the
        employer's feedback surveys to go out `placement_delay_days` after the start date.
        Returns the placement and the names of the surveys queued."""
        require_role(actor, Role.ADMIN, Role.MENTOR)
        details = _checked(details, self._clock.now().astimezone(self._zone).date())
        now = self._clock.now()
        async with self._uow() as uow:
            youth = await youth_in_view(uow, actor, details.youth_id)
            placement = await uow.placements.add(
                Placement(
                    youth_id=details.youth_id,
                    employer_name=details.employer_name,
                    contact_email=details.contact_email,
                    job_title=details.job_title,
                    start_date=details.start_date,
                    recorded_by=actor.user_id,
                    recorded_at=now,
                )
            )
            queued: list[str] = []
            if await self._flags.is_enabled_in(uow, Flag.SURVEY_DISTRIBUTION):
                queued = await self._queue_follow_ups(uow, placement, youth, now)
            await uow.audit.record(
                AuditEntry(
                    now,
                    actor.user_id,
                    "placement.recorded",
                    "placement",
                    str(placement.id),
                    {"youth_id": youth.id, "employer": placement.employer_name, "surveys": queued},
                )
            )
            await uow.commit()
        log.info("placement.recorded", extra={"placement_id": placement.id, "user_id": actor.user_id})
        if queued:
            self._mail_queued()
        return placement, queued

    async def for_youth(self, actor: Actor, youth_id: int) -> list[Placement]:
        require_role(actor, Role.ADMIN, Role.MENTOR)
        async with self._uow() as uow:
            youth = await uow.users.get(youth_id)
            if youth is None or not can_view(actor, youth):
                raise NotFound("No such youth, or they are not in your caseload.")
            return list(await uow.placements.recent(0, 100, youth_id=youth_id))

    async def recent(self, actor: Actor, offset: int = 0, limit: int = 20) -> tuple[list[Placement], int]:
        """Every placement, newest start first (admins)."""
        require_role(actor, Role.ADMIN)
        async with self._uow() as uow:
            return list(await uow.placements.recent(offset, limit)), await uow.placements.count()

    async def _queue_follow_ups(
        self, uow: UnitOfWork, placement: Placement, youth: User, now: datetime
    ) -> list[str]:
        starts = datetime.combine(placement.start_date, time(), self._zone).astimezone(UTC)
        send_after = max(now, starts + timedelta(days=self._policy.placement_delay_days))
        queued = []
        for template_type, audience in FOLLOW_UPS:
            template = await uow.survey_templates.current_of_type(template_type.value)
            if template is None or template.id is None:
                log.warning("placement.no_template", extra={"template_type": template_type.value})
                continue
            distribution = await uow.distributions.automatic_for(template.id) or await uow.distributions.add(
                Distribution(
                    template_id=template.id,
                    audience=audience,
                    label="Placement follow-up",
                    created_by=None,
                    created_at=now,
                    automatic=True,
                )
            )
            email = youth.email if audience is Audience.YOUTH else placement.contact_email
            recipient = Recipient(email, youth.id, placement.id, youth.full_name, already_invited=False)
            await invite(uow, self._policy, distribution, [recipient], now=now, send_after=send_after)
            queued.append(template.name)
        return queued


def _checked(details: PlacementDetails, today: date) -> PlacementDetails:
    problems: dict[str, str] = {}
    employer = details.employer_name.strip()
    job = details.job_title.strip()
    if not employer:
        problems["employer_name"] = "Enter the employer's name."
    elif len(employer) > MAX_TEXT:
        problems["employer_name"] = f"Keep the employer's name to {MAX_TEXT} characters."
    if not job:
        problems["job_title"] = "Enter the job title."
    elif len(job) > MAX_TEXT:
        problems["job_title"] = f"Keep the job title to {MAX_TEXT} characters."
    email = normalize_email(details.contact_email)
    if problem := email_problem(email):
        problems["contact_email"] = problem.replace(
            "Enter your email address.", "Enter the employer contact's email."
        )
    if details.start_date > today + timedelta(days=366):
        problems["start_date"] = "The start date is more than a year away; check the year."
    if problems:
        raise InvalidInput(problems)
    return PlacementDetails(
        youth_id=details.youth_id,
        employer_name=employer,
        contact_email=email,
        job_title=job,
        start_date=details.start_date,
    )
