"""In-memory fakes of the insights storage — daily features with their risk, the per-day totals,
the sync log, interventions and the insight queries — over the same Store as tests/fakes.py.
They read people, modules and assignments from that Store, as the SQL reads their tables."""

import copy
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, timedelta
from statistics import median
from typing import TYPE_CHECKING

from mb.domain.model.assignment import AssignmentStatus
from mb.domain.model.daily_features import SyncState
from mb.domain.model.insight_views import FunnelGrouping
from mb.domain.model.insights import (
    AssessedFeatures,
    BoardPage,
    BoardQuery,
    BoardRow,
    BoardSort,
    DayTotals,
    FunnelCounts,
    GamificationGroupFacts,
    InterventionFollowUps,
    LastContact,
    ModuleOutcomes,
    SectorYouth,
)
from mb.domain.model.intervention import Intervention, InterventionKind
from mb.domain.model.module import ModuleStatus
from mb.domain.model.risk import RiskLevel
from mb.domain.model.roles import Role
from mb.domain.model.user import User
from mb.domain.rules.funnel import cohort_of

if TYPE_CHECKING:
    from tests.fakes import Store

ERROR_LENGTH = 500  # a sync's error is cut to what the SQL column holds
TREND_DAYS = 7
STARTED = (AssignmentStatus.IN_PROGRESS, AssignmentStatus.COMPLETED)
LEVEL_ORDER = {level: number for number, level in enumerate(RiskLevel)}  # HIGH first
EARLIEST = datetime.min.replace(tzinfo=UTC)


@dataclass
class InsightStore:
    features: dict[tuple[int, date], AssessedFeatures] = field(default_factory=dict)
    totals: dict[date, DayTotals] = field(default_factory=dict)
    sync: dict[str, SyncState] = field(default_factory=dict)
    interventions: dict[int, tuple[Intervention, date]] = field(default_factory=dict)

    def on(self, day: date) -> list[AssessedFeatures]:
        """The day's rows, by user id."""
        return [row for (_, stored), row in sorted(self.features.items()) if stored == day]


class FakeFeatureStore:
    def __init__(self, store: "Store") -> None:
        self._insights = store.insights

    async def upsert(self, rows: Sequence[AssessedFeatures]) -> None:
        for row in rows:
            self._insights.features[(row.features.user_id, row.features.feature_date)] = row

    async def refresh_totals(self, days: Sequence[date]) -> None:
        for day in set(days):
            if rows := self._insights.on(day):
                self._insights.totals[day] = totals_of(day, rows)

    async def latest_day(self) -> date | None:
        return max((day for _, day in self._insights.features), default=None)

    async def for_youth(self, user_id: int, first: date, last: date) -> Sequence[AssessedFeatures]:
        return [
            row
            for (stored_id, day), row in sorted(self._insights.features.items(), key=lambda item: item[0][1])
            if stored_id == user_id and first <= day <= last
        ]


class FakeFeatureSyncLog:
    def __init__(self, store: "Store") -> None:
        self._insights = store.insights

    async def get(self, source: str) -> SyncState:
        stored = copy.deepcopy(self._insights.sync.get(source, SyncState(source)))
        stored.latest_day = max((day for _, day in self._insights.features), default=None)
        return stored

    async def save(self, state: SyncState) -> None:
        # The newest day is the features' own, never stored with the state.
        kept = replace(state, last_error=state.last_error[:ERROR_LENGTH], latest_day=None)
        self._insights.sync[state.source] = copy.deepcopy(kept)


class FakeInterventionRepository:
    def __init__(self, store: "Store") -> None:
        self._insights = store.insights

    async def add(self, intervention: Intervention, on_day: date) -> Intervention:
        intervention.id = max(self._insights.interventions, default=0) + 1
        self._insights.interventions[intervention.id] = (copy.deepcopy(intervention), on_day)
        return intervention

    async def for_youth(self, youth_id: int, limit: int) -> Sequence[Intervention]:
        mine = [i for i, _ in self._insights.interventions.values() if i.youth_id == youth_id]
        mine.sort(key=lambda i: (i.at, i.id or 0), reverse=True)
        return copy.deepcopy(mine[:limit])


