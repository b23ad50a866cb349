from collections.abc import Collection, Sequence

from sqlalchemy import exists, insert, select
from sqlalchemy.ext.asyncio import AsyncSession

from mb.adapters.db.repositories.bulk import chunks
from mb.adapters.db.tables import ActivityRow, UserRow
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

    async def user_ids(self) -> list[int]:
        # One index probe per person rather than a DISTINCT over every event.
        found = await self._session.scalars(
            select(UserRow.id).where(exists().where(ActivityRow.user_id == UserRow.id)).order_by(UserRow.id)
        )
        return list(found)

    async def history(self, user_ids: Collection[int]) -> Sequence[ActivityEvent]:
        events: list[ActivityEvent] = []
        for chunk in chunks(sorted(set(user_ids))):
            rows = await self._session.execute(
                select(
                    ActivityRow.user_id, ActivityRow.kind, ActivityRow.at, ActivityRow.details, ActivityRow.id
                )
                .where(ActivityRow.user_id.in_(chunk))
                .order_by(ActivityRow.user_id, ActivityRow.at, ActivityRow.id)
            )
            events += [
                ActivityEvent(user_id, ActivityKind(kind), at, dict(details), event_id)
                for user_id, kind, at, details, event_id in rows
            ]
        return events
