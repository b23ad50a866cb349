from collections.abc import Sequence

from sqlalchemy import delete, select
from sqlalchemy.ext.asyncio import AsyncSession

from mb.adapters.db.tables import MaterialRow
from mb.domain.model.module import Material


class SqlaMaterialRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def add(self, material: Material) -> Material:
        row = MaterialRow(
            module_id=material.module_id,
            filename=material.filename,
            content_type=material.content_type,
            size_bytes=material.size_bytes,
            blob_key=material.blob_key,
            uploaded_by=material.uploaded_by,
            uploaded_at=material.uploaded_at,
        )
        self._session.add(row)
        await self._session.flush()
        material.id = row.id
        return material

    async def get(self, material_id: int) -> Material | None:
        row = await self._session.get(MaterialRow, material_id)
        return _to_material(row) if row else None

    async def for_module(self, module_id: int) -> Sequence[Material]:
        rows = await self._session.scalars(
            select(MaterialRow).where(MaterialRow.module_id == module_id).order_by(MaterialRow.id)
        )
        return [_to_material(row) for row in rows]

    async def delete(self, material_id: int) -> None:
        await self._session.execute(delete(MaterialRow).where(MaterialRow.id == material_id))


def _to_material(row: MaterialRow) -> Material:
    return Material(
        row.module_id,
        row.filename,
        row.content_type,
        row.size_bytes,
        row.blob_key,
        row.uploaded_by,
        row.uploaded_at,
        row.id,
    )
