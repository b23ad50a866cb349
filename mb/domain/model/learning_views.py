"""What the learning pages show, assembled by the services from stored data."""

from dataclasses import dataclass
from datetime import date

from mb.domain.model.activity import ActivityEvent
from mb.domain.model.assignment import Assignment, QuizAttempt
from mb.domain.model.module import Material, Module
from mb.domain.model.user import User


@dataclass(frozen=True)
class QuizQuestionView:
    """A question as the learner sees it: never the correct answer."""

    text: str
    options: tuple[str, ...]


@dataclass(frozen=True)
class LearnerModule:
    """One of a youth's modules. Given to youth, `module.quiz` is withheld (None): it holds the
    correct answers; the questions reach them as `LearnerModuleDetail.quiz`."""

    module: Module
    assignment: Assignment
    locked_by: tuple[str, ...]  # titles of prerequisites not yet completed
    overdue: bool
    is_next_step: bool


@dataclass(frozen=True)
class LearnerModuleDetail:
    entry: LearnerModule
    materials: tuple[Material, ...]
    quiz: tuple[QuizQuestionView, ...]  # empty when the module has no quiz
    pass_mark: int
    attempts: tuple[QuizAttempt, ...]


@dataclass(frozen=True)
class QuizResult:
    score: int
    passed: bool
    pass_mark: int
    completed: bool
    points_earned: int = 0  # what the attempt earned (0 while gamification is off)


@dataclass(frozen=True)
class ProgressSaved:
    assignment: Assignment
    points_earned: int = 0  # what the update earned (0 while gamification is off)


@dataclass(frozen=True)
class AssignmentPreview:
    matching: int
    already: int

    @property
    def to_assign(self) -> int:
        return self.matching - self.already


@dataclass(frozen=True)
class AssignedModule:
    module: Module
    assignment: Assignment


@dataclass(frozen=True)
class YouthOverview:
    """A mentor's view of one youth."""

    youth: User
    mentor: User | None
    assignments: tuple[AssignedModule, ...]
    activity: tuple[ActivityEvent, ...]
    due_soon: date | None
