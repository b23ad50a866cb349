from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum


class AssignmentStatus(StrEnum):
    ACTIVE = "active"  # assigned, not started
    IN_PROGRESS = "in_progress"
    COMPLETED = "completed"
    INACTIVE = "inactive"  # withdrawn


@dataclass
class Assignment:
    """A module assigned to a youth, and how far they are with it."""

    user_id: int
    module_id: int
    assigned_at: datetime
    status: AssignmentStatus = AssignmentStatus.ACTIVE
    progress: int = 0
    started_at: datetime | None = None
    completed_at: datetime | None = None
    due_date: date | None = None
    quiz_passed: bool = False
    assigned_by: int | None = None
    id: int | None = None


@dataclass(frozen=True)
class QuizAttempt:
    user_id: int
    module_id: int
    answers: tuple[int, ...]
    score: int  # percent
    passed: bool
    at: datetime
