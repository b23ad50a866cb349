"""The points ledger and each youth's running total (`points_totals`), kept in step."""

from collections import defaultdict
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import CTE, Select, case, delete, func, insert, literal_column, or_, select, update
from sqlalchemy.engine import CursorResult
from sqlalchemy.ext.asyncio import AsyncSession

from mb.adapters.db.repositories.bulk import insert_all
from mb.adapters.db.repositories.on_conflict import conflict_insert, insert_new
from mb.adapters.db.repositories.youth_filter import youth_conditions
from mb.adapters.db.tables import PointsEntryRow, PointsTotalRow, UserRow
from mb.domain.model.engagement import PointReason, PointsEntry, RankedStanding, Ranking
from mb.domain.model.youth_filter import YouthFilter

Key = tuple[int, str]  # (user id, award key): what a youth holds once


class SqlaPointsLedger:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def add_new(self, entries: Sequence[PointsEntry]) -> list[PointsEntry]:
        wanted: dict[Key, PointsEntry] = {}
        for entry in entries:
            wanted.setdefault((entry.user_id, entry.key), entry)
        rows = [_to_row(entry) for entry in wanted.values()]
        ids = await insert_new(self._session, PointsEntryRow, rows, ("user_id", "award_key"))
        stored = []
        for key, entry in wanted.items():
            if key in ids:
                entry.id = ids[key]
                stored.append(entry)
        await self._raise_totals(stored)
        return stored

    async def keys(self, user_id: int) -> set[str]:
        found = await self._session.scalars(
            select(PointsEntryRow.award_key).where(PointsEntryRow.user_id == user_id)
        )
        return set(found)

    async def total(self, user_id: int) -> int:
        found = await self._session.scalar(
            select(PointsTotalRow.points).where(PointsTotalRow.user_id == user_id)
        )
        return int(found or 0)

    async def history(self, user_id: int, offset: int, limit: int) -> Sequence[PointsEntry]:
        rows = await self._session.scalars(
            select(PointsEntryRow)
            .where(PointsEntryRow.user_id == user_id)
            .order_by(PointsEntryRow.at.desc(), PointsEntryRow.id.desc())
            .offset(offset)
            .limit(limit)
        )
        return [_to_entry(row) for row in rows]

    async def count(self, user_id: int) -> int:
        found = await self._session.scalar(
            select(func.count()).select_from(PointsEntryRow).where(PointsEntryRow.user_id == user_id)
        )
        return int(found or 0)

    async def ranking(
        self, since: datetime | None, region: str | None, *, first: int, viewer_id: int, around: int
    ) -> Ranking:
        # Ranked in the database, in one statement: only the rows shown come back, and only they
        # are joined to mb_users again for names (thousands of rows ranked in Python cost more
        # than the query).
        placed = _places(since, region, viewer_id)
        near = placed.c.position.between(placed.c.viewer_position - around, placed.c.viewer_position + around)
        found = await self._session.execute(
            select(
                placed.c.position,
                placed.c.rank,
                placed.c.user_id,
                UserRow.full_name,
                UserRow.region,
                UserRow.shows_on_leaderboard,
                placed.c.points,
                placed.c.ranked,
            )
            .join(UserRow, UserRow.id == placed.c.user_id)
            .where(or_(placed.c.position <= first, near))
            .order_by(placed.c.position)
        )
        rows = found.all()
        shown = tuple(
            RankedStanding(int(position), int(rank), user_id, name, home, bool(shows), int(points))
            for position, rank, user_id, name, home, shows, points, _ in rows
        )
        viewer = next((standing for standing in shown if standing.user_id == viewer_id), None)
        return Ranking(shown, viewer, int(rows[0].ranked) if rows else 0)

    async def clear_awards(self) -> None:
        await self._session.execute(
            delete(PointsEntryRow).where(PointsEntryRow.reason != PointReason.ADJUSTMENT.value)
        )

    async def add_many(self, entries: Sequence[PointsEntry]) -> None:
        rows = [_to_row(entry) for entry in entries]
        await insert_all(self._session, PointsEntryRow, rows)

    async def rebuild_totals(self) -> None:
        await self._session.execute(delete(PointsTotalRow))
        sums = select(PointsEntryRow.user_id, func.sum(PointsEntryRow.amount)).group_by(
            PointsEntryRow.user_id
        )
        await self._session.execute(insert(PointsTotalRow).from_select(["user_id", "points"], sums))

    async def _raise_totals(self, stored: Sequence[PointsEntry]) -> None:
        earned: dict[int, int] = defaultdict(int)
        for entry in stored:
            earned[entry.user_id] += entry.amount
        rows = [{"user_id": user_id, "points": points} for user_id, points in sorted(earned.items())]
        if not rows:
            return
        statement = conflict_insert(self._session, PointsTotalRow)
        if statement is not None:
            raising = {"points": PointsTotalRow.points + statement.excluded.points}
            upsert = statement.on_conflict_do_update(index_elements=["user_id"], set_=raising)
            await self._session.execute(upsert, rows)
            return
        for row in rows:
            raised = await self._session.execute(
                update(PointsTotalRow)
                .where(PointsTotalRow.user_id == row["user_id"])
                .values(points=PointsTotalRow.points + row["points"])
            )
            assert isinstance(raised, CursorResult)
            if raised.rowcount == 0:
                await self._session.execute(insert(PointsTotalRow).values(row))


