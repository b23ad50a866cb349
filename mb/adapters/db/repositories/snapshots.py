from sqlalchemy.ext.asyncio import AsyncSession

from mb.adapters.db.repositories.on_conflict import save_row
from mb.adapters.db.tables import InsightSnapshotRow
from mb.domain.model.insights import InsightSnapshot


class SqlaInsightSnapshots:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def get(self, name: str) -> InsightSnapshot | None:
        row = await self._session.get(InsightSnapshotRow, name)
        return None if row is None else InsightSnapshot(row.name, row.computed_at, dict(row.payload))

    async def save(self, snapshot: InsightSnapshot) -> None:
        values = {"name": snapshot.name, "computed_at": snapshot.computed_at, "payload": snapshot.payload}
        await save_row(self._session, InsightSnapshotRow, "name", values)
