from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from mb.adapters.db.tables import AuditRow
from mb.domain.model.audit import AuditEntry


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
        return [
            AuditEntry(r.at, r.actor_id, r.action, r.target_type, r.target_id, dict(r.details), r.id)
            for r in rows
        ]