def _places(since: datetime | None, region: str | None, viewer_id: int) -> CTE:
    """Every ranked youth's position, rank and points, with the viewer's position (NULL when they
    do not rank) and how many rank on each row.

    `placed` is a second window over `ranked`, not a second reference to it, which Azure SQL would
    compute twice; its count shares that window's one pass.
    """
    earned = _earned(since).subquery("earned")
    most_first = earned.c.points.desc()
    ranked = (
        select(
            earned.c.user_id,
            earned.c.points,
            func.rank().over(order_by=most_first).label("rank"),
            func.row_number().over(order_by=(most_first, earned.c.user_id)).label("position"),
        )
        .join(UserRow, UserRow.id == earned.c.user_id)
        .where(*youth_conditions(YouthFilter(region=region or "")))
        .cte("ranked")
    )
    viewers_place = case((ranked.c.user_id == viewer_id, ranked.c.position))  # else NULL
    return select(
        ranked,
        func.max(viewers_place).over().label("viewer_position"),
        func.count().over().label("ranked"),
    ).cte("placed")


def _earned(since: datetime | None) -> Select[int, int]:
    """Each youth's points since `since` (all time when None), where they add up to more than 0."""
    if since is None:
        return select(PointsTotalRow.user_id, PointsTotalRow.points).where(PointsTotalRow.points > 0)
    # Summed from a range of the (at, user_id, amount) index alone. Grouped by user_id as is,
    # SQLite would rather walk a user_id index whole (to skip sorting the groups) and read the
    # entire ledger; `user_id + 0` is no indexed column, leaving it the range.
    points = func.sum(PointsEntryRow.amount)
    youth = PointsEntryRow.user_id + literal_column("0")
    return (
        select(youth.label("user_id"), points.label("points"))
        .where(PointsEntryRow.at >= since)
        .group_by(youth)
        .having(points > 0)
    )


def _to_row(entry: PointsEntry) -> dict[str, Any]:
    return {
        "user_id": entry.user_id,
        "amount": entry.amount,
        "reason": entry.reason.value,
        "award_key": entry.key,
        "at": entry.at,
        "source_event_id": entry.source_event_id,
        "module_id": entry.module_id,
        "note": entry.note,
        "awarded_by": entry.awarded_by,
    }


def _to_entry(row: PointsEntryRow) -> PointsEntry:
    return PointsEntry(
        user_id=row.user_id,
        amount=row.amount,
        reason=PointReason(row.reason),
        key=row.award_key,
        at=row.at,
        source_event_id=row.source_event_id,
        module_id=row.module_id,
        note=row.note,
        awarded_by=row.awarded_by,
        id=row.id,
    )
