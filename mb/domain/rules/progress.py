"""How an assignment moves: progress only goes up, completion needs 100 % and a passed quiz."""

from datetime import datetime

from mb.domain.errors import InvalidInput
from mb.domain.model.assignment import Assignment, AssignmentStatus


def progress_problem(assignment: Assignment, progress: object) -> str | None:
    if assignment.status is AssignmentStatus.INACTIVE:
        return "This module was withdrawn; ask your mentor if you should still take it."
    if assignment.status is AssignmentStatus.COMPLETED:
        return "You have already completed this module."
    if not isinstance(progress, int) or isinstance(progress, bool):
        return "Progress is a whole number from 0 to 100."
    if not 0 <= progress <= 100:
        return "Progress is a whole number from 0 to 100."
    if progress < assignment.progress:
        return f"Progress only goes forward: you are already at {assignment.progress} %."
    return None


def record_progress(assignment: Assignment, progress: object, quiz_required: bool, now: datetime) -> bool:
    """Move `assignment` to `progress`; True when that completed it. Raises InvalidInput."""
    if (problem := progress_problem(assignment, progress)) is not None:
        raise InvalidInput({"progress": problem})
    assert isinstance(progress, int)
    assignment.progress = progress
    if progress > 0:
        start(assignment, now)
    return complete_if_done(assignment, quiz_required, now)


def start(assignment: Assignment, now: datetime) -> None:
    """The youth began working on it (progress, or a quiz attempt)."""
    if assignment.started_at is None:
        assignment.started_at = now
    if assignment.status is AssignmentStatus.ACTIVE:
        assignment.status = AssignmentStatus.IN_PROGRESS


def complete_if_done(assignment: Assignment, quiz_required: bool, now: datetime) -> bool:
    """Complete at 100 % once the quiz (if any) is passed; True when this call completed it."""
    done = assignment.progress == 100 and (assignment.quiz_passed or not quiz_required)
    if not done or assignment.status is AssignmentStatus.COMPLETED:
        return False
    assignment.status = AssignmentStatus.COMPLETED
    assignment.completed_at = now
    assignment.started_at = assignment.started_at or now
    return True
