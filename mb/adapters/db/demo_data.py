"""Writes a generated demo programme (`mb.demo`) in bulk: Core inserts, one transaction.

Going through the ORM a row at a time would take minutes at 5,000 youth; executemany in
chunks takes seconds, and the single transaction means a failure leaves nothing half-written.
The survey rows are written from the domain's own records (placements, invitations, responses),
partly through the repositories, in the same transaction.
"""

import heapq
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, fields, replace
from datetime import datetime
from enum import Enum
from typing import Any

from sqlalchemy import func, insert, select
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine, AsyncSession

from mb.adapters.db.repositories.bulk import chunks
from mb.adapters.db.repositories.distributions import SqlaDistributionRepository
from mb.adapters.db.repositories.modules import quiz_to_json
from mb.adapters.db.repositories.outbox import SqlaOutbox
from mb.adapters.db.repositories.surveys import SqlaSurveyTemplateRepository
from mb.adapters.db.tables import (
    ActivityRow,
    AssignmentRow,
    InterventionRow,
    InvitationRow,
    ModuleRow,
    PlacementRow,
    PrerequisiteRow,
    QuizAttemptRow,
    SurveyResponseRow,
    UserRow,
)
from mb.demo.people import EMAIL_DOMAIN, DemoPerson
from mb.demo.programme import DemoProgramme
from mb.domain.model.activity import ActivityKind
from mb.domain.model.invitation import DeliveryStatus, Distribution, Invitation, SurveyResponse
from mb.domain.model.mail import OutboxMessage, OutboxStatus
from mb.domain.model.module import ModuleStatus
from mb.domain.model.placement import Placement
from mb.domain.model.roles import Role
from mb.domain.model.survey import SurveyTemplate, TemplateType

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
            InterventionRow,
            (
                {
                    "mentor_id": mentors[i.mentor],
                    "youth_id": youth[i.youth],
                    "kind": i.kind.value,
                    "note": i.note,
                    "outcome": i.outcome,
                    "at": i.at,
                    "on_day": i.on_day,
                }
                for i in programme.interventions
            ),
        )
        async with AsyncSession(bind=connection) as session:  # the repositories, in this transaction
            invitations = await _write_surveys(session, programme, youth, mentors)
        learning = (
            {
                "user_id": youth[e.youth],
                "kind": e.kind.value,
                "at": e.at,
                "details": {"module_id": modules[e.module], **e.details} if e.module else e.details,
            }
            for e in programme.events()
        )
        answers = (
            {
                "user_id": youth[e.youth],
                "kind": ActivityKind.SURVEY_RESPONSE.value,
                "at": e.at,
                "details": {"invitation_id": invitations[e.invitation]},
            }
            for e in programme.surveys.events()
        )
        # In time order, as the app appends them.
        await _insert(connection, ActivityRow, heapq.merge(learning, answers, key=lambda row: row["at"]))


async def survey_templates_in_use(engine: AsyncEngine) -> dict[TemplateType, SurveyTemplate]:
    """The current, active template of each type: those new surveys go out with."""
    async with AsyncSession(engine) as session:
        templates = SqlaSurveyTemplateRepository(session)
        found = {kind: await templates.current_of_type(kind.value) for kind in TemplateType}
    return {kind: template for kind, template in found.items() if template is not None}


