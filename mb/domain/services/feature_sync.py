"""Bringing daily features in: from the source, assessed for risk, stored in batches."""

import asyncio
import logging
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime

from mb.domain.errors import Unavailable
from mb.domain.model.audit import AuditEntry
from mb.domain.model.daily_features import DailyFeatures, DayRange, FeatureWatermark, SyncState
from mb.domain.model.insights import AssessedFeatures
from mb.domain.model.risk import RiskWeights
from mb.domain.model.roles import Role
from mb.domain.model.user import Actor
from mb.domain.ports.cache import Cache
from mb.domain.ports.clock import Clock
from mb.domain.ports.features import FeatureSource
from mb.domain.ports.unit_of_work import UnitOfWork
from mb.domain.rules.risk import assess
from mb.domain.services.access import require_role

log = logging.getLogger("mb.features")

Progress = Callable[[int], Awaitable[None] | None]


@dataclass(frozen=True)
class SyncReport:
    source: str
    rows: int
    days: tuple[date, ...]  # the days whose rows arrived, oldest first
    started_at: datetime
    finished_at: datetime


class FeatureSyncService:
    """Runs the feature sync: nightly, hourly, from `mb sync-features` and from the system page.

    Rows newer than the stored watermark are read in batches; each batch is assessed for risk,
    upserted and committed with the watermark it reached, so a sync that stops half-way resumes
    where it stopped and a batch read twice changes nothing."""

    def __init__(
        self,
        uow: Callable[[], UnitOfWork],
        source: FeatureSource,
        clock: Clock,
        *,
        weights: RiskWeights,
        cache: Cache,
        batch_rows: int,
    ) -> None:
        self._uow = uow
        self._source = source
        self._clock = clock
        self._weights = weights
        self._cache = cache
        self._batch_rows = batch_rows
        self._running = asyncio.Lock()
        # Run when a sync finishes, before the cache is cleared: insights counted once per sync.
        self.after_sync: list[Callable[[], Awaitable[None]]] = []

    @property
    def source_name(self) -> str:
        return self._source.name

    @property
    def running(self) -> bool:
        return self._running.locked()

    async def state(self) -> SyncState:
        async with self._uow() as uow:
            return await uow.feature_sync.get(self._source.name)

    async def sync(
        self, actor: Actor | None, days: DayRange | None = None, progress: Progress | None = None
    ) -> SyncReport:
        """Bring in what is new (or, with `days`, those days again); `actor` None is the operator
        or the schedule. Raises `Unavailable` when the source cannot be read: what was stored
        before stays, and the pages say since when it is stale."""
        if actor is not None:
            require_role(actor, Role.ADMIN)
        async with self._running:
            started = self._clock.now()
            state = await self.state()
            rows, touched = 0, set[date]()
            try:
                after = None if days is not None else state.watermark
                async for batch in self._source.batches(after, days, self._batch_rows):
                    if not batch:
                        continue
                    state = await self._store(batch, state, moves_watermark=days is None)
                    rows += len(batch)
                    touched.update(row.feature_date for row in batch)
                    if progress is not None and (pending := progress(rows)) is not None:
                        await pending
            except Unavailable as error:
                await self._record_failure(error.message)
                if rows:
                    await self._cache.clear()
                raise
            finished = self._clock.now()
            await self._record_success(finished, rows)
            for follow_up in self.after_sync:
                await follow_up()
            await self._cache.clear()
        report = SyncReport(self._source.name, rows, tuple(sorted(touched)), started, finished)
        log.info(
            "features.synced",
            extra={"source": report.source, "rows": rows, "days": len(report.days), "by": _who(actor)},
        )
        if actor is not None:  # an admin: checked above
            await self._audit(actor, report)
        return report

    async def _store(
        self, rows: Sequence[DailyFeatures], state: SyncState, *, moves_watermark: bool
    ) -> SyncState:
        assessed = [AssessedFeatures(row, assess(row, self._weights)) for row in rows]
        watermark = state.watermark
        if moves_watermark:
            # A range read again (a recompute or backfill) says nothing about what is new.
            reached = max(FeatureWatermark.of(row) for row in rows)
            watermark = reached if watermark is None else max(watermark, reached)
        async with self._uow() as uow:
            await uow.features.upsert(assessed)
            await uow.features.refresh_totals(sorted({row.feature_date for row in rows}))
            state = replace(state, watermark=watermark)
            await uow.feature_sync.save(state)
            await uow.commit()
        return state

    async def _record_failure(self, reason: str) -> None:
        log.warning("features.sync_failed", extra={"source": self._source.name, "reason": reason})
        async with self._uow() as uow:
            state = await uow.feature_sync.get(self._source.name)
            await uow.feature_sync.save(replace(state, last_error=reason, last_error_at=self._clock.now()))
            await uow.commit()

    async def _record_success(self, at: datetime, rows: int) -> None:
        async with self._uow() as uow:
            state = await uow.feature_sync.get(self._source.name)
            done = replace(state, last_synced_at=at, rows_last_sync=rows, last_error="", last_error_at=None)
            await uow.feature_sync.save(done)
            await uow.commit()

    async def _audit(self, actor: Actor, report: SyncReport) -> None:
        entry = AuditEntry(
            at=report.finished_at,
            actor_id=actor.user_id,
            action="features.synced",
            target_type="features",
            target_id=report.source,
            details={"rows": report.rows, "days": len(report.days)},
        )
        async with self._uow() as uow:
            await uow.audit.record(entry)
            await uow.commit()


def _who(actor: Actor | None) -> str:
    return "schedule or operator" if actor is None else f"user {actor.user_id}"
