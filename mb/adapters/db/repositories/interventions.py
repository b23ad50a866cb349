from collections.abc import Sequence
from datetime import date

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from mb.adapters.db.tables import InterventionRow
from mb.domain.model.intervention import Intervention, InterventionKind


class SqlaInterventionRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def add(self, intervention: Intervention, on_day: date) -> Intervention:
        row = InterventionRow(
            mentor_id=intervention.mentor_id,
            youth_id=intervention.youth_id,
            kind=intervention.kind.value,
            note=intervention.note,
            outcome=intervention.outcome,
            at=intervention.at,
            on_day=on_day,
        )
        self._session.add(row)
        await self._session.flush()
        intervention.id = row.id
        return intervention

    async def for_youth(self, youth_id: int, limit: int) -> Sequence[Intervention]:
        found = await self._session.scalars(
            select(InterventionRow)
            .where(InterventionRow.youth_id == youth_id)
            .order_by(InterventionRow.at.desc(), InterventionRow.id.desc())
            .limit(limit)
        )
        return [
            Intervention(
                mentor_id=row.mentor_id,
                youth_id=row.youth_id,
                kind=InterventionKind(row.kind),
                note=row.note,
                outcome=row.outcome,
                at=row.at,
                id=row.id,
            )
            for row in found
        ]
