"""The insights pages' figures: read from stored daily features, put through the rules, cached.

Mentors see individuals of their own caseload only; aggregates are programme-wide for every
member of staff. Figures are cached until the next sync or recompute (or the cache's time limit)."""

from collections.abc import Awaitable, Callable
from datetime import date, timedelta
from typing import Any, TypeVar
from zoneinfo import ZoneInfo

from mb.domain.errors import FeatureDisabled
from mb.domain.model.flags import Flag
from mb.domain.model.insight_reports import Caseload, CaseloadEntry, Freshness, Overview
from mb.domain.model.insight_views import (
    FunnelGroup,
    FunnelGrouping,
    GamificationImpact,
    InterventionEffect,
    ModuleEffectiveness,
    SectorHeatmap,
)
from mb.domain.model.insights import AssessedFeatures, BoardPage, BoardQuery, BoardSort, InsightSnapshot
from mb.domain.model.roles import Role
from mb.domain.model.user import Actor
from mb.domain.ports.cache import Cache
from mb.domain.ports.clock import Clock
from mb.domain.ports.unit_of_work import UnitOfWork
from mb.domain.rules import funnel, gamification_impact, intervention_effect, module_effectiveness, sector_fit
from mb.domain.rules.next_action import suggest
from mb.domain.services.access import can_view, require_role
from mb.domain.services.feature_sync import FeatureSyncService
from mb.domain.services.flags import FeatureFlagService

T = TypeVar("T")
TREND_DAYS = 90
FOLLOW_UP_DAYS = 14  # an intervention's effect: the risk score this many days later
EFFECT_WINDOW_DAYS = 365
CASELOAD_SIZE = 200
# Snapshots: insights counted when a sync finishes rather than on each page view.
SECTORS = "sector_fit"
MODULES = "module_effectiveness"
INTERVENTIONS = "intervention_effectiveness"


