from collections.abc import Sequence
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import aliased

from mb.adapters.db.tables import AuditRow, UserRow
from mb.domain.model.audit import AuditEntry
from mb.domain.model.audit_query import AuditListing, AuditQuery
from mb.domain.model.user_query import PersonRef


class SqlaAuditLog:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def record(self, entry: AuditEntry) -> None:
        row = AuditRow(
            at=entry.at,
            actor_id=entry.actor_id,
            action=entry.action,
            target_type=entry.target_type,
            target_id=entry.target_id,
            details=dict(entry.details),
        )
        self._session.add(row)
        await self._session.flush()
        entry.id = row.id

    async def recent(self, limit: int) -> Sequence[AuditEntry]:
        rows = await self._session.scalars(select(AuditRow).order_by(AuditRow.id.desc()).limit(limit))
        return [_entry(r) for r in rows]

    async def search(self, query: AuditQuery, offset: int, limit: int) -> Sequence[AuditListing]:
        actor = aliased(UserRow)
        statement = (
            select(AuditRow, actor.id, actor.full_name, actor.email, actor.is_active)
            .outerjoin(actor, actor.id == AuditRow.actor_id)
            .where(*_conditions(query))
            .order_by(AuditRow.at.desc(), AuditRow.id.desc())
            .offset(offset)
            .limit(limit)
        )
        listings = []
        for row, actor_id, name, email, active in (await self._session.execute(statement)).all():
            person = PersonRef(actor_id, name, email, bool(active)) if actor_id is not None else None
            listings.append(AuditListing(_entry(row), person))
        return listings

    async def count(self, query: AuditQuery) -> int:
        total = await self._session.scalar(
            select(func.count()).select_from(AuditRow).where(*_conditions(query))
        )
        return int(total or 0)

    async def actions(self) -> list[str]:
        return list(await self._session.scalars(select(AuditRow.action).distinct().order_by(AuditRow.action)))


def _conditions(query: AuditQuery) -> list[Any]:
    conditions: list[Any] = []
    if query.action.endswith("."):
        conditions.append(AuditRow.action.startswith(query.action, autoescape=True))
    elif query.action:
        conditions.append(AuditRow.action == query.action)
    if query.actor_id is not None:
        conditions.append(AuditRow.actor_id == query.actor_id)
    if query.target_type:
        conditions.append(AuditRow.target_type == query.target_type)
    if query.since is not None:
        conditions.append(AuditRow.at >= query.since)
    if query.until is not None:
        conditions.append(AuditRow.at < query.until)
    return conditions


def _entry(row: AuditRow) -> AuditEntry:
    return AuditEntry(
        row.at, row.actor_id, row.action, row.target_type, row.target_id, dict(row.details), row.id
    )
