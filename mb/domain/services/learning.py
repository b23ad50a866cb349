"""Assignments and learning: staff assign modules; youth progress, take quizzes and complete."""

import logging
from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from mb.domain.errors import InvalidInput, NotFound, PermissionDenied
from mb.domain.model.activity import ActivityEvent, ActivityKind
from mb.domain.model.assignment import Assignment, AssignmentStatus, QuizAttempt
from mb.domain.model.audit import AuditEntry
from mb.domain.model.learning_views import (
    AssignedModule,
    AssignmentPreview,
    LearnerModule,
    LearnerModuleDetail,
    ProgressSaved,
    QuizQuestionView,
    QuizResult,
    YouthOverview,
)
from mb.domain.model.module import Module, ModuleStatus
from mb.domain.model.roles import Role
from mb.domain.model.user import Actor, User
from mb.domain.model.youth_filter import YouthFilter
from mb.domain.ports.clock import Clock
from mb.domain.ports.unit_of_work import UnitOfWork
from mb.domain.rules.learning_path import in_learning_order, is_overdue, next_step
from mb.domain.rules.prerequisites import locked_by
from mb.domain.rules.progress import complete_if_done, record_progress, start
from mb.domain.rules.quiz import answers_problem, mark
from mb.domain.services.access import require_role, youth_in_view
from mb.domain.services.awarding import AwardingService

log = logging.getLogger("mb.learning")
TIMELINE_LENGTH = 50


