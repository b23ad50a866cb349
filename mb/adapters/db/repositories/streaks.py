from collections.abc import Sequence
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.ext.asyncio import AsyncSession

from mb.adapters.db.repositories.bulk import insert_all
from mb.adapters.db.repositories.on_conflict import save_row
from mb.adapters.db.tables import StreakRow
from mb.domain.model.engagement import Streak


class SqlaStreakRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def get(self, user_id: int) -> Streak | None:
        # Columns, not the mapped row: `save` writes past the session's identity map.
        row = (
            await self._session.execute(
                select(
                    StreakRow.current_days,
                    StreakRow.best_days,
                    StreakRow.started_on,
                    StreakRow.last_active_on,
                ).where(StreakRow.user_id == user_id)
            )
        ).one_or_none()
        return None if row is None else Streak(user_id, *row)

    async def save(self, streak: Streak) -> None:
        await save_row(self._session, StreakRow, "user_id", _to_row(streak))

    async def clear(self) -> None:
        await self._session.execute(delete(StreakRow))

    async def add_many(self, streaks: Sequence[Streak]) -> None:
        rows = [_to_row(streak) for streak in streaks]
        await insert_all(self._session, StreakRow, rows)


def _to_row(streak: Streak) -> dict[str, Any]:
    return {
        "user_id": streak.user_id,
        "current_days": streak.current,
        "best_days": streak.best,
        "started_on": streak.started_on,
        "last_active_on": streak.last_active_on,
    }
