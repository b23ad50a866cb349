"""In-memory fakes of the learning repositories, over the same Store as tests/fakes.py."""

import copy
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from mb.domain.errors import Conflict
from mb.domain.model.assignment import Assignment, AssignmentStatus, QuizAttempt
from mb.domain.model.module import Material, Module
from mb.domain.model.recommendation import Uptake
from mb.domain.model.risk import RiskLevel
from mb.domain.model.roles import Role
from mb.domain.model.user import User
from mb.domain.model.youth_filter import YouthFilter

if TYPE_CHECKING:
    from tests.fakes import Store


@dataclass
class LearningStore:
    modules: dict[int, Module] = field(default_factory=dict)
    materials: dict[int, Material] = field(default_factory=dict)
    assignments: dict[int, Assignment] = field(default_factory=dict)
    quiz_attempts: list[QuizAttempt] = field(default_factory=list)


class FakeModuleRepository:
    def __init__(self, store: "Store") -> None:
        self._learning = store.learning

    async def add(self, module: Module) -> Module:
        if any(m.code == module.code for m in self._learning.modules.values()):
            raise Conflict("duplicate module code")
        module.id = max(self._learning.modules, default=0) + 1
        self._learning.modules[module.id] = copy.deepcopy(module)
        return module

    async def get(self, module_id: int) -> Module | None:
        return copy.deepcopy(self._learning.modules.get(module_id))

    async def get_by_code(self, code: str) -> Module | None:
        return copy.deepcopy(next((m for m in self._learning.modules.values() if m.code == code), None))

    async def update(self, module: Module) -> None:
        assert module.id in self._learning.modules
        self._learning.modules[module.id] = copy.deepcopy(module)

    async def all(self) -> Sequence[Module]:
        return sorted(copy.deepcopy(list(self._learning.modules.values())), key=lambda m: m.code)

    async def prerequisite_graph(self) -> dict[int, list[int]]:
        return {i: sorted(m.prerequisites) for i, m in self._learning.modules.items() if m.prerequisites}


class FakeMaterialRepository:
    def __init__(self, store: "Store") -> None:
        self._learning = store.learning

    async def add(self, material: Material) -> Material:
        material.id = max(self._learning.materials, default=0) + 1
        self._learning.materials[material.id] = copy.deepcopy(material)
        return material

    async def get(self, material_id: int) -> Material | None:
        return copy.deepcopy(self._learning.materials.get(material_id))

    async def for_module(self, module_id: int) -> Sequence[Material]:
        return [
            copy.deepcopy(m) for i, m in sorted(self._learning.materials.items()) if m.module_id == module_id
        ]

    async def delete(self, material_id: int) -> None:
        self._learning.materials.pop(material_id, None)


