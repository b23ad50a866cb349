from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from typing import Any


class ActivityKind(StrEnum):
    LOGIN = "login"
    REGISTERED = "registered"
    PROGRESS = "progress"
    QUIZ_ATTEMPT = "quiz_attempt"
    COMPLETION = "completion"
    SURVEY_RESPONSE = "survey_response"


@dataclass
class ActivityEvent:
    """Something a youth did; append-only, the source of streaks and daily features."""

    user_id: int
    kind: ActivityKind
    at: datetime
    details: dict[str, Any] = field(default_factory=dict)
    id: int | None = None
