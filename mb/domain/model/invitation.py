"""Distributions, invitations and responses: who was asked to answer which template, and what came back."""

from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum
from typing import Any


class Audience(StrEnum):
    YOUTH = "youth"
    EMPLOYER = "employer"


class DeliveryStatus(StrEnum):
    QUEUED = "queued"
    SENT = "sent"
    FAILED = "failed"  # with a reason; tried again later until the attempts run out


@dataclass(frozen=True)
class Delivery:
    """How the latest attempt to mail an invitation went; `sent_at` None keeps the time it was
    first sent (a failed reminder does not make its invitation unsent)."""

    invitation_id: int
    status: DeliveryStatus
    reason: str = ""
    sent_at: datetime | None = None


@dataclass(kw_only=True)
class Distribution:
    """One sending of a template to a set of recipients. Placements' follow-up surveys gather in
    one automatic distribution per template version."""

    template_id: int
    audience: Audience
    label: str  # who it went to, in words ("Youth in Delhi", "Employers of placements …")
    created_by: int | None
    created_at: datetime
    automatic: bool = False
    id: int | None = None


@dataclass(kw_only=True)
class Invitation:
    """One person asked to answer once. The link's token is never stored: only its hash, and a
    random seed from which the token is derived with the secret key (so reminders and a copied
    link can carry it, while the database alone cannot)."""

    distribution_id: int
    template_id: int
    audience: Audience
    recipient_email: str
    youth_id: int | None  # the youth it concerns (the respondent, or the one an employer rates)
    placement_id: int | None = None
    token_hash: str | None  # None once expired and purged: nothing can open it any more
    token_seed: str | None
    created_at: datetime
    send_after: datetime
    expires_at: datetime
    sent_at: datetime | None = None
    opened_at: datetime | None = None
    completed_at: datetime | None = None
    reminders_sent: int = 0
    last_reminded_at: datetime | None = None
    delivery: DeliveryStatus = DeliveryStatus.QUEUED
    failure_reason: str = ""
    id: int | None = None

    def is_open(self, now: datetime) -> bool:
        return self.completed_at is None and now < self.expires_at


@dataclass(kw_only=True)
class SurveyResponse:
    """The answers to one invitation. For anonymous templates nothing links it to the invitation
    or the person, and only the day it came in is kept."""

    template_id: int
    distribution_id: int
    answers: dict[str, Any] = field(default_factory=dict)
    submitted_on: date
    invitation_id: int | None = None
    submitted_at: datetime | None = None  # None for anonymous templates
    id: int | None = None
