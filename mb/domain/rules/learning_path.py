"""Ordering a youth's modules and choosing their next step."""

from collections.abc import Sequence
from datetime import date

from mb.domain.model.assignment import Assignment, AssignmentStatus

_ORDER = {AssignmentStatus.IN_PROGRESS: 0, AssignmentStatus.ACTIVE: 1, AssignmentStatus.COMPLETED: 2}


def in_learning_order(assignments: Sequence[Assignment], locked: set[int]) -> list[Assignment]:
    """In progress first, then not started (unlocked before locked), then completed; each by due date."""

    def key(a: Assignment) -> tuple[int, bool, date, int]:
        return (_ORDER[a.status], a.module_id in locked, a.due_date or date.max, a.module_id)

    return sorted((a for a in assignments if a.status in _ORDER), key=key)


def next_step(ordered: Sequence[Assignment], locked: set[int]) -> int | None:
    """The module to work on now: the first unlocked, unfinished one in learning order."""
    return next(
        (
            a.module_id
            for a in ordered
            if a.status is not AssignmentStatus.COMPLETED and a.module_id not in locked
        ),
        None,
    )


def is_overdue(assignment: Assignment, today: date) -> bool:
    return (
        assignment.due_date is not None
        and assignment.due_date < today
        and assignment.status in (AssignmentStatus.ACTIVE, AssignmentStatus.IN_PROGRESS)
    )
