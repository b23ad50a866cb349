from collections.abc import Sequence
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.ext.asyncio import AsyncSession

from mb.adapters.db.repositories.bulk import insert_all
from mb.adapters.db.repositories.on_conflict import insert_new
from mb.adapters.db.tables import BadgeRow
from mb.domain.model.engagement import BadgeAward

Held = tuple[int, str]  # (user id, badge code): a youth earns each badge once


class SqlaBadgeRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def add_new(self, badges: Sequence[BadgeAward]) -> list[BadgeAward]:
        wanted: dict[Held, BadgeAward] = {}
        for badge in badges:
            wanted.setdefault((badge.user_id, badge.badge), badge)
        rows = [_to_row(badge) for badge in wanted.values()]
        stored = await insert_new(self._session, BadgeRow, rows, ("user_id", "badge"))
        return [badge for held, badge in wanted.items() if held in stored]

    async def for_user(self, user_id: int) -> Sequence[BadgeAward]:
        rows = await self._session.scalars(
            select(BadgeRow).where(BadgeRow.user_id == user_id).order_by(BadgeRow.earned_at, BadgeRow.id)
        )
        return [BadgeAward(r.user_id, r.badge, r.earned_at, r.source_event_id) for r in rows]

    async def held(self, user_id: int) -> set[str]:
        return set(await self._session.scalars(select(BadgeRow.badge).where(BadgeRow.user_id == user_id)))

    async def clear(self) -> None:
        await self._session.execute(delete(BadgeRow))

    async def add_many(self, badges: Sequence[BadgeAward]) -> None:
        rows = [_to_row(badge) for badge in badges]
        await insert_all(self._session, BadgeRow, rows)


def _to_row(badge: BadgeAward) -> dict[str, Any]:
    return {
        "user_id": badge.user_id,
        "badge": badge.badge,
        "earned_at": badge.earned_at,
        "source_event_id": badge.source_event_id,
    }
