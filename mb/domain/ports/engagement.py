"""What the engagement services need from storage."""

from collections.abc import Sequence
from datetime import datetime
from typing import Protocol

from mb.domain.model.engagement import BadgeAward, PointsEntry, Ranking, Streak


class PointsLedger(Protocol):
    """Append-only points, one row per award, and each youth's running total."""

    async def add_new(self, entries: Sequence[PointsEntry]) -> list[PointsEntry]:
        """Store the entries whose key their youth does not hold yet, even when another
        transaction stores the same key at the same moment; raise each youth's total by what was
        stored. Returns the stored entries."""

    async def keys(self, user_id: int) -> set[str]: ...

    async def total(self, user_id: int) -> int: ...

    async def history(self, user_id: int, offset: int, limit: int) -> Sequence[PointsEntry]:
        """Newest first (ties: the latest stored first)."""

    async def count(self, user_id: int) -> int: ...

    async def ranking(
        self, since: datetime | None, region: str | None, *, first: int, viewer_id: int, around: int
    ) -> Ranking:
        """Ranks active youth by points earned since `since` (all time when None), optionally in
        one region, most points first, ties by user id. Staff never rank; nor do youth whose
        points in the period add up to zero or less.

        Returns only positions 1 to `first` and, when the viewer ranks, the positions within
        `around` of theirs, with how many rank in all. `first` is at least 1: an adapter may
        read that count from the rows it returns."""

    async def clear_awards(self) -> None:
        """Delete every entry except admins' adjustments (a recompute writes the rest again)."""

    async def add_many(self, entries: Sequence[PointsEntry]) -> None:
        """Bulk insert into a cleared ledger; totals are brought up to date by `rebuild_totals`."""

    async def rebuild_totals(self) -> None:
        """Set every youth's total to the sum of their entries."""


class BadgeRepository(Protocol):
    async def add_new(self, badges: Sequence[BadgeAward]) -> list[BadgeAward]:
        """Store the badges their youth does not hold yet (safe against a concurrent award)."""

    async def for_user(self, user_id: int) -> Sequence[BadgeAward]:
        """Oldest first."""

    async def held(self, user_id: int) -> set[str]:
        """The codes of the badges the youth holds (what awarding needs, read cheaply)."""

    async def clear(self) -> None: ...

    async def add_many(self, badges: Sequence[BadgeAward]) -> None: ...


class StreakRepository(Protocol):
    async def get(self, user_id: int) -> Streak | None: ...

    async def save(self, streak: Streak) -> None:
        """Insert or replace the youth's streak."""

    async def clear(self) -> None: ...

    async def add_many(self, streaks: Sequence[Streak]) -> None: ...
