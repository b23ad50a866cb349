from collections.abc import Sequence

from sqlalchemy import insert, select
from sqlalchemy.ext.asyncio import AsyncSession

from mb.adapters.db.tables import ActivityRow
from mb.domain.model.activity import ActivityEvent, ActivityKind


class SqlaActivityLog:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def append(self, event: ActivityEvent) -> None:
        row = ActivityRow(
            user_id=event.user_id, kind=event.kind.value, at=event.at, details=dict(event.details)
        )
        self._session.add(row)
        await self._session.flush()
        event.id = row.id

    async def append_many(self, events: Sequence[ActivityEvent]) -> None:
        if events:
            rows = [
                {"user_id": e.user_id, "kind": e.kind.value, "at": e.at, "details": dict(e.details)}
                for e in events
            ]
            await self._session.execute(insert(ActivityRow), rows)

    async def for_user(self, user_id: int, limit: int) -> Sequence[ActivityEvent]:
        rows = await self._session.scalars(
            select(ActivityRow)
            .where(ActivityRow.user_id == user_id)
            .order_by(ActivityRow.at.desc(), ActivityRow.id.desc())
            .limit(limit)
        )
        return [ActivityEvent(r.user_id, ActivityKind(r.kind), r.at, dict(r.details), r.id) for r in rows]
