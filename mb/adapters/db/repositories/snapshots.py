from sqlalchemy import delete
from sqlalchemy.ext.asyncio import AsyncSession

from mb.adapters.db.tables import InsightSnapshotRow
from mb.domain.model.insights import InsightSnapshot


class SqlaInsightSnapshots:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def get(self, name: str) -> InsightSnapshot | None:
        row = await self._session.get(InsightSnapshotRow, name)
        return None if row is None else InsightSnapshot(row.name, row.computed_at, dict(row.payload))

    async def save(self, snapshot: InsightSnapshot) -> None:
        # Delete and insert: the same on SQLite, PostgreSQL and Azure SQL; two syncs saving at once
        # meet the primary key, and the unit of work reports the conflict.
        await self._session.execute(
            delete(InsightSnapshotRow).where(InsightSnapshotRow.name == snapshot.name)
        )
        self._session.add(
            InsightSnapshotRow(name=snapshot.name, computed_at=snapshot.computed_at, payload=snapshot.payload)
        )
        await self._session.flush()
