from collections.abc import Collection, Sequence
from datetime import date, datetime

from sqlalchemy import (
    ColumnElement,
    Integer,
    and_,
    case,
    exists,
    false,
    func,
    insert,
    literal,
    literal_column,
    select,
    update,
)
from sqlalchemy.engine import CursorResult
from sqlalchemy.ext.asyncio import AsyncSession

from mb.adapters.db.repositories.bulk import chunks
from mb.adapters.db.repositories.youth_filter import youth_conditions
from mb.adapters.db.tables import AssignmentRow, UserRow
from mb.adapters.db.types import CalendarDate, UtcDateTime
from mb.domain.model.assignment import Assignment, AssignmentStatus
from mb.domain.model.recommendation import Uptake
from mb.domain.model.youth_filter import YouthFilter

_FIELDS = (
    "user_id",
    "module_id",
    "progress",
    "assigned_at",
    "started_at",
    "completed_at",
    "due_date",
    "quiz_passed",
    "assigned_by",
)
WITHDRAWN = AssignmentStatus.INACTIVE.value


class SqlaAssignmentRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def add(self, assignment: Assignment) -> Assignment:
        row = AssignmentRow(status=assignment.status.value, **{n: getattr(assignment, n) for n in _FIELDS})
        self._session.add(row)
        await self._session.flush()
        assignment.id = row.id
        return assignment

    async def get(self, user_id: int, module_id: int) -> Assignment | None:
        row = await self._session.scalar(
            select(AssignmentRow).where(
                AssignmentRow.user_id == user_id, AssignmentRow.module_id == module_id
            )
        )
        return _to_assignment(row) if row else None

    async def update(self, assignment: Assignment) -> None:
        row = await self._session.get(AssignmentRow, assignment.id)
        if row is None:
            raise LookupError(f"assignment {assignment.id} vanished")
        for name in _FIELDS:
            setattr(row, name, getattr(assignment, name))
        row.status = assignment.status.value
        await self._session.flush()

    async def for_user(self, user_id: int) -> Sequence[Assignment]:
        rows = await self._session.scalars(
            select(AssignmentRow).where(AssignmentRow.user_id == user_id).order_by(AssignmentRow.id)
        )
        return [_to_assignment(row) for row in rows]

    async def for_users(self, user_ids: Collection[int]) -> Sequence[Assignment]:
        found: list[Assignment] = []
        for chunk in chunks(sorted(set(user_ids))):
            rows = await self._session.scalars(
                select(AssignmentRow)
                .where(AssignmentRow.user_id.in_(chunk))
                .order_by(AssignmentRow.user_id, AssignmentRow.id)
            )
            found += [_to_assignment(row) for row in rows]
        return found

    async def count_matching(self, module_id: int, youth: YouthFilter) -> tuple[int, int]:
        holds = and_(
            AssignmentRow.user_id == UserRow.id,
            AssignmentRow.module_id == module_id,
            AssignmentRow.status != WITHDRAWN,
        )
        query = (
            select(func.count(UserRow.id), func.count(AssignmentRow.id))
            .select_from(UserRow)
            .outerjoin(AssignmentRow, holds)
            .where(*youth_conditions(youth))
        )
        matching, holding = (await self._session.execute(query)).one()
        return int(matching), int(holding)

    async def assign_matching(
        self, module_id: int, youth: YouthFilter, at: datetime, due: date | None, by: int | None
    ) -> int:
        matching = select(UserRow.id).where(*youth_conditions(youth))
        back = await self._session.execute(
            update(AssignmentRow)
            .where(
                AssignmentRow.module_id == module_id,
                AssignmentRow.status == WITHDRAWN,
                AssignmentRow.user_id.in_(matching),
            )
            .values(
                status=case(
                    (AssignmentRow.completed_at.is_not(None), AssignmentStatus.COMPLETED.value),
                    (AssignmentRow.progress > 0, AssignmentStatus.IN_PROGRESS.value),
                    else_=AssignmentStatus.ACTIVE.value,
                ),
                assigned_at=at,
                assigned_by=by,
                due_date=due,
            )
            .execution_options(synchronize_session=False)
        )
        held = exists().where(AssignmentRow.user_id == UserRow.id, AssignmentRow.module_id == module_id)
        new_rows = select(
            UserRow.id,
            literal(module_id, Integer),
            literal(AssignmentStatus.ACTIVE.value),
            literal(0, Integer),
            literal(at, UtcDateTime()),
            literal(due, CalendarDate),
            false(),
            literal(by, Integer),
        ).where(*youth_conditions(youth), ~held)
        added = await self._session.execute(
            insert(AssignmentRow).from_select(
                [
                    "user_id",
                    "module_id",
                    "status",
                    "progress",
                    "assigned_at",
                    "due_date",
                    "quiz_passed",
                    "assigned_by",
                ],
                new_rows,
            )
        )
        assert isinstance(back, CursorResult) and isinstance(added, CursorResult)
        return int(back.rowcount) + int(added.rowcount)

    async def completion_by_module(
        self, similar_level: str | None, before: datetime | None = None
    ) -> dict[int, Uptake]:
        # Completing sets started_at too, so every completer is among the learners.
        started: ColumnElement[bool] = AssignmentRow.started_at.is_not(None)
        done: ColumnElement[bool] = AssignmentRow.completed_at.is_not(None)
        if before is not None:
            started, done = AssignmentRow.started_at < before, AssignmentRow.completed_at < before
        learners: ColumnElement[int] = func.count()
        completed = _tally(done)
        similar_learners, similar_completed = learners, completed
        # Grouped by an expression, not the bare column: SQLite would otherwise walk the
        # (module_id, status) index and fetch each row out of order — four times slower at
        # 5,000 youth than reading the table straight through and sorting 30 groups.
        module = (AssignmentRow.module_id + literal_column("0", Integer)).label("module_id")
        query = select(module).select_from(AssignmentRow)
        if similar_level is not None:
            similar = UserRow.education_level == similar_level
            similar_learners, similar_completed = _tally(similar), _tally(and_(similar, done))
            query = query.join(UserRow, UserRow.id == AssignmentRow.user_id)
        rows = await self._session.execute(
            query.add_columns(learners, completed, similar_learners, similar_completed)
            .where(started)
            .group_by(module)
        )
        return {
            int(module_id): Uptake(int(similar_n), int(similar_done), int(n), int(n_done))
            for module_id, n, n_done, similar_n, similar_done in rows
        }


def _tally(condition: ColumnElement[bool]) -> ColumnElement[int]:
    return func.sum(case((condition, 1), else_=0))


def _to_assignment(row: AssignmentRow) -> Assignment:
    return Assignment(
        id=row.id, status=AssignmentStatus(row.status), **{name: getattr(row, name) for name in _FIELDS}
    )
