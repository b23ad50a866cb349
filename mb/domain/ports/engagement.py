"""What the engagement services need from storage."""

from collections.abc import Sequence
from datetime import datetime
from typing import Protocol

from mb.domain.model.engagement import BadgeAward, PointsEntry, Standing, Streak


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

    async def standings(self, since: datetime | None, region: str | None) -> Sequence[Standing]:
        """Active youth with points earned since `since` (all time when None), optionally in one
        region, most points first, ties by user id. Staff never appear; nor do youth whose
        points in the period add up to zero or less."""

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

    async def clear(self) -> None: ...

    async def add_many(self, badges: Sequence[BadgeAward]) -> None: ...


class StreakRepository(Protocol):
    async def get(self, user_id: int) -> Streak | None: ...

    async def save(self, streak: Streak) -> None:
        """Insert or replace the youth's streak."""

    async def clear(self) -> None: ...

    async def add_many(self, streaks: Sequence[Streak]) -> None: ...
