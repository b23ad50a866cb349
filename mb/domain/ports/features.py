"""What the insights need: a source of daily features, and storage for them and for what is
read from them."""

from collections.abc import AsyncIterator, Sequence
from datetime import date, datetime
from typing import Protocol

from mb.domain.model.daily_features import DailyFeatures, DayRange, FeatureWatermark, SyncState
from mb.domain.model.insight_views import FunnelGrouping
from mb.domain.model.insights import (
    AssessedFeatures,
    BoardPage,
    BoardQuery,
    DayTotals,
    FunnelCounts,
    GamificationGroupFacts,
    InsightSnapshot,
    InterventionFollowUps,
    ModuleOutcomes,
    SectorYouth,
)
from mb.domain.model.intervention import Intervention


class FeatureSource(Protocol):
    """Where daily features come from: computed from the app's own tables, or read from the
    lakehouse. Raises `Unavailable` (with a reason a person can act on) when it cannot be read."""

    name: str  # "local" or "databricks": the sync state is kept per source

    def batches(
        self, after: FeatureWatermark | None, days: DayRange | None, batch_rows: int
    ) -> AsyncIterator[Sequence[DailyFeatures]]:
        """Rows newer than `after`, in watermark order (feature_timestamp, user_id, day), at most
        `batch_rows` at a time. With `days`, only those days (a recompute or re-read; the sync
        then passes no watermark). The local source computes the days it yields: from the watermark's
        day (or today when there is none) to today."""

    async def ping(self) -> str:
        """A short description of the source when it answers; raises `Unavailable` otherwise."""


class FeatureStore(Protocol):
    """`student_daily_features`, each row with its risk assessment, and the per-day totals."""

    async def upsert(self, rows: Sequence[AssessedFeatures]) -> None:
        """Insert or replace by (user_id, feature_date): storing a row twice changes nothing."""

    async def refresh_totals(self, days: Sequence[date]) -> None:
        """Recount the programme totals of these days from the stored rows."""

    async def latest_day(self) -> date | None: ...

    async def for_youth(self, user_id: int, first: date, last: date) -> Sequence[AssessedFeatures]:
        """Oldest first."""


class FeatureSyncLog(Protocol):
    async def get(self, source: str) -> SyncState:
        """The stored state, or a fresh one for a source never synced."""

    async def save(self, state: SyncState) -> None: ...


class InterventionRepository(Protocol):
    async def add(self, intervention: Intervention, on_day: date) -> Intervention:
        """Stores it with its programme day (`on_day`); returns it with its id."""

    async def for_youth(self, youth_id: int, limit: int) -> Sequence[Intervention]:
        """Newest first."""


class InsightQueries(Protocol):
    """Read-only aggregates for the insights pages. `mentor_id` narrows to one caseload."""

    async def day_totals(self, first: date, last: date, mentor_id: int | None) -> Sequence[DayTotals]:
        """Oldest first; days without features are left out."""

    async def risk_board(self, day: date, query: BoardQuery) -> BoardPage: ...

    async def risk_board_latest(self, query: BoardQuery) -> BoardPage:
        """The board on the newest day of features (day None, nothing found: none stored)."""

    async def funnel_counts(
        self, day: date, grouping: FunnelGrouping, timezone: str
    ) -> Sequence[FunnelCounts]:
        """Per region, per cohort (the month of registration in `timezone`, "2026-03") or for the
        whole programme (group ""): the day's active youth who reached each stage. Groups without
        youth are left out, in no particular order."""

    async def sector_youth(self) -> Sequence[SectorYouth]:
        """Active youth."""

    async def sector_skills(self) -> dict[str, frozenset[str]]:
        """Each sector's skills: what its active modules teach."""

    async def module_outcomes(self) -> Sequence[ModuleOutcomes]:
        """Active modules, by code."""

    async def gamification_groups(self, day: date) -> Sequence[GamificationGroupFacts]: ...

    async def intervention_follow_ups(self, since: date, days_after: int) -> Sequence[InterventionFollowUps]:
        """Interventions on or after `since`, summed by kind: one entry per kind that has any, in
        no particular order. Each is measured by the youth's risk score on its day and
        `days_after` later."""

    async def interventions_count(self, since: datetime) -> int: ...


class InsightSnapshots(Protocol):
    async def get(self, name: str) -> InsightSnapshot | None: ...

    async def save(self, snapshot: InsightSnapshot) -> None:
        """Replaces the snapshot of that name."""
