from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum


@dataclass(frozen=True)
class MailMessage:
    """A plain-text email. `message_id` is the same on every attempt, so a message sent again
    after a crash is recognisable as the same one."""

    message_id: str
    to: str
    subject: str
    body: str


class OutboxKind(StrEnum):
    INVITATION = "invitation"
    REMINDER = "reminder"


class OutboxStatus(StrEnum):
    QUEUED = "queued"
    SENT = "sent"
    FAILED = "failed"  # attempts left: tried again at `next_attempt_at`
    GAVE_UP = "gave_up"  # no attempts left


@dataclass(kw_only=True)
class OutboxMessage:
    """Mail waiting to go. The text is written when it is sent, from the invitation, so no link
    (and no token) ever sits in this table."""

    invitation_id: int
    kind: OutboxKind
    created_at: datetime
    next_attempt_at: datetime
    status: OutboxStatus = OutboxStatus.QUEUED
    attempts: int = 0
    last_error: str = ""
    claimed_until: datetime | None = None
    sent_at: datetime | None = None
    id: int | None = None