async def _write_surveys(
    session: AsyncSession, programme: DemoProgramme, youth: Sequence[int], mentors: Sequence[int]
) -> list[int]:
    """Templates the database lacks, placements, distributions, invitations, responses and the
    sent mail; returns the invitations' ids in their order."""
    surveys = programme.surveys
    templates = await _write_templates(session, surveys.templates)
    placements = await _insert_returning_ids(
        await session.connection(),
        PlacementRow,
        [
            _columns(
                Placement(
                    youth_id=youth[p.youth],
                    employer_name=p.employer_name,
                    contact_email=p.contact_email,
                    job_title=p.job_title,
                    start_date=p.start_date,
                    recorded_by=mentors[p.recorded_by] if p.recorded_by is not None else None,
                    recorded_at=p.recorded_at,
                )
            )
            for p in programme.placements
        ],
    )
    distributions = SqlaDistributionRepository(session)
    distribution_ids = [
        (
            await distributions.add(
                Distribution(
                    template_id=templates[d.template],
                    audience=d.audience,
                    label=d.label,
                    created_by=None,
                    created_at=d.created_at,
                    automatic=d.automatic,
                )
            )
        ).id
        for d in surveys.distributions
    ]
    invitations = await _write_invitations(
        await session.connection(),
        [
            Invitation(
                distribution_id=_known(distribution_ids[i.distribution]),
                template_id=templates[i.template],
                audience=i.audience,
                recipient_email=i.recipient_email,
                youth_id=youth[i.youth],
                placement_id=placements[i.placement] if i.placement is not None else None,
                token_hash=i.token_hash,
                token_seed=i.token_seed,
                created_at=i.created_at,
                send_after=i.send_after,
                expires_at=i.expires_at,
                sent_at=i.sent_at,
                opened_at=i.opened_at,
                completed_at=i.completed_at,
                reminders_sent=len(i.reminded_at),
                last_reminded_at=i.reminded_at[-1] if i.reminded_at else None,
                delivery=DeliveryStatus.SENT,
            )
            for i in surveys.invitations
        ],
    )
    await _insert(
        await session.connection(),
        SurveyResponseRow,
        (
            _columns(
                SurveyResponse(
                    template_id=templates[r.template],
                    distribution_id=_known(distribution_ids[r.distribution]),
                    answers=r.answers,
                    submitted_on=r.submitted_on,
                    invitation_id=invitations[r.invitation] if r.invitation is not None else None,
                    submitted_at=r.submitted_at,
                )
            )
            for r in surveys.responses()
        ),
    )
    await SqlaOutbox(session).add_many(
        [
            OutboxMessage(
                invitation_id=invitations[m.invitation],
                kind=m.kind,
                created_at=m.created_at,
                next_attempt_at=m.next_attempt_at,
                status=OutboxStatus.SENT,
                sent_at=m.sent_at,
            )
            for m in surveys.mail()
        ]
    )
    return invitations


async def _write_templates(
    session: AsyncSession, templates: Mapping[TemplateType, SurveyTemplate]
) -> dict[TemplateType, int]:
    """Ids of the templates in use, adding those the database lacks (copies: the programme is
    left as it was, to be written again elsewhere)."""
    repository = SqlaSurveyTemplateRepository(session)
    ids: dict[TemplateType, int] = {}
    for kind, template in templates.items():
        stored = template if template.id is not None else await repository.add(replace(template))
        ids[kind] = _known(stored.id)
    return ids


async def _write_invitations(connection: AsyncConnection, invitations: list[Invitation]) -> list[int]:
    """Their ids in their order, found by their (unique) token hashes: INSERT … RETURNING in the
    rows' order goes a row at a time on SQLite, seconds for 5,000 youth."""
    await _insert(connection, InvitationRow, (_columns(i) for i in invitations))
    ids: dict[str | None, int] = {}
    for chunk in chunks([i.token_hash for i in invitations]):
        found = await connection.execute(
            select(InvitationRow.token_hash, InvitationRow.id).where(InvitationRow.token_hash.in_(chunk))
        )
        ids.update((token, invitation_id) for token, invitation_id in found)
    return [ids[i.token_hash] for i in invitations]


def _columns(record: Any) -> dict[str, Any]:
    """A domain record whose fields are its table's columns, as a row to insert (its id to come)."""
    row = {f.name: getattr(record, f.name) for f in fields(record) if f.name != "id"}
    return {name: value.value if isinstance(value, Enum) else value for name, value in row.items()}


def _known(row_id: int | None) -> int:
    assert row_id is not None, "written rows have ids"
    return row_id


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
