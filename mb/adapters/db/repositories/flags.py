from collections.abc import Sequence

from sqlalchemy import delete, select
from sqlalchemy.ext.asyncio import AsyncSession

from mb.adapters.db.tables import FlagRow
from mb.domain.model.flags import Flag, FlagOverride


class SqlaFlagRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def all(self) -> Sequence[FlagOverride]:
        rows = await self._session.scalars(select(FlagRow))
        known = {flag.value for flag in Flag}
        return [
            FlagOverride(Flag(r.name), r.enabled, r.updated_by, r.updated_at) for r in rows if r.name in known
        ]

    async def save(self, override: FlagOverride) -> None:
        row = await self._session.get(FlagRow, override.name.value)
        if row is None:
            row = FlagRow(name=override.name.value)
            self._session.add(row)
        row.enabled = override.enabled
        row.updated_by = override.updated_by
        row.updated_at = override.updated_at
        await self._session.flush()

    async def delete(self, name: Flag) -> None:
        await self._session.execute(delete(FlagRow).where(FlagRow.name == name.value))
