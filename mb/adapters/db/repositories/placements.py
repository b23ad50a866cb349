from collections.abc import Sequence

from sqlalchemy import ColumnElement, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from mb.adapters.db.tables import PlacementRow
from mb.domain.model.placement import Placement

_FIELDS = (
    "youth_id",
    "employer_name",
    "contact_email",
    "job_title",
    "start_date",
    "recorded_by",
    "recorded_at",
)


class SqlaPlacementRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def add(self, placement: Placement) -> Placement:
        row = PlacementRow(**{name: getattr(placement, name) for name in _FIELDS})
        self._session.add(row)
        await self._session.flush()
        placement.id = row.id
        return placement

    async def get(self, placement_id: int) -> Placement | None:
        row = await self._session.get(PlacementRow, placement_id)
        return _to_placement(row) if row else None

    async def recent(self, offset: int, limit: int, youth_id: int | None = None) -> Sequence[Placement]:
        rows = await self._session.scalars(
            select(PlacementRow)
            .where(*_of_youth(youth_id))
            .order_by(PlacementRow.start_date.desc(), PlacementRow.id.desc())
            .offset(offset)
            .limit(limit)
        )
        return [_to_placement(row) for row in rows]

    async def count(self, youth_id: int | None = None) -> int:
        found = await self._session.scalar(
            select(func.count()).select_from(PlacementRow).where(*_of_youth(youth_id))
        )
        return int(found or 0)


def _of_youth(youth_id: int | None) -> list[ColumnElement[bool]]:
    return [] if youth_id is None else [PlacementRow.youth_id == youth_id]


def _to_placement(row: PlacementRow) -> Placement:
    return Placement(id=row.id, **{name: getattr(row, name) for name in _FIELDS})