class FakeAssignmentRepository:
    def __init__(self, store: "Store") -> None:
        self._store = store
        self._learning = store.learning

    async def add(self, assignment: Assignment) -> Assignment:
        if await self.get(assignment.user_id, assignment.module_id):
            raise Conflict("already assigned")
        assignment.id = max(self._learning.assignments, default=0) + 1
        self._learning.assignments[assignment.id] = copy.deepcopy(assignment)
        return assignment

    async def get(self, user_id: int, module_id: int) -> Assignment | None:
        found = (
            a for a in self._learning.assignments.values() if (a.user_id, a.module_id) == (user_id, module_id)
        )
        return copy.deepcopy(next(found, None))

    async def update(self, assignment: Assignment) -> None:
        assert assignment.id in self._learning.assignments
        self._learning.assignments[assignment.id] = copy.deepcopy(assignment)

    async def for_user(self, user_id: int) -> Sequence[Assignment]:
        return [
            copy.deepcopy(a) for _, a in sorted(self._learning.assignments.items()) if a.user_id == user_id
        ]

    async def for_users(self, user_ids: Collection[int]) -> Sequence[Assignment]:
        wanted = set(user_ids)
        found = [
            copy.deepcopy(a) for _, a in sorted(self._learning.assignments.items()) if a.user_id in wanted
        ]
        return sorted(found, key=lambda a: a.user_id)

    async def count_matching(self, module_id: int, youth: YouthFilter) -> tuple[int, int]:
        matching = self._matching(youth)
        holding = [
            u
            for u in matching
            if (a := await self.get(u, module_id)) is not None and a.status is not AssignmentStatus.INACTIVE
        ]
        return len(matching), len(holding)

    async def assign_matching(
        self, module_id: int, youth: YouthFilter, at: datetime, due: date | None, by: int | None
    ) -> int:
        count = 0
        for user_id in self._matching(youth):
            held = await self.get(user_id, module_id)
            if held is None:
                await self.add(Assignment(user_id, module_id, at, due_date=due, assigned_by=by))
            elif held.status is AssignmentStatus.INACTIVE:
                held.status = (
                    AssignmentStatus.COMPLETED
                    if held.completed_at
                    else AssignmentStatus.IN_PROGRESS
                    if held.progress
                    else AssignmentStatus.ACTIVE
                )
                held.assigned_at, held.assigned_by, held.due_date = at, by, due
                await self.update(held)
            else:
                continue
            count += 1
        return count

    async def completion_by_module(
        self, similar_level: str | None, before: datetime | None = None
    ) -> dict[int, Uptake]:
        counts: dict[int, list[int]] = {}
        for a in self._learning.assignments.values():
            if a.started_at is None or (before is not None and a.started_at >= before):
                continue
            done = a.completed_at is not None and (before is None or a.completed_at < before)
            user = self._store.users.get(a.user_id)
            similar = similar_level is None or (user is not None and user.education_level == similar_level)
            tally = counts.setdefault(a.module_id, [0, 0, 0, 0])
            for number, counted in enumerate((similar, similar and done, True, done)):
                tally[number] += counted
        return {module_id: Uptake(*tally) for module_id, tally in counts.items()}

    def _matching(self, youth: YouthFilter) -> list[int]:
        return [user_id for user_id, _ in matching_youth(self._store, youth)]


class FakeQuizAttempts:
    def __init__(self, store: "Store") -> None:
        self._learning = store.learning

    async def add(self, attempt: QuizAttempt) -> None:
        self._learning.quiz_attempts.append(attempt)

    async def for_user(self, user_id: int, module_id: int) -> Sequence[QuizAttempt]:
        return [a for a in self._learning.quiz_attempts if (a.user_id, a.module_id) == (user_id, module_id)]


def matching_youth(store: "Store", youth: YouthFilter) -> list[tuple[int, User]]:
    """Every user the filter reaches, with their id, by id: how each fake applies a YouthFilter."""
    levels = levels_on_newest_day(store) if youth.risk_level is not None else {}
    return [(user_id, user) for user_id, user in sorted(store.users.items()) if matches(user, youth, levels)]


def levels_on_newest_day(store: "Store") -> dict[int, RiskLevel]:
    """Each youth's risk level on the programme's newest day with features stored."""
    stored = store.insights.features
    newest = max((day for _, day in stored), default=None)
    return {user_id: row.risk.level for (user_id, day), row in stored.items() if day == newest}


def matches(user: User, youth: YouthFilter, newest_levels: Mapping[int, RiskLevel] | None = None) -> bool:
    """The fake's reading of a YouthFilter; the SQL one must agree (a contract test checks).
    `newest_levels` are the levels of `levels_on_newest_day`; none given: no features stored."""
    zone = ZoneInfo(youth.timezone)
    levels = newest_levels or {}
    checks = [
        user.role is Role.YOUTH and user.is_active,
        youth.user_ids is None or user.id in youth.user_ids,
        youth.mentor_id is None or user.mentor_id == youth.mentor_id,
        not youth.region or user.region == youth.region,
        not youth.institution or user.institution.lower() == youth.institution.strip().lower(),
        not youth.education_level or user.education_level == youth.education_level,
        not youth.sector_interest
        or youth.sector_interest.strip().lower() in [s.lower() for s in user.sector_interests],
        not youth.registered_from or user.created_at >= datetime.combine(youth.registered_from, time(), zone),
        not youth.registered_to
        or user.created_at < datetime.combine(youth.registered_to + timedelta(days=1), time(), zone),
        youth.risk_level is None or (user.id is not None and levels.get(user.id) is youth.risk_level),
    ]
    return all(checks)
