"""What came back from a distribution: counts, the rate over time, each question's answers, CSV."""

import json
from collections.abc import Callable
from zoneinfo import ZoneInfo

from mb.domain.errors import NotFound
from mb.domain.model.invitation import SurveyResponse
from mb.domain.model.roles import Role
from mb.domain.model.survey_views import DistributionResults
from mb.domain.model.user import Actor
from mb.domain.ports.unit_of_work import UnitOfWork
from mb.domain.rules.spreadsheet import csv_bytes
from mb.domain.rules.survey_results import answer_text, over_time, question_results
from mb.domain.services.access import require_role
from mb.domain.services.distribution import DistributionService


class SurveyResultsService:
    def __init__(
        self, uow: Callable[[], UnitOfWork], distribution: DistributionService, timezone: str
    ) -> None:
        self._uow = uow
        self._distribution = distribution
        self._zone = ZoneInfo(timezone)

    async def results(self, actor: Actor, distribution_id: int) -> DistributionResults:
        summary = await self._distribution.summary(actor, distribution_id)
        async with self._uow() as uow:
            template = await uow.survey_templates.get(summary.distribution.template_id)
            if template is None:
                raise NotFound("No such survey.")
            responses = await uow.responses.for_distribution(distribution_id)
            times = await uow.invitations.sent_and_answered(distribution_id)
        return DistributionResults(
            summary,
            over_time(times, self._zone),
            question_results(template.questions, [r.answers for r in responses]),
        )

    async def export_csv(self, actor: Actor, distribution_id: int) -> bytes:
        """One row per response. Rows of anonymous surveys carry no name, email, day or time, and
        are ordered by their answers rather than by when they came in."""
        require_role(actor, Role.ADMIN)
        summary = await self._distribution.summary(actor, distribution_id)
        async with self._uow() as uow:
            template = await uow.survey_templates.get(summary.distribution.template_id)
            if template is None:
                raise NotFound("No such survey.")
            responses = list(await uow.responses.for_distribution(distribution_id))
            people = {} if template.anonymous else await self._people(uow, responses)
        keys = [q.key for q in template.questions]
        if template.anonymous:
            responses.sort(key=lambda r: json.dumps(r.answers, sort_keys=True, ensure_ascii=False))
            header = ["response", *keys]
        else:
            header = ["response", "submitted_at", "email", "name", *keys]
        rows = []
        for number, response in enumerate(responses, start=1):
            answers = [answer_text(q, response.answers.get(q.key)) for q in template.questions]
            if template.anonymous:
                rows.append([str(number), *answers])
            else:
                email, name = people.get(response.invitation_id or 0, ("", ""))
                at = response.submitted_at.isoformat(timespec="seconds") if response.submitted_at else ""
                rows.append([str(number), at, email, name, *answers])
        return csv_bytes(header, rows)

    @staticmethod
    async def _people(uow: UnitOfWork, responses: list[SurveyResponse]) -> dict[int, tuple[str, str]]:
        ids = [r.invitation_id for r in responses if r.invitation_id is not None]
        invitations = await uow.invitations.get_many(ids)
        people = {}
        for invitation_id, invitation in invitations.items():
            youth = await uow.users.get(invitation.youth_id) if invitation.youth_id is not None else None
            people[invitation_id] = (invitation.recipient_email, youth.full_name if youth else "")
        return people
