"""Surveys, placements, invitations and mail to store in the survey contract tests."""

from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from typing import Any

from mb.domain.model.invitation import Audience, DeliveryStatus, Distribution, Invitation
from mb.domain.model.mail import OutboxKind, OutboxMessage
from mb.domain.model.placement import Placement
from mb.domain.model.survey import Feeds, QuestionKind, SurveyQuestion, SurveyTemplate, TemplateType
from mb.domain.ports.unit_of_work import UnitOfWork

UowFactory = Callable[[], UnitOfWork]
T0 = datetime(2026, 11, 28, 9, 30, 15, 123456, tzinfo=UTC)
TWO_WEEKS = timedelta(days=14)

QUESTIONS = [
    SurveyQuestion("overall", "आप कितने संतुष्ट हैं? — How satisfied are you?", QuestionKind.RATING),
    SurveyQuestion("recommend", "Would you recommend us?", QuestionKind.SCALE, required=False),
    SurveyQuestion(
        "sectors",
        "Which sectors interest you?",
        QuestionKind.MULTI,
        options=("IT/ITES", "Retail", "बैंकिंग"),
        feeds=Feeds.SECTOR_INTERESTS,
    ),
    SurveyQuestion("shift", "Which shift?", QuestionKind.SINGLE, options=("Day", "Night")),
    SurveyQuestion("stayed", "Still working there?", QuestionKind.YES_NO),
    SurveyQuestion("notes", "Anything else?", QuestionKind.TEXT, required=False, max_length=2000),
]


def a_template(name: str = "Youth feedback", **fields: Any) -> SurveyTemplate:
    values: dict[str, Any] = {
        "type": TemplateType.YOUTH_FEEDBACK,
        "questions": list(QUESTIONS[:2]),
        "created_at": T0,
    }
    values.update(fields)
    return SurveyTemplate(name=name, **values)


async def templates(uow_factory: UowFactory, *items: SurveyTemplate) -> list[SurveyTemplate]:
    async with uow_factory() as uow:
        for item in items:
            await uow.survey_templates.add(item)
        await uow.commit()
    return list(items)


def a_placement(youth_id: int, start: date, **fields: Any) -> Placement:
    values: dict[str, Any] = {
        "employer_name": "Tata Consultancy Services",
        "contact_email": f"hr{youth_id}@employer.example",
        "job_title": "Customer support associate",
        "recorded_by": None,
        "recorded_at": T0,
    }
    values.update(fields)
    return Placement(youth_id=youth_id, start_date=start, **values)


async def placements(uow_factory: UowFactory, *items: Placement) -> list[int]:
    async with uow_factory() as uow:
        for item in items:
            await uow.placements.add(item)
        await uow.commit()
    return [item.id for item in items if item.id is not None]


def a_distribution(template_id: int, audience: Audience = Audience.YOUTH, **fields: Any) -> Distribution:
    values: dict[str, Any] = {"label": "Youth in Maharashtra", "created_by": None, "created_at": T0}
    values.update(fields)
    return Distribution(template_id=template_id, audience=audience, **values)


async def distributions(uow_factory: UowFactory, *items: Distribution) -> list[int]:
    async with uow_factory() as uow:
        for item in items:
            await uow.distributions.add(item)
        await uow.commit()
    return [item.id for item in items if item.id is not None]


def an_invitation(distribution: Distribution, email: str, **fields: Any) -> Invitation:
    assert distribution.id is not None
    values: dict[str, Any] = {
        "youth_id": None,
        "token_hash": f"hash-{email}",
        "token_seed": f"seed-{email}",
        "created_at": T0,
        "send_after": T0,
        "expires_at": T0 + TWO_WEEKS,
    }
    values.update(fields)
    return Invitation(
        distribution_id=distribution.id,
        template_id=distribution.template_id,
        audience=distribution.audience,
        recipient_email=email,
        **values,
    )


async def invite(uow_factory: UowFactory, *items: Invitation) -> list[int]:
    async with uow_factory() as uow:
        ids = await uow.invitations.add_many(list(items))
        await uow.commit()
    return ids


def a_message(invitation_id: int, **fields: Any) -> OutboxMessage:
    values: dict[str, Any] = {"kind": OutboxKind.INVITATION, "created_at": T0, "next_attempt_at": T0}
    values.update(fields)
    return OutboxMessage(invitation_id=invitation_id, **values)


SENT = DeliveryStatus.SENT