class FakeInsightQueries:
    def __init__(self, store: "Store") -> None:
        self._store = store
        self._insights = store.insights
        self._learning = store.learning

    async def day_totals(self, first: date, last: date, mentor_id: int | None) -> Sequence[DayTotals]:
        if mentor_id is None:
            return [totals for day, totals in sorted(self._insights.totals.items()) if first <= day <= last]
        caseload = {u.id for u in self._store.users.values() if u.mentor_id == mentor_id}
        days: dict[date, list[AssessedFeatures]] = {}
        for (user_id, day), row in self._insights.features.items():
            if user_id in caseload and first <= day <= last:
                days.setdefault(day, []).append(row)
        return [totals_of(day, rows) for day, rows in sorted(days.items())]

    async def risk_board(self, day: date, query: BoardQuery) -> BoardPage:
        found = [self._board_row(row, user) for row, user in self._youth_on(day) if _found_by(user, query)]
        counts = dict.fromkeys(RiskLevel, 0)
        for row in found:
            counts[row.level] += 1
        chosen = [row for row in found if query.level is None or row.level is query.level]
        chosen.sort(key=lambda row: _board_order(row, query.sort))
        return BoardPage(day, chosen[query.offset : query.offset + query.limit], len(chosen), counts)

    async def risk_board_latest(self, query: BoardQuery) -> BoardPage:
        day = max((day for _, day in self._insights.features), default=None)
        return BoardPage(None, [], 0, {}) if day is None else await self.risk_board(day, query)

    async def funnel_counts(
        self, day: date, grouping: FunnelGrouping, timezone: str
    ) -> Sequence[FunnelCounts]:
        groups: dict[str, list[int]] = {}
        for row, user in self._youth_on(day):
            name = {
                FunnelGrouping.NONE: "",
                FunnelGrouping.REGION: user.region,
                FunnelGrouping.COHORT: cohort_of(user.created_at, timezone),
            }[grouping]
            f = row.features
            reached = (True, f.career_survey_done, f.modules_started > 0, f.modules_completed > 0)
            reached += (f.badges_earned > 0, f.placed)
            counts = groups.setdefault(name, [0] * len(reached))
            for step, done in enumerate(reached):
                counts[step] += done
        return [FunnelCounts(name, *counts) for name, counts in groups.items()]

    async def sector_youth(self) -> Sequence[SectorYouth]:
        youth = sorted((u for u in self._store.users.values() if _active_youth(u)), key=lambda u: u.id or 0)
        held = sorted(
            (a for a in self._learning.assignments.values() if a.status in STARTED),
            key=lambda a: (a.user_id, a.module_id),
        )
        found = []
        for user in youth:
            mine = [(a, self._learning.modules[a.module_id]) for a in held if a.user_id == user.id]
            learned = {
                skill
                for a, module in mine
                if a.status is AssignmentStatus.COMPLETED
                for skill in module.skills
            }
            assert user.id is not None
            found.append(
                SectorYouth(
                    user.id,
                    frozenset(user.sector_interests),
                    frozenset(user.skills) | learned,
                    tuple(module.sector for _, module in mine),
                )
            )
        return found

    async def sector_skills(self) -> dict[str, frozenset[str]]:
        skills: dict[str, set[str]] = {}
        for module in self._learning.modules.values():
            if module.status is ModuleStatus.ACTIVE and module.sector:
                skills.setdefault(module.sector, set()).update(module.skills)
        return {sector: frozenset(taught) for sector, taught in sorted(skills.items())}

    async def module_outcomes(self) -> Sequence[ModuleOutcomes]:
        modules = sorted(
            (m for m in self._learning.modules.values() if m.status is ModuleStatus.ACTIVE),
            key=lambda m: m.code,
        )
        found = []
        for module in modules:
            held = [
                a
                for a in self._learning.assignments.values()
                if a.module_id == module.id and a.status is not AssignmentStatus.INACTIVE
            ]
            done = [a for a in held if a.status is AssignmentStatus.COMPLETED]
            took = sorted(
                (a.completed_at - (a.started_at or a.assigned_at)).total_seconds() / 86400
                for a in done
                if a.completed_at is not None
            )
            average = sum(a.progress for a in held) / len(held) if held else 0.0
            assert module.id is not None
            found.append(
                ModuleOutcomes(
                    module.id,
                    module.code,
                    module.title,
                    module.sector,
                    len(held),
                    len(done),
                    average,
                    median(took) if took else None,
                )
            )
        return found

    async def gamification_groups(self, day: date) -> Sequence[GamificationGroupFacts]:
        groups: dict[bool, list[AssessedFeatures]] = {}
        for row, _ in self._youth_on(day):
            groups.setdefault(row.features.badges_earned > 0, []).append(row)
        return [
            GamificationGroupFacts(
                earners,
                len(rows),
                sum(r.features.active_days_30 for r in rows),
                sum(r.features.modules_assigned for r in rows),
                sum(r.features.modules_completed for r in rows),
            )
            for earners, rows in sorted(groups.items(), reverse=True)
        ]

    async def intervention_follow_ups(self, since: date, days_after: int) -> Sequence[InterventionFollowUps]:
        changes: dict[InterventionKind, list[int | None]] = {}
        for i, day in self._insights.interventions.values():
            if day < since:
                continue
            before = self._score(i.youth_id, day)
            after = self._score(i.youth_id, day + timedelta(days=days_after))
            change = None if before is None or after is None else after - before
            changes.setdefault(i.kind, []).append(change)
        found = []
        for kind, of_kind in changes.items():
            measured = [c for c in of_kind if c is not None]
            found.append(
                InterventionFollowUps(
                    kind,
                    len(of_kind),
                    len(measured),
                    sum(measured),
                    sum(1 for c in measured if c < 0),
                    sum(1 for c in measured if c == 0),
                    sum(1 for c in measured if c > 0),
                )
            )
        return found

    async def interventions_count(self, since: datetime) -> int:
        return sum(1 for i, _ in self._insights.interventions.values() if i.at >= since)

    def _youth_on(self, day: date) -> Iterable[tuple[AssessedFeatures, User]]:
        """The day's rows of active youth, by user id."""
        for row in self._insights.on(day):
            user = self._store.users.get(row.features.user_id)
            if user is not None and _active_youth(user):
                yield row, user

    def _score(self, user_id: int, day: date) -> int | None:
        row = self._insights.features.get((user_id, day))
        return None if row is None else row.risk.score

    def _board_row(self, row: AssessedFeatures, user: User) -> BoardRow:
        mentor = self._store.users.get(user.mentor_id) if user.mentor_id is not None else None
        features = row.features
        return BoardRow(
            user_id=features.user_id,
            full_name=user.full_name,
            student_id=user.student_id or "",
            region=user.region,
            mentor_name=mentor.full_name if mentor else "",
            score=row.risk.score,
            level=row.risk.level,
            reasons=row.risk.reasons,
            score_7_days_ago=self._score(
                features.user_id, features.feature_date - timedelta(days=TREND_DAYS)
            ),
            days_inactive=features.days_inactive,
            avg_completion=features.avg_completion,
            last_contact=self._last_contact(features.user_id),
        )

    def _last_contact(self, youth_id: int) -> LastContact | None:
        mine = [i for i, _ in self._insights.interventions.values() if i.youth_id == youth_id]
        latest = max(mine, key=lambda i: (i.at, i.id or 0), default=None)
        return None if latest is None else LastContact(latest.at, latest.kind)


