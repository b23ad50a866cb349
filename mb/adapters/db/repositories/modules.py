from collections.abc import Sequence
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.ext.asyncio import AsyncSession

from mb.adapters.db.tables import ModuleRow, PrerequisiteRow
from mb.domain.model.module import Difficulty, Module, ModuleStatus, Question, Quiz

_FIELDS = (
    "code",
    "title",
    "description",
    "duration_hours",
    "sector",
    "points",
    "due_in_days",
    "created_at",
    "updated_at",
)


class SqlaModuleRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def add(self, module: Module) -> Module:
        row = ModuleRow()
        _copy_to_row(module, row)
        self._session.add(row)
        await self._session.flush()
        module.id = row.id
        await self._save_prerequisites(module)
        return module

    async def get(self, module_id: int) -> Module | None:
        row = await self._session.get(ModuleRow, module_id)
        return await self._to_module(row) if row else None

    async def get_by_code(self, code: str) -> Module | None:
        row = await self._session.scalar(select(ModuleRow).where(ModuleRow.code == code))
        return await self._to_module(row) if row else None

    async def update(self, module: Module) -> None:
        row = await self._session.get(ModuleRow, module.id)
        if row is None:
            raise LookupError(f"module {module.id} vanished")
        _copy_to_row(module, row)
        await self._save_prerequisites(module)
        await self._session.flush()

    async def all(self) -> Sequence[Module]:
        graph = await self.prerequisite_graph()
        rows = await self._session.scalars(select(ModuleRow).order_by(ModuleRow.code))
        return [_to_module(row, graph.get(row.id, [])) for row in rows]

    async def prerequisite_graph(self) -> dict[int, list[int]]:
        rows = await self._session.execute(
            select(PrerequisiteRow.module_id, PrerequisiteRow.prerequisite_id).order_by(
                PrerequisiteRow.module_id, PrerequisiteRow.prerequisite_id
            )
        )
        graph: dict[int, list[int]] = {}
        for module_id, prerequisite_id in rows:
            graph.setdefault(module_id, []).append(prerequisite_id)
        return graph

    async def _save_prerequisites(self, module: Module) -> None:
        await self._session.execute(delete(PrerequisiteRow).where(PrerequisiteRow.module_id == module.id))
        for prerequisite_id in module.prerequisites:
            self._session.add(PrerequisiteRow(module_id=module.id, prerequisite_id=prerequisite_id))
        await self._session.flush()

    async def _to_module(self, row: ModuleRow) -> Module:
        prerequisites = await self._session.scalars(
            select(PrerequisiteRow.prerequisite_id)
            .where(PrerequisiteRow.module_id == row.id)
            .order_by(PrerequisiteRow.prerequisite_id)
        )
        return _to_module(row, list(prerequisites))


def _copy_to_row(module: Module, row: ModuleRow) -> None:
    for name in _FIELDS:
        setattr(row, name, getattr(module, name))
    row.skills = list(module.skills)
    row.difficulty = module.difficulty.value
    row.status = module.status.value
    row.quiz = quiz_to_json(module.quiz)


def _to_module(row: ModuleRow, prerequisites: list[int]) -> Module:
    return Module(
        id=row.id,
        skills=list(row.skills or []),
        prerequisites=prerequisites,
        difficulty=Difficulty(row.difficulty),
        status=ModuleStatus(row.status),
        quiz=_quiz_from_json(row.quiz),
        **{name: getattr(row, name) for name in _FIELDS},
    )


def quiz_to_json(quiz: Quiz | None) -> dict[str, Any] | None:
    """How a quiz is stored (also by the demo data writer)."""
    if quiz is None:
        return None
    return {
        "pass_mark": quiz.pass_mark,
        "questions": [
            {"text": q.text, "options": list(q.options), "correct": q.correct} for q in quiz.questions
        ],
    }


def _quiz_from_json(data: dict[str, Any] | None) -> Quiz | None:
    if not data:
        return None
    questions = tuple(Question(q["text"], tuple(q["options"]), int(q["correct"])) for q in data["questions"])
    return Quiz(questions, int(data["pass_mark"]))
