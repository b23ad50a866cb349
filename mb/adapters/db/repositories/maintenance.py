"""Maintenance mode as one reserved row of `feature_flags`: a run-time switch every replica reads,
like the flags, but not a feature (the flag repository passes over names it does not know)."""

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from mb.adapters.db.tables import FlagRow
from mb.domain.model.maintenance import MaintenanceState

MAINTENANCE_ROW = "maintenance_mode"


class SqlaMaintenanceSwitch:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def state(self) -> MaintenanceState:
        found = (
            await self._session.execute(
                select(FlagRow.enabled, FlagRow.updated_at, FlagRow.updated_by).where(
                    FlagRow.name == MAINTENANCE_ROW
                )
            )
        ).one_or_none()
        if found is None:
            return MaintenanceState(False)
        on, since, by = found
        return MaintenanceState(bool(on), since, by)

    async def set(self, on: bool, by: int | None, at: datetime) -> None:
        row = await self._session.get(FlagRow, MAINTENANCE_ROW)
        if row is None:
            row = FlagRow(name=MAINTENANCE_ROW)
            self._session.add(row)
        row.enabled, row.updated_by, row.updated_at = on, by, at
        await self._session.flush()