def totals_of(day: date, rows: Sequence[AssessedFeatures]) -> DayTotals:
    levels = [row.risk.level for row in rows]
    return DayTotals(
        day,
        len(rows),
        sum(1 for row in rows if row.features.active_days_7 > 0),
        sum(row.features.modules_assigned for row in rows),
        sum(row.features.modules_completed for row in rows),
        levels.count(RiskLevel.HIGH),
        levels.count(RiskLevel.MEDIUM),
        levels.count(RiskLevel.LOW),
    )


def _active_youth(user: User) -> bool:
    return user.role is Role.YOUTH and user.is_active


def _found_by(user: User, query: BoardQuery) -> bool:
    term = query.search.strip()
    return (
        (not query.region or user.region == query.region)
        and (query.mentor_id is None or user.mentor_id == query.mentor_id)
        and (not term or term.lower() in user.full_name.lower() or term.upper() in (user.student_id or ""))
    )


def _board_order(row: BoardRow, sort: BoardSort) -> tuple[object, ...]:
    """As the SQL orders: never contacted before the longest since contact, ties by user id."""
    contact = row.last_contact
    since_contact = (contact is not None, contact.at if contact else EARLIEST)
    if sort is BoardSort.RISK:
        return (-row.score, since_contact, row.user_id)
    if sort is BoardSort.NEEDS_ME:
        return (LEVEL_ORDER[row.level], since_contact, -row.score, row.user_id)
    if sort is BoardSort.RISING:
        trend = row.trend
        return (trend is None, -(trend or 0), -row.score, row.user_id)
    if sort is BoardSort.INACTIVE:
        return (-row.days_inactive, row.user_id)
    return (row.full_name, row.user_id)
