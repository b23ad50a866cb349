"""Writes a generated demo programme (`mb.demo`) in bulk: Core inserts, one transaction.

Going through the ORM a row at a time would take minutes at 5,000 youth; executemany in
chunks takes seconds, and the single transaction means a failure leaves nothing half-written.
"""

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import func, insert, select
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine

from mb.adapters.db.repositories.modules import quiz_to_json
from mb.adapters.db.tables import (
    ActivityRow,
    AssignmentRow,
    ModuleRow,
    PrerequisiteRow,
    QuizAttemptRow,
    UserRow,
)
from mb.demo.people import EMAIL_DOMAIN, DemoPerson
from mb.demo.programme import DemoProgramme
from mb.domain.model.module import ModuleStatus
from mb.domain.model.roles import Role

CHUNK = 5000


@dataclass(frozen=True)
class DatabaseContents:
    """What is already there, to decide whether demo data may go in."""

    youth: int
    modules: int
    admins: int
    demo_people: int  # accounts with a demo email: the demo data was written before


async def database_contents(engine: AsyncEngine) -> DatabaseContents:
    async with engine.connect() as connection:

        async def count(*conditions: Any, table: Any = UserRow) -> int:
            found = await connection.scalar(select(func.count()).select_from(table).where(*conditions))
            return int(found or 0)

        return DatabaseContents(
            youth=await count(UserRow.role == Role.YOUTH.value),
            modules=await count(table=ModuleRow),
            admins=await count(UserRow.role == Role.ADMIN.value),
            demo_people=await count(UserRow.email.endswith(f"@{EMAIL_DOMAIN}")),
        )


async def write_programme(engine: AsyncEngine, programme: DemoProgramme, password_hash: str) -> None:
    """Everything or nothing; every demo account gets `password_hash` (one hash, not thousands)."""
    async with engine.begin() as connection:
        modules = await _write_modules(connection, programme)
        mentors = await _write_people(connection, programme.mentors, password_hash, [], [])
        last_logins = [learning.last_login_at for learning in programme.learning]
        youth = await _write_people(connection, programme.youth, password_hash, mentors, last_logins)
        await _insert(
            connection,
            AssignmentRow,
            (
                {
                    "user_id": youth[a.youth],
                    "module_id": modules[a.module],
                    "status": a.status.value,
                    "progress": a.progress,
                    "assigned_at": a.assigned_at,
                    "started_at": a.started_at,
                    "completed_at": a.completed_at,
                    "due_date": a.due_date,
                    "quiz_passed": a.quiz_passed,
                    "assigned_by": mentors[a.assigned_by] if a.assigned_by is not None else None,
                }
                for a in programme.assignments()
            ),
        )
        await _insert(
            connection,
            QuizAttemptRow,
            (
                {
                    "user_id": youth[q.youth],
                    "module_id": modules[q.module],
                    "answers": list(q.answers),
                    "score": q.score,
                    "passed": q.passed,
                    "at": q.at,
                }
                for q in programme.attempts()
            ),
        )
        await _insert(
            connection,
            ActivityRow,
            (
                {
                    "user_id": youth[e.youth],
                    "kind": e.kind.value,
                    "at": e.at,
                    "details": {"module_id": modules[e.module], **e.details} if e.module else e.details,
                }
                for e in programme.events()
            ),
        )


async def _write_modules(connection: AsyncConnection, programme: DemoProgramme) -> dict[str, int]:
    at = programme.catalogue_created_at
    rows = [
        {
            "code": m.code,
            "title": m.title,
            "description": m.description,
            "duration_hours": m.hours,
            "skills": list(m.skills),
            "sector": m.sector,
            "difficulty": m.difficulty.value,
            "points": m.points,
            "due_in_days": m.due_in_days,
            "status": ModuleStatus.ACTIVE.value,
            "quiz": quiz_to_json(m.quiz),
            "created_at": at,
            "updated_at": at,
        }
        for m in programme.modules
    ]
    ids = await _insert_returning_ids(connection, ModuleRow, rows)
    by_code = {m.code: module_id for m, module_id in zip(programme.modules, ids, strict=True)}
    await _insert(
        connection,
        PrerequisiteRow,
        (
            {"module_id": by_code[m.code], "prerequisite_id": by_code[code]}
            for m in programme.modules
            for code in m.requires
        ),
    )
    return by_code


async def _write_people(
    connection: AsyncConnection,
    people: Sequence[DemoPerson],
    password_hash: str,
    mentor_ids: Sequence[int],
    last_logins: Sequence[datetime | None],
) -> list[int]:
    """The people's ids in their order, so a person's `key` finds their id. Staff never signed in."""
    rows = [
        {
            "email": p.email,
            "password_hash": password_hash,
            "role": p.role.value,
            "full_name": p.full_name,
            "phone": p.phone,
            "date_of_birth": p.date_of_birth,
            "institution": p.institution,
            "education_level": p.education_level,
            "region": p.region,
            "skills": list(p.skills),
            "sector_interests": list(p.sector_interests),
            "student_id": p.student_id,
            "mentor_id": mentor_ids[p.mentor] if p.mentor is not None else None,
            "is_active": p.is_active,
            "created_at": p.created_at,
            "last_login_at": last_logins[p.key] if last_logins else None,
        }
        for p in people
    ]
    return await _insert_returning_ids(connection, UserRow, rows)


async def _insert_returning_ids(
    connection: AsyncConnection, table: Any, rows: list[dict[str, Any]]
) -> list[int]:
    ids: list[int] = []
    for chunk in _chunks(iter(rows)):
        # Ids in the order of the rows, on every backend that supports RETURNING with executemany.
        statement = insert(table).returning(table.id, sort_by_parameter_order=True)
        ids.extend(int(i) for i in (await connection.execute(statement, chunk)).scalars())
    return ids


async def _insert(connection: AsyncConnection, table: Any, rows: Iterator[dict[str, Any]]) -> None:
    for chunk in _chunks(rows):
        await connection.execute(insert(table), chunk)


def _chunks(rows: Iterator[dict[str, Any]]) -> Iterator[list[dict[str, Any]]]:
    chunk: list[dict[str, Any]] = []
    for row in rows:
        chunk.append(row)
        if len(chunk) == CHUNK:
            yield chunk
            chunk = []
    if chunk:
        yield chunk