class LearningService:
    def __init__(
        self, uow: Callable[[], UnitOfWork], clock: Clock, timezone: str, awarding: AwardingService
    ) -> None:
        self._uow = uow
        self._clock = clock
        self._awarding = awarding
        self._zone = ZoneInfo(timezone)

    # --- staff -----------------------------------------------------------------------------

    async def preview_assignment(self, actor: Actor, module_id: int, youth: YouthFilter) -> AssignmentPreview:
        """How many youth the filter reaches, and how many of them already hold the module."""
        youth = self._scoped(actor, youth)
        async with self._uow() as uow:
            await _assignable(uow, module_id)
            matching, already = await uow.assignments.count_matching(module_id, youth)
        return AssignmentPreview(matching, already)

    async def assign(self, actor: Actor, module_id: int, youth: YouthFilter) -> int:
        """Assign to every matching youth who does not hold it yet; returns how many got it."""
        youth = self._scoped(actor, youth)
        now = self._clock.now()
        async with self._uow() as uow:
            module = await _assignable(uow, module_id)
            due = self._today() + timedelta(days=module.due_in_days) if module.due_in_days else None
            count = await uow.assignments.assign_matching(module_id, youth, now, due, actor.user_id)
            await uow.audit.record(
                AuditEntry(now, actor.user_id, "module.assigned", "module", str(module_id), {"youth": count})
            )
            await uow.commit()
        log.info("module.assigned", extra={"module_id": module_id, "youth": count, "user_id": actor.user_id})
        return count

    async def withdraw(self, actor: Actor, user_id: int, module_id: int) -> None:
        now = self._clock.now()
        async with self._uow() as uow:
            await self._youth_in_reach(uow, actor, user_id)
            assignment = await uow.assignments.get(user_id, module_id)
            if assignment is None or assignment.status is AssignmentStatus.INACTIVE:
                raise NotFound("That module is not assigned to this youth.")
            assignment.status = AssignmentStatus.INACTIVE
            await uow.assignments.update(assignment)
            details = {"user_id": user_id}
            await uow.audit.record(
                AuditEntry(now, actor.user_id, "module.withdrawn", "module", str(module_id), details)
            )
            await uow.commit()

    async def youth_overview(self, actor: Actor, user_id: int) -> YouthOverview:
        """A youth's profile, modules and recent activity, for their mentor and admins."""
        require_role(actor, Role.ADMIN, Role.MENTOR)
        async with self._uow() as uow:
            youth = await self._youth_in_reach(uow, actor, user_id)
            mentor = await uow.users.get(youth.mentor_id) if youth.mentor_id else None
            assignments = await uow.assignments.for_user(user_id)
            modules = await _modules_by_id(uow, [a.module_id for a in assignments])
            activity = await uow.activity.for_user(user_id, TIMELINE_LENGTH)
        held = [a for a in assignments if a.status is not AssignmentStatus.INACTIVE]
        due = [a.due_date for a in held if a.due_date and a.status is not AssignmentStatus.COMPLETED]
        return YouthOverview(
            youth=youth,
            mentor=mentor,
            assignments=tuple(AssignedModule(modules[a.module_id], a) for a in assignments),
            activity=tuple(activity),
            due_soon=min(due, default=None),
        )

    # --- youth -----------------------------------------------------------------------------

    async def my_learning(self, actor: Actor) -> list[LearnerModule]:
        """The youth's modules in learning order, with what locks them and the next step."""
        require_role(actor, Role.YOUTH)
        async with self._uow() as uow:
            assignments = await uow.assignments.for_user(actor.user_id)
            modules = await _modules_by_id(uow, [a.module_id for a in assignments], prerequisites=True)
        return [_for_learner(entry) for entry in self._entries(assignments, modules)]

    async def my_module(self, actor: Actor, module_id: int) -> LearnerModuleDetail:
        require_role(actor, Role.YOUTH)
        async with self._uow() as uow:
            entry, _ = await self._entry(uow, actor, module_id)
            materials = await uow.materials.for_module(module_id)
            attempts = await uow.quiz_attempts.for_user(actor.user_id, module_id)
        quiz = entry.module.quiz
        questions = tuple(QuizQuestionView(q.text, q.options) for q in quiz.questions) if quiz else ()
        return LearnerModuleDetail(
            _for_learner(entry), tuple(materials), questions, quiz.pass_mark if quiz else 0, tuple(attempts)
        )

    async def record_progress(self, actor: Actor, module_id: int, progress: object) -> ProgressSaved:
        """Progress only goes forward; 100 % completes the module once its quiz is passed."""
        require_role(actor, Role.YOUTH)
        now = self._clock.now()
        async with self._uow() as uow:
            entry, assignments = await self._entry(uow, actor, module_id)
            _refuse_if_locked(entry)
            assignment = entry.assignment
            completed = record_progress(assignment, progress, entry.module.quiz is not None, now)
            await uow.assignments.update(assignment)
            details = {"module_id": module_id, "progress": assignment.progress}
            events = [ActivityEvent(actor.user_id, ActivityKind.PROGRESS, now, details)]
            if completed:
                events.append(self._completed(actor, entry.module, now))
            earned = await self._record(uow, events, assignments)
            await uow.commit()
        return ProgressSaved(assignment, earned)

    async def submit_quiz(self, actor: Actor, module_id: int, answers: Sequence[int | None]) -> QuizResult:
        """Mark an attempt (every attempt is kept); passing completes a module already at 100 %."""
        require_role(actor, Role.YOUTH)
        now = self._clock.now()
        async with self._uow() as uow:
            entry, assignments = await self._entry(uow, actor, module_id)
            _refuse_if_locked(entry)
            quiz, assignment = entry.module.quiz, entry.assignment
            if quiz is None:
                raise InvalidInput({"quiz": "This module has no quiz."})
            if assignment.status in (AssignmentStatus.INACTIVE, AssignmentStatus.COMPLETED):
                raise InvalidInput({"quiz": "This module is already completed."})
            if (problem := answers_problem(quiz, answers)) is not None:
                raise InvalidInput({"quiz": problem})
            given = tuple(a for a in answers if a is not None)
            score, passed = mark(quiz, given)
            await uow.quiz_attempts.add(QuizAttempt(actor.user_id, module_id, given, score, passed, now))
            details = {"module_id": module_id, "score": score, "passed": passed}
            events = [ActivityEvent(actor.user_id, ActivityKind.QUIZ_ATTEMPT, now, details)]
            start(assignment, now)
            assignment.quiz_passed = assignment.quiz_passed or passed
            completed = complete_if_done(assignment, quiz_required=True, now=now)
            await uow.assignments.update(assignment)
            if completed:
                events.append(self._completed(actor, entry.module, now))
            earned = await self._record(uow, events, assignments)
            await uow.commit()
        return QuizResult(score, passed, quiz.pass_mark, completed, earned)

    # --- shared ----------------------------------------------------------------------------

    async def _record(
        self, uow: UnitOfWork, events: Sequence[ActivityEvent], assignments: Sequence[Assignment]
    ) -> int:
        """Append one youth's events and count them for points, badges and streak in the same
        transaction; `assignments` are the youth's, already read. Returns the points earned."""
        for event in events:
            await uow.activity.append(event)
        return await self._awarding.award(uow, events, assignments)

    def _completed(self, actor: Actor, module: Module, now: datetime) -> ActivityEvent:
        assert module.id is not None
        log.info("module.completed", extra={"module_id": module.id, "user_id": actor.user_id})
        return ActivityEvent(
            actor.user_id, ActivityKind.COMPLETION, now, {"module_id": module.id, "points": module.points}
        )

    async def _entry(
        self, uow: UnitOfWork, actor: Actor, module_id: int
    ) -> tuple[LearnerModule, Sequence[Assignment]]:
        """The youth's entry for `module_id`, and all their assignments (read once for both)."""
        assignments = await uow.assignments.for_user(actor.user_id)
        if not any(
            a.module_id == module_id and a.status is not AssignmentStatus.INACTIVE for a in assignments
        ):
            raise NotFound("This module is not assigned to you.")
        modules = await _modules_by_id(uow, [a.module_id for a in assignments], prerequisites=True)
        entry = next(e for e in self._entries(assignments, modules) if e.module.id == module_id)
        return entry, assignments

    def _entries(self, assignments: Sequence[Assignment], modules: dict[int, Module]) -> list[LearnerModule]:
        # Completing a module is a fact: withdrawing it afterwards must not re-lock what it opened.
        completed = {
            a.module_id
            for a in assignments
            if a.status is AssignmentStatus.COMPLETED or a.completed_at is not None
        }
        blocking = {
            module_id: tuple(
                modules[p].title for p in locked_by(module.prerequisites, completed) if p in modules
            )
            for module_id, module in modules.items()
        }
        locked = {module_id for module_id, titles in blocking.items() if titles}
        ordered = in_learning_order(assignments, locked)
        upcoming = next_step(ordered, locked)
        today = self._today()
        return [
            LearnerModule(
                modules[a.module_id], a, blocking[a.module_id], is_overdue(a, today), a.module_id == upcoming
            )
            for a in ordered
        ]

    async def _youth_in_reach(self, uow: UnitOfWork, actor: Actor, user_id: int) -> User:
        require_role(actor, Role.ADMIN, Role.MENTOR)
        return await youth_in_view(uow, actor, user_id)

    def _scoped(self, actor: Actor, youth: YouthFilter) -> YouthFilter:
        require_role(actor, Role.ADMIN, Role.MENTOR)
        mentor = actor.user_id if actor.role is Role.MENTOR else youth.mentor_id
        return replace(youth, mentor_id=mentor, timezone=str(self._zone))

    def _today(self) -> date:
        return self._clock.now().astimezone(self._zone).date()


def _for_learner(entry: LearnerModule) -> LearnerModule:
    """The entry without the quiz's answer key, so no page can show a youth the correct answers."""
    return replace(entry, module=replace(entry.module, quiz=None))


def _refuse_if_locked(entry: LearnerModule) -> None:
    if entry.locked_by:
        raise PermissionDenied(
            f"Complete {', '.join(entry.locked_by)} first; this module is locked until then."
        )


async def _assignable(uow: UnitOfWork, module_id: int) -> Module:
    module = await uow.modules.get(module_id)
    if module is None:
        raise NotFound("No such module.")
    if module.status is not ModuleStatus.ACTIVE:
        raise InvalidInput({"module": f"{module.title} is inactive; reactivate it before assigning it."})
    return module


async def _modules_by_id(
    uow: UnitOfWork, ids: Sequence[int], prerequisites: bool = False
) -> dict[int, Module]:
    """The modules behind `ids` (and, for lock checks, their prerequisites' titles)."""
    catalogue = {m.id: m for m in await uow.modules.all() if m.id is not None}
    wanted = set(ids)
    if prerequisites:
        wanted |= {p for i in ids for p in catalogue[i].prerequisites}
    return {i: catalogue[i] for i in wanted if i in catalogue}