class InsightsService:
    def __init__(
        self,
        uow: Callable[[], UnitOfWork],
        sync: FeatureSyncService,
        cache: Cache,
        clock: Clock,
        *,
        flags: FeatureFlagService,
        timezone: str,
        cache_s: float,
    ) -> None:
        self._uow = uow
        self._sync = sync
        self._cache = cache
        self._clock = clock
        self._flags = flags
        self._timezone = timezone
        self._zone = ZoneInfo(timezone)
        self._cache_s = cache_s

    async def freshness(self, actor: Actor) -> Freshness:
        require_role(actor, Role.MENTOR, Role.ADMIN)
        state = await self._sync.state()
        return Freshness(self._sync.source_name, state.latest_day, state.last_synced_at, state.last_error)

    async def overview(self, actor: Actor) -> Overview:
        require_role(actor, Role.MENTOR, Role.ADMIN)
        return await self._cached("overview", self._overview)

    async def funnel(self, actor: Actor, grouping: FunnelGrouping) -> list[FunnelGroup]:
        require_role(actor, Role.MENTOR, Role.ADMIN)

        async def build() -> list[FunnelGroup]:
            async with self._uow() as uow:
                day = await uow.features.latest_day()
                counts = await uow.insights.funnel_counts(day, grouping, self._timezone) if day else []
            return funnel.funnel(counts, grouping)

        return await self._cached(f"funnel:{grouping.value}", build)

    async def at_risk(self, actor: Actor, query: BoardQuery) -> BoardPage:
        """A page of the at-risk board; mentors see their own youth only."""
        require_role(actor, Role.MENTOR, Role.ADMIN)
        if actor.role is Role.MENTOR:
            query = BoardQuery(**{**query.__dict__, "mentor_id": actor.user_id})

        async def build() -> BoardPage:
            async with self._uow() as uow:
                return await uow.insights.risk_board_latest(query)

        if query.search:
            return await build()  # searches are too many and too varied to be worth keeping
        return await self._cached(f"board:{_key(query)}", build)

    async def caseload(self, actor: Actor) -> Caseload:
        """Who needs the mentor today: their youth by risk and time since last contact, each with
        a suggested next action. Admins see everyone's youth."""
        require_role(actor, Role.MENTOR, Role.ADMIN)
        if not await self._flags.is_enabled(Flag.NEW_DASHBOARD):
            raise FeatureDisabled(Flag.NEW_DASHBOARD.value)
        mentor_id = actor.user_id if actor.role is Role.MENTOR else None
        page = await self.at_risk(
            actor, BoardQuery(mentor_id=mentor_id, sort=BoardSort.NEEDS_ME, limit=CASELOAD_SIZE)
        )
        today = self._today()
        entries = tuple(CaseloadEntry(row, suggest(row, today)) for row in page.rows)
        return Caseload(page.day, entries, page.total)

    async def sectors(self, actor: Actor) -> SectorHeatmap:
        """Sector fit as counted when the last sync finished (counting it takes every youth's
        skills and modules: too slow for each page view at 5,000 youth)."""
        require_role(actor, Role.MENTOR, Role.ADMIN)

        async def build() -> SectorHeatmap:
            async with self._uow() as uow:
                stored = await uow.snapshots.get(SECTORS)
            if stored is not None:
                return SectorHeatmap.from_record(stored.payload)
            return await self._count_sectors()

        return await self._cached("sectors", build)

    async def refresh_snapshots(self) -> None:
        """Count the insights kept as snapshots; the feature sync calls this when it finishes."""
        await self._count_sectors()
        await self._count_modules()
        await self._count_interventions()

    async def _count_modules(self) -> list[ModuleEffectiveness]:
        async with self._uow() as uow:
            outcomes = await uow.insights.module_outcomes()
        modules = [module_effectiveness.rate(module) for module in outcomes]
        await self._keep(MODULES, {"modules": [module.as_record() for module in modules]})
        return modules

    async def _keep(self, name: str, payload: dict[str, Any]) -> None:
        async with self._uow() as uow:
            await uow.snapshots.save(InsightSnapshot(name, self._clock.now(), payload))
            await uow.commit()

    async def _count_sectors(self) -> SectorHeatmap:
        async with self._uow() as uow:
            skills = await uow.insights.sector_skills()
            youth = await uow.insights.sector_youth()
        heatmap = sector_fit.heatmap(youth, skills)
        await self._keep(SECTORS, heatmap.as_record())
        return heatmap

    async def modules(self, actor: Actor) -> list[ModuleEffectiveness]:
        """Module effectiveness as counted when the last sync finished (it reads every
        assignment: too slow for each page view at 5,000 youth)."""
        require_role(actor, Role.MENTOR, Role.ADMIN)

        async def build() -> list[ModuleEffectiveness]:
            async with self._uow() as uow:
                stored = await uow.snapshots.get(MODULES)
            if stored is not None:
                return [ModuleEffectiveness.from_record(module) for module in stored.payload["modules"]]
            return await self._count_modules()

        return await self._cached("modules", build)

    async def gamification(self, actor: Actor) -> GamificationImpact:
        require_role(actor, Role.MENTOR, Role.ADMIN)
        if not await self._flags.is_enabled(Flag.GAMIFICATION):
            raise FeatureDisabled(Flag.GAMIFICATION.value)

        async def build() -> GamificationImpact:
            async with self._uow() as uow:
                day = await uow.features.latest_day()
                groups = await uow.insights.gamification_groups(day) if day else []
            return gamification_impact.compare(groups)

        return await self._cached("gamification", build)

    async def interventions(self, actor: Actor) -> list[InterventionEffect]:
        """Intervention effectiveness as counted when the last sync finished (the scores it
        compares arrive with the features; it looks up two for every intervention of a year)."""
        require_role(actor, Role.MENTOR, Role.ADMIN)

        async def build() -> list[InterventionEffect]:
            async with self._uow() as uow:
                stored = await uow.snapshots.get(INTERVENTIONS)
            if stored is not None:
                return [InterventionEffect.from_record(effect) for effect in stored.payload["effects"]]
            return await self._count_interventions()

        return await self._cached("interventions", build)

    async def _count_interventions(self) -> list[InterventionEffect]:
        since = self._today() - timedelta(days=EFFECT_WINDOW_DAYS)
        async with self._uow() as uow:
            follow_ups = await uow.insights.intervention_follow_ups(since, FOLLOW_UP_DAYS)
        effects = intervention_effect.by_kind(follow_ups)
        await self._keep(INTERVENTIONS, {"effects": [effect.as_record() for effect in effects]})
        return effects

    async def youth_risk(self, actor: Actor, user_id: int, days: int = 30) -> list[AssessedFeatures]:
        """One youth's features and risk over the last `days` stored days, oldest first."""
        require_role(actor, Role.MENTOR, Role.ADMIN)
        async with self._uow() as uow:
            youth = await uow.users.get(user_id)
            if youth is None or not can_view(actor, youth):
                return []
            last = await uow.features.latest_day()
            if last is None:
                return []
            return list(await uow.features.for_youth(user_id, last - timedelta(days=days - 1), last))

    async def _overview(self) -> Overview:
        async with self._uow() as uow:
            day = await uow.features.latest_day()
            if day is None:
                return Overview(None, None, None, (), 0, 0)
            trend = tuple(await uow.insights.day_totals(day - timedelta(days=TREND_DAYS - 1), day, None))
            now = self._clock.now()
            contacts = await uow.insights.interventions_count(now - timedelta(days=30))
            # Those of the 30 days that ended a week ago: since 37 days ago, less the last 7 days'.
            recent = await uow.insights.interventions_count(now - timedelta(days=7))
            earlier = await uow.insights.interventions_count(now - timedelta(days=37)) - recent
        by_day = {totals.day: totals for totals in trend}
        week_before = by_day.get(day - timedelta(days=7))
        return Overview(day, by_day.get(day), week_before, trend, contacts, earlier)

    async def _cached(self, key: str, build: Callable[[], Awaitable[T]]) -> T:
        found = await self._cache.get(key)
        if found is not None:
            return found  # type: ignore[return-value]  # stored by this method under this key
        value = await build()
        if self._cache_s > 0:
            await self._cache.set(key, value, self._cache_s)
        return value

    def _today(self) -> date:
        return self._clock.now().astimezone(self._zone).date()


def _key(query: BoardQuery) -> str:
    level = query.level.value if query.level else ""
    return (
        "|".join(
            str(part)
            for part in (level, query.region, query.search.casefold(), query.mentor_id, query.sort.value)
        )
        + f"|{query.offset}|{query.limit}"
    )
