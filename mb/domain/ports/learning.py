"""What the learning services need from storage."""

from collections.abc import Collection, Sequence
from datetime import date, datetime
from typing import Protocol

from mb.domain.model.assignment import Assignment, QuizAttempt
from mb.domain.model.module import Material, Module
from mb.domain.model.recommendation import Uptake
from mb.domain.model.youth_filter import YouthFilter


class ModuleRepository(Protocol):
    async def add(self, module: Module) -> Module: ...

    async def get(self, module_id: int) -> Module | None: ...

    async def get_by_code(self, code: str) -> Module | None: ...

    async def update(self, module: Module) -> None: ...

    async def all(self) -> Sequence[Module]:
        """Every module, active or not, ordered by code (the catalogue is at most a few hundred)."""

    async def prerequisite_graph(self) -> dict[int, list[int]]:
        """Module id → the ids of its prerequisites, for every module that has any."""


class MaterialRepository(Protocol):
    async def add(self, material: Material) -> Material: ...

    async def get(self, material_id: int) -> Material | None: ...

    async def for_module(self, module_id: int) -> Sequence[Material]:
        """Oldest first."""

    async def delete(self, material_id: int) -> None: ...


class AssignmentRepository(Protocol):
    async def add(self, assignment: Assignment) -> Assignment: ...

    async def get(self, user_id: int, module_id: int) -> Assignment | None: ...

    async def update(self, assignment: Assignment) -> None: ...

    async def for_user(self, user_id: int) -> Sequence[Assignment]:
        """All of one youth's assignments, withdrawn ones included."""

    async def for_users(self, user_ids: Collection[int]) -> Sequence[Assignment]:
        """All assignments of these youth, withdrawn ones included, ordered by user."""

    async def count_matching(self, module_id: int, youth: YouthFilter) -> tuple[int, int]:
        """(active youth matching `youth`, how many of them already hold the module)."""

    async def assign_matching(
        self, module_id: int, youth: YouthFilter, at: datetime, due: date | None, by: int | None
    ) -> int:
        """Assign the module to every matching youth who does not hold it (set-based, one
        statement); a withdrawn assignment comes back. Returns how many were (re)assigned."""

    async def completion_by_module(
        self, similar_level: str | None, before: datetime | None = None
    ) -> dict[int, Uptake]:
        """Per module, youth who started it and how many of them completed it: among all youth,
        and among those whose education level is `similar_level` (None: all youth again). With
        `before`, only what had happened by then. One set-based statement."""


class QuizAttempts(Protocol):
    async def add(self, attempt: QuizAttempt) -> None: ...

    async def for_user(self, user_id: int, module_id: int) -> Sequence[QuizAttempt]:
        """Oldest first."""
