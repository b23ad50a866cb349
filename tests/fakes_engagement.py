"""In-memory fakes of the engagement repositories: the ledger, badges and streaks."""

import copy
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING

from mb.domain.model.engagement import BadgeAward, PointReason, PointsEntry, RankedStanding, Ranking, Streak
from mb.domain.model.roles import Role

if TYPE_CHECKING:
    from tests.fakes import Store


@dataclass
class EngagementStore:
    ledger: list[PointsEntry] = field(default_factory=list)
    badges: list[BadgeAward] = field(default_factory=list)
    streaks: dict[int, Streak] = field(default_factory=dict)


class FakePointsLedger:
    def __init__(self, store: "Store") -> None:
        self._store = store
        self._engagement = store.engagement

    async def add_new(self, entries: Sequence[PointsEntry]) -> list[PointsEntry]:
        stored = []
        for entry in entries:
            if any(e.user_id == entry.user_id and e.key == entry.key for e in self._engagement.ledger):
                continue
            entry.id = len(self._engagement.ledger) + 1
            self._engagement.ledger.append(copy.deepcopy(entry))
            stored.append(entry)
        return stored

    async def keys(self, user_id: int) -> set[str]:
        return {e.key for e in self._engagement.ledger if e.user_id == user_id}

    async def total(self, user_id: int) -> int:
        return sum(e.amount for e in self._engagement.ledger if e.user_id == user_id)

    async def history(self, user_id: int, offset: int, limit: int) -> Sequence[PointsEntry]:
        mine = [copy.deepcopy(e) for e in self._engagement.ledger if e.user_id == user_id]
        mine.sort(key=lambda e: (e.at, e.id or 0), reverse=True)
        return mine[offset : offset + limit]

    async def count(self, user_id: int) -> int:
        return sum(1 for e in self._engagement.ledger if e.user_id == user_id)

    async def ranking(
        self, since: datetime | None, region: str | None, *, first: int, viewer_id: int, around: int
    ) -> Ranking:
        points: dict[int, int] = {}
        for entry in self._engagement.ledger:
            if since is None or entry.at >= since:
                points[entry.user_id] = points.get(entry.user_id, 0) + entry.amount
        earned = []
        for user_id, total in points.items():
            user = self._store.users.get(user_id)
            if user is None or user.role is not Role.YOUTH or not user.is_active or total <= 0:
                continue
            if region and user.region != region:
                continue
            earned.append((total, user_id, user))
        earned.sort(key=lambda found: (-found[0], found[1]))
        everyone = []
        for position, (total, user_id, user) in enumerate(earned, start=1):
            rank = position if position == 1 or everyone[-1].points != total else everyone[-1].rank
            everyone.append(
                RankedStanding(
                    position, rank, user_id, user.full_name, user.region, user.shows_on_leaderboard, total
                )
            )
        viewer = next((s for s in everyone if s.user_id == viewer_id), None)
        near = range(viewer.position - around, viewer.position + around + 1) if viewer else range(0)
        shown = tuple(s for s in everyone if s.position <= first or s.position in near)
        return Ranking(shown, viewer, len(everyone))

    async def clear_awards(self) -> None:
        self._engagement.ledger = [e for e in self._engagement.ledger if e.reason is PointReason.ADJUSTMENT]

    async def add_many(self, entries: Sequence[PointsEntry]) -> None:
        for entry in entries:
            entry.id = len(self._engagement.ledger) + 1
            self._engagement.ledger.append(copy.deepcopy(entry))

    async def rebuild_totals(self) -> None:
        """Totals are summed on every read here."""


class FakeBadgeRepository:
    def __init__(self, store: "Store") -> None:
        self._engagement = store.engagement

    async def add_new(self, badges: Sequence[BadgeAward]) -> list[BadgeAward]:
        held = {(b.user_id, b.badge) for b in self._engagement.badges}
        stored = [b for b in badges if (b.user_id, b.badge) not in held]
        self._engagement.badges += stored
        return stored

    async def for_user(self, user_id: int) -> Sequence[BadgeAward]:
        return sorted((b for b in self._engagement.badges if b.user_id == user_id), key=lambda b: b.earned_at)

    async def held(self, user_id: int) -> set[str]:
        return {b.badge for b in self._engagement.badges if b.user_id == user_id}

    async def clear(self) -> None:
        self._engagement.badges = []

    async def add_many(self, badges: Sequence[BadgeAward]) -> None:
        self._engagement.badges += badges


class FakeStreakRepository:
    def __init__(self, store: "Store") -> None:
        self._engagement = store.engagement

    async def get(self, user_id: int) -> Streak | None:
        return copy.deepcopy(self._engagement.streaks.get(user_id))

    async def save(self, streak: Streak) -> None:
        self._engagement.streaks[streak.user_id] = copy.deepcopy(streak)

    async def clear(self) -> None:
        self._engagement.streaks = {}

    async def add_many(self, streaks: Sequence[Streak]) -> None:
        for streak in streaks:
            await self.save(streak)
